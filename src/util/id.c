#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "id.h"

int wg_id_new(char out[WG_ID_HEXLEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[16];
	size_t got = 0;

	while (got < sizeof raw) {
		ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof raw; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[WG_ID_HEXLEN] = '\0';
	return 0;
}

bool wg_id_valid(const char *s)
{
	size_t i;
	for (i = 0; i < WG_ID_HEXLEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[i] == '\0';
}

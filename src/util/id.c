#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "id.h"

/* The demo's ids (wg_id_demo_seed): splitmix64 from its seed. */
static bool seeded;
static uint64_t state;

void wg_id_demo_seed(const uint64_t *seed)
{
	seeded = seed != NULL;
	state = seed ? *seed : 0;
}

static uint64_t splitmix64(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int wg_id_new(char out[WG_ID_HEXLEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[16];
	size_t got = 0;

	if (seeded) {
		for (int h = 0; h < 2; h++) {
			uint64_t v = splitmix64();
			for (int i = 0; i < 8; i++)
				raw[8 * h + i] = (unsigned char)(v >> (8 * i));
		}
		got = sizeof raw;
	}
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

#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "gram.h"
#include "utf8.h"

void wg_grams(const char *text, void (*emit)(const char *gram, size_t len, void *ctx),
	      void *ctx)
{
	size_t n = strlen(text);
	char buf[16];
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t a = utf8_decode(text + i, n - i, &cp);
		size_t b = i + a < n ? utf8_decode(text + i + a, n - i - a, &cp) : 0;
		for (size_t len = a; len <= a + b; len += b ? b : 1) {
			if (len > sizeof buf)
				break;
			bool digits = true;
			for (size_t k = 0; k < len; k++) {
				char c = text[i + k];
				buf[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
				digits = digits && c >= '0' && c <= '9';
			}
			if (!digits)
				emit(buf, len, ctx);
			if (!b)
				break;
		}
		i += a;
	}
}

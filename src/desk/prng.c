#include <config.h>

#include <string.h>

#include "prng.h"
#include "sha256.h"

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void wg_prng_seed(wg_prng *r, const char *seed_text)
{
	wg_sha256 c;
	unsigned char d[32];
	wg_sha256_init(&c);
	wg_sha256_update(&c, seed_text, strlen(seed_text));
	wg_sha256_final(&c, d);
	for (int w = 0; w < 4; w++) {
		uint64_t v = 0;
		for (int i = 7; i >= 0; i--)
			v = v << 8 | d[8 * w + i];
		r->s[w] = v;
	}
	/* An all-zero state would repeat zeros forever; SHA-256 giving 32 zero bytes
	 * is not a practical case, but the generator must still work. */
	if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
		r->s[0] = 1;
}

uint64_t wg_prng_next(wg_prng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t wg_prng_below(wg_prng *r, uint64_t n)
{
	uint64_t threshold = (0 - n) % n;
	for (;;) {
		uint64_t x = wg_prng_next(r);
		if (x >= threshold)
			return x % n;
	}
}

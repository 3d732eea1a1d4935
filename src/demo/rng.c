#include <config.h>

#include "rng.h"

void wg_rng_seed(wg_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t wg_rng_next(wg_rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint32_t wg_rng_below(wg_rng *r, uint32_t n)
{
	/* Reject the top partial block so every value is equally likely. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;
	do
		x = wg_rng_next(r);
	while (x >= limit);
	return (uint32_t)(x % n);
}

long wg_rng_range(wg_rng *r, long lo, long hi)
{
	return lo + (long)wg_rng_below(r, (uint32_t)(hi - lo + 1));
}

int wg_rng_chance(wg_rng *r, unsigned percent)
{
	return wg_rng_below(r, 100) < percent;
}

void wg_rng_id(wg_rng *r, char out[WG_ID_HEXLEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t a = wg_rng_next(r), b = wg_rng_next(r);
	for (int i = 0; i < 16; i++) {
		out[i] = hex[(a >> (60 - 4 * i)) & 15];
		out[16 + i] = hex[(b >> (60 - 4 * i)) & 15];
	}
	out[WG_ID_HEXLEN] = '\0';
}

/* A seeded, fully specified pseudo-random generator (SplitMix64, Steele, Lea
 * and Flood 2014), for data that must be the same for the same seed on every
 * machine: the demo county. Never use it for record ids of real work (id.c). */
#ifndef WG_RNG_H
#define WG_RNG_H

#include <stdint.h>

#include "id.h"

typedef struct wg_rng {
	uint64_t state;
} wg_rng;

void wg_rng_seed(wg_rng *r, uint64_t seed);
uint64_t wg_rng_next(wg_rng *r);
/* Uniform in [0, n); n > 0. Unbiased (rejection sampling). */
uint32_t wg_rng_below(wg_rng *r, uint32_t n);
/* Uniform in [lo, hi], lo <= hi. */
long wg_rng_range(wg_rng *r, long lo, long hi);
/* True with probability percent / 100. */
int wg_rng_chance(wg_rng *r, unsigned percent);
/* A record id (32 lowercase hex digits) from the generator. */
void wg_rng_id(wg_rng *r, char out[WG_ID_HEXLEN + 1]);

#endif

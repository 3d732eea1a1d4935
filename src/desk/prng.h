/* The draw's random numbers: xoshiro256** (Blackman and Vigna, 2018), seeded
 * from SHA-256 of the seed text. Specified here so anyone can re-implement it:
 *
 *   state s[0..3] = the SHA-256 digest of the seed text's UTF-8 bytes, read as
 *                   four 64-bit little-endian words;
 *   next():        result = rotl(s[1] * 5, 7) * 9; t = s[1] << 17;
 *                  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
 *                  s[2] ^= t; s[3] = rotl(s[3], 45); return result;
 *   below(n):      an unbiased integer in [0, n): draw x = next() until
 *                  x >= (2^64 - n) mod n, then return x mod n.
 *
 * Never rand(): its sequence differs between C libraries. */
#ifndef WG_PRNG_H
#define WG_PRNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct wg_prng {
	uint64_t s[4];
} wg_prng;

void wg_prng_seed(wg_prng *r, const char *seed_text);
uint64_t wg_prng_next(wg_prng *r);
/* Unbiased in [0, n); n > 0. */
uint64_t wg_prng_below(wg_prng *r, uint64_t n);

#endif

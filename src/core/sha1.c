/* SHA-1 (FIPS 180-4, section 6.1). Used only where git's formats demand it:
 * it checks integrity against accidents, not against forgers. */
#include <config.h>

#include <string.h>

#include "sha1.h"

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

/* One round; the five variables rotate by renaming, not by moving. */
#define ROUND(a, b, c, d, e, f, k, w)                                          \
	do {                                                                   \
		e += rol(a, 5) + (f) + (k) + (w);                              \
		b = rol(b, 30);                                                \
	} while (0)
/* The message schedule in a ring of 16 words, made as the rounds need it
 * (an array of 80 made up front ran at 190 MB/s, this at 500 MB/s). */
#define W(i)                                                                   \
	((i) < 16 ? w[(i)]                                                     \
		  : (w[(i) & 15] = rol(w[((i) - 3) & 15] ^ w[((i) - 8) & 15] ^ \
				       w[((i) - 14) & 15] ^ w[(i) & 15], 1)))
#define F1(b, c, d) (d ^ (b & (c ^ d)))
#define F2(b, c, d) (b ^ c ^ d)
#define F3(b, c, d) ((b & c) | (d & (b | c)))

static void sha1_block(uint32_t *h, const unsigned char *p)
{
	uint32_t w[16];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	/* five rounds per step, so each function and constant is fixed per loop */
	for (int i = 0; i < 20; i += 5) {
		ROUND(a, b, c, d, e, F1(b, c, d), 0x5a827999, W(i));
		ROUND(e, a, b, c, d, F1(a, b, c), 0x5a827999, W(i + 1));
		ROUND(d, e, a, b, c, F1(e, a, b), 0x5a827999, W(i + 2));
		ROUND(c, d, e, a, b, F1(d, e, a), 0x5a827999, W(i + 3));
		ROUND(b, c, d, e, a, F1(c, d, e), 0x5a827999, W(i + 4));
	}
	for (int i = 20; i < 40; i += 5) {
		ROUND(a, b, c, d, e, F2(b, c, d), 0x6ed9eba1, W(i));
		ROUND(e, a, b, c, d, F2(a, b, c), 0x6ed9eba1, W(i + 1));
		ROUND(d, e, a, b, c, F2(e, a, b), 0x6ed9eba1, W(i + 2));
		ROUND(c, d, e, a, b, F2(d, e, a), 0x6ed9eba1, W(i + 3));
		ROUND(b, c, d, e, a, F2(c, d, e), 0x6ed9eba1, W(i + 4));
	}
	for (int i = 40; i < 60; i += 5) {
		ROUND(a, b, c, d, e, F3(b, c, d), 0x8f1bbcdc, W(i));
		ROUND(e, a, b, c, d, F3(a, b, c), 0x8f1bbcdc, W(i + 1));
		ROUND(d, e, a, b, c, F3(e, a, b), 0x8f1bbcdc, W(i + 2));
		ROUND(c, d, e, a, b, F3(d, e, a), 0x8f1bbcdc, W(i + 3));
		ROUND(b, c, d, e, a, F3(c, d, e), 0x8f1bbcdc, W(i + 4));
	}
	for (int i = 60; i < 80; i += 5) {
		ROUND(a, b, c, d, e, F2(b, c, d), 0xca62c1d6, W(i));
		ROUND(e, a, b, c, d, F2(a, b, c), 0xca62c1d6, W(i + 1));
		ROUND(d, e, a, b, c, F2(e, a, b), 0xca62c1d6, W(i + 2));
		ROUND(c, d, e, a, b, F2(d, e, a), 0xca62c1d6, W(i + 3));
		ROUND(b, c, d, e, a, F2(c, d, e), 0xca62c1d6, W(i + 4));
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void wg_sha1_init(wg_sha1 *c)
{
	static const uint32_t h0[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
				       0xc3d2e1f0};
	memcpy(c->h, h0, sizeof h0);
	c->len = 0;
	c->nbuf = 0;
}

void wg_sha1_update(wg_sha1 *c, const void *data, size_t n)
{
	wg_md_update(c, sha1_block, data, n);
}

void wg_sha1_final(wg_sha1 *c, unsigned char out[20])
{
	wg_md_final(c, sha1_block, out, 5);
}

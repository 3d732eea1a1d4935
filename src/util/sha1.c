/* SHA-1 (FIPS 180-4, section 6.1). Used only where git's formats demand it:
 * it checks integrity against accidents, not against forgers. */
#include <config.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

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

#ifdef HAVE_SHA_NI
/* The same block with the processor's SHA instructions (Intel's SHA
 * extensions, in most x86 processors since 2017): about four times as fast.
 * Each group of four rounds takes the next four message words, which
 * SHA1MSG1/SHA1MSG2 make from the earlier ones; the schedule is Intel's. */
#define NI_ROUNDS(g, ea, eb)                                                   \
	do {                                                                   \
		ea = _mm_sha1nexte_epu32(ea, m[(g) % 4]);                      \
		eb = abcd;                                                     \
		if ((g) >= 3 && (g) <= 18)                                     \
			m[((g) + 1) % 4] = _mm_sha1msg2_epu32(m[((g) + 1) % 4], m[(g) % 4]); \
		abcd = _mm_sha1rnds4_epu32(abcd, ea, (g) / 5);                 \
		if ((g) <= 16)                                                 \
			m[((g) + 3) % 4] = _mm_sha1msg1_epu32(m[((g) + 3) % 4], m[(g) % 4]); \
		if ((g) >= 2 && (g) <= 17)                                     \
			m[((g) + 2) % 4] = _mm_xor_si128(m[((g) + 2) % 4], m[(g) % 4]); \
	} while (0)

__attribute__((target("sha,sse4.1,ssse3"))) static void sha1_block_ni(uint32_t *h,
								      const unsigned char *p)
{
	const __m128i swap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
	__m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0x1b);
	__m128i e0 = _mm_set_epi32((int)h[4], 0, 0, 0), e1;
	const __m128i abcd_was = abcd, e_was = e0;
	__m128i m[4];
	for (int i = 0; i < 4; i++)
		m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), swap);

	e0 = _mm_add_epi32(e0, m[0]);
	e1 = abcd;
	abcd = _mm_sha1rnds4_epu32(abcd, e0, 0);
	NI_ROUNDS(1, e1, e0);
	NI_ROUNDS(2, e0, e1);
	NI_ROUNDS(3, e1, e0);
	NI_ROUNDS(4, e0, e1);
	NI_ROUNDS(5, e1, e0);
	NI_ROUNDS(6, e0, e1);
	NI_ROUNDS(7, e1, e0);
	NI_ROUNDS(8, e0, e1);
	NI_ROUNDS(9, e1, e0);
	NI_ROUNDS(10, e0, e1);
	NI_ROUNDS(11, e1, e0);
	NI_ROUNDS(12, e0, e1);
	NI_ROUNDS(13, e1, e0);
	NI_ROUNDS(14, e0, e1);
	NI_ROUNDS(15, e1, e0);
	NI_ROUNDS(16, e0, e1);
	NI_ROUNDS(17, e1, e0);
	NI_ROUNDS(18, e0, e1);
	NI_ROUNDS(19, e1, e0);

	e0 = _mm_sha1nexte_epu32(e0, e_was);
	abcd = _mm_add_epi32(abcd, abcd_was);
	_mm_storeu_si128((__m128i *)h, _mm_shuffle_epi32(abcd, 0x1b));
	h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

static bool has_sha_ni(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return false;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
}
#endif

static wg_md_block *block_fn = sha1_block;
static pthread_once_t block_once = PTHREAD_ONCE_INIT;

/* WANGGE_SHA1=portable keeps the portable code (tests compare both). */
static void choose_block(void)
{
#ifdef HAVE_SHA_NI
	const char *want = getenv("WANGGE_SHA1");
	if (!(want && strcmp(want, "portable") == 0) && has_sha_ni())
		block_fn = sha1_block_ni;
#endif
}

const char *wg_sha1_impl(void)
{
	pthread_once(&block_once, choose_block);
	return block_fn == sha1_block ? "portable" : "SHA-NI";
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
	pthread_once(&block_once, choose_block);
	wg_md_update(c, block_fn, data, n);
}

void wg_sha1_final(wg_sha1 *c, unsigned char out[20])
{
	pthread_once(&block_once, choose_block);
	wg_md_final(c, block_fn, out, 5);
}

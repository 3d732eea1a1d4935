/* SHA-256 (FIPS 180-4), for the draw's seeds and its published fingerprints:
 * anyone can recompute them with sha256sum. */
#ifndef WG_SHA256_H
#define WG_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* The frame SHA-256 and SHA-1 (sha1.c) share: 64-byte blocks, a 0x80 byte,
 * zeros and the length in bits, big-endian; each gives its block function. */
typedef struct wg_md {
	uint32_t h[8];    /* SHA-1 uses five */
	uint64_t len;     /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
} wg_md;
typedef void wg_md_block(uint32_t *h, const unsigned char *p);
void wg_md_update(wg_md *c, wg_md_block *block, const void *data, size_t n);
/* Pad, then write the first words of the state, big-endian, to out. */
void wg_md_final(wg_md *c, wg_md_block *block, unsigned char *out, size_t words);

typedef wg_md wg_sha256;

void wg_sha256_init(wg_sha256 *c);
void wg_sha256_update(wg_sha256 *c, const void *data, size_t n);
void wg_sha256_final(wg_sha256 *c, unsigned char out[32]);
/* One call: the digest of data as 64 lowercase hex digits. */
void wg_sha256_hex(const void *data, size_t n, char out[65]);
void wg_sha256_hex_str(const char *s, char out[65]);
void wg_hex(const unsigned char *bytes, size_t n, char *out);

#endif

/* SHA-256 (FIPS 180-4), for the draw's seeds and its published fingerprints:
 * anyone can recompute them with sha256sum. */
#ifndef WG_SHA256_H
#define WG_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct wg_sha256 {
	uint32_t h[8];
	uint64_t len;     /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
} wg_sha256;

void wg_sha256_init(wg_sha256 *c);
void wg_sha256_update(wg_sha256 *c, const void *data, size_t n);
void wg_sha256_final(wg_sha256 *c, unsigned char out[32]);
/* One call: the digest of data as 64 lowercase hex digits. */
void wg_sha256_hex(const void *data, size_t n, char out[65]);
void wg_sha256_hex_str(const char *s, char out[65]);
void wg_hex(const unsigned char *bytes, size_t n, char *out);

#endif

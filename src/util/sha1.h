/* SHA-1, for the trailer and index of the packs wangge writes itself (git's
 * object names and pack checksums are SHA-1; libgit2 keeps its own private). */
#ifndef WG_SHA1_H
#define WG_SHA1_H

#include <stddef.h>

#include "sha256.h"

typedef wg_md wg_sha1;

void wg_sha1_init(wg_sha1 *c);
void wg_sha1_update(wg_sha1 *c, const void *data, size_t n);
void wg_sha1_final(wg_sha1 *c, unsigned char out[20]);
/* Which code computes it here: "SHA-NI" (the processor's instructions) or
 * "portable" (also when WANGGE_SHA1=portable). */
const char *wg_sha1_impl(void);

#endif

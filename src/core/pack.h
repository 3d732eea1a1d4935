/* Git packs written without a delta search. libgit2's packbuilder always
 * compares each object with its ten neighbours, which made a county's first
 * history commit (80,000 records) and each officer's enrollment bundle spend
 * most of their time searching for deltas that small record files hardly
 * have. A pack here is simply every object, deflated once, in the order
 * added; stock git and libgit2 read it like any other. */
#ifndef WG_PACK_H
#define WG_PACK_H

#include <stddef.h>

#include <git2.h>

#include "error.h"

typedef struct wg_pack wg_pack;

wg_pack *wg_pack_new(void);
void wg_pack_free(wg_pack *p);

/* Add an object unless it is in the pack already. */
int wg_pack_add(wg_pack *p, const git_oid *oid, git_object_t type, const void *data, size_t len,
		wg_error *err);
/* Add an object read from odb. */
int wg_pack_add_from(wg_pack *p, git_odb *odb, const git_oid *oid, wg_error *err);
size_t wg_pack_count(const wg_pack *p);
/* The bytes written so far. */
size_t wg_pack_bytes(const wg_pack *p);

/* The finished pack (header, objects, SHA-1 trailer); owned by p, which
 * takes no more objects afterwards. */
const unsigned char *wg_pack_finish(wg_pack *p, size_t *len);
/* Finish the pack and write it with its index (version 2) into packdir
 * (objects/pack of a repository) as pack-<checksum>.pack and .idx. */
int wg_pack_write_files(wg_pack *p, const char *packdir, wg_error *err);
/* Forget every object: the pack can be filled anew. */
void wg_pack_reset(wg_pack *p);

#endif

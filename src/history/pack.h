/* Git packs written without libgit2's delta search. libgit2's packbuilder
 * always compares each object with its ten neighbours, which made a county's
 * first history commit (80,000 records) and each officer's enrollment bundle
 * spend most of their time. A pack here is every object in the order added,
 * a record of the history as a delta against the last whole record of its
 * kind (wg_pack_set_deltas); stock git and libgit2 read it like any other. */
#ifndef WG_PACK_H
#define WG_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "error.h"
#include "strbuf.h"

typedef struct wg_pack wg_pack;

/* An object of a pack, as its index (.idx) lists it. */
struct wg_pack_entry {
	git_oid oid;
	uint64_t offset;  /* of its type and size header */
	uint32_t crc;     /* CRC-32 of its bytes in the pack */
};

/* Git's name for an object: the SHA-1 of "<type> <size>\0" and the data
 * (what git_odb_hash gives; this one uses the processor's SHA instructions
 * where there are some, four times as fast). */
void wg_object_id(git_oid *out, git_object_t type, const void *data, size_t len);

wg_pack *wg_pack_new(void);
void wg_pack_free(wg_pack *p);
/* Store records (blobs of at most 4 KiB) added from now on as deltas
 * against another record of their kind in the pack, where that saves a
 * quarter: what a history keeps on disk (the bundles stay without). */
void wg_pack_set_deltas(wg_pack *p, bool on);

/* Add an object unless it is in the pack already. */
int wg_pack_add(wg_pack *p, const git_oid *oid, git_object_t type, const void *data, size_t len,
		wg_error *err);
/* Add object oid as a delta against base (REF_DELTA), which the reader has
 * or the pack holds. */
int wg_pack_add_delta(wg_pack *p, const git_oid *oid, const git_oid *base, const void *delta,
		      size_t len, wg_error *err);
/* A delta (git's format) that makes res from base: for a tree, entry by
 * entry, unchanged entries copied; else the common beginning and end copied.
 * false when res is not a well-formed tree. */
bool wg_delta_make(const unsigned char *base, size_t blen, const unsigned char *res, size_t rlen,
		   bool tree, strbuf *out);
/* Git's delta d (dlen bytes): its two sizes (of its base and of its
 * result), and applied to base into out, which has room for the result
 * size it states (rlen). false on anything malformed. */
bool wg_delta_sizes(const unsigned char *d, size_t dlen, uint64_t *base, uint64_t *res);
bool wg_delta_apply(const unsigned char *base, size_t blen, const unsigned char *d, size_t dlen,
		    unsigned char *out, size_t rlen);
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
/* Write pack (len bytes, its SHA-1 trailer included) and its index (version
 * 2) of the n objects v lists (sorted here) into packdir. */
int wg_pack_store(const unsigned char *pack, size_t len, const struct wg_pack_entry *v, size_t n,
		  const char *packdir, wg_error *err);
/* The same for a pack read with wg_pack_open. */
int wg_pack_write_index(const wg_pack *p, const char *packdir, wg_error *err);

/* ---- reading ---- */

/* A pack received (len bytes at data, which must outlive it), read object by
 * object: every object is inflated, deltas are applied (their bases in the
 * pack or, for a thin pack, in known, which may be NULL; those bases are
 * then added to the pack), every object is named by its hash and checked,
 * and so is the trailing checksum. WG_EINPUT on anything damaged, a missing
 * base or a cycle of deltas. */
int wg_pack_open(const unsigned char *data, size_t len, git_odb *known, wg_pack **out,
		 wg_error *err);
/* What a whole import may cost, over all its packs: a bundle of a few
 * kilobytes can hold deltas that would make gigabytes (a "delta bomb").
 * Every object's size is counted before it is inflated, every delta's
 * result size before it is applied, and the import is refused as soon as a
 * sum passes its limit. Start with WG_PACK_BUDGET_INIT. */
struct wg_pack_budget {
	uint64_t objects;   /* objects received */
	uint64_t inflated;  /* bytes inflated: objects, deltas and their results */
	uint64_t held;      /* bytes of delta results held in memory at once */
};
#define WG_PACK_BUDGET_INIT {0, 0, 0}
#define WG_PACK_MAX_OBJECTS ((uint64_t)8 << 20)
#define WG_PACK_MAX_INFLATED ((uint64_t)1 << 30)
#define WG_PACK_MAX_HELD ((uint64_t)256 << 20)
#define WG_PACK_MAX_DEPTH 50 /* git's own default (pack.depth) */
/* wg_pack_open within budget (NULL: no import-wide limit; own packs). */
int wg_pack_open_budget(const unsigned char *data, size_t len, git_odb *known,
			struct wg_pack_budget *budget, wg_pack **out, wg_error *err);
/* Does every object of the pack refer only to objects in it or in known
 * (NULL: none)? What libgit2's indexer checks with opts.verify. */
int wg_pack_check_links(wg_pack *p, git_odb *known, wg_error *err);

bool wg_pack_has(const wg_pack *p, const git_oid *oid);
/* An object of the pack: *found false when it holds none of that name.
 * *data points into the pack or into buf, and is good until buf or the pack
 * changes. */
int wg_pack_read(wg_pack *p, const git_oid *oid, git_object_t *type, const unsigned char **data,
		 size_t *len, strbuf *buf, bool *found, wg_error *err);
/* Object number i (0 to wg_pack_count - 1) of a pack read with wg_pack_open. */
int wg_pack_read_at(wg_pack *p, size_t i, git_oid *oid, git_object_t *type,
		    const unsigned char **data, size_t *len, strbuf *buf, wg_error *err);
/* Add src's object oid to dst as it is stored (no inflating, no deflating);
 * *found false when src has none of that name. */
int wg_pack_copy(wg_pack *dst, wg_pack *src, const git_oid *oid, bool *found, wg_error *err);

/* A read-only object database backend over p, which must outlive it: what
 * p holds, libgit2 reads (objects not yet written out to a pack file). */
int wg_pack_backend(wg_pack *p, git_odb_backend **out);

/* One entry of a tree object, as wg_tree_next reads them from [*p, end). */
struct wg_tree_item {
	unsigned mode;            /* 040000 a tree, 0100644 a file, ... */
	const char *name;         /* not NUL-terminated */
	size_t namelen;
	const unsigned char *oid; /* 20 bytes */
};
/* false at the end or on a malformed entry (*p == end tells which). */
bool wg_tree_next(const unsigned char **p, const unsigned char *end, struct wg_tree_item *it);
/* git's order of tree entries: by name, a folder's as if it ended in '/'. */
int wg_tree_item_cmp(const struct wg_tree_item *a, const struct wg_tree_item *b);

/* Forget every object: the pack can be filled anew. */
void wg_pack_reset(wg_pack *p);

#endif

/* Pack writer: "PACK", version 2, object count, then per object a type and
 * size header and its zlib stream, then the SHA-1 of all that (git's
 * Documentation/gitformat-pack.txt). */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>
#include <zlib.h>

#include <git2/sys/odb_backend.h>

#include "fileutil.h"
#include "giterr.h"

#include "i18n.h"
#include "pack.h"
#include "sha1.h"
#include "sha256.h"
#include "strbuf.h"

struct wg_pack {
	strbuf data;       /* a pack being written */
	const unsigned char *ro; /* or a pack received (not ours to free) */
	size_t ro_len;
	z_stream z[2];     /* by ZS_SMALL, ZS_LARGE */
	bool z_ready[2], finished;
	bool received;     /* opened with a budget: named with libgit2's SHA-1 */
	z_stream inf;      /* for reading objects back */
	bool inf_ready;
	bool nomem;        /* zlib ran out of memory: not a damaged pack */
	uint64_t *slot;    /* open addressing: entry number + 1, and in the high
			    * half 4 bytes of its id (slot_tag); 0 is free */
	size_t cap, nset;  /* slots; entries in them (a delta once resolved) */
	struct wg_pack_entry *ent; /* in pack order */
	size_t n, nent_alloc;
	/* a received pack's deltas, per entry (NULL when it has none) */
	struct delta {
		bool is_delta, resolved;
		git_object_t type;  /* resolved: the object's */
		bool ofs;           /* the base: at base_off in the pack, or base_oid */
		uint64_t base_off;
		git_oid base_oid;
		size_t at, len;     /* in arena: the delta, then the object once resolved */
		unsigned depth;     /* resolved: deltas from a whole object to this one */
	} *dx;
	strbuf arena;
	/* A written pack's records as deltas (wg_pack_set_deltas): the base
	 * of each kind of record, by its first line ("kind=task"), and the
	 * scratch of making and of reading back deltas. */
	bool deltas;
	size_t ndelta_base; /* the entry an OFS_DELTA being written is against */
	struct dbase *bases;
	struct tbase *tbases;
	strbuf dmade, dread, dbase_buf;
};

#define HEADER_LEN 12
#define OBJECT_MAX ((uint64_t)256 << 20) /* evidence files: inspection.c */
#define STORED_OBJECT 512
#define SMALL_OBJECT 4096
enum { ZS_SMALL, ZS_LARGE };
#define OBJ_OFS_DELTA 6

/* Records are short texts, each unlike every other in its id and alike in
 * the rest: field names, the grid, dates, codes. Alone, deflate hardly
 * shrinks them (15%); as a delta against another record of their kind,
 * most of each is a few copy instructions. A record is stored as a delta
 * (OFS_DELTA) against the last whole record of its kind in the same pack:
 * one level deep, so reading any one costs one delta at most. A record
 * that the base serves badly is stored whole and becomes the next base. */
#define DELTA_MIN 48       /* smaller records are kept whole */
#define DELTA_MAX 4096     /* the largest base and record (positions fit 16 bits) */
#define DELTA_BASES 64     /* kinds of record, by a hash of their first line */
#define DELTA_HASH 1024    /* of 4-byte sequences of a base */
#define DELTA_TRIES 16     /* candidates tried for each copy */
#define DELTA_COPY_MIN 5   /* a copy instruction costs 3 or 4 bytes */
struct dbase {
	long ent;          /* entry number of the base, -1 none */
	uint32_t key;      /* hash of its first line */
	uint16_t len;
	unsigned char data[DELTA_MAX];
	uint16_t head[DELTA_HASH]; /* position + 1 of the last sequence of a hash */
	uint16_t next[DELTA_MAX];  /* the one before it, + 1 */
};
/* A folder's tree changes an entry or a few from one commit to the next:
 * a tree is stored as a delta against the last whole tree that has the same
 * first entry or the same last entry (name and id), which is mostly the
 * same folder's earlier version, entry by entry (wg_delta_make). Keyed by
 * the first name alone, every kind's 256-entry folder (each begins with
 * "00") and every second-level one (each begins with "0") shared one slot:
 * a commit writes them kind after kind, so each found the other kind's as
 * its base and was stored whole (a small demo county's history was 150 MB,
 * 115 MB keyed so). A whole tree takes the slots of both its keys. Each
 * grid's history touches a thousand folders and more in turn (4 kinds of
 * 256): 2048 slots hold them (4096 made it no smaller). */
#define TREE_DELTA_MAX ((size_t)64 << 10)
#define TREE_BASES 2048
struct tbase {
	long ent;
	uint32_t key;
	strbuf data;
};

wg_pack *wg_pack_new(void)
{
	wg_pack *p = xcalloc(1, sizeof *p);
	wg_pack_reset(p);
	return p;
}

void wg_pack_reset(wg_pack *p)
{
	sb_reset(&p->data);
	sb_add(&p->data, "PACK\0\0\0\2\0\0\0\0", HEADER_LEN);
	free(p->slot);
	p->slot = NULL;
	p->cap = p->n = p->nset = 0;
	p->finished = false;
	if (p->bases) {
		for (size_t i = 0; i < DELTA_BASES; i++)
			p->bases[i].ent = -1;
		for (size_t i = 0; i < TREE_BASES; i++)
			p->tbases[i].ent = -1;
	}
}

void wg_pack_set_deltas(wg_pack *p, bool on)
{
	p->deltas = on;
	if (on && !p->bases) {
		p->bases = xmalloc(DELTA_BASES * sizeof *p->bases);
		p->tbases = xcalloc(TREE_BASES, sizeof *p->tbases);
		for (size_t i = 0; i < DELTA_BASES; i++)
			p->bases[i].ent = -1;
		for (size_t i = 0; i < TREE_BASES; i++)
			p->tbases[i].ent = -1;
	}
}

void wg_pack_free(wg_pack *p)
{
	if (!p)
		return;
	for (int i = 0; i < 2; i++)
		if (p->z_ready[i])
			deflateEnd(&p->z[i]);
	if (p->inf_ready)
		inflateEnd(&p->inf);
	sb_release(&p->data);
	sb_release(&p->arena);
	sb_release(&p->dmade);
	sb_release(&p->dread);
	sb_release(&p->dbase_buf);
	free(p->bases);
	if (p->tbases)
		for (size_t i = 0; i < TREE_BASES; i++)
			sb_release(&p->tbases[i].data);
	free(p->tbases);
	free(p->slot);
	free(p->ent);
	free(p->dx);
	free(p);
}

static const unsigned char *pack_bytes(const wg_pack *p, size_t *len)
{
	if (p->ro) {
		*len = p->ro_len;
		return p->ro;
	}
	*len = p->data.len;
	return (const unsigned char *)p->data.buf;
}

size_t wg_pack_count(const wg_pack *p)
{
	return p->n;
}

size_t wg_pack_bytes(const wg_pack *p)
{
	return p->data.len;
}

static size_t slot_of(const git_oid *oid, size_t cap)
{
	uint64_t h;
	memcpy(&h, oid->id, sizeof h);
	return (size_t)h & (cap - 1);
}

/* Bytes of the id other than slot_of's, kept in the slot: an id looked for
 * is compared with the entries' own only when they match (each entry read
 * was a cache miss, most of what adding an object to a big pack cost). */
static uint64_t slot_tag(const git_oid *oid)
{
	uint32_t t;
	memcpy(&t, oid->id + 8, sizeof t);
	return (uint64_t)t << 32;
}

#define SLOT_ENTRY(v) ((uint32_t)(v))

/* The entry number of oid, or -1. */
static long find(const wg_pack *p, const git_oid *oid)
{
	if (!p->cap)
		return -1;
	uint64_t tag = slot_tag(oid);
	for (size_t s = slot_of(oid, p->cap); p->slot[s]; s = (s + 1) & (p->cap - 1))
		if ((p->slot[s] & ~(uint64_t)UINT32_MAX) == tag &&
		    memcmp(p->ent[SLOT_ENTRY(p->slot[s]) - 1].oid.id, oid->id, GIT_OID_RAWSZ) == 0)
			return (long)SLOT_ENTRY(p->slot[s]) - 1;
	return -1;
}

/* Make entry number i (its oid set, not in the table yet) findable. */
static void insert(wg_pack *p, size_t i)
{
	if (2 * (p->nset + 1) > p->cap) {
		size_t ncap = p->cap ? 2 * p->cap : 1024;
		uint64_t *nslot = xcalloc(ncap, sizeof *nslot);
		for (size_t k = 0; k < p->cap; k++) {
			if (!p->slot[k])
				continue;
			size_t s = slot_of(&p->ent[SLOT_ENTRY(p->slot[k]) - 1].oid, ncap);
			while (nslot[s])
				s = (s + 1) & (ncap - 1);
			nslot[s] = p->slot[k];
		}
		free(p->slot);
		p->slot = nslot;
		p->cap = ncap;
	}
	size_t s = slot_of(&p->ent[i].oid, p->cap);
	while (p->slot[s])
		s = (s + 1) & (p->cap - 1);
	p->slot[s] = slot_tag(&p->ent[i].oid) | ((uint64_t)i + 1);
	p->nset++;
}

static struct wg_pack_entry *new_entry(wg_pack *p)
{
	if (p->n == p->nent_alloc) {
		size_t was = p->nent_alloc;
		p->nent_alloc = p->nent_alloc ? 2 * p->nent_alloc : 1024;
		p->ent = xrealloc(p->ent, p->nent_alloc * sizeof *p->ent);
		if (p->dx) {
			p->dx = xrealloc(p->dx, p->nent_alloc * sizeof *p->dx);
			memset(p->dx + was, 0, (p->nent_alloc - was) * sizeof *p->dx);
		}
	}
	return &p->ent[p->n];
}

bool wg_pack_has(const wg_pack *p, const git_oid *oid)
{
	return find(p, oid) >= 0;
}

/* A zlib stream of stored blocks (RFC 1950/1951): header, blocks of at most
 * 65,535 bytes each with its length and the length's complement, then the
 * Adler-32 of the data; what deflate level 0 writes, without its set-up. */
static void store(wg_pack *p, const unsigned char *data, size_t len)
{
	sb_grow(&p->data, 2 + len + 5 * (len / 65535 + 1) + 4);
	unsigned char *o = (unsigned char *)p->data.buf + p->data.len;
	*o++ = 0x78;
	*o++ = 0x01;
	size_t left = len;
	const unsigned char *in = data;
	do {
		size_t n = left > 65535 ? 65535 : left;
		*o++ = left == n; /* the final block */
		*o++ = (unsigned char)n;
		*o++ = (unsigned char)(n >> 8);
		*o++ = (unsigned char)~n;
		*o++ = (unsigned char)(~n >> 8);
		memcpy(o, in, n);
		o += n;
		in += n;
		left -= n;
	} while (left);
	uint32_t sum = (uint32_t)adler32_z(1, data, len);
	*o++ = (unsigned char)(sum >> 24);
	*o++ = (unsigned char)(sum >> 16);
	*o++ = (unsigned char)(sum >> 8);
	*o++ = (unsigned char)sum;
	p->data.len = (size_t)(o - (unsigned char *)p->data.buf);
}

static int deflate_into(wg_pack *p, int kind, const unsigned char *data, size_t len,
			wg_error *err)
{
	z_stream *z = &p->z[kind];
	if (!p->z_ready[kind]) {
		int zrc = deflateInit2(z, kind == ZS_LARGE ? Z_DEFAULT_COMPRESSION : Z_BEST_SPEED,
				       Z_DEFLATED, kind == ZS_LARGE ? 15 : 12, 8, Z_DEFAULT_STRATEGY);
		if (zrc == Z_MEM_ERROR)
			return wg_fail(err, WG_EINTERNAL, _("not enough memory to write the pack"));
		if (zrc != Z_OK)
			return wg_fail(err, WG_EINTERNAL, _("write pack: %s"), "zlib");
		p->z_ready[kind] = true;
	} else if (deflateReset(z) != Z_OK) {
		return wg_fail(err, WG_EINTERNAL, _("write pack: %s"), "zlib");
	}
	/* one call per object: zlib's avail counters are 32 bits wide */
	const unsigned char *in = data;
	size_t left = len;
	int zrc;
	do {
		uInt chunk = left > (1u << 30) ? 1u << 30 : (uInt)left;
		sb_grow(&p->data, (size_t)deflateBound(z, chunk) + 64);
		z->next_in = (Bytef *)in;
		z->avail_in = chunk;
		in += chunk;
		left -= chunk;
		do {
			size_t room = p->data.alloc - p->data.len - 1;
			if (room < 64) {
				sb_grow(&p->data, 4096);
				room = p->data.alloc - p->data.len - 1;
			}
			uInt give = room > (1u << 30) ? 1u << 30 : (uInt)room;
			z->next_out = (Bytef *)p->data.buf + p->data.len;
			z->avail_out = give;
			zrc = deflate(z, left ? Z_NO_FLUSH : Z_FINISH);
			p->data.len += give - z->avail_out;
			if (zrc == Z_STREAM_ERROR)
				return wg_fail(err, WG_EINTERNAL, _("write pack: %s"), "zlib");
		} while (z->avail_in > 0 || (!left && zrc != Z_STREAM_END));
	} while (left);
	return WG_OK;
}

/* One entry: its type and size header (3 bits of type, then the size 4 bits
 * first, 7 bits per following byte, high bit set while more follow), a
 * delta's base, then the zlib stream of data; stored, not deflated, when
 * tree (a tree, or a delta of one). */
static int write_entry(wg_pack *p, const git_oid *oid, int type, const git_oid *base,
		       const void *data, size_t len, bool tree, wg_error *err)
{
	unsigned char hdr[32];
	size_t n = 0, size = len, start = p->data.len;
	unsigned char c = (unsigned char)((type << 4) | (size & 15));
	size >>= 4;
	while (size) {
		hdr[n++] = c | 0x80;
		c = size & 0x7f;
		size >>= 7;
	}
	hdr[n++] = c;
	if (type == OBJ_OFS_DELTA) {
		/* how far back its base starts: 7 bits a byte, the high ones
		 * first, each but the last one less (gitformat-pack) */
		uint64_t back = start - p->ent[p->ndelta_base].offset;
		unsigned char ofs[10];
		size_t k = sizeof ofs - 1;
		ofs[k] = back & 0x7f;
		while (back >>= 7)
			ofs[--k] = (unsigned char)(0x80 | (--back & 0x7f));
		memcpy(hdr + n, ofs + k, sizeof ofs - k);
		n += sizeof ofs - k;
	}
	sb_add(&p->data, hdr, n);
	if (base)
		sb_add(&p->data, base->id, GIT_OID_RAWSZ);

	/* Tree objects are mostly 20-byte binary ids: deflate makes them larger
	 * (measured: 8.1 MB of trees became 8.8 MB). Records are short texts that
	 * deflate shrinks by about 16% at some 10 microseconds each (zlib builds
	 * its Huffman tables per object): most of the time of a county's first
	 * commit, for 3.5 MB saved out of 27. So trees, their deltas (mostly the
	 * ids of the changed entries: deflating those took as long as the rest
	 * of a demo county's trees) and objects of up to 512 bytes are stored;
	 * bigger records (and commits) get the fastest level with a small
	 * window, and large files (evidence) zlib's default. The small window
	 * with zlib's default hash size (memLevel 8): memLevel 2 took twice as
	 * long for a bigger result (the small demo county's 4,614 commits:
	 * 0.30 s for 5.87 MB, against 0.13 s for 5.68 MB). */
	int rc = tree || type == GIT_OBJECT_TREE || len <= STORED_OBJECT
			 ? (store(p, data, len), WG_OK)
			 : deflate_into(p, len <= SMALL_OBJECT ? ZS_SMALL : ZS_LARGE, data, len, err);
	if (rc)
		return rc;
	p->data.buf[p->data.len] = '\0';
	struct wg_pack_entry *e = new_entry(p);
	e->oid = *oid;
	e->offset = start;
	e->crc = (uint32_t)crc32_z(0, (const Bytef *)p->data.buf + start, p->data.len - start);
	insert(p, p->n++);
	return WG_OK;
}

static int add_record(wg_pack *p, const git_oid *oid, const unsigned char *data, size_t len,
		      wg_error *err);
static int add_tree(wg_pack *p, const git_oid *oid, const unsigned char *data, size_t len,
		    wg_error *err);

int wg_pack_add(wg_pack *p, const git_oid *oid, git_object_t type, const void *data, size_t len,
		wg_error *err)
{
	if (p->finished || p->ro || type < GIT_OBJECT_COMMIT || type > GIT_OBJECT_TAG ||
	    p->n >= UINT32_MAX - 1)
		return wg_fail(err, WG_EINTERNAL, _("write pack: bad object"));
	if (find(p, oid) >= 0)
		return WG_OK;
	if (p->deltas && type == GIT_OBJECT_BLOB && len >= DELTA_MIN && len <= DELTA_MAX)
		return add_record(p, oid, data, len, err);
	if (p->deltas && type == GIT_OBJECT_TREE && len >= DELTA_MIN && len <= TREE_DELTA_MAX)
		return add_tree(p, oid, data, len, err);
	return write_entry(p, oid, type, NULL, data, len, false, err);
}

#define OBJ_REF_DELTA 7

int wg_pack_add_delta(wg_pack *p, const git_oid *oid, const git_oid *base, const void *delta,
		      size_t len, wg_error *err)
{
	if (p->finished || p->ro || p->n >= UINT32_MAX - 1)
		return wg_fail(err, WG_EINTERNAL, _("write pack: bad object"));
	if (find(p, oid) >= 0)
		return WG_OK;
	return write_entry(p, oid, OBJ_REF_DELTA, base, delta, len, false, err);
}

/* ---- deltas (git's format: Documentation/gitformat-pack.txt) ---- */

static void delta_size(strbuf *out, size_t n)
{
	do {
		unsigned char c = n & 0x7f;
		n >>= 7;
		sb_addc(out, (char)(c | (n ? 0x80 : 0)));
	} while (n);
}

/* Copy len bytes of the base from off: offset and size bytes that are not
 * zero, flagged in the first byte; at most 0xffffff per instruction. */
static void delta_copy(strbuf *out, size_t off, size_t len)
{
	while (len) {
		size_t n = len > 0xffffff ? 0xffffff : len;
		unsigned char op[8], flags = 0x80;
		size_t k = 1;
		for (int i = 0; i < 4; i++)
			if ((off >> (8 * i)) & 0xff) {
				flags |= (unsigned char)(1 << i);
				op[k++] = (unsigned char)(off >> (8 * i));
			}
		for (int i = 0; i < 3; i++)
			if ((n >> (8 * i)) & 0xff) {
				flags |= (unsigned char)(0x10 << i);
				op[k++] = (unsigned char)(n >> (8 * i));
			}
		op[0] = flags;
		sb_add(out, op, k);
		off += n;
		len -= n;
	}
}

/* Insert literal bytes, at most 127 per instruction. */
static void delta_insert(strbuf *out, const unsigned char *d, size_t len)
{
	while (len) {
		size_t n = len > 127 ? 127 : len;
		sb_addc(out, (char)n);
		sb_add(out, d, n);
		d += n;
		len -= n;
	}
}

/* The copies and inserts of a delta, merged as they come. */
struct delta_out {
	strbuf *out;
	size_t copy_off, copy_len;  /* a pending copy */
	const unsigned char *ins;   /* a pending insert: contiguous in the result */
	size_t ins_len;
};

static void flush_ops(struct delta_out *d)
{
	if (d->copy_len)
		delta_copy(d->out, d->copy_off, d->copy_len);
	if (d->ins_len)
		delta_insert(d->out, d->ins, d->ins_len);
	d->copy_len = d->ins_len = 0;
}

static void op_copy(struct delta_out *d, size_t off, size_t len)
{
	if (d->ins_len || (d->copy_len && d->copy_off + d->copy_len != off))
		flush_ops(d);
	if (!d->copy_len)
		d->copy_off = off;
	d->copy_len += len;
}

static void op_insert(struct delta_out *d, const unsigned char *p, size_t len)
{
	if (d->copy_len || (d->ins_len && d->ins + d->ins_len != p))
		flush_ops(d);
	if (!d->ins_len)
		d->ins = p;
	d->ins_len += len;
}

/* git's order of tree entries: by name, a folder's as if it ended in '/'. */
int wg_tree_item_cmp(const struct wg_tree_item *a, const struct wg_tree_item *b)
{
	size_t n = a->namelen < b->namelen ? a->namelen : b->namelen;
	int c = memcmp(a->name, b->name, n);
	if (c)
		return c;
	unsigned char ca = a->namelen > n ? (unsigned char)a->name[n] : a->mode == 040000 ? '/' : 0;
	unsigned char cb = b->namelen > n ? (unsigned char)b->name[n] : b->mode == 040000 ? '/' : 0;
	return (ca > cb) - (ca < cb);
}

bool wg_delta_make(const unsigned char *base, size_t blen, const unsigned char *res, size_t rlen,
		   bool tree, strbuf *out)
{
	struct delta_out d = {out, 0, 0, NULL, 0};
	sb_reset(out);
	delta_size(out, blen);
	delta_size(out, rlen);
	if (tree) {
		/* entry by entry: the unchanged ones are copied from the base */
		const unsigned char *p = res, *end = res + rlen, *q = base, *bend = base + blen;
		struct wg_tree_item it, bt;
		bool have = wg_tree_next(&q, bend, &bt);
		const unsigned char *bstart = base;
		while (p < end) {
			const unsigned char *start = p;
			if (!wg_tree_next(&p, end, &it))
				return false;
			while (have && wg_tree_item_cmp(&bt, &it) < 0) {
				bstart = q;
				have = wg_tree_next(&q, bend, &bt);
			}
			size_t elen = (size_t)(p - start);
			if (have && (size_t)(q - bstart) == elen && memcmp(bstart, start, elen) == 0)
				op_copy(&d, (size_t)(bstart - base), elen);
			else
				op_insert(&d, start, elen);
		}
	} else {
		/* the common beginning and end are copied, the middle inserted */
		size_t pre = 0, suf = 0;
		while (pre < blen && pre < rlen && base[pre] == res[pre])
			pre++;
		while (suf < blen - pre && suf < rlen - pre && base[blen - 1 - suf] == res[rlen - 1 - suf])
			suf++;
		if (pre)
			op_copy(&d, 0, pre);
		if (rlen - pre - suf)
			op_insert(&d, res + pre, rlen - pre - suf);
		if (suf)
			op_copy(&d, blen - suf, suf);
	}
	flush_ops(&d);
	return true;
}

static uint32_t hash4(const unsigned char *s)
{
	uint32_t v;
	memcpy(&v, s, 4);
	return (v * 2654435761u) >> 22; /* DELTA_HASH = 1 << 10 */
}

/* Make record number ent (len bytes, at most DELTA_MAX) the base of its kind. */
static void set_base(struct dbase *b, long ent, uint32_t key, const unsigned char *data, size_t len)
{
	b->ent = ent;
	b->key = key;
	b->len = (uint16_t)len;
	memcpy(b->data, data, len);
	memset(b->head, 0, sizeof b->head);
	for (size_t j = 0; j + 4 <= len; j++) {
		uint32_t h = hash4(data + j);
		b->next[j] = b->head[h];
		b->head[h] = (uint16_t)(j + 1);
	}
}

/* How many bytes a and b have in common from their start, of at most max:
 * eight at a time. */
static size_t common_len(const unsigned char *a, const unsigned char *b, size_t max)
{
	size_t n = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; n + 8 <= max; n += 8) {
		uint64_t x, y;
		memcpy(&x, a + n, 8);
		memcpy(&y, b + n, 8);
		if (x != y)
			return n + (size_t)__builtin_ctzll(x ^ y) / 8;
	}
#endif
	while (n < max && a[n] == b[n])
		n++;
	return n;
}

/* A delta from base b to res: the longest copy of the base found at each
 * place (of DELTA_TRIES candidates; the first of the longest), else a byte
 * inserted. A candidate that differs at the length of the best so far
 * cannot be longer: it is not measured. */
static void record_delta(const struct dbase *b, const unsigned char *res, size_t rlen, strbuf *out)
{
	struct delta_out d = {out, 0, 0, NULL, 0};
	sb_reset(out);
	delta_size(out, b->len);
	delta_size(out, rlen);
	size_t i = 0, lit = 0; /* the bytes from lit to i are to be inserted */
	while (i + 4 <= rlen) {
		size_t best = 0, boff = 0;
		int tries = 0;
		for (uint16_t c = b->head[hash4(res + i)]; c && tries < DELTA_TRIES;
		     c = b->next[c - 1], tries++) {
			size_t off = (size_t)c - 1;
			size_t max = b->len - off < rlen - i ? b->len - off : rlen - i;
			if (best && (best >= max || b->data[off + best] != res[i + best]))
				continue;
			size_t n = common_len(b->data + off, res + i, max);
			if (n > best) {
				best = n;
				boff = off;
			}
		}
		if (best >= DELTA_COPY_MIN) {
			if (lit < i)
				op_insert(&d, res + lit, i - lit);
			op_copy(&d, boff, best);
			i += best;
			lit = i;
		} else {
			i++;
		}
	}
	if (lit < rlen)
		op_insert(&d, res + lit, rlen - lit);
	flush_ops(&d);
}

static int add_record(wg_pack *p, const git_oid *oid, const unsigned char *data, size_t len,
		      wg_error *err)
{
	const unsigned char *nl = memchr(data, '\n', len > 64 ? 64 : len);
	uint32_t key = (uint32_t)crc32_z(0, data, nl ? (size_t)(nl - data) : 0);
	struct dbase *b = &p->bases[key % DELTA_BASES];
	if (b->ent >= 0 && b->key == key) {
		record_delta(b, data, len, &p->dmade);
		/* worth it when it saves a quarter (the offset takes a few bytes) */
		if (p->dmade.len + 4 <= len - len / 4) {
			p->ndelta_base = (size_t)b->ent;
			return write_entry(p, oid, OBJ_OFS_DELTA, NULL, p->dmade.buf, p->dmade.len,
					   false, err);
		}
	}
	long ent = (long)p->n;
	int rc = write_entry(p, oid, GIT_OBJECT_BLOB, NULL, data, len, false, err);
	if (rc == WG_OK)
		set_base(b, ent, key, data, len);
	return rc;
}

/* A tree's keys: its first and its last entry, name and id. */
static void tree_keys(const unsigned char *data, size_t len, uint32_t key[2])
{
	const unsigned char *q = data, *end = data + len;
	struct wg_tree_item it, first = {0}, last = {0};
	bool any = false;
	while (wg_tree_next(&q, end, &it)) {
		if (!any)
			first = it;
		last = it;
		any = true;
	}
	key[0] = key[1] = 0;
	if (!any)
		return;
	key[0] = (uint32_t)crc32_z(crc32_z(1, (const Bytef *)first.name, first.namelen),
				   first.oid, GIT_OID_RAWSZ);
	key[1] = (uint32_t)crc32_z(crc32_z(2, (const Bytef *)last.name, last.namelen), last.oid,
				   GIT_OID_RAWSZ);
}

static int add_tree(wg_pack *p, const git_oid *oid, const unsigned char *data, size_t len,
		    wg_error *err)
{
	uint32_t key[2];
	tree_keys(data, len, key);
	for (int k = 0; k < 2; k++) {
		struct tbase *b = &p->tbases[key[k] % TREE_BASES];
		if (b->ent >= 0 && b->key == key[k] &&
		    wg_delta_make((const unsigned char *)b->data.buf, b->data.len, data, len, true,
				  &p->dmade) &&
		    p->dmade.len + 4 <= len - len / 4) {
			p->ndelta_base = (size_t)b->ent;
			return write_entry(p, oid, OBJ_OFS_DELTA, NULL, p->dmade.buf, p->dmade.len,
					   true, err);
		}
	}
	long ent = (long)p->n;
	int rc = write_entry(p, oid, GIT_OBJECT_TREE, NULL, data, len, true, err);
	for (int k = 0; k < 2 && rc == WG_OK; k++) {
		struct tbase *b = &p->tbases[key[k] % TREE_BASES];
		b->ent = ent;
		b->key = key[k];
		sb_reset(&b->data);
		sb_add(&b->data, data, len);
	}
	return rc;
}

void wg_object_id(git_oid *out, git_object_t type, const void *data, size_t len)
{
	static const char *const names[] = {"", "commit ", "tree ", "blob ", "tag "};
	char hdr[32], digits[24];
	size_t n = 0, nd = 0, v = len;
	const char *name = type >= GIT_OBJECT_COMMIT && type <= GIT_OBJECT_TAG ? names[type] : "";
	while (*name)
		hdr[n++] = *name++;
	do
		digits[nd++] = (char)('0' + v % 10);
	while ((v /= 10) && nd < sizeof digits);
	while (nd)
		hdr[n++] = digits[--nd];
	hdr[n++] = '\0';
	wg_sha1 c;
	wg_sha1_init(&c);
	wg_sha1_update(&c, hdr, n);
	wg_sha1_update(&c, data, len);
	wg_sha1_final(&c, out->id);
}

/* The name of an object read from a pack. What arrives is named by libgit2's
 * SHA-1, which is built with collision detection (sha1dc, as git's own):
 * false when its data is part of a collision attack. What wangge wrote
 * itself is named by the fast one. */
static bool read_object_id(const wg_pack *p, git_oid *out, git_object_t type, const void *data,
			   size_t len)
{
	if (!p->received) {
		wg_object_id(out, type, data, len);
		return true;
	}
	return git_odb_hash(out, data, len, type) == 0;
}

int wg_pack_add_from(wg_pack *p, git_odb *odb, const git_oid *oid, wg_error *err)
{
	git_odb_object *obj;
	if (git_odb_read(&obj, odb, oid) < 0)
		return wg_git_fail(err, _("write pack"));
	int rc = wg_pack_add(p, oid, git_odb_object_type(obj), git_odb_object_data(obj),
			     git_odb_object_size(obj), err);
	git_odb_object_free(obj);
	return rc;
}

const unsigned char *wg_pack_finish(wg_pack *p, size_t *len)
{
	if (!p->finished) {
		unsigned char *h = (unsigned char *)p->data.buf;
		uint32_t n = (uint32_t)p->n;
		h[8] = (unsigned char)(n >> 24);
		h[9] = (unsigned char)(n >> 16);
		h[10] = (unsigned char)(n >> 8);
		h[11] = (unsigned char)n;
		wg_sha1 c;
		unsigned char sum[20];
		wg_sha1_init(&c);
		wg_sha1_update(&c, p->data.buf, p->data.len);
		wg_sha1_final(&c, sum);
		sb_add(&p->data, sum, sizeof sum);
		p->finished = true;
	}
	*len = p->data.len;
	return (const unsigned char *)p->data.buf;
}

static void put32(strbuf *sb, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 8), (unsigned char)v};
	sb_add(sb, b, 4);
}

/* The entries in the order of their names: counted out by their first two
 * bytes (object names are uniformly spread), then each small bucket in
 * order by insertion. qsort took half the time of a county's first flush. */
static struct wg_pack_entry *sorted_entries(const struct wg_pack_entry *ent, size_t n)
{
	struct wg_pack_entry *v = xmalloc((n ? n : 1) * sizeof *v);
	size_t *start = xcalloc(65536 + 1, sizeof *start);
	for (size_t i = 0; i < n; i++)
		start[(ent[i].oid.id[0] << 8 | ent[i].oid.id[1]) + 1]++;
	for (size_t b = 0; b < 65536; b++)
		start[b + 1] += start[b];
	for (size_t i = 0; i < n; i++)
		v[start[ent[i].oid.id[0] << 8 | ent[i].oid.id[1]]++] = ent[i];
	/* start[b] is now where bucket b + 1 begins */
	for (size_t b = 0, from = 0; b < 65536; from = start[b++]) {
		for (size_t i = from + 1; i < start[b]; i++) {
			struct wg_pack_entry e = v[i];
			size_t j = i;
			while (j > from && memcmp(v[j - 1].oid.id, e.oid.id, GIT_OID_RAWSZ) > 0) {
				v[j] = v[j - 1];
				j--;
			}
			v[j] = e;
		}
	}
	free(start);
	return v;
}

/* The version 2 index: fan-out table, sorted names, CRC-32s, offsets (large
 * ones in a second table), the pack's checksum and the index's own. */
static void build_index(const struct wg_pack_entry *ent, size_t n, const unsigned char *pack_sum,
			strbuf *idx)
{
	size_t nlarge = 0;
	struct wg_pack_entry *v = sorted_entries(ent, n);
	sb_add(idx, "\377tOc\0\0\0\2", 8);
	size_t k = 0;
	for (unsigned b = 0; b < 256; b++) {
		while (k < n && v[k].oid.id[0] <= b)
			k++;
		put32(idx, (uint32_t)k);
	}
	for (size_t i = 0; i < n; i++)
		sb_add(idx, v[i].oid.id, GIT_OID_RAWSZ);
	for (size_t i = 0; i < n; i++)
		put32(idx, v[i].crc);
	for (size_t i = 0; i < n; i++)
		put32(idx, v[i].offset < 0x80000000u ? (uint32_t)v[i].offset
						     : 0x80000000u | (uint32_t)nlarge++);
	for (size_t i = 0; i < n; i++)
		if (v[i].offset >= 0x80000000u) {
			put32(idx, (uint32_t)(v[i].offset >> 32));
			put32(idx, (uint32_t)v[i].offset);
		}
	free(v);
	sb_add(idx, pack_sum, 20);
	wg_sha1 c;
	unsigned char sum[20];
	wg_sha1_init(&c);
	wg_sha1_update(&c, idx->buf, idx->len);
	wg_sha1_final(&c, sum);
	sb_add(idx, sum, sizeof sum);
}

int wg_pack_write_files(wg_pack *p, const char *packdir, wg_error *err)
{
	size_t len;
	const unsigned char *pack = wg_pack_finish(p, &len);
	return wg_pack_store(pack, len, p->ent, p->n, packdir, err);
}

int wg_pack_write_index(const wg_pack *p, const char *packdir, wg_error *err)
{
	size_t len;
	const unsigned char *pack = pack_bytes(p, &len);
	return wg_pack_store(pack, len, p->ent, p->n, packdir, err);
}

int wg_pack_store(const unsigned char *pack, size_t len, const struct wg_pack_entry *v, size_t n,
		  const char *packdir, wg_error *err)
{
	char hex[41];
	strbuf idx = STRBUF_INIT;
	build_index(v, n, pack + len - 20, &idx);
	wg_hex(pack + len - 20, 20, hex);
	char *ppath = xasprintf("%s/pack-%s.pack", packdir, hex);
	char *ipath = xasprintf("%s/pack-%s.idx", packdir, hex);
	/* the index last: a pack without one is invisible, never half-read */
	int rc = wg_write_file(ppath, pack, len, err);
	if (rc == WG_OK)
		rc = wg_write_file(ipath, idx.buf, idx.len, err);
	if (rc == WG_OK) {
		chmod(ppath, 0400);
		chmod(ipath, 0400);
	}
	sb_release(&idx);
	free(ppath);
	free(ipath);
	return rc;
}

/* ---- reading ---- */

static int damaged(wg_error *err, const char *why);

/* The type and size header at p: 3 bits of type, then the size, 4 bits first
 * and 7 per following byte. false when it runs past end or overflows. */
static bool parse_header(const unsigned char *p, const unsigned char *end, int *type,
			 uint64_t *size, size_t *hdrlen)
{
	const unsigned char *q = p;
	if (q >= end)
		return false;
	unsigned c = *q++;
	uint64_t sz = c & 15;
	unsigned shift = 4;
	*type = (c >> 4) & 7;
	while (c & 0x80) {
		if (q >= end || shift > 57)
			return false;
		c = *q++;
		sz |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	}
	*size = sz;
	*hdrlen = (size_t)(q - p);
	return true;
}

/* The object's data when its zlib stream is one stored block (what store()
 * writes), checked against its Adler-32: no copy, no inflate. */
static const unsigned char *stored_data(const unsigned char *z, const unsigned char *end,
					uint64_t size, size_t *used)
{
	if (size > 65535 || (size_t)(end - z) < 2 + 5 + size + 4 || z[0] != 0x78 || z[1] != 0x01 ||
	    z[2] != 0x01 || (uint64_t)(z[3] | z[4] << 8) != size ||
	    (uint64_t)(z[5] | z[6] << 8) != (~size & 0xffff))
		return NULL;
	const unsigned char *d = z + 7, *s = d + size;
	uint32_t sum = (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
	if (sum != (uint32_t)adler32_z(1, d, (size_t)size))
		return NULL;
	*used = 2 + 5 + (size_t)size + 4;
	return d;
}

/* Inflate the stream at z into buf (exactly size bytes); *used: its length. */
static bool inflate_to(wg_pack *p, const unsigned char *z, const unsigned char *end,
		       uint64_t size, strbuf *buf, size_t *used)
{
	if (!p->inf_ready) {
		memset(&p->inf, 0, sizeof p->inf);
		int zrc = inflateInit(&p->inf);
		if (zrc != Z_OK) {
			p->nomem |= zrc == Z_MEM_ERROR;
			return false;
		}
		p->inf_ready = true;
	} else if (inflateReset(&p->inf) != Z_OK) {
		return false;
	}
	sb_reset(buf);
	sb_grow(buf, (size_t)size + 1);
	z_stream *s = &p->inf;
	s->next_in = (Bytef *)z;
	s->next_out = (Bytef *)buf->buf;
	size_t in_left = (size_t)(end - z), out_left = (size_t)size + 1;
	int zrc;
	do {
		/* zlib's counters are 32 bits wide */
		uInt give_in = in_left > (1u << 30) ? 1u << 30 : (uInt)in_left;
		uInt give_out = out_left > (1u << 30) ? 1u << 30 : (uInt)out_left;
		s->avail_in = give_in;
		s->avail_out = give_out;
		zrc = inflate(s, Z_NO_FLUSH);
		in_left -= give_in - s->avail_in;
		out_left -= give_out - s->avail_out;
	} while (zrc == Z_OK && (s->avail_in == 0 || s->avail_out == 0) && in_left && out_left);
	p->nomem |= zrc == Z_MEM_ERROR;
	/* exactly size bytes, and the stream ends there (one byte of room more
	 * catches a stream that says more than its header) */
	if (zrc != Z_STREAM_END || out_left != 1)
		return false;
	buf->len = (size_t)size;
	buf->buf[size] = '\0';
	*used = (size_t)(end - z) - in_left;
	return true;
}

static long entry_at(const wg_pack *p, uint64_t off);
static bool read_entry(wg_pack *p, size_t i, git_object_t *type, const unsigned char **data,
		       size_t *len, strbuf *buf, size_t *used);

/* Record number i of a pack written here, an OFS_DELTA (size bytes, its
 * offset and zlib stream at q) against a whole object before it. */
static bool read_own_delta(wg_pack *p, size_t i, const unsigned char *q, const unsigned char *end,
			   size_t size, git_object_t *type, const unsigned char **data, size_t *len,
			   strbuf *buf, size_t *used)
{
	const unsigned char *start = q;
	uint64_t back = 0;
	unsigned char c;
	int nbytes = 0;
	do {
		if (q >= end || ++nbytes > 9)
			return false;
		c = *q++;
		back = nbytes == 1 ? (uint64_t)(c & 0x7f) : ((back + 1) << 7) | (c & 0x7f);
	} while (c & 0x80);
	if (back == 0 || back > p->ent[i].offset)
		return false;
	long bi = entry_at(p, p->ent[i].offset - back);
	git_object_t bt;
	const unsigned char *bd, *dd;
	size_t bl, bused, zlen;
	/* one level deep: the base is never a delta itself */
	if (bi < 0 || (size_t)bi >= i || !read_entry(p, (size_t)bi, &bt, &bd, &bl, &p->dbase_buf, &bused) ||
	    bd == (const unsigned char *)buf->buf)
		return false;
	dd = stored_data(q, end, size, &zlen);
	if (!dd) {
		if (!inflate_to(p, q, end, size, &p->dread, &zlen))
			return false;
		dd = (const unsigned char *)p->dread.buf;
	}
	uint64_t bsz, rsz;
	if (!wg_delta_sizes(dd, size, &bsz, &rsz) || bsz != bl || rsz > OBJECT_MAX)
		return false;
	sb_reset(buf);
	sb_grow(buf, (size_t)rsz + 1);
	if (!wg_delta_apply(bd, bl, dd, size, (unsigned char *)buf->buf, (size_t)rsz))
		return false;
	buf->len = (size_t)rsz;
	buf->buf[rsz] = '\0';
	*type = bt;
	*data = (const unsigned char *)buf->buf;
	*len = (size_t)rsz;
	*used = (size_t)(q - start) + zlen;
	return true;
}

/* Object number i's type and data, and the length of its bytes in the pack. */
static bool read_entry(wg_pack *p, size_t i, git_object_t *type, const unsigned char **data,
		       size_t *len, strbuf *buf, size_t *used)
{
	if (p->dx && p->dx[i].is_delta) {
		if (!p->dx[i].resolved)
			return false;
		*type = p->dx[i].type;
		*data = (const unsigned char *)p->arena.buf + p->dx[i].at;
		*len = p->dx[i].len;
		*used = 0;
		return true;
	}
	size_t plen;
	const unsigned char *pack = pack_bytes(p, &plen);
	const unsigned char *end = pack + plen - (p->ro || p->finished ? 20 : 0);
	const unsigned char *at = pack + p->ent[i].offset;
	int t;
	uint64_t size;
	size_t hdrlen, zlen;
	if (!parse_header(at, end, &t, &size, &hdrlen) || size > SIZE_MAX - 1)
		return false;
	if (t == OBJ_OFS_DELTA && !p->dx)
		return read_own_delta(p, i, at + hdrlen, end, (size_t)size, type, data, len, buf,
				      used);
	if (t < GIT_OBJECT_COMMIT || t > GIT_OBJECT_TAG)
		return false;
	const unsigned char *d = stored_data(at + hdrlen, end, size, &zlen);
	if (!d) {
		if (!inflate_to(p, at + hdrlen, end, size, buf, &zlen))
			return false;
		d = (const unsigned char *)buf->buf;
	}
	*type = (git_object_t)t;
	*data = d;
	*len = (size_t)size;
	*used = hdrlen + zlen;
	return true;
}

int wg_pack_read(wg_pack *p, const git_oid *oid, git_object_t *type, const unsigned char **data,
		 size_t *len, strbuf *buf, bool *found, wg_error *err)
{
	long i = find(p, oid);
	size_t used;
	*found = i >= 0;
	if (i < 0)
		return WG_OK;
	if (!read_entry(p, (size_t)i, type, data, len, buf, &used)) {
		if (p->nomem)
			return wg_fail(err, WG_EINTERNAL, _("not enough memory to read the pack"));
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, oid);
		return wg_fail(err, WG_EINPUT, _("the object %s is damaged"), hex);
	}
	return WG_OK;
}

int wg_pack_read_at(wg_pack *p, size_t i, git_oid *oid, git_object_t *type,
		    const unsigned char **data, size_t *len, strbuf *buf, wg_error *err)
{
	size_t used;
	if (i >= p->n || !read_entry(p, i, type, data, len, buf, &used))
		return p->nomem ? wg_fail(err, WG_EINTERNAL, _("not enough memory to read the pack"))
				: damaged(err, _("an object is damaged or cut off"));
	*oid = p->ent[i].oid;
	return WG_OK;
}

int wg_pack_copy(wg_pack *dst, wg_pack *src, const git_oid *oid, bool *found, wg_error *err)
{
	long i = find(src, oid);
	*found = i >= 0;
	if (i < 0 || find(dst, oid) >= 0)
		return WG_OK;
	if (dst->finished || dst->ro || dst->n >= UINT32_MAX - 1)
		return wg_fail(err, WG_EINTERNAL, _("write pack: bad object"));
	size_t plen;
	const unsigned char *pack = pack_bytes(src, &plen);
	int t;
	uint64_t size;
	size_t hdrlen;
	if (parse_header(pack + src->ent[i].offset, pack + plen, &t, &size, &hdrlen) &&
	    (t == OBJ_OFS_DELTA || t == OBJ_REF_DELTA)) {
		/* a delta names its base by where it is in src: written anew */
		git_object_t type;
		const unsigned char *data;
		size_t len;
		git_oid same;
		strbuf buf = STRBUF_INIT;
		int rc = wg_pack_read_at(src, (size_t)i, &same, &type, &data, &len, &buf, err);
		if (rc == WG_OK)
			rc = wg_pack_add(dst, oid, type, data, len, err);
		sb_release(&buf);
		return rc;
	}
	/* its bytes run to the next object's, or to the end of the objects */
	size_t from = (size_t)src->ent[i].offset;
	size_t to = (size_t)i + 1 < src->n ? (size_t)src->ent[i + 1].offset
					   : plen - (src->ro || src->finished ? 20 : 0);
	struct wg_pack_entry *e = new_entry(dst);
	e->oid = *oid;
	e->offset = dst->data.len;
	e->crc = src->ent[i].crc;
	sb_add(&dst->data, pack + from, to - from);
	insert(dst, dst->n++);
	return WG_OK;
}

static int damaged(wg_error *err, const char *why)
{
	return wg_fail(err, WG_EINPUT, _("the pack is damaged or incomplete (%s)"), why);
}

/* Object names, in the order added (duplicates allowed). */
struct oidlist {
	git_oid *v;
	size_t n;
};

static void oidlist_add(struct oidlist *l, const git_oid *oid)
{
	if ((l->n & (l->n - 1)) == 0) /* 0, 1, 2, 4, ...: full */
		l->v = xrealloc(l->v, (l->n ? 2 * l->n : 1) * sizeof *l->v);
	l->v[l->n++] = *oid;
}

/* A pack on disk must hold the bases of its deltas: the ones a thin pack
 * took from known are added to it whole (git's index-pack --fix-thin). */
static int append_bases(wg_pack *p, git_odb *known, const struct oidlist *thin, wg_error *err)
{
	int rc = WG_OK;
	sb_reset(&p->data);
	sb_add(&p->data, p->ro, p->ro_len - 20);
	p->ro = NULL;
	p->ro_len = 0;
	p->finished = false;
	for (size_t i = 0; i < thin->n && rc == WG_OK; i++) {
		git_odb_object *obj;
		if (find(p, &thin->v[i]) >= 0)
			continue;
		if (git_odb_read(&obj, known, &thin->v[i]) < 0)
			return wg_git_fail(err, _("read the pack"));
		rc = write_entry(p, &thin->v[i], git_odb_object_type(obj), NULL,
				 git_odb_object_data(obj), git_odb_object_size(obj), false, err);
		git_odb_object_free(obj);
	}
	size_t len;
	if (rc == WG_OK)
		wg_pack_finish(p, &len);
	return rc;
}

/* Apply git's delta d (dlen bytes) to base into out, which has room for the
 * result size it states (*rlen). false on anything malformed. */
bool wg_delta_apply(const unsigned char *base, size_t blen, const unsigned char *d, size_t dlen,
		    unsigned char *out, size_t rlen)
{
	const unsigned char *p = d, *end = d + dlen;
	size_t o = 0;
	for (int k = 0; k < 2; k++) { /* the sizes, checked by the caller */
		while (p < end && (*p & 0x80))
			p++;
		if (p++ >= end)
			return false;
	}
	while (p < end) {
		unsigned char op = *p++;
		if (op & 0x80) {
			uint64_t off = 0, n = 0;
			for (int i = 0; i < 4; i++)
				if (op & (1 << i)) {
					if (p >= end)
						return false;
					off |= (uint64_t)*p++ << (8 * i);
				}
			for (int i = 0; i < 3; i++)
				if (op & (0x10 << i)) {
					if (p >= end)
						return false;
					n |= (uint64_t)*p++ << (8 * i);
				}
			if (!n)
				n = 0x10000;
			if (off > blen || n > blen - off || n > rlen - o)
				return false;
			memcpy(out + o, base + off, (size_t)n);
			o += (size_t)n;
		} else if (op) {
			if (op > (size_t)(end - p) || op > rlen - o)
				return false;
			memcpy(out + o, p, op);
			p += op;
			o += op;
		} else {
			return false; /* reserved */
		}
	}
	return o == rlen;
}

/* A delta's two sizes: of its base and of its result. */
bool wg_delta_sizes(const unsigned char *d, size_t dlen, uint64_t *base, uint64_t *res)
{
	const unsigned char *p = d, *end = d + dlen;
	uint64_t v[2];
	for (int k = 0; k < 2; k++) {
		unsigned shift = 0;
		v[k] = 0;
		unsigned char c;
		do {
			if (p >= end || shift > 56)
				return false;
			c = *p++;
			v[k] |= (uint64_t)(c & 0x7f) << shift;
			shift += 7;
		} while (c & 0x80);
	}
	*base = v[0];
	*res = v[1];
	return true;
}

/* The entry at pack offset off, or -1 (entries are in pack order). */
static long entry_at(const wg_pack *p, uint64_t off)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->ent[mid].offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n && p->ent[lo].offset == off ? (long)lo : -1;
}

/* Resolve delta i if its base is at hand: in the pack (whole, or a delta
 * resolved already) or in known, which thin packs build on (its bases are
 * then added to the pack: a pack on disk must hold its bases). *done says
 * whether it was. */
static int resolve_one(wg_pack *p, size_t i, git_odb *known, struct oidlist *thin, bool *done,
		       strbuf *buf, wg_error *err)
{
	struct delta *x = &p->dx[i];
	git_odb_object *obj = NULL;
	const unsigned char *base;
	size_t blen, used;
	git_object_t btype;
	uint64_t want_base, rsize;
	*done = false;
	unsigned depth = 1;
	if (!wg_delta_sizes((const unsigned char *)p->arena.buf + x->at, x->len, &want_base, &rsize) ||
	    rsize > OBJECT_MAX)
		return damaged(err, _("a delta is malformed"));
	long b = x->ofs ? entry_at(p, x->base_off) : find(p, &x->base_oid);
	if (b >= 0) {
		if (p->dx && p->dx[b].is_delta && !p->dx[b].resolved)
			return WG_OK; /* later */
		if (p->dx && p->dx[b].is_delta)
			depth = p->dx[b].depth + 1;
		if (depth > WG_PACK_MAX_DEPTH)
			return wg_fail(err, WG_EINPUT,
				       _("the pack is refused: it holds a chain of more than %d deltas"),
				       WG_PACK_MAX_DEPTH);
		/* room first: the base and the delta may be in the arena too */
		sb_grow(&p->arena, (size_t)rsize + 1);
		if (!read_entry(p, (size_t)b, &btype, &base, &blen, buf, &used))
			return damaged(err, _("an object is damaged or cut off"));
	} else if (!x->ofs && known &&
		   git_odb_exists_ext(known, &x->base_oid, GIT_ODB_LOOKUP_NO_REFRESH)) {
		/* the history has it: failing to read it is no fault of the pack */
		if (git_odb_read(&obj, known, &x->base_oid) < 0)
			return wg_git_fail(err, _("read"));
		sb_grow(&p->arena, (size_t)rsize + 1);
		btype = git_odb_object_type(obj);
		base = git_odb_object_data(obj);
		blen = git_odb_object_size(obj);
		oidlist_add(thin, &x->base_oid);
	} else if (x->ofs) {
		return damaged(err, _("a delta is malformed"));
	} else {
		return WG_OK; /* perhaps another delta of the pack, resolved later */
	}
	int rc = WG_OK;
	if (want_base != blen) {
		rc = damaged(err, _("a delta is malformed"));
	} else {
		unsigned char *out = (unsigned char *)p->arena.buf + p->arena.len;
		if (!wg_delta_apply(base, blen, (const unsigned char *)p->arena.buf + x->at, x->len, out,
				 (size_t)rsize)) {
			rc = damaged(err, _("a delta is malformed"));
		} else {
			x->at = p->arena.len;
			x->len = (size_t)rsize;
			x->type = btype;
			x->depth = depth;
			x->resolved = true;
			p->arena.len += (size_t)rsize;
			p->arena.buf[p->arena.len] = '\0';
			if (!read_object_id(p, &p->ent[i].oid, btype, out, (size_t)rsize))
				rc = damaged(err, _("an object is a forged SHA-1 collision"));
			else if (find(p, &p->ent[i].oid) >= 0)
				rc = damaged(err, _("it holds an object twice"));
			else
				insert(p, i);
			*done = rc == WG_OK;
		}
	}
	git_odb_object_free(obj);
	return rc;
}

/* Too much for one import: what was asked, and the limit. */
static int over_budget(wg_error *err, const char *what, uint64_t limit)
{
	return wg_fail(err, WG_EINPUT,
		       _("the bundle is refused: it would need more than %llu %s to read (a "
			 "\"delta bomb\" or a damaged file)"),
		       (unsigned long long)limit, what);
}

/* Count n more bytes to inflate or make, and h more to keep in memory. */
static int spend(struct wg_pack_budget *b, uint64_t n, uint64_t h, wg_error *err)
{
	if (!b)
		return WG_OK;
	if (n > WG_PACK_MAX_INFLATED - b->inflated)
		/* TRANSLATORS: "it would need more than 1024 MiB of data to read" */
		return over_budget(err, _("MiB of data"), WG_PACK_MAX_INFLATED >> 20);
	if (h > WG_PACK_MAX_HELD - b->held)
		/* TRANSLATORS: "it would need more than 256 MiB of memory to read" */
		return over_budget(err, _("MiB of memory"), WG_PACK_MAX_HELD >> 20);
	b->inflated += n;
	b->held += h;
	return WG_OK;
}

int wg_pack_open(const unsigned char *data, size_t len, git_odb *known, wg_pack **out,
		 wg_error *err)
{
	return wg_pack_open_budget(data, len, known, NULL, out, err);
}

int wg_pack_open_budget(const unsigned char *data, size_t len, git_odb *known,
			struct wg_pack_budget *budget, wg_pack **out, wg_error *err)
{
	wg_pack *p = xcalloc(1, sizeof *p);
	git_error_clear(); /* what wg_git_nomem asks is this pack's */
	strbuf buf = STRBUF_INIT;
	struct oidlist thin = {NULL, 0};
	size_t ndeltas = 0;
	uint64_t held0 = 0;
	int rc = WG_OK;

	*out = NULL;
	p->ro = data;
	p->ro_len = len;
	p->finished = true;
	p->received = budget != NULL;
	if (len < HEADER_LEN + 20 || memcmp(data, "PACK", 4) != 0 ||
	    (data[4] | data[5] | data[6]) != 0 || (data[7] != 2 && data[7] != 3)) {
		rc = damaged(err, _("it does not start as a pack does"));
		goto out;
	}
	uint32_t count = (uint32_t)data[8] << 24 | (uint32_t)data[9] << 16 |
			 (uint32_t)data[10] << 8 | data[11];
	const unsigned char *end = data + len - 20;
	size_t off = HEADER_LEN;
	/* an object takes 9 bytes at the least (its header, an empty zlib stream) */
	if (count > (len - HEADER_LEN - 20) / 9) {
		rc = damaged(err, _("it says it holds more objects than it can"));
		goto out;
	}
	if (budget && count > WG_PACK_MAX_OBJECTS - budget->objects) {
		rc = wg_fail(err, WG_EINPUT,
			     _("the bundle is refused: it holds more than %llu objects"),
			     (unsigned long long)WG_PACK_MAX_OBJECTS);
		goto out;
	}
	if (budget) {
		budget->objects += count;
		held0 = budget->held;
	}
	for (uint32_t k = 0; k < count; k++) {
		int t;
		uint64_t size;
		size_t hdrlen, used;
		if (!parse_header(data + off, end, &t, &size, &hdrlen)) {
			rc = damaged(err, _("it is cut off"));
			goto out;
		}
		/* deflate shrinks at most about 1,000 to 1; no object of a history
		 * is larger than the largest evidence file */
		if (t == 0 || t == 5 || size > OBJECT_MAX ||
		    size / 1032 > (uint64_t)(end - (data + off))) {
			rc = damaged(err, _("an object's header is wrong"));
			goto out;
		}
		if ((rc = spend(budget, size, 0, err)))
			goto out;
		struct wg_pack_entry *e = new_entry(p);
		e->offset = off;
		if (t == 6 || t == 7) {
			/* a delta: its base, by offset back from here or by name */
			struct delta x = {.is_delta = true, .ofs = t == 6};
			const unsigned char *q = data + off + hdrlen;
			if (t == 6) {
				uint64_t back = 0;
				unsigned char c;
				int nbytes = 0;
				do {
					if (q >= end || ++nbytes > 9) {
						rc = damaged(err, _("it is cut off"));
						goto out;
					}
					c = *q++;
					back = nbytes == 1 ? (uint64_t)(c & 0x7f)
							   : ((back + 1) << 7) | (c & 0x7f);
				} while (c & 0x80);
				if (back == 0 || back > off - HEADER_LEN) {
					rc = damaged(err, _("a delta is malformed"));
					goto out;
				}
				x.base_off = off - back;
			} else {
				if (end - q < GIT_OID_RAWSZ) {
					rc = damaged(err, _("it is cut off"));
					goto out;
				}
				git_oid_fromraw(&x.base_oid, q);
				q += GIT_OID_RAWSZ;
			}
			size_t zlen;
			if (!inflate_to(p, q, end, size, &buf, &zlen)) {
				rc = damaged(err, _("an object is damaged or cut off"));
				goto out;
			}
			used = (size_t)(q - (data + off)) + zlen;
			/* what the delta will make, counted before it is made */
			uint64_t want_base, rsize;
			if (!wg_delta_sizes((const unsigned char *)buf.buf, (size_t)size, &want_base, &rsize) ||
			    rsize > OBJECT_MAX) {
				rc = damaged(err, _("a delta is malformed"));
				goto out;
			}
			if ((rc = spend(budget, rsize, rsize + size, err)))
				goto out;
			x.at = p->arena.len;
			x.len = (size_t)size;
			sb_add(&p->arena, buf.buf, (size_t)size);
			if (!p->dx)
				p->dx = xcalloc(p->nent_alloc, sizeof *p->dx);
			p->dx[p->n] = x;
			e->crc = (uint32_t)crc32_z(0, data + off, used);
			p->n++;
			ndeltas++;
			off += used;
			continue;
		}
		git_object_t type;
		const unsigned char *d;
		size_t n;
		if (!read_entry(p, p->n, &type, &d, &n, &buf, &used)) {
			rc = damaged(err, _("an object is damaged or cut off"));
			goto out;
		}
		if (!read_object_id(p, &e->oid, type, d, n)) {
			rc = damaged(err, _("an object is a forged SHA-1 collision"));
			goto out;
		}
		e->crc = (uint32_t)crc32_z(0, data + off, used);
		if (find(p, &e->oid) >= 0) {
			rc = damaged(err, _("it holds an object twice"));
			goto out;
		}
		insert(p, p->n++);
		off += used;
	}
	if (data + off != end) {
		rc = damaged(err, off < len - 20 ? _("it has bytes after its last object")
						 : _("it is cut off"));
		goto out;
	}
	wg_sha1 c;
	unsigned char sum[20];
	wg_sha1_init(&c);
	wg_sha1_update(&c, data, len - 20);
	wg_sha1_final(&c, sum);
	if (memcmp(sum, end, 20) != 0) {
		rc = damaged(err, _("its checksum does not match"));
		goto out;
	}
	/* Deltas, pass after pass: a base may be a delta later in the pack.
	 * One that never resolves lacks its base or is part of a cycle; long
	 * chains in reverse order are refused (git writes bases first). */
	for (int pass = 0; ndeltas && rc == WG_OK; pass++) {
		size_t before = ndeltas;
		for (size_t i = 0; i < p->n && rc == WG_OK; i++) {
			bool done;
			if (!p->dx[i].is_delta || p->dx[i].resolved)
				continue;
			if ((rc = resolve_one(p, i, known, &thin, &done, &buf, err)) == WG_OK && done)
				ndeltas--;
		}
		if (rc == WG_OK && ndeltas && (ndeltas == before || pass == 64))
			rc = wg_git_nomem() ? wg_git_fail(err, _("read"))
					    : damaged(err, _("a delta's base is missing"));
	}
	if (rc == WG_OK && thin.n)
		rc = append_bases(p, known, &thin, err);
out:
	if (rc && p->nomem)
		rc = wg_fail(err, WG_EINTERNAL, _("not enough memory to read the pack"));
	if (budget)
		budget->held = held0; /* the results go with the pack, freed before the next */
	sb_release(&buf);
	free(thin.v);
	if (rc)
		wg_pack_free(p);
	else
		*out = p;
	return rc;
}

/* Is oid here, or in known (which may be NULL)? */
static bool have(const wg_pack *p, git_odb *known, const unsigned char *raw)
{
	git_oid oid;
	git_oid_fromraw(&oid, raw);
	return find(p, &oid) >= 0 ||
	       (known && git_odb_exists_ext(known, &oid, GIT_ODB_LOOKUP_NO_REFRESH));
}

/* 40 lowercase hex digits at s, then a newline, all before end. */
static bool hex_oid(const unsigned char *s, const unsigned char *end, unsigned char raw[20])
{
	git_oid oid;
	if (end - s < GIT_OID_HEXSZ + 1 || s[GIT_OID_HEXSZ] != '\n')
		return false;
	for (int i = 0; i < GIT_OID_HEXSZ; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	if (git_oid_fromstrn(&oid, (const char *)s, GIT_OID_HEXSZ) < 0)
		return false;
	memcpy(raw, oid.id, 20);
	return true;
}

bool wg_tree_next(const unsigned char **p, const unsigned char *end, struct wg_tree_item *it)
{
	const unsigned char *q = *p;
	unsigned mode = 0;
	if (q >= end || *q == ' ')
		return false;
	/* the two modes wangge writes, at once */
	if (end - q > 7 && memcmp(q, "100644 ", 7) == 0) {
		mode = 0100644;
		q += 6;
	} else if (end - q > 6 && memcmp(q, "40000 ", 6) == 0) {
		mode = 040000;
		q += 5;
	}
	while (q < end && *q != ' ') {
		if (*q < '0' || *q > '7' || mode > 0777777)
			return false;
		mode = mode * 8 + (unsigned)(*q++ - '0');
	}
	if (q >= end)
		return false;
	const unsigned char *name = ++q;
	const unsigned char *nul = memchr(name, '\0', (size_t)(end - name));
	if (!nul || nul == name || (size_t)(end - nul) < 1 + 20)
		return false;
	it->mode = mode;
	it->name = (const char *)name;
	it->namelen = (size_t)(nul - name);
	it->oid = nul + 1;
	*p = nul + 1 + 20;
	return true;
}

static int cmp_names(const void *a, const void *b)
{
	const struct wg_tree_item *x = a, *y = b;
	size_t n = x->namelen < y->namelen ? x->namelen : y->namelen;
	int c = memcmp(x->name, y->name, n);
	return c ? c : (x->namelen > y->namelen) - (x->namelen < y->namelen);
}

/* A tree as git fsck --strict wants it, and as wangge writes them: modes
 * 100644 or 40000 exactly (no zero padding), names neither empty nor ".",
 * "..", ".git" nor holding '/', no null object id, entries in git's order,
 * no name twice. NULL when it is, else what is wrong. */
static const char *tree_fault(const unsigned char *d, size_t n)
{
	struct wg_tree_item it, prev = {0, NULL, 0, NULL}, *all = NULL;
	const unsigned char *q = d, *end = d + n;
	static const unsigned char zero[20];
	const char *why = NULL;
	size_t count = 0, alloc = 0;
	while (q < end && !why) {
		const unsigned char *start = q;
		if (!wg_tree_next(&q, end, &it)) {
			why = _("a folder of the history is malformed");
			break;
		}
		size_t mlen = (size_t)((const unsigned char *)it.name - 1 - start);
		if (!((mlen == 6 && memcmp(start, "100644", 6) == 0) ||
		      (mlen == 5 && memcmp(start, "40000", 5) == 0)))
			why = _("a folder of the history has an entry of a mode wangge never writes");
		else if (memchr(it.name, '/', it.namelen) || (it.namelen == 1 && it.name[0] == '.') ||
			 (it.namelen == 2 && memcmp(it.name, "..", 2) == 0) ||
			 (it.namelen == 4 && strncasecmp(it.name, ".git", 4) == 0))
			why = _("a folder of the history has an entry with a forbidden name");
		else if (memcmp(it.oid, zero, 20) == 0)
			why = _("a folder of the history has an entry with a null object id");
		else if (prev.name && wg_tree_item_cmp(&prev, &it) >= 0)
			why = _("a folder of the history is not sorted");
		prev = it;
		if (count == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			all = xrealloc(all, alloc * sizeof *all);
		}
		all[count++] = it;
	}
	if (!why && count > 1) {
		/* a file and a folder of one name sort apart: compare names alone */
		qsort(all, count, sizeof *all, cmp_names);
		for (size_t i = 1; i < count && !why; i++)
			if (cmp_names(&all[i - 1], &all[i]) == 0)
				why = _("a folder of the history holds a name twice");
	}
	free(all);
	return why;
}

/* "name <email> seconds +hhmm" (a commit's author or committer). */
static bool ident_ok(const unsigned char *s, const unsigned char *end)
{
	const unsigned char *lt = memchr(s, '<', (size_t)(end - s));
	if (!lt || lt == s || lt[-1] != ' ')
		return false;
	for (const unsigned char *c = s; c < lt; c++)
		if (*c == '>' || *c == '\n')
			return false;
	const unsigned char *gt = memchr(lt, '>', (size_t)(end - lt));
	if (!gt || memchr(lt + 1, '<', (size_t)(gt - lt - 1)) || end - gt < 2 || gt[1] != ' ')
		return false;
	const unsigned char *t = gt + 2;
	if (t >= end || *t < '0' || *t > '9' || (*t == '0' && t + 1 < end && t[1] != ' '))
		return false;
	while (t < end && *t >= '0' && *t <= '9')
		t++;
	if (end - t != 6 || t[0] != ' ' || (t[1] != '+' && t[1] != '-'))
		return false;
	for (int i = 2; i < 6; i++)
		if (t[i] < '0' || t[i] > '9')
			return false;
	return true;
}

/* After the tree and parents: author, committer, then (maybe) more headers
 * and the message; no NUL anywhere in the headers. */
static bool commit_rest_ok(const unsigned char *q, const unsigned char *end)
{
	static const char author[] = "author ", committer[] = "committer ";
	const unsigned char *nl;
	const unsigned char *blank = NULL;
	for (const unsigned char *c = q; c + 1 < end; c++)
		if (c[0] == '\n' && c[1] == '\n') {
			blank = c;
			break;
		}
	if (!blank || memchr(q, '\0', (size_t)(blank - q)))
		return false;
	if ((size_t)(end - q) < sizeof author || memcmp(q, author, sizeof author - 1) != 0 ||
	    !(nl = memchr(q, '\n', (size_t)(end - q))) || !ident_ok(q + sizeof author - 1, nl))
		return false;
	q = nl + 1;
	if ((size_t)(end - q) < sizeof committer || memcmp(q, committer, sizeof committer - 1) != 0 ||
	    !(nl = memchr(q, '\n', (size_t)(end - q))) || !ident_ok(q + sizeof committer - 1, nl))
		return false;
	return true;
}

int wg_pack_check_links(wg_pack *p, git_odb *known, wg_error *err)
{
	strbuf buf = STRBUF_INIT;
	int rc = WG_OK;
	for (size_t i = 0; i < p->n && rc == WG_OK; i++) {
		git_object_t type;
		const unsigned char *d, *end;
		size_t n, used;
		unsigned char raw[20];
		if (!read_entry(p, i, &type, &d, &n, &buf, &used)) {
			rc = damaged(err, _("an object is damaged or cut off"));
			break;
		}
		end = d + n;
		if (type == GIT_OBJECT_TREE) {
			struct wg_tree_item it;
			const unsigned char *q = d;
			const char *why = p->received ? tree_fault(d, n) : NULL;
			if (why)
				rc = damaged(err, why);
			while (q < end && rc == WG_OK) {
				if (!wg_tree_next(&q, end, &it))
					rc = damaged(err, _("a folder of the history is malformed"));
				else if (it.mode != 0160000 && !have(p, known, it.oid))
					rc = damaged(err, _("an object it refers to is missing"));
			}
		} else if (type == GIT_OBJECT_COMMIT) {
			static const char tree[] = "tree ", parent[] = "parent ";
			const unsigned char *q = d;
			if (n < sizeof tree - 1 || memcmp(q, tree, sizeof tree - 1) != 0 ||
			    !hex_oid(q + sizeof tree - 1, end, raw)) {
				rc = damaged(err, _("a commit is malformed"));
				break;
			}
			if (!have(p, known, raw)) {
				rc = damaged(err, _("an object it refers to is missing"));
				break;
			}
			for (q += sizeof tree - 1 + GIT_OID_HEXSZ + 1;
			     (size_t)(end - q) > sizeof parent - 1 && memcmp(q, parent, sizeof parent - 1) == 0;
			     q += sizeof parent - 1 + GIT_OID_HEXSZ + 1) {
				if (!hex_oid(q + sizeof parent - 1, end, raw)) {
					rc = damaged(err, _("a commit is malformed"));
					break;
				}
				if (!have(p, known, raw)) {
					rc = damaged(err, _("an object it refers to is missing"));
					break;
				}
			}
			if (rc == WG_OK && p->received && !commit_rest_ok(q, end))
				rc = damaged(err, _("a commit is malformed"));
		} else if (type == GIT_OBJECT_TAG) {
			static const char object[] = "object ";
			if (n < sizeof object - 1 || memcmp(d, object, sizeof object - 1) != 0 ||
			    !hex_oid(d + sizeof object - 1, end, raw))
				rc = damaged(err, _("a tag is malformed"));
			else if (!have(p, known, raw))
				rc = damaged(err, _("an object it refers to is missing"));
		}
	}
	sb_release(&buf);
	return rc;
}

/* ---- the pack as an object database backend ---- */

struct pack_backend {
	git_odb_backend parent;
	wg_pack *pack;
	strbuf buf;
};

/* The object in libgit2's terms: 0, GIT_ENOTFOUND or GIT_ERROR. */
static int backend_lookup(git_odb_backend *be, const git_oid *oid, git_object_t *type,
			  const unsigned char **data, size_t *len)
{
	struct pack_backend *b = (struct pack_backend *)be;
	bool found;
	wg_error err = {0};
	if (wg_pack_read(b->pack, oid, type, data, len, &b->buf, &found, &err)) {
		git_error_set_str(GIT_ERROR_ODB, err.msg);
		return GIT_ERROR;
	}
	return found ? 0 : GIT_ENOTFOUND;
}

static int backend_read(void **data, size_t *len, git_object_t *type, git_odb_backend *be,
			const git_oid *oid)
{
	const unsigned char *d;
	int rc = backend_lookup(be, oid, type, &d, len);
	if (rc)
		return rc;
	/* NUL-terminated, as libgit2's own reader gives them (its commit
	 * parser relies on it) */
	*data = git_odb_backend_data_alloc(be, *len + 1);
	if (!*data)
		return GIT_ERROR;
	memcpy(*data, d, *len);
	((unsigned char *)*data)[*len] = '\0';
	return 0;
}

static int backend_read_header(size_t *len, git_object_t *type, git_odb_backend *be,
			       const git_oid *oid)
{
	const unsigned char *d;
	return backend_lookup(be, oid, type, &d, len);
}

static int backend_exists(git_odb_backend *be, const git_oid *oid)
{
	return wg_pack_has(((struct pack_backend *)be)->pack, oid);
}

/* What libgit2 writes itself (a commit, a tree from a tree builder) goes into
 * this pack in memory too, not into a loose file: before the operation ends
 * nothing in history.git changes, and a refused import leaves nothing behind. */
static int backend_write(git_odb_backend *be, const git_oid *oid, const void *data, size_t len,
			 git_object_t type)
{
	wg_error err = {0};
	if (wg_pack_add(((struct pack_backend *)be)->pack, oid, type, data, len, &err)) {
		git_error_set_str(GIT_ERROR_ODB, err.msg);
		return GIT_ERROR;
	}
	return 0;
}

static void backend_free(git_odb_backend *be)
{
	struct pack_backend *b = (struct pack_backend *)be;
	sb_release(&b->buf);
	free(b);
}

int wg_pack_backend(wg_pack *p, git_odb_backend **out)
{
	struct pack_backend *b = xcalloc(1, sizeof *b);
	if (git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION) < 0) {
		free(b);
		return -1;
	}
	b->parent.read = backend_read;
	b->parent.read_header = backend_read_header;
	b->parent.exists = backend_exists;
	b->parent.write = backend_write;
	b->parent.free = backend_free;
	b->pack = p;
	*out = &b->parent;
	return 0;
}

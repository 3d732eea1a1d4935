/* Pack writer: "PACK", version 2, object count, then per object a type and
 * size header and its zlib stream, then the SHA-1 of all that (git's
 * Documentation/gitformat-pack.txt). */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <zlib.h>

#include "fileutil.h"

#include "i18n.h"
#include "pack.h"
#include "repo.h"
#include "sha1.h"
#include "sha256.h"
#include "strbuf.h"

struct wg_pack {
	strbuf data;
	z_stream z[2];     /* by ZS_SMALL, ZS_LARGE */
	bool z_ready[2], finished;
	git_oid *set;      /* open addressing; a zero id marks a free slot */
	size_t cap, n;
	struct entry {     /* for the index, in the order written */
		git_oid oid;
		uint64_t offset;
		uint32_t crc;
	} *ent;
	size_t nent_alloc;
};

#define HEADER_LEN 12
#define STORED_OBJECT 512
#define SMALL_OBJECT 4096
enum { ZS_SMALL, ZS_LARGE };

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
	free(p->set);
	p->set = NULL;
	p->cap = p->n = 0;
	p->finished = false;
}

void wg_pack_free(wg_pack *p)
{
	if (!p)
		return;
	for (int i = 0; i < 2; i++)
		if (p->z_ready[i])
			deflateEnd(&p->z[i]);
	sb_release(&p->data);
	free(p->set);
	free(p->ent);
	free(p);
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

static bool is_free(const git_oid *o)
{
	static const git_oid zero;
	return memcmp(o->id, zero.id, GIT_OID_RAWSZ) == 0;
}

/* Insert oid into the set; false when it was there already. */
static bool set_insert(wg_pack *p, const git_oid *oid)
{
	if (2 * (p->n + 1) > p->cap) {
		size_t ncap = p->cap ? 2 * p->cap : 1024;
		git_oid *nset = xcalloc(ncap, sizeof *nset);
		for (size_t i = 0; i < p->cap; i++) {
			if (is_free(&p->set[i]))
				continue;
			size_t s = slot_of(&p->set[i], ncap);
			while (!is_free(&nset[s]))
				s = (s + 1) & (ncap - 1);
			nset[s] = p->set[i];
		}
		free(p->set);
		p->set = nset;
		p->cap = ncap;
	}
	size_t s = slot_of(oid, p->cap);
	while (!is_free(&p->set[s])) {
		if (git_oid_equal(&p->set[s], oid))
			return false;
		s = (s + 1) & (p->cap - 1);
	}
	p->set[s] = *oid;
	p->n++;
	return true;
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
		if (deflateInit2(z, kind == ZS_LARGE ? Z_DEFAULT_COMPRESSION : Z_BEST_SPEED,
				 Z_DEFLATED, kind == ZS_LARGE ? 15 : 12, kind == ZS_LARGE ? 8 : 2,
				 Z_DEFAULT_STRATEGY) != Z_OK)
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

int wg_pack_add(wg_pack *p, const git_oid *oid, git_object_t type, const void *data, size_t len,
		wg_error *err)
{
	if (p->finished || type < GIT_OBJECT_COMMIT || type > GIT_OBJECT_TAG || is_free(oid))
		return wg_fail(err, WG_EINTERNAL, _("write pack: bad object"));
	if (!set_insert(p, oid))
		return WG_OK;
	/* type and size: 3 bits of type, then the size 4 bits first, 7 bits per
	 * following byte, high bit set while more follow */
	unsigned char hdr[16];
	size_t n = 0, size = len, start = p->data.len;
	unsigned char c = (unsigned char)((type << 4) | (size & 15));
	size >>= 4;
	while (size) {
		hdr[n++] = c | 0x80;
		c = size & 0x7f;
		size >>= 7;
	}
	hdr[n++] = c;
	sb_add(&p->data, hdr, n);

	/* Tree objects are mostly 20-byte binary ids: deflate makes them larger
	 * (measured: 8.1 MB of trees became 8.8 MB). Records are short texts that
	 * deflate shrinks by about 16% at some 10 microseconds each (zlib builds
	 * its Huffman tables per object): most of the time of a county's first
	 * commit, for 3.5 MB saved out of 27. So trees and objects of up to 512
	 * bytes are stored; bigger records get the fastest level with a small
	 * window, and large files (evidence) zlib's default. */
	int rc = type == GIT_OBJECT_TREE || len <= STORED_OBJECT
			 ? (store(p, data, len), WG_OK)
			 : deflate_into(p, len <= SMALL_OBJECT ? ZS_SMALL : ZS_LARGE, data, len, err);
	if (rc)
		return rc;
	p->data.buf[p->data.len] = '\0';
	if (p->n > p->nent_alloc) {
		p->nent_alloc = p->nent_alloc ? 2 * p->nent_alloc : 1024;
		p->ent = xrealloc(p->ent, p->nent_alloc * sizeof *p->ent);
	}
	struct entry *e = &p->ent[p->n - 1];
	e->oid = *oid;
	e->offset = start;
	e->crc = (uint32_t)crc32_z(0, (const Bytef *)p->data.buf + start, p->data.len - start);
	return WG_OK;
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

static int cmp_entry(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct entry *)a)->oid, &((const struct entry *)b)->oid);
}

/* The version 2 index: fan-out table, sorted names, CRC-32s, offsets (large
 * ones in a second table), the pack's checksum and the index's own. */
static void build_index(wg_pack *p, const unsigned char *pack_sum, strbuf *idx)
{
	struct entry *v = p->ent;
	size_t n = p->n, nlarge = 0;
	qsort(v, n, sizeof *v, cmp_entry);
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
	char hex[41];
	strbuf idx = STRBUF_INIT;
	build_index(p, pack + len - 20, &idx);
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

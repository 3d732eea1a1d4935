#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "i18n.h"
#include "pack.h"
#include "packfiles.h"
#include "strbuf.h"

#define OBJECT_MAX ((uint64_t)256 << 20) /* as pack.c: evidence files */
#define CHAIN_MAX 4096                   /* git's own limit on delta chains */
#define WINDOW 64                        /* index entries read at once */
#define CACHE_SLOTS 1024
#define CACHE_BYTES ((size_t)8 << 20)
#define CACHE_ITEM_MAX ((size_t)256 << 10)

struct pfile {
	char *path;       /* .../pack-<sum>, without the extension */
	int pack_fd, idx_fd;
	bool opened, bad;
	uint32_t fanout[256];
	uint32_t n;
	uint64_t pack_size, idx_size;
};

struct cached {
	size_t pack;      /* index in v + 1; 0: a free slot */
	uint64_t offset;
	git_object_t type;
	unsigned char *data;
	size_t len;
};

struct backend {
	git_odb_backend parent;
	char *dir;
	struct pfile *v;
	size_t n;
	size_t *order;    /* packs to look in, the last one an object was found in first */
	struct cached cache[CACHE_SLOTS];
	size_t cached_bytes;
	z_stream z;
	bool z_ready;
};

static int fail(const char *what)
{
	git_error_set_str(GIT_ERROR_ODB, what);
	return GIT_ERROR;
}

static int nomem(void)
{
	git_error_set_oom();
	return GIT_ERROR;
}

static bool read_at(int fd, uint64_t off, void *buf, size_t len)
{
	unsigned char *p = buf;
	while (len) {
		ssize_t r = pread(fd, p, len, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		off += (uint64_t)r;
		len -= (size_t)r;
	}
	return true;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- the list of packs ---- */

static bool known(const struct backend *b, const char *path)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i].path, path) == 0)
			return true;
	return false;
}

static int scan(struct backend *b)
{
	DIR *d = opendir(b->dir);
	struct dirent *e;
	if (!d)
		return 0; /* no packs yet */
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || strcmp(e->d_name + len - 5, ".pack") != 0)
			continue;
		char *path = xasprintf("%s/%.*s", b->dir, (int)(len - 5), e->d_name);
		char *idx = xasprintf("%s.idx", path);
		struct stat st;
		/* a pack without its index is not one yet (being written) */
		if (known(b, path) || stat(idx, &st) != 0) {
			free(path);
			free(idx);
			continue;
		}
		free(idx);
		b->v = xrealloc(b->v, (b->n + 1) * sizeof *b->v);
		b->order = xrealloc(b->order, (b->n + 1) * sizeof *b->order);
		memset(&b->v[b->n], 0, sizeof *b->v);
		b->v[b->n].path = path;
		b->v[b->n].pack_fd = b->v[b->n].idx_fd = -1;
		/* a new pack is looked in first: it holds what was written last */
		memmove(b->order + 1, b->order, b->n * sizeof *b->order);
		b->order[0] = b->n;
		b->n++;
	}
	closedir(d);
	return 0;
}

/* Open a pack and its index, and check the index's frame: version 2, a
 * fan-out that never decreases, a size that fits its count. */
static bool pack_open(struct pfile *p)
{
	if (p->opened)
		return !p->bad;
	p->opened = true;
	p->bad = true;
	char *ipath = xasprintf("%s.idx", p->path), *ppath = xasprintf("%s.pack", p->path);
	p->idx_fd = open(ipath, O_RDONLY | O_CLOEXEC);
	p->pack_fd = open(ppath, O_RDONLY | O_CLOEXEC);
	free(ipath);
	free(ppath);
	struct stat is, ps;
	unsigned char head[8 + 1024];
	if (p->idx_fd < 0 || p->pack_fd < 0 || fstat(p->idx_fd, &is) != 0 ||
	    fstat(p->pack_fd, &ps) != 0 || !read_at(p->idx_fd, 0, head, sizeof head) ||
	    memcmp(head, "\377tOc", 4) != 0 || be32(head + 4) != 2)
		return false;
	uint32_t prev = 0;
	for (int i = 0; i < 256; i++) {
		p->fanout[i] = be32(head + 8 + 4 * i);
		if (p->fanout[i] < prev)
			return false;
		prev = p->fanout[i];
	}
	p->n = p->fanout[255];
	p->idx_size = (uint64_t)is.st_size;
	p->pack_size = (uint64_t)ps.st_size;
	if (p->idx_size < 8 + 1024 + (uint64_t)p->n * 28 + 40 || p->pack_size < 12 + 20)
		return false;
	p->bad = false;
	return true;
}

/* Where oid is in pack p: its offset, or false when p has none of it (or
 * its index cannot be read). */
static bool pack_find(struct pfile *p, const git_oid *oid, uint64_t *offset)
{
	if (!pack_open(p))
		return false;
	unsigned first = oid->id[0];
	uint32_t lo = first ? p->fanout[first - 1] : 0, hi = p->fanout[first];
	unsigned char win[WINDOW * 20];
	/* the first guess: the id's place among its bucket's, from its next
	 * four bytes; after that, halves */
	uint64_t guess = lo + (((uint64_t)be32(oid->id + 1) * (hi - lo)) >> 32);
	while (lo < hi) {
		uint32_t start = guess > lo + WINDOW / 2 ? (uint32_t)guess - WINDOW / 2 : lo;
		uint32_t end = hi - start > WINDOW ? start + WINDOW : hi;
		if (!read_at(p->idx_fd, 8 + 1024 + (uint64_t)start * 20, win, (size_t)(end - start) * 20))
			return false;
		int c0 = memcmp(oid->id, win, 20);
		int c1 = memcmp(oid->id, win + (size_t)(end - start - 1) * 20, 20);
		if (c0 < 0) {
			hi = start;
		} else if (c1 > 0) {
			lo = end;
		} else {
			uint32_t a = 0, z = end - start;
			while (a < z) {
				uint32_t m = (a + z) / 2;
				int c = memcmp(oid->id, win + (size_t)m * 20, 20);
				if (c == 0) {
					uint32_t i = start + m;
					unsigned char o[8];
					if (!read_at(p->idx_fd, 8 + 1024 + (uint64_t)p->n * 24 + (uint64_t)i * 4,
						     o, 4))
						return false;
					uint32_t v = be32(o);
					if (v & 0x80000000u) {
						uint64_t at = 8 + 1024 + (uint64_t)p->n * 28 +
							      (uint64_t)(v & 0x7fffffffu) * 8;
						if (at + 8 > p->idx_size - 40 || !read_at(p->idx_fd, at, o, 8))
							return false;
						*offset = (uint64_t)be32(o) << 32 | be32(o + 4);
					} else {
						*offset = v;
					}
					return *offset >= 12 && *offset < p->pack_size - 20;
				}
				if (c < 0)
					z = m;
				else
					a = m + 1;
			}
			return false;
		}
		guess = lo + (hi - lo) / 2;
	}
	return false;
}

/* ---- reading objects ---- */

static struct cached *cache_slot(struct backend *b, size_t pack, uint64_t off)
{
	uint64_t h = (off * 0x9e3779b97f4a7c15ull) ^ (uint64_t)pack;
	return &b->cache[(h >> 32) % CACHE_SLOTS];
}

static void cache_put(struct backend *b, size_t pack, uint64_t off, git_object_t type,
		      const unsigned char *data, size_t len)
{
	struct cached *c = cache_slot(b, pack, off);
	if (len > CACHE_ITEM_MAX)
		return;
	if (c->pack) {
		b->cached_bytes -= c->len;
		free(c->data);
		c->data = NULL;
		c->pack = 0;
	}
	if (b->cached_bytes + len > CACHE_BYTES || !(c->data = malloc(len ? len : 1)))
		return;
	memcpy(c->data, data, len);
	c->pack = pack + 1;
	c->offset = off;
	c->type = type;
	c->len = len;
	b->cached_bytes += len;
}

/* Inflate exactly size bytes from the zlib stream at off into *out (malloc'd). */
static int inflate_at(struct backend *b, struct pfile *p, uint64_t off, uint64_t size,
		      unsigned char **out)
{
	if (size > OBJECT_MAX)
		return fail(_("a pack of the history holds an object too large to read"));
	if (!b->z_ready) {
		memset(&b->z, 0, sizeof b->z);
		if (inflateInit(&b->z) != Z_OK)
			return nomem();
		b->z_ready = true;
	} else if (inflateReset(&b->z) != Z_OK) {
		return fail(_("a pack of the history is damaged (an object does not decompress)"));
	}
	unsigned char *res = malloc((size_t)size + 1);
	if (!res)
		return nomem();
	unsigned char in[16384];
	b->z.next_out = res;
	b->z.avail_out = (uInt)size + 1;
	int zrc = Z_OK;
	uint64_t end = p->pack_size - 20;
	while (zrc == Z_OK) {
		if (b->z.avail_in == 0) {
			if (off >= end)
				break;
			size_t want = end - off < sizeof in ? (size_t)(end - off) : sizeof in;
			if (!read_at(p->pack_fd, off, in, want))
				break;
			off += want;
			b->z.next_in = in;
			b->z.avail_in = (uInt)want;
		}
		zrc = inflate(&b->z, Z_NO_FLUSH);
	}
	b->z.next_in = NULL;
	b->z.avail_in = 0;
	if (zrc == Z_MEM_ERROR) {
		free(res);
		return nomem();
	}
	if (zrc != Z_STREAM_END || b->z.avail_out != 1) {
		free(res);
		return fail(_("a pack of the history is damaged (an object does not decompress)"));
	}
	*out = res;
	return 0;
}

static int read_object(struct backend *b, const git_oid *oid, unsigned char **data, size_t *len,
		       git_object_t *type, int depth);

/* The object at off in pack i, deltas applied. */
static int read_entry(struct backend *b, size_t i, uint64_t off, unsigned char **data,
		      size_t *len, git_object_t *type, int depth)
{
	struct pfile *p = &b->v[i];
	struct cached *c = cache_slot(b, i, off);
	if (c->pack == i + 1 && c->offset == off) {
		if (!(*data = malloc(c->len ? c->len : 1)))
			return nomem();
		memcpy(*data, c->data, c->len);
		*len = c->len;
		*type = c->type;
		return 0;
	}
	if (depth > CHAIN_MAX)
		return fail(_("a pack of the history is damaged (a chain of deltas is too long)"));
	unsigned char h[32] = {0};
	size_t hl = p->pack_size - 20 - off < sizeof h ? (size_t)(p->pack_size - 20 - off) : sizeof h;
	if (off >= p->pack_size - 20 || !read_at(p->pack_fd, off, h, hl))
		return fail(_("a pack of the history is damaged (an object lies outside it)"));
	size_t q = 0;
	unsigned ch = h[q++];
	int t = (ch >> 4) & 7;
	uint64_t size = ch & 15;
	unsigned shift = 4;
	while (ch & 0x80) {
		if (q >= hl || shift > 57)
			return fail(_("a pack of the history is damaged (an object's header)"));
		ch = h[q++];
		size |= (uint64_t)(ch & 0x7f) << shift;
		shift += 7;
	}
	int rc;
	if (t >= GIT_OBJECT_COMMIT && t <= GIT_OBJECT_TAG) {
		if ((rc = inflate_at(b, p, off + q, size, data)))
			return rc;
		*len = (size_t)size;
		*type = (git_object_t)t;
	} else if (t == GIT_OBJECT_OFS_DELTA || t == GIT_OBJECT_REF_DELTA) {
		unsigned char *base = NULL, *delta = NULL;
		size_t blen;
		git_object_t btype;
		if (t == GIT_OBJECT_OFS_DELTA) {
			if (q >= hl)
				return fail(_("a pack of the history is damaged (an object's header)"));
			ch = h[q++];
			uint64_t neg = ch & 0x7f;
			while (ch & 0x80) {
				if (q >= hl || neg > (UINT64_MAX >> 8))
					return fail(_("a pack of the history is damaged (an object's header)"));
				ch = h[q++];
				neg = ((neg + 1) << 7) | (ch & 0x7f);
			}
			if (neg == 0 || neg > off)
				return fail(_("a pack of the history is damaged (an object lies outside it)"));
			rc = read_entry(b, i, off - neg, &base, &blen, &btype, depth + 1);
		} else {
			git_oid boid;
			if (q + 20 > hl)
				return fail(_("a pack of the history is damaged (an object's header)"));
			git_oid_fromraw(&boid, h + q);
			q += 20;
			rc = read_object(b, &boid, &base, &blen, &btype, depth + 1);
			if (rc == GIT_ENOTFOUND)
				rc = fail(_("a pack of the history is damaged (a delta's base is missing)"));
		}
		if (rc)
			return rc;
		uint64_t want_base, rsize;
		unsigned char *res = NULL;
		if ((rc = inflate_at(b, p, off + q, size, &delta)) == 0) {
			if (!wg_delta_sizes(delta, (size_t)size, &want_base, &rsize) ||
			    want_base != blen || rsize > OBJECT_MAX)
				rc = fail(_("a pack of the history is damaged (a delta does not fit its base)"));
			else if (!(res = malloc((size_t)rsize + 1)))
				rc = nomem();
			else if (!wg_delta_apply(base, blen, delta, (size_t)size, res, (size_t)rsize))
				rc = fail(_("a pack of the history is damaged (a delta does not fit its base)"));
		}
		free(base);
		free(delta);
		if (rc) {
			free(res);
			return rc;
		}
		*data = res;
		*len = (size_t)rsize;
		*type = btype;
	} else {
		return fail(_("a pack of the history is damaged (an object's header)"));
	}
	/* a base of deltas read nearby is read again soon */
	if (depth > 0)
		cache_put(b, i, off, *type, *data, *len);
	return 0;
}

/* Look oid up in every pack, the last one that held something first (a
 * miss makes libgit2 refresh the list and ask again). */
static bool locate(struct backend *b, const git_oid *oid, size_t *pack, uint64_t *off)
{
	for (size_t k = 0; k < b->n; k++) {
		size_t i = b->order[k];
		if (pack_find(&b->v[i], oid, off)) {
			memmove(b->order + 1, b->order, k * sizeof *b->order);
			b->order[0] = i;
			*pack = i;
			return true;
		}
	}
	return false;
}

static int read_object(struct backend *b, const git_oid *oid, unsigned char **data, size_t *len,
		       git_object_t *type, int depth)
{
	size_t i;
	uint64_t off;
	if (!locate(b, oid, &i, &off))
		return GIT_ENOTFOUND;
	return read_entry(b, i, off, data, len, type, depth);
}

/* ---- as libgit2's backend ---- */

static int be_read(void **out, size_t *len, git_object_t *type, git_odb_backend *be,
		   const git_oid *oid)
{
	struct backend *b = (struct backend *)be;
	unsigned char *data;
	int rc = read_object(b, oid, &data, len, type, 0);
	if (rc)
		return rc;
	/* NUL-terminated, as libgit2's own reader gives them (its commit
	 * parser relies on it) */
	*out = git_odb_backend_data_alloc(be, *len + 1);
	if (!*out) {
		free(data);
		return nomem();
	}
	memcpy(*out, data, *len);
	((unsigned char *)*out)[*len] = '\0';
	free(data);
	return 0;
}

static int be_read_header(size_t *len, git_object_t *type, git_odb_backend *be,
			  const git_oid *oid)
{
	unsigned char *data;
	int rc = read_object((struct backend *)be, oid, &data, len, type, 0);
	if (rc == 0)
		free(data);
	return rc;
}

static int be_exists(git_odb_backend *be, const git_oid *oid)
{
	size_t i;
	uint64_t off;
	return locate((struct backend *)be, oid, &i, &off);
}

static int be_refresh(git_odb_backend *be)
{
	return scan((struct backend *)be);
}

static void be_free(git_odb_backend *be)
{
	struct backend *b = (struct backend *)be;
	for (size_t i = 0; i < b->n; i++) {
		if (b->v[i].pack_fd >= 0)
			close(b->v[i].pack_fd);
		if (b->v[i].idx_fd >= 0)
			close(b->v[i].idx_fd);
		free(b->v[i].path);
	}
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		free(b->cache[i].data);
	if (b->z_ready)
		inflateEnd(&b->z);
	free(b->v);
	free(b->order);
	free(b->dir);
	free(b);
}

int wg_packfiles_backend(const char *packdir, git_odb_backend **out)
{
	struct backend *b = xcalloc(1, sizeof *b);
	if (git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION) < 0) {
		free(b);
		return -1;
	}
	b->parent.read = be_read;
	b->parent.read_header = be_read_header;
	b->parent.exists = be_exists;
	b->parent.refresh = be_refresh;
	b->parent.free = be_free;
	b->dir = xstrdup(packdir);
	scan(b);
	*out = &b->parent;
	return 0;
}

int wg_history_odb(const char *objects, git_odb **out)
{
	git_odb *odb = NULL;
	git_odb_backend *loose = NULL, *packs = NULL;
	char *packdir = xasprintf("%s/pack", objects);
	*out = NULL;
	/* libgit2's own priorities: loose objects 1, packs 2 */
	int rc = git_odb_new(&odb);
	if (rc == 0 && (rc = git_odb_backend_loose(&loose, objects, -1, 0, 0, 0)) == 0 &&
	    (rc = git_odb_add_backend(odb, loose, 1)) < 0)
		loose->free(loose);
	if (rc == 0 && (rc = wg_packfiles_backend(packdir, &packs)) == 0 &&
	    (rc = git_odb_add_backend(odb, packs, 2)) < 0)
		packs->free(packs);
	free(packdir);
	if (rc < 0) {
		git_odb_free(odb);
		return rc;
	}
	*out = odb;
	return 0;
}

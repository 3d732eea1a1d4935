#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2/sys/odb_backend.h>

#include "age.h"
#include "bundle.h"
#include "fileutil.h"
#include "i18n.h"
#include "pack.h"
#include "progress.h"
#include "repo.h"
#include "strbuf.h"



#define BUNDLE_MAX_HEADER (1024 * 1024)
#define BUNDLE_MAX_REFS 4096
#define WG_BUNDLE_MAX ((size_t)512 << 20)

void wg_bundle_free(wg_bundle *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nprereqs; i++)
		free(b->prereqs[i].comment);
	for (size_t i = 0; i < b->nrefs; i++)
		free(b->refs[i].name);
	free(b->prereqs);
	free(b->refs);
	free(b->data);
	free(b->path);
	free(b);
}

/* git's rules for a ref name (git check-ref-format), checked here, not by
 * libgit2: a header is read before libgit2 is set up, and its calls that
 * report an error then crash. Components may not start with '.' or end with
 * ".lock"; no "..", "@{", "//", control bytes, space, ~ ^ : ? * [ or \; no
 * leading or trailing '/', no trailing '.', not "@". */
bool wg_bundle_refname_ok(const char *name)
{
	if (strcmp(name, "HEAD") == 0)
		return true;
	if (strncmp(name, "refs/", 5) != 0)
		return false;
	const char *comp = name;
	for (const char *p = name;; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '/' || c == '\0') {
			size_t n = (size_t)(p - comp);
			if (n == 0 || comp[0] == '.' || (n >= 5 && memcmp(p - 5, ".lock", 5) == 0))
				return false;
			if (c == '\0')
				break;
			comp = p + 1;
			continue;
		}
		if (c < 0x20 || c == 0x7f || strchr(" ~^:?*[\\", c))
			return false;
		if ((c == '.' && p[1] == '.') || (c == '@' && p[1] == '{'))
			return false;
	}
	size_t len = strlen(name);
	return name[len - 1] != '.' && strcmp(name, "@") != 0;
}

/* 40 lowercase hex digits at p (n bytes there at least) into oid. */
static bool parse_hex_oid(const char *p, size_t n, git_oid *oid)
{
	if (n < GIT_OID_HEXSZ)
		return false;
	for (int i = 0; i < GIT_OID_RAWSZ; i++) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char c = p[2 * i + k];
			if (c >= '0' && c <= '9')
				v = v * 16 + (c - '0');
			else if (c >= 'a' && c <= 'f')
				v = v * 16 + (c - 'a' + 10);
			else
				return false;
		}
		oid->id[i] = (unsigned char)v;
	}
	return true;
}

/* Read at most WG_BUNDLE_MAX bytes of path, checking as they come that they
 * start as a bundle and that the header ends within BUNDLE_MAX_HEADER bytes
 * without a NUL: /dev/zero, a pipe or a huge file is refused at once, not
 * read until memory runs out. */
struct capped {
	strbuf sb;
};

static int to_capped(const void *data, size_t len, void *ctx, wg_error *err)
{
	struct capped *c = ctx;
	if (len > WG_BUNDLE_MAX - c->sb.len)
		return wg_fail(err, WG_EINPUT, _("it is larger than any bundle wangge accepts (%u MiB)"),
			       (unsigned)(WG_BUNDLE_MAX >> 20));
	sb_add(&c->sb, data, len);
	return WG_OK;
}

/* A sealed bundle (util/age.h), opened with kp chunk by chunk into memory
 * capped as a plain one is. */
static int read_sealed(const char *path, FILE *f, size_t hint, const wg_keypair *kp, char **data,
		       size_t *len, wg_error *err)
{
	struct capped c = {STRBUF_INIT};
	int rc;
	/* the opened bundle is shorter than the sealed file: room for it at once,
	 * not twice what a doubling buffer would take */
	if (hint)
		sb_grow(&c.sb, hint < WG_BUNDLE_MAX ? hint : WG_BUNDLE_MAX);
	if (!kp)
		rc = wg_fail(err, WG_EINPUT, _("it is sealed, and this workspace has no key to open it"));
	else
		rc = wg_age_open(kp, f, to_capped, &c, NULL, err);
	if (rc) {
		sb_release(&c.sb);
		wg_error_prefix(err, "%s", path);
		return rc;
	}
	*len = c.sb.len;
	*data = c.sb.buf ? sb_detach(&c.sb) : xstrdup("");
	return WG_OK;
}

static int read_file(const char *path, const wg_keypair *kp, bool *sealed, char **data,
		     size_t *len, wg_error *err)
{
	static const char sig[] = "# v";
	FILE *f = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	struct stat st = {0};
	size_t n, scanned = 0;
	bool header_done = false;
	int rc = WG_OK;
	if (!f)
		return wg_fail(err, WG_EINPUT, _("cannot read %s: %s"), path, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return wg_fail(err, WG_EINPUT, _("cannot read %s: %s"), path, strerror(EISDIR));
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
		if ((uint64_t)st.st_size > WG_BUNDLE_MAX) {
			fclose(f);
			return wg_fail(err, WG_EINPUT,
				       _("%s is %llu MiB: larger than any bundle wangge accepts (%u MiB)"),
				       path, (unsigned long long)(st.st_size >> 20),
				       (unsigned)(WG_BUNDLE_MAX >> 20));
		}
	}
	/* a bundle starts "# v", a sealed one "age-encryption.org/" */
	int first = getc(f);
	if (first != EOF)
		ungetc(first, f);
	if (first == 'a') {
		int rc2 = read_sealed(path, f, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, kp, data,
				      len, err);
		if (rc2 == WG_OK)
			*sealed = true;
		fclose(f);
		return rc2;
	}
	if (S_ISREG(st.st_mode))
		sb_grow(&sb, (size_t)st.st_size + 1);
	for (;;) {
		size_t room = sb.len < 65536 ? 65536 : sb.len;
		if (room > WG_BUNDLE_MAX + 1 - sb.len)
			room = WG_BUNDLE_MAX + 1 - sb.len;
		if (!header_done && room > 65536)
			room = 65536;
		sb_grow(&sb, room);
		n = fread(sb.buf + sb.len, 1, room, f);
		if (n == 0)
			break;
		sb.len += n;
		sb.buf[sb.len] = '\0';
		if (sb.len > WG_BUNDLE_MAX) {
			rc = wg_fail(err, WG_EINPUT,
				     _("%s is larger than any bundle wangge accepts (%u MiB)"), path,
				     (unsigned)(WG_BUNDLE_MAX >> 20));
			break;
		}
		if (header_done)
			continue;
		size_t m = sb.len < sizeof sig - 1 ? sb.len : sizeof sig - 1;
		if (memcmp(sb.buf, sig, m) != 0)
			break; /* not a bundle: the caller says so */
		/* the header ends at the first empty line; no NUL before it */
		for (; scanned < sb.len && !header_done; scanned++) {
			if (sb.buf[scanned] == '\0')
				break;
			if (scanned > 0 && sb.buf[scanned] == '\n' && sb.buf[scanned - 1] == '\n')
				header_done = true;
		}
		if (!header_done && (scanned < sb.len || sb.len > BUNDLE_MAX_HEADER))
			break; /* a NUL, or too long: the header parser says which */
	}
	if (rc == WG_OK && ferror(f))
		rc = wg_fail(err, WG_EINPUT, _("cannot read %s"), path);
	fclose(f);
	if (rc) {
		sb_release(&sb);
		return rc;
	}
	*len = sb.len;
	*data = sb_detach(&sb);
	return WG_OK;
}

/* A line of the header: [p, nl). */
static int bad_header(wg_error *err, const char *path, const char *why)
{
	return wg_fail(err, WG_EINPUT, _("%s is not a valid bundle: %s"), path, why);
}

int wg_bundle_read(const char *path, const wg_keypair *kp, wg_bundle **out, wg_error *err)
{
	wg_bundle *b = xcalloc(1, sizeof *b);
	int rc;
	*out = NULL;
	b->path = xstrdup(path);
	if ((rc = read_file(path, kp, &b->sealed, &b->data, &b->len, err)))
		goto fail;
	if (b->len == 0) {
		rc = wg_fail(err, WG_EINPUT, _("%s is empty: it is not a bundle"), path);
		goto fail;
	}
	const char *p = b->data, *end = b->data + b->len;
	static const char v2[] = "# v2 git bundle\n", v3[] = "# v3 git bundle\n";
	if (b->len >= sizeof v2 - 1 && memcmp(p, v2, sizeof v2 - 1) == 0)
		b->version = 2;
	else if (b->len >= sizeof v3 - 1 && memcmp(p, v3, sizeof v3 - 1) == 0)
		b->version = 3;
	else {
		rc = wg_fail(err, WG_EINPUT,
			     _("%s is not a bundle (it does not start with \"# v2 git bundle\")"), path);
		goto fail;
	}
	p += sizeof v2 - 1;
	size_t alloc_p = 0, alloc_r = 0;
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || nl - b->data > BUNDLE_MAX_HEADER) {
			rc = bad_header(err, path, _("the header is cut off (the file is truncated)"));
			goto fail;
		}
		size_t n = (size_t)(nl - p);
		if (n == 0) {
			p = nl + 1;
			break;
		}
		if (memchr(p, '\0', n)) {
			rc = bad_header(err, path, _("the header holds a NUL byte"));
			goto fail;
		}
		if (*p == '@') {
			static const char sha1[] = "@object-format=sha1";
			if (b->version != 3 || b->nprereqs || b->nrefs) {
				rc = bad_header(err, path, _("a capability line out of place"));
				goto fail;
			}
			if (n != sizeof sha1 - 1 || memcmp(p, sha1, n) != 0) {
				char *cap = xstrndup(p, n);
				rc = wg_fail(err, WG_EINPUT,
					     _("%s needs the bundle capability \"%s\", which wangge does "
					       "not support"), path, cap + 1);
				free(cap);
				goto fail;
			}
			p = nl + 1;
			continue;
		}
		bool prereq = *p == '-';
		const char *h = p + (prereq ? 1 : 0);
		git_oid oid;
		if (!parse_hex_oid(h, (size_t)(nl - h), &oid) ||
		    (h + GIT_OID_HEXSZ < nl && h[GIT_OID_HEXSZ] != ' ')) {
			rc = bad_header(err, path, _("a header line is not \"<object id> <name>\""));
			goto fail;
		}
		const char *rest = h + GIT_OID_HEXSZ < nl ? h + GIT_OID_HEXSZ + 1 : nl;
		char *text = xstrndup(rest, (size_t)(nl - rest));
		if (b->nprereqs + b->nrefs >= BUNDLE_MAX_REFS) {
			free(text);
			rc = bad_header(err, path, _("too many refs"));
			goto fail;
		}
		bool twice = false;
		for (size_t k = 0; prereq && k < b->nprereqs; k++)
			twice |= memcmp(b->prereqs[k].oid.id, oid.id, GIT_OID_RAWSZ) == 0;
		for (size_t k = 0; !prereq && k < b->nrefs; k++)
			twice |= strcmp(b->refs[k].name, text) == 0;
		if (twice) {
			free(text);
			rc = bad_header(err, path, _("a line is there twice"));
			goto fail;
		}
		if (prereq) {
			if (b->nprereqs == alloc_p) {
				alloc_p = alloc_p ? 2 * alloc_p : 4;
				b->prereqs = xrealloc(b->prereqs, alloc_p * sizeof *b->prereqs);
			}
			b->prereqs[b->nprereqs].oid = oid;
			b->prereqs[b->nprereqs++].comment = text;
		} else {
			if (!wg_bundle_refname_ok(text)) {
				strbuf shown = STRBUF_INIT;
				for (const unsigned char *c = (const unsigned char *)text; *c; c++)
					if (*c < 0x20 || *c == 0x7f)
						sb_addf(&shown, "\\x%02x", *c);
					else
						sb_addc(&shown, (char)*c);
				rc = wg_fail(err, WG_EINPUT, _("%s carries a ref with an invalid name: \"%s\""),
					     path, sb_str(&shown));
				sb_release(&shown);
				free(text);
				goto fail;
			}
			if (b->nrefs == alloc_r) {
				alloc_r = alloc_r ? 2 * alloc_r : 4;
				b->refs = xrealloc(b->refs, alloc_r * sizeof *b->refs);
			}
			b->refs[b->nrefs].oid = oid;
			b->refs[b->nrefs++].name = text;
		}
		p = nl + 1;
	}
	if (b->nrefs == 0) {
		rc = bad_header(err, path, _("it carries no refs"));
		goto fail;
	}
	b->pack_offset = (size_t)(p - b->data);
	if (b->len - b->pack_offset == 0) {
		rc = bad_header(err, path, _("the pack is missing (0 bytes)"));
		goto fail;
	}
	if (b->len - b->pack_offset < 32 || memcmp(p, "PACK", 4) != 0) {
		rc = bad_header(err, path, _("the pack is damaged or truncated"));
		goto fail;
	}
	git_oid digest;
	wg_object_id(&digest, GIT_OBJECT_BLOB, b->data, b->len);
	git_oid_tostr(b->digest, sizeof b->digest, &digest);
	*out = b;
	return WG_OK;
fail:
	wg_bundle_free(b);
	return rc;
}

/* The bundle's pack is read here, not by libgit2's indexer, which took a
 * quarter of an officer's enrollment (it parses every object into its own
 * structures and keeps maps of them), rescanned the pack folders for each
 * object it did not know, and was seen looping on a pack whose deltas form
 * a cycle until the system killed it. */
/* Past this, the objects stored so far are written out as a pack of their
 * own: what an import holds in memory beside the bundle stays bounded. */
#define STORE_PACK_BYTES ((size_t)64 << 20)

/* The objects of a received pack that known lacks, written into packdir as
 * the history's own packs are (a record as a delta of another of its kind).
 * A full bundle, or one that overlaps an earlier import, carries objects the
 * history has: kept as received they were stored again, and whole (the
 * large demo county's history after an officer's full export was 33.0 MB,
 * stock git's repack of it 26.2 MB). Nothing is written when known has
 * them all. */
static int store_missing(wg_pack *in, git_odb *known, const char *packdir, wg_error *err)
{
	wg_pack *out = NULL;
	strbuf buf = STRBUF_INIT;
	int rc = WG_OK;
	size_t n = wg_pack_count(in);
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		git_oid oid;
		git_object_t type;
		const unsigned char *data;
		size_t len;
		if ((rc = wg_pack_read_at(in, i, &oid, &type, &data, &len, &buf, err)))
			break;
		wg_progress(N_("Storing the records received"), i + 1, n);
		if (known && git_odb_exists_ext(known, &oid, GIT_ODB_LOOKUP_NO_REFRESH))
			continue;
		if (!out) {
			out = wg_pack_new();
			wg_pack_set_deltas(out, true);
		}
		rc = wg_pack_add(out, &oid, type, data, len, err);
		if (rc == WG_OK && wg_pack_bytes(out) >= STORE_PACK_BYTES) {
			rc = wg_pack_write_files(out, packdir, err);
			wg_pack_free(out);
			out = NULL;
		}
	}
	wg_progress_end();
	if (rc == WG_OK && out)
		rc = wg_pack_write_files(out, packdir, err);
	wg_pack_free(out);
	sb_release(&buf);
	return rc;
}

int wg_bundle_index(const wg_bundle *b, git_odb *known, const char *packdir,
		    struct wg_pack_budget *budget, size_t *objects, wg_pack **view, wg_error *err)
{
	const unsigned char *data = (const unsigned char *)b->data + b->pack_offset;
	size_t len = b->len - b->pack_offset;
	wg_pack *pack;
	int rc;

	if (view)
		*view = NULL;
	if ((rc = wg_pack_open_budget(data, len, known, budget, &pack, err)) == WG_OK) {
		if ((rc = wg_pack_check_links(pack, known, err)) == WG_OK &&
		    (rc = store_missing(pack, known, packdir, err)) == WG_OK)
			*objects = wg_pack_count(pack);
		if (rc == WG_OK && view)
			*view = pack;
		else
			wg_pack_free(pack);
	}
	if (rc && err->status == WG_EINPUT)
		wg_error_prefix(err, "%s", b->path);
	return rc;
}

/* Objects for a bundle: from the history's pack still in memory (the
 * objects of this very operation, copied as they are stored) or else from
 * its object database. Trees are parsed here, not by libgit2: a county's
 * enrollment bundles walk some 6,000 trees each. */
/* A set of object ids (open addressing; all zeros marks a free slot). */
struct oidset {
	git_oid *v;
	size_t cap, n;
};

static bool oidset_has(const struct oidset *s, const git_oid *oid)
{
	if (!s->cap)
		return false;
	size_t i;
	memcpy(&i, oid->id, sizeof i);
	for (i &= s->cap - 1; !git_oid_is_zero(&s->v[i]); i = (i + 1) & (s->cap - 1))
		if (git_oid_equal(&s->v[i], oid))
			return true;
	return false;
}

static void oidset_add(struct oidset *s, const git_oid *oid)
{
	if (oidset_has(s, oid))
		return;
	if (2 * (s->n + 1) > s->cap) {
		struct oidset bigger = {xcalloc(s->cap ? 2 * s->cap : 64, sizeof *s->v),
					s->cap ? 2 * s->cap : 64, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (!git_oid_is_zero(&s->v[i]))
				oidset_add(&bigger, &s->v[i]);
		free(s->v);
		*s = bigger;
	}
	size_t i;
	memcpy(&i, oid->id, sizeof i);
	for (i &= s->cap - 1; !git_oid_is_zero(&s->v[i]); i = (i + 1) & (s->cap - 1))
		;
	s->v[i] = *oid;
	s->n++;
}

struct source {
	git_odb *odb;
	wg_pack *mem;   /* may be NULL */
	wg_pack *out;
	bool thin;      /* objects as deltas against their parents' (the receiver has those) */
	strbuf delta;
	struct oidset bases; /* used as bases: never written as deltas themselves */
};

/* An object, to read: its data stays valid while it lives. */
struct object {
	git_object_t type;
	const unsigned char *data;
	size_t len;
	strbuf buf;
	git_odb_object *obj;
};

static int obj_load(struct source *s, const unsigned char *raw, struct object *t, wg_error *err)
{
	git_oid oid;
	bool found = false;
	int rc = WG_OK;
	git_oid_fromraw(&oid, raw);
	memset(t, 0, sizeof *t);
	if (s->mem && (rc = wg_pack_read(s->mem, &oid, &t->type, &t->data, &t->len, &t->buf,
					 &found, err)))
		return rc;
	if (found)
		return WG_OK; /* a pointer into the pack outlives the next read; one into buf too */
	if (git_odb_read(&t->obj, s->odb, &oid) < 0)
		return wg_git_fail(err, _("write bundle"));
	t->type = git_odb_object_type(t->obj);
	t->data = git_odb_object_data(t->obj);
	t->len = git_odb_object_size(t->obj);
	return WG_OK;
}

static int tree_load(struct source *s, const unsigned char *raw, struct object *t, wg_error *err)
{
	int rc = obj_load(s, raw, t, err);
	if (rc == WG_OK && t->type != GIT_OBJECT_TREE) {
		git_oid oid;
		git_oid_fromraw(&oid, raw);
		return wg_fail(err, WG_EINTERNAL, _("write bundle: %s is not a folder"),
			       git_oid_tostr_s(&oid));
	}
	return rc;
}

static void object_free(struct object *t)
{
	sb_release(&t->buf);
	git_odb_object_free(t->obj);
	t->obj = NULL;
}

/* As a delta against base (the object at the same path in a parent), when
 * that is less than half its size: a changed record or folder differs from
 * the old one in a line or a few entries (an export of 10 changes in a grid
 * of 100,000 records was 8 times stock git's bundle without). *done false:
 * not worth it, or not possible. */
static int add_as_delta(struct source *s, const git_oid *oid, const unsigned char *base_raw,
			bool *done, wg_error *err)
{
	struct object obj, base = {.obj = NULL};
	wg_error ignored;
	int rc = WG_OK;
	*done = false;
	if (obj_load(s, oid->id, &obj, &ignored) != WG_OK) {
		object_free(&obj);
		return WG_OK;
	}
	if ((obj.type == GIT_OBJECT_TREE || obj.type == GIT_OBJECT_BLOB) && obj.len >= 64 &&
	    obj_load(s, base_raw, &base, &ignored) == WG_OK) {
		if (base.type == obj.type &&
		    wg_delta_make(base.data, base.len, obj.data, obj.len, obj.type == GIT_OBJECT_TREE,
				  &s->delta) &&
		    s->delta.len < obj.len / 2) {
			git_oid b;
			git_oid_fromraw(&b, base_raw);
			rc = wg_pack_add_delta(s->out, oid, &b, s->delta.buf, s->delta.len, err);
			*done = rc == WG_OK;
		}
	}
	object_free(&base);
	object_free(&obj);
	return rc;
}

/* Add object raw; base_raw (may be NULL): what a parent holds at its path. */
static int add_object(struct source *s, const unsigned char *raw, const unsigned char *base_raw,
		      wg_error *err)
{
	git_oid oid;
	bool found = false;
	git_oid_fromraw(&oid, raw);
	if (wg_pack_has(s->out, &oid))
		return WG_OK;
	/* A delta's base is never in the pack when the delta is written, and an
	 * object used as a base goes into it whole, if at all: no chains, and
	 * no cycles (a merge can bring back a folder's older state). */
	if (s->thin && base_raw && memcmp(base_raw, raw, GIT_OID_RAWSZ) != 0 &&
	    !oidset_has(&s->bases, &oid)) {
		git_oid base;
		git_oid_fromraw(&base, base_raw);
		if (!wg_pack_has(s->out, &base)) {
			int rc = add_as_delta(s, &oid, base_raw, &found, err);
			if (rc)
				return rc;
			if (found) {
				oidset_add(&s->bases, &base);
				return WG_OK;
			}
		}
	}
	int rc = s->mem ? wg_pack_copy(s->out, s->mem, &oid, &found, err) : WG_OK;
	if (rc == WG_OK && !found)
		rc = wg_pack_add_from(s->out, s->odb, &oid, err);
	return rc;
}

/* A parent's tree, read alongside: its next entry not before the one asked for. */
struct cursor {
	struct object t;
	const unsigned char *p;
	struct wg_tree_item it;
	bool have;
};

static void cursor_seek(struct cursor *c, const struct wg_tree_item *want)
{
	while (c->have && wg_tree_item_cmp(&c->it, want) < 0)
		c->have = wg_tree_next(&c->p, c->t.data + c->t.len, &c->it);
}

/* The objects a commit brings that none of its parents has at the same path.
 * (libgit2's git_packbuilder_insert_walk marks every tree of the hidden commits
 * first: a cost that grows with the whole grid, not with the change.) Whatever
 * a parent has, the receiver has: a parent is a prerequisite, an ancestor of
 * one, or a commit of this bundle whose new objects go in too. */
static int insert_tree_diff(struct source *s, const unsigned char *tree_raw,
			    const unsigned char *const *parents, size_t np, wg_error *err)
{
	struct object t;
	struct cursor cur[8];
	size_t nc = 0;
	int rc = add_object(s, tree_raw, np ? parents[0] : NULL, err);
	if (rc || (rc = tree_load(s, tree_raw, &t, err)))
		return rc;
	for (size_t i = 0; i < np && rc == WG_OK; i++) {
		if ((rc = tree_load(s, parents[i], &cur[nc].t, err)))
			break;
		cur[nc].p = cur[nc].t.data;
		cur[nc].have = wg_tree_next(&cur[nc].p, cur[nc].t.data + cur[nc].t.len, &cur[nc].it);
		nc++;
	}
	const unsigned char *p = t.data, *end = t.data + t.len;
	struct wg_tree_item e;
	while (rc == WG_OK && p < end) {
		if (!wg_tree_next(&p, end, &e)) {
			rc = wg_fail(err, WG_EINTERNAL, _("write bundle: a folder is malformed"));
			break;
		}
		const unsigned char *sub[8], *old = NULL;
		size_t nsub = 0;
		bool known = false;
		for (size_t i = 0; i < nc && !known; i++) {
			cursor_seek(&cur[i], &e);
			if (!cur[i].have || cur[i].it.namelen != e.namelen ||
			    memcmp(cur[i].it.name, e.name, e.namelen) != 0)
				continue;
			if (memcmp(cur[i].it.oid, e.oid, 20) == 0)
				known = true;
			else if (cur[i].it.mode == 040000)
				sub[nsub++] = cur[i].it.oid;
			else if (!old)
				old = cur[i].it.oid;
		}
		if (known)
			continue;
		if (e.mode == 040000)
			rc = insert_tree_diff(s, e.oid, sub, nsub, err);
		else if (e.mode != 0160000)
			rc = add_object(s, e.oid, old, err);
	}
	for (size_t i = 0; i < nc; i++)
		object_free(&cur[i].t);
	object_free(&t);
	return rc;
}

static int insert_commit(git_repository *repo, struct source *s, const git_oid *oid,
			 wg_error *err)
{
	git_commit *c;
	const unsigned char *parents[8];
	git_oid ptrees[8];
	size_t np = 0;
	int rc = WG_OK;
	if (git_commit_lookup(&c, repo, oid) < 0)
		return wg_git_fail(err, _("write bundle"));
	if ((rc = add_object(s, oid->id, NULL, err)) == WG_OK) {
		for (unsigned i = 0; rc == WG_OK && i < git_commit_parentcount(c) && np < 8; i++) {
			git_commit *p;
			if (git_commit_parent(&p, c, i) < 0) {
				rc = wg_git_fail(err, _("write bundle"));
				break;
			}
			ptrees[np] = *git_commit_tree_id(p);
			parents[np] = ptrees[np].id;
			np++;
			git_commit_free(p);
		}
	}
	if (rc == WG_OK)
		rc = insert_tree_diff(s, git_commit_tree_id(c)->id, parents, np, err);
	git_commit_free(c);
	return rc;
}

struct sealing {
	const struct wg_bundle_seal *seal;
	const struct wg_span *parts;
	size_t nparts;
	wg_out *out;
	size_t written;
};

static int sealed_out(const void *data, size_t len, void *ctx, wg_error *err)
{
	struct sealing *sl = ctx;
	(void)err;
	wg_out_write(sl->out, data, len);
	sl->written += len;
	return WG_OK;
}

static int write_sealed(wg_out *o, void *ctx, wg_error *err)
{
	struct sealing *sl = ctx;
	sl->out = o;
	return wg_age_seal(sl->seal->pks, sl->seal->npks, sl->parts, sl->nparts, sealed_out, sl, err);
}

int wg_bundle_write(git_repository *repo, wg_pack *mem, const struct wg_bundle_ref *refs,
		    size_t nrefs, const struct wg_bundle_prereq *prereqs, size_t nprereqs,
		    const struct wg_bundle_seal *seal, const char *path, size_t *size, wg_error *err)
{
	git_revwalk *walk = NULL;
	git_odb *odb = NULL;
	wg_pack *pack = wg_pack_new();
	const unsigned char *packdata;
	size_t packlen = 0;
	strbuf head = STRBUF_INIT;
	int rc = WG_OK;

	if (git_revwalk_new(&walk, repo) < 0 || git_repository_odb(&odb, repo) < 0) {
		rc = wg_git_fail(err, _("write bundle"));
		goto out;
	}
	for (size_t i = 0; i < nrefs; i++)
		if (git_revwalk_push(walk, &refs[i].oid) < 0) {
			rc = wg_git_fail(err, _("write bundle"));
			goto out;
		}
	for (size_t i = 0; i < nprereqs; i++)
		if (git_revwalk_hide(walk, &prereqs[i].oid) < 0) {
			rc = wg_git_fail(err, _("write bundle"));
			goto out;
		}
	git_oid oid;
	int wrc;
	/* Deltas only against what the receiver has: a bundle with prerequisites
	 * (an enrollment carries everything, and is read fastest without). */
	struct source src = {odb, mem, pack, nprereqs > 0, STRBUF_INIT, {NULL, 0, 0}};
	/* The commits first (a walk reads only them), so that packing them, the
	 * long part of a large export, shows a bar with its total. */
	git_oid *commits = NULL;
	size_t ncommits = 0, alloc = 0;
	while ((wrc = git_revwalk_next(&oid, walk)) == 0) {
		if (ncommits == alloc)
			commits = xrealloc(commits, (alloc = alloc ? 2 * alloc : 64) * sizeof *commits);
		commits[ncommits++] = oid;
	}
	for (size_t i = 0; wrc == GIT_ITEROVER && rc == WG_OK && i < ncommits; i++) {
		rc = insert_commit(repo, &src, &commits[i], err);
		wg_progress(N_("Packing the changes into the bundle"), i + 1, ncommits);
	}
	wg_progress_end();
	free(commits);
	sb_release(&src.delta);
	free(src.bases.v);
	if (rc)
		goto out;
	if (wrc != GIT_ITEROVER) {
		rc = wg_git_fail(err, _("write bundle"));
		goto out;
	}
	packdata = wg_pack_finish(pack, &packlen);
	sb_adds(&head, "# v2 git bundle\n");
	for (size_t i = 0; i < nprereqs; i++) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, &prereqs[i].oid);
		sb_addf(&head, "-%s %s\n", hex, prereqs[i].comment ? prereqs[i].comment : "");
	}
	for (size_t i = 0; i < nrefs; i++) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, &refs[i].oid);
		sb_addf(&head, "%s %s\n", hex, refs[i].name);
	}
	sb_addc(&head, '\n');

	/* A reader never sees half a bundle. */
	const struct wg_span parts[] = {{head.buf, head.len}, {packdata, packlen}};
	if (seal && seal->npks) {
		struct sealing sl = {seal, parts, 2, NULL, 0};
		rc = wg_write_atomic_with(path, 0, write_sealed, &sl, err);
		if (rc == WG_OK)
			*size = sl.written;
	} else {
		rc = wg_write_atomic(path, parts, 2, 0, err);
		if (rc == WG_OK)
			*size = head.len + packlen;
	}
out:
	sb_release(&head);
	wg_pack_free(pack);
	git_odb_free(odb);
	git_revwalk_free(walk);
	return rc;
}

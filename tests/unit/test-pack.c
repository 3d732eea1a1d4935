/* Packs: what pack.c writes it reads back, libgit2 reads its index, and a
 * damaged or forged pack is refused without reading past its end. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <git2.h>
#include <zlib.h>
#include <git2/sys/mempack.h>

#include "id.h"
#include "pack.h"
#include "packfiles.h"
#include "sha1.h"
#include "strbuf.h"
#include "tap.h"

static git_oid blob_small, blob_big, tree, commit;
static char big[3000];

static void add(wg_pack *p, git_oid *oid, git_object_t type, const void *data, size_t len)
{
	wg_error err = {0};
	git_odb_hash(oid, data, len, type);
	if (wg_pack_add(p, oid, type, data, len, &err))
		tap_diag("add: %s", err.msg);
}

/* A tree holding one entry: mode, name, the 20 bytes of oid. */
static size_t tree_of(unsigned char *out, const char *mode, const char *name, const git_oid *oid)
{
	size_t n = (size_t)sprintf((char *)out, "%s %s", mode, name) + 1;
	memcpy(out + n, oid->id, 20);
	return n + 20;
}

/* A pack of a small blob, a big one (deflated), a tree of both and a commit. */
static wg_pack *sample(void)
{
	wg_pack *p = wg_pack_new();
	unsigned char t[200];
	char c[300];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + i % 7);
	add(p, &blob_small, GIT_OBJECT_BLOB, "name=诊所\n", strlen("name=诊所\n"));
	add(p, &blob_big, GIT_OBJECT_BLOB, big, sizeof big);
	size_t n = tree_of(t, "100644", "a", &blob_small);
	n += tree_of(t + n, "100644", "b", &blob_big);
	add(p, &tree, GIT_OBJECT_TREE, t, n);
	int cn = snprintf(c, sizeof c,
			  "tree %s\nauthor A <a@b> 0 +0000\ncommitter A <a@b> 0 +0000\n\nm\n",
			  git_oid_tostr_s(&tree));
	add(p, &commit, GIT_OBJECT_COMMIT, c, (size_t)cn);
	return p;
}

/* A new folder under $TMPDIR (or /tmp), for packs written to disk. */
static bool scratch_dir(char *buf, size_t n)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(buf, n, "%s/wangge-pack-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(buf) != NULL;
}

/* Remove a scratch folder and free the names of its parts. */
static void scratch_done(const char *dir, char *objects, char *packdir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
	free(cmd);
	free(objects);
	free(packdir);
}

/* Write p and its index into a scratch history: does libgit2 read object id
 * (of want bytes) from it? */
static bool libgit2_reads(wg_pack *p, const git_oid *id, size_t want)
{
	char dir[512];
	wg_error err = {0};
	if (!scratch_dir(dir, sizeof dir))
		return false;
	char *objects = xasprintf("%s/objects", dir), *packdir = xasprintf("%s/pack", objects);
	mkdir(objects, 0700);
	mkdir(packdir, 0700);
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	bool ok = wg_pack_write_index(p, packdir, &err) == WG_OK &&
		  git_odb_open(&odb, objects) == 0 && git_odb_read(&obj, odb, id) == 0 &&
		  git_odb_object_size(obj) == want;
	if (!ok)
		tap_diag("%s", err.msg);
	git_odb_object_free(obj);
	git_odb_free(odb);
	scratch_done(dir, objects, packdir);
	return ok;
}

/* A copy of the finished pack of p. */
static unsigned char *finished(wg_pack *p, size_t *len)
{
	const unsigned char *d = wg_pack_finish(p, len);
	unsigned char *copy = xmalloc(*len + 1);
	memcpy(copy, d, *len);
	copy[*len] = 0;
	return copy;
}

static bool refused(const unsigned char *d, size_t len, const char *want)
{
	wg_pack *r = NULL;
	wg_error err = {0};
	int rc = wg_pack_open(d, len, NULL, &r, &err);
	if (rc == WG_OK && r)
		rc = wg_pack_check_links(r, NULL, &err);
	wg_pack_free(r);
	if (rc != WG_EINPUT || !strstr(err.msg, want)) {
		tap_diag("rc %d, message \"%s\", wanted \"%s\"", rc, err.msg, want);
		return false;
	}
	return true;
}

/* Rewrite the pack's checksum after a change, as a forger would. */
static void reseal(unsigned char *d, size_t len)
{
	wg_sha1 c;
	wg_sha1_init(&c);
	wg_sha1_update(&c, d, len - 20);
	wg_sha1_final(&c, d + len - 20);
}

static void test_round_trip(void)
{
	wg_pack *p = sample();
	size_t len;
	unsigned char *d = finished(p, &len);
	wg_pack *r = NULL;
	wg_error err = {0};
	bool found;
	tap_ok(wg_pack_open(d, len, NULL, &r, &err) == WG_OK && r,
	       "a pack written here opens (%s)", err.msg);
	tap_is_int((long)wg_pack_count(r), 4, "  with its four objects");
	tap_ok(wg_pack_check_links(r, NULL, &err) == WG_OK, "  and nothing it refers to is missing");

	git_object_t type;
	const unsigned char *data;
	size_t n;
	strbuf buf = STRBUF_INIT;
	tap_ok(wg_pack_read(r, &blob_big, &type, &data, &n, &buf, &found, &err) == WG_OK && found &&
		       type == GIT_OBJECT_BLOB && n == sizeof big && memcmp(data, big, n) == 0,
	       "a deflated object reads back");
	tap_ok(wg_pack_read(r, &blob_small, &type, &data, &n, &buf, &found, &err) == WG_OK && found &&
		       n == strlen("name=诊所\n") && memcmp(data, "name=诊所\n", n) == 0,
	       "a stored object reads back");
	tap_ok(wg_pack_read(r, &tree, &type, &data, &n, &buf, &found, &err) == WG_OK && found &&
		       type == GIT_OBJECT_TREE,
	       "a tree reads back");
	const unsigned char *q = data;
	struct wg_tree_item it;
	tap_ok(wg_tree_next(&q, data + n, &it) && it.mode == 0100644 && it.namelen == 1 &&
		       it.name[0] == 'a' && memcmp(it.oid, blob_small.id, 20) == 0 &&
		       wg_tree_next(&q, data + n, &it) && it.name[0] == 'b' &&
		       !wg_tree_next(&q, data + n, &it) && q == data + n,
	       "  its entries are read in order, and then no more");
	git_oid none;
	memset(&none, 0x5a, sizeof none);
	tap_ok(wg_pack_read(r, &none, &type, &data, &n, &buf, &found, &err) == WG_OK && !found,
	       "an object it does not hold is not found");

	/* copied as stored into another pack, which reads the same */
	wg_pack *c = wg_pack_new();
	tap_ok(wg_pack_copy(c, r, &commit, &found, &err) == WG_OK && found &&
		       wg_pack_copy(c, r, &tree, &found, &err) == WG_OK &&
		       wg_pack_copy(c, r, &blob_big, &found, &err) == WG_OK &&
		       wg_pack_copy(c, r, &blob_big, &found, &err) == WG_OK &&
		       wg_pack_copy(c, r, &blob_small, &found, &err) == WG_OK &&
		       wg_pack_count(c) == 4,
	       "objects copy into another pack, each once");
	size_t clen;
	unsigned char *cd = finished(c, &clen);
	wg_pack *cr = NULL;
	tap_ok(wg_pack_open(cd, clen, NULL, &cr, &err) == WG_OK && cr &&
		       wg_pack_read(cr, &blob_big, &type, &data, &n, &buf, &found, &err) == WG_OK &&
		       found && n == sizeof big && memcmp(data, big, n) == 0,
	       "  and read back from it");

	/* libgit2 reads the index written for a received pack */
	tap_ok(libgit2_reads(cr, &blob_big, sizeof big),
	       "libgit2 reads an object through the index written");
	sb_release(&buf);
	wg_pack_free(cr);
	wg_pack_free(c);
	free(cd);
	wg_pack_free(r);
	free(d);
	wg_pack_free(p);
}

static void test_damage(void)
{
	wg_pack *p = sample();
	size_t len;
	unsigned char *d = finished(p, &len);

	tap_ok(refused(d, len - 1, "damaged or incomplete"), "a pack one byte short is refused");
	tap_ok(refused(d, 40, "damaged or incomplete"), "a pack cut in an object is refused");
	tap_ok(refused(d, 12, "damaged or incomplete"), "a pack of its header only is refused");
	d[len - 25] ^= 0x01;
	tap_ok(refused(d, len, "damaged or incomplete"), "a flipped byte is refused");
	d[len - 25] ^= 0x01;
	d[len - 1] ^= 0x80;
	tap_ok(refused(d, len, "checksum"), "a wrong checksum is refused");
	d[len - 1] ^= 0x80;

	/* a stored record changed and the pack resealed: its Adler-32 tells */
	unsigned char *at = memmem(d, len, "name=", 5);
	if (at) {
		at[0] = 'N';
		reseal(d, len);
		tap_ok(refused(d, len, "damaged or incomplete"), "a changed record is refused");
		at[0] = 'n';
		reseal(d, len);
	}

	/* one more object than there is */
	d[11]++;
	reseal(d, len);
	tap_ok(refused(d, len, "damaged or incomplete"), "a count too large is refused");
	d[11] -= 2;
	reseal(d, len);
	tap_ok(refused(d, len, "after its last object"), "a count too small is refused");
	d[11]++;
	reseal(d, len);

	/* the first object claims to be 2^40 bytes: refused, nothing that size allocated */
	unsigned char *forged = xmalloc(len + 8);
	memcpy(forged, d, 12);
	size_t h = 12;
	forged[h++] = 0x3f | 0x80; /* blob, size low bits 15, more follows */
	for (int i = 0; i < 5; i++)
		forged[h++] = 0xff;
	forged[h++] = 0x01;
	memcpy(forged + h, d + 12, len - 12);
	tap_ok(refused(forged, len - 12 + h, "header"), "an object claiming a huge size is refused");
	free(forged);

	/* 300 MiB claimed with enough bytes after it to be plausible for zlib:
	 * more than any object of a history (the largest evidence file) */
	size_t blen = 12 + 8 + (400 << 10) + 20;
	unsigned char *bigp = xcalloc(blen, 1);
	memcpy(bigp, d, 12);
	size_t bh = 12;
	size_t claim = (size_t)300 << 20;
	bigp[bh++] = (unsigned char)(0x80 | (3 << 4) | (claim & 15));
	for (claim >>= 4; claim; claim >>= 7)
		bigp[bh++] = (unsigned char)((claim & 0x7f) | (claim >> 7 ? 0x80 : 0));
	reseal(bigp, blen);
	tap_ok(refused(bigp, blen, "header"), "an object larger than any evidence file is refused");
	free(bigp);

	/* a delta whose base is nowhere */
	unsigned char delta[12 + 3 + 20 + 20];
	memset(delta, 0, sizeof delta);
	memcpy(delta, d, 12);
	delta[11] = 1;
	delta[12] = 0x70; /* REF_DELTA, size 0 */
	memset(delta + 13, 0x42, 20);
	delta[WG_ID_BUFSIZE] = 0x78;
	delta[34] = 0x01;
	reseal(delta, sizeof delta);
	tap_ok(refused(delta, sizeof delta, "damaged or incomplete"),
	       "a delta without its base is refused");
	free(d);
	wg_pack_free(p);
}

static void test_links(void)
{
	wg_pack *p = wg_pack_new();
	unsigned char t[200];
	git_oid missing, t1, b;
	memset(&missing, 0x42, sizeof missing);
	add(p, &b, GIT_OBJECT_BLOB, "x", 1);
	size_t n = tree_of(t, "100644", "a", &missing);
	add(p, &t1, GIT_OBJECT_TREE, t, n);
	size_t len;
	unsigned char *d = finished(p, &len);
	tap_ok(refused(d, len, "missing"), "a tree naming an object the pack lacks is refused");

	/* known elsewhere: fine (a thin pack completed by the history) */
	git_odb *odb = NULL;
	git_odb_backend *mem = NULL;
	wg_pack *r = NULL;
	wg_error err = {0};
	git_oid got;
	git_odb_new(&odb);
	git_mempack_new(&mem);
	git_odb_add_backend(odb, mem, 1);
	/* the history holds the object */
	unsigned char tm[200];
	size_t mn = tree_of(tm, "100644", "x", &b);
	git_odb_write(&got, odb, tm, mn, GIT_OBJECT_TREE);
	wg_pack *p2 = wg_pack_new();
	n = tree_of(t, "40000", "sub", &got);
	git_oid t2;
	add(p2, &t2, GIT_OBJECT_TREE, t, n);
	size_t len2;
	unsigned char *d2 = finished(p2, &len2);
	tap_ok(wg_pack_open(d2, len2, NULL, &r, &err) == WG_OK && r &&
		       wg_pack_check_links(r, odb, &err) == WG_OK,
	       "a tree naming an object the history holds is taken");
	tap_ok(refused(d2, len2, "missing"), "  and refused where the history lacks it");
	wg_pack_free(r);
	git_odb_free(odb);

	/* a malformed tree */
	wg_pack *p3 = wg_pack_new();
	git_oid t3;
	add(p3, &t3, GIT_OBJECT_TREE, "100644 a", 8);
	size_t len3;
	unsigned char *d3 = finished(p3, &len3);
	tap_ok(refused(d3, len3, "malformed"), "a malformed tree is refused");

	/* a commit naming a tree it lacks */
	wg_pack *p4 = wg_pack_new();
	git_oid c4;
	char c[200];
	int cn = snprintf(c, sizeof c, "tree %s\nparent %s\n\nm\n", git_oid_tostr_s(&t1),
			  git_oid_tostr_s(&missing));
	add(p4, &c4, GIT_OBJECT_COMMIT, c, (size_t)cn);
	size_t len4;
	unsigned char *d4 = finished(p4, &len4);
	tap_ok(refused(d4, len4, "missing"), "a commit naming a tree the pack lacks is refused");
	wg_pack *p5 = wg_pack_new();
	add(p5, &c4, GIT_OBJECT_COMMIT, "tree 12\n", 8);
	size_t len5;
	unsigned char *d5 = finished(p5, &len5);
	tap_ok(refused(d5, len5, "malformed"), "a commit cut short is refused");

	const unsigned char bad[] = "10x644 a\0";
	const unsigned char *q = bad;
	struct wg_tree_item it;
	tap_ok(!wg_tree_next(&q, bad + sizeof bad - 1, &it), "a tree entry with a bad mode is refused");
	const unsigned char noname[] = "100644 \0aaaaaaaaaaaaaaaaaaaa";
	q = noname;
	tap_ok(!wg_tree_next(&q, noname + sizeof noname - 1, &it),
	       "a tree entry without a name is refused");
	const unsigned char cut[] = "100644 a\0aaaaaaaaaaaaaaaaaaa";
	q = cut;
	tap_ok(!wg_tree_next(&q, cut + sizeof cut - 1, &it), "a tree entry cut short is refused");

	free(d);
	free(d2);
	free(d3);
	free(d4);
	free(d5);
	wg_pack_free(p);
	wg_pack_free(p2);
	wg_pack_free(p3);
	wg_pack_free(p4);
	wg_pack_free(p5);
}

/* git's patch-delta, for checking ours: sizes, then copies and inserts. */
static bool apply_delta(const unsigned char *base, size_t blen, const unsigned char *d, size_t dlen,
			strbuf *out)
{
	const unsigned char *p = d, *end = d + dlen;
	size_t sizes[2];
	for (int k = 0; k < 2; k++) {
		size_t v = 0;
		int shift = 0;
		unsigned char c;
		do {
			if (p >= end)
				return false;
			c = *p++;
			v |= (size_t)(c & 0x7f) << shift;
			shift += 7;
		} while (c & 0x80);
		sizes[k] = v;
	}
	if (sizes[0] != blen)
		return false;
	sb_reset(out);
	while (p < end) {
		unsigned char op = *p++;
		if (op & 0x80) {
			size_t off = 0, n = 0;
			for (int i = 0; i < 4; i++)
				if (op & (1 << i))
					off |= (size_t)*p++ << (8 * i);
			for (int i = 0; i < 3; i++)
				if (op & (0x10 << i))
					n |= (size_t)*p++ << (8 * i);
			if (!n)
				n = 0x10000;
			if (off + n > blen)
				return false;
			sb_add(out, base + off, n);
		} else if (op) {
			if ((size_t)(end - p) < op)
				return false;
			sb_add(out, p, op);
			p += op;
		} else {
			return false;
		}
	}
	return out->len == sizes[1];
}

static bool delta_round_trip(const void *base, size_t blen, const void *res, size_t rlen,
			     bool is_tree, size_t *dlen)
{
	strbuf d = STRBUF_INIT, out = STRBUF_INIT;
	bool ok = wg_delta_make(base, blen, res, rlen, is_tree, &d) &&
		  apply_delta(base, blen, (const unsigned char *)d.buf, d.len, &out) &&
		  memcmp(out.buf ? out.buf : "", res, rlen) == 0;
	*dlen = d.len;
	sb_release(&d);
	sb_release(&out);
	return ok;
}

static void test_deltas(void)
{
	const char *a = "kind=entity\nid=aa\nname=中山诊所\nphone=13800138000\naddress=东门路1号\n";
	const char *b = "kind=entity\nid=aa\nname=中山诊所\nphone=13500135000\naddress=东门路1号\n";
	size_t n = 0;
	bool ok = delta_round_trip(a, strlen(a), b, strlen(b), false, &n);
	tap_ok(ok && n < strlen(b) / 2, "a record with one field changed: a delta of %zu bytes for %zu",
	       n, strlen(b));
	tap_ok(delta_round_trip(a, strlen(a), "x", 1, false, &n) &&
		       delta_round_trip("", 0, a, strlen(a), false, &n) &&
		       delta_round_trip(a, strlen(a), "", 0, false, &n) &&
		       delta_round_trip(a, strlen(a), a, strlen(a), false, &n),
	       "  and nothing in common, from nothing, to nothing, no change");

	/* a folder of 300 entries, some changed, one added, one removed */
	strbuf t1 = STRBUF_INIT, t2 = STRBUF_INIT;
	for (int i = 0; i < 300; i++) {
		git_oid o;
		char name[8];
		memset(&o, i + 1, sizeof o);
		snprintf(name, sizeof name, "%03d", i);
		unsigned char e[64];
		size_t k = tree_of(e, i % 2 ? "40000" : "100644", name, &o);
		sb_add(&t1, e, k);
		if (i == 7)
			continue; /* removed */
		if (i % 50 == 3)
			memset(&o, 0xee, sizeof o); /* changed */
		k = tree_of(e, i % 2 ? "40000" : "100644", name, &o);
		sb_add(&t2, e, k);
		if (i == 100) {
			k = tree_of(e, "100644", "100a", &o); /* added */
			sb_add(&t2, e, k);
		}
	}
	ok = delta_round_trip(t1.buf, t1.len, t2.buf, t2.len, true, &n);
	tap_ok(ok && n < t2.len / 10, "a folder of 300 entries with 8 changes: a delta of %zu bytes for %zu",
	       n, t2.len);
	tap_ok(!wg_delta_make((const unsigned char *)t1.buf, t1.len, (const unsigned char *)"100644 a",
			      8, true, &t2),
	       "  no delta to a malformed folder");

	/* copies from past 64 KiB and longer than 16 MiB take more offset and
	 * size bytes, and several instructions */
	size_t huge = (17u << 20) + 5;
	unsigned char *x = xmalloc(huge), *y = xmalloc(huge);
	for (size_t i = 0; i < huge; i++)
		x[i] = (unsigned char)(i * 31 + (i >> 9));
	memcpy(y, x, huge);
	y[70000] ^= 1;
	ok = delta_round_trip(x, huge, y, huge, false, &n);
	tap_ok(ok && n < 64, "17 MiB with one byte changed: a delta of %zu bytes", n);
	free(x);
	free(y);
	sb_release(&t1);
	sb_release(&t2);
}

/* A pack of its own making: a base record, then the changed record as a delta
 * against it (by name or by offset), or only the delta (thin). */
static void test_delta_packs(void)
{
	const char *a = "kind=entity\nid=aa\nname=中山诊所\nphone=13800138000\naddress=东门路1号\n";
	const char *b = "kind=entity\nid=aa\nname=中山诊所\nphone=13500135000\naddress=东门路1号\n";
	git_oid ida, idb;
	strbuf dl = STRBUF_INIT, buf = STRBUF_INIT;
	wg_error err = {0};
	git_object_t type;
	const unsigned char *data;
	size_t n;
	bool found;
	wg_object_id(&ida, GIT_OBJECT_BLOB, a, strlen(a));
	wg_object_id(&idb, GIT_OBJECT_BLOB, b, strlen(b));
	wg_delta_make((const unsigned char *)a, strlen(a), (const unsigned char *)b, strlen(b), false,
		      &dl);

	/* by name, base in the pack */
	wg_pack *w = wg_pack_new();
	add(w, &ida, GIT_OBJECT_BLOB, a, strlen(a));
	wg_pack_add_delta(w, &idb, &ida, dl.buf, dl.len, &err);
	size_t len;
	unsigned char *d = finished(w, &len);
	wg_pack *r = NULL;
	tap_ok(wg_pack_open(d, len, NULL, &r, &err) == WG_OK && r &&
		       wg_pack_read(r, &idb, &type, &data, &n, &buf, &found, &err) == WG_OK && found &&
		       n == strlen(b) && memcmp(data, b, n) == 0,
	       "a delta against an object of the pack reads back (%s)", err.msg);
	wg_pack_free(r);

	/* by offset: the same pack with the delta's base given as the distance back */
	strbuf o = STRBUF_INIT;
	sb_add(&o, d, 12);
	size_t base_at = o.len;
	/* the whole base object as written, then an OFS_DELTA entry */
	size_t delta_at = 12;
	while (d[delta_at++] & 0x80) /* the base's type and size header */
		;
	delta_at += 2 + 5 + strlen(a) + 4; /* stored as one block */
	sb_add(&o, d + 12, delta_at - 12);
	size_t back = o.len - base_at;
	unsigned char hdr[4] = {(unsigned char)(0x60 | (dl.len & 15) | (dl.len > 15 ? 0x80 : 0))};
	size_t h = 1;
	if (dl.len > 15)
		hdr[h++] = (unsigned char)(dl.len >> 4);
	sb_add(&o, hdr, h);
	sb_addc(&o, (char)back); /* under 128: one byte */
	unsigned char z[2 + 5] = {0x78, 0x01, 0x01, (unsigned char)dl.len, 0,
				  (unsigned char)~dl.len, 0xff};
	sb_add(&o, z, sizeof z);
	sb_add(&o, dl.buf, dl.len);
	uint32_t sum = (uint32_t)adler32_z(1, (const unsigned char *)dl.buf, dl.len);
	unsigned char sb4[4] = {(unsigned char)(sum >> 24), (unsigned char)(sum >> 16),
				(unsigned char)(sum >> 8), (unsigned char)sum};
	sb_add(&o, sb4, 4);
	sb_add(&o, "01234567890123456789", 20);
	reseal((unsigned char *)o.buf, o.len);
	r = NULL;
	tap_ok(back < 128 && wg_pack_open((unsigned char *)o.buf, o.len, NULL, &r, &err) == WG_OK &&
		       r && wg_pack_read(r, &idb, &type, &data, &n, &buf, &found, &err) == WG_OK &&
		       found && n == strlen(b) && memcmp(data, b, n) == 0,
	       "a delta against an earlier offset reads back (%s)", err.msg);
	wg_pack_free(r);
	sb_release(&o);

	/* thin: only the delta; its base in the history it arrives at */
	wg_pack *t = wg_pack_new();
	wg_pack_add_delta(t, &idb, &ida, dl.buf, dl.len, &err);
	size_t tlen;
	unsigned char *td = finished(t, &tlen);
	r = NULL;
	tap_ok(refused(td, tlen, "base is missing"), "a thin pack is refused without its base");
	git_odb *odb = NULL;
	git_odb_backend *mem = NULL;
	git_oid got;
	git_odb_new(&odb);
	git_mempack_new(&mem);
	git_odb_add_backend(odb, mem, 1);
	git_odb_write(&got, odb, a, strlen(a), GIT_OBJECT_BLOB);
	memset(&err, 0, sizeof err);
	tap_ok(wg_pack_open(td, tlen, odb, &r, &err) == WG_OK && r && wg_pack_count(r) == 2 &&
		       wg_pack_read(r, &idb, &type, &data, &n, &buf, &found, &err) == WG_OK && found &&
		       n == strlen(b) && memcmp(data, b, n) == 0,
	       "  and read with its base from the history, which the pack then holds (%s)",
	       err.msg);
	/* libgit2 reads the completed pack through the index written */
	tap_ok(r && libgit2_reads(r, &idb, strlen(b)), "  libgit2 reads the delta from it on disk");
	wg_pack_free(r);
	git_odb_free(odb);

	/* two deltas each the other's base: a cycle */
	wg_pack *cy = wg_pack_new();
	strbuf back_dl = STRBUF_INIT;
	wg_delta_make((const unsigned char *)b, strlen(b), (const unsigned char *)a, strlen(a), false,
		      &back_dl);
	wg_pack_add_delta(cy, &idb, &ida, dl.buf, dl.len, &err);
	wg_pack_add_delta(cy, &ida, &idb, back_dl.buf, back_dl.len, &err);
	size_t clen;
	unsigned char *cd = finished(cy, &clen);
	tap_ok(refused(cd, clen, "base is missing"), "deltas that are each other's base are refused");

	free(cd);
	free(td);
	free(d);
	wg_pack_free(cy);
	wg_pack_free(t);
	wg_pack_free(w);
	sb_release(&back_dl);
	sb_release(&dl);
	sb_release(&buf);
}

/* Our SHA-1 of "blob <n>\0" and the data against libgit2's object ids, for
 * every length around the block boundaries and a large one. */
static bool sha1_agrees(void)
{
	size_t big_len = 1 << 20;
	unsigned char *d = xmalloc(big_len);
	for (size_t i = 0; i < big_len; i++)
		d[i] = (unsigned char)(i * 2654435761u >> 13);
	bool ok = true;
	for (size_t n = 0; n <= big_len && ok; n = n < 1100 ? n + 1 : n == 1100 ? big_len : n + 1) {
		git_oid want;
		unsigned char got[20];
		char hdr[32];
		int h = snprintf(hdr, sizeof hdr, "blob %zu", n);
		wg_sha1 c;
		git_odb_hash(&want, d, n, GIT_OBJECT_BLOB);
		wg_sha1_init(&c);
		wg_sha1_update(&c, hdr, (size_t)h + 1);
		/* in uneven pieces, to cross the buffered path */
		for (size_t at = 0; at < n;) {
			size_t take = 77 + at % 50;
			if (take > n - at)
				take = n - at;
			wg_sha1_update(&c, d + at, take);
			at += take;
		}
		wg_sha1_final(&c, got);
		git_oid id;
		wg_object_id(&id, GIT_OBJECT_BLOB, d, n);
		ok = memcmp(got, want.id, 20) == 0 && git_oid_equal(&id, &want);
		if (!ok)
			tap_diag("differs at length %zu", n);
	}
	free(d);
	return ok;
}

/* Damage in many seeded ways, resealed so the reader gets past the
 * checksum: every outcome is a pack read or a refusal, never a crash or a
 * read out of bounds (the sanitizers watch). */
static void test_mutations(bool with_deltas)
{
	wg_pack *p = sample();
	if (with_deltas) {
		/* the big record again, changed, as a delta against the first */
		static char big2[sizeof big];
		memcpy(big2, big, sizeof big);
		big2[100] = '#';
		git_oid id2;
		strbuf dl = STRBUF_INIT;
		wg_error e = {0};
		wg_object_id(&id2, GIT_OBJECT_BLOB, big2, sizeof big2);
		wg_delta_make((const unsigned char *)big, sizeof big, (const unsigned char *)big2,
			      sizeof big2, false, &dl);
		wg_pack_add_delta(p, &id2, &blob_big, dl.buf, dl.len, &e);
		sb_release(&dl);
	}
	size_t len;
	unsigned char *d = finished(p, &len);
	unsigned char *m = xmalloc(len);
	uint64_t x = 0x9e3779b97f4a7c15u;
	int odd = 0, read_ok = 0;
	strbuf buf = STRBUF_INIT;
	for (int round = 0; round < 3000; round++) {
		memcpy(m, d, len);
		size_t cut = len;
		int nflips = 1 + round % 4;
		for (int f = 0; f < nflips; f++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			m[12 + x % (len - 32)] ^= (unsigned char)(1u << (x >> 40) % 8);
		}
		if (round % 5 == 0) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			cut = 32 + x % (len - 32);
		}
		reseal(m, cut);
		wg_pack *r = NULL;
		wg_error err = {0};
		int rc = wg_pack_open(m, cut, NULL, &r, &err);
		if (rc == WG_OK && r)
			rc = wg_pack_check_links(r, NULL, &err);
		if (rc == WG_OK && r) {
			git_oid ids[] = {blob_small, blob_big, tree, commit};
			for (size_t i = 0; i < 4; i++) {
				git_object_t type;
				const unsigned char *data;
				size_t n;
				bool found;
				if (wg_pack_read(r, &ids[i], &type, &data, &n, &buf, &found, &err) == WG_OK &&
				    found)
					read_ok++;
			}
		}
		if (rc != WG_OK && rc != WG_EINPUT)
			odd++;
		wg_pack_free(r);
	}
	tap_is_int(odd, 0, "3,000 damaged packs%s: each read or refused (%d objects read back)",
		   with_deltas ? " with a delta" : "", read_ok);
	sb_release(&buf);
	free(m);
	free(d);
	wg_pack_free(p);
}

/* A history's pack: records stored as deltas of others of their kind, a
 * folder's new version as a delta of its old one; every object reads back
 * from the pack being written, from the finished pack, from a copy, and
 * through libgit2. */
static void test_history_deltas(void)
{
	enum { N = 60 };
	wg_pack *p = wg_pack_new(), *plain = wg_pack_new();
	wg_pack_set_deltas(p, true);
	git_oid ids[N + 3];
	char *objs[N + 3];
	size_t lens[N + 3];
	git_object_t types[N + 3];
	wg_error err = {0};
	for (int i = 0; i < N; i++) {
		objs[i] = xasprintf("kind=%s\nid=%032x\ngrid=320724100-01\nname=中山诊所%d\n"
				    "category=D211\nstatus=open\ndue=2026-11-%02d\n",
				    i % 3 ? "task" : "entity", i * 7919, i, 1 + i % 28);
		lens[i] = strlen(objs[i]);
		types[i] = GIT_OBJECT_BLOB;
		git_odb_hash(&ids[i], objs[i], lens[i], GIT_OBJECT_BLOB);
	}
	/* a folder of five records, then the same with one changed */
	unsigned char t1[400], t2[400];
	size_t n1 = 0, n2 = 0;
	for (int k = 0; k < 5; k++) {
		char name[40];
		snprintf(name, sizeof name, "%032x", k * 7919);
		n1 += tree_of(t1 + n1, "100644", name, &ids[k]);
		n2 += tree_of(t2 + n2, "100644", name, &ids[k == 3 ? 9 : k]);
	}
	objs[N] = xmalloc(n1);
	memcpy(objs[N], t1, n1);
	lens[N] = n1;
	objs[N + 1] = xmalloc(n2);
	memcpy(objs[N + 1], t2, n2);
	lens[N + 1] = n2;
	types[N] = types[N + 1] = GIT_OBJECT_TREE;
	/* and a record too large to be a delta */
	objs[N + 2] = xmalloc(5000);
	memset(objs[N + 2], 'x', 5000);
	lens[N + 2] = 5000;
	types[N + 2] = GIT_OBJECT_BLOB;
	size_t raw = 0;
	for (int i = 0; i < N + 3; i++) {
		add(p, &ids[i], types[i], objs[i], lens[i]);
		add(plain, &ids[i], types[i], objs[i], lens[i]);
		raw += lens[i];
	}
	tap_ok(wg_pack_bytes(p) < wg_pack_bytes(plain) / 2,
	       "records and a folder's versions as deltas: %zu bytes, %zu without", wg_pack_bytes(p),
	       wg_pack_bytes(plain));
	bool all = true, found;
	strbuf buf = STRBUF_INIT;
	git_object_t type;
	const unsigned char *data;
	size_t n;
	for (int i = 0; i < N + 3; i++)
		all &= wg_pack_read(p, &ids[i], &type, &data, &n, &buf, &found, &err) == WG_OK &&
		       found && type == types[i] && n == lens[i] && memcmp(data, objs[i], n) == 0;
	tap_ok(all, "  every object reads back from the pack being written");
	wg_pack *c = wg_pack_new();
	for (int i = 0; i < N + 3; i++)
		wg_pack_copy(c, p, &ids[i], &found, &err);
	all = wg_pack_count(c) == N + 3;
	for (int i = 0; i < N + 3; i++)
		all &= wg_pack_read(c, &ids[i], &type, &data, &n, &buf, &found, &err) == WG_OK &&
		       found && n == lens[i] && memcmp(data, objs[i], n) == 0;
	tap_ok(all, "  and from a pack it is copied into");
	size_t len;
	unsigned char *d = finished(p, &len);
	wg_pack *r = NULL;
	all = wg_pack_open(d, len, NULL, &r, &err) == WG_OK && wg_pack_count(r) == N + 3 &&
	      wg_pack_check_links(r, NULL, &err) == WG_OK;
	for (int i = 0; all && i < N + 3; i++)
		all &= wg_pack_read(r, &ids[i], &type, &data, &n, &buf, &found, &err) == WG_OK &&
		       found && n == lens[i] && memcmp(data, objs[i], n) == 0;
	tap_ok(all, "  and from the finished pack, opened as a received one (%s)", err.msg);
	tap_ok(r && libgit2_reads(r, &ids[N - 1], lens[N - 1]) && libgit2_reads(r, &ids[N + 1], n2),
	       "  libgit2 reads a record and a folder stored as deltas");
	sb_release(&buf);
	for (int i = 0; i < N + 3; i++)
		free(objs[i]);
	wg_pack_free(r);
	free(d);
	wg_pack_free(c);
	wg_pack_free(plain);
	wg_pack_free(p);
}

/* The history's packs read without mapping them (packfiles.c): records
 * stored as deltas, REF deltas against big bases, more bases than its
 * cache holds (each read twice: from the cache, and past it), an object
 * of no pack, and packs written after the backend was made. */
static void test_pread_reader(void)
{
	char dir[512];
	wg_error err = {0};
	if (!scratch_dir(dir, sizeof dir)) {
		tap_ok(false, "a scratch folder for the pread reader");
		return;
	}
	char *objects = xasprintf("%s/objects", dir), *packdir = xasprintf("%s/pack", objects);
	mkdir(objects, 0700);
	mkdir(packdir, 0700);
	git_odb *odb = NULL;
	tap_ok(wg_history_odb(objects, &odb) == 0, "the pread reader opens a history with no packs");

	/* 128 bases of 64 to 250 KB (the cache holds 8 MB: slots are taken
	 * from smaller ones by bigger ones once it is full) and a REF delta on
	 * each */
	enum { NB = 128, BASE = 250 << 10 };
	static size_t size[NB];
	static git_oid base_id[NB], delta_id[NB];
	unsigned char *b = xmalloc(BASE + 1);
	wg_pack *p = wg_pack_new();
	bool added = true;
	for (int i = 0; i < NB; i++) {
		size_t n = size[i] = ((size_t)64 << 10) + ((size_t)(i * 37 % 187) << 10);
		for (size_t j = 0; j < n; j++)
			b[j] = (unsigned char)('a' + (j * 7 + (size_t)i) % 26);
		add(p, &base_id[i], GIT_OBJECT_BLOB, b, n);
		b[n] = (unsigned char)('0' + i % 10); /* the delta's result: one byte more */
		git_odb_hash(&delta_id[i], b, n + 1, GIT_OBJECT_BLOB);
		strbuf d = STRBUF_INIT;
		added &= wg_delta_make(b, n, b, n + 1, false, &d);
		added &= wg_pack_add_delta(p, &delta_id[i], &base_id[i], d.buf, d.len, &err) == WG_OK;
		sb_release(&d);
	}
	/* records as OFS deltas of one another (wg_pack_set_deltas) */
	wg_pack *q = wg_pack_new();
	wg_pack_set_deltas(q, true);
	static git_oid rec_id[64];
	char rec[64][256];
	for (int i = 0; i < 64; i++) {
		int n = snprintf(rec[i], sizeof rec[i],
				 "kind=task\nid=%032d\ngrid=G01\ntitle=巡查 %d\nstatus=open\n"
				 "due=2026-12-%02d\nnote=the same words in every record\n", i, i, i % 28 + 1);
		add(q, &rec_id[i], GIT_OBJECT_BLOB, rec[i], (size_t)n);
	}
	tap_ok(added && wg_pack_write_files(p, packdir, &err) == WG_OK,
	       "a pack of big bases and deltas on them is written");
	/* written after the backend was made: found once it is refreshed */
	tap_ok(wg_pack_write_files(q, packdir, &err) == WG_OK && git_odb_refresh(odb) == 0,
	       "  and a pack of records, after the reader was opened");
	bool ok = true;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < NB && ok; i++) {
			git_odb_object *obj = NULL;
			ok = git_odb_read(&obj, odb, &delta_id[i]) == 0 &&
			     git_odb_object_size(obj) == size[i] + 1 &&
			     ((const unsigned char *)git_odb_object_data(obj))[size[i]] == '0' + i % 10 &&
			     ((const unsigned char *)git_odb_object_data(obj))[size[i] + 1] == '\0';
			git_odb_object_free(obj);
		}
	tap_ok(ok, "every delta on a big base reads back, NUL-terminated, twice over");
	ok = true;
	for (int i = 0; i < 64 && ok; i++) {
		git_odb_object *obj = NULL;
		ok = git_odb_read(&obj, odb, &rec_id[i]) == 0 &&
		     git_odb_object_size(obj) == strlen(rec[i]) &&
		     memcmp(git_odb_object_data(obj), rec[i], strlen(rec[i])) == 0;
		git_odb_object_free(obj);
	}
	tap_ok(ok, "every record, stored as a delta of another, reads back");
	git_oid none;
	memset(&none, 0x5a, sizeof none);
	tap_ok(!git_odb_exists(odb, &none), "an object of no pack is not there");
	git_odb_free(odb); /* the cache, full and evicted from, freed once */
	wg_pack_free(p);
	wg_pack_free(q);
	free(b);
	scratch_done(dir, objects, packdir);
}

int main(void)
{
	git_libgit2_init();
	/* the portable code in a child (the choice is made once per process) */
	pid_t pid = fork();
	if (pid == 0) {
		setenv("WANGGE_SHA1", "portable", 1);
		_exit(sha1_agrees() && strcmp(wg_sha1_impl(), "portable") == 0 ? 0 : 1);
	}
	int status = 1;
	tap_ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		       WEXITSTATUS(status) == 0,
	       "the portable SHA-1 names objects as libgit2 does");
	tap_ok(sha1_agrees(), "the SHA-1 used here (%s) names objects as libgit2 does",
	       wg_sha1_impl());
	test_round_trip();
	test_damage();
	test_links();
	test_mutations(false);
	test_mutations(true);
	test_deltas();
	test_delta_packs();
	test_history_deltas();
	test_pread_reader();
	git_libgit2_shutdown();
	return tap_exit();
}

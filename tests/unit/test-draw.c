/* The random draw: SHA-256 and the generator against published vectors,
 * reproducibility, 回避 over 1,000 seeded draws, and risk rates. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "id.h"
#include "plan.h"
#include "prng.h"
#include "sha1.h"
#include "sha256.h"
#include "tap.h"

static struct wg_plan *plan_of(const char *text)
{
	struct wg_plan *p = NULL;
	wg_error err;
	if (wg_plan_parse(text, strlen(text), &p, &err) != WG_OK)
		tap_diag("plan refused: %s", err.msg);
	return p;
}

static void fake_id(char out[WG_ID_BUFSIZE], unsigned kind, unsigned n)
{
	snprintf(out, WG_ID_BUFSIZE, "%02x%06x%024x", kind, n, n * 2654435761u);
}

/* entities in 6 grids, inspectors with and without grids, conflicts, last pairs */
static struct wg_draw_dir *make_dir(size_t nent, size_t nboost, size_t ninsp)
{
	struct wg_draw_dir *d = calloc(1, sizeof *d);
	d->ent = calloc(nent, sizeof *d->ent);
	d->insp = calloc(ninsp, sizeof *d->insp);
	for (size_t i = 0; i < nent; i++) {
		fake_id(d->ent[i].id, 0xe0, (unsigned)i);
		snprintf(d->ent[i].grid, WG_ID_BUFSIZE, "g%zu", i % 6);
		snprintf(d->ent[i].category, 9, "D211");
		d->ent[i].flags = i < nboost ? 1u << FACTOR_COMPLAINT : 0;
	}
	d->nent = nent;
	for (size_t i = 0; i < ninsp; i++) {
		fake_id(d->insp[i].id, 0x10, (unsigned)i);
		if (i % 3 != 2)
			snprintf(d->insp[i].grid, WG_ID_BUFSIZE, "g%zu", i % 6);
	}
	d->ninsp = ninsp;
	/* every 7th entity has a conflict with inspector 0 and 1 */
	d->conf = calloc(nent * 2, sizeof *d->conf);
	for (size_t i = 0; i < nent; i += 7)
		for (size_t k = 0; k < 2; k++) {
			snprintf(d->conf[d->nconf].entity, WG_ID_BUFSIZE, "%s", d->ent[i].id);
			snprintf(d->conf[d->nconf].officer, WG_ID_BUFSIZE, "%s", d->insp[k].id);
			d->nconf++;
		}
	/* every 5th entity was last inspected by inspectors 2 and the last one */
	d->last = calloc(nent, sizeof *d->last);
	for (size_t i = 0; i < nent; i += 5) {
		snprintf(d->last[d->nlast].entity, WG_ID_BUFSIZE, "%s", d->ent[i].id);
		snprintf(d->last[d->nlast].inspectors, sizeof d->last->inspectors, "%s,%s",
			 d->insp[2].id, d->insp[ninsp - 1].id);
		d->nlast++;
	}
	return d;
}

static void test_vectors(void)
{
	char hex[65];
	wg_sha256_hex_str("abc", hex);
	tap_is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		   "SHA-256(\"abc\")");
	wg_sha256_hex_str("", hex);
	tap_is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		   "SHA-256(\"\")");
	wg_sha256_hex_str("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", hex);
	tap_is_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
		   "SHA-256 of the 448-bit vector");
	char *million = malloc(1000000);
	memset(million, 'a', 1000000);
	wg_sha256 c;
	unsigned char d[32];
	wg_sha256_init(&c);
	for (size_t i = 0; i < 1000000; i += 999)
		wg_sha256_update(&c, million + i, i + 999 > 1000000 ? 1000000 - i : 999);
	wg_sha256_final(&c, d);
	wg_hex(d, 32, hex);
	tap_is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
		   "SHA-256 of a million 'a' fed in odd pieces");

	/* SHA-1 (the pack writer's checksums) shares the block frame */
	static const struct {
		const char *in, *sum;
	} sha1[] = {
		{"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
	};
	for (size_t k = 0; k < sizeof sha1 / sizeof *sha1; k++) {
		wg_sha1 s1;
		wg_sha1_init(&s1);
		wg_sha1_update(&s1, sha1[k].in, strlen(sha1[k].in));
		wg_sha1_final(&s1, d);
		wg_hex(d, 20, hex);
		tap_is_str(hex, sha1[k].sum, "SHA-1(\"%.8s\")", sha1[k].in);
	}
	wg_sha1 s1;
	wg_sha1_init(&s1);
	for (size_t i = 0; i < 1000000; i += 999)
		wg_sha1_update(&s1, million + i, i + 999 > 1000000 ? 1000000 - i : 999);
	wg_sha1_final(&s1, d);
	wg_hex(d, 20, hex);
	tap_is_str(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
		   "SHA-1 of a million 'a' fed in odd pieces");
	free(million);

	/* xoshiro256** from the reference state {1, 2, 3, 4}: 11520, 0, 1509978240 */
	wg_prng r = {{1, 2, 3, 4}};
	tap_ok(wg_prng_next(&r) == 11520 && wg_prng_next(&r) == 0 &&
	       wg_prng_next(&r) == 1509978240, "xoshiro256** reference outputs");
	wg_prng a, b;
	wg_prng_seed(&a, "2026-11-22");
	wg_prng_seed(&b, "2026-11-22");
	bool same = true, inrange = true;
	for (int i = 0; i < 1000; i++) {
		uint64_t x = wg_prng_below(&a, 7), y = wg_prng_below(&b, 7);
		same &= x == y;
		inrange &= x < 7;
	}
	tap_ok(same && inrange, "same seed, same sequence; below(7) stays below 7");
}

static void test_plans(void)
{
	struct wg_plan *p;
	wg_error err;
	static const struct {
		const char *text, *why;
	} bad[] = {
		{"name=x\nfrom=2026-01-01\nto=2026-02-01\n", "no section"},
		{"name=x\nfrom=2026-01-01\nto=2026-02-01\n[clinic]\n", "no ratio or count"},
		{"name=x\nfrom=2026-01-01\nto=2026-02-01\n[clinic]\nratio=101%\n", "rate over 100%"},
		{"name=x\nfrom=2026-01-01\nto=2026-02-01\n[clinic]\nratio=5%\n[D211]\ncount=1\n",
		 "a category in two sections"},
		{"name=x\nfrom=2026-01-01\nto=2026-02-01\n[nosuch]\nratio=5%\n", "unknown category"},
		{"name=x\nfrom=2026-01-01\nto=2026-02-01\ninspectors=1\n[clinic]\nratio=5%\n",
		 "one inspector"},
		{"name=x\nfrom=2026-03-01\nto=2026-02-01\n[clinic]\nratio=5%\n", "ends before start"},
		{"name=x\nfrom=2026-01-01\nto=2026-02-01\n[clinic]\nratio=5%\nrisk=always\n",
		 "unknown factor"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		tap_ok(wg_plan_parse(bad[i].text, strlen(bad[i].text), &p, &err) == WG_EINPUT,
		       "plan refused: %s (%s)", bad[i].why, err.msg);
	p = plan_of("name = n\r\nfrom = 2026-01-01\r\nto = 2026-02-01\r\n[clinic]\r\nratio = 2.5%");
	tap_ok(p && p->rules[0].ratio == 250 && p->rules[0].group, "2.5%% is 250 basis points");
	struct wg_plan *q = plan_of("name = n\nfrom = 2026-01-01\nto = 2026-02-01\n[clinic]\n"
				    "ratio = 2.5%\n");
	tap_ok(p && q && strcmp(p->sha256, q->sha256) == 0,
	       "CRLF and a missing final newline do not change the plan's fingerprint");
	wg_plan_free(p);
	wg_plan_free(q);

	/* The shipped example parses. */
	const char *top = getenv("top_srcdir");
	char path[1024];
	snprintf(path, sizeof path, "%s/data/plans/example.plan", top ? top : ".");
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
	if (f)
		fclose(f);
	p = NULL;
	tap_ok(n > 0 && wg_plan_parse(buf, n, &p, &err) == WG_OK && p->nrules == 4 &&
	       p->rules[0].boost[FACTOR_HIGH_RISK] == WG_RATE_FULL,
	       "data/plans/example.plan parses: 4 sections, high-risk clinics always drawn");
	wg_plan_free(p);
}

static void test_avoidance(void)
{
	struct wg_plan *plan = plan_of("name = n\nfrom = 2026-01-01\nto = 2026-03-31\n"
				       "inspectors = 2\n[D211]\nratio = 10%\ncomplaint = always\n");
	struct wg_draw_dir *dir = make_dir(300, 20, 9);
	size_t violations = 0, picks = 0, lastchecked = 0;
	bool all_ok = true;
	for (int s = 0; s < 1000; s++) {
		char seed[32];
		struct wg_draw_result *res;
		wg_error err;
		snprintf(seed, sizeof seed, "seed-%d", s);
		if (wg_draw_run(plan, dir, seed, &res, &err) != WG_OK) {
			tap_diag("draw %d failed: %s", s, err.msg);
			all_ok = false;
			break;
		}
		for (size_t i = 0; i < res->npicks; i++) {
			const struct wg_draw_pick *pk = &res->picks[i];
			const struct wg_dir_entity *e = &dir->ent[pk->entity];
			char set[200] = "";
			picks++;
			if (pk->ninsp != 2 || pk->insp[0] == pk->insp[1])
				violations++;
			for (unsigned k = 0; k < pk->ninsp; k++) {
				const struct wg_dir_inspector *in = &dir->insp[pk->insp[k]];
				if (strcmp(in->grid, e->grid) == 0)
					violations++; /* from the entity's own grid */
				for (size_t c = 0; c < dir->nconf; c++)
					if (strcmp(dir->conf[c].entity, e->id) == 0 &&
					    strcmp(dir->conf[c].officer, in->id) == 0)
						violations++; /* declared conflict */
				snprintf(set + strlen(set), sizeof set - strlen(set), "%s%s",
					 k ? "," : "", in->id);
			}
			for (size_t l = 0; l < dir->nlast; l++)
				if (strcmp(dir->last[l].entity, e->id) == 0) {
					lastchecked++;
					if (strcmp(dir->last[l].inspectors, set) == 0)
						violations++; /* same pair as last time */
				}
		}
		wg_draw_result_free(res);
	}
	tap_ok(all_ok, "1,000 seeded draws ran");
	tap_is_int((long)violations, 0,
		   "回避 holds in every pick (%zu picks, %zu with a last pair): never the entity's "
		   "own grid, never a declared conflict, never the last pair", picks, lastchecked);
	tap_ok(lastchecked > 1000, "the last-pair rule was exercised");
	wg_draw_dir_free(dir);
	wg_plan_free(plan);
}

static void test_rates_and_repeat(void)
{
	/* 1000 entities, 100 with a complaint drawn at 30%, the rest at 5% */
	struct wg_plan *plan = plan_of("name = n\nfrom = 2026-01-01\nto = 2026-03-31\n"
				       "[D211]\nratio = 5%\ncomplaint = 30%\n");
	struct wg_draw_dir *dir = make_dir(1000, 100, 12);
	unsigned *hits = calloc(dir->nent, sizeof *hits);
	const int runs = 1000;
	bool exact = true;
	for (int s = 0; s < runs; s++) {
		char seed[32];
		struct wg_draw_result *res;
		wg_error err;
		snprintf(seed, sizeof seed, "rate-%d", s);
		if (wg_draw_run(plan, dir, seed, &res, &err) != WG_OK) {
			tap_diag("%s", err.msg);
			exact = false;
			break;
		}
		size_t boosted = 0;
		for (size_t i = 0; i < res->npicks; i++) {
			hits[res->picks[i].entity]++;
			boosted += dir->ent[res->picks[i].entity].flags != 0;
		}
		exact &= boosted == 30 && res->npicks - boosted == 45;
		wg_draw_result_free(res);
	}
	tap_ok(exact, "every draw takes exactly 30%% of the 100 risky and 5%% of the 900 others");
	/* Each risky entity's own frequency: binomial(1000, 0.3), sd 14.5; 5 sd bounds. */
	unsigned lo = 1000, hi = 0, nlo = 1000, nhi = 0;
	double sum = 0;
	for (size_t i = 0; i < dir->nent; i++) {
		if (i < 100) {
			lo = hits[i] < lo ? hits[i] : lo;
			hi = hits[i] > hi ? hits[i] : hi;
			sum += hits[i];
		} else {
			nlo = hits[i] < nlo ? hits[i] : nlo;
			nhi = hits[i] > nhi ? hits[i] : nhi;
		}
	}
	tap_ok(lo >= 228 && hi <= 372,
	       "each risky entity drawn at 30%% within 5 sd over %d draws (min %u, max %u)", runs,
	       lo, hi);
	tap_ok(fabs(sum / 100.0 / runs - 0.30) < 0.01, "mean rate of risky entities %.4f",
	       sum / 100.0 / runs);
	tap_ok(nlo >= 15 && nhi <= 85,
	       "each other entity drawn at 5%% within 5 sd (min %u, max %u)", nlo, nhi);
	free(hits);

	/* Same inputs, same bytes; another seed, another draw. */
	struct wg_draw_result *a, *b, *c;
	wg_error err;
	wg_draw_run(plan, dir, "2026-11-22", &a, &err);
	wg_draw_run(plan, dir, "2026-11-22", &b, &err);
	wg_draw_run(plan, dir, "2026-11-23", &c, &err);
	tap_ok(a->text.len == b->text.len && memcmp(a->text.buf, b->text.buf, a->text.len) == 0,
	       "the same seed gives the same result, byte for byte");
	tap_ok(strcmp(a->result_sha256, c->result_sha256) != 0, "another seed gives another result");

	/* Verify: genuine passes; a changed pick, a changed directory line fail. */
	strbuf rep = STRBUF_INIT;
	tap_is_int(wg_draw_verify(a->text.buf, a->text.len, NULL, &rep, &err), WG_OK,
		   "verify accepts the genuine result");
	char *t = strdup(a->text.buf);
	char *pick = strstr(t, "\npick ");
	pick[7] = pick[7] == '0' ? '1' : '0';
	sb_reset(&rep);
	tap_is_int(wg_draw_verify(t, strlen(t), NULL, &rep, &err), WG_EINPUT,
		   "verify refuses a result with a changed pick");
	free(t);
	/* Claim an entity had a complaint, and fix up the result's own fingerprint. */
	strbuf forged = STRBUF_INIT;
	const char *dash = strstr(a->text.buf, " -\n");
	sb_add(&forged, a->text.buf, (size_t)(dash - a->text.buf));
	sb_adds(&forged, " complaint\n");
	const char *rest = dash + 3, *tail = strstr(rest, "result-sha256 ");
	sb_add(&forged, rest, (size_t)(tail - rest));
	char fp[65];
	wg_sha256_hex(forged.buf, forged.len, fp);
	sb_addf(&forged, "result-sha256 %s\n", fp);
	sb_reset(&rep);
	tap_is_int(wg_draw_verify(forged.buf, forged.len, NULL, &rep, &err), WG_EINPUT,
		   "verify refuses a forged directory even with a recomputed fingerprint");
	tap_ok(strstr(sb_str(&rep), "directory fingerprint") != NULL,
	       "  and says the directory does not match its fingerprint");
	sb_release(&forged);
	sb_release(&rep);
	wg_draw_result_free(a);
	wg_draw_result_free(b);
	wg_draw_result_free(c);

	/* Impossible: more inspectors than the directory has. */
	struct wg_plan *six = plan_of("name = n\nfrom = 2026-01-01\nto = 2026-03-31\n"
				      "inspectors = 6\n[D211]\nratio = 5%\n");
	struct wg_draw_dir *small = make_dir(50, 0, 5);
	tap_is_int(wg_draw_run(six, small, "x", &a, &err), WG_EINPUT,
		   "too few inspectors refused: %s", err.msg);
	struct wg_plan *water = plan_of("name = n\nfrom = 2026-01-01\nto = 2026-03-31\n"
					"[D211]\nratio = 5%\n[W100]\ncount = 1\n");
	tap_is_int(wg_draw_run(water, small, "x", &a, &err), WG_EINPUT,
		   "empty category refused: %s", err.msg);
	wg_plan_free(six);
	wg_plan_free(water);
	wg_draw_dir_free(small);
	wg_draw_dir_free(dir);
	wg_plan_free(plan);
}

int main(void)
{
	test_vectors();
	test_plans();
	test_avoidance();
	test_rates_and_repeat();
	return tap_exit();
}

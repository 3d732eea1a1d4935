/* Checklists, points and risk rule files: every shipped file parses, and
 * malformed files are refused with file and line. */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "datafile.h"
#include "points.h"
#include "record.h"
#include "risk.h"
#include "strbuf.h"
#include "tap.h"

static const char *const head =
	"@checklist t\n@title 测试表 | Test\n@kind inspection\n@categories D211\n";

static void refused(const char *body, const char *want, const char *what)
{
	strbuf sb = STRBUF_INIT;
	wg_checklist *cl = NULL;
	wg_error err = {0};
	sb_adds(&sb, head);
	sb_adds(&sb, body);
	int rc = wg_checklist_parse("t.txt", sb.buf, sb.len, &cl, &err);
	tap_ok(rc == WG_EINPUT && cl == NULL && strstr(err.msg, want) != NULL, "refused: %s (%s)",
	       what, err.msg);
	sb_release(&sb);
}

int main(void)
{
	wg_error err;
	wg_points_rules *points;
	wg_risk_rules *risk;

	/* shipped rules */
	if (wg_points_rules_load(NULL, &points, &err) != WG_OK) {
		tap_ok(false, "points rules parse: %s", err.msg);
		return tap_exit();
	}
	tap_ok(true, "data/rules/points parses (%zu rules)", points->nrules);
	tap_is_int((long)points->nbands, 3, "three bands");
	tap_is_int(points->bands[0].threshold, 12, "first band at 12");
	tap_is_int(points->bands[2].threshold, 24, "last band at 24");
	tap_is_int(points->cycle, CYCLE_YEAR, "calendar-year cycle");
	tap_is_int(wg_risk_rules_load(NULL, &risk, &err), WG_OK, "data/rules/risk parses");
	wg_risk_rules_free(risk);
	/* Guizhou's 3-year renewal cycle beside the 1-year one */
	tap_is_int((long)points->nextra, 1, "a further cycle");
	tap_ok(points->nextra == 1 && points->extra[0].cycle == CYCLE_RENEWAL &&
		       points->extra[0].cycle_years == 3 && points->extra[0].nbands == 3 &&
		       points->extra[0].bands[0].threshold == 36 &&
		       points->extra[0].bands[1].threshold == 54 &&
		       points->extra[0].bands[2].threshold == 72,
	       "the 3-year renewal cycle at 36/54/72");
	{
		char f[11], t[11];
		wg_points_cycle_of(CYCLE_RENEWAL, 3, "", "2026-02-12", f, t);
		tap_ok(strcmp(f, "2024-01-01") == 0 && strcmp(t, "2026-12-31") == 0,
		       "no licence date: the 3 calendar years ending now (%s..%s)", f, t);
	}

	/* versions: a fact counts with the version in force on its day */
	{
		static const char v1[] = "@rules points\n@effective 2000-01-01\n@scheme a\n@cycle year\n"
					 "@band 12 | 甲 | a\nM-X | 12 | 甲 | a\n";
		static const char v2[] = "@rules points\n@effective 2026-03-01\n@scheme b\n@cycle year\n"
					 "@band 12 | 乙 | b\nM-X | 6 | 乙 | b\n";
		wg_points_rules *a, *b;
		tap_ok(wg_points_rules_parse("v1", v1, sizeof v1 - 1, &a, &err) == WG_OK &&
			       wg_points_rules_parse("v2", v2, sizeof v2 - 1, &b, &err) == WG_OK,
		       "two versions parse (the header lines are skipped)");
		a->version = 1;
		snprintf(a->effective, sizeof a->effective, "2000-01-01");
		b->version = 2;
		snprintf(b->effective, sizeof b->effective, "2026-03-01");
		b->versions = xcalloc(2, sizeof *b->versions);
		b->versions[0] = a;
		b->versions[1] = b;
		b->nversions = 2;
		tap_ok(wg_points_rules_for(b, "2026-02-28") == a, "the day before: version 1");
		tap_ok(wg_points_rules_for(b, "2026-03-01") == b, "the effective day: version 2");
		tap_ok(wg_points_rules_for(b, "1999-01-01") == a, "before them all: the oldest");
		b->recomputes = xcalloc(1, sizeof *b->recomputes);
		b->recomputes[0].version = 2;
		snprintf(b->recomputes[0].since, sizeof b->recomputes[0].since, "2026-01-01");
		b->nrecomputes = 1;
		tap_ok(wg_points_rules_for(b, "2026-02-28") == b, "recomputed from 1 January: version 2");
		tap_ok(wg_points_rules_for(b, "2025-12-31") == a, "but not the facts before");
		wg_points_rules_free(b);
	}
	{
		static const char bad[] = "@scheme a\n@cycle year\n@cycle renewal | 3\n@band 12 | 甲 | a\nM-X | 1 | 甲 | a\n";
		wg_points_rules *p;
		tap_ok(wg_points_rules_parse("bad", bad, sizeof bad - 1, &p, &err) != WG_OK &&
			       strstr(err.msg, "bad:3:"),
		       "a further cycle before the first one's bands is refused: %s", err.msg);
	}

	/* cycles */
	char from[11], to[11];
	wg_points_cycle(points, "2027-06-30", "2026-02-12", from, to);
	tap_ok(strcmp(from, "2026-01-01") == 0 && strcmp(to, "2026-12-31") == 0, "year cycle %s..%s",
	       from, to);
	points->cycle = CYCLE_LICENCE;
	wg_points_cycle(points, "2027-06-30", "2026-02-12", from, to);
	tap_ok(strcmp(from, "2025-06-30") == 0 && strcmp(to, "2026-06-29") == 0,
	       "licence cycle %s..%s", from, to);
	wg_points_cycle(points, "", "2026-02-12", from, to);
	tap_ok(strcmp(from, "2026-01-01") == 0, "no licence date: calendar year");
	points->cycle = CYCLE_RENEWAL;
	points->cycle_years = 3;
	wg_points_cycle(points, "2027-06-30", "2026-02-12", from, to);
	tap_ok(strcmp(from, "2024-06-30") == 0 && strcmp(to, "2027-06-29") == 0,
	       "3-year renewal cycle %s..%s", from, to);
	points->cycle = CYCLE_YEAR;

	/* every shipped checklist parses and names known violation codes */
	char *dir = wg_data_path("checklists");
	DIR *d = opendir(dir);
	size_t nfiles = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name), *buf;
		size_t len;
		wg_checklist *cl = NULL;
		int rc = wg_read_file_buf(path, 1 << 20, &buf, &len, &err);
		if (rc == WG_OK) {
			rc = wg_checklist_parse(path, buf, len, &cl, &err);
			free(buf);
		}
		bool codes = true;
		for (size_t i = 0; cl && i < cl->nitems; i++)
			if (cl->items[i].violation && !wg_points_rule_find(points, cl->items[i].violation))
				codes = false;
		tap_ok(rc == WG_OK && codes, "%s parses (%zu items)%s%s", e->d_name, cl ? cl->nitems : 0,
		       rc ? ": " : "", rc ? err.msg : "");
		wg_checklist_free(cl);
		free(path);
		nfiles++;
	}
	if (d)
		closedir(d);
	free(dir);
	tap_ok(nfiles >= 22, "%zu checklists shipped", nfiles);
	wg_points_rules_free(points);

	/* a checklist record survives its canonical text form (what sync writes) */
	{
		char *path = wg_data_path("checklists/clinic.txt"), *buf;
		size_t len;
		wg_record *rec = wg_record_new(&wg_kind_checklist), *back = NULL;
		tap_is_int(wg_read_file_buf(path, 1 << 20, &buf, &len, &err), WG_OK, "read clinic.txt");
		while (len && buf[len - 1] == '\n')
			buf[--len] = '\0';
		wg_record_put(rec, 0, "0123456789abcdef0123456789abcdef");
		wg_record_put(rec, wg_field_index(&wg_kind_checklist, "code"), "clinic");
		wg_record_put(rec, wg_field_index(&wg_kind_checklist, "version"), "1");
		wg_record_put(rec, wg_field_index(&wg_kind_checklist, "title"), "诊所、村卫生室监督检查表");
		wg_record_put(rec, wg_field_index(&wg_kind_checklist, "body"), buf);
		wg_record_put(rec, wg_field_index(&wg_kind_checklist, "created"), "2026-02-12T02:00:00Z");
		tap_is_int(wg_record_check(rec, &err), WG_OK, "the checklist record is valid");
		strbuf text = STRBUF_INIT;
		wg_record_serialize(rec, &text);
		tap_is_int(wg_record_parse(text.buf, text.len, &back, &err), WG_OK,
			   "its canonical text parses");
		tap_ok(back && wg_record_equal(rec, back), "and gives the same record");
		sb_release(&text);
		wg_record_free(back);
		wg_record_free(rec);
		free(buf);
		free(path);
	}

	/* a good one */
	const char *ok = "A1 | key | M-STAFF | 10 | 内容 | Label | 依据\nA2 | - | - | - | 内容二 | Label 2 | 依据\n";
	strbuf sb = STRBUF_INIT;
	wg_checklist *cl;
	sb_adds(&sb, head);
	sb_adds(&sb, ok);
	tap_is_int(wg_checklist_parse("t.txt", sb.buf, sb.len, &cl, &err), WG_OK, "a small checklist parses");
	tap_is_int((long)cl->nitems, 2, "two items");
	tap_ok(cl->items[0].key && cl->items[0].rectify_days == 10 &&
	       strcmp(cl->items[0].violation, "M-STAFF") == 0, "item 1: key, 10 days, M-STAFF");
	tap_ok(!cl->items[1].key && cl->items[1].rectify_days == 0 && !cl->items[1].violation,
	       "item 2: plain, no deadline, no points");
	tap_ok(cl->items[0].against == AGAINST_NONE && cl->items[1].against == AGAINST_NONE,
	       "seven fields: checked against nothing");
	wg_checklist_free(cl);
	sb_release(&sb);
	/* the optional 8th field: what an item is checked against on site */
	sb_adds(&sb, head);
	sb_adds(&sb, "A1 | - | - | - | 科目 | Services | 依据 | scope\nA2 | - | - | - | 人员 | Staff | 依据 | staff\n");
	tap_is_int(wg_checklist_parse("t.txt", sb.buf, sb.len, &cl, &err), WG_OK, "scope and staff items parse");
	tap_ok(cl && cl->items[0].against == AGAINST_SCOPE && cl->items[1].against == AGAINST_STAFF,
	       "  checked against the registered services, and the practitioners");
	wg_checklist_free(cl);
	sb_release(&sb);

	/* malformed: line numbers count from the top of the file (head is 4 lines) */
	refused("A1 | key | - | 10 | 内容 | Label\n", "t.txt:5:", "six fields");
	refused("A1 | key | - | 10 | 内容 | Label | 依据 | extra\n", "t.txt:5:", "an 8th field neither scope nor staff");
	refused("A1 | key | - | 10 | 内容 | Label | 依据 | staff | x\n", "t.txt:5:", "nine fields");
	refused("A1 | yes | - | 10 | 内容 | Label | 依据\n", "t.txt:5:", "key field not key or -");
	refused("a1 | - | - | 10 | 内容 | Label | 依据\n", "t.txt:5:", "lower-case item code");
	refused("A1 | - | - | 0 | 内容 | Label | 依据\n", "t.txt:5:", "zero days");
	refused("A1 | - | - | ten | 内容 | Label | 依据\n", "t.txt:5:", "days not a number");
	refused("A1 | - | m-staff | 5 | 内容 | Label | 依据\n", "t.txt:5:", "bad violation code");
	refused("A1 | - | - | 5 | 内容 | Label | 依据\nA1 | - | - | 5 | 内容 | Label | 依据\n", "t.txt:6:",
		"duplicate item code");
	refused("A1 | - | - | 5 |  | Label | 依据\n", "t.txt:5:", "empty text");
	refused("A1 | - | - | 5 | 内容\t| Label | 依据\n", "t.txt:5:", "a tab");
	refused("\n@colour red\n", "t.txt:6:", "unknown directive");
	refused("A1 | - | - | 5 | 内容 | Label | 依据", "t.txt:5:", "no final line break");
	refused("A1 | - | - | 5 | \xff | Label | 依据\n", "t.txt:5:", "invalid UTF-8");
	refused("", "at least one item", "no items");
	refused(" A1 | - | - | 5 | 内容 | Label | 依据\n", "t.txt:5:", "leading space");
	refused("@kind patrol\n", "t.txt:5:", "@kind twice");

	const char *nohead = "@checklist t\n@kind patrol\n@categories D211\nA1 | - | - | 5 | 内容 | L | B\n";
	cl = NULL;
	tap_ok(wg_checklist_parse("t.txt", nohead, strlen(nohead), &cl, &err) == WG_EINPUT &&
	       strstr(err.msg, "@title"), "no @title refused (%s)", err.msg);
	const char *badcat = "@checklist t\n@title T | T\n@kind patrol\n@categories D211 Z999\n";
	tap_ok(wg_checklist_parse("t.txt", badcat, strlen(badcat), &cl, &err) == WG_EINPUT &&
	       strstr(err.msg, "t.txt:4:") && strstr(err.msg, "Z999"), "unknown category refused (%s)",
	       err.msg);

	/* malformed rule files */
	const char *badpts = "@scheme s\n@cycle year\n@band 12 | a | b\n@band 12 | c | d\nX1 | 2 | a | b\n";
	wg_points_rules *pr = NULL;
	tap_ok(wg_points_rules_parse("p", badpts, strlen(badpts), &pr, &err) == WG_EINPUT &&
	       strstr(err.msg, "p:4:"), "points bands out of order refused (%s)", err.msg);
	const char *badpts2 = "@scheme s\n@cycle weekly\n";
	tap_ok(wg_points_rules_parse("p", badpts2, strlen(badpts2), &pr, &err) == WG_EINPUT &&
	       strstr(err.msg, "p:2:"), "unknown cycle refused (%s)", err.msg);
	const char *badrisk = "@base spaceship | 10\n";
	wg_risk_rules *rr = NULL;
	tap_ok(wg_risk_rules_parse("r", badrisk, strlen(badrisk), &rr, &err) == WG_EINPUT &&
	       strstr(err.msg, "r:1:"), "unknown risk group refused (%s)", err.msg);
	return tap_exit();
}

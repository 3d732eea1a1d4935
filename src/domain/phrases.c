#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "db.h"
#include "phrases.h"
#include "query.h"
#include "strbuf.h"
#include "utf8.h"

static bool is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	       (c >= 0xf900 && c <= 0xfaff);
}

/* Append the runs of Chinese characters of s, one a line; a run of one
 * character is no phrase and is left out. */
static void add_runs(strbuf *sb, size_t *nruns, const char *s)
{
	size_t n = strlen(s), start = sb->len, chars = 0;
	while (n > 0) {
		uint32_t c;
		size_t used = utf8_decode(s, n, &c);
		if (is_han(c)) {
			sb_add(sb, s, used);
			chars++;
		} else if (chars > 0) {
			if (chars > 1) {
				sb_add(sb, "\n", 1);
				(*nruns)++;
				start = sb->len;
			} else {
				sb->len = start;
			}
			chars = 0;
		}
		s += used;
		n -= used;
	}
	if (chars > 1) {
		sb_add(sb, "\n", 1);
		(*nruns)++;
	} else {
		sb->len = start;
	}
	if (sb->buf)
		sb->buf[sb->len] = 0;
}

static int add_checklists(sqlite3 *db, strbuf *sb, size_t *nruns, wg_error *err)
{
	wg_records r = {0};
	int rc = wg_checklist_records(db, true, &r, err);
	for (size_t i = 0; i < r.n && rc == WG_OK; i++) {
		char ref[128];
		wg_checklist *cl;
		snprintf(ref, sizeof ref, "%s@%s", wg_record_get(r.v[i], "code"),
			 wg_record_get(r.v[i], "version"));
		if ((rc = wg_checklist_load(db, ref, &cl, err)))
			break;
		add_runs(sb, nruns, cl->title);
		for (size_t k = 0; k < cl->nitems; k++)
			add_runs(sb, nruns, cl->items[k].text);
		wg_checklist_free(cl);
	}
	wg_records_free(&r);
	return rc;
}

/* What was written before, newest first. */
static int add_written(sqlite3 *db, strbuf *sb, size_t *nruns, wg_error *err)
{
	static const char sql[] =
		"SELECT t FROM (SELECT text AS t, found AS at FROM finding"
		" UNION ALL SELECT note, found FROM finding WHERE note <> ''"
		" UNION ALL SELECT note, '' FROM result WHERE note <> ''"
		" UNION ALL SELECT summary, started FROM inspection WHERE summary <> '')"
		" WHERE t IS NOT NULL ORDER BY at DESC LIMIT ?1";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_int(st, 1, WG_PHRASES_WRITTEN_MAX);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		add_runs(sb, nruns, (const char *)sqlite3_column_text(st, 0));
	int rc = s == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_finalize(st);
	return rc;
}

int wg_phrases_collect(sqlite3 *db, wg_phrases *out, wg_error *err)
{
	strbuf sb = STRBUF_INIT;
	size_t nruns = 0;
	memset(out, 0, sizeof *out);
	int rc = add_checklists(db, &sb, &nruns, err);
	if (rc == WG_OK)
		rc = add_written(db, &sb, &nruns, err);
	if (rc) {
		sb_release(&sb);
		return rc;
	}
	out->len = sb.len;
	out->nruns = nruns;
	out->text = sb_detach(&sb);
	return WG_OK;
}

void wg_phrases_free(wg_phrases *p)
{
	free(p->text);
	memset(p, 0, sizeof *p);
}

size_t wg_phrases_count(const wg_phrases *p, const char *word)
{
	size_t n = 0, wl = strlen(word);
	if (!p->text || wl == 0)
		return 0;
	for (const char *s = p->text; (s = strstr(s, word)) != NULL; s += wl)
		n++;
	return n;
}

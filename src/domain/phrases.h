/* What an officer is likely to type: the item texts of the checklists and the
 * notes, problems and summaries written before in this workspace, cut into
 * runs of Chinese characters at punctuation, digits and Latin letters. The
 * pinyin input of the screens offers their words first. */
#ifndef WG_PHRASES_H
#define WG_PHRASES_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"

/* The most recent written texts taken (notes, problems, summaries). */
#define WG_PHRASES_WRITTEN_MAX 2000

typedef struct wg_phrases {
	/* every run, one a line ("医疗废物分类收集\n专用容器\n..."), a run as
	 * often as it was written: counting a word in it counts its use */
	char *text;
	size_t len, nruns;
} wg_phrases;

int wg_phrases_collect(sqlite3 *db, wg_phrases *out, wg_error *err);
void wg_phrases_free(wg_phrases *p);
/* How often the word occurs in the runs. */
size_t wg_phrases_count(const wg_phrases *p, const char *word);

#endif

/* Tables for command output: aligned by display width (CJK takes two columns),
 * or TSV/CSV for scripts and spreadsheets. */
#ifndef WG_TABLE_H
#define WG_TABLE_H

#include <stddef.h>

#include "strbuf.h"

enum wg_table_format { TABLE_TEXT, TABLE_TSV, TABLE_CSV };

typedef struct wg_table {
	size_t ncols, nrows, alloc;
	char **cells; /* row-major, row 0 is the header */
} wg_table;

/* Parse "table", "tsv" or "csv"; returns -1 for anything else. */
int wg_table_format_parse(const char *s);
wg_table *wg_table_new(size_t ncols, const char *const *headers);
/* Append a row of ncols cells (copied; NULL counts as ""). */
void wg_table_add(wg_table *t, const char *const *cells);
void wg_table_render(const wg_table *t, enum wg_table_format fmt, strbuf *out);
void wg_table_free(wg_table *t);

/* Append s padded with spaces to exactly cols display columns, cutting it (at a
 * character boundary, with "…" when room) if it is wider. */
void wg_pad(strbuf *out, const char *s, size_t cols);

#endif

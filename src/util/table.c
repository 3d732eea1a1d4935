#include <config.h>

#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "table.h"
#include "utf8.h"

int wg_table_format_parse(const char *s)
{
	if (strcmp(s, "table") == 0)
		return TABLE_TEXT;
	if (strcmp(s, "tsv") == 0)
		return TABLE_TSV;
	if (strcmp(s, "csv") == 0)
		return TABLE_CSV;
	return -1;
}

wg_table *wg_table_new(size_t ncols, const char *const *headers)
{
	wg_table *t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	wg_table_add(t, headers);
	return t;
}

void wg_table_add(wg_table *t, const char *const *cells)
{
	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 16;
		t->cells = xrealloc(t->cells, t->alloc * t->ncols * sizeof *t->cells);
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
	t->nrows++;
}

void wg_table_free(wg_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

/* Control characters never reach the terminal: shown as U+FFFD-like "?" cells. */
static void add_clean(strbuf *out, const char *s, size_t n, char replace_nl)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == '\n' || cp == '\t')
			sb_addc(out, replace_nl);
		else if (cp_width(cp) < 0 || cp_unsafe(cp) || (cp == UTF8_REPLACEMENT && k == 1))
			sb_adds(out, "\xEF\xBF\xBD");
		else
			sb_add(out, s + i, k);
		i += k;
	}
}

void wg_pad(strbuf *out, const char *s, size_t cols)
{
	size_t w = str_width(s);
	if (w <= cols) {
		add_clean(out, s, strlen(s), ' ');
		for (; w < cols; w++)
			sb_addc(out, ' ');
		return;
	}
	if (cols == 0)
		return;
	size_t used;
	size_t bytes = str_fit(s, cols - 1, &used);
	add_clean(out, s, bytes, ' ');
	sb_adds(out, "\xE2\x80\xA6"); /* … is one column */
	for (used++; used < cols; used++)
		sb_addc(out, ' ');
}

static void render_text(const wg_table *t, strbuf *out)
{
	size_t *width = xcalloc(t->ncols, sizeof *width);
	const size_t max_col = 40;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t w = str_width(t->cells[r * t->ncols + c]);
			if (w > max_col)
				w = max_col;
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		strbuf line = STRBUF_INIT;
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sb_adds(&line, "  ");
			wg_pad(&line, t->cells[r * t->ncols + c], width[c]);
		}
		/* no trailing spaces */
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		sb_add(out, sb_str(&line), line.len);
		sb_addc(out, '\n');
		sb_release(&line);
	}
	free(width);
}

/* A cell a spreadsheet would run as a formula (= + - @ first, or a tab or
 * carriage return) gets a leading apostrophe; a plain number stays one. */
static bool formula_like(const char *v)
{
	if (!strchr("=+-@\t\r", *v) || !*v)
		return false;
	const char *p = v + (*v == '+' || *v == '-');
	size_t digits = strspn(p, "0123456789");
	if (digits && (!p[digits] || (p[digits] == '.' && p[digits + 1] &&
				      strspn(p + digits + 1, "0123456789") == strlen(p + digits + 1))))
		return false;
	return true;
}

static void render_sep(const wg_table *t, strbuf *out, bool csv)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];
			strbuf cell = STRBUF_INIT;
			if (c)
				sb_addc(out, csv ? ',' : '\t');
			if (r > 0 && formula_like(v))
				sb_addc(&cell, '\'');
			/* control characters escaped; a CSV cell keeps its line breaks */
			if (csv)
				wg_term_clean(&cell, v, strlen(v), true);
			else
				add_clean(&cell, v, strlen(v), ' ');
			v = sb_str(&cell);
			if (csv && strpbrk(v, ",\"\n\r\t")) {
				sb_addc(out, '"');
				for (const char *p = v; *p; p++) {
					if (*p == '"')
						sb_addc(out, '"');
					sb_addc(out, *p);
				}
				sb_addc(out, '"');
			} else {
				sb_adds(out, v);
			}
			sb_release(&cell);
		}
		sb_adds(out, csv ? "\r\n" : "\n");
	}
}

void wg_table_render(const wg_table *t, enum wg_table_format fmt, strbuf *out)
{
	if (fmt == TABLE_TEXT)
		render_text(t, out);
	else
		render_sep(t, out, fmt == TABLE_CSV);
}

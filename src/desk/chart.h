/* Rendering reports: bar charts as text lines for a terminal (block
 * characters, measured in display columns), CSV, and a printable HTML page
 * with inline SVG (no script, no network). */
#ifndef WG_CHART_H
#define WG_CHART_H

#include <stddef.h>

#include "report.h"
#include "strbuf.h"
#include "table.h"

/* A chart as lines of at most width display columns (width >= 40); the caller
 * frees each line and the array. Both the CLI and the full-screen program show
 * these lines. */
size_t wg_chart_lines(const struct wg_chart *c, size_t width, char ***lines);
/* The whole report as text, charts one after another. */
void wg_report_text(const struct wg_report *rep, size_t width, strbuf *out);
/* CSV: chart, row, series, value; one line per value. */
void wg_report_csv(const struct wg_report *rep, strbuf *out);
/* A standalone HTML page (well-formed XML too) with one SVG chart and one data
 * table per chart. */
void wg_report_html(const struct wg_report *rep, const char *county, strbuf *out);

/* A standalone HTML page (well-formed XML) holding one table, row 0 the header. */
void wg_html_table_page(const char *title, const wg_table *t, strbuf *out);

#endif

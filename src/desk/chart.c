#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "html.h"
#include "i18n.h"
#include "table.h"
#include "utf8.h"

/* Series 0 is drawn in eighth blocks; the others in shades, whole cells. */
static const char *const eighths[9] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
static const char *const shades[WG_CHART_MAX_SERIES] = {"█", "▒", "░", "▓"};

static void format_value(const struct wg_chart *c, double v, char out[32])
{
	if (c->percent)
		snprintf(out, 32, "%.0f%%", v);
	else
		snprintf(out, 32, "%.0f", v);
}

static double chart_max(const struct wg_chart *c)
{
	double max = c->percent ? 100.0 : 1.0;
	for (size_t i = 0; i < c->nrows * c->nseries; i++)
		if (c->values[i] > max)
			max = c->values[i];
	return max;
}

static void push(char ***lines, size_t *n, strbuf *line)
{
	while (line->len && line->buf[line->len - 1] == ' ')
		line->buf[--line->len] = '\0';
	*lines = xrealloc(*lines, (*n + 1) * sizeof **lines);
	(*lines)[(*n)++] = sb_detach(line);
}

size_t wg_chart_lines(const struct wg_chart *c, size_t width, char ***lines)
{
	strbuf line = STRBUF_INIT;
	size_t n = 0, labelw = 0, valw = 1;
	char val[32];

	*lines = NULL;
	if (width < 40)
		width = 40;
	wg_pad(&line, c->title, width);
	push(lines, &n, &line);
	if (c->note) {
		wg_pad(&line, c->note, width);
		push(lines, &n, &line);
	}
	if (c->nseries > 1) {
		for (size_t s = 0; s < c->nseries; s++)
			sb_addf(&line, "%s%s %s", s ? "  " : "", shades[s], c->series[s]);
		strbuf cut = STRBUF_INIT;
		wg_pad(&cut, sb_str(&line), width);
		sb_reset(&line);
		push(lines, &n, &cut);
	}
	if (c->nrows == 0) {
		sb_adds(&line, _("(no data)"));
		push(lines, &n, &line);
		return n;
	}
	for (size_t r = 0; r < c->nrows; r++) {
		size_t w = str_width(c->labels[r]);
		if (w > labelw)
			labelw = w;
		for (size_t s = 0; s < c->nseries; s++) {
			format_value(c, c->values[r * c->nseries + s], val);
			if (strlen(val) > valw)
				valw = strlen(val);
		}
	}
	if (labelw > width * 2 / 5)
		labelw = width * 2 / 5;
	size_t barw = width - labelw - 2 - 1 - valw;
	double max = chart_max(c);
	for (size_t r = 0; r < c->nrows; r++) {
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->values[r * c->nseries + s];
			wg_pad(&line, s == 0 ? c->labels[r] : "", labelw);
			sb_adds(&line, "  ");
			size_t used;
			if (s == 0) {
				size_t e = (size_t)lround(v / max * (double)(barw * 8));
				for (size_t k = 0; k < e / 8; k++)
					sb_adds(&line, eighths[8]);
				sb_adds(&line, eighths[e % 8]);
				used = e / 8 + (e % 8 ? 1 : 0);
			} else {
				used = (size_t)lround(v / max * (double)barw);
				for (size_t k = 0; k < used; k++)
					sb_adds(&line, shades[s]);
			}
			for (; used < barw; used++)
				sb_addc(&line, ' ');
			format_value(c, v, val);
			sb_addf(&line, " %*s", (int)valw, val);
			push(lines, &n, &line);
		}
	}
	return n;
}

void wg_report_text(const struct wg_report *rep, size_t width, strbuf *out)
{
	sb_addf(out, _("Report for %s to %s\n"), rep->from, rep->to);
	sb_addf(out, _("Overdue as of %s\n"), rep->today);
	for (size_t i = 0; i < rep->ncharts; i++) {
		char **lines;
		size_t n = wg_chart_lines(&rep->charts[i], width, &lines);
		sb_addc(out, '\n');
		for (size_t k = 0; k < n; k++) {
			sb_addf(out, "%s\n", lines[k]);
			free(lines[k]);
		}
		free(lines);
	}
}

static void csv_value(const struct wg_chart *c, double v, char out[32])
{
	if (c->percent)
		snprintf(out, 32, "%.1f", v);
	else
		snprintf(out, 32, "%.0f", v);
}

void wg_report_csv(const struct wg_report *rep, strbuf *out)
{
	const char *head[] = {_("Chart"), _("Row"), _("Series"), _("Value"), _("Unit")};
	wg_table *t = wg_table_new(5, head);
	for (size_t i = 0; i < rep->ncharts; i++) {
		const struct wg_chart *c = &rep->charts[i];
		for (size_t r = 0; r < c->nrows; r++)
			for (size_t s = 0; s < c->nseries; s++) {
				char v[32];
				csv_value(c, c->values[r * c->nseries + s], v);
				const char *row[5] = {c->title, c->labels[r], c->series[s], v,
						      c->percent ? "%" : ""};
				wg_table_add(t, row);
			}
	}
	wg_table_render(t, TABLE_CSV, out);
	wg_table_free(t);
}

static const char *const colours[WG_CHART_MAX_SERIES] = {"#2b6cb0", "#dd6b20", "#9b2c2c",
							 "#4a5568"};

static void svg_chart(const struct wg_chart *c, strbuf *out)
{
	const int labelw = 220, barw = 420, valw = 60, bar = 14, gap = 10, legend = 24;
	const int group = (int)c->nseries * bar + gap;
	const int height = legend + (int)c->nrows * group + 4;
	const int width = labelw + barw + valw;
	double max = chart_max(c);

	sb_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>", width, height, width,
		height);
	wg_html_escape(out, c->title, 0);
	sb_adds(out, "</title>\n");
	for (size_t s = 0; s < c->nseries; s++) {
		int x = labelw + (int)s * 140;
		sb_addf(out, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"15\">", x, colours[s], x + 16);
		wg_html_escape(out, c->series[s], 0);
		sb_adds(out, "</text>\n");
	}
	for (size_t r = 0; r < c->nrows; r++) {
		int y0 = legend + (int)r * group;
		sb_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", labelw - 8,
			y0 + (int)c->nseries * bar / 2 + 4);
		wg_html_escape(out, c->labels[r], 0);
		sb_adds(out, "</text>\n");
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->values[r * c->nseries + s];
			double w = v / max * barw;
			char val[32];
			format_value(c, v, val);
			sb_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
				"<text x=\"%.1f\" y=\"%d\">%s</text>\n", labelw, y0 + (int)s * bar, w,
				bar - 2, colours[s], labelw + w + 4, y0 + (int)s * bar + bar - 3, val);
		}
	}
	sb_adds(out, "</svg>\n");
}

static void html_table(const struct wg_chart *c, strbuf *out)
{
	sb_adds(out, "<table><thead><tr><th></th>");
	for (size_t s = 0; s < c->nseries; s++) {
		sb_adds(out, "<th>");
		wg_html_escape(out, c->series[s], 0);
		sb_adds(out, "</th>");
	}
	sb_adds(out, "</tr></thead><tbody>\n");
	for (size_t r = 0; r < c->nrows; r++) {
		sb_adds(out, "<tr><th>");
		wg_html_escape(out, c->labels[r], 0);
		sb_adds(out, "</th>");
		for (size_t s = 0; s < c->nseries; s++) {
			char v[32];
			format_value(c, c->values[r * c->nseries + s], v);
			sb_addf(out, "<td>%s</td>", v);
		}
		sb_adds(out, "</tr>\n");
	}
	sb_adds(out, "</tbody></table>\n");
}

void wg_report_html(const struct wg_report *rep, const char *county, strbuf *out)
{
	char head[256];
	snprintf(head, sizeof head, _("Supervision report %s to %s"), rep->from, rep->to);
	sb_adds(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
		"<meta charset=\"utf-8\"/>\n<title>");
	wg_html_escape(out, county, 0);
	sb_adds(out, " ");
	wg_html_escape(out, head, 0);
	sb_adds(out, "</title>\n<style>\n"
		"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\","
		" \"Microsoft YaHei\", sans-serif; margin: 2em; color: #1a202c; }\n"
		"svg.chart text { font-size: 12px; font-family: inherit; fill: #1a202c; }\n"
		"table { border-collapse: collapse; margin: 0.5em 0 2em; font-size: 12px; }\n"
		"th, td { border: 1px solid #a0aec0; padding: 2px 8px; }\n"
		"td { text-align: right; }\n"
		"section { page-break-inside: avoid; }\n"
		"@media print { body { margin: 1cm; } }\n"
		"</style>\n</head>\n<body>\n<h1>");
	wg_html_escape(out, county, 0);
	sb_adds(out, "</h1>\n<p>");
	wg_html_escape(out, head, 0);
	sb_adds(out, " · ");
	char asof[128];
	snprintf(asof, sizeof asof, _("overdue as of %s"), rep->today);
	wg_html_escape(out, asof, 0);
	sb_adds(out, "</p>\n");
	for (size_t i = 0; i < rep->ncharts; i++) {
		const struct wg_chart *c = &rep->charts[i];
		sb_adds(out, "<section>\n<h2>");
		wg_html_escape(out, c->title, 0);
		sb_adds(out, "</h2>\n");
		if (c->note) {
			sb_adds(out, "<p>");
			wg_html_escape(out, c->note, 0);
			sb_adds(out, "</p>\n");
		}
		if (c->nrows) {
			svg_chart(c, out);
			html_table(c, out);
		} else {
			sb_adds(out, "<p>");
			wg_html_escape(out, _("(no data)"), 0);
			sb_adds(out, "</p>\n");
		}
		sb_adds(out, "</section>\n");
	}
	sb_adds(out, "</body>\n</html>\n");
}

void wg_html_table_page(const char *title, const wg_table *t, strbuf *out)
{
	sb_adds(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
		"<meta charset=\"utf-8\"/>\n<title>");
	wg_html_escape(out, title, 0);
	sb_adds(out, "</title>\n<style>\n"
		"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\","
		" \"Microsoft YaHei\", sans-serif; margin: 2em; }\n"
		"table { border-collapse: collapse; font-size: 13px; }\n"
		"th, td { border: 1px solid #a0aec0; padding: 2px 8px; }\n"
		"</style>\n</head>\n<body>\n<h1>");
	wg_html_escape(out, title, 0);
	sb_adds(out, "</h1>\n<table>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		sb_adds(out, r == 0 ? "<thead><tr>" : "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			sb_adds(out, r == 0 ? "<th>" : "<td>");
			wg_html_escape(out, t->cells[r * t->ncols + c], 0);
			sb_adds(out, r == 0 ? "</th>" : "</td>");
		}
		sb_adds(out, r == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
	}
	sb_adds(out, "</tbody>\n</table>\n</body>\n</html>\n");
}

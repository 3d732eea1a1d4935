/* Charts: text lines fit the width in display columns (Chinese labels take two
 * columns a character), bars are proportional, HTML is escaped. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "report.h"
#include "tap.h"
#include "utf8.h"

static struct wg_chart make(bool percent, size_t nseries)
{
	static const char *labels[] = {"中山乡第一网格（人民路以东、解放路以北）", "东湖镇", "A&B <x>",
				       "g"};
	static const double vals[] = {100, 40, 0, 12.5, 3, 7, 55, 1, 2, 0, 0, 0};
	struct wg_chart c = {0};
	c.title = "覆盖率 coverage per grid, a long title that will not fit in forty columns";
	c.note = "说明";
	c.percent = percent;
	c.nseries = nseries;
	for (size_t s = 0; s < nseries; s++)
		c.series[s] = s ? "巡查 patrolled" : "检查 inspected";
	c.nrows = 4;
	c.labels = (char **)labels;
	c.values = malloc(c.nrows * nseries * sizeof *c.values);
	for (size_t i = 0; i < c.nrows * nseries; i++)
		c.values[i] = vals[i % 12];
	return c;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

int main(void)
{
	for (size_t series = 1; series <= 3; series++) {
		struct wg_chart c = make(series == 1, series);
		bool fits = true;
		for (size_t width = 40; width <= 120; width += 7) {
			char **lines;
			size_t n = wg_chart_lines(&c, width, &lines);
			for (size_t i = 0; i < n; i++) {
				fits &= str_width(lines[i]) <= width && utf8_valid(lines[i], strlen(lines[i]));
				free(lines[i]);
			}
			free(lines);
		}
		tap_ok(fits, "%zu series: every line fits 40..120 columns and is valid UTF-8", series);
		free(c.values);
	}

	/* Percent chart at 80 columns: 100% fills the bar, 0% draws nothing. */
	struct wg_chart c = make(true, 1);
	char **lines;
	size_t n = wg_chart_lines(&c, 80, &lines);
	const char *full = NULL, *empty = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strstr(lines[i], "100%"))
			full = lines[i];
		if (strstr(lines[i], "A&B"))
			empty = lines[i];
	}
	tap_ok(full && str_width(full) == 80, "the 100%% row spans the full width");
	size_t blocks = full ? count(full, "█") : 0;
	tap_ok(blocks > 40, "  with a bar of %zu whole blocks", blocks);
	tap_ok(empty && !strstr(empty, "█") && strstr(empty, " 0%"), "the 0%% row has no bar");
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);

	/* HTML: labels escaped, one svg per chart. */
	struct wg_report rep = {.from = "2026-11-01", .to = "2026-11-30", .today = "2026-11-22"};
	rep.charts = &c;
	rep.ncharts = 1;
	strbuf html = STRBUF_INIT, csv = STRBUF_INIT;
	wg_report_html(&rep, "示范县 <&>", &html);
	tap_ok(strstr(sb_str(&html), "A&amp;B &lt;x&gt;") != NULL, "labels are escaped in HTML");
	tap_ok(!strstr(sb_str(&html), "<x>") && !strstr(sb_str(&html), "<&>"),
	       "no raw markup from data");
	tap_is_int((long)count(sb_str(&html), "<svg "), 1, "one SVG chart");
	tap_ok(!strstr(sb_str(&html), "<script"), "no script");
	wg_report_csv(&rep, &csv);
	tap_ok(strstr(sb_str(&csv), "\"覆盖率 coverage per grid, a long title that will not fit in "
				   "forty columns\",A&B <x>,检查 inspected,0.0,%") != NULL,
	       "CSV rows carry chart (quoted: it has a comma), label, series, value and unit");
	sb_release(&html);
	sb_release(&csv);
	free(c.values);
	return tap_exit();
}

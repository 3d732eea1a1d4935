/* Screen geometry in plain arithmetic (no curses), unit-tested: where the title,
 * body, message line and key bar go, how wide each list column is, where each
 * key of the bar sits, and how a list scrolls. */
#ifndef WG_LAYOUT_H
#define WG_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TUI_MIN_COLS 50
#define TUI_MIN_ROWS 16

struct layout {
	int rows, cols;
	bool too_small;
	int title_row;          /* 0 */
	int body_top, body_rows;
	int message_row;        /* search line, messages */
	int bar_row;            /* function keys */
};

void layout_compute(struct layout *l, int rows, int cols);

/* List columns: each gets at least min columns and at most max (0: no limit);
 * the columns with weight share what is left. One space between columns.
 * Writes widths[] and x[]; returns the number of columns shown (columns that
 * do not fit at their minimum are dropped from the end). */
struct colspec {
	int min, max, weight;
	bool whole; /* an identifier, phone or code: never cut (list_draw widens it to its
		     * widest cell in view, or leaves the column out) */
};
int layout_columns(int total, const struct colspec *spec, int n, int *widths, int *x);

/* After layout_columns: need[] is the widest of each column's title and cells
 * in view. Where some are cut (need > width), the columns wider than what they
 * hold give them the columns they do not use, so a status reads "in
 * operation" beside a name column half empty (the cut column nearest to
 * whole first); nothing moves when nothing is cut. Rewrites widths[] and x[]. */
void layout_columns_fit(int shown, const int *need, int *widths, int *x);

/* Key bar: items of the given widths laid out from column 0 with one space
 * between; returns how many fit in cols; x[] receives their start columns. */
int layout_bar(int cols, const int *widths, int n, int *x);

/* A scrolled list: keep sel within [0, count) and the window [top, top + height)
 * around it. */
void layout_scroll(long count, int height, long *sel, long *top);

/* Cut UTF-8 text to at most width columns for drawing: out[] receives code points
 * (invalid bytes and control characters as U+FFFD), never a wide character split
 * at the edge, and "…" as the last column when something was cut off. Returns
 * the number of code points; *cols the columns they take. */
size_t layout_fit(const char *s, int width, uint32_t *out, size_t max, int *cols);

/* Where to end the first line of text wrapped at width columns: the byte
 * offset after the last space (or wide character) that fits, else after the
 * last character that fits; strlen(s) when it all fits. */
size_t layout_wrap(const char *s, int width);

#endif

/* Layout arithmetic, without a terminal. */
#include <config.h>

#include "tui/layout.h"
#include "tap.h"
#include "utf8.h"

int main(void)
{
	struct layout l;
	layout_compute(&l, 24, 80);
	tap_ok(!l.too_small, "80x24 is big enough");
	tap_is_int(l.body_top, 1, "body starts under the title");
	tap_is_int(l.body_rows, 21, "80x24: 21 body rows");
	tap_is_int(l.message_row, 22, "message line above the bar");
	tap_is_int(l.bar_row, 23, "key bar on the last row");
	layout_compute(&l, 20, 60);
	tap_ok(!l.too_small, "60x20 still works");
	tap_is_int(l.body_rows, 17, "60x20: 17 body rows");
	layout_compute(&l, 10, 40);
	tap_ok(l.too_small, "40x10 is too small");
	layout_compute(&l, 24, TUI_MIN_COLS - 1);
	tap_ok(l.too_small, "one column less than the minimum is too small");

	struct colspec spec[] = {{8, 0, 3, false}, {8, 16, 1, false}, {8, 14, 1, false}, {4, 8, 0, false},
				 {11, 13, 0, true}};
	int w[5], x[5];
	int n = layout_columns(79, spec, 5, w, x);
	tap_is_int(n, 5, "all five columns fit in 79");
	int total = 0;
	for (int i = 0; i < n; i++)
		total += w[i];
	tap_is_int(total + n - 1, 79, "columns and gaps fill the width exactly");
	tap_ok(w[1] <= 16 && w[2] <= 14, "columns stop at their maximum");
	tap_ok(w[0] > w[1], "the weighted name column gets the most");
	tap_is_int(x[1], w[0] + 1, "one space between columns");
	tap_is_int(w[3], 4, "a column without weight keeps its minimum");
	n = layout_columns(30, spec, 5, w, x);
	tap_is_int(n, 3, "in 30 columns only the first three fit");

	int bw[] = {7, 9, 8, 30};
	int bx[4];
	n = layout_bar(40, bw, 4, bx);
	tap_is_int(n, 3, "key bar: three items fit in 40 columns");
	tap_is_int(bx[2], 18, "third item after two and their gaps");

	long sel = 50, top = 0;
	layout_scroll(100, 10, &sel, &top);
	tap_is_int(top, 41, "scrolling down keeps the selection on the last row");
	sel = 5;
	layout_scroll(100, 10, &sel, &top);
	tap_is_int(top, 5, "scrolling up puts the selection on the first row");
	sel = 500;
	layout_scroll(100, 10, &sel, &top);
	tap_is_int(sel, 99, "selection stays in the list");
	tap_is_int(top, 90, "the last page is full");
	sel = 3;
	top = 7;
	layout_scroll(4, 10, &sel, &top);
	tap_is_int(top, 0, "a short list starts at the top");

	uint32_t cp[32];
	int cols;
	size_t k = layout_fit("中山乡卫生院", 5, cp, 32, &cols);
	tap_is_int((long)k, 3, "fitting 5 columns takes two wide characters and …");
	tap_is_int((long)cp[2], 0x2026, "the cut is shown with …");
	tap_is_int(cols, 5, "using 5 columns, never half a character");
	k = layout_fit("中山乡卫生院", 4, cp, 32, &cols);
	tap_ok(k == 2 && cp[1] == 0x2026 && cols == 3, "at 4 columns: one character, …, and a blank");
	k = layout_fit("0539-6690011", 11, cp, 32, &cols);
	tap_ok(k == 11 && cp[10] == 0x2026, "a number one column too wide never loses a digit unseen");
	k = layout_fit("0539-6690011", 12, cp, 32, &cols);
	tap_ok(k == 12 && cp[11] == '1', "and fits whole in its width");
	tap_is_int((long)layout_wrap("cannot write the bundle: disk full", 20), 17,
		   "a long message wraps after a space");
	tap_is_int((long)layout_wrap("short", 20), 5, "a short one does not wrap");
	tap_is_int((long)layout_wrap("无法写出同步包：磁盘已满", 9), 12,
		   "Chinese wraps between characters, by display width");
	tap_is_int((long)layout_wrap("abcdefghij", 4), 4, "a word longer than the line is broken");
	k = layout_fit("abcdef", 3, cp, 4, &cols);
	tap_ok(k == 3 && cp[2] == 0x2026 && cols == 3, "a full buffer cuts with … too");
	k = layout_fit("a\x01" "b\xff", 10, cp, 32, &cols);
	tap_is_int((long)k, 4, "control and invalid bytes are kept as one cell each");
	tap_is_int((long)cp[1], 0xFFFD, "a control character shows as U+FFFD");
	tap_is_int((long)cp[3], 0xFFFD, "an invalid byte shows as U+FFFD");
	/* every string the screens draw goes through layout_fit: nothing that a
	 * terminal would act on reaches it */
	k = layout_fit("\x1b[2J\xc2\x9b" "31m", 20, cp, 32, &cols);
	tap_ok(k == 8 && cp[0] == 0xFFFD && cp[4] == 0xFFFD, "ESC and the C1 CSI show as U+FFFD");
	for (const char *bidi = "\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8f"; *bidi; bidi += 3) {
		char one[4] = {bidi[0], bidi[1], bidi[2], 0};
		uint32_t c;
		utf8_decode(one, 3, &c);
		tap_is_int(cp_width(c), 0, "bidi control U+%04X takes no cell (the screen skips it)",
			   (unsigned)c);
	}

	/* Columns wider than their cells give room to cut ones; nothing moves
	 * when nothing is cut. */
	{
		int fw[] = {29, 14, 14, 7, 12}, fx[5];
		int fneed[] = {20, 13, 12, 12, 12};
		layout_columns_fit(5, fneed, fw, fx);
		tap_ok(fw[3] == 12, "a cut status gets its 12 columns (%d)", fw[3]);
		tap_ok(fw[0] == 24 && fw[1] == 14 && fw[2] == 14 && fw[4] == 12,
		       "  from the roomiest column, the name (%d %d %d %d)", fw[0], fw[1], fw[2], fw[4]);
		tap_ok(fx[4] == 24 + 14 + 14 + 12 + 4, "  the columns placed anew (%d)", fx[4]);
		int gw[] = {29, 14, 14, 7, 12}, gx[5] = {0};
		int gneed[] = {20, 13, 12, 6, 12};
		layout_columns_fit(5, gneed, gw, gx);
		tap_ok(gw[0] == 29 && gw[3] == 7 && gx[4] == 0, "nothing cut: nothing moves");
		int hw[] = {10, 7}, hx[2];
		int hneed[] = {12, 20};
		layout_columns_fit(2, hneed, hw, hx);
		tap_ok(hw[0] == 10 && hw[1] == 7, "no room anywhere: as laid out");
		int iw[] = {20, 7, 7}, ix[3];
		int ineed[] = {10, 12, 12};
		layout_columns_fit(3, ineed, iw, ix);
		tap_ok(iw[0] == 10 && iw[1] == 12 && iw[2] == 12, "room for two cut columns");
		int jw[] = {14, 7, 7}, jx[3];
		int jneed[] = {10, 12, 12};
		layout_columns_fit(3, jneed, jw, jx);
		tap_ok(jw[0] == 10 && jw[1] == 11 && jw[2] == 7, "too little: the first of two as near");
		int kw[] = {20, 14, 7}, kx[3];
		int kneed[] = {10, 30, 12};
		layout_columns_fit(3, kneed, kw, kx);
		tap_ok(kw[0] == 10 && kw[1] == 19 && kw[2] == 12,
		       "the status made whole before the long category (%d %d %d)", kw[0], kw[1], kw[2]);
	}

	return tap_exit();
}

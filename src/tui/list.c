#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paint.h"
#include "list.h"
#include "utf8.h"

void list_draw(struct tui *t, struct list *l, int y, int rows, const struct list_column *cols,
	       int ncols, list_cell_fn cell, void *ctx)
{
	struct colspec spec[16];
	int w[16], x[16];
	if (ncols > 16)
		ncols = 16;
	l->height = rows - 1 > 0 ? rows - 1 : 1;
	l->y0 = y + 1;
	layout_scroll(l->count, l->height, &l->sel, &l->top);
	for (int c = 0; c < ncols; c++) {
		spec[c] = cols[c].spec;
		if (!spec[c].whole)
			continue;
		for (long row = l->top; row < l->top + l->height && row < l->count; row++) {
			int cw = (int)str_width(cell(ctx, row, c));
			if (cw > spec[c].min)
				spec[c].min = cw;
		}
		if (spec[c].max && spec[c].max < spec[c].min)
			spec[c].max = spec[c].min;
	}
	int shown = layout_columns(t->lay.cols - 1, spec, ncols, w, x);
	int need[16];
	for (int c = 0; c < shown; c++) {
		need[c] = (int)str_width(cols[c].title);
		for (long row = l->top; row < l->top + l->height && row < l->count; row++) {
			int cw = (int)str_width(cell(ctx, row, c));
			if (cw > need[c])
				need[c] = cw;
		}
	}
	layout_columns_fit(shown, need, w, x);
	attr_t ha = draw_attr(C_HEADER);
	draw_blank(y, 0, t->lay.cols, ha);
	for (int c = 0; c < shown; c++)
		draw_text(y, x[c] + 1, w[c], cols[c].title, ha);
	for (int r = 0; r < l->height; r++) {
		long row = l->top + r;
		if (row >= l->count)
			break;
		attr_t a = row == l->sel ? draw_attr(C_SELECTED) : A_NORMAL;
		draw_blank(l->y0 + r, 0, t->lay.cols, a);
		for (int c = 0; c < shown; c++)
			draw_text(l->y0 + r, x[c] + 1, w[c], cell(ctx, row, c), a);
	}
}

bool list_move(struct list *l, enum action a)
{
	switch (a) {
	case ACT_UP: case ACT_PREV_MATCH: l->sel--; break;
	case ACT_DOWN: case ACT_NEXT_MATCH: l->sel++; break;
	case ACT_PGUP: l->sel -= l->height; l->top -= l->height; break;
	case ACT_PGDN: l->sel += l->height; l->top += l->height; break;
	case ACT_HOME: l->sel = 0; break;
	case ACT_END: l->sel = l->count - 1; break;
	default: return false;
	}
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top < 0)
		l->top = 0;
	return true;
}

bool list_click(struct list *l, int y)
{
	long row = l->top + (y - l->y0);
	if (y < l->y0 || y >= l->y0 + l->height || row >= l->count)
		return false;
	l->sel = row;
	return true;
}

void list_search_line(struct tui *t, lineedit *query, int body_top)
{
	const char *label = _("Search: ");
	int lw = (int)str_width(label);
	int my = t->lay.message_row;
	t->message_row_taken = true;
	if (t->message[0] && t->message_error) {
		/* An error about the query: show it on the title of the search line. */
		draw_text(my - 1 > body_top ? my - 1 : my, 0, t->lay.cols, t->message,
			  draw_attr(C_ERROR));
	}
	/* over the message line: none of the message it hides may show (its
	 * "…" stayed in the last column) */
	draw_blank(my, 0, t->lay.cols, A_NORMAL);
	draw_text(my, 0, lw, label, A_BOLD);
	size_t ccol = le_view(query, (size_t)(t->lay.cols - lw - 1));
	char *q = le_text(query);
	const char *p = q;
	for (size_t k = 0; k < query->scroll && *p; k++) {
		uint32_t cp;
		p += utf8_decode(p, strlen(p), &cp);
	}
	draw_text(my, lw, t->lay.cols - lw - 1, p, draw_attr(C_FIELD));
	free(q);
	tui_cursor(t, my, lw + (int)ccol);
}

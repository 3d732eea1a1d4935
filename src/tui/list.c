#include <config.h>

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

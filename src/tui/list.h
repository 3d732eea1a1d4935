/* Drawing and moving in a scrolled list of rows: shared by the list screens. */
#ifndef WG_LIST_H
#define WG_LIST_H

#include "browse.h"
#include "lineedit.h"
#include "tui.h"

struct list {
	long count;    /* rows in all */
	long top, sel; /* first row shown, selected row */
	int height;    /* rows shown, set by list_draw */
	int y0;        /* screen row of the first data row, set by list_draw */
};

/* Cell text of a row for a column (already translated / formatted). */
typedef const char *(*list_cell_fn)(void *ctx, long row, int col);

/* Header at y, rows below, up to rows lines in all. */
void list_draw(struct tui *t, struct list *l, int y, int rows, const struct list_column *cols,
	       int ncols, list_cell_fn cell, void *ctx);
/* Move for an action; true when it was a moving action. */
bool list_move(struct list *l, enum action a);
/* Select the row at screen row y; true when there is one. */
bool list_click(struct list *l, int y);

/* The search line being typed, on the message line ("Search: zs"), with
 * the text cursor in it; an error about the query on the line above. */
void list_search_line(struct tui *t, lineedit *query, int body_top);

#endif

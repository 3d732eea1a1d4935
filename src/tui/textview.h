/* A scrolled page of "label: value" lines and section headings, for the
 * detail screens. */
#ifndef WG_TEXTVIEW_H
#define WG_TEXTVIEW_H

#include "tui.h"

struct tv_line {
	char *label; /* NULL for a heading or plain line */
	char *text;
	bool heading;
	char *link;  /* an id the screen can open (Enter), or NULL */
};

struct textview {
	struct tv_line *l;
	int n;
	long top;
	int height;
	int sel;     /* the selected line with a link, -1 for none */
	int y0;      /* screen row of the first line shown */
};

void tv_clear(struct textview *tv);
void tv_heading(struct textview *tv, const char *text);
void tv_field(struct textview *tv, const char *label, const char *text);
void tv_line(struct textview *tv, const char *text);
/* text in lines of at most width columns (display width), broken at spaces
 * where there are, else between characters: a long message read whole. */
void tv_wrapped(struct textview *tv, const char *text, int width);
/* A line that can be selected and opened. */
void tv_link(struct textview *tv, const char *text, const char *id);
/* The id of the selected line, or NULL. */
const char *tv_selected(const struct textview *tv);
/* Select the line with a link at screen row y; true when there is one. */
bool tv_click(struct textview *tv, int y);
void tv_draw(struct tui *t, struct textview *tv, int y, int rows);
/* Up and down go from link to link when there are links, else scroll. */
bool tv_move(struct textview *tv, enum action a);

#endif

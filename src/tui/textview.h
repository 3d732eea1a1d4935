/* A scrolled page of "label: value" lines and section headings, for the
 * detail screens. */
#ifndef WG_TEXTVIEW_H
#define WG_TEXTVIEW_H

#include "tui.h"

struct tv_line {
	char *label; /* NULL for a heading or plain line */
	char *text;
	bool heading;
};

struct textview {
	struct tv_line *l;
	int n;
	long top;
	int height;
};

void tv_clear(struct textview *tv);
void tv_heading(struct textview *tv, const char *text);
void tv_field(struct textview *tv, const char *label, const char *text);
void tv_line(struct textview *tv, const char *text);
void tv_draw(struct tui *t, struct textview *tv, int y, int rows);
bool tv_move(struct textview *tv, enum action a);

#endif

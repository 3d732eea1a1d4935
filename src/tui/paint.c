#include <config.h>

#include <stdlib.h>
#include <wchar.h>

#include "paint.h"
#include "layout.h"
#include "strbuf.h"
#include "utf8.h"

static bool colors;

void draw_init_colors(void)
{
	if (!has_colors() || getenv("NO_COLOR"))
		return;
	if (start_color() != OK)
		return;
	colors = true;
	use_default_colors();
	init_pair(C_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(C_BAR_KEY, COLOR_WHITE, -1);
	init_pair(C_BAR_LABEL, COLOR_BLACK, COLOR_CYAN);
	init_pair(C_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(C_HEADER, COLOR_YELLOW, -1);
	init_pair(C_ERROR, COLOR_RED, -1);
	init_pair(C_FIELD, COLOR_BLACK, COLOR_WHITE);
}

attr_t draw_attr(enum color_role role)
{
	if (colors) {
		switch (role) {
		case C_NORMAL: return A_NORMAL;
		case C_BAR_KEY: return A_BOLD;
		case C_HEADER: return COLOR_PAIR(role) | A_BOLD;
		case C_ERROR: return COLOR_PAIR(role) | A_BOLD;
		default: return COLOR_PAIR(role);
		}
	}
	switch (role) {
	case C_TITLE: case C_BAR_LABEL: case C_SELECTED: return A_REVERSE;
	case C_HEADER: case C_BAR_KEY: case C_ERROR: return A_BOLD;
	case C_FIELD: return A_UNDERLINE;
	default: return A_NORMAL;
	}
}

static void put(int y, int x, wchar_t wc, attr_t attr)
{
	cchar_t cc;
	wchar_t s[2] = {wc, 0};
	setcchar(&cc, s, attr, PAIR_NUMBER(attr), NULL);
	mvadd_wch(y, x, &cc);
}

void draw_blank(int y, int x, int width, attr_t attr)
{
	for (int i = 0; i < width && x + i < COLS; i++)
		put(y, x + i, L' ', attr);
}

int draw_text(int y, int x, int width, const char *s, attr_t attr)
{
	uint32_t cps[512];
	int cols;
	if (x + width > COLS)
		width = COLS - x;
	if (width <= 0 || y < 0 || y >= LINES)
		return 0;
	size_t n = layout_fit(s, width, cps, sizeof cps / sizeof cps[0], &cols);
	int pos = x, drawn = 0;
	for (size_t i = 0; i < n; i++) {
		int w = cp_width(cps[i]);
		if (w <= 0)
			continue; /* combining marks: drawn alone they would misplace the cursor */
		/* A wide character in the screen's last column would wrap: leave it blank. */
		if (w == 2 && pos + 2 > COLS)
			break;
		put(y, pos, (wchar_t)cps[i], attr);
		pos += w;
		drawn += w;
	}
	draw_blank(y, pos, x + width - pos, attr);
	return drawn;
}

int draw_wrapped(int y, int x, int width, int max_lines, const char *s, attr_t attr)
{
	int lines = 0;
	while (lines + 1 < max_lines && width > 0) {
		size_t cut = layout_wrap(s, width);
		if (!s[cut])
			break;
		char *first = xstrndup(s, cut);
		draw_text(y + lines++, x, width, first, attr);
		free(first);
		s += cut;
	}
	draw_text(y + lines++, x, width, s, attr);
	return lines;
}

/* Drawing text on the terminal: by display columns, through cchar_t, with
 * invalid bytes as U+FFFD, padding to the width asked, and never a wide
 * character in the last column of the screen (ncurses would wrap it). */
#ifndef WG_PAINT_H
#define WG_PAINT_H

#include <curses.h>

enum color_role { C_NORMAL, C_TITLE, C_BAR_KEY, C_BAR_LABEL, C_SELECTED, C_HEADER, C_ERROR,
		  C_FIELD, C_NCOLORS };

/* Set up colours when the terminal has them (8 are enough); monochrome
 * terminals get reverse and bold instead. */
void draw_init_colors(void);
attr_t draw_attr(enum color_role role);

/* Draw s at (y, x) in exactly width columns (cut or padded with spaces).
 * Returns the columns of text drawn (before padding). */
int draw_text(int y, int x, int width, const char *s, attr_t attr);
/* Draw s from (y, x) on at most max_lines lines of width columns, wrapped at
 * spaces (Chinese between any two characters), the last line cut with "…"
 * if even they are too few. Returns the lines drawn. */
int draw_wrapped(int y, int x, int width, int max_lines, const char *s, attr_t attr);
/* Fill width columns with spaces. */
void draw_blank(int y, int x, int width, attr_t attr);

#endif

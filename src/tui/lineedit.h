/* A one-line text editor buffer, by character (code point), with display
 * columns for wide (Chinese) characters. No curses: unit-tested directly. */
#ifndef WG_LINEEDIT_H
#define WG_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lineedit {
	uint32_t *cp;   /* code points */
	size_t len, alloc;
	size_t cursor;  /* 0..len, in code points */
	size_t max;     /* most code points accepted; 0 for no limit */
	size_t scroll;  /* first code point shown (le_view keeps the cursor visible) */
} lineedit;

void le_init(lineedit *le, size_t max);
void le_free(lineedit *le);
/* Replace the contents with UTF-8 text (invalid bytes become U+FFFD); cursor at end. */
void le_set(lineedit *le, const char *utf8);
/* The contents as a new UTF-8 string (caller frees). */
char *le_text(const lineedit *le);
/* Insert one character at the cursor; refuses control characters and input
 * past max. Returns whether it was inserted. */
bool le_insert(lineedit *le, uint32_t cp);
bool le_backspace(lineedit *le); /* delete before the cursor */
bool le_delete(lineedit *le);    /* delete at the cursor */
void le_left(lineedit *le);
void le_right(lineedit *le);
void le_home(lineedit *le);
void le_end(lineedit *le);
void le_clear(lineedit *le);
/* Display columns of the text before the cursor. */
size_t le_cursor_col(const lineedit *le);
/* Fit the view into width columns: adjusts scroll so the cursor is visible
 * (with a column for it) and returns the cursor's column within the view. */
size_t le_view(lineedit *le, size_t width);

#endif

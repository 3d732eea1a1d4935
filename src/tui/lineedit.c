#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "strbuf.h"
#include "utf8.h"

void le_init(lineedit *le, size_t max)
{
	memset(le, 0, sizeof *le);
	le->max = max;
}

void le_free(lineedit *le)
{
	free(le->cp);
	memset(le, 0, sizeof *le);
}

static void reserve(lineedit *le, size_t n)
{
	if (n <= le->alloc)
		return;
	le->alloc = n < 16 ? 16 : n * 2;
	le->cp = xrealloc(le->cp, le->alloc * sizeof *le->cp);
}

void le_clear(lineedit *le)
{
	le->len = le->cursor = le->scroll = 0;
}

void le_set(lineedit *le, const char *s)
{
	size_t n = strlen(s);
	le_clear(le);
	reserve(le, n + 1);
	while (n > 0) {
		uint32_t c;
		size_t used = utf8_decode(s, n, &c);
		le->cp[le->len++] = c;
		s += used;
		n -= used;
	}
	le->cursor = le->len;
}

char *le_text(const lineedit *le)
{
	strbuf sb = STRBUF_INIT;
	char buf[4];
	for (size_t i = 0; i < le->len; i++)
		sb_add(&sb, buf, utf8_encode(le->cp[i], buf));
	return sb_detach(&sb);
}

bool le_insert(lineedit *le, uint32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return false;
	if (le->max && le->len >= le->max)
		return false;
	reserve(le, le->len + 1);
	memmove(le->cp + le->cursor + 1, le->cp + le->cursor,
		(le->len - le->cursor) * sizeof *le->cp);
	le->cp[le->cursor++] = c;
	le->len++;
	return true;
}

bool le_backspace(lineedit *le)
{
	if (le->cursor == 0)
		return false;
	le->cursor--;
	return le_delete(le);
}

bool le_delete(lineedit *le)
{
	if (le->cursor >= le->len)
		return false;
	memmove(le->cp + le->cursor, le->cp + le->cursor + 1,
		(le->len - le->cursor - 1) * sizeof *le->cp);
	le->len--;
	return true;
}

void le_left(lineedit *le)
{
	if (le->cursor > 0)
		le->cursor--;
}

void le_right(lineedit *le)
{
	if (le->cursor < le->len)
		le->cursor++;
}

void le_home(lineedit *le)
{
	le->cursor = 0;
}

void le_end(lineedit *le)
{
	le->cursor = le->len;
}

static size_t width_of(uint32_t c)
{
	int w = cp_width(c);
	return w < 0 ? 1 : (size_t)w; /* a control character shows as one placeholder */
}

static size_t cols_between(const lineedit *le, size_t from, size_t to)
{
	size_t cols = 0;
	for (size_t i = from; i < to; i++)
		cols += width_of(le->cp[i]);
	return cols;
}

size_t le_cursor_col(const lineedit *le)
{
	return cols_between(le, 0, le->cursor);
}

size_t le_view(lineedit *le, size_t width)
{
	if (width < 3)
		width = 3;
	if (le->scroll > le->cursor)
		le->scroll = le->cursor;
	/* The cursor needs its own cell after the text before it. */
	while (le->scroll < le->cursor && cols_between(le, le->scroll, le->cursor) + 1 > width)
		le->scroll++;
	return cols_between(le, le->scroll, le->cursor);
}

#include <config.h>

#include <string.h>

#include "layout.h"
#include "utf8.h"

void layout_compute(struct layout *l, int rows, int cols)
{
	memset(l, 0, sizeof *l);
	l->rows = rows;
	l->cols = cols;
	l->too_small = rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS;
	l->title_row = 0;
	l->body_top = 1;
	l->bar_row = rows - 1;
	l->message_row = rows - 2;
	l->body_rows = rows > 3 ? rows - 3 : 0;
}

int layout_columns(int total, const struct colspec *spec, int n, int *widths, int *x)
{
	int shown = 0, used = 0, weights = 0;
	for (int i = 0; i < n; i++) {
		int need = spec[i].min + (shown ? 1 : 0);
		if (used + need > total)
			break;
		used += need;
		widths[i] = spec[i].min;
		weights += spec[i].weight;
		shown++;
	}
	int left = total - used;
	/* Hand out the rest by weight; a column stops at its max. */
	while (left > 0 && weights > 0) {
		int given = 0, share = left;
		for (int i = 0; i < shown && left > 0; i++) {
			if (!spec[i].weight)
				continue;
			if (spec[i].max && widths[i] >= spec[i].max)
				continue;
			int add = share * spec[i].weight / weights;
			if (add < 1)
				add = 1;
			if (spec[i].max && widths[i] + add > spec[i].max)
				add = spec[i].max - widths[i];
			if (add > left)
				add = left;
			widths[i] += add;
			left -= add;
			given += add;
		}
		if (!given)
			break;
	}
	int pos = 0;
	for (int i = 0; i < shown; i++) {
		x[i] = pos;
		pos += widths[i] + 1;
	}
	return shown;
}

void layout_columns_fit(int shown, const int *need, int *widths, int *x)
{
	int short_by = 0, spare = 0;
	for (int i = 0; i < shown; i++) {
		if (need[i] > widths[i])
			short_by += need[i] - widths[i];
		else
			spare += widths[i] - need[i];
	}
	int move = short_by < spare ? short_by : spare;
	if (move <= 0)
		return;
	/* take from the roomiest columns first; give to the cut column nearest to
	 * whole first, so that as many as can be read whole */
	for (int left = move; left > 0;) {
		int roomiest = -1;
		for (int i = 0; i < shown; i++)
			if (widths[i] > need[i] &&
			    (roomiest < 0 || widths[i] - need[i] > widths[roomiest] - need[roomiest]))
				roomiest = i;
		widths[roomiest]--;
		left--;
	}
	for (int left = move; left > 0;) {
		int nearest = -1;
		for (int i = 0; i < shown; i++)
			if (need[i] > widths[i] &&
			    (nearest < 0 || need[i] - widths[i] < need[nearest] - widths[nearest]))
				nearest = i;
		int add = need[nearest] - widths[nearest] < left ? need[nearest] - widths[nearest] : left;
		widths[nearest] += add;
		left -= add;
	}
	int pos = 0;
	for (int i = 0; i < shown; i++) {
		x[i] = pos;
		pos += widths[i] + 1;
	}
}

int layout_bar(int cols, const int *widths, int n, int *x)
{
	int pos = 0, i;
	for (i = 0; i < n; i++) {
		if (pos + widths[i] > cols)
			break;
		x[i] = pos;
		pos += widths[i] + 1;
	}
	return i;
}

void layout_scroll(long count, int height, long *sel, long *top)
{
	if (height < 1)
		height = 1;
	if (*sel >= count)
		*sel = count - 1;
	if (*sel < 0)
		*sel = 0;
	if (*top > *sel)
		*top = *sel;
	if (*sel >= *top + height)
		*top = *sel - height + 1;
	if (*top > count - height)
		*top = count - height;
	if (*top < 0)
		*top = 0;
}

size_t layout_fit(const char *s, int width, uint32_t *out, size_t max, int *cols)
{
	size_t n = 0, len = strlen(s);
	int used = 0;
	while (len > 0 && n < max) {
		uint32_t c;
		size_t b = utf8_decode(s, len, &c);
		if (c == '\n' || c == '\t')
			c = ' ';
		int w = cp_width(c);
		if (w < 0) {
			c = UTF8_REPLACEMENT;
			w = 1;
		}
		if (used + w > width)
			break;
		out[n++] = c;
		used += w;
		s += b;
		len -= b;
	}
	/* Cut short: say so with "…" in the last column, never leave a cut
	 * invisible (a phone number one digit short reads as another number). */
	if ((len > 0 || n == max) && width >= 1 && max > 0) {
		if (n == max)
			used -= cp_width(out[--n]) < 0 ? 1 : cp_width(out[n]);
		while (n > 0 && used + 1 > width) {
			n--;
			used -= cp_width(out[n]) < 0 ? 1 : cp_width(out[n]);
		}
		out[n++] = 0x2026;
		used++;
	}
	*cols = used;
	return n;
}

size_t layout_wrap(const char *s, int width)
{
	size_t len = strlen(s), at = 0, space = 0;
	int used = 0;
	while (at < len) {
		uint32_t c;
		size_t b = utf8_decode(s + at, len - at, &c);
		int w = cp_width(c);
		if (w < 0)
			w = 1;
		if (used + w > width)
			break;
		used += w;
		at += b;
		/* after a space, or after a wide character (Chinese breaks anywhere) */
		if (c == ' ' || w == 2)
			space = at;
	}
	if (at >= len)
		return len;
	return space > 0 ? space : at;
}

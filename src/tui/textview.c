#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "paint.h"
#include "strbuf.h"
#include "textview.h"
#include "utf8.h"

void tv_clear(struct textview *tv)
{
	for (int i = 0; i < tv->n; i++) {
		free(tv->l[i].label);
		free(tv->l[i].text);
		free(tv->l[i].link);
	}
	free(tv->l);
	tv->l = NULL;
	tv->n = 0;
	tv->sel = -1;
}

static struct tv_line *add(struct textview *tv)
{
	tv->l = xrealloc(tv->l, (size_t)(tv->n + 1) * sizeof *tv->l);
	struct tv_line *l = &tv->l[tv->n++];
	l->label = NULL;
	l->text = NULL;
	l->link = NULL;
	l->heading = false;
	return l;
}

void tv_heading(struct textview *tv, const char *text)
{
	struct tv_line *l = add(tv);
	l->text = xstrdup(text);
	l->heading = true;
}

void tv_field(struct textview *tv, const char *label, const char *text)
{
	struct tv_line *l = add(tv);
	l->label = xstrdup(label);
	l->text = xstrdup(text);
}

void tv_line(struct textview *tv, const char *text)
{
	add(tv)->text = xstrdup(text);
}

void tv_wrapped(struct textview *tv, const char *text, int width)
{
	if (width < 10)
		width = 10;
	const char *p = text;
	while (*p) {
		/* as many characters as fit; then back to the last space, if any */
		const char *end = p, *space = NULL;
		int w = 0;
		while (*end) {
			uint32_t cp;
			size_t n = utf8_decode(end, strlen(end), &cp);
			int cw = cp_width(cp);
			if (cw < 0)
				cw = 1;
			if (w + cw > width)
				break;
			if (cp == ' ')
				space = end;
			w += cw;
			end += n ? n : 1;
		}
		if (*end && space && space > p)
			end = space;
		char *line = xstrndup(p, (size_t)(end - p));
		add(tv)->text = line;
		p = end;
		while (*p == ' ')
			p++;
	}
}

void tv_link(struct textview *tv, const char *text, const char *id)
{
	struct tv_line *l = add(tv);
	l->text = xstrdup(text);
	l->link = xstrdup(id);
	/* Not selected yet: Down selects it once it is in view. */
}

const char *tv_selected(const struct textview *tv)
{
	return tv->sel >= 0 && tv->sel < tv->n ? tv->l[tv->sel].link : NULL;
}

bool tv_click(struct textview *tv, int y)
{
	long i = tv->top + (y - tv->y0);
	if (y < tv->y0 || i >= tv->n || !tv->l[i].link)
		return false;
	tv->sel = (int)i;
	return true;
}

void tv_draw(struct tui *t, struct textview *tv, int y, int rows)
{
	tv->y0 = y;
	int lw = 0;
	for (int i = 0; i < tv->n; i++)
		if (tv->l[i].label && (int)str_width(tv->l[i].label) > lw)
			lw = (int)str_width(tv->l[i].label);
	if (lw > t->lay.cols / 3)
		lw = t->lay.cols / 3;
	tv->height = rows;
	if (tv_selected(tv) && tv->sel >= tv->top + rows)
		tv->top = tv->sel - rows + 1;
	if (tv_selected(tv) && tv->sel < tv->top)
		tv->top = tv->sel;
	if (tv->top > tv->n - rows)
		tv->top = tv->n - rows;
	if (tv->top < 0)
		tv->top = 0;
	for (int r = 0; r < rows && tv->top + r < tv->n; r++) {
		struct tv_line *l = &tv->l[tv->top + r];
		if (l->heading) {
			draw_text(y + r, 1, t->lay.cols - 2, l->text, draw_attr(C_HEADER));
		} else if (l->label) {
			int w = (int)str_width(l->label);
			if (w > lw)
				w = lw;
			draw_text(y + r, 2 + lw - w, w, l->label, A_NORMAL);
			draw_text(y + r, 2 + lw, 2, ":", A_NORMAL);
			draw_text(y + r, 4 + lw, t->lay.cols - 5 - lw, l->text, A_BOLD);
		} else {
			draw_text(y + r, 2, t->lay.cols - 3, l->text,
				  l->link && tv->top + r == tv->sel ? draw_attr(C_SELECTED)
								    : A_NORMAL);
		}
	}
}

static bool step_link(struct textview *tv, int dir)
{
	for (int i = tv->sel + dir; i >= 0 && i < tv->n; i += dir)
		if (tv->l[i].link) {
			tv->sel = i;
			return true;
		}
	return false;
}

bool tv_move(struct textview *tv, enum action a)
{
	/* Down selects the first link in view, then goes from link to link; Up
	 * goes back, and above the first link scrolls again. */
	if (a == ACT_DOWN && !tv_selected(tv)) {
		for (long i = tv->top; i < tv->top + tv->height && i < tv->n; i++)
			if (tv->l[i].link) {
				tv->sel = (int)i;
				return true;
			}
	} else if (tv_selected(tv) && (a == ACT_UP || a == ACT_DOWN)) {
		if (step_link(tv, a == ACT_UP ? -1 : 1))
			return true;
		if (a == ACT_UP)
			tv->sel = -1;
		else
			return true;
	}
	switch (a) {
	case ACT_UP: tv->top--; break;
	case ACT_DOWN: tv->top++; break;
	case ACT_PGUP: tv->top -= tv->height; break;
	case ACT_PGDN: tv->top += tv->height; break;
	case ACT_HOME: tv->top = 0; break;
	case ACT_END: tv->top = tv->n; break;
	default: return false;
	}
	if (tv->top > tv->n - tv->height)
		tv->top = tv->n - tv->height;
	if (tv->top < 0)
		tv->top = 0;
	return true;
}

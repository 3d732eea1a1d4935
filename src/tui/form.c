#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "editkey.h"
#include "paint.h"
#include "form.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"

void form_init(struct form *fm)
{
	memset(fm, 0, sizeof *fm);
}

void form_free(struct form *fm)
{
	for (int i = 0; i < fm->n; i++) {
		struct form_field *ff = &fm->f[i];
		free(ff->name);
		free(ff->label);
		le_free(&ff->le);
		for (int j = 0; j < ff->nvalues; j++) {
			free(ff->values[j]);
			free(ff->labels[j]);
		}
		free(ff->values);
		free(ff->labels);
		free(ff->error);
		free(ff->warning);
		free(ff->orig);
	}
	free(fm->f);
	memset(fm, 0, sizeof *fm);
}

static struct form_field *add(struct form *fm, const char *name, const char *label)
{
	fm->f = xrealloc(fm->f, (size_t)(fm->n + 1) * sizeof *fm->f);
	struct form_field *ff = &fm->f[fm->n++];
	memset(ff, 0, sizeof *ff);
	ff->name = xstrdup(name);
	ff->label = xstrdup(label);
	return ff;
}

struct form_field *form_add_text(struct form *fm, const char *name, const char *label,
				 const char *value, unsigned max_chars)
{
	struct form_field *ff = add(fm, name, label);
	ff->kind = FK_TEXT;
	le_init(&ff->le, max_chars);
	le_set(&ff->le, value ? value : "");
	return ff;
}

struct form_field *form_add_choice(struct form *fm, const char *name, const char *label)
{
	struct form_field *ff = add(fm, name, label);
	ff->kind = FK_CHOICE;
	le_init(&ff->le, 0);
	return ff;
}

void form_choice_add(struct form_field *ff, const char *value, const char *label)
{
	ff->values = xrealloc(ff->values, (size_t)(ff->nvalues + 1) * sizeof(char *));
	ff->labels = xrealloc(ff->labels, (size_t)(ff->nvalues + 1) * sizeof(char *));
	ff->values[ff->nvalues] = xstrdup(value);
	ff->labels[ff->nvalues] = xstrdup(label);
	ff->nvalues++;
}

void form_choice_set(struct form_field *ff, const char *value)
{
	for (int i = 0; i < ff->nvalues; i++)
		if (strcmp(ff->values[i], value) == 0) {
			ff->choice = i;
			return;
		}
	form_choice_add(ff, value, value);
	ff->choice = ff->nvalues - 1;
}

char *form_value(const struct form_field *ff)
{
	if (ff->kind == FK_CHOICE)
		return xstrdup(ff->nvalues ? ff->values[ff->choice] : "");
	return le_text(&ff->le);
}

struct form_field *form_find(struct form *fm, const char *name)
{
	for (int i = 0; i < fm->n; i++)
		if (strcmp(fm->f[i].name, name) == 0)
			return &fm->f[i];
	return NULL;
}

bool form_check_field(struct form_field *ff)
{
	free(ff->error);
	free(ff->warning);
	ff->error = ff->warning = NULL;
	if (!ff->schema || ff->readonly)
		return true;
	char *v = form_value(ff);
	const char *warning = NULL;
	wg_error err;
	if (!*v && ff->schema->flags & FF_REQUIRED)
		ff->error = xasprintf(_("%s is required"), ff->label);
	else if (*v && wg_field_check(ff->schema, v, &warning, &err))
		ff->error = xstrdup(err.msg);
	else if (warning && !(ff->orig && strcmp(ff->orig, v) == 0))
		ff->warning = xstrdup(warning);
	free(v);
	return ff->error == NULL;
}

bool form_check(struct form *fm)
{
	int first = -1;
	for (int i = 0; i < fm->n; i++)
		if (!form_check_field(&fm->f[i]) && first < 0)
			first = i;
	if (first >= 0)
		fm->cur = first;
	return first < 0;
}

bool form_has_warning(const struct form *fm)
{
	for (int i = 0; i < fm->n; i++)
		if (fm->f[i].warning)
			return true;
	return false;
}

bool form_text_mode(const struct form *fm)
{
	return fm->n > 0 && fm->f[fm->cur].kind == FK_TEXT && !fm->f[fm->cur].readonly;
}

static void move_to(struct form *fm, int to)
{
	if (to < 0 || to >= fm->n || to == fm->cur)
		return;
	form_check_field(&fm->f[fm->cur]); /* say at once what is wrong with it */
	fm->cur = to;
}

bool form_key(struct form *fm, enum action a, int key)
{
	if (fm->n == 0)
		return false;
	struct form_field *ff = &fm->f[fm->cur];
	switch (a) {
	case ACT_NEXT_FIELD: case ACT_DOWN:
		move_to(fm, fm->cur + 1 < fm->n ? fm->cur + 1 : 0);
		return true;
	case ACT_PREV_FIELD: case ACT_UP:
		move_to(fm, fm->cur > 0 ? fm->cur - 1 : fm->n - 1);
		return true;
	case ACT_OPEN:
		move_to(fm, fm->cur + 1 < fm->n ? fm->cur + 1 : fm->cur);
		return true;
	default:
		break;
	}
	if (ff->readonly)
		return false;
	if (ff->kind == FK_CHOICE) {
		if (ff->nvalues == 0)
			return false;
		if (a == ACT_LEFT || key == '-') {
			ff->choice = (ff->choice + ff->nvalues - 1) % ff->nvalues;
			return true;
		}
		if (a == ACT_RIGHT || key == ' ' || key == '+') {
			ff->choice = (ff->choice + 1) % ff->nvalues;
			return true;
		}
		/* A letter or digit jumps to the next option whose code or label
		 * starts with it ("D" goes through the D categories). */
		if (!KEY_IS_CODE(key) && key > ' ' && key < K_DEL) {
			int c = key >= 'a' && key <= 'z' ? key - 'a' + 'A' : key;
			for (int k = 1; k <= ff->nvalues; k++) {
				int i = (ff->choice + k) % ff->nvalues;
				int v = (unsigned char)ff->values[i][0], l = (unsigned char)ff->labels[i][0];
				if (v >= 'a' && v <= 'z')
					v -= 'a' - 'A';
				if (l >= 'a' && l <= 'z')
					l -= 'a' - 'A';
				if (v == c || l == c) {
					ff->choice = i;
					return true;
				}
			}
		}
		return false;
	}
	/* A suggested value goes as soon as something else is typed; editing
	 * keys keep it, to change it. */
	if (ff->replace && !KEY_IS_CODE(key) && key >= 0x20 && key != K_DEL)
		le_clear(&ff->le);
	ff->replace = false;
	return le_key(&ff->le, key) != LE_KEY_NONE;
}

static int label_width(const struct form *fm, int cols)
{
	int w = 0;
	for (int i = 0; i < fm->n; i++) {
		int lw = (int)str_width(fm->f[i].label);
		if (lw > w)
			w = lw;
	}
	if (w > cols / 3)
		w = cols / 3;
	return w;
}

/* Rows a field takes: one, plus one for its message. */
static int field_rows(const struct form_field *ff)
{
	return ff->error || ff->warning ? 2 : 1;
}

void form_draw(struct tui *t, struct form *fm, int top, int rows)
{
	int cols = t->lay.cols;
	int lw = label_width(fm, cols);
	int vx = lw + 3, vw = cols - vx - 1;
	fm->top_y = top;
	memset(fm->row_field, -1, sizeof fm->row_field);
	/* Scroll so the current field and its message are visible. */
	if (fm->scroll > fm->cur)
		fm->scroll = fm->cur;
	for (;;) {
		int used = 0;
		for (int i = fm->scroll; i <= fm->cur; i++)
			used += field_rows(&fm->f[i]);
		if (used <= rows || fm->scroll >= fm->cur)
			break;
		fm->scroll++;
	}
	int y = top;
	for (int i = fm->scroll; i < fm->n && y < top + rows; i++) {
		struct form_field *ff = &fm->f[i];
		bool cur = i == fm->cur;
		char lab[160];
		snprintf(lab, sizeof lab, "%s", ff->label);
		int lwid = (int)str_width(lab);
		draw_blank(y, 0, lw - (lwid < lw ? lwid : lw) + 1, A_NORMAL);
		draw_text(y, 1 + (lwid < lw ? lw - lwid : 0), lwid < lw ? lwid : lw, lab,
			  cur ? A_BOLD : A_NORMAL);
		draw_text(y, lw + 1, 2, ":", A_NORMAL);
		if (y - top < (int)(sizeof fm->row_field / sizeof fm->row_field[0]))
			fm->row_field[y - top] = i;
		attr_t va = ff->readonly ? A_NORMAL : draw_attr(C_FIELD);
		if (ff->kind == FK_CHOICE) {
			char buf[300];
			const char *lbl = ff->nvalues ? ff->labels[ff->choice] : "";
			snprintf(buf, sizeof buf, ff->readonly ? "%s" : "< %s >", lbl);
			draw_text(y, vx, vw, buf, va);
		} else {
			size_t ccol = cur ? le_view(&ff->le, (size_t)vw) : 0;
			char *text = le_text(&ff->le);
			/* From the first character in view. */
			const char *p = text;
			for (size_t k = 0; k < (cur ? ff->le.scroll : 0) && *p; k++) {
				uint32_t cp;
				p += utf8_decode(p, strlen(p), &cp);
			}
			draw_text(y, vx, vw, p, ff->replace ? (va | A_REVERSE) : va);
			free(text);
			if (cur && !ff->readonly)
				tui_cursor(t, y, vx + (int)ccol);
		}
		y++;
		if ((ff->error || ff->warning) && y < top + rows) {
			/* The whole width: messages are longer than values. */
			draw_text(y, 3, cols - 4, ff->error ? ff->error : ff->warning,
				  draw_attr(C_ERROR));
			if (y - top < (int)(sizeof fm->row_field / sizeof fm->row_field[0]))
				fm->row_field[y - top] = i;
			y++;
		}
	}
}

bool form_click(struct form *fm, int y, int x)
{
	int r = y - fm->top_y;
	if (r < 0 || r >= (int)(sizeof fm->row_field / sizeof fm->row_field[0]) ||
	    fm->row_field[r] < 0)
		return false;
	move_to(fm, fm->row_field[r]);
	return true;
}

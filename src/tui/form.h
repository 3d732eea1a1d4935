/* A form: labelled fields, each a line editor or a choice among values, with
 * a message under a field that is wrong. Used by the entity form and the filter. */
#ifndef WG_FORM_H
#define WG_FORM_H

#include <stdbool.h>

#include "lineedit.h"
#include "schema.h"
#include "tui.h"

enum form_kind { FK_TEXT, FK_CHOICE };

struct form_field {
	char *name;     /* schema field name or a key of the caller's */
	char *label;    /* translated */
	enum form_kind kind;
	lineedit le;
	char **values;  /* FK_CHOICE: stored values and their labels */
	char **labels;
	int nvalues, choice;
	bool readonly;
	bool replace;   /* a suggestion: the first character typed replaces it */
	const struct wg_field *schema; /* checked with wg_field_check when set */
	char *error;    /* why the value cannot be saved */
	char *warning;  /* acceptable once confirmed */
	char *orig;     /* the saved value: a warning about it was confirmed before */
};

struct form {
	struct form_field *f;
	int n, cur, scroll;
	int top_y;      /* where it was last drawn, for clicks */
	int row_field[256];
};

void form_init(struct form *fm);
void form_free(struct form *fm);
struct form_field *form_add_text(struct form *fm, const char *name, const char *label,
				 const char *value, unsigned max_chars);
struct form_field *form_add_choice(struct form *fm, const char *name, const char *label);
void form_choice_add(struct form_field *ff, const char *value, const char *label);
/* Select the option with this value (adding it when unknown). */
void form_choice_set(struct form_field *ff, const char *value);
/* The value of a field (caller frees). */
char *form_value(const struct form_field *ff);
struct form_field *form_find(struct form *fm, const char *name);

/* Check one field (or all); false when some field has an error. */
bool form_check_field(struct form_field *ff);
bool form_check(struct form *fm);
bool form_has_warning(const struct form *fm);

/* Editing and moving keys; returns true when the key was used. */
bool form_key(struct form *fm, enum action a, int key);
bool form_text_mode(const struct form *fm);
void form_draw(struct tui *t, struct form *fm, int top, int rows);
/* Focus the field drawn at screen row y; true when there was one. */
bool form_click(struct form *fm, int y, int x);

#endif

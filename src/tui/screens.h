/* What screens share beyond tui.h: the generic form screen. */
#ifndef WG_SCREENS_H
#define WG_SCREENS_H

#include "form.h"
#include "tui.h"

struct textview;

/* Save a form: WG_OK closes it; an error is shown (and, when err->confirmable,
 * the user is asked and save is called again with confirmed). */
typedef int (*form_save_fn)(struct tui *t, struct form *fm, void *ctx, bool confirmed,
			    wg_error *err);

/* A screen around a form (the form is taken over; ctx stays the caller's). */
struct screen *formscreen_open(struct tui *t, const char *title, struct form *fm,
			       form_save_fn save, void *ctx, int tab);
/* Let the form screen free ctx (with free()) when it closes. */
void formscreen_own_ctx(struct screen *s);
/* Ask this yes/no question (translated, ending "(y/n)") before every save. */
void formscreen_confirm(struct screen *s, const char *question);
/* Lines to review above the fields (PgUp and PgDn scroll them); fill it. */
struct textview *formscreen_review(struct screen *s);
/* Closed without saving, the form hands its values to keep (so Esc loses
 * nothing and needs no question). */
typedef void (*form_keep_fn)(struct tui *t, struct form *fm, void *ctx);
void formscreen_keep(struct screen *s, form_keep_fn keep);


/* The file chooser (files ending in suffix, NULL: any). done gets the folder (want_files false) or the chosen
 * files and says what happens next (NEXT_POP closes the chooser); type opens
 * a form to type a path instead, starting from the folder shown. */
typedef struct next (*files_done_fn)(struct tui *t, void *ctx, const char *const *paths,
				     size_t n);
typedef struct screen *(*files_type_fn)(struct tui *t, void *ctx, const char *dir);
struct screen *files_open(struct tui *t, const char *title, bool want_files, const char *suffix,
			  files_done_fn done, files_type_fn type, void *ctx, int tab);
/* Show this folder instead (where the last file was written), with the file
 * select (a path, or NULL) selected when it is listed. */
void files_show(struct tui *t, struct screen *s, const char *dir, const char *select);

#endif

/* The built-in pinyin input of every text field, for PCs without a Chinese
 * input method: letters are pinyin, a number (or Space for the first) takes a
 * character or phrase. libpinyin finds the candidates; the words of the
 * checklists and of what was written before (phrases.h) come first. The
 * library (dlopen) and its dictionary are loaded on first use only. No curses.
 * Built without libpinyin, ime_built_in() is false and nothing else is used. */
#ifndef WG_IME_H
#define WG_IME_H

#include <stdbool.h>
#include <stddef.h>

#include "phrases.h"

#define IME_PAGE 9    /* candidates a page: chosen with 1..9 */
#define IME_RAW_MAX 60 /* letters of pinyin at once */

struct ime;

enum ime_result {
	IME_PASS,   /* not the input's key: the field takes it as usual */
	IME_USED,   /* taken (a letter, a page, a choice that leaves pinyin to go) */
	IME_COMMIT, /* text is ready for the field: ime_committed() */
};

bool ime_built_in(void);
/* Load libpinyin and its dictionary and take the phrases (ph is left empty).
 * NULL with a translated reason in why when either cannot be loaded (ph is
 * then left as it was). */
struct ime *ime_load(wg_phrases *ph, char *why, size_t whylen);
void ime_free(struct ime *im);
/* Memory libpinyin and its dictionary took (resident set, kB, after minus
 * before) and how long the load took (ms). */
long ime_load_kb(const struct ime *im);
double ime_load_ms(const struct ime *im);

enum ime_result ime_key(struct ime *im, int key);
bool ime_composing(const struct ime *im);
/* The text of the last IME_COMMIT. */
const char *ime_committed(const struct ime *im);
/* Drop what is being composed. */
void ime_cancel(struct ime *im);
/* End composing, keeping what was typed: the chosen characters and the
 * pinyin letters not yet converted (in ime_committed()); false when none. */
bool ime_flush(struct ime *im);

/* For the candidate line: the characters chosen so far, the pinyin still to
 * convert, the candidates of the current page (n <= IME_PAGE), the page. */
const char *ime_chosen(const struct ime *im);
const char *ime_pinyin(const struct ime *im);
size_t ime_page_size(const struct ime *im);
const char *ime_candidate(const struct ime *im, size_t i);
size_t ime_page(const struct ime *im);
size_t ime_pages(const struct ime *im);

#endif

/* Personal data in free text the county publishes (publish, publish
 * complaints): a clerk may have typed a complainant's name or phone into a
 * complaint's result, an ID number into a location. Every such value is
 * withheld, and each one is listed for the clerk:
 * - the names, phones and ID numbers the county keeps (the personal table:
 *   complainants, officers' phones and ID numbers);
 * - anything shaped like a mobile number (11 digits, 1[3-9]...) or a
 *   居民身份证号 (17 digits and a valid check character, GB 11643). */
#ifndef WG_MASK_H
#define WG_MASK_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

struct wg_masking {
	const char *what; /* translated: "a name the county keeps", "a mobile number", ... */
	char *shown;      /* the value masked as lists show it ("张*", "138****5678") */
	char *where;      /* which row and column */
};
typedef struct wg_maskings {
	struct wg_masking *v;
	size_t n, alloc;
} wg_maskings;
void wg_maskings_free(wg_maskings *m);

typedef struct wg_masker wg_masker;
/* The values to look for: the personal table of db (empty in an officer's
 * workspace), values of fewer than two characters left out. */
int wg_masker_open(sqlite3 *db, wg_masker **out, wg_error *err);
void wg_masker_free(wg_masker *m);
/* text with every personal value in it replaced by a translated
 * "[withheld]", into out (replacing it); each one is added to list, with
 * where. */
void wg_masker_apply(const wg_masker *m, const char *text, const char *where, strbuf *out,
		     wg_maskings *list);

#endif

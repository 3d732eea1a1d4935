/* The grams of a text, for the short-search table entity_gram: what the
 * database (which fills it) and the search (which asks it) agree on. */
#ifndef WG_GRAM_H
#define WG_GRAM_H

#include <stddef.h>

/* entity_gram answers 1-2 character searches: each character and each pair of
 * adjacent characters of a text, ASCII in lower case (LIKE ignores its case),
 * is passed to emit; grams of ASCII digits only are left out (they are in
 * nearly every phone number, credit code and house number: a list walked in
 * its order finds them at once, and they would double the table). */
void wg_grams(const char *text, void (*emit)(const char *gram, size_t len, void *ctx),
	      void *ctx);

#endif

/* The grams of a text, for the short-search table entity_gram: what the
 * database (which fills it) and the search (which asks it) agree on. */
#ifndef WG_GRAM_H
#define WG_GRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* entity_gram answers 1-2 character searches: each character and each pair of
 * adjacent characters of a text, ASCII in lower case (LIKE ignores its case),
 * is passed to emit; grams of ASCII digits only are left out (they are in
 * nearly every phone number, credit code and house number: a list walked in
 * its order finds them at once, and they would double the table). */
void wg_grams(const char *text, void (*emit)(const char *gram, size_t len, void *ctx),
	      void *ctx);

/* Every (gram, rid) pair of a re-index of entity_gram, gathered in memory and
 * sorted in the table's key order, each pair once: the table is then written
 * by appending (the large demo county's 4.8 million rows went through a
 * temporary table and SQLite's sorter: 9-12 s of its 80). A pair is 8 bytes,
 * the gram's number then the rid; the distinct grams (18,830 there) are kept
 * once. A rid or a gram beyond what a pair holds is refused (false): the
 * caller writes that one as it comes. */
typedef struct wg_gram_set {
	char *text;       /* the distinct grams, NUL-terminated one after another */
	size_t text_len, text_cap;
	uint32_t *off;    /* gram number -> its offset in text */
	size_t ngrams, off_cap;
	uint32_t *slot;   /* open addressing: gram number + 1, 0 free */
	size_t nslots;
	uint64_t *pair;
	size_t npairs, pair_cap;
	uint32_t *rank;   /* after wg_gram_set_sort: gram number -> its place in order */
	uint32_t *by_rank; /* ... and back */
} wg_gram_set;

#define WG_GRAM_RID_BITS 40
#define WG_GRAM_SET_INIT {0}

bool wg_gram_set_add(wg_gram_set *s, const char *gram, size_t len, int64_t rid);
/* Sort the pairs in (gram, rid) order, as SQLite's BINARY collation orders
 * the grams, and drop the repeated ones. */
void wg_gram_set_sort(wg_gram_set *s);
/* The i-th pair in that order. */
const char *wg_gram_set_pair(const wg_gram_set *s, size_t i, int64_t *rid);
void wg_gram_set_free(wg_gram_set *s);

#endif

/* Word lists read from wangge's data folder (data/ in the source tree,
 * $(pkgdatadir) when installed): UTF-8 text, one entry per line, '#' starts a
 * comment line, blank lines are skipped. An entry may hold tab-separated columns. */
#ifndef WG_WORDLIST_H
#define WG_WORDLIST_H

#include <stddef.h>

#include "error.h"

typedef struct wg_wordlist {
	char **items;
	size_t n;
} wg_wordlist;

/* Load <data folder>/<rel> (see wg_data_path); an empty or unreadable list is
 * an error. */
int wg_wordlist_load(const char *rel, wg_wordlist *wl, wg_error *err);
void wg_wordlist_free(wg_wordlist *wl);
/* Column col (0-based) of entry i, copied into out; "" when missing. */
void wg_wordlist_column(const wg_wordlist *wl, size_t i, int col, char *out, size_t outlen);

#endif

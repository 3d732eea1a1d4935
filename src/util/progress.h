/* Long work says how far it has gone (the commit of many changes, reading a
 * bundle's records, a workspace's first index): the full-screen program draws
 * a bar from it. One hook for the process, set by the program; the core never
 * prints, it only calls the hook. With none set nothing happens. */
#ifndef WG_PROGRESS_H
#define WG_PROGRESS_H

#include <stddef.h>

/* what: an untranslated N_() label; total 0 when not known. */
typedef void wg_progress_fn(void *arg, const char *what, unsigned long done,
			    unsigned long total);

void wg_progress_set(wg_progress_fn *fn, void *arg);
/* Called as often as wanted: the hook hears of it at most every 100 ms, and
 * not at all in the first 300 ms of a piece of work (short work shows none);
 * $WANGGE_PROGRESS_MS sets both waits (0 for tests). */
void wg_progress(const char *what, unsigned long done, unsigned long total);
/* The work is over: a bar shown goes (the hook gets what NULL). */
void wg_progress_end(void);
/* The line a hook shows, for the screen and the terminal alike: what
 * (translated) then a bar of 20 cells, "Recording ... [#####---------------]
 * 25% 2500/10000", or the count alone when the total is not known. */
void wg_progress_line(char *buf, size_t n, const char *what, unsigned long done,
		      unsigned long total);

#endif

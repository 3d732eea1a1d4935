/* libgit2's failures as wangge's errors, for every module of the history. */
#ifndef WG_GITERR_H
#define WG_GITERR_H

#include <stdbool.h>

#include "error.h"

/* Did libgit2's last failure come of memory running out? */
bool wg_git_nomem(void);
/* Turn a libgit2 failure into an error ("not enough memory" when it was). */
int wg_git_fail(wg_error *err, const char *what);

#endif

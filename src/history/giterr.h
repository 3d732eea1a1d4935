/* libgit2's failures as wangge's errors, for every module of the history. */
#ifndef WG_GITERR_H
#define WG_GITERR_H

#include "error.h"

/* Turn a libgit2 failure into an error. */
int wg_git_fail(wg_error *err, const char *what);

#endif

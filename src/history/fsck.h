/* The history checked as git fsck checks it (for wangge check). */
#ifndef WG_FSCK_H
#define WG_FSCK_H

#include <stddef.h>

#include "error.h"
#include "repo.h"

/* Every pack and loose object of gitdir (history.git) read and named by its
 * hash, and every ref connected: its commits, trees and records all there.
 * WG_EINPUT with what is wrong, in words; *objects counts those checked. */
int wg_history_fsck(wg_repo *repo, const char *gitdir, size_t *objects, wg_error *err);

#endif

/* Reading and writing whole files for imports and exports. */
#ifndef WG_FILEUTIL_H
#define WG_FILEUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Read a whole file of at most max bytes into out (replacing its contents). */
int wg_read_file(const char *path, size_t max, strbuf *out, wg_error *err);
/* Write data to path through a temporary file in the same folder, synced and
 * renamed: readers see the old file or the whole new one, never half. */
int wg_write_file(const char *path, const void *data, size_t len, wg_error *err);

/* Whether what is written is synced to the disk before it counts as written
 * (files and databases; on unless turned off). A demo county turns it off
 * while it is built: it is made in a folder of its own, moved into place
 * when complete, and made again rather than repaired. */
void wg_set_durable(bool on);
bool wg_durable(void);

#endif

/* Reading and writing whole files for imports and exports. */
#ifndef WG_FILEUTIL_H
#define WG_FILEUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Read a whole file of at most max bytes into out (replacing its contents). */
int wg_read_file(const char *path, size_t max, strbuf *out, wg_error *err);
/* One piece of what a file is written from. */
struct wg_span {
	const void *data;
	size_t len;
};

/* WG_WRITE_PRIVATE: the file is the workspace's own, readable by its owner only
 * (0600), and a failure to write it is an internal error. */
enum { WG_WRITE_PRIVATE = 1 };

/* The one way wangge writes a file: the parts one after the other into a
 * temporary file of a unique name in the same folder, synced, renamed over path,
 * and the folder synced (syncing as wg_durable says). Readers see the old file
 * or the whole new one, never half, and after a crash one of them is there. A
 * failure names path; it is WG_EINTERNAL for a full disk, else WG_EINPUT. */
int wg_write_atomic(const char *path, const struct wg_span *parts, size_t nparts, int flags,
		    wg_error *err);
/* The same, the bytes made as they are written: produce hands them to
 * wg_out_write (a failed write is reported when produce returns); an error
 * produce returns leaves path as it was. */
typedef struct wg_out wg_out;
void wg_out_write(wg_out *o, const void *data, size_t len);
typedef int wg_produce_fn(wg_out *o, void *ctx, wg_error *err);
int wg_write_atomic_with(const char *path, int flags, wg_produce_fn *produce, void *ctx,
			 wg_error *err);
/* The same for one buffer, readable by all (0644, less the umask). */
int wg_write_file(const char *path, const void *data, size_t len, wg_error *err);

/* Whether what is written is synced to the disk before it counts as written
 * (files and databases; on unless turned off). A demo county turns it off
 * while it is built: it is made in a folder of its own, moved into place
 * when complete, and made again rather than repaired. */
void wg_set_durable(bool on);
bool wg_durable(void);

#endif

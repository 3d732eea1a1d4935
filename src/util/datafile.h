/* The plain text data files under data/ (checklists, calendars, rules): one
 * lexer so every file has the same rules and every error names file:line.
 *
 *   # a comment (whole line)
 *   @name value | value        a directive
 *   field | field | field      a row
 *
 * Fields are separated by "|" and trimmed of spaces; an empty field is an error
 * (write "-" for "none"). Files are UTF-8, lines end in LF, no tabs, no CR. */
#ifndef WG_DATAFILE_H
#define WG_DATAFILE_H

#include <stddef.h>

#include "error.h"

struct wg_dfline {
	unsigned lineno;
	char *directive;  /* "name" of "@name ...", or NULL for a row */
	char **fields;
	size_t nfields;
};

typedef struct wg_datafile {
	char *name;       /* file name used in messages */
	struct wg_dfline *lines;
	size_t nlines;
} wg_datafile;

int wg_datafile_parse(const char *name, const char *text, size_t len, wg_datafile *out,
		      wg_error *err);
/* Read and parse a file; a missing or unreadable file is a clear error. */
int wg_datafile_read(const char *path, wg_datafile *out, wg_error *err);
void wg_datafile_free(wg_datafile *df);
/* Fail with "name:line: message". */
int wg_datafile_fail(const wg_datafile *df, const struct wg_dfline *l, wg_error *err,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Whole file into memory (NUL-terminated); max_bytes guards against huge files. */
int wg_read_file_buf(const char *path, size_t max_bytes, char **buf, size_t *len, wg_error *err);
/* Folder of wangge's data files: $WANGGE_DATADIR, else the installed pkgdatadir
 * (or, before installation, the sources' data folder). */
const char *wg_datadir(void);
/* Path of a file under the data folder: $WANGGE_DATADIR, else PKGDATADIR. Caller frees. */
char *wg_data_path(const char *rel);

#endif

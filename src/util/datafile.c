#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include <sys/stat.h>

#include "fileutil.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"

const char *wg_datadir(void)
{
	const char *d = getenv("WANGGE_DATADIR");
	struct stat st;
	if (d && *d)
		return d;
	/* Run from the build tree before "make install" (the README's quick start):
	 * the data folder of the sources stands in for the installed one. */
	if (stat(PKGDATADIR, &st) != 0 && stat(SRCDATADIR, &st) == 0)
		return SRCDATADIR;
	return PKGDATADIR;
}

char *wg_data_path(const char *rel)
{
	return xasprintf("%s/%s", wg_datadir(), rel);
}

int wg_read_file_buf(const char *path, size_t max_bytes, char **buf, size_t *len, wg_error *err)
{
	strbuf sb = STRBUF_INIT;
	int rc = wg_read_file(path, max_bytes, &sb, err);

	*buf = NULL;
	*len = 0;
	if (rc) {
		sb_release(&sb);
		return rc;
	}
	*len = sb.len;
	*buf = sb_detach(&sb);
	return WG_OK;
}

int wg_datafile_fail(const wg_datafile *df, const struct wg_dfline *l, wg_error *err,
		     const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof err->msg];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (l)
		return wg_fail(err, WG_EINPUT, "%s:%u: %s", df->name, l->lineno, msg);
	return wg_fail(err, WG_EINPUT, "%s: %s", df->name, msg);
}

static char *trimmed(const char *s, size_t n)
{
	while (n && *s == ' ') {
		s++;
		n--;
	}
	while (n && s[n - 1] == ' ')
		n--;
	return xstrndup(s, n);
}

static void free_line(struct wg_dfline *l)
{
	free(l->directive);
	for (size_t i = 0; i < l->nfields; i++)
		free(l->fields[i]);
	free(l->fields);
}

void wg_datafile_free(wg_datafile *df)
{
	for (size_t i = 0; i < df->nlines; i++)
		free_line(&df->lines[i]);
	free(df->lines);
	free(df->name);
	memset(df, 0, sizeof *df);
}

static int split_fields(wg_datafile *df, struct wg_dfline *l, const char *s, size_t n,
			wg_error *err)
{
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '|')
			continue;
		char *f = trimmed(s + start, i - start);
		l->fields = xrealloc(l->fields, (l->nfields + 1) * sizeof *l->fields);
		l->fields[l->nfields++] = f;
		if (!*f)
			return wg_datafile_fail(df, l, err,
						_("empty field %zu (write \"-\" for none)"),
						l->nfields);
		start = i + 1;
	}
	return WG_OK;
}

int wg_datafile_parse(const char *name, const char *text, size_t len, wg_datafile *out,
		      wg_error *err)
{
	wg_datafile df = {xstrdup(name), NULL, 0};
	size_t pos = 0;
	unsigned lineno = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (len && text[len - 1] != '\n') {
		struct wg_dfline last = {0};
		for (size_t i = 0; i < len; i++)
			last.lineno += text[i] == '\n';
		last.lineno++;
		rc = wg_datafile_fail(&df, &last, err, _("the last line does not end with a line break"));
		wg_datafile_free(&df);
		return rc;
	}
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = (size_t)(nl - line);
		struct wg_dfline l = {++lineno, NULL, NULL, 0};
		pos += n + 1;
		if (!utf8_valid(line, n)) {
			rc = wg_datafile_fail(&df, &l, err, _("the text is not valid UTF-8"));
			goto fail;
		}
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)line[i];
			if (c == '\r') {
				rc = wg_datafile_fail(&df, &l, err,
						      _("carriage return: save the file with Unix (LF) line ends"));
				goto fail;
			}
			if (c < 0x20 || c == 0x7f) {
				rc = wg_datafile_fail(&df, &l, err,
						      _("control character (byte 0x%02x); use spaces, not tabs"), c);
				goto fail;
			}
		}
		size_t k = 0;
		while (k < n && line[k] == ' ')
			k++;
		if (k == n || line[k] == '#')
			continue;
		if (k != 0) {
			rc = wg_datafile_fail(&df, &l, err, _("a line may not start with a space"));
			goto fail;
		}
		if (line[0] == '@') {
			size_t e = 1;
			while (e < n && ((line[e] >= 'a' && line[e] <= 'z') || line[e] == '-'))
				e++;
			if (e == 1 || (e < n && line[e] != ' ')) {
				rc = wg_datafile_fail(&df, &l, err,
						      _("a directive is @ and a lower-case name, then a space"));
				goto fail;
			}
			l.directive = xstrndup(line + 1, e - 1);
			if (e >= n) {
				free_line(&l);
				rc = wg_datafile_fail(&df, &l, err, _("directive @%.*s has no value"),
						      (int)(e - 1), line + 1);
				goto fail;
			}
			rc = split_fields(&df, &l, line + e + 1, n - e - 1, err);
		} else {
			rc = split_fields(&df, &l, line, n, err);
		}
		if (rc) {
			free_line(&l);
			goto fail;
		}
		df.lines = xrealloc(df.lines, (df.nlines + 1) * sizeof *df.lines);
		df.lines[df.nlines++] = l;
	}
	*out = df;
	return WG_OK;
fail:
	wg_datafile_free(&df);
	return rc;
}

int wg_datafile_read(const char *path, wg_datafile *out, wg_error *err)
{
	char *buf;
	size_t len;
	int rc = wg_read_file_buf(path, 1 << 20, &buf, &len, err);
	if (rc)
		return rc;
	rc = wg_datafile_parse(path, buf, len, out, err);
	free(buf);
	return rc;
}

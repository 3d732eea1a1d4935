#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "wordlist.h"

int wg_wordlist_load(const char *rel, wg_wordlist *wl, wg_error *err)
{
	char *path = wg_data_path(rel);
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	ssize_t len;
	long lineno = 0;
	int rc = WG_OK;

	wl->items = NULL;
	wl->n = 0;
	if (!f) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot read the data file %s: %s"), path,
			     strerror(errno));
		free(path);
		return rc;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (!utf8_valid(line, (size_t)len)) {
			rc = wg_fail(err, WG_EINTERNAL, _("%s:%ld: the text is not valid UTF-8"),
				     path, lineno);
			break;
		}
		if (wl->n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			wl->items = xrealloc(wl->items, alloc * sizeof *wl->items);
		}
		wl->items[wl->n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	if (rc == WG_OK && wl->n == 0)
		rc = wg_fail(err, WG_EINTERNAL, _("the data file %s holds no entries"), path);
	free(path);
	if (rc)
		wg_wordlist_free(wl);
	return rc;
}

void wg_wordlist_free(wg_wordlist *wl)
{
	for (size_t i = 0; i < wl->n; i++)
		free(wl->items[i]);
	free(wl->items);
	wl->items = NULL;
	wl->n = 0;
}

void wg_wordlist_column(const wg_wordlist *wl, size_t i, int col, char *out, size_t outlen)
{
	const char *p = wl->items[i];
	for (int c = 0; c < col && p; c++) {
		p = strchr(p, '\t');
		if (p)
			p++;
	}
	size_t n = p ? strcspn(p, "\t") : 0;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, p ? p : "", n);
	out[n] = '\0';
}

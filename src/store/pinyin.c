#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "i18n.h"
#include "pinyin.h"
#include "utf8.h"

#define PY_FIRST 0x3400u
#define PY_LAST 0x9FFFu
#define PY_FILE "pinyin-initials.txt"

static char *table; /* letter per code point from PY_FIRST, '.' for none */

static int load_from(FILE *f, const char *path, char *t, wg_error *err)
{
	char line[256];
	unsigned lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char *end;
		unsigned long start = strtoul(line, &end, 16);
		size_t n = strcspn(end + 1, "\n");
		if (*end != ' ' || start < PY_FIRST || start > PY_LAST ||
		    n > PY_LAST + 1 - start)
			return wg_fail(err, WG_EINTERNAL, _("%s:%u: malformed pinyin table line"),
				       path, lineno);
		memcpy(t + (start - PY_FIRST), end + 1, n);
	}
	if (ferror(f))
		return wg_fail(err, WG_EINTERNAL, _("cannot read %s: %s"), path, strerror(errno));
	return WG_OK;
}

/* The demo enrolls officers from several threads: one loads the table. */
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static int load_locked(wg_error *err)
{
	if (table)
		return WG_OK;
	char *path = xasprintf("%s/%s", wg_datadir(), PY_FILE);
	FILE *f = fopen(path, "r");
	if (!f) {
		int rc = wg_fail(err, WG_EINTERNAL,
				 _("cannot open the pinyin table %s: %s (set WANGGE_DATADIR to "
				   "the folder of wangge's data files)"), path, strerror(errno));
		free(path);
		return rc;
	}
	char *t = xmalloc(PY_LAST + 1 - PY_FIRST);
	memset(t, '.', PY_LAST + 1 - PY_FIRST);
	int rc = load_from(f, path, t, err);
	fclose(f);
	free(path);
	if (rc) {
		free(t);
		return rc;
	}
	table = t;
	return WG_OK;
}

int wg_pinyin_load(wg_error *err)
{
	pthread_mutex_lock(&table_lock);
	int rc = load_locked(err);
	pthread_mutex_unlock(&table_lock);
	return rc;
}

int wg_pinyin_initials(const char *s, strbuf *out, wg_error *err)
{
	int rc = wg_pinyin_load(err);
	if (rc)
		return rc;
	size_t n = strlen(s);
	while (n > 0) {
		uint32_t cp;
		size_t used = utf8_decode(s, n, &cp);
		if (cp >= PY_FIRST && cp <= PY_LAST) {
			char c = table[cp - PY_FIRST];
			if (c != '.')
				sb_addc(out, c);
		} else if (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))) {
			sb_addc(out, (char)cp);
		} else if (cp >= 'A' && cp <= 'Z') {
			sb_addc(out, (char)(cp - 'A' + 'a'));
		}
		s += used;
		n -= used;
	}
	return WG_OK;
}

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "mask.h"
#include "utf8.h"
#include "validate.h"

struct value {
	char *text;
	size_t len;
	const char *what;
};

/* The values of one length: v[from..to) */
struct run {
	size_t len, from, to;
};

struct wg_masker {
	struct value *v;
	size_t n, alloc;
	struct run *runs; /* longest first, a few */
	size_t nruns;
};

void wg_maskings_free(wg_maskings *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].shown);
		free(m->v[i].where);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

static void add_value(const char *kind, const char *field, const char *value, void *arg)
{
	struct wg_masker *m = arg;
	size_t len = strlen(value);
	if (utf8_length(value, len) < 2)
		return;
	if (m->n == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 64;
		m->v = xrealloc(m->v, m->alloc * sizeof *m->v);
	}
	const char *what = strcmp(field, "idcard") == 0 ? N_("an ID number the county keeps")
			   : strcmp(field, "phone") == 0 || strcmp(field, "contact") == 0
				   ? N_("a phone number the county keeps")
				   : N_("a name the county keeps");
	(void)kind;
	m->v[m->n++] = (struct value){xstrdup(value), len, what};
}

/* Longest first: a full name is withheld before a shorter one inside it. The
 * same text kept twice (a complainant of two complaints) sorts by what it is,
 * so which one is kept does not depend on the order they were read in. */
static int by_length(const void *a, const void *b)
{
	const struct value *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? 1 : -1;
	int c = memcmp(x->text, y->text, x->len);
	return c ? c : strcmp(x->what, y->what);
}

int wg_masker_open(sqlite3 *db, wg_masker **out, wg_error *err)
{
	struct wg_masker *m = xcalloc(1, sizeof *m);
	int rc = wg_db_personal_values(db, add_value, m, err);
	if (rc) {
		wg_masker_free(m);
		return rc;
	}
	if (m->n)
		qsort(m->v, m->n, sizeof *m->v, by_length);
	/* each text once (the search needs one), and the runs of each length */
	size_t kept = 0;
	for (size_t i = 0; i < m->n; i++) {
		struct value *last = kept ? &m->v[kept - 1] : NULL;
		if (last && last->len == m->v[i].len &&
		    memcmp(last->text, m->v[i].text, m->v[i].len) == 0) {
			free(m->v[i].text);
			continue;
		}
		if (!last || last->len != m->v[i].len) {
			m->runs = xrealloc(m->runs, (m->nruns + 1) * sizeof *m->runs);
			m->runs[m->nruns++] = (struct run){m->v[i].len, kept, kept};
		}
		m->v[kept++] = m->v[i];
		m->runs[m->nruns - 1].to = kept;
	}
	m->n = kept;
	*out = m;
	return WG_OK;
}

void wg_masker_free(wg_masker *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].text);
	free(m->v);
	free(m->runs);
	free(m);
}

static void note(wg_maskings *list, const char *what, const char *value, size_t len,
		 const char *where)
{
	char shown[128];
	char *v = xstrndup(value, len);
	wg_mask(v, shown, sizeof shown);
	free(v);
	if (list->n == list->alloc) {
		list->alloc = list->alloc ? 2 * list->alloc : 8;
		list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
	}
	list->v[list->n++] = (struct wg_masking){_(what), xstrdup(shown), xstrdup(where)};
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number at p shaped like a mobile number or an ID number (a whole run of
 * digits, not part of a longer one): its length, or 0. */
static size_t shaped(const char *p, const char **what)
{
	size_t n = 0;
	while (is_digit(p[n]))
		n++;
	if (n == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9') {
		*what = N_("a mobile number");
		return 11;
	}
	if ((n == 17 && (p[17] == 'X' || p[17] == 'x')) || n == 18) {
		char first[18];
		memcpy(first, p, 17);
		first[17] = '\0';
		char want = wg_idcard_check_char(first);
		char got = p[17] == 'x' ? 'X' : p[17];
		if (want == got && !(n == 17 && (is_digit(p[18]) || (p[18] >= 'A' && p[18] <= 'Z')))) {
			*what = N_("an ID number");
			return 18;
		}
	}
	return 0;
}

/* The longest value text starts with: for each length the values have (a
 * few), a binary search among the values of that length. (Finding the lengths
 * anew at each character walked every value: 3.9 M instructions a row of the
 * large demo county's disclosure.) */
static const struct value *find(const wg_masker *m, const char *text)
{
	/* the text's bytes, as far as the longest value goes */
	size_t avail = m->nruns ? strnlen(text, m->runs[0].len) : 0;
	for (size_t r = 0; r < m->nruns; r++) {
		size_t len = m->runs[r].len;
		if (avail < len)
			continue;
		size_t lo = m->runs[r].from, hi = m->runs[r].to;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = memcmp(text, m->v[mid].text, len);
			if (c == 0)
				return &m->v[mid];
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	return NULL;
}

void wg_masker_apply(const wg_masker *m, const char *text, const char *where, strbuf *out,
		     wg_maskings *list)
{
	/* TRANSLATORS: put in a published text instead of a person's name, phone or ID number */
	const char *withheld = _("[withheld]");
	sb_reset(out);
	const char *p = text;
	while (*p) {
		const struct value *hit = find(m, p);
		if (hit) {
			note(list, hit->what, p, hit->len, where);
			sb_adds(out, withheld);
			p += hit->len;
			continue;
		}
		const char *what;
		size_t n = (p == text || !is_digit(p[-1])) && is_digit(*p) ? shaped(p, &what) : 0;
		if (n) {
			note(list, what, p, n, where);
			sb_adds(out, withheld);
			p += n;
			continue;
		}
		/* on to the next character (whole, so a match starts on one) */
		size_t step = 1;
		while (((unsigned char)p[step] & 0xc0) == 0x80)
			step++;
		sb_add(out, p, step);
		p += step;
	}
}

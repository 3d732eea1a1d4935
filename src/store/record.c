#include <config.h>

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "record.h"
#include "utf8.h"

/* Every empty value is this one string, never allocated nor freed: most
 * fields of most records are empty, and a record was made with one
 * allocation per field only to have most of them replaced. */
static char empty_value[1];

static char *value_copy(const char *v)
{
	return v && *v ? xstrdup(v) : empty_value;
}

static void value_free(char *v)
{
	if (v != empty_value)
		free(v);
}

wg_record *wg_record_new(const struct wg_kind *kind)
{
	wg_record *rec = xcalloc(1, sizeof *rec);
	rec->kind = kind;
	for (size_t i = 0; i < kind->nfields; i++)
		rec->val[i] = empty_value;
	return rec;
}

wg_record *wg_record_dup(const wg_record *src)
{
	wg_record *rec = xcalloc(1, sizeof *rec);
	rec->kind = src->kind;
	for (size_t i = 0; i < src->kind->nfields; i++)
		rec->val[i] = value_copy(src->val[i]);
	return rec;
}

void wg_record_free(wg_record *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < rec->kind->nfields; i++)
		value_free(rec->val[i]);
	free(rec);
}

const char *wg_record_get(const wg_record *rec, const char *field)
{
	int i = wg_field_index(rec->kind, field);
	return i < 0 ? NULL : rec->val[i];
}

const char *wg_record_id(const wg_record *rec)
{
	return rec->val[0];
}

void wg_record_put(wg_record *rec, int field, const char *value)
{
	/* an index from wg_field_index of a name the kind does not have is -1 */
	assert(field >= 0 && (size_t)field < rec->kind->nfields);
	char *copy = value_copy(value);
	value_free(rec->val[field]);
	rec->val[field] = copy;
}

int wg_record_set(wg_record *rec, const char *field, const char *value, const char **warning,
		  wg_error *err)
{
	int i = wg_field_index(rec->kind, field);
	if (i < 0)
		return wg_fail(err, WG_EINPUT, _("%s has no field \"%s\""), _(rec->kind->label),
			       field);
	int rc = wg_field_check(&rec->kind->fields[i], value, warning, err);
	if (rc != WG_OK)
		return rc;
	wg_record_put(rec, i, value);
	return WG_OK;
}

int wg_record_check(const wg_record *rec, wg_error *err)
{
	for (size_t i = 0; i < rec->kind->nfields; i++) {
		int rc = wg_field_check(&rec->kind->fields[i], rec->val[i], NULL, err);
		if (rc != WG_OK)
			return rc;
	}
	return WG_OK;
}

/* Write v escaped at o, which has room for twice its length; the end. */
static char *put_value(char *o, const char *v, size_t n)
{
	const char *end = v + n;
	for (;;) {
		/* the run up to the next character to escape in one copy */
		size_t run = strcspn(v, "\\\n");
		memcpy(o, v, run);
		o += run;
		v += run;
		if (v == end)
			return o;
		*o++ = '\\';
		*o++ = *v == '\\' ? '\\' : 'n';
		v++;
	}
}

void wg_record_serialize(const wg_record *rec, strbuf *out)
{
	/* room for the whole text first (each value's escapes at most double
	 * it), then written in place: a record's ten or twenty fields were
	 * some 50 small appends, each checking for room */
	const struct wg_kind *kind = rec->kind;
	size_t klen = strlen(kind->name), need = 5 + klen + 1;
	size_t vlen[WG_MAX_FIELDS], nlen[WG_MAX_FIELDS];
	for (size_t i = 0; i < kind->nfields; i++) {
		vlen[i] = strlen(rec->val[i]);
		nlen[i] = strlen(kind->fields[i].name);
		need += nlen[i] + 2 + 2 * vlen[i];
	}
	sb_grow(out, need);
	char *o = out->buf + out->len;
	memcpy(o, "kind=", 5);
	memcpy(o + 5, kind->name, klen);
	o += 5 + klen;
	*o++ = '\n';
	for (size_t i = 0; i < kind->nfields; i++) {
		if ((kind->fields[i].flags & FF_OMIT_EMPTY) && !vlen[i])
			continue;
		memcpy(o, kind->fields[i].name, nlen[i]);
		o += nlen[i];
		*o++ = '=';
		o = put_value(o, rec->val[i], vlen[i]);
		*o++ = '\n';
	}
	out->len = (size_t)(o - out->buf);
	out->buf[out->len] = '\0';
}

int wg_record_equal(const wg_record *a, const wg_record *b)
{
	if (a->kind != b->kind)
		return 0;
	for (size_t i = 0; i < a->kind->nfields; i++)
		if (strcmp(a->val[i], b->val[i]) != 0)
			return 0;
	return 1;
}

/* Unescape one value; refuses escapes other than \\ and \n. */
static int unescape(const char *s, size_t n, strbuf *out, unsigned line, wg_error *err)
{
	sb_reset(out);
	sb_grow(out, n);
	out->buf[out->len] = '\0'; /* an empty value into a new buffer: "" (found by make fuzz) */
	for (size_t i = 0; i < n; i++) {
		/* the run up to the next backslash in one copy */
		const char *bs = memchr(s + i, '\\', n - i);
		size_t run = bs ? (size_t)(bs - (s + i)) : n - i;
		sb_add(out, s + i, run);
		i += run;
		if (i == n)
			break;
		if (i + 1 >= n)
			return wg_fail(err, WG_EINPUT, _("line %u: a value ends in a lone backslash"), line);
		i++;
		if (s[i] == '\\')
			sb_addc(out, '\\');
		else if (s[i] == 'n')
			sb_addc(out, '\n');
		else
			return wg_fail(err, WG_EINPUT, _("line %u: unknown escape \"\\%c\""), line,
				       s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?');
	}
	return WG_OK;
}

/* Split off the next line, which must end with '\n'. */
static int next_line(const char *buf, size_t len, size_t *pos, const char **line, size_t *n,
		     unsigned lineno, wg_error *err)
{
	const char *start = buf + *pos;
	const char *nl = memchr(start, '\n', len - *pos);
	if (!nl)
		return wg_fail(err, WG_EINPUT, _("line %u: the file does not end with a line break"),
			       lineno);
	*line = start;
	*n = (size_t)(nl - start);
	*pos += *n + 1;
	return WG_OK;
}

/* Say what is wrong with a key that is not the one expected next. */
static int wrong_key(const struct wg_kind *kind, size_t want, const char *key, size_t klen,
		     unsigned lineno, wg_error *err)
{
	char found[40];
	size_t show = klen < sizeof found - 1 ? klen : sizeof found - 1;
	for (size_t i = 0; i < show; i++)
		found[i] = (key[i] >= 0x20 && key[i] < 0x7f) ? key[i] : '?';
	found[show] = '\0';
	if (klen == 4 && memcmp(key, "kind", 4) == 0)
		return wg_fail(err, WG_EINPUT, _("line %u: duplicate key \"kind\""), lineno);
	for (size_t i = 0; kind && i < kind->nfields; i++) {
		const char *name = kind->fields[i].name;
		if (strlen(name) != klen || memcmp(name, key, klen) != 0)
			continue;
		if (i < want)
			return wg_fail(err, WG_EINPUT, _("line %u: duplicate key \"%s\""), lineno, found);
		return wg_fail(err, WG_EINPUT,
			       _("line %u: key \"%s\" out of order (expected \"%s\")"), lineno, found,
			       kind->fields[want].name);
	}
	if (!kind)
		return wg_fail(err, WG_EINPUT, _("line %u: expected key \"kind\", found \"%s\""),
			       lineno, found);
	return wg_fail(err, WG_EINPUT, _("line %u: unknown key \"%s\" (expected \"%s\")"), lineno,
		       found, kind->fields[want].name);
}

static int expect_key(const struct wg_kind *kind, size_t want, const char *line, size_t n,
		      const char **value, size_t *vlen, unsigned lineno, wg_error *err)
{
	const char *key = kind ? kind->fields[want].name : "kind";
	const char *eq = memchr(line, '=', n);
	if (!eq)
		return wg_fail(err, WG_EINPUT, _("line %u: expected \"%s=\", found no \"=\""),
			       lineno, key);
	size_t klen = (size_t)(eq - line);
	if (klen != strlen(key) || memcmp(line, key, klen) != 0)
		return wrong_key(kind, want, line, klen, lineno, err);
	*value = eq + 1;
	*vlen = n - klen - 1;
	return WG_OK;
}

/* Whether the line at p (n bytes left) starts with "key=". */
static bool line_has_key(const char *p, size_t n, const char *key)
{
	size_t k = strlen(key);
	return n > k && memcmp(p, key, k) == 0 && p[k] == '=';
}

int wg_record_parse(const char *buf, size_t len, wg_record **out, wg_error *err)
{
	size_t pos = 0, n, vlen;
	const char *line, *value;
	unsigned lineno = 1;
	strbuf sb = STRBUF_INIT;
	wg_record *rec = NULL;
	int rc;

	*out = NULL;
	if (len == 0)
		return wg_fail(err, WG_EINPUT, _("the record is empty"));
	if (len > WG_RECORD_MAX_BYTES)
		return wg_fail(err, WG_EINPUT, _("the record is too large (%zu bytes, at most %d)"),
			       len, WG_RECORD_MAX_BYTES);
	if (memchr(buf, '\0', len))
		return wg_fail(err, WG_EINPUT, _("the record contains a NUL byte"));
	if (!utf8_valid(buf, len))
		return wg_fail(err, WG_EINPUT, _("the record is not valid UTF-8"));

	if ((rc = next_line(buf, len, &pos, &line, &n, lineno, err)) ||
	    (rc = expect_key(NULL, 0, line, n, &value, &vlen, lineno, err)))
		return rc;
	const struct wg_kind *kind = NULL;
	for (size_t i = 0; i < wg_nkinds; i++)
		if (strlen(wg_kinds[i]->name) == vlen && memcmp(wg_kinds[i]->name, value, vlen) == 0)
			kind = wg_kinds[i];
	if (!kind)
		return wg_fail(err, WG_EINPUT, _("line 1: unknown record kind"));

	rec = wg_record_new(kind);
	for (size_t f = 0; f < kind->nfields; f++) {
		const struct wg_field *field = &kind->fields[f];
		if ((field->flags & FF_OMIT_EMPTY) && !line_has_key(buf + pos, len - pos, field->name))
			continue; /* left out: empty */
		lineno++;
		if (pos >= len) {
			rc = wg_fail(err, WG_EINPUT, _("line %u: field \"%s\" is missing"), lineno,
				     field->name);
			goto fail;
		}
		if ((rc = next_line(buf, len, &pos, &line, &n, lineno, err)) ||
		    (rc = expect_key(kind, f, line, n, &value, &vlen, lineno, err)))
			goto fail;
		if (memchr(value, '\r', vlen) || memchr(value, '\t', vlen) || memchr(value, '\0', vlen)) {
			rc = wg_fail(err, WG_EINPUT, _("line %u: a control character in \"%s\""),
				     lineno, field->name);
			goto fail;
		}
		if ((rc = unescape(value, vlen, &sb, lineno, err)))
			goto fail;
		if (field->type != FT_NOTE && strchr(sb_str(&sb), '\n')) {
			rc = wg_fail(err, WG_EINPUT, _("line %u: \"%s\" may not hold a line break"),
				     lineno, field->name);
			goto fail;
		}
		if ((field->flags & FF_OMIT_EMPTY) && !*sb_str(&sb)) {
			rc = wg_fail(err, WG_EINPUT, _("line %u: \"%s\" is empty and must be left out"),
				     lineno, field->name);
			goto fail;
		}
		if ((rc = wg_field_check(field, sb_str(&sb), NULL, err))) {
			wg_error_prefix(err, _("line %u"), lineno);
			goto fail;
		}
		wg_record_put(rec, (int)f, sb_str(&sb));
	}
	if (pos != len) {
		lineno++;
		rc = wg_fail(err, WG_EINPUT, _("line %u: unexpected text after the last field"), lineno);
		goto fail;
	}
	sb_release(&sb);
	*out = rec;
	return WG_OK;
fail:
	sb_release(&sb);
	wg_record_free(rec);
	return rc;
}

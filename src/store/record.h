/* Records and their canonical text form: the bytes that go into git.
 *
 *   kind=entity
 *   id=5f3c9a...
 *   name=中山乡卫生院
 *   ...
 *
 * One "key=value" line per field of the kind, every field, in the schema's order,
 * "kind" first. Values are UTF-8; a backslash is written "\\" and a line break
 * "\n"; no other control character, no leading or trailing space. The same record
 * always gives the same bytes; the parser refuses anything else. */
#ifndef WG_RECORD_H
#define WG_RECORD_H

#include <stddef.h>

#include "error.h"
#include "schema.h"
#include "strbuf.h"

#define WG_RECORD_MAX_BYTES (64 * 1024)

typedef struct wg_record {
	const struct wg_kind *kind;
	char *val[WG_MAX_FIELDS]; /* never NULL after wg_record_new; "" when empty (one shared
				   * string: read the values, change them with wg_record_put) */
} wg_record;

wg_record *wg_record_new(const struct wg_kind *kind);
wg_record *wg_record_dup(const wg_record *rec);
void wg_record_free(wg_record *rec);

/* NULL for a name that the kind does not have: tests/fields.sh checks that every
 * name written in the code is the schema's. */
const char *wg_record_get(const wg_record *rec, const char *field);
const char *wg_record_id(const wg_record *rec);
/* Set without checking (values from the database or already checked). field is
 * an index of the kind's fields, never the -1 of an unknown name. */
void wg_record_put(wg_record *rec, int field, const char *value);
/* Check then set; on error the record is unchanged. *warning as in wg_field_check. */
int wg_record_set(wg_record *rec, const char *field, const char *value, const char **warning,
		  wg_error *err);
/* Check every field (required ones present, each value valid). */
int wg_record_check(const wg_record *rec, wg_error *err);

void wg_record_serialize(const wg_record *rec, strbuf *out);
/* Parse untrusted bytes. On success *out holds a new record that passes
 * wg_record_check; on failure err names the line and the problem. */
int wg_record_parse(const char *buf, size_t len, wg_record **out, wg_error *err);
/* Two records of one kind with the same values. */
int wg_record_equal(const wg_record *a, const wg_record *b);

#endif

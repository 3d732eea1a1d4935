/* The one declaration of every synced record kind and its fields: the canonical
 * text form, the database columns, validation and (for sync) the merge policy
 * all follow from these tables. */
#ifndef WG_SCHEMA_H
#define WG_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum wg_ftype {
	FT_TEXT,    /* free text on one line */
	FT_NOTE,    /* free text, may hold line breaks */
	FT_ID,      /* 32 hex digits: this record's id */
	FT_REF,     /* id of another record, or empty */
	FT_REFS,    /* comma-separated ids, sorted, no duplicates */
	FT_ENUM,    /* one of field->options */
	FT_DATE,    /* YYYY-MM-DD (CST calendar date) */
	FT_TIME,    /* YYYY-MM-DDTHH:MM:SSZ (UTC) */
	FT_INT,     /* non-negative decimal integer, no leading zeros */
	FT_CODE,    /* an identifier checked by field->check (USCC, phone, ...) */
};

/* How a field merges when both sides changed it (see merge.c). */
enum wg_merge {
	MERGE_PLAIN,       /* differing changes conflict */
	MERGE_STATUS,      /* the later state in field->options wins */
	MERGE_COUNTY,      /* only the county may set it; an officer's change is refused */
	MERGE_ONCE,        /* set once (ids, creation times); any change is refused */
};

enum wg_check {
	CHECK_NONE,
	CHECK_USCC,
	CHECK_IDCARD,
	CHECK_MOBILE,      /* a mobile number, or a fixed line with area code */
	CHECK_REGION,      /* 6-, 9- or 12-digit 区划代码 */
	CHECK_LICENCE,     /* 医疗机构执业许可证登记号 structure */
	CHECK_GRIDCODE,    /* safe as a git ref component */
	CHECK_CATEGORY,    /* a known entity category code */
	CHECK_RULECODE,    /* a code a county rule file defines: a-z, 0-9, _ and - */
	CHECK_BLOBID,      /* a git blob id: 40 lowercase hex digits */
};

enum {
	FF_REQUIRED = 1 << 0, /* may not be empty */
	FF_PERSONAL = 1 << 1, /* personal data: masked in lists, never published */
	FF_HIDDEN = 1 << 2,   /* bookkeeping: not shown in forms */
	/* A field added after records of its kind were already in histories: its
	 * line is left out of the canonical text while it is empty, so every
	 * record written before it existed keeps its bytes (and its blob id). */
	FF_OMIT_EMPTY = 1 << 3,
	/* Personal data the county alone keeps (a complainant's identity, an
	 * officer's ID number and phone): the value lives in the county's
	 * "personal" table, which no bundle carries; the record's own value is
	 * always empty from database version 13 on (db.c), so no commit holds it.
	 * Older histories may still hold one, and their records still parse. */
	FF_COUNTY_ONLY = 1 << 4,
};

struct wg_option {
	const char *value;  /* stored value, ASCII */
	const char *label;  /* N_() English label */
};

struct wg_field {
	const char *name;         /* key in the record file and column name */
	enum wg_ftype type;
	unsigned max_chars;       /* longest value in code points */
	enum wg_merge merge;
	unsigned flags;
	enum wg_check check;
	const struct wg_option *options; /* FT_ENUM: ends with {NULL}; in status order */
	const char *label;        /* N_() English label, translated at display */
};

enum wg_branch { BRANCH_COMMON, BRANCH_GRID };

struct wg_kind {
	const char *name;         /* "entity": record key, tree directory, table */
	enum wg_branch branch;
	const struct wg_field *fields; /* fields[0] is always "id" */
	size_t nfields;
	const char *label;        /* N_() */
	int grid_field;           /* index of the grid code field, or -1 */
	/* Records only the county makes and changes, though a grid branch
	 * carries them (penalty cases): an officer's workspace and an officer's
	 * bundle may not make, change or delete one. */
	bool county_made;
};

#define WG_MAX_FIELDS 32
/* The longest grid code (max_chars of every grid code field, CHECK_GRIDCODE:
 * ASCII), and the size of a buffer that holds one. */
#define WG_GRID_CODE_MAX 32
#define WG_GRID_CODE_BUFSIZE (WG_GRID_CODE_MAX + 1)

extern const struct wg_kind *const wg_kinds[];
extern const size_t wg_nkinds;

const struct wg_kind *wg_kind_find(const char *name);
int wg_field_index(const struct wg_kind *kind, const char *name);
const struct wg_field *wg_field_find(const struct wg_kind *kind, const char *name);

/* Well-known kinds. */
extern const struct wg_kind wg_kind_county, wg_kind_township, wg_kind_grid,
	wg_kind_officer, wg_kind_entity, wg_kind_task, wg_kind_inspection,
	wg_kind_complaint, wg_kind_checklist, wg_kind_result, wg_kind_finding,
	wg_kind_evidence, wg_kind_recusal, wg_kind_draw, wg_kind_campaign,
	wg_kind_calendar, wg_kind_signer, wg_kind_rules, wg_kind_recompute,
	wg_kind_blacklist, wg_kind_penalty, wg_kind_penalty_step,
	wg_kind_discretion, wg_kind_clue, wg_kind_staff, wg_kind_notice;

/* Check one value against its field: type, length, characters, enum options and
 * check digits. Returns WG_OK, or WG_EINPUT with a translated message in err.
 * *warning (may be NULL) is set to a translated warning when the value is
 * acceptable only after the user confirms it (an old USCC with a bad check char). */
int wg_field_check(const struct wg_field *f, const char *value, const char **warning,
		   wg_error *err);

/* Translated label of an enum option ("open" -> "营业"). */
const char *wg_option_label(const struct wg_field *f, const char *option);

/* Entity categories: the national class codes (WS 218) and the non-medical
 * supervision objects. */
struct wg_category {
	const char *code;
	const char *label; /* N_() English label */
	const char *group; /* clinic, hospital, pharmacy, public_place, school, water, vaccination, elderly, illegal */
};
extern const struct wg_category wg_categories[];
extern const size_t wg_ncategories;
const struct wg_category *wg_category_find(const char *code);

#endif

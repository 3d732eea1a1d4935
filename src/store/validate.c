#include <config.h>

#include <pthread.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "timeutil.h"
#include "utf8.h"
#include "validate.h"

enum pattern_id {
	PAT_USCC,
	PAT_IDCARD,
	PAT_MOBILE,
	PAT_FIXED,
	PAT_REGION,
	PAT_LICENCE,
	PAT_COUNT
};

/* The USCC charset leaves out I, O, S, V and Z. */
static const char *const patterns[PAT_COUNT] = {
	[PAT_USCC] = "^[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$",
	[PAT_IDCARD] = "^[1-9][0-9]{5}(?:18|19|20)[0-9]{2}[0-9]{4}[0-9]{3}[0-9X]$",
	[PAT_MOBILE] = "^(?:\\+86)?1[3-9][0-9]{9}$",
	[PAT_FIXED] = "^0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}$",
	[PAT_REGION] = "^[1-8][0-9]{5}(?:[0-9]{3}(?:[0-9]{3})?)?$",
	[PAT_LICENCE] = "^[0-9A-Z]{9}[0-9]{6}[0-9]{2}[A-Z][0-9]{3}[129]$",
};

static pcre2_code *compiled[PAT_COUNT];
static pthread_once_t compiled_once = PTHREAD_ONCE_INIT;

/* All at once, before any thread matches (the demo enrolls officers from
 * several threads). */
static void compile_all(void)
{
	for (int id = 0; id < PAT_COUNT; id++) {
		int errcode;
		PCRE2_SIZE erroff;
		compiled[id] = pcre2_compile((PCRE2_SPTR)patterns[id], PCRE2_ZERO_TERMINATED,
					     PCRE2_UTF, &errcode, &erroff, NULL);
	}
}

static bool matches(enum pattern_id id, const char *s)
{
	pthread_once(&compiled_once, compile_all);
	if (!compiled[id])
		return false; /* the patterns are fixed: covered by the unit tests */
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(compiled[id], NULL);
	int rc = pcre2_match(compiled[id], (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char wg_uscc_check_char(const char *first17)
{
	static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		const char *p = first17[i] ? strchr(uscc_charset, first17[i]) : NULL;
		if (!p)
			return 0;
		sum += (int)(p - uscc_charset) * weights[i];
	}
	return uscc_charset[(31 - sum % 31) % 31];
}

int wg_check_uscc(const char *code, const char **warning, wg_error *err)
{
	if (warning)
		*warning = NULL;
	if (strlen(code) != 18)
		return wg_fail(err, WG_EINPUT,
			       _("unified social credit code \"%s\" must have 18 characters, not %zu"),
			       code, strlen(code));
	if (!matches(PAT_USCC, code))
		return wg_fail(err, WG_EINPUT,
			       _("unified social credit code \"%s\" is malformed: use digits and capital "
				 "letters except I, O, S, V, Z"), code);
	char want = wg_uscc_check_char(code);
	if (want != code[17] && warning) {
		static char buf[256];
		snprintf(buf, sizeof buf,
			 _("the check character of unified social credit code %s should be %c; some "
			   "old codes fail this check, so keep it only if the licence shows it so"),
			 code, want);
		*warning = buf;
	}
	return WG_OK;
}

char wg_idcard_check_char(const char *first17)
{
	static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return 0;
		sum += (first17[i] - '0') * weights[i];
	}
	int c = (12 - sum % 11) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

int wg_check_idcard(const char *id, wg_error *err)
{
	if (!matches(PAT_IDCARD, id))
		return wg_fail(err, WG_EINPUT,
			       _("ID card number must be 17 digits followed by a digit or X"));
	char date[11];
	snprintf(date, sizeof date, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
	if (!wg_date_valid(date))
		return wg_fail(err, WG_EINPUT, _("ID card number holds no valid birth date (%s)"), date);
	char want = wg_idcard_check_char(id);
	if (want != id[17])
		return wg_fail(err, WG_EINPUT,
			       _("ID card number has a wrong check digit (should be %c): "
				 "look for a mistyped digit"), want);
	return WG_OK;
}

int wg_check_phone(const char *phone, wg_error *err)
{
	if (matches(PAT_MOBILE, phone) || matches(PAT_FIXED, phone))
		return WG_OK;
	return wg_fail(err, WG_EINPUT,
		       _("phone number \"%s\" is neither a mobile number (11 digits starting "
			 "13-19) nor a fixed line with its area code"), phone);
}

int wg_check_region(const char *code, wg_error *err)
{
	if (!matches(PAT_REGION, code))
		return wg_fail(err, WG_EINPUT,
			       _("region code \"%s\" must be 6 digits (county), 9 (township) or 12 "
				 "(village)"), code);
	return WG_OK;
}

int wg_check_licence(const char *no, wg_error *err)
{
	if (strlen(no) != 22)
		return wg_fail(err, WG_EINPUT,
			       _("licence registration number must have 22 characters, not %zu"),
			       strlen(no));
	if (!matches(PAT_LICENCE, no))
		return wg_fail(err, WG_EINPUT,
			       _("licence registration number \"%s\" is malformed: 9-character "
				 "organisation code, 6-digit region, 2-digit economic type, 4-character "
				 "class code, then 1, 2 or 9"), no);
	return WG_OK;
}

static bool code_char(char c, bool first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (!first && (c == '_' || c == '-'));
}

/* What "^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$" matched, without PCRE2: every
 * record has a grid code, and matching it was a third of checking the demo
 * county's records. Exactly what the pattern matched, so a final line break
 * too ($ matches before one), which wg_field_check refuses before; tested
 * against the pattern (test-validate). */
int wg_check_gridcode(const char *code, wg_error *err)
{
	size_t n = strlen(code);
	if (n && code[n - 1] == '\n')
		n--;
	bool ok = n >= 1 && n <= 32;
	for (size_t i = 0; ok && i < n; i++)
		ok = code_char(code[i], i == 0);
	if (!ok)
		return wg_fail(err, WG_EINPUT,
			       _("grid code \"%s\" may hold only letters, digits, - and _ (at most 32)"),
			       code);
	return WG_OK;
}

void wg_mask(const char *v, char *out, size_t outlen)
{
	size_t n = strlen(v), chars = utf8_length(v, n);
	size_t keep_head, keep_tail, o = 0, i = 0, k = 0;

	if (chars >= 15) {
		keep_head = 6;
		keep_tail = 4;
	} else if (chars >= 7) {
		keep_head = 3;
		keep_tail = 4;
	} else {
		/* a name: keep its first character ("张*") */
		keep_head = 1;
		keep_tail = 0;
	}
	if (outlen == 0)
		return;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(v + i, n - i, &cp);
		bool keep = k < keep_head || k >= chars - keep_tail;
		if (keep) {
			if (o + len + 1 > outlen)
				break;
			memcpy(out + o, v + i, len);
			o += len;
		} else {
			if (o + 2 > outlen)
				break;
			out[o++] = '*';
		}
		i += len;
		k++;
	}
	out[o] = '\0';
}

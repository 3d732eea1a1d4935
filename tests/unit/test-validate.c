/* Identifier checks: USCC, ID card, phone, region code, licence number. */
#include <config.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "validate.h"

/* The pattern grid codes were checked with; wg_check_gridcode must accept
 * exactly what it matched. */
static bool pattern_matches(pcre2_code *re, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

/* s quoted for a TAP line, its bytes outside ASCII's printable ones as \xNN. */
static void quote(const char *s, char *out, size_t outlen)
{
	size_t o = 0;
	for (; *s && o + 5 < outlen; s++) {
		unsigned char c = (unsigned char)*s;
		o += (size_t)snprintf(out + o, outlen - o, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
	}
	out[o] = '\0';
}

/* Every string of up to 3 of these symbols, and codes around 32 long; the
 * number compared, and the first that disagrees in *bad. */
static size_t gridcode_agrees(char *bad, size_t badlen)
{
	static const char *const sym[] = {"a", "Z", "0", "9", "_", "-", ".", "\n", " ", "/",
					  "\xc3\xa9", "\xc3"};
	const size_t nsym = sizeof sym / sizeof sym[0];
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR) "^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$",
				       PCRE2_ZERO_TERMINATED, PCRE2_UTF, &errcode, &erroff, NULL);
	size_t n = 0;
	*bad = '\0';
	for (size_t len = 0; len <= 3; len++) {
		size_t total = 1;
		for (size_t i = 0; i < len; i++)
			total *= nsym;
		for (size_t k = 0; k < total; k++) {
			char s[16] = "";
			for (size_t i = 0, v = k; i < len; i++, v /= nsym)
				strcat(s, sym[v % nsym]);
			wg_error err;
			bool ours = wg_check_gridcode(s, &err) == WG_OK;
			if (ours != pattern_matches(re, s) && !*bad)
				quote(s, bad, badlen);
			n++;
		}
	}
	for (size_t len = 30; len <= 34; len++)
		for (size_t last = 0; last < nsym; last++)
			for (int first = 0; first < 2; first++) {
				char s[64];
				memset(s, 'a', len);
				s[0] = first ? '-' : 'b';
				strcpy(s + len, sym[last]);
				wg_error err;
				bool ours = wg_check_gridcode(s, &err) == WG_OK;
				if (ours != pattern_matches(re, s) && !*bad)
					quote(s, bad, badlen);
				n++;
			}
	pcre2_code_free(re);
	return n;
}

int main(void)
{
	wg_error err;
	const char *warning;

	/* USCC (GB 32100-2015) */
	tap_is_int(wg_check_uscc("91110000600037341L", &warning, &err), WG_OK, "USCC 91110000600037341L valid");
	tap_ok(warning == NULL, "  no warning");
	tap_is_int(wg_check_uscc("91350100M000100Y43", &warning, &err), WG_OK, "USCC 91350100M000100Y43 valid");
	tap_ok(warning == NULL, "  no warning");
	tap_is_int(wg_uscc_check_char("91110000600037341"), 'L', "check char computed");
	tap_is_int(wg_check_uscc("91110000600037341M", &warning, &err), WG_OK,
		   "wrong check char: accepted ...");
	tap_ok(warning && strstr(warning, "L"), "  ... with a warning naming the right one");
	tap_is_int(wg_check_uscc("9111000060003734", &warning, &err), WG_EINPUT, "16 chars refused");
	tap_ok(strstr(err.msg, "18") != NULL, "  message says 18: %s", err.msg);
	tap_is_int(wg_check_uscc("91110000600037341I", &warning, &err), WG_EINPUT, "letter I refused");
	tap_is_int(wg_check_uscc("9111000060003734ol", &warning, &err), WG_EINPUT, "lower case refused");
	tap_is_int(wg_check_uscc("01110000600037341L", &warning, &err), WG_EINPUT,
		   "registration department 0 refused");

	/* ID card (GB 11643) */
	tap_is_int(wg_check_idcard("11010519491231002X", &err), WG_OK, "ID 11010519491231002X valid");
	tap_is_int(wg_check_idcard("110105194912310021", &err), WG_EINPUT, "wrong check digit refused");
	tap_ok(strstr(err.msg, "X") != NULL, "  message gives the right check digit: %s", err.msg);
	tap_is_int(wg_check_idcard("110105194902300021", &err), WG_EINPUT, "30 February refused");
	tap_is_int(wg_check_idcard("11010519491231002", &err), WG_EINPUT, "17 digits refused");
	tap_is_int(wg_idcard_check_char("11010519491231002"), 'X', "check digit 10 is X");

	/* phone */
	tap_is_int(wg_check_phone("13800138000", &err), WG_OK, "mobile valid");
	tap_is_int(wg_check_phone("+8613800138000", &err), WG_OK, "mobile with +86 valid");
	tap_is_int(wg_check_phone("12800138000", &err), WG_EINPUT, "12x mobile refused");
	tap_is_int(wg_check_phone("1380013800", &err), WG_EINPUT, "10-digit mobile refused");
	tap_is_int(wg_check_phone("0571-87654321", &err), WG_OK, "fixed line with area code valid");

	/* region codes */
	tap_is_int(wg_check_region("330102", &err), WG_OK, "6-digit county valid");
	tap_is_int(wg_check_region("330102001", &err), WG_OK, "9-digit township valid");
	tap_is_int(wg_check_region("330102001001", &err), WG_OK, "12-digit village valid");
	tap_is_int(wg_check_region("33010", &err), WG_EINPUT, "5 digits refused");
	tap_is_int(wg_check_region("33010200", &err), WG_EINPUT, "8 digits refused");
	tap_is_int(wg_check_region("930102", &err), WG_EINPUT, "province 9x refused");

	/* licence registration number: 9 + 6 + 2 + 4 + 1 */
	tap_is_int(wg_check_licence("PDY12345X330102" "11" "D211" "1", &err), WG_OK, "licence valid");
	tap_is_int(wg_check_licence("PDY12345X330102" "11" "D211" "3", &err), WG_EINPUT,
		   "classification 3 refused");
	tap_is_int(wg_check_licence("PDY12345X33010211D21", &err), WG_EINPUT, "20 chars refused");

	/* grid codes become git ref components */
	tap_is_int(wg_check_gridcode("330102001-01", &err), WG_OK, "grid code valid");
	tap_is_int(wg_check_gridcode("a..b", &err), WG_EINPUT, "'..' refused");
	tap_is_int(wg_check_gridcode("a/b", &err), WG_EINPUT, "'/' refused");
	tap_is_int(wg_check_gridcode("-x", &err), WG_EINPUT, "leading '-' refused");
	char bad[128];
	size_t compared = gridcode_agrees(bad, sizeof bad);
	tap_ok(compared > 1000 && !*bad, "the grid code check agrees with its pattern on %zu strings%s%s",
	       compared, *bad ? "; not on " : "", bad);

	/* masks */
	char m[64];
	wg_mask("11010519491231002X", m, sizeof m);
	tap_is_str(m, "110105********002X", "ID card masked");
	wg_mask("13800138000", m, sizeof m);
	tap_is_str(m, "138****8000", "mobile masked");
	wg_mask("张三丰", m, sizeof m);
	tap_is_str(m, "张**", "name masked by character, never split");
	return tap_exit();
}

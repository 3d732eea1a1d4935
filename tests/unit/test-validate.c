/* Identifier checks: USCC, ID card, phone, region code, licence number. */
#include <config.h>

#include <string.h>

#include "tap.h"
#include "validate.h"

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

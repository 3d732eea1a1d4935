/* Display width and UTF-8 decoding. */
#include <config.h>

#include <string.h>

#include "table.h"
#include "tap.h"
#include "timeutil.h"
#include "utf8.h"

int main(void)
{
	tap_is_int((long)str_width("中文"), 4, "中文 is 4 columns");
	tap_is_int((long)str_width("日本語"), 6, "日本語 is 6 columns");
	tap_is_int((long)str_width("abc"), 3, "ASCII is 1 column each");
	tap_is_int((long)str_width("ＡＢ"), 4, "fullwidth letters are 2 columns");
	tap_is_int((long)str_width("e\xcc\x81"), 1, "a combining accent takes no column");
	tap_is_int((long)str_width("\xff\xfe"), 2, "invalid bytes count one column each");
	tap_ok(utf8_valid("中山乡卫生院", strlen("中山乡卫生院")), "Chinese is valid UTF-8");
	tap_ok(!utf8_valid("\xc0\xaf", 2), "overlong encoding refused");
	tap_ok(!utf8_valid("\xed\xa0\x80", 3), "surrogate refused");
	tap_ok(!utf8_valid("\xe4\xb8", 2), "truncated sequence refused");
	tap_ok(!utf8_valid("\xf4\x90\x80\x80", 4), "above U+10FFFF refused");
	tap_is_int((long)utf8_length("中a文", strlen("中a文")), 3, "length in code points");

	size_t cols;
	size_t bytes = str_fit("中山乡", 5, &cols);
	tap_is_int((long)bytes, 6, "fitting 5 columns never splits a wide character");
	tap_is_int((long)cols, 4, "and uses 4 columns");

	strbuf sb = STRBUF_INIT;
	wg_pad(&sb, "中山乡卫生院", 7);
	tap_is_str(sb_str(&sb), "中山乡…", "cut with an ellipsis to 7 columns");
	sb_reset(&sb);
	wg_pad(&sb, "中山乡卫生院", 8);
	tap_is_str(sb_str(&sb), "中山乡… ", "at 8 columns the half cell is padded, not split");
	tap_is_int((long)str_width(sb_str(&sb)), 8, "padded result is exactly 8 columns");
	sb_reset(&sb);
	wg_pad(&sb, "a\x01" "b", 4);
	tap_ok(strstr(sb_str(&sb), "\x01") == NULL, "control characters never reach the output");
	sb_release(&sb);

	/* natural order: digit runs compare as numbers */
	{
		static const char *const sorted[] = {
			"0号", "第1诊所", "第2诊所", "第02诊所b", "第9诊所", "第10诊所", "第10诊所分部",
			"第99诊所", "第100诊所", "第123456789诊所", "第1234567890诊所", "第x诊所",
			"诊所", "诊所1", "诊所A",
		};
		size_t n = sizeof sorted / sizeof sorted[0];
		bool ordered = true;
		strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		for (size_t i = 1; i < n; i++) {
			sb_reset(&a);
			sb_reset(&b);
			wg_natural_key(sorted[i - 1], &a);
			wg_natural_key(sorted[i], &b);
			if (strcmp(sb_str(&a), sb_str(&b)) >= 0) {
				tap_diag("natural key: %s (%s) is not before %s (%s)", sorted[i - 1],
					 sb_str(&a), sorted[i], sb_str(&b));
				ordered = false;
			}
		}
		tap_ok(ordered, "natural keys sort %zu names with numbers in numeric order", n);
		sb_reset(&a);
		sb_reset(&b);
		wg_natural_key("第007诊所", &a);
		wg_natural_key("第7诊所", &b);
		tap_is_str(sb_str(&a), sb_str(&b), "leading zeros do not count");
		sb_reset(&a);
		wg_natural_key("药房", &a);
		tap_is_str(sb_str(&a), "药房", "a name without digits is its own key");
		sb_release(&a);
		sb_release(&b);
	}

	/* dates */
	tap_ok(wg_date_valid("2024-02-29"), "leap day 2024 valid");
	tap_ok(!wg_date_valid("2026-02-29"), "2026-02-29 invalid");
	tap_ok(!wg_date_valid("2026-13-01"), "month 13 invalid");
	tap_is_int(wg_date_weekday("2026-11-22"), 7, "2026-11-22 is a Sunday");
	char d[11];
	wg_date_from_days(wg_date_days("2026-12-31") + 1, d);
	tap_is_str(d, "2027-01-01", "day arithmetic crosses the year");
	time_t t;
	tap_ok(wg_timestamp_parse("2026-11-22T16:30:00Z", &t), "timestamp parses");
	wg_date_of(t, d);
	tap_is_str(d, "2026-11-23", "16:30 UTC is already the next day in China");
	char disp[32];
	wg_timestamp_display("2026-11-22T16:30:00Z", disp, sizeof disp);
	tap_is_str(disp, "2026-11-23 00:30", "shown in China Standard Time");
	char back[21];
	wg_timestamp(t, back);
	tap_is_str(back, "2026-11-22T16:30:00Z", "timestamp round-trips");
	tap_ok(!wg_timestamp_parse("2026-11-22 16:30:00", &t), "timestamp without T/Z refused");
	return tap_exit();
}

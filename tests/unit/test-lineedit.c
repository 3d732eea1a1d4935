/* The line editor: insert, delete and move by character, cursor columns with
 * wide characters, and the view that keeps the cursor visible. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "tui/lineedit.h"
#include "tap.h"

static void is_text(lineedit *le, const char *want, const char *what)
{
	char *got = le_text(le);
	tap_is_str(got, want, "%s", what);
	free(got);
}

int main(void)
{
	lineedit le;
	le_init(&le, 10);
	tap_is_int((long)le_cursor_col(&le), 0, "empty: cursor at column 0");
	le_insert(&le, 0x4e2d); /* 中 */
	le_insert(&le, 'a');
	le_insert(&le, 0x6587); /* 文 */
	is_text(&le, "中a文", "inserting wide and narrow characters");
	tap_is_int((long)le.len, 3, "three characters");
	tap_is_int((long)le_cursor_col(&le), 5, "cursor after 中a文 is at column 5");
	le_left(&le);
	tap_is_int((long)le_cursor_col(&le), 3, "left moves over 文: column 3");
	le_left(&le);
	tap_is_int((long)le_cursor_col(&le), 2, "left moves over a: column 2");
	le_insert(&le, 0x5c71); /* 山 */
	is_text(&le, "中山a文", "insert in the middle");
	tap_is_int((long)le_cursor_col(&le), 4, "cursor after 中山 is at column 4");
	tap_ok(le_backspace(&le), "backspace deletes");
	is_text(&le, "中a文", "backspace removed the whole wide character");
	tap_ok(le_delete(&le), "delete at cursor");
	is_text(&le, "中文", "delete removed the character after the cursor");
	le_home(&le);
	tap_ok(!le_backspace(&le), "backspace at the start does nothing");
	tap_is_int((long)le_cursor_col(&le), 0, "home: column 0");
	le_end(&le);
	tap_ok(!le_delete(&le), "delete at the end does nothing");
	tap_is_int((long)le_cursor_col(&le), 4, "end: column 4");
	tap_ok(!le_insert(&le, '\n'), "control characters are refused");
	tap_ok(!le_insert(&le, 0x1b), "escape is refused");
	le_right(&le);
	tap_is_int((long)le.cursor, 2, "right at the end stays");

	le_set(&le, "0123456789");
	tap_ok(!le_insert(&le, 'x'), "input past the limit is refused");
	le_free(&le);

	le_init(&le, 0);
	le_set(&le, "ab\xff" "c");
	is_text(&le, "ab\xef\xbf\xbd" "c", "invalid bytes become U+FFFD");
	le_set(&le, "中山乡卫生院");
	tap_is_int((long)le.cursor, 6, "set puts the cursor at the end");
	size_t col = le_view(&le, 8);
	tap_is_int((long)col, 6, "a view of 8 columns shows the last 3 characters and the cursor");
	tap_is_int((long)le.scroll, 3, "scrolled by 3 characters");
	le_home(&le);
	col = le_view(&le, 8);
	tap_is_int((long)col, 0, "home scrolls back to the start");
	tap_is_int((long)le.scroll, 0, "scroll 0");
	le_clear(&le);
	tap_is_int((long)le.len, 0, "clear empties");
	le_free(&le);

	return tap_exit();
}

/* The line editor: insert, delete and move by character, cursor columns with
 * wide characters, the view that keeps the cursor visible, and the one key map
 * of every line editor. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui/actions.h"
#include "tui/editkey.h"
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

	/* The keys: the same in a form and on the search line. */
	tap_is_int(le_key(&le, 'a'), LE_KEY_CHANGED, "a typed character changes the text");
	tap_is_int(le_key(&le, 0x6587), LE_KEY_CHANGED, "so does a Chinese one");
	tap_is_int(le_key(&le, K_CTRL('a')), LE_KEY_KEPT, "^A is an editing key");
	tap_is_int((long)le.cursor, 0, "^A goes to the start");
	tap_is_int(le_key(&le, K_CTRL('e')), LE_KEY_KEPT, "^E is an editing key");
	tap_is_int((long)le.cursor, 2, "^E goes to the end");
	le_key(&le, KC(KEY_HOME));
	tap_is_int((long)le.cursor, 0, "Home goes to the start");
	le_key(&le, KC(KEY_END));
	tap_is_int((long)le.cursor, 2, "End goes to the end");
	tap_is_int(le_key(&le, K_DEL), LE_KEY_CHANGED, "DEL (Backspace) deletes");
	is_text(&le, "a", "... the character before the cursor");
	tap_is_int(le_key(&le, K_BS), LE_KEY_CHANGED, "^H deletes too");
	tap_is_int(le_key(&le, K_BS), LE_KEY_KEPT, "^H at the start changes nothing");
	le_set(&le, "ab");
	le_key(&le, KC(KEY_LEFT));
	tap_is_int(le_key(&le, KC(KEY_DC)), LE_KEY_CHANGED, "Delete deletes at the cursor");
	is_text(&le, "a", "... the character after it");
	tap_is_int(le_key(&le, K_CTRL('u')), LE_KEY_CHANGED, "^U clears");
	tap_is_int((long)le.len, 0, "... all of it");
	tap_is_int(le_key(&le, K_CTRL('u')), LE_KEY_KEPT, "^U on nothing changes nothing");
	tap_is_int(le_key(&le, '\t'), LE_KEY_NONE, "Tab is not an editing key");
	tap_is_int(le_key(&le, KC(KEY_F(2))), LE_KEY_NONE, "nor is F2");
	tap_ok(le_key_is_edit(K_CTRL('a')) && le_key_is_edit(KC(KEY_LEFT)) &&
		       !le_key_is_edit('a') && !le_key_is_edit(K_ESC),
	       "editing keys are the map's, not typed characters nor Esc");
	le_free(&le);

	return tap_exit();
}

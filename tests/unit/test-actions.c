/* The action table: keys to actions, a screen's own keys first, text mode. */
#include <config.h>

#include <curses.h>

#include "tap.h"
#include "tui/actions.h"

int main(void)
{
	static const enum action inspection[] = {ACT_PASS, ACT_FAIL, ACT_NA, ACT_SIGN, ACT_NONE};
	static const enum action entity[] = {ACT_PATROL, ACT_EDIT, ACT_NONE};
	char buf[16];

	tap_is_int(action_for_key(KC(KEY_F(1)), false, NULL), ACT_HELP, "F1 is help");
	tap_is_int(action_for_key('q', false, NULL), ACT_QUIT, "q quits");
	tap_is_int(action_for_key('q', true, NULL), ACT_NONE, "q is text in a field");
	tap_is_int(action_for_key(KC(KEY_F(10)), true, NULL), ACT_QUIT, "F10 quits even in a field");
	tap_is_int(action_for_key('\t', true, NULL), ACT_NEXT_FIELD, "Tab moves to the next field");
	tap_is_int(action_for_key('p', false, inspection), ACT_PASS, "p is pass on an inspection");
	tap_is_int(action_for_key('p', false, entity), ACT_PATROL, "p is patrol on an entity");
	tap_is_int(action_for_key('f', false, inspection), ACT_FAIL, "f is fail on an inspection");
	tap_is_int(action_for_key('f', false, entity), ACT_FILTER, "f is filter elsewhere");
	tap_is_int(action_for_key(KC(KEY_F(2)), false, inspection), ACT_SIGN, "F2 signs an inspection");
	tap_is_int(action_for_key(KC(KEY_F(2)), false, entity), ACT_SAVE, "F2 saves elsewhere");
	tap_is_int(action_for_key(0, false, NULL), ACT_NONE, "no key, no action");
	tap_is_str(action_key_name(KC(KEY_F(3)), buf), "F3", "F3 is named F3");
	tap_is_str(action_key_name('\n', buf), "Enter", "Enter is named");
	tap_is_str(action_key_name(27, buf), "Esc", "Escape is named");
	tap_is_int(action_key(ACT_SEARCH, true), K_CTRL('f'), "in a field the bar shows ^F for search");
	tap_is_int(action_key(ACT_SEARCH, false), '/', "and / otherwise: a plain key, not F3");
	tap_is_int(action_key(ACT_SAVE, true), K_CTRL('s'), "a form saves with ^S as well as F2");
	tap_is_int(action_key(ACT_QUIT, true), K_CTRL('q'), "and quits with ^Q");
	tap_is_int(action_for_key(K_CTRL('s'), true, inspection), ACT_SIGN, "^S signs an inspection");
	tap_is_int(action_for_key('s', false, (const enum action[]){ACT_START, ACT_NONE}), ACT_START,
		   "s starts a task on the task screen");
	tap_is_str(action_key_name(K_CTRL('s'), buf), "^S", "Ctrl-S is named ^S");
	tap_is_int(action_key(ACT_DOWN, true), KC(KEY_DOWN), "in a field, Down rather than j");
	/* Every action has a label, help text and a key. */
	int missing = 0;
	for (int a = 1; a < ACT_COUNT; a++)
		if (!*action_defs[a].label || !*action_defs[a].help || !action_defs[a].keys[0])
			missing++;
	tap_is_int(missing, 0, "every action has a label, help and a key");
	/* ... and a plain one: a letter, or Ctrl with a letter, where F-keys fail. */
	int fkey_only = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		int k = action_key((enum action)a, false);
		if (k >= KC(KEY_F(0)) && k <= KC(KEY_F(63))) {
			tap_diag("action %d has only an F-key", a);
			fkey_only++;
		}
	}
	tap_is_int(fkey_only, 0, "no action needs an F-key");
	return tap_exit();
}

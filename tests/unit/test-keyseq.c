/* The escape sequences of the terminals officers use, whatever TERM says:
 * xterm, PuTTY, rxvt, the Linux console, vt100 and vt220. */
#include <config.h>

#include <curses.h>
#include <string.h>

#include "tap.h"
#include "tui/actions.h"
#include "tui/keyseq.h"

/* Feed the characters after Esc one by one, as the main loop does. */
static enum keyseq_state feed(const char *after_esc, int *key, int *used)
{
	int seq[KEYSEQ_MAX + 8];
	int n = 0;
	enum keyseq_state st = KS_MORE;
	*key = 0;
	for (const char *p = after_esc; *p && n < KEYSEQ_MAX + 8; p++) {
		seq[n++] = (unsigned char)*p;
		st = keyseq_decode(seq, n, key);
		if (st != KS_MORE)
			break;
	}
	*used = n;
	return st;
}

static void is_key(const char *after_esc, int want, const char *what)
{
	int key, used;
	enum keyseq_state st = feed(after_esc, &key, &used);
	tap_ok(st == KS_KEY && key == want && used == (int)strlen(after_esc), "%s", what);
}

static void is_swallowed(const char *after_esc, int len, const char *what)
{
	int key, used;
	enum keyseq_state st = feed(after_esc, &key, &used);
	tap_ok(st == KS_SWALLOW && used == len, "%s (swallowed, %d characters)", what, len);
}

int main(void)
{
	int key, used;

	/* xterm */
	is_key("OP", KC(KEY_F(1)), "xterm F1 ESC O P");
	is_key("OQ", KC(KEY_F(2)), "xterm F2 ESC O Q");
	is_key("[15~", KC(KEY_F(5)), "xterm F5 ESC [ 15 ~");
	is_key("[17~", KC(KEY_F(6)), "xterm F6");
	is_key("[19~", KC(KEY_F(8)), "xterm F8");
	is_key("[20~", KC(KEY_F(9)), "xterm F9");
	is_key("[21~", KC(KEY_F(10)), "xterm F10");
	is_key("[24~", KC(KEY_F(12)), "xterm F12");
	is_key("[H", KC(KEY_HOME), "xterm Home");
	is_key("OF", KC(KEY_END), "xterm End in application mode");
	is_key("[1;5D", KC(KEY_LEFT), "Ctrl+Left is Left");
	is_key("[Z", KC(KEY_BTAB), "Shift-Tab");
	/* PuTTY and rxvt */
	is_key("[11~", KC(KEY_F(1)), "PuTTY F1 ESC [ 11 ~");
	is_key("[12~", KC(KEY_F(2)), "PuTTY F2 ESC [ 12 ~");
	is_key("[13~", KC(KEY_F(3)), "PuTTY F3");
	is_key("[14~", KC(KEY_F(4)), "PuTTY F4");
	is_key("[1~", KC(KEY_HOME), "PuTTY Home ESC [ 1 ~");
	is_key("[4~", KC(KEY_END), "PuTTY End ESC [ 4 ~");
	is_key("[7~", KC(KEY_HOME), "rxvt Home ESC [ 7 ~");
	is_key("[8~", KC(KEY_END), "rxvt End ESC [ 8 ~");
	is_key("[5~", KC(KEY_PPAGE), "PgUp");
	is_key("[6~", KC(KEY_NPAGE), "PgDn");
	is_key("[3~", KC(KEY_DC), "Delete");
	/* the Linux console */
	is_key("[[A", KC(KEY_F(1)), "Linux console F1 ESC [ [ A");
	is_key("[[B", KC(KEY_F(2)), "Linux console F2");
	is_key("[[E", KC(KEY_F(5)), "Linux console F5");
	/* vt100 / vt220 */
	is_key("OS", KC(KEY_F(4)), "vt100 PF4");
	is_key("Ot", KC(KEY_F(5)), "vt100 F5 (keypad t)");
	is_key("Ol", KC(KEY_F(8)), "vt100 F8 (keypad ,)");
	is_key("Ow", KC(KEY_F(9)), "vt100 F9");
	is_key("Ox", KC(KEY_F(10)), "vt100 F10");
	is_key("OA", KC(KEY_UP), "vt100 Up in application mode");
	is_key("[A", KC(KEY_UP), "vt100 Up");
	is_key("OM", '\n', "the keypad's Enter");
	/* unknown ones go whole */
	is_swallowed("[25~", 4, "vt220 F13");
	is_swallowed("[15;2~", 6, "Shift+F5");
	is_swallowed("[1;2P", 5, "Shift+F1");
	is_swallowed("[99~", 4, "an unknown number");
	is_swallowed("[<0;12;5M", 9, "an SGR mouse report");
	is_swallowed("[M !!", 5, "an X10 mouse report");
	is_swallowed("[?1;2c", 6, "a terminal's reply");
	is_swallowed("[[Z", 3, "an unknown console key");
	is_swallowed("O2P", 3, "an old xterm's Shift+F1");
	is_swallowed("Oz", 2, "an unknown ESC O key");
	is_swallowed("[1\x01", 3, "a sequence broken off by a control character");
	char longseq[64] = "[";
	memset(longseq + 1, '1', 40);
	longseq[41] = 0;
	is_swallowed(longseq, KEYSEQ_MAX, "an endless sequence, cut at the limit");
	/* Esc then anything else is Esc and that key */
	int seq[2] = {'a', 0};
	tap_is_int(keyseq_decode(seq, 1, &key), KS_NONE, "Esc a is Esc, then a");
	seq[0] = '2';
	tap_is_int(keyseq_decode(seq, 1, &key), KS_NONE, "a digit is not a sequence (the loop makes it an F-key)");
	seq[0] = '[';
	seq[1] = KC(KEY_RESIZE);
	tap_is_int(keyseq_decode(seq, 2, &key), KS_SWALLOW, "a curses key ends a sequence");
	tap_is_int(feed("[1", &key, &used), KS_MORE, "a part of a sequence waits for more");
	return tap_exit();
}

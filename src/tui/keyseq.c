#include <config.h>

#include <curses.h>

#include "actions.h"
#include "keyseq.h"

/* "Esc [ n ~": the vt220 editing keys and the F-keys of xterm, PuTTY
 * ("Esc [ 11 ~" is its F1) and rxvt. */
static int tilde_key(int n)
{
	switch (n) {
	case 1: case 7: return KC(KEY_HOME);
	case 2: return KC(KEY_IC);
	case 3: return KC(KEY_DC);
	case 4: case 8: return KC(KEY_END);
	case 5: return KC(KEY_PPAGE);
	case 6: return KC(KEY_NPAGE);
	case 11: case 12: case 13: case 14: case 15: return KC(KEY_F(n - 10));
	case 17: case 18: case 19: case 20: case 21: return KC(KEY_F(n - 11));
	case 23: case 24: return KC(KEY_F(n - 12));
	default: return 0;
	}
}

/* The final letter of "Esc [ ... X" or "Esc O X": cursor keys, and the F1–F4 of
 * vt100 (PF1–PF4) and xterm. */
static int letter_key(int c, bool fkeys)
{
	switch (c) {
	case 'A': return KC(KEY_UP);
	case 'B': return KC(KEY_DOWN);
	case 'C': return KC(KEY_RIGHT);
	case 'D': return KC(KEY_LEFT);
	case 'H': return KC(KEY_HOME);
	case 'F': return KC(KEY_END);
	case 'P': case 'Q': case 'R': case 'S': return fkeys ? KC(KEY_F(c - 'P' + 1)) : 0;
	default: return 0;
	}
}

static enum keyseq_state found(int k, int *key)
{
	if (!k)
		return KS_SWALLOW;
	*key = k;
	return KS_KEY;
}

/* "Esc [" then parameters (0x30–0x3F), intermediates (0x20–0x2F) and one final
 * character (0x40–0x7E), as ECMA-48 defines a control sequence. */
static enum keyseq_state csi(const int *seq, int n, int *key)
{
	if (n == 1)
		return KS_MORE;
	if (seq[1] == '[') /* the Linux console: F1–F5 are "Esc [ [ A" to "Esc [ [ E" */
		return n == 2 ? KS_MORE
			      : found(seq[2] >= 'A' && seq[2] <= 'E' ? KC(KEY_F(seq[2] - 'A' + 1)) : 0,
				      key);
	if (seq[1] == 'M') /* an X10 mouse report the terminal database did not announce */
		return n < 5 ? KS_MORE : KS_SWALLOW;
	int c = seq[n - 1];
	bool is_final = c >= 0x40 && c <= 0x7e;
	bool is_inside = c >= 0x20 && c <= 0x3f;
	if (n > 2 || !is_final) {
		for (int i = 1; i < n - 1; i++)
			if (seq[i] < 0x20 || seq[i] > 0x3f)
				return KS_SWALLOW;
		if (!is_final && !is_inside)
			return KS_SWALLOW; /* broken off by a key of its own: drop what came */
		if (!is_final)
			return n < KEYSEQ_MAX ? KS_MORE : KS_SWALLOW;
	}
	/* The first parameter, and whether a second (a modifier: Shift, Ctrl) was given. */
	int first = 0, params = 0;
	bool digits = false, other = false;
	for (int i = 1; i < n - 1; i++) {
		if (seq[i] >= '0' && seq[i] <= '9') {
			if (params == 0 && first < 1000)
				first = first * 10 + (seq[i] - '0');
			digits = true;
		} else if (seq[i] == ';') {
			params++;
		} else {
			other = true; /* "<" of a mouse report, "?" of a private reply */
		}
	}
	if (other)
		return KS_SWALLOW;
	bool modified = params > 0;
	if (c == '~')
		return found(modified && first > 8 ? 0 : tilde_key(first), key);
	/* "Esc [ 1 ; 5 D" is Ctrl+Left: the arrow. A modified F-key is another key. */
	if (digits && first != 1)
		return KS_SWALLOW;
	if (c == 'Z' && !modified)
		return found(KC(KEY_BTAB), key);
	return found(letter_key(c, !modified), key);
}

/* "Esc O X": vt100 and xterm's application mode. vt100 has no F5–F10 keys; its
 * terminal description gives them to the keypad, "Esc O t" to "Esc O x". */
static enum keyseq_state ss3(const int *seq, int n, int *key)
{
	if (n == 1)
		return KS_MORE;
	int c = seq[n - 1];
	if (c >= '0' && c <= '9') /* an old xterm's modifier: "Esc O 2 P" is Shift+F1 */
		return n == 2 ? KS_MORE : KS_SWALLOW;
	if (n > 2)
		return letter_key(c, false) ? found(letter_key(c, false), key) : KS_SWALLOW;
	switch (c) {
	case 't': return found(KC(KEY_F(5)), key);
	case 'u': return found(KC(KEY_F(6)), key);
	case 'v': return found(KC(KEY_F(7)), key);
	case 'l': return found(KC(KEY_F(8)), key);
	case 'w': return found(KC(KEY_F(9)), key);
	case 'x': return found(KC(KEY_F(10)), key);
	case 'M': return found('\n', key); /* the keypad's Enter */
	default: return found(letter_key(c, true), key);
	}
}

enum keyseq_state keyseq_decode(const int *seq, int n, int *key)
{
	if (n < 1)
		return KS_MORE;
	for (int i = 1; i < n; i++)
		if (KEY_IS_CODE(seq[i]))
			return KS_SWALLOW;
	if (n > KEYSEQ_MAX)
		return KS_SWALLOW;
	if (seq[0] == '[')
		return csi(seq, n, key);
	if (seq[0] == 'O')
		return ss3(seq, n, key);
	return KS_NONE;
}

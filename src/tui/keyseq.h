/* Escape sequences the terminal database did not know. ncurses decodes the keys
 * of the terminal named by TERM; a user on PuTTY, rxvt or the Linux console with
 * another TERM sends other sequences, which ncurses hands over as Esc followed
 * by plain characters ("[12~"), and those would act as keys. This decodes the
 * F-key and cursor sequences of xterm, PuTTY, rxvt, the Linux console, vt100
 * and vt220 (both the "Esc [" and "Esc O" forms), and says when a sequence is
 * complete but unknown, so that it can be swallowed whole. No curses here:
 * the decoder is unit-tested on its own. */
#ifndef WG_KEYSEQ_H
#define WG_KEYSEQ_H

/* The longest sequence kept; anything longer is swallowed. */
#define KEYSEQ_MAX 32

enum keyseq_state {
	KS_NONE,    /* seq[0] starts no sequence: the Esc was a key of its own */
	KS_MORE,    /* a longer sequence may follow: read another character */
	KS_KEY,     /* a known key, in *key */
	KS_SWALLOW, /* a complete (or broken, or overlong) sequence that means nothing here */
};

/* The characters that followed an Esc, n >= 1 of them (keys as actions.h
 * spells them: a curses code ends any sequence). */
enum keyseq_state keyseq_decode(const int *seq, int n, int *key);

#endif

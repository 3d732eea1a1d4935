/* The one key map of every line editor (the fields of a form, the search line
 * of a list): the same key does the same edit everywhere. */
#ifndef WG_EDITKEY_H
#define WG_EDITKEY_H

#include <stdbool.h>

#include "lineedit.h"

enum le_key_result {
	LE_KEY_NONE,    /* not an editing key: the caller's to act on */
	LE_KEY_KEPT,    /* an editing key that left the text as it was (a move) */
	LE_KEY_CHANGED, /* the text changed */
};

/* Backspace (also ^H and DEL), Delete, Left, Right, Home or ^A, End or ^E,
 * ^U clears; any other character is typed. */
enum le_key_result le_key(lineedit *le, int key);
/* Is key one of the editing keys other than a typed character? */
bool le_key_is_edit(int key);

#endif

#include <config.h>

#include <curses.h>

#include "actions.h"
#include "editkey.h"

enum edit { E_BACKSPACE, E_DELETE, E_LEFT, E_RIGHT, E_HOME, E_END, E_CLEAR };

static const struct {
	int key;
	enum edit edit;
} keymap[] = {
	{K_DEL, E_BACKSPACE},         {K_BS, E_BACKSPACE},      {KC(KEY_BACKSPACE), E_BACKSPACE},
	{KC(KEY_DC), E_DELETE},       {KC(KEY_LEFT), E_LEFT},   {KC(KEY_RIGHT), E_RIGHT},
	{KC(KEY_HOME), E_HOME},       {K_CTRL('a'), E_HOME},    {KC(KEY_END), E_END},
	{K_CTRL('e'), E_END},         {K_CTRL('u'), E_CLEAR},
};

static int find(int key)
{
	for (size_t i = 0; i < sizeof keymap / sizeof keymap[0]; i++)
		if (keymap[i].key == key)
			return (int)i;
	return -1;
}

bool le_key_is_edit(int key)
{
	return find(key) >= 0;
}

enum le_key_result le_key(lineedit *le, int key)
{
	int i = find(key);
	bool changed = false;
	if (i < 0) {
		if (KEY_IS_CODE(key) || key < 0x20)
			return LE_KEY_NONE;
		return le_insert(le, (uint32_t)key) ? LE_KEY_CHANGED : LE_KEY_KEPT;
	}
	switch (keymap[i].edit) {
	case E_BACKSPACE: changed = le_backspace(le); break;
	case E_DELETE: changed = le_delete(le); break;
	case E_LEFT: le_left(le); break;
	case E_RIGHT: le_right(le); break;
	case E_HOME: le_home(le); break;
	case E_END: le_end(le); break;
	case E_CLEAR:
		changed = le->len > 0;
		le_clear(le);
		break;
	}
	return changed ? LE_KEY_CHANGED : LE_KEY_KEPT;
}

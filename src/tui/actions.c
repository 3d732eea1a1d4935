#include <config.h>

#include <curses.h>
#include <stdio.h>

#include "actions.h"
#include "i18n.h"

const struct action_def action_defs[ACT_COUNT] = {
	[ACT_NONE] = {"", "", {0, 0, 0}},
#define X(name, label, help, k1, k2, k3) [ACT_##name] = {label, help, {k1, k2, k3}},
	ACTIONS(X)
#undef X
};

static bool printable(int key)
{
	return !KEY_IS_CODE(key) && key >= 0x20 && key != K_DEL;
}

bool action_key_usable(int key, bool text_mode)
{
	return key && !(text_mode && printable(key));
}

static bool bound(enum action a, int key)
{
	for (int i = 0; i < 3; i++)
		if (action_defs[a].keys[i] == key)
			return true;
	return false;
}

enum action action_for_key(int key, bool text_mode, const enum action *prefer)
{
	if (key == 0 || (text_mode && printable(key)))
		return ACT_NONE;
	for (const enum action *p = prefer; p && *p != ACT_NONE; p++)
		if (bound(*p, key))
			return *p;
	for (int a = 1; a < ACT_COUNT; a++)
		for (int i = 0; i < 3; i++)
			if (action_defs[a].keys[i] == key && key != 0)
				return (enum action)a;
	return ACT_NONE;
}

static bool fkey(int key)
{
	return key >= KC(KEY_F(0)) && key <= KC(KEY_F(63));
}

bool action_key_is_fkey(int key)
{
	return fkey(key);
}

int action_key(enum action a, bool text_mode)
{
	int any = 0;
	for (int i = 0; i < 3; i++) {
		int k = action_defs[a].keys[i];
		if (!action_key_usable(k, text_mode))
			continue;
		if (!fkey(k))
			return k;
		if (!any)
			any = k;
	}
	return any;
}

const char *action_key_name(int key, char *buf)
{
	if (KEY_IS_CODE(key)) {
		int k = key - KC(0);
		if (k >= KEY_F(1) && k <= KEY_F(12)) {
			snprintf(buf, 16, "F%d", k - KEY_F(0));
			return buf;
		}
		switch (k) {
		/* TRANSLATORS: names of keys on the keyboard, as printed on them. */
		case KEY_UP: return _("Up");
		case KEY_DOWN: return _("Down");
		case KEY_LEFT: return _("Left");
		case KEY_RIGHT: return _("Right");
		case KEY_PPAGE: return _("PgUp");
		case KEY_NPAGE: return _("PgDn");
		case KEY_HOME: return _("Home");
		case KEY_END: return _("End");
		case KEY_ENTER: return _("Enter");
		case KEY_BACKSPACE: return _("Backspace");
		case KEY_BTAB: return _("Shift-Tab");
		default: snprintf(buf, 16, "#%d", k); return buf;
		}
	}
	if (key > 0 && key < 0x20 && key != '\n' && key != '\r' && key != '\t' && key != K_ESC) {
		snprintf(buf, 16, "^%c", key + '@'); /* Ctrl-S as the terminals' manuals print it */
		return buf;
	}
	switch (key) {
	case '\n': case '\r': return _("Enter");
	case K_ESC: return _("Esc");
	case '\t': return _("Tab");
	case ' ': return _("Space");
	}
	snprintf(buf, 16, "%c", key);
	return buf;
}

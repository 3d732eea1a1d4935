/* Every action of the full-screen program, declared once: the enum, the default
 * keys, the label of the key bar and the help text all come from ACTIONS, so
 * the help screen and the bar cannot disagree with the keys. */
#ifndef WG_ACTIONS_H
#define WG_ACTIONS_H

#include <stdbool.h>

/* Keys: a character is its code point; a curses key code is KC(code).
 * Every action has a plain key (a letter, or Ctrl with a letter where letters
 * are text) besides its F-key: some keyboards and terminals send no F-keys
 * that arrive, and Esc then a digit stands for one (tui.c). */
#define KC(k) (0x200000 + (k))
#define KEY_IS_CODE(k) ((k) >= 0x200000)
/* Keys that have no curses code, by name. */
#define K_CTRL(c) ((c) & 0x1f) /* K_CTRL('a') is ^A */
#define K_BS 8                 /* ^H */
#define K_ESC 27
#define K_DEL 0x7f /* what most terminals send for Backspace */

/* Pinyin is Ctrl-P: in a text field every letter is text. */
/* Attach is Ctrl-O, not a letter: on the checklist a stray sentence must not
 * open screens. */
/* X(name, bar label, help text, key1, key2, key3): labels and help are
 * gettext_noop, translated when shown. 0 = no key. */
#define ACTIONS(X) \
	X(HELP, N_("Help"), N_("show the keys of this screen"), KC(KEY_F(1)), '?', K_CTRL('g')) \
	X(SAVE, N_("Save"), N_("save the form"), KC(KEY_F(2)), K_CTRL('s'), 0) \
	X(SEARCH, N_("Search"), N_("search as you type: text, pinyin initials, or /regex"), \
	  KC(KEY_F(3)), '/', K_CTRL('f')) \
	X(EDIT, N_("Edit"), N_("edit this record"), KC(KEY_F(4)), 'e', 0) \
	X(SORT, N_("Sort"), N_("change the sort order"), KC(KEY_F(5)), 's', 0) \
	X(FILTER, N_("Filter"), N_("choose which records are listed"), KC(KEY_F(6)), 'f', 0) \
	X(NEW, N_("New"), N_("add a new record"), KC(KEY_F(7)), 'a', 0) \
	X(START, N_("Start"), N_("mark the task as started"), KC(KEY_F(8)), 's', 0) \
	X(DONE, N_("Done"), N_("mark the task as done"), KC(KEY_F(9)), 'd', 0) \
	X(QUIT, N_("Quit"), N_("leave the program"), KC(KEY_F(10)), 'q', K_CTRL('q')) \
	X(UP, N_("Up"), N_("previous line"), KC(KEY_UP), 'k', 0) \
	X(DOWN, N_("Down"), N_("next line"), KC(KEY_DOWN), 'j', 0) \
	X(PGUP, N_("PgUp"), N_("previous page"), KC(KEY_PPAGE), 'b', 0) \
	X(PGDN, N_("PgDn"), N_("next page"), KC(KEY_NPAGE), ' ', 0) \
	X(HOME, N_("Top"), N_("first line"), KC(KEY_HOME), 'g', 0) \
	X(END, N_("End"), N_("last line"), KC(KEY_END), 'G', 0) \
	X(OPEN, N_("Open"), N_("open the selected line"), '\n', '\r', KC(KEY_ENTER)) \
	X(BACK, N_("Back"), N_("go back (a search: clear it)"), K_ESC, KC(KEY_BACKSPACE), 0) \
	X(NEXT_FIELD, N_("Next"), N_("next field"), '\t', 0, 0) \
	X(PREV_FIELD, N_("Prev"), N_("previous field"), KC(KEY_BTAB), 0, 0) \
	X(LEFT, N_("Left"), N_("move left; previous choice"), KC(KEY_LEFT), 0, 0) \
	X(RIGHT, N_("Right"), N_("move right; next choice"), KC(KEY_RIGHT), 0, 0) \
	X(NEXT_MATCH, N_("Next"), N_("next match"), 'n', 0, 0) \
	X(PREV_MATCH, N_("Prev"), N_("previous match"), 'N', 0, 0) \
	X(DASHBOARD, N_("Desk"), N_("the dashboard: what is due today"), '1', 0, 0) \
	X(ENTITIES, N_("Entities"), N_("the supervised entities"), '2', 0, 0) \
	X(TASKS, N_("Tasks"), N_("the task list"), '3', 0, 0) \
	X(SYNC, N_("Sync"), N_("send and receive bundle files"), '4', 0, 0) \
	X(CONFLICTS, N_("Conflicts"), N_("changes that clashed, to resolve"), '5', 0, 0) \
	X(LOG, N_("History"), N_("who changed what, and when"), '6', 0, 0) \
	X(EXPORT, N_("Export"), N_("write a bundle file (e.g. to a USB stick)"), 'x', 0, 0) \
	X(IMPORT, N_("Import"), N_("read bundle files from the county or officers"), 'i', 0, 0) \
	X(OURS, N_("Ours"), N_("keep this workspace's value"), 'o', 0, 0) \
	X(THEIRS, N_("Theirs"), N_("take the incoming value"), 't', 0, 0) \
	X(VALUE, N_("Type"), N_("type the right value"), 'v', 0, 0) \
	X(RECORD_LOG, N_("History"), N_("the changes of this record"), 'l', 0, 0) \
	X(PATROL, N_("Patrol"), N_("start a patrol or inspection here"), 'p', 0, 0) \
	X(PASS, N_("Pass"), N_("the item is in order"), 'p', '+', 0) \
	X(FAIL, N_("Fail"), N_("the item is not in order"), 'f', '-', 0) \
	X(NA, N_("N/A"), N_("the item does not apply here"), 'n', '0', 0) \
	X(SIGN, N_("Sign"), N_("review the results, then sign the record off: it cannot change " \
			       "afterwards"), KC(KEY_F(2)), K_CTRL('s'), 0) \
	X(UNDO, N_("Undo"), N_("undo the last change of a result or note"), 'u', 0, 0) \
	X(NOTE, N_("Note"), N_("write a note on the item"), '\n', '\r', KC(KEY_ENTER)) \
	X(CORRECT, N_("Correct"), \
	  N_("start a correction: a new draft linked to this signed record"), KC(KEY_F(4)), 'c', 0) \
	X(MARK, N_("Mark"), N_("mark or unmark a file: several can be read at once"), ' ', 'm', 0) \
	X(CHOOSE, N_("Choose"), N_("take this folder, or the marked files"), KC(KEY_F(2)), \
	  K_CTRL('s'), 0) \
	X(TYPE_PATH, N_("Type"), N_("type a path instead of choosing"), 't', 0, 0) \
	X(ATTACH, N_("Attach"), N_("attach files (photos, scans) to the selected item as evidence"), \
	  K_CTRL('o'), 0, 0) \
	X(REPORTS, N_("Reports"), N_("coverage, results and overdue work this month, with charts"), \
	  'r', 0, 0) \
	X(KEYS, N_("Keys"), N_("the signing keys: this workspace's fingerprint, the officers' keys"), \
	  'K', 0, 0) \
	X(REVOKE, N_("Revoke"), N_("withdraw an officer's key (a lost or stolen laptop)"), 'D', 0, 0) \
	X(PINYIN, N_("Pinyin"), N_("pinyin input on or off in text fields: type pinyin, then 1-9 " \
				   "(Space: the first) to choose, - and = to page, Enter keeps the " \
				   "letters, Esc drops them"), K_CTRL('p'), 0, 0) \
	X(CASES, N_("Cases"), N_("the penalty cases by stage, with their time limits"), 'C', 0, 0) \
	X(STAFF, N_("Staff"), N_("the practitioners (执业人员) and the registered services"), 'S', 0, \
	  0) \
	X(CLUE, N_("Clue"), N_("report a clue (协管信息报告), from any screen"), K_CTRL('r'), 0, 0) \
	X(DOCS, N_("Documents"), N_("write the case's documents (A4 HTML) into a folder"), 'w', 0, 0) \
	X(DISPATCH, N_("Dispatch"), N_("write every grid's bundle into a folder, to hand out"), \
	  'x', 0, 0) \
	X(VERIFY, N_("Verify"), N_("make the complaint's verification task"), 'v', 0, 0) \
	X(PLAN_FILE, N_("Plan file"), N_("draw by a plan file received (from the city or the " \
				      "province): choose it, or type its path"), 'f', 0, 0) \
	X(CLOSE, N_("Close"), N_("close the complaint with its result"), 'c', 0, 0) \
	X(PUBLISH, N_("Write"), N_("write the disclosure to a folder and mark it published"), \
	  'x', 0, 0) \
	X(PERIOD, N_("Period"), N_("choose the report's period: a month, a quarter, a year, a range"), \
	  'p', 0, 0) \
	X(SAVE_AS, N_("Export"), N_("write the report as HTML or CSV into a folder"), 'x', 0, 0) \
	X(RULES_IMPORT, N_("Import"), N_("check a rule file and record it as its set's next " \
				       "version, applying from its effective day"), 'i', 0, 0) \
	X(RECOMPUTE, N_("Recompute"), N_("count the points of earlier findings again with the " \
					 "version in force today (asked first, recorded)"), 'R', 0, 0) \
	X(CAMPAIGNS, N_("Campaigns"), N_("the campaigns and their progress per grid; start one"), \
	  'P', 0, 0) \
	X(OFFICERS, N_("Personnel"), N_("the officers and inspectors: add, enroll; recusals"), 'O', \
	  0, 0) \
	X(CREDIT, N_("Credit"), N_("the red and black lists and the entities at risk, with the " \
				   "reasons"), 'R', 0, 0) \
	X(ENROLL, N_("Enroll"), N_("write the officer's enrollment bundle into a folder, with the " \
				   "steps for the officer"), 'x', 0, 0) \
	X(RECUSALS, N_("Recusals"), N_("the inspectors' declared conflicts of interest"), 'c', 0, 0) \
	X(IMPORTS, N_("Imports"), N_("what each import did: who sent it, the records it changed"), \
	  'w', 0, 0) \
	X(REDRAW, N_("Redraw"), N_("draw the whole screen again, when other text has spoiled it"), \
	  K_CTRL('l'), 0, 0)

enum action {
	ACT_NONE,
#define X(name, label, help, k1, k2, k3) ACT_##name,
	ACTIONS(X)
#undef X
	ACT_COUNT
};

struct action_def {
	const char *label; /* untranslated */
	const char *help;  /* untranslated */
	int keys[3];
};

extern const struct action_def action_defs[ACT_COUNT];

/* The action bound to key: one of the screen's own actions (prefer, ending
 * with ACT_NONE) first, so a key can mean one thing per screen, else the first
 * in the table. In text mode (a field or search line has the cursor)
 * printable keys are text, so only non-printable bindings count. */
enum action action_for_key(int key, bool text_mode, const enum action *prefer);

/* Name of a key as the bar and help show it ("F1", "Enter", "j"); buf >= 16. */
const char *action_key_name(int key, char *buf);
/* The key does something in this mode: in text mode printable keys are text. */
bool action_key_usable(int key, bool text_mode);
bool action_key_is_fkey(int key);
/* The key the bar shows: the first plain key (not an F-key) usable in this mode
 * (printable keys are text in text mode), else the first usable key. */
int action_key(enum action a, bool text_mode);

#endif

/* The main loop: terminal set-up and restore, keys, mouse, resize, signals,
 * the title line, the message line and the key bar. */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "paint.h"
#include "i18n.h"
#include "ime.h"
#include "keyseq.h"
#include "phrases.h"
#include "progress.h"
#include "strbuf.h"
#include "tui.h"
#include "utf8.h"

/* SIGINT and SIGTERM only set this flag; the loop restores the terminal and
 * leaves. (SIGWINCH is ncurses' own: its handler only sets a flag too, and
 * get_wch then returns KEY_RESIZE.) */
static volatile sig_atomic_t quit_signal;

static void on_quit_signal(int sig)
{
	quit_signal = sig;
}

/* SQLite calls this during long queries: cancel an idle-time query as soon as
 * a key is waiting, so typing never waits for a search. */
static int progress(void *arg)
{
	struct tui *t = arg;
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	if (t->interruptible && poll(&p, 1, 0) > 0) {
		t->interrupted = true;
		return 1;
	}
	return 0;
}

static bool has_pending(struct tui *t);
static void run_idle(struct tui *t, bool interruptible);

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = false;
	t->message_gen++;
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = true;
	t->message_gen++;
}

bool tui_answer_yes(int key)
{
	/* TRANSLATORS: the letter that answers "yes" to "save anyway? (y/n)". */
	const char *yes = _("y");
	return key == 'y' || key == 'Y' || (key > 0 && (uint32_t)key == (unsigned char)yes[0]);
}

void tui_cursor(struct tui *t, int y, int x)
{
	t->cursor_y = y;
	t->cursor_x = x;
}

static struct screen *top(struct tui *t)
{
	return t->stack[t->depth - 1];
}

static bool text_mode(struct tui *t)
{
	struct screen *s = top(t);
	return s->ops->text_mode && s->ops->text_mode(s);
}

/* ---- the chrome: title tabs and key bar, and where they are for clicks ---- */

static const struct {
	enum action act;
	const char *label;
} tabs[] = {
	/* TRANSLATORS: tabs of the top line: the dashboard (工作台), entities (检查对象), tasks (任务). */
	{ACT_DASHBOARD, N_("Dashboard")},
	{ACT_ENTITIES, N_("Entities")},
	{ACT_TASKS, N_("Tasks")},
	/* TRANSLATORS: tabs: sync (同步), conflicts (冲突), history (记录). */
	{ACT_SYNC, N_("Sync")},
	{ACT_CONFLICTS, N_("Conflicts")},
	{ACT_LOG, N_("History")},
};
#define NTABS 6

static int tab_x[NTABS + 1];

static void draw_title(struct tui *t)
{
	attr_t a = draw_attr(C_TITLE);
	int x = 0, cur = top(t)->tab;
	/* Narrow: the other tabs show their number only, leaving room for the name. */
	int full = 0;
	for (int i = 0; i < NTABS; i++)
		full += (int)str_width(_(tabs[i].label)) + 4;
	bool compact = full + (t->officer_name ? (int)str_width(t->officer_name) + 2 : 0) >
		       t->lay.cols;
	for (int i = 0; i < NTABS; i++) {
		char buf[128], kb[16];
		const char *k = action_key_name(action_defs[tabs[i].act].keys[0], kb);
		if (compact && i != cur)
			snprintf(buf, sizeof buf, " %s ", k);
		else
			snprintf(buf, sizeof buf, " %s %s ", k, _(tabs[i].label));
		int w = (int)str_width(buf);
		if (x + w > t->lay.cols)
			w = t->lay.cols - x;
		tab_x[i] = x;
		draw_text(0, x, w, buf, i == cur ? (a | A_BOLD | A_REVERSE) : a);
		x += w;
	}
	tab_x[NTABS] = x;
	/* Who is working: the officer's name and grid, shortened to fit (the
	 * name stays longest), or the county. */
	const char *role = t->ws->role == ROLE_OFFICER ? _("officer") : _("county");
	char right[3][200];
	int nright = 0;
	if (t->ws->role == ROLE_OFFICER) {
		const char *who = t->officer_name ? t->officer_name : role;
		const char *grid = t->ws->grid ? t->ws->grid : "";
		snprintf(right[nright++], sizeof right[0], "%s %s %s ", role, who, grid);
		snprintf(right[nright++], sizeof right[0], "%s %s ", who, grid);
		snprintf(right[nright++], sizeof right[0], "%s ", who);
	} else {
		snprintf(right[nright++], sizeof right[0], "%s ", role);
	}
	if (x < t->lay.cols) {
		draw_blank(0, x, t->lay.cols - x, a);
		for (int i = 0; i < nright; i++) {
			int rw = (int)str_width(right[i]);
			if (x + rw + 1 <= t->lay.cols) {
				draw_text(0, t->lay.cols - rw, rw, right[i], a);
				break;
			}
		}
	}
}

/* Moving keys (arrows, pages) and the tabs, which the title line shows, stay
 * off the bar; help lists them all. */
static bool action_in_bar(enum action a)
{
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN: case ACT_HOME: case ACT_END:
	case ACT_LEFT: case ACT_RIGHT: case ACT_NEXT_MATCH: case ACT_PREV_MATCH:
	case ACT_DASHBOARD: case ACT_ENTITIES: case ACT_TASKS: case ACT_SYNC: case ACT_CONFLICTS:
	case ACT_LOG:
		return false;
	default:
		return true;
	}
}

#define MAX_BAR 24
static int bar_n, bar_x[MAX_BAR], bar_w[MAX_BAR];
static enum action bar_act[MAX_BAR];

/* While pinyin is being typed the bar shows it and its candidates:
 * "zhenggai 1整改 2正该 3正 … -= 1/9". */
static void draw_candidates(struct tui *t)
{
	int y = t->lay.bar_row, x = 0, cols = t->lay.cols;
	draw_blank(y, 0, cols, A_NORMAL);
	char head[IME_RAW_MAX * 4 + 256];
	snprintf(head, sizeof head, "%s%s ", ime_chosen(t->ime), ime_pinyin(t->ime));
	x += draw_text(y, x, cols - x, head, A_BOLD);
	char pages[64];
	snprintf(pages, sizeof pages, " -= %zu/%zu", ime_page(t->ime) + 1, ime_pages(t->ime));
	int pw = ime_pages(t->ime) > 1 ? (int)str_width(pages) : 0;
	size_t n = ime_page_size(t->ime);
	if (n == 0) {
		draw_text(y, x, cols - x, _("(no Chinese for these letters: Enter keeps them)"),
			  draw_attr(C_BAR_LABEL));
		return;
	}
	for (size_t i = 0; i < n && x < cols - pw; i++) {
		char num[24];
		snprintf(num, sizeof num, "%zu", i + 1);
		const char *c = ime_candidate(t->ime, i);
		int w = (int)str_width(c);
		if (x + (int)strlen(num) + w > cols - pw)
			break; /* a candidate is shown whole or not at all */
		x += draw_text(y, x, cols - pw - x, num, draw_attr(C_BAR_KEY));
		x += draw_text(y, x, w, c, draw_attr(C_BAR_LABEL));
		if (x < cols - pw)
			x += draw_text(y, x, 1, " ", A_NORMAL);
	}
	if (pw)
		draw_text(y, cols - pw, pw, pages, draw_attr(C_BAR_LABEL));
}

static void draw_bar(struct tui *t)
{
	const enum action *acts = top(t)->ops->actions;
	bool tm = text_mode(t);
	if (tm && t->cursor_y >= 0 && t->pinyin && ime_composing(t->ime)) {
		draw_candidates(t);
		return;
	}
	char labels[MAX_BAR][96];
	const char *keys[MAX_BAR];
	char kbuf[MAX_BAR][16];
	int n = 0;
	/* Every text field has the pinyin input: its key second on the bar,
	 * after Help, so a novice sees it (not shown when built without it). */
	enum action list[MAX_BAR + 1];
	int nl = 0;
	bool field = tm && t->cursor_y >= 0 && ime_built_in();
	for (int i = 0; acts[i] != ACT_NONE && nl < MAX_BAR - 1; i++) {
		if (field && nl == 1)
			list[nl++] = ACT_PINYIN;
		if (acts[i] != ACT_PINYIN)
			list[nl++] = acts[i];
	}
	if (field && nl < 2)
		list[nl++] = ACT_PINYIN;
	list[nl] = ACT_NONE;
	acts = list;
	for (int i = 0; acts[i] != ACT_NONE && n < MAX_BAR; i++) {
		int k = action_key(acts[i], tm);
		/* in a text field an action whose letter is text is left off (Sort,
		 * Filter while a search is typed): the bar shows plain keys only */
		if (!k || !action_in_bar(acts[i]) || (tm && action_key_is_fkey(k)))
			continue;
		keys[n] = action_key_name(k, kbuf[n]);
		snprintf(labels[n], sizeof labels[n], "%s",
			 acts[i] == ACT_PINYIN && t->pinyin ? _("Pinyin on")
							    : _(action_defs[acts[i]].label));
		bar_w[n] = (int)(str_width(keys[n]) + str_width(labels[n]));
		bar_act[n] = acts[i];
		n++;
	}
	bar_n = layout_bar(t->lay.cols, bar_w, n, bar_x);
	/* Quit is always there: the keys before it go first, from the last. */
	int quit = -1;
	for (int i = 0; i < n; i++)
		if (bar_act[i] == ACT_QUIT)
			quit = i;
	if (quit >= bar_n) {
		while (bar_n > 0 && bar_x[bar_n - 1] + bar_w[bar_n - 1] + 1 + bar_w[quit] > t->lay.cols)
			bar_n--;
		int at = bar_n > 0 ? bar_x[bar_n - 1] + bar_w[bar_n - 1] + 1 : 0;
		keys[bar_n] = keys[quit];
		memmove(labels[bar_n], labels[quit], sizeof labels[0]);
		bar_w[bar_n] = bar_w[quit];
		bar_act[bar_n] = ACT_QUIT;
		bar_x[bar_n] = at;
		bar_n++;
	}
	draw_blank(t->lay.bar_row, 0, t->lay.cols, A_NORMAL);
	for (int i = 0; i < bar_n; i++) {
		int kw = (int)str_width(keys[i]);
		draw_text(t->lay.bar_row, bar_x[i], kw, keys[i], draw_attr(C_BAR_KEY));
		draw_text(t->lay.bar_row, bar_x[i] + kw, bar_w[i] - kw, labels[i],
			  draw_attr(C_BAR_LABEL));
	}
}

static void draw_all(struct tui *t)
{
	erase();
	t->cursor_y = t->cursor_x = -1;
	if (t->lay.too_small) {
		char buf[256];
		snprintf(buf, sizeof buf, _("The terminal is too small (%dx%d)."), t->lay.cols,
			 t->lay.rows);
		int y = t->lay.rows / 2 - 1;
		draw_text(y > 0 ? y : 0, 0, t->lay.cols, buf, A_BOLD);
		snprintf(buf, sizeof buf, _("Make it at least %dx%d, or press q to quit."),
			 TUI_MIN_COLS, TUI_MIN_ROWS);
		if (y + 1 < t->lay.rows)
			draw_text(y + 1, 0, t->lay.cols, buf, A_NORMAL);
		curs_set(0);
		refresh();
		return;
	}
	draw_title(t);
	/* The message line first: a screen may put its own line (a search) over it. */
	draw_text(t->lay.message_row, 0, t->lay.cols, t->message,
		  t->message_error ? draw_attr(C_ERROR) : A_NORMAL);
	t->message_row_taken = false;
	/* A message wider than the screen wraps onto the line above: the body
	 * gives up its last line while it is shown (unless the screen puts a line
	 * of its own on the message line). */
	bool wrap = (int)str_width(t->message) > t->lay.cols && t->lay.body_rows > 2;
	if (wrap)
		t->lay.body_rows--;
	top(t)->ops->draw(t, top(t));
	if (wrap)
		t->lay.body_rows++;
	if (wrap && !t->message_row_taken)
		draw_wrapped(t->lay.message_row - 1, 0, t->lay.cols, 2, t->message,
			     t->message_error ? draw_attr(C_ERROR) : A_NORMAL);
	draw_bar(t);
	if (t->cursor_y >= 0) {
		move(t->cursor_y, t->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- the stack ---- */

static void pop(struct tui *t)
{
	struct screen *s = t->stack[--t->depth];
	s->ops->destroy(s);
}

static void clear_stack(struct tui *t)
{
	while (t->depth > 0)
		pop(t);
}

static void push(struct tui *t, struct screen *s)
{
	if (!s)
		return; /* the screen could not open; it said why in the message line */
	if (t->depth == (int)(sizeof t->stack / sizeof t->stack[0])) {
		s->ops->destroy(s);
		return;
	}
	t->stack[t->depth++] = s;
}

/* Act on what a handler returned; false when the program should end. */
static bool apply(struct tui *t, struct next n)
{
	if (n.flags & NEXT_QUIT)
		return false;
	if (n.flags & NEXT_SWITCH && n.screen) {
		clear_stack(t);
		push(t, n.screen);
		return true;
	}
	if (n.flags & NEXT_POP) {
		if (t->depth > 1) {
			pop(t);
			if (top(t)->ops->resume)
				top(t)->ops->resume(t, top(t));
		}
	}
	if (n.flags & NEXT_PUSH)
		push(t, n.screen);
	return true;
}

static bool has_pending(struct tui *t)
{
	struct screen *s = top(t);
	return !t->lay.too_small && s->ops->pending && s->ops->pending(s);
}

static void run_idle(struct tui *t, bool interruptible)
{
	struct screen *s = top(t);
	t->interrupted = false;
	t->interruptible = interruptible;
	s->ops->idle(t, s);
	t->interruptible = false;
}

static struct next switch_to(struct tui *t, enum action a)
{
	struct screen *s;
	switch (a) {
	case ACT_DASHBOARD: s = dashboard_open(t); break;
	case ACT_ENTITIES: s = entities_open(t); break;
	case ACT_TASKS: s = tasks_open(t); break;
	case ACT_SYNC: s = sync_open(t); break;
	case ACT_CONFLICTS: s = conflicts_open(t); break;
	default: s = history_open(t, NULL, NULL); break;
	}
	return (struct next){s ? NEXT_SWITCH : NEXT_REDRAW, s};
}

/* Some screen of the stack holds typed input that quitting would lose. */
static bool unsaved(struct tui *t)
{
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i]->ops->unsaved && t->stack[i]->ops->unsaved(t->stack[i]))
			return true;
	return false;
}

/* Quit, asking first when typed input would be lost. */
static struct next ask_quit(struct tui *t)
{
	if (!unsaved(t))
		return NEXT(NEXT_QUIT);
	t->quit_asking = true;
	t->confirm_pending = true;
	tui_error(t, _("Quit and throw away what you typed? (y/n)"));
	return NEXT(NEXT_REDRAW);
}

/* ^P in a text field: the pinyin input on or off, its dictionary loaded
 * the first time (and what that cost said). */
static struct next toggle_pinyin(struct tui *t)
{
	if (t->pinyin) {
		t->pinyin = false;
		ime_cancel(t->ime);
		tui_message(t, _("Pinyin input off: letters are typed as they are."));
		return NEXT(NEXT_REDRAW);
	}
	if (!t->ime) {
		char why[512];
		wg_phrases ph;
		wg_error err;
		if (!ime_built_in()) {
			ime_load(NULL, why, sizeof why);
			tui_error(t, "%s", why);
			return NEXT(NEXT_REDRAW);
		}
		draw_text(t->lay.message_row, 0, t->lay.cols, _("Loading the pinyin dictionary..."),
			  A_BOLD);
		refresh();
		if (wg_phrases_collect(t->ws->db, &ph, &err)) {
			tui_error(t, "%s", err.msg);
			return NEXT(NEXT_REDRAW);
		}
		t->ime = ime_load(&ph, why, sizeof why);
		wg_phrases_free(&ph);
		if (!t->ime) {
			tui_error(t, "%s", why);
			return NEXT(NEXT_REDRAW);
		}
		t->pinyin = true;
		tui_message(t, _("Pinyin input on: type pinyin, then 1-9 to choose (Space: the first). "
				 "Loading libpinyin and its dictionary took %.1f MB and %.0f ms."),
			    ime_load_kb(t->ime) / 1024.0, ime_load_ms(t->ime));
		return NEXT(NEXT_REDRAW);
	}
	t->pinyin = true;
	tui_message(t, _("Pinyin input on: type pinyin, then 1-9 to choose (Space: the first)."));
	return NEXT(NEXT_REDRAW);
}

/* Text the pinyin input made, typed into the screen a character at a time,
 * as a computer's input method would. */
static struct next type_committed(struct tui *t, struct screen *s)
{
	struct next nx = NEXT(NEXT_REDRAW);
	const char *p = ime_committed(t->ime);
	size_t n = strlen(p);
	while (n > 0) {
		uint32_t cp;
		size_t used = utf8_decode(p, n, &cp);
		nx = s->ops->key(t, s, ACT_NONE, (int)cp);
		if (nx.flags & ~NEXT_REDRAW)
			break;
		p += used;
		n -= used;
	}
	nx.flags |= NEXT_REDRAW;
	return nx;
}

static struct next handle_key(struct tui *t, int key)
{
	bool tm = text_mode(t);
	struct screen *s = top(t);
	enum action a = action_for_key(key, tm, s->ops->actions);

	/* Pinyin: in a text field (the last drawing put a text cursor in one; a
	 * choice or a read-only field has none), unless the message line asks a
	 * question. */
	bool field = tm && t->cursor_y >= 0;
	if (!field)
		ime_cancel(t->ime);
	if (field && !t->confirm_pending && !t->quit_asking && !t->lay.too_small) {
		if (key == K_CTRL('p')) {
			if (ime_flush(t->ime)) {
				struct next nx = type_committed(t, s);
				if (nx.flags & ~NEXT_REDRAW)
					return nx;
			}
			return toggle_pinyin(t);
		}
		if (t->pinyin) {
			switch (ime_key(t->ime, key)) {
			case IME_USED: return NEXT(NEXT_REDRAW);
			case IME_COMMIT: return type_committed(t, s);
			case IME_PASS: break;
			}
		}
	}

	if (t->lay.too_small)
		return a == ACT_QUIT || key == 'q' ? NEXT(NEXT_QUIT) : NEXT(NEXT_NONE);
	if (t->quit_asking) {
		t->quit_asking = false;
		t->confirm_pending = false;
		if (tui_answer_yes(key))
			return NEXT(NEXT_QUIT);
		tui_message(t, _("Not quit: go on."));
		return NEXT(NEXT_REDRAW);
	}
	/* Program-wide actions; a question on the message line takes every key. */
	if (!t->confirm_pending) {
		switch (a) {
		case ACT_QUIT:
			return ask_quit(t);
		case ACT_HELP:
			if (s->ops == &help_ops)
				return NEXT(NEXT_POP | NEXT_REDRAW);
			return (struct next){NEXT_PUSH | NEXT_REDRAW, help_open(t, s)};
		case ACT_CLUE: {
			struct screen *c = clue_form_open(t);
			return c ? (struct next){NEXT_PUSH | NEXT_REDRAW, c} : NEXT(NEXT_REDRAW);
		}
		case ACT_DASHBOARD: case ACT_ENTITIES: case ACT_TASKS: case ACT_SYNC:
		case ACT_CONFLICTS: case ACT_LOG:
			/* another screen: what was said about this one goes */
			t->message[0] = 0;
			t->message_error = false;
			return switch_to(t, a);
		default:
			break;
		}
	}
	struct next nx = s->ops->key(t, s, a, key);
	/* F3 (/, ^F) everywhere: a screen without a search of its own searches
	 * the entities, which is what people look for; a form with typed input
	 * stays (leaving would lose it). */
	if (a == ACT_SEARCH && nx.flags == NEXT_NONE && !t->confirm_pending) {
		if (unsaved(t)) {
			tui_error(t, _("Save or close this form first: then F3 searches the entities."));
			return NEXT(NEXT_REDRAW);
		}
		struct screen *e = entities_open(t);
		if (!e)
			return NEXT(NEXT_REDRAW);
		entities_search(e);
		t->message[0] = 0;
		t->message_error = false;
		return (struct next){NEXT_SWITCH | NEXT_REDRAW, e};
	}
	return nx;
}

static double now_ms(void);

static struct next handle_mouse(struct tui *t)
{
	MEVENT ev;
	/* ncurses' own click resolution is off (mouseinterval 0): a press is a
	 * click, and a second press on the same cell soon after is a double click. */
	static double last_ms;
	static int last_y = -1, last_x = -1;
	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return NEXT(NEXT_NONE);
	double now = now_ms();
	bool dbl = ev.y == last_y && ev.x == last_x && now - last_ms < 400;
	last_ms = dbl ? 0 : now;
	last_y = ev.y;
	last_x = ev.x;
	if (t->lay.too_small)
		return NEXT(NEXT_NONE);
	if (ev.y == 0) {
		for (int i = 0; i < NTABS; i++)
			if (ev.x >= tab_x[i] && ev.x < tab_x[i + 1]) {
				t->message[0] = 0;
				t->message_error = false;
				return switch_to(t, tabs[i].act);
			}
		return NEXT(NEXT_NONE);
	}
	if (ev.y == t->lay.bar_row) {
		for (int i = 0; i < bar_n; i++)
			if (ev.x >= bar_x[i] && ev.x < bar_x[i] + bar_w[i])
				return handle_key(t, action_key(bar_act[i], text_mode(t)));
		return NEXT(NEXT_NONE);
	}
	struct screen *s = top(t);
	if (ev.y >= t->lay.body_top && ev.y < t->lay.body_top + t->lay.body_rows && s->ops->click) {
		/* A click picks from the rows on screen: a search still waiting
		 * runs first, or it would run after and move the selection. */
		if (has_pending(t)) {
			run_idle(t, false);
			draw_all(t);
		}
		struct next n = s->ops->click(t, s, ev.y, ev.x);
		/* A double click opens what the first click selected. */
		if (dbl && !(n.flags & ~NEXT_REDRAW))
			return s->ops->key(t, s, ACT_OPEN, '\n');
		return n;
	}
	return NEXT(NEXT_NONE);
}

/* ---- scripted keys, for the benchmark: WANGGE_TUI_KEYS="jjj<F3>zsx<Enter>" ---- */

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{"Enter", '\n'}, {"Esc", 27}, {"Tab", '\t'}, {"Up", KC(KEY_UP)}, {"Down", KC(KEY_DOWN)},
	{"PgUp", KC(KEY_PPAGE)}, {"PgDn", KC(KEY_NPAGE)}, {"Home", KC(KEY_HOME)},
	{"End", KC(KEY_END)}, {"BS", K_DEL}, {"F1", KC(KEY_F(1))}, {"F2", KC(KEY_F(2))},
	{"F3", KC(KEY_F(3))}, {"F4", KC(KEY_F(4))}, {"F5", KC(KEY_F(5))}, {"F6", KC(KEY_F(6))},
	{"F7", KC(KEY_F(7))}, {"F10", KC(KEY_F(10))},
};

/* Next key of a script; advances *p; 0 at the end or on an unknown name. */
static int script_key(const char **p)
{
	const char *s = *p;
	if (!*s)
		return 0;
	if (*s == '<') {
		const char *end = strchr(s, '>');
		for (size_t i = 0; end && i < sizeof named_keys / sizeof named_keys[0]; i++)
			if ((size_t)(end - s - 1) == strlen(named_keys[i].name) &&
			    strncmp(s + 1, named_keys[i].name, (size_t)(end - s - 1)) == 0) {
				*p = end + 1;
				return named_keys[i].key;
			}
	}
	uint32_t cp;
	*p += utf8_decode(s, strlen(s), &cp);
	return (int)cp;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Press each key of the script, timing handling plus drawing; report on stderr. */
static void run_script(struct tui *t, const char *script)
{
	double ms[256], work[256];
	int n = 0, nw = 0;
	while (n < 256) {
		int key = script_key(&script);
		if (!key)
			break;
		double t0 = now_ms();
		struct next nx = handle_key(t, key);
		bool go_on = apply(t, nx);
		if (go_on)
			draw_all(t);
		ms[n] = now_ms() - t0;
		/* Then the deferred work (a search), as if no key followed at once. */
		double w0 = now_ms();
		bool had_work = go_on && has_pending(t);
		if (had_work) {
			run_idle(t, false);
			draw_all(t);
			work[nw++] = now_ms() - w0;
		}
		fprintf(stderr, "key %d %.3f ms", n + 1, ms[n]);
		if (had_work)
			fprintf(stderr, " then search %.3f ms", work[nw - 1]);
		fputc('\n', stderr);
		n++;
		if (!go_on)
			break;
	}
	if (n == 0)
		return;
	qsort(ms, (size_t)n, sizeof ms[0], cmp_double);
	fprintf(stderr, "keys %d median_ms %.3f max_ms %.3f\n", n, ms[n / 2], ms[n - 1]);
	if (nw) {
		qsort(work, (size_t)nw, sizeof work[0], cmp_double);
		fprintf(stderr, "searches %d median_ms %.3f max_ms %.3f\n", nw, work[nw / 2],
			work[nw - 1]);
	}
}

/* ---- reading keys: sequences the terminal database does not know, Esc+digit ---- */

/* The rest of a sequence ncurses gave up on is already here, or nearly. */
#define ESC_FOLLOW_MS 50
/* Esc then a digit is an F-key (Esc 0 is F10), as in Midnight Commander: for
 * keyboards and terminals whose F-keys do not arrive. A lone Esc waits this long. */
#define ESC_DIGIT_MS 1000

/* One key from curses, or the key put back; -1 when none came within ms. */
static int raw_key(struct tui *t, int ms)
{
	if (t->pushed_key) {
		int k = t->pushed_key;
		t->pushed_key = 0;
		return k;
	}
	timeout(ms);
	wint_t ch;
	int r = get_wch(&ch);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES && (int)ch > KEY_MAX) {
		/* A key that only an extended name of the terminal description
		 * defines (TERM=linux's kcbt2, "Esc [ Z", which is Shift-Tab):
		 * its code means nothing here, its sequence is decoded as any. */
		char *bound = keybound((int)ch, 0);
		int seq[KEYSEQ_MAX], n = 0, key = 0;
		for (const char *p = bound && bound[0] == K_ESC ? bound + 1 : ""; *p && n < KEYSEQ_MAX;
		     p++)
			seq[n++] = (unsigned char)*p;
		free(bound);
		return n && keyseq_decode(seq, n, &key) == KS_KEY ? key : 0;
	}
	return r == KEY_CODE_YES ? KC((int)ch) : (int)ch;
}

/* The next key, or -1 when none came within ms; 0 for a sequence swallowed
 * whole. Known sequences become their key; an unknown one never reaches the
 * screens as the characters it is made of. */
static int read_key(struct tui *t, int ms)
{
	int k = raw_key(t, ms);
	if (k != K_ESC)
		return k;
	int c = raw_key(t, ESC_FOLLOW_MS);
	bool waited = false;
	if (c < 0) {
		/* A lone Esc: a digit may follow, by hand. Say so while waiting. */
		if (!t->lay.too_small) {
			draw_text(t->lay.message_row, 0, t->lay.cols,
				  _("Esc: a digit now is an F-key (Esc 2 = F2, Esc 0 = F10)."),
				  A_BOLD);
			refresh();
		}
		c = raw_key(t, ESC_DIGIT_MS);
		waited = true;
		if (c < 0)
			return K_ESC;
	}
	if (c >= '0' && c <= '9')
		return KC(KEY_F(c == '0' ? 10 : c - '0'));
	if (waited || (c != '[' && c != 'O')) {
		t->pushed_key = c; /* Esc, then a key of its own */
		return K_ESC;
	}
	int seq[KEYSEQ_MAX + 1], n = 0, key = 0;
	seq[n++] = c;
	for (;;) {
		enum keyseq_state st = keyseq_decode(seq, n, &key);
		if (st == KS_KEY)
			return key;
		if (st != KS_MORE)
			return 0;
		c = raw_key(t, ESC_FOLLOW_MS);
		if (c < 0)
			return 0; /* broken off: drop what came */
		if (KEY_IS_CODE(c)) {
			t->pushed_key = c; /* a key of its own (a resize) ends it */
			return 0;
		}
		seq[n++] = c;
	}
}

/* Without a UTF-8 locale ncurses draws every Chinese character as a blank.
 * Fall back to C.UTF-8 where it exists, and say so on the first screen with
 * how to fix it for good. Before initscr, which reads the locale. */
static void check_locale(struct tui *t)
{
	const char *cs = nl_langinfo(CODESET);
	if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
		return;
	const char *name = getenv("LC_ALL");
	if (!name || !*name)
		name = getenv("LC_CTYPE");
	if (!name || !*name)
		name = getenv("LANG");
	if (!name || !*name)
		name = "C";
	char was[64];
	snprintf(was, sizeof was, "%s", name);
	if (setlocale(LC_CTYPE, "C.UTF-8"))
		tui_error(t, _("The locale %s is not UTF-8, so Chinese would not show; wangge uses "
			       "C.UTF-8 for now. To fix it: export LANG=zh_CN.UTF-8 (e.g. in "
			       "~/.profile)."), was);
	else
		tui_error(t, _("The locale %s is not UTF-8: Chinese shows as blanks. To fix it: "
			       "install a UTF-8 locale (Debian: dpkg-reconfigure locales) and "
			       "export LANG=zh_CN.UTF-8."), was);
}

/* Long work in the core (a big commit, a bundle's records): a bar on the
 * message line, drawn at once; the next full drawing puts the line back. */
static void show_progress(void *arg, const char *what, unsigned long done, unsigned long total)
{
	struct tui *t = arg;
	if (t->lay.too_small)
		return;
	if (!what) {
		/* the work is done: its bar goes (the next one is drawn on a clean
		 * line, not over the last one's letters) */
		draw_blank(t->lay.message_row, 0, t->lay.cols, A_NORMAL);
		refresh();
		return;
	}
	char line[512];
	wg_progress_line(line, sizeof line, _(what), done, total);
	draw_blank(t->lay.message_row, 0, t->lay.cols, A_NORMAL);
	draw_text(t->lay.message_row, 0, t->lay.cols, line, A_BOLD);
	refresh();
}

/* XON/XOFF flow control would take Ctrl-S and Ctrl-Q, which save and quit. */
static void no_flow_control(void)
{
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
			def_prog_mode();
	}
}

int tui_run(wg_workspace *ws, wg_error *err)
{
	struct tui t;
	struct sigaction sa;
	const char *exit_after = getenv("WANGGE_TUI_EXIT");
	const char *script = getenv("WANGGE_TUI_KEYS");

	memset(&t, 0, sizeof t);
	t.ws = ws;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal interrupts the wait for a key. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	check_locale(&t);
	if (!initscr())
		return wg_fail(err, WG_EINTERNAL, _("cannot start the full-screen program on this "
						    "terminal (TERM=%s)"),
			       getenv("TERM") ? getenv("TERM") : "");
	atexit(restore_terminal);
	cbreak();
	noecho();
	nonl();
	no_flow_control();
	keypad(stdscr, TRUE);
	/* How long a lone Esc waits for the rest of a key's sequence. Over SSH or
	 * a loaded machine a mouse or F-key sequence can arrive in pieces; cut
	 * short, it would act as Esc followed by typing. 100 ms still feels
	 * immediate (vim's ttimeoutlen is 100). */
	set_escdelay(100);
	timeout(500);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	mouseinterval(0);
	draw_init_colors();
	layout_compute(&t.lay, LINES, COLS);
	sqlite3_progress_handler(ws->db, 1000, progress, &t);
	wg_progress_set(show_progress, &t);
	if (ws->role == ROLE_OFFICER && ws->officer) {
		wg_record *officer;
		wg_error oerr;
		if (wg_db_load(ws->db, &wg_kind_officer, ws->officer, &officer, &oerr) == WG_OK) {
			t.officer_name = xstrdup(wg_record_get(officer, "name"));
			wg_record_free(officer);
		}
	}

	push(&t, dashboard_open(&t));
	if (t.depth == 0) {
		wg_progress_set(NULL, NULL);
		free(t.officer_name);
		restore_terminal();
		return wg_fail(err, WG_EINTERNAL, "%s", t.message);
	}
	draw_all(&t);
	bool running = !(exit_after && strcmp(exit_after, "first-draw") == 0);
	if (running && script) {
		run_script(&t, script);
		running = false;
	}
	while (running) {
		/* Ctrl-C where typed input would be lost asks first; a second one,
		 * or any other signal, ends at once. */
		if (quit_signal == SIGINT && !t.quit_asking && !t.lay.too_small && unsaved(&t)) {
			quit_signal = 0;
			apply(&t, ask_quit(&t));
			draw_all(&t);
		}
		if (quit_signal)
			break;
		bool work = has_pending(&t);
		int key = read_key(&t, work ? 0 : 500);
		if (key < 0 && work) {
			run_idle(&t, true);
			draw_all(&t);
			continue;
		}
		if (key < 0)
			continue; /* timeout or a signal: look at the flag */
		struct next nx;
		/* A message said on another screen is stale once a key opens or
		 * closes one, unless that key said something itself ("the note is
		 * saved" as its form closes). */
		struct screen *was_top = top(&t);
		int was_depth = t.depth;
		unsigned was_gen = t.message_gen;
		if (key == KC(KEY_RESIZE) || key == K_CTRL('l')) {
			/* The terminal may no longer hold what ncurses last drew:
			 * a terminal reflows its lines when resized (the Linux
			 * console has no alternate screen), and the kernel writes
			 * its messages over the console's screen. ncurses repaints
			 * only when the size it reads changed; repaint every cell
			 * on any resize, and on ^L, a question on the message
			 * line staying asked. */
			clearok(curscr, TRUE);
			layout_compute(&t.lay, LINES, COLS);
			nx = NEXT(NEXT_REDRAW);
		} else if (key == KC(KEY_MOUSE)) {
			nx = handle_mouse(&t);
		} else if (key == 0) {
			nx = NEXT(NEXT_REDRAW); /* a sequence swallowed: the Esc hint goes */
		} else {
			nx = handle_key(&t, key);
		}
		running = apply(&t, nx);
		if (running && t.message_gen == was_gen &&
		    (t.depth != was_depth || top(&t) != was_top)) {
			t.message[0] = 0;
			t.message_error = false;
		}
		if (running)
			draw_all(&t);
	}
	sqlite3_progress_handler(ws->db, 0, NULL, NULL);
	wg_progress_set(NULL, NULL);
	clear_stack(&t);
	ime_free(t.ime);
	free(t.officer_name);
	restore_terminal();
	if (quit_signal)
		return 128 + quit_signal;
	return WG_OK;
}

/* The full-screen program: a stack of screens, each described by one ops table
 * (after tig's view_ops). Handlers return what should happen next (after htop's
 * Panel results); the main loop acts on it. No screen reaches into another. */
#ifndef WG_TUI_H
#define WG_TUI_H

#include <stdbool.h>

#include "actions.h"
#include "error.h"
#include "layout.h"
#include "record.h"
#include "workspace.h"

struct tui;
struct screen;

enum next_flags {
	NEXT_NONE = 0,
	NEXT_REDRAW = 1 << 0, /* draw again */
	NEXT_POP = 1 << 1,    /* close this screen, back to the one below */
	NEXT_PUSH = 1 << 2,   /* open next.screen above this one */
	NEXT_SWITCH = 1 << 3, /* replace the whole stack with next.screen */
	NEXT_QUIT = 1 << 4,
};

struct next {
	int flags;
	struct screen *screen;
};

#define NEXT(f) ((struct next){(f), NULL})

struct screen_ops {
	const char *title;          /* N_() */
	const enum action *actions; /* shown in the key bar and help; ends with ACT_NONE */
	/* Has a text cursor (printable keys are text, not actions)? NULL: never. */
	bool (*text_mode)(struct screen *s);
	void (*draw)(struct tui *t, struct screen *s);
	/* A key: its action (ACT_NONE if unbound) and the key itself. */
	struct next (*key)(struct tui *t, struct screen *s, enum action a, int key);
	/* A mouse click in the body; y, x are screen coordinates. May be NULL. */
	struct next (*click)(struct tui *t, struct screen *s, int y, int x);
	/* Back on top after the screen above closed: reload what may have changed. */
	void (*resume)(struct tui *t, struct screen *s);
	/* Work left after a key (a search still to run)? Then idle is called when
	 * no key is waiting; a key pressed meanwhile interrupts it (the database
	 * query is cancelled) and idle runs again later. Both may be NULL. */
	bool (*pending)(struct screen *s);
	void (*idle)(struct tui *t, struct screen *s);
	/* Holds typed input that leaving would lose (quitting asks first)? May be NULL. */
	bool (*unsaved)(struct screen *s);
	void (*destroy)(struct screen *s);
};

struct screen {
	const struct screen_ops *ops;
	int tab; /* its top tab: 0 dashboard, 1 entities, 2 tasks, 3 sync, 4 conflicts, 5 history */
};

struct tui {
	wg_workspace *ws;
	struct layout lay;
	struct screen *stack[16];
	int depth;
	char message[512];
	bool message_error;
	unsigned message_gen;   /* counts the messages said: which key said the last */
	int cursor_y, cursor_x; /* where the text cursor goes, -1 for none */
	bool confirm_pending;   /* the message line asks a yes/no question */
	bool interruptible;     /* a key press may cancel the running query */
	bool interrupted;       /* ... and did */
	int pushed_key;         /* read ahead after an Esc, handled next; 0: none */
	bool message_row_taken; /* the screen drew its own line there (a search) */
	bool quit_asking;      /* "quit and lose what you typed?" is on the message line */
	char *officer_name;     /* officer workspaces: who is working, for the title */
	bool pinyin;            /* the pinyin input is on (text fields: ime.h) */
	struct ime *ime;        /* loaded the first time it is turned on */
};

/* Run on an open workspace until the user quits. Returns an exit status. */
int tui_run(wg_workspace *ws, wg_error *err);

/* Messages on the message line (printf-style, already translated). */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The key answers yes to a (y/n) question (y, or the translation's letter). */
bool tui_answer_yes(int key);
/* Put the terminal cursor here after drawing (for text fields). */
void tui_cursor(struct tui *t, int y, int x);

/* The screens. */
struct screen *dashboard_open(struct tui *t);
struct screen *cases_open(struct tui *t);
struct screen *case_open(struct tui *t, const char *id);
/* The officer's clue form (协管信息报告), reachable from every screen. */
struct screen *clue_form_open(struct tui *t);
struct screen *entities_open(struct tui *t);
/* Open the entity list's search line (F3 elsewhere searches entities). */
void entities_search(struct screen *s);
struct screen *entity_open(struct tui *t, const char *id);
struct screen *entity_form_open(struct tui *t, const char *id); /* NULL id: new entity */
/* A form for a record of kind k (id NULL: a new one, added with add, with
 * preset_field set to preset_value and left off the form, as is the grid). */
typedef int (*record_add_fn)(wg_workspace *ws, wg_record *rec, wg_error *err);
struct screen *record_form_open(struct tui *t, const struct wg_kind *k, const char *id,
				const char *preset_field, const char *preset_value, record_add_fn add,
				const char *title);
/* The name of the record edited, for the form's title (NULL: a new one). */
char *record_form_name(struct tui *t, const struct wg_kind *k, const char *id);
/* The practitioners (执业人员) of an entity and its registered services. */
struct screen *staff_open(struct tui *t, const char *entity);
struct screen *tasks_open(struct tui *t);
struct screen *task_open(struct tui *t, const char *id);
struct screen *help_open(struct tui *t, const struct screen *about);
extern const struct screen_ops help_ops; /* F1 on the help screen closes it */
struct screen *sync_open(struct tui *t);
/* This workspace's signing key, and on the county the officers' keys. */
struct screen *keys_open(struct tui *t);
struct screen *inspection_open(struct tui *t, const char *id, int tab);
/* Start a patrol for a task or an entity (one of them NULL) and open it. */
struct screen *inspection_start(struct tui *t, const char *task, const char *entity, int tab);
struct screen *conflicts_open(struct tui *t);
/* The county names who inspects: two certified inspectors, none recused. */
struct screen *inspectors_open(struct tui *t, const char *task, const char *entity, int tab);
/* This month's report charts (the same core charts as "wangge report"). */
struct screen *report_open(struct tui *t);
/* The county desk: per grid what went out and came back; x dispatches. */
struct screen *returns_open(struct tui *t);
/* Complaints (county): record, verify, close; complainants masked. */
struct screen *complaints_open(struct tui *t);
/* Entities whose points reached a band; Enter opens the entity. */
struct screen *alerts_open(struct tui *t);
/* Campaigns with their progress per grid; a starts one. */
struct screen *campaigns_open(struct tui *t);
/* Officers and inspectors (county): add, enroll into a folder; recusals. */
struct screen *officers_open(struct tui *t);
struct screen *recusals_open(struct tui *t);
/* The red and black lists and the entities at risk, with their reasons. */
struct screen *credit_open(struct tui *t);
/* Random draws: plans, the draws made, a draw with its dry run, verifying. */
struct screen *draw_open(struct tui *t);
/* The disclosure of random-inspection results: previewed, then written. */
struct screen *publish_open(struct tui *t);
/* The county's rules: versions, recomputes, one version's text; on the county
 * a rule file is imported and the recompute run from here. */
struct screen *rules_open(struct tui *t);
/* The history of the workspace's grid, or of one record (its name for the title). */
struct screen *history_open(struct tui *t, const char *record, const char *name);
/* What imports did: those of ids (n of them), or the recent ones (ids NULL). */
struct screen *imports_open(struct tui *t, const long *ids, size_t n);

/* A list helper shared by list screens: a header line then rows. */
struct list_column {
	const char *title; /* translated */
	struct colspec spec;
};

#endif

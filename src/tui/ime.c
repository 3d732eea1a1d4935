#include <config.h>

#include <curses.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actions.h"
#include "i18n.h"
#include "ime.h"
#include "strbuf.h"
#include "utf8.h"

#ifdef HAVE_LIBPINYIN
#include <dlfcn.h>
#include <stdbool.h> /* pinyin.h uses bool without it */
#include <pinyin.h>

/* libpinyin is loaded (dlopen) on the first ^P, not linked: linking it, its
 * C++ runtime, glib and Berkeley DB made every start resolve some 6,600
 * symbols more (5 M instructions), for an input most sessions never use.
 * These are the functions used, with the header's types: the assertions
 * below make a type that no longer matches the header a compile error,
 * without referring to the library's symbols (_Generic evaluates nothing). */
#define LIBPINYIN_FUNCTIONS(X) \
	X(pinyin_context_t *, pinyin_init, (const char *, const char *)) \
	X(bool, pinyin_set_options, (pinyin_context_t *, pinyin_option_t)) \
	X(pinyin_instance_t *, pinyin_alloc_instance, (pinyin_context_t *)) \
	X(void, pinyin_free_instance, (pinyin_instance_t *)) \
	X(void, pinyin_fini, (pinyin_context_t *)) \
	X(size_t, pinyin_parse_more_full_pinyins, (pinyin_instance_t *, const char *)) \
	X(bool, pinyin_guess_sentence, (pinyin_instance_t *)) \
	X(bool, pinyin_guess_candidates, (pinyin_instance_t *, size_t, guint)) \
	X(bool, pinyin_reset, (pinyin_instance_t *)) \
	X(bool, pinyin_get_n_candidate, (pinyin_instance_t *, guint *)) \
	X(bool, pinyin_get_candidate, (pinyin_instance_t *, guint, lookup_candidate_t **)) \
	X(bool, pinyin_get_candidate_string, \
	  (pinyin_instance_t *, lookup_candidate_t *, const gchar **)) \
	X(int, pinyin_choose_candidate, (pinyin_instance_t *, size_t, lookup_candidate_t *)) \
	X(bool, pinyin_get_pinyin_key_rest, (pinyin_instance_t *, size_t, ChewingKeyRest **)) \
	X(bool, pinyin_get_pinyin_key_rest_positions, \
	  (pinyin_instance_t *, ChewingKeyRest *, guint16 *, guint16 *))

#define LIBPINYIN_POINTER(ret, name, args) ret(*name) args;
static struct {
	LIBPINYIN_FUNCTIONS(LIBPINYIN_POINTER)
} lp;
#define LIBPINYIN_SAME_TYPE(ret, name, args) \
	_Static_assert(_Generic(&name, ret(*) args: 1, default: 0), #name " as in pinyin.h");
LIBPINYIN_FUNCTIONS(LIBPINYIN_SAME_TYPE)

/* Load libpinyin once (it stays loaded: glib and the C++ runtime are not
 * meant to be unloaded); false, with a translated reason, when it cannot be.
 * A load that failed is tried again on the next ^P. */
static bool libpinyin_open(char *why, size_t whylen)
{
	static bool loaded;
	if (loaded)
		return true;
	void *lib = dlopen(LIBPINYIN_SONAME, RTLD_NOW | RTLD_LOCAL);
	bool ok = lib != NULL;
	/* dlsym returns a void *, which ISO C does not convert to a function
	 * pointer; POSIX guarantees both have the same representation. */
#define LIBPINYIN_RESOLVE(ret, name, args) \
	if (ok) { \
		void *sym = dlsym(lib, #name); \
		memcpy(&lp.name, &sym, sizeof sym); \
		ok = sym != NULL; \
	}
	LIBPINYIN_FUNCTIONS(LIBPINYIN_RESOLVE)
	if (!ok) {
		if (lib)
			dlclose(lib);
		snprintf(why, whylen, _("The pinyin input is not installed (%s could not be loaded): "
					"letters are typed as they are. Install it: apt-get install "
					"%s."), LIBPINYIN_SONAME, LIBPINYIN_PACKAGE);
		return false;
	}
	loaded = true;
	return true;
}

/* Candidates kept for the rest of the pinyin: ten pages. */
#define IME_CANDS (IME_PAGE * 10)

struct cand {
	char *text;
	lookup_candidate_t *lc; /* the instance's, valid until the next reset */
	size_t chars, uses;
	size_t order; /* libpinyin's */
};

struct ime {
	pinyin_context_t *ctx;
	pinyin_instance_t *inst;
	wg_phrases ph;
	char raw[IME_RAW_MAX + 1]; /* the letters typed */
	size_t rawlen, consumed;   /* ... and how many the chosen characters stand for */
	size_t parsed;             /* letters of raw + consumed libpinyin understood */
	strbuf chosen;
	struct cand cand[IME_CANDS];
	size_t ncand, page;
	strbuf commit;
	long kb;
	double ms;
};

bool ime_built_in(void)
{
	return true;
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, resident = 0;
	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct ime *ime_load(wg_phrases *ph, char *why, size_t whylen)
{
	/* what the library itself takes is counted too */
	long before = rss_kb();
	double t0 = now_ms();
	if (!libpinyin_open(why, whylen))
		return NULL;
	const char *dir = getenv("WANGGE_PINYIN_DATA");
	if (!dir || !*dir)
		dir = LIBPINYIN_DATADIR;
	char probe[4096];
	snprintf(probe, sizeof probe, "%s/pinyin_index.bin", dir);
	if (access(probe, R_OK) != 0) {
		snprintf(why, whylen, _("The pinyin dictionary is missing (%s). Install it: "
					"apt-get install libpinyin-data."), dir);
		return NULL;
	}
	/* libpinyin says on stderr that there is no user dictionary yet: not on
	 * the screen. It learns nothing to disk here (no pinyin_save), so the
	 * user folder is one that is never written. */
	fflush(stderr);
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	pinyin_context_t *ctx = lp.pinyin_init(dir, "/nonexistent/wangge-pinyin");
	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	if (null >= 0)
		close(null);
	pinyin_instance_t *inst = NULL;
	if (ctx) {
		lp.pinyin_set_options(ctx, PINYIN_INCOMPLETE | PINYIN_CORRECT_ALL | USE_DIVIDED_TABLE |
					       USE_RESPLIT_TABLE | DYNAMIC_ADJUST);
		inst = lp.pinyin_alloc_instance(ctx);
	}
	if (!inst) {
		if (ctx)
			lp.pinyin_fini(ctx);
		snprintf(why, whylen, _("The pinyin dictionary in %s could not be read. Reinstall "
					"it: apt-get install --reinstall libpinyin-data."), dir);
		return NULL;
	}
	struct ime *im = xcalloc(1, sizeof *im);
	im->ctx = ctx;
	im->inst = inst;
	im->ph = *ph;
	memset(ph, 0, sizeof *ph);
	/* One lookup, so the memory counted is what typing uses (the tables are
	 * read as they are needed). */
	lp.pinyin_parse_more_full_pinyins(inst, "zhongguo");
	lp.pinyin_guess_sentence(inst);
	lp.pinyin_guess_candidates(inst, 0, SORT_BY_PHRASE_LENGTH_AND_FREQUENCY);
	lp.pinyin_reset(inst);
	im->ms = now_ms() - t0;
	im->kb = rss_kb() - before;
	return im;
}

static void clear_cands(struct ime *im)
{
	for (size_t i = 0; i < im->ncand; i++)
		free(im->cand[i].text);
	im->ncand = im->page = 0;
}

void ime_free(struct ime *im)
{
	if (!im)
		return;
	clear_cands(im);
	lp.pinyin_free_instance(im->inst);
	lp.pinyin_fini(im->ctx);
	wg_phrases_free(&im->ph);
	sb_release(&im->chosen);
	sb_release(&im->commit);
	free(im);
}

long ime_load_kb(const struct ime *im)
{
	return im->kb;
}

double ime_load_ms(const struct ime *im)
{
	return im->ms;
}

/* The workspace's own words first (the longer, then the more used), each
 * else in libpinyin's order. A single character is no evidence. */
static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	bool px = x->chars > 1 && x->uses > 0, py = y->chars > 1 && y->uses > 0;
	if (px != py)
		return px ? -1 : 1;
	if (px) {
		if (x->chars != y->chars)
			return x->chars > y->chars ? -1 : 1;
		if (x->uses != y->uses)
			return x->uses > y->uses ? -1 : 1;
	}
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Look the pinyin still to convert up again. */
static void lookup(struct ime *im)
{
	clear_cands(im);
	lp.pinyin_reset(im->inst);
	im->parsed = 0;
	if (im->consumed >= im->rawlen)
		return;
	im->parsed = lp.pinyin_parse_more_full_pinyins(im->inst, im->raw + im->consumed);
	if (im->parsed == 0)
		return;
	lp.pinyin_guess_sentence(im->inst);
	lp.pinyin_guess_candidates(im->inst, 0, SORT_BY_PHRASE_LENGTH_AND_FREQUENCY);
	guint n = 0;
	lp.pinyin_get_n_candidate(im->inst, &n);
	for (guint i = 0; i < n && im->ncand < IME_CANDS; i++) {
		lookup_candidate_t *lc = NULL;
		const gchar *s = NULL;
		if (!lp.pinyin_get_candidate(im->inst, i, &lc) ||
		    !lp.pinyin_get_candidate_string(im->inst, lc, &s) || !s || !*s)
			continue;
		bool dup = false;
		for (size_t k = 0; k < im->ncand && !dup; k++)
			dup = strcmp(im->cand[k].text, s) == 0;
		if (dup)
			continue;
		struct cand *c = &im->cand[im->ncand++];
		c->text = xstrdup(s);
		c->lc = lc;
		c->chars = utf8_length(s, strlen(s));
		c->uses = c->chars > 1 ? wg_phrases_count(&im->ph, s) : 0;
		c->order = i;
	}
	qsort(im->cand, im->ncand, sizeof im->cand[0], cand_cmp);
}

static void reset(struct ime *im)
{
	clear_cands(im);
	lp.pinyin_reset(im->inst);
	im->rawlen = im->consumed = im->parsed = 0;
	im->raw[0] = 0;
	sb_reset(&im->chosen);
}

bool ime_composing(const struct ime *im)
{
	return im && im->rawlen > 0;
}

void ime_cancel(struct ime *im)
{
	if (im)
		reset(im);
}

bool ime_flush(struct ime *im)
{
	if (!ime_composing(im))
		return false;
	sb_reset(&im->commit);
	sb_adds(&im->commit, sb_str(&im->chosen));
	sb_add(&im->commit, im->raw + im->consumed, im->rawlen - im->consumed);
	reset(im);
	return im->commit.len > 0;
}

const char *ime_committed(const struct ime *im)
{
	return sb_str(&im->commit);
}

/* Take candidate i: its characters stand for the pinyin from the start of the
 * rest to where libpinyin says it ends. */
static enum ime_result choose(struct ime *im, size_t i)
{
	if (i >= im->ncand)
		return IME_USED;
	struct cand *c = &im->cand[i];
	sb_adds(&im->chosen, c->text);
	int cur = lp.pinyin_choose_candidate(im->inst, 0, c->lc);
	size_t adv = cur > 0 ? (size_t)cur : im->parsed;
	ChewingKeyRest *rest = NULL;
	guint16 begin = 0, end = 0;
	if (cur > 0 && lp.pinyin_get_pinyin_key_rest(im->inst, (size_t)cur, &rest) &&
	    lp.pinyin_get_pinyin_key_rest_positions(im->inst, rest, &begin, &end) && begin > 0)
		adv = begin;
	if (adv == 0 || adv > im->parsed)
		adv = im->parsed;
	im->consumed += adv;
	while (im->consumed < im->rawlen && im->raw[im->consumed] == '\'')
		im->consumed++;
	if (im->consumed >= im->rawlen) {
		sb_reset(&im->commit);
		sb_adds(&im->commit, sb_str(&im->chosen));
		reset(im);
		return IME_COMMIT;
	}
	lookup(im);
	return IME_USED;
}

enum ime_result ime_key(struct ime *im, int key)
{
	bool letter = key >= 'a' && key <= 'z';
	if (!ime_composing(im)) {
		if (!letter)
			return IME_PASS;
		reset(im);
	}
	if (letter || (key == '\'' && im->rawlen > im->consumed)) {
		if (im->rawlen < IME_RAW_MAX) {
			im->raw[im->rawlen++] = (char)key;
			im->raw[im->rawlen] = 0;
			lookup(im);
		}
		return IME_USED;
	}
	if (key == K_DEL || key == K_BS || key == KC(KEY_BACKSPACE)) {
		if (im->rawlen > im->consumed) {
			im->raw[--im->rawlen] = 0;
		} else {
			/* nothing left to convert: the choices go, their pinyin is back */
			sb_reset(&im->chosen);
			im->consumed = 0;
		}
		if (im->rawlen == 0)
			reset(im);
		else
			lookup(im);
		return IME_USED;
	}
	if (key >= '1' && key <= '9')
		return choose(im, im->page * IME_PAGE + (size_t)(key - '1'));
	if (key == ' ')
		return choose(im, im->page * IME_PAGE);
	if (key == '\n' || key == '\r' || key == KC(KEY_ENTER))
		return ime_flush(im) ? IME_COMMIT : IME_USED;
	if (key == K_ESC) {
		reset(im);
		return IME_USED;
	}
	if (key == '-' || key == ',' || key == KC(KEY_PPAGE) || key == KC(KEY_UP)) {
		if (im->page > 0)
			im->page--;
		return IME_USED;
	}
	if (key == '=' || key == '.' || key == KC(KEY_NPAGE) || key == KC(KEY_DOWN)) {
		if ((im->page + 1) * IME_PAGE < im->ncand)
			im->page++;
		return IME_USED;
	}
	return IME_USED; /* while composing no key acts on the screen */
}

const char *ime_chosen(const struct ime *im)
{
	return sb_str(&im->chosen);
}

const char *ime_pinyin(const struct ime *im)
{
	return im->raw + im->consumed;
}

size_t ime_page_size(const struct ime *im)
{
	size_t start = im->page * IME_PAGE;
	if (start >= im->ncand)
		return 0;
	return im->ncand - start < IME_PAGE ? im->ncand - start : IME_PAGE;
}

const char *ime_candidate(const struct ime *im, size_t i)
{
	return im->cand[im->page * IME_PAGE + i].text;
}

size_t ime_page(const struct ime *im)
{
	return im->page;
}

size_t ime_pages(const struct ime *im)
{
	return (im->ncand + IME_PAGE - 1) / IME_PAGE;
}

#else /* no libpinyin: the fields take every key as typed */

struct ime {
	int unused;
};

bool ime_built_in(void)
{
	return false;
}

struct ime *ime_load(wg_phrases *ph, char *why, size_t whylen)
{
	if (ph)
		wg_phrases_free(ph);
	snprintf(why, whylen, _("This copy of wangge was built without pinyin input (it needs "
				"libpinyin). Type Chinese with the computer's input method."));
	return NULL;
}

void ime_free(struct ime *im)
{
	free(im);
}

long ime_load_kb(const struct ime *im)
{
	return 0;
}

double ime_load_ms(const struct ime *im)
{
	return 0;
}

enum ime_result ime_key(struct ime *im, int key)
{
	return IME_PASS;
}

bool ime_composing(const struct ime *im)
{
	return false;
}

const char *ime_committed(const struct ime *im)
{
	return "";
}

void ime_cancel(struct ime *im)
{
}

bool ime_flush(struct ime *im)
{
	return false;
}

const char *ime_chosen(const struct ime *im)
{
	return "";
}

const char *ime_pinyin(const struct ime *im)
{
	return "";
}

size_t ime_page_size(const struct ime *im)
{
	return 0;
}

const char *ime_candidate(const struct ime *im, size_t i)
{
	return "";
}

size_t ime_page(const struct ime *im)
{
	return 0;
}

size_t ime_pages(const struct ime *im)
{
	return 0;
}

#endif

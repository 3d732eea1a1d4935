#include <config.h>

#include <pthread.h>

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"

int wg_vfail(wg_error *err, int status, const char *fmt, va_list ap)
{
	if (err) {
		err->status = status;
		err->confirmable = 0;
		err->needs = NULL;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	}
	return status;
}

int wg_fail(wg_error *err, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_vfail(err, status, fmt, ap);
	va_end(ap);
	return status;
}

int wg_fail_needs(wg_error *err, int status, const char *needs, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_vfail(err, status, fmt, ap);
	va_end(ap);
	if (err)
		err->needs = needs;
	return status;
}

void wg_error_prefix(wg_error *err, const char *fmt, ...)
{
	char old[sizeof err->msg];
	va_list ap;

	if (!err)
		return;
	memcpy(old, err->msg, sizeof old);
	va_start(ap, fmt);
	int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof err->msg - 3)
		return;
	err->msg[n] = ':';
	err->msg[n + 1] = ' ';
	size_t room = sizeof err->msg - (size_t)n - 2;
	size_t len = strnlen(old, room - 1);
	memcpy(err->msg + n + 2, old, len);
	err->msg[n + 2 + len] = '\0';
}

void wg_error_clear(wg_error *err)
{
	if (err) {
		err->status = WG_OK;
		err->confirmable = 0;
		err->needs = NULL;
		err->msg[0] = '\0';
	}
}

static int chinese;
static pthread_once_t language_once = PTHREAD_ONCE_INIT;

static void ask_language(void)
{
	/* TRANSLATORS: write "zh" if this translation is Chinese: reference data
	   written in Chinese (checklists, rules) is then shown as written instead
	   of its English label. */
	chinese = strcmp(C_("data language", "en"), "zh") == 0;
}

const char *wg_pick(const char *zh, const char *en)
{
	/* The catalogue does not change while the program runs: ask it once (this is
	 * called for every checklist item a screen draws). */
	pthread_once(&language_once, ask_language);
	if (chinese && zh && *zh)
		return zh;
	return en && *en ? en : (zh ? zh : "");
}

const char *wg_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = gettext(ctx_msgid);
	return t == ctx_msgid ? msgid : t;
}

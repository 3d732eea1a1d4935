#include <config.h>

#include <string.h>

#include <git2.h>

#include "giterr.h"
#include "i18n.h"

bool wg_git_nomem(void)
{
	const git_error *e = git_error_last();
	/* libgit2 says so, or could not map a pack (what a capped address
	 * space refuses first) */
	return e && (e->klass == GIT_ERROR_NOMEMORY ||
		     (e->message && strstr(e->message, "failed to mmap")));
}

int wg_git_fail(wg_error *err, const char *what)
{
	const git_error *e = git_error_last();
	if (wg_git_nomem())
		return wg_fail(err, WG_EINTERNAL, _("history (%s): not enough memory"), what);
	return wg_fail(err, WG_EINTERNAL, _("history (%s): %s"), what,
		       e && e->message ? e->message : _("unknown error"));
}

#include <config.h>

#include <git2.h>

#include "giterr.h"
#include "i18n.h"

int wg_git_fail(wg_error *err, const char *what)
{
	const git_error *e = git_error_last();
	return wg_fail(err, WG_EINTERNAL, _("history (%s): %s"), what,
		       e && e->message ? e->message : _("unknown error"));
}

/* Translation macros shared by the core and the UI. */
#ifndef WG_I18N_H
#define WG_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* Context-qualified message: C_("verb", "Check"). */
#define C_(ctx, s) wg_pgettext(ctx "\004" s, s)

const char *wg_pgettext(const char *ctx_msgid, const char *msgid);

#endif

/* Translation macros shared by the core and the UI. */
#ifndef WG_I18N_H
#define WG_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* Context-qualified message: C_("verb", "Check"). */
#define C_(ctx, s) wg_pgettext(ctx "\004" s, s)

const char *wg_pgettext(const char *ctx_msgid, const char *msgid);

/* Reference data written in Chinese (checklist items, rule consequences, risk
 * grades) carries an English label: show the Chinese under a Chinese
 * interface, the label otherwise (or the Chinese when there is no label). */
const char *wg_pick(const char *zh, const char *en);

#endif

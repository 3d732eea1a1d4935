/* The documents of a penalty case, printable as A4 HTML through the same path
 * as the other paper forms (print.h): the national set of 卫生行政执法文书
 * (卫生行政执法文书规范, 原卫生部令第87号). Every field the form asks for is a
 * table cell <td data-field="NAME">, so a test (or a county's own checker)
 * can read the document back. The forms are the official Chinese ones
 * whatever the interface language. */
#ifndef WG_CASEDOC_H
#define WG_CASEDOC_H

#include <sqlite3.h>

#include "error.h"
#include "strbuf.h"
#include "workspace.h"

/* doc: scene (现场笔录), interview (询问笔录), opinion (卫生监督意见书),
 * correction (责令改正通知书), notice (行政处罚事先告知书), hearing
 * (听证告知书), decision (行政处罚决定书), receipt (送达回执), closing
 * (结案报告). A document the case has not reached yet is refused. */
int wg_casedoc_print(sqlite3 *db, const char *id, const char *doc, strbuf *html, wg_error *err);
/* A 卫生监督意见书 from a signed patrol that found problems. An officer's
 * workspace prints it only when the county's rule value officer_opinion
 * lets officers issue one (off by default: refused in words). */
int wg_patrol_opinion_print(wg_workspace *ws, const char *id, strbuf *html, wg_error *err);
/* "scene, interview, ..." for messages. */
const char *wg_casedoc_names(void);

#endif

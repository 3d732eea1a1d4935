/* Paper forms as print-ready HTML (A4, @page CSS, no script, no network):
 * 卫生监督协管巡查登记表, 卫生监督协管信息报告登记表 for a date range, and one
 * inspection record in the style of a 现场检查笔录 with signature lines.
 * Everything taken from the record is HTML-escaped. */
#ifndef WG_PRINT_H
#define WG_PRINT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"
#include "strbuf.h"

/* grid NULL: every grid of the workspace. Dates inclusive, CST. */
int wg_print_patrol_register(sqlite3 *db, const char *from, const char *to, const char *grid,
			     strbuf *html, wg_error *err);
int wg_print_report_register(sqlite3 *db, const char *from, const char *to, const char *grid,
			     strbuf *html, wg_error *err);
int wg_print_inspection(sqlite3 *db, const char *id, strbuf *html, wg_error *err);

/* The parts every printed form shares: the page with its A4 style and title,
 * its end, and "张三、李四" from a list of officer ids. */
void wg_print_head(strbuf *html, const char *title, bool landscape);
void wg_print_foot(strbuf *html);
int wg_print_officer_names(sqlite3 *db, const char *refs, strbuf *out, wg_error *err);

#endif

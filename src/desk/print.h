/* Paper forms as print-ready HTML (A4, @page CSS, no script, no network):
 * 卫生监督协管巡查登记表, 卫生监督协管信息报告登记表 for a date range, and one
 * inspection record in the style of a 现场检查笔录 with signature lines.
 * Everything taken from the record is HTML-escaped. */
#ifndef WG_PRINT_H
#define WG_PRINT_H

#include <sqlite3.h>

#include "error.h"
#include "strbuf.h"

/* grid NULL: every grid of the workspace. Dates inclusive, CST. */
int wg_print_patrol_register(sqlite3 *db, const char *from, const char *to, const char *grid,
			     strbuf *html, wg_error *err);
int wg_print_report_register(sqlite3 *db, const char *from, const char *to, const char *grid,
			     strbuf *html, wg_error *err);
int wg_print_inspection(sqlite3 *db, const char *id, strbuf *html, wg_error *err);

#endif

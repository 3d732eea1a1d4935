/* The one escaper for text put into the HTML, XHTML and SVG that wangge writes
 * (reports, charts, paper forms). */
#ifndef WG_HTML_H
#define WG_HTML_H

#include "strbuf.h"

/* WG_HTML_BREAKS: a newline becomes <br> (text of a paper form). */
enum { WG_HTML_BREAKS = 1 };

/* Append s with & < > " ' as entities and each control character other than
 * tab and newline, which XML 1.0 does not allow, as a space. */
void wg_html_escape(strbuf *out, const char *s, int flags);

#endif

#include <config.h>

#include "html.h"

void wg_html_escape(strbuf *out, const char *s, int flags)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sb_adds(out, "&amp;"); break;
		case '<': sb_adds(out, "&lt;"); break;
		case '>': sb_adds(out, "&gt;"); break;
		case '"': sb_adds(out, "&quot;"); break;
		case '\'': sb_adds(out, "&#39;"); break;
		case '\n':
			sb_adds(out, flags & WG_HTML_BREAKS ? "<br>" : "\n");
			break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t')
				sb_addc(out, ' ');
			else
				sb_addc(out, *s);
		}
	}
}

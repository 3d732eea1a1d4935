/* Pinyin initials of Chinese text ("中山乡卫生院" -> "zsxwsy"), for search on
 * PCs without a Chinese input method. The table (data/pinyin-initials.txt, derived
 * from Unihan kMandarin) is read on first use only. */
#ifndef WG_PINYIN_H
#define WG_PINYIN_H

#include "error.h"
#include "strbuf.h"


/* Load the table now (it is loaded on first use otherwise). */
int wg_pinyin_load(wg_error *err);

/* Append the initials of s to out: a Chinese character gives the first letter of
 * its reading, an ASCII letter or digit itself (lower case), anything else
 * nothing. Fails only when the table cannot be read. */
int wg_pinyin_initials(const char *s, strbuf *out, wg_error *err);

#endif

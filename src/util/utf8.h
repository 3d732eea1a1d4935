/* UTF-8 decoding and terminal display width, independent of the C locale. */
#ifndef WG_UTF8_H
#define WG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFD

/* Decode one code point from s (at most n bytes). Returns the bytes used (1..4);
 * on an invalid, overlong, surrogate or truncated sequence sets *cp to U+FFFD
 * and returns 1, so callers can always make progress. n must be > 0. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns bytes written. */
size_t utf8_encode(uint32_t cp, char *out);
/* Strictly valid UTF-8 (no overlongs, surrogates, or code points above U+10FFFF). */
bool utf8_valid(const char *s, size_t n);
/* Number of code points (invalid bytes count one each). */
size_t utf8_length(const char *s, size_t n);

/* Columns a code point takes on a terminal: 0 (combining), 1 or 2 (East Asian
 * wide and fullwidth). Control characters return -1. */
int cp_width(uint32_t cp);
/* Display width of a string; control characters and invalid bytes count as the
 * one column of the placeholder a display shows for them. */
size_t str_width(const char *s);
size_t strn_width(const char *s, size_t n);
/* Bytes of s that fit in max_cols columns without splitting a character;
 * *cols_out (may be NULL) receives the columns used. */
size_t str_fit(const char *s, size_t max_cols, size_t *cols_out);

/* Characters that must never reach a terminal or a spreadsheet as they are:
 * C0 controls, DEL, C1 controls (U+0080-U+009F) and the bidirectional
 * controls (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), which can
 * make text read backwards. */
bool cp_unsafe(uint32_t cp);
/* The one function at the edge, for every string a terminal shows (log,
 * errors, show, lists): s as it is, but each unsafe character written as an
 * escape (\x1b, \u202e) and each invalid byte as \xNN. keep_nl: line breaks
 * and tabs stay (a note, a message body). */
struct strbuf;
void wg_term_clean(struct strbuf *out, const char *s, size_t n, bool keep_nl);

/* A key whose byte order is the natural order of names: every run of ASCII
 * digits compares as a number ("第2诊所" before "第10诊所", "7" = "007"), the
 * rest byte by byte. Each run becomes its length (one digit 1-8, or 9 and two
 * digits) and its digits without leading zeros. Appended to out. */
void wg_natural_key(const char *s, struct strbuf *out);

#endif

/* A growable, always NUL-terminated byte buffer (after git's strbuf). */
#ifndef WG_STRBUF_H
#define WG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

void sb_init(strbuf *sb);
void sb_release(strbuf *sb);
void sb_reset(strbuf *sb);
void sb_grow(strbuf *sb, size_t extra);
void sb_add(strbuf *sb, const void *data, size_t len);
void sb_adds(strbuf *sb, const char *s);
void sb_addc(strbuf *sb, char c);
void sb_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(strbuf *sb, const char *fmt, va_list ap);
/* Hand the buffer to the caller (never NULL); sb is left empty. */
char *sb_detach(strbuf *sb);
/* The contents as a C string; "" when nothing was added. */
const char *sb_str(const strbuf *sb);

/* Allocation that stops the program on failure, saying that memory ran out:
 * not recoverable here. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/* A small TAP producer for the C unit tests (read by automake's tap-driver). */
#ifndef WG_TAP_H
#define WG_TAP_H

#include <stdbool.h>

void tap_plan_done(void); /* prints "1..N" after the last test; returns nothing */
bool tap_ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool tap_is_str(const char *got, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool tap_is_int(long got, long want, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit status for main: 0 when every test passed. */
int tap_exit(void);

#endif

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int count, failed;

/* Every unit test runs on a pinned clock: the caller's WANGGE_NOW (make
 * check-dates sets several), else this one. Set before main, so no test can
 * read the real time by forgetting to. */
__attribute__((constructor)) static void pin_clock(void)
{
	setenv("WANGGE_NOW", "2026-11-22T12:00:00Z", 0);
}

static bool report(bool cond, const char *fmt, va_list ap)
{
	count++;
	if (!cond)
		failed++;
	printf("%s %d - ", cond ? "ok" : "not ok", count);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	return cond;
}

bool tap_is_str(const char *got, const char *want, const char *fmt, ...)
{
	bool cond = got && want && strcmp(got, want) == 0;
	va_list ap;
	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("# got:  \"%s\"\n# want: \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
	return cond;
}

bool tap_is_int(long got, long want, const char *fmt, ...)
{
	bool cond = got == want;
	va_list ap;
	va_start(ap, fmt);
	report(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("# got:  %ld\n# want: %ld\n", got, want);
	return cond;
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void tap_plan_done(void)
{
	printf("1..%d\n", count);
}

int tap_exit(void)
{
	tap_plan_done();
	return failed ? 1 : 0;
}

#include <config.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "progress.h"

static wg_progress_fn *hook;
static void *hook_arg;
static double started_ms, last_ms;
static bool shown;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void wg_progress_set(wg_progress_fn *fn, void *arg)
{
	hook = fn;
	hook_arg = arg;
	started_ms = 0;
	shown = false;
}

void wg_progress(const char *what, unsigned long done, unsigned long total)
{
	if (!hook)
		return;
	/* WANGGE_PROGRESS_MS: wait that long instead, before and between (tests: 0) */
	static double wait_first = -1, wait_next;
	if (wait_first < 0) {
		const char *e = getenv("WANGGE_PROGRESS_MS");
		wait_first = e && *e ? atof(e) : 300;
		wait_next = e && *e ? wait_first : 100;
	}
	double now = now_ms();
	if (started_ms == 0) {
		started_ms = now;
		last_ms = now - wait_next;
		if (wait_first > 0)
			return;
	}
	if (now - started_ms < wait_first || now - last_ms < wait_next)
		return;
	last_ms = now;
	shown = true;
	hook(hook_arg, what, done, total);
}

void wg_progress_end(void)
{
	if (hook && shown)
		hook(hook_arg, NULL, 0, 0);
	started_ms = 0;
	shown = false;
}

void wg_progress_line(char *buf, size_t n, const char *what, unsigned long done,
		      unsigned long total)
{
	if (total == 0) {
		snprintf(buf, n, "%s: %lu", what, done);
		return;
	}
	if (done > total)
		done = total;
	char bar[21];
	unsigned long full = done * 20 / total;
	for (unsigned long i = 0; i < 20; i++)
		bar[i] = i < full ? '#' : '-';
	bar[20] = 0;
	snprintf(buf, n, "%s [%s] %lu%% %lu/%lu", what, bar, done * 100 / total, done, total);
}

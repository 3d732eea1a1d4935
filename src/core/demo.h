/* The demo county: a believable, internally consistent county workspace made
 * from word lists in data/demo/ and a seeded generator, for trainers and for
 * benchmarks. The same seed and size give the same records byte for byte: ids
 * come from the seeded generator and times from a fixed day (WG_DEMO_TODAY),
 * never from the clock. */
#ifndef WG_DEMO_H
#define WG_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "workspace.h"

/* The demo's "today" (a CST date): two years of history end here. */
#define WG_DEMO_TODAY "2026-11-20"

enum wg_demo_size {
	WG_DEMO_SMALL, /* about 2,000 entities: training */
	WG_DEMO_LARGE, /* 100,000 entities, about 1,000,000 inspections: benchmarks */
};

struct wg_demo_options {
	uint64_t seed;
	enum wg_demo_size size;
};

struct wg_demo_counts {
	long townships, grids, officers, inspectors, clerks;
	long entities, tasks, inspections, complaints;
};

const char *wg_demo_size_name(enum wg_demo_size size);
/* "small" or "large"; -1 for anything else. */
int wg_demo_size_parse(const char *s, enum wg_demo_size *out);

/* Build a demo county in dir. dir must not exist, be an empty folder, or (only
 * when replace is true) hold a demo county, which is then replaced; a folder
 * holding anything else is refused and left alone. The county is built in a
 * sibling folder and moved into place: on failure dir is exactly as before. */
int wg_demo_create(const char *dir, const struct wg_demo_options *opts, bool replace,
		   struct wg_demo_counts *counts, wg_error *err);

/* Is this workspace a demo county, and made with which options? */
int wg_demo_info(wg_workspace *ws, bool *is_demo, struct wg_demo_options *opts, wg_error *err);

/* Count the records in a workspace. */
int wg_demo_count(wg_workspace *ws, struct wg_demo_counts *counts, wg_error *err);

#endif

/* The demo's generator must give the same numbers everywhere: SplitMix64's
 * published sequence, ranges without bias or overflow, ids in the id format. */
#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "id.h"
#include "rng.h"
#include "tap.h"

int main(void)
{
	wg_rng r;
	char id[WG_ID_HEXLEN + 1];

	/* Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c). */
	wg_rng_seed(&r, 0);
	tap_ok(wg_rng_next(&r) == UINT64_C(0xe220a8397b1dcdaf), "seed 0: first value");
	tap_ok(wg_rng_next(&r) == UINT64_C(0x6e789e6aa1b965f4), "seed 0: second value");
	tap_ok(wg_rng_next(&r) == UINT64_C(0x06c45d188009454f), "seed 0: third value");

	wg_rng_seed(&r, 7);
	wg_rng_id(&r, id);
	tap_is_str(id, "63cbe1e459320dd7044c3cd7f43c661c", "an id is two values in hex");
	tap_ok(wg_id_valid(id), "and a valid record id");

	wg_rng_seed(&r, 42);
	int seen[6] = {0};
	bool in_range = true;
	for (int i = 0; i < 6000; i++) {
		long v = wg_rng_range(&r, 3, 8);
		if (v < 3 || v > 8)
			in_range = false;
		else
			seen[v - 3]++;
	}
	tap_ok(in_range, "range(3, 8) stays in [3, 8]");
	bool all = true;
	for (int i = 0; i < 6; i++)
		all &= seen[i] > 800 && seen[i] < 1200;
	tap_ok(all, "and gives every value about equally often (%d %d %d %d %d %d)", seen[0],
	       seen[1], seen[2], seen[3], seen[4], seen[5]);
	bool below = true;
	for (int i = 0; i < 1000; i++)
		below &= wg_rng_below(&r, 1) == 0;
	tap_ok(below, "below(1) is always 0");
	int hits = 0;
	for (int i = 0; i < 10000; i++)
		hits += wg_rng_chance(&r, 25);
	tap_ok(hits > 2200 && hits < 2800, "chance(25) is true about a quarter of the time (%d)",
	       hits);

	wg_rng a, b;
	wg_rng_seed(&a, 123456789);
	wg_rng_seed(&b, 123456789);
	bool same = true;
	for (int i = 0; i < 100; i++)
		same &= wg_rng_next(&a) == wg_rng_next(&b);
	tap_ok(same, "the same seed gives the same sequence");
	return tap_exit();
}

/* A string arena: copies of many small strings in 1 MB blocks that never
 * move, freed all at once (a county's first commit keeps 2.5 million record
 * paths; one allocation each would cost more than the paths). */
#ifndef WG_ARENA_H
#define WG_ARENA_H

#include <stddef.h>

typedef struct wg_arena {
	char **blocks;
	size_t nblocks, used; /* used: of the last block */
} wg_arena;

#define WG_ARENA_INIT { NULL, 0, 0 }

/* A copy of s that lives until wg_arena_free (s at most a block long). */
const char *wg_arena_strdup(wg_arena *a, const char *s);
void wg_arena_free(wg_arena *a);

#endif

#include <config.h>

#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define ARENA_BLOCK ((size_t)1 << 20)

const char *wg_arena_strdup(wg_arena *a, const char *s)
{
	size_t len = strlen(s) + 1;
	if (!a->nblocks || a->used + len > ARENA_BLOCK) {
		a->blocks = xrealloc(a->blocks, (a->nblocks + 1) * sizeof *a->blocks);
		a->blocks[a->nblocks++] = xmalloc(len > ARENA_BLOCK ? len : ARENA_BLOCK);
		a->used = 0;
	}
	char *at = a->blocks[a->nblocks - 1] + a->used;
	memcpy(at, s, len);
	a->used += len;
	return at;
}

void wg_arena_free(wg_arena *a)
{
	for (size_t i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	a->blocks = NULL;
	a->nblocks = a->used = 0;
}

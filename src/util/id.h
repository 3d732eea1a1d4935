/* Record ids: random 128-bit values made offline, written as 32 lowercase hex digits. */
#ifndef WG_ID_H
#define WG_ID_H

#include <stdbool.h>
#include <stdint.h>

#define WG_ID_HEXLEN 32
/* The size of a buffer that holds an id: its digits and the NUL. */
#define WG_ID_BUFSIZE (WG_ID_HEXLEN + 1)

/* Fill out (WG_ID_BUFSIZE bytes) with a new id. Returns 0, or -1 when the system has no
 * randomness to give (then out is untouched). */
int wg_id_new(char out[WG_ID_BUFSIZE]);
bool wg_id_valid(const char *s);
/* For the demo county only, whose same seed must give the same county byte
 * for byte: from now on ids come from this seed (NULL: from the system's
 * randomness again, as every real record's). */
void wg_id_demo_seed(const uint64_t *seed);

#endif

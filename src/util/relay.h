/* Two buffers handed back and forth between two threads: one fills a
 * buffer while the other empties the other one. Buffers are 0 and 1, used
 * in turn by both sides. The lock taken in every call also publishes what
 * each side wrote before it (a buffer's contents, an error). */
#ifndef WG_RELAY_H
#define WG_RELAY_H

#include <pthread.h>
#include <stdbool.h>

typedef struct wg_relay {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool full[2];
	bool closed;  /* the filler handed over its last buffer */
	bool stopped; /* the emptier gave up: the filler stops */
} wg_relay;

void wg_relay_init(wg_relay *r);
void wg_relay_destroy(wg_relay *r);

/* Filler: wait until buffer i may be filled; false once the emptier stopped. */
bool wg_relay_wait_empty(wg_relay *r, int i);
/* Filler: buffer i is filled; last: no more will come. */
void wg_relay_filled(wg_relay *r, int i, bool last);

/* Filler: *filling is filled (last: no more will come); then the other
 * buffer becomes *filling, waited for unless last. */
void wg_relay_hand_over(wg_relay *r, int *filling, bool last);

/* Emptier: wait until buffer i is filled; false when none will be. */
bool wg_relay_wait_full(wg_relay *r, int i);
/* Emptier: buffer i may be filled again. */
void wg_relay_emptied(wg_relay *r, int i);
/* Emptier: no more buffers are wanted. */
void wg_relay_stop(wg_relay *r);

#endif

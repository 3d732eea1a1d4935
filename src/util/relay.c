/* Two buffers between two threads (see relay.h). */
#include <config.h>

#include "relay.h"

void wg_relay_init(wg_relay *r)
{
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
	r->full[0] = r->full[1] = r->closed = r->stopped = false;
}

void wg_relay_destroy(wg_relay *r)
{
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->lock);
}

bool wg_relay_wait_empty(wg_relay *r, int i)
{
	pthread_mutex_lock(&r->lock);
	while (r->full[i] && !r->stopped)
		pthread_cond_wait(&r->cond, &r->lock);
	bool go = !r->stopped;
	pthread_mutex_unlock(&r->lock);
	return go;
}

void wg_relay_filled(wg_relay *r, int i, bool last)
{
	pthread_mutex_lock(&r->lock);
	r->full[i] = true;
	r->closed = r->closed || last;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

void wg_relay_hand_over(wg_relay *r, int *filling, bool last)
{
	wg_relay_filled(r, *filling, last);
	*filling ^= 1;
	if (!last)
		wg_relay_wait_empty(r, *filling);
}

bool wg_relay_wait_full(wg_relay *r, int i)
{
	pthread_mutex_lock(&r->lock);
	while (!r->full[i] && !r->closed)
		pthread_cond_wait(&r->cond, &r->lock);
	bool have = r->full[i];
	pthread_mutex_unlock(&r->lock);
	return have;
}

void wg_relay_emptied(wg_relay *r, int i)
{
	pthread_mutex_lock(&r->lock);
	r->full[i] = false;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

void wg_relay_stop(wg_relay *r)
{
	pthread_mutex_lock(&r->lock);
	r->stopped = true;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

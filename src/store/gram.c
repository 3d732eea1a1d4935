#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gram.h"
#include "strbuf.h"
#include "utf8.h"

void wg_grams(const char *text, void (*emit)(const char *gram, size_t len, void *ctx),
	      void *ctx)
{
	size_t n = strlen(text);
	char buf[16];
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t a = utf8_decode(text + i, n - i, &cp);
		size_t b = i + a < n ? utf8_decode(text + i + a, n - i - a, &cp) : 0;
		for (size_t len = a; len <= a + b; len += b ? b : 1) {
			if (len > sizeof buf)
				break;
			bool digits = true;
			for (size_t k = 0; k < len; k++) {
				char c = text[i + k];
				buf[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
				digits = digits && c >= '0' && c <= '9';
			}
			if (!digits)
				emit(buf, len, ctx);
			if (!b)
				break;
		}
		i += a;
	}
}

/* ---- wg_gram_set ---- */

#define GRAM_MAX ((size_t)1 << (64 - WG_GRAM_RID_BITS))
#define RID_MASK ((UINT64_C(1) << WG_GRAM_RID_BITS) - 1)

static uint32_t gram_hash(const char *g, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)g[i]) * 16777619u;
	return h;
}

static void slots_grow(wg_gram_set *s)
{
	size_t n = s->nslots ? 2 * s->nslots : 4096;
	uint32_t *v = xcalloc(n, sizeof *v);
	for (size_t g = 0; g < s->ngrams; g++) {
		const char *t = s->text + s->off[g];
		size_t j = gram_hash(t, strlen(t)) & (n - 1);
		while (v[j])
			j = (j + 1) & (n - 1);
		v[j] = (uint32_t)g + 1;
	}
	free(s->slot);
	s->slot = v;
	s->nslots = n;
}

/* The number of gram[0..len), given one when new; false when no more fit. */
static bool gram_number(wg_gram_set *s, const char *gram, size_t len, uint32_t *out)
{
	if (2 * (s->ngrams + 1) > s->nslots)
		slots_grow(s);
	size_t j = gram_hash(gram, len) & (s->nslots - 1);
	for (; s->slot[j]; j = (j + 1) & (s->nslots - 1)) {
		const char *t = s->text + s->off[s->slot[j] - 1];
		if (strncmp(t, gram, len) == 0 && t[len] == '\0') {
			*out = s->slot[j] - 1;
			return true;
		}
	}
	if (s->ngrams + 1 >= GRAM_MAX || s->text_len + len + 1 > UINT32_MAX)
		return false;
	if (s->text_len + len + 1 > s->text_cap) {
		s->text_cap = s->text_cap ? 2 * s->text_cap : 65536;
		s->text = xrealloc(s->text, s->text_cap);
	}
	if (s->ngrams == s->off_cap) {
		s->off_cap = s->off_cap ? 2 * s->off_cap : 4096;
		s->off = xrealloc(s->off, s->off_cap * sizeof *s->off);
	}
	s->off[s->ngrams] = (uint32_t)s->text_len;
	memcpy(s->text + s->text_len, gram, len);
	s->text[s->text_len + len] = '\0';
	s->text_len += len + 1;
	s->slot[j] = (uint32_t)++s->ngrams;
	*out = (uint32_t)(s->ngrams - 1);
	return true;
}

bool wg_gram_set_add(wg_gram_set *s, const char *gram, size_t len, int64_t rid)
{
	uint32_t g;
	if (rid < 0 || (uint64_t)rid > RID_MASK || memchr(gram, '\0', len) ||
	    !gram_number(s, gram, len, &g))
		return false;
	if (s->npairs == s->pair_cap) {
		s->pair_cap = s->pair_cap ? 2 * s->pair_cap : 65536;
		s->pair = xrealloc(s->pair, s->pair_cap * sizeof *s->pair);
	}
	s->pair[s->npairs++] = (uint64_t)g << WG_GRAM_RID_BITS | (uint64_t)rid;
	return true;
}

struct ranked {
	const char *text;
	uint32_t g;
};

static int cmp_ranked(const void *a, const void *b)
{
	/* SQLite's BINARY collation of texts without NUL: strcmp's order */
	return strcmp(((const struct ranked *)a)->text, ((const struct ranked *)b)->text);
}

/* v[0..n) in increasing order: a radix sort, 16 bits a pass, the passes
 * whose digit is the same in every key left out (qsort was 0.5 s of the
 * large demo county's re-index). */
static void sort_u64(uint64_t *v, size_t n)
{
	uint64_t *tmp = xmalloc((n ? n : 1) * sizeof *tmp), *from = v, *to = tmp;
	size_t *count = xmalloc(65536 * sizeof *count);
	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xffff]++;
		if (n && count[(from[0] >> shift) & 0xffff] == n)
			continue;
		size_t sum = 0;
		for (size_t d = 0; d < 65536; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xffff]++] = from[i];
		uint64_t *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
	free(count);
	free(tmp);
}

void wg_gram_set_sort(wg_gram_set *s)
{
	struct ranked *r = xmalloc((s->ngrams ? s->ngrams : 1) * sizeof *r);
	for (size_t g = 0; g < s->ngrams; g++)
		r[g] = (struct ranked){s->text + s->off[g], (uint32_t)g};
	qsort(r, s->ngrams, sizeof *r, cmp_ranked);
	free(s->rank);
	free(s->by_rank);
	s->rank = xmalloc((s->ngrams ? s->ngrams : 1) * sizeof *s->rank);
	s->by_rank = xmalloc((s->ngrams ? s->ngrams : 1) * sizeof *s->by_rank);
	for (size_t i = 0; i < s->ngrams; i++) {
		s->rank[r[i].g] = (uint32_t)i;
		s->by_rank[i] = r[i].g;
	}
	free(r);
	for (size_t i = 0; i < s->npairs; i++)
		s->pair[i] = (uint64_t)s->rank[s->pair[i] >> WG_GRAM_RID_BITS] << WG_GRAM_RID_BITS |
			     (s->pair[i] & RID_MASK);
	sort_u64(s->pair, s->npairs);
	size_t n = 0;
	for (size_t i = 0; i < s->npairs; i++)
		if (!n || s->pair[n - 1] != s->pair[i])
			s->pair[n++] = s->pair[i];
	s->npairs = n;
}

const char *wg_gram_set_pair(const wg_gram_set *s, size_t i, int64_t *rid)
{
	*rid = (int64_t)(s->pair[i] & RID_MASK);
	return s->text + s->off[s->by_rank[s->pair[i] >> WG_GRAM_RID_BITS]];
}

void wg_gram_set_free(wg_gram_set *s)
{
	free(s->text);
	free(s->off);
	free(s->slot);
	free(s->pair);
	free(s->rank);
	free(s->by_rank);
	memset(s, 0, sizeof *s);
}

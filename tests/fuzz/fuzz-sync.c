/* libFuzzer target for what an import reads (make fuzz): the first byte
 * chooses the record parser (wg_record_parse) or the bundle reader (header:
 * wg_bundle_read; then the pack: wg_pack_open_budget with the import budget,
 * and wg_pack_check_links with its tree and commit checks); a first byte of
 * 2 chooses the signature check (an SSHSIG text, a NUL, the signed message)
 * and the public key reader; a first byte of 4 the sealed-bundle reader
 * (wg_age_open, age v1, with a fixed key: FUZZ_SEED, so that seeds sealed to
 * it reach the chunks; bundles starting "a" are opened with it too). None may
 * crash, leak, run past its budget or read out of bounds, whatever comes. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "age.h"
#include "bundle.h"
#include "pack.h"
#include "record.h"
#include "sshsig.h"

static char path[64];
static wg_keypair key;
/* The fuzzing key: tests/fuzz/corpus/age-* are sealed to it. */
static const unsigned char FUZZ_SEED[32] = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
					    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};

static int discard(const void *data, size_t len, void *ctx, wg_error *err)
{
	size_t *total = ctx;
	(void)data;
	(void)err;
	*total += len;
	return WG_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wg_error err;
	if (!*path) {
		git_libgit2_init();
		snprintf(path, sizeof path, "/tmp/wangge-fuzz-%ld.bundle", (long)getpid());
		wg_crypto_init();
		wg_key_from_seed(&key, FUZZ_SEED);
	}
	if (size == 0)
		return 0;
	if (data[0] == 4) {
		FILE *f = fmemopen((void *)(data + 1), size - 1, "rb");
		size_t total = 0;
		enum wg_age_failure why;
		if (f) {
			if (wg_age_open(&key, f, discard, &total, &why, &err) == WG_OK && why != WG_AGE_OK)
				abort(); /* opened, yet a failure named */
			fclose(f);
		}
		return 0;
	}
	if (data[0] == 2) {
		const char *sig = (const char *)data + 1;
		const char *nul = memchr(sig, '\0', size - 1);
		size_t siglen = nul ? (size_t)(nul - sig) : size - 1;
		const char *msg = nul ? nul + 1 : "";
		size_t msglen = nul ? size - 2 - siglen : 0;
		unsigned char pk[WG_KEY_PUBLIC_BYTES];
		bool have;
		wg_sshsig_verify(sig, siglen, "git", msg, msglen, pk, &have);
		char *text = strndup(sig, siglen);
		const char *why;
		if (text)
			wg_key_parse_public(text, pk, &why);
		free(text);
		return 0;
	}
	if (data[0] & 1) {
		wg_record *rec = NULL;
		if (wg_record_parse((const char *)data + 1, size - 1, &rec, &err) == WG_OK) {
			strbuf sb = STRBUF_INIT;
			wg_record_serialize(rec, &sb);
			/* canonical: what parses is written back byte for byte */
			if (sb.len != size - 1 || memcmp(sb.buf, data + 1, size - 1) != 0)
				abort();
			sb_release(&sb);
			wg_record_free(rec);
		}
		return 0;
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	wg_bundle *b = NULL;
	if (wg_bundle_read(path, &key, &b, &err) == WG_OK) {
		struct wg_pack_budget budget = WG_PACK_BUDGET_INIT;
		wg_pack *p = NULL;
		if (wg_pack_open_budget((const unsigned char *)b->data + b->pack_offset,
					b->len - b->pack_offset, NULL, &budget, &p, &err) == WG_OK) {
			wg_pack_check_links(p, NULL, &err);
			wg_pack_free(p);
		}
		wg_bundle_free(b);
	}
	return 0;
}

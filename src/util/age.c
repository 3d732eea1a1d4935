#include <config.h>

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "age.h"
#include "i18n.h"
#include "strbuf.h"

#define FILE_KEY_BYTES 16
#define NONCE_BYTES 16
#define TAG_BYTES crypto_aead_chacha20poly1305_IETF_ABYTES
#define SEALED_CHUNK (WG_AGE_CHUNK + TAG_BYTES)
#define COLUMNS 64
#define SSH_LABEL "age-encryption.org/v1/ssh-ed25519"
#define VERSION_PREFIX "age-encryption.org/"

bool wg_age_is_sealed(const void *start, size_t len)
{
	size_t n = sizeof VERSION_PREFIX - 1;
	return len >= n && memcmp(start, VERSION_PREFIX, n) == 0;
}

/* ---- HMAC-SHA-256 and HKDF-SHA-256 (RFC 5869), 32 bytes of output ---- */

static void hmac(const unsigned char *key, size_t keylen, const void *msg, size_t len,
		 unsigned char out[32])
{
	crypto_auth_hmacsha256_state st;
	static const unsigned char none[1];
	crypto_auth_hmacsha256_init(&st, keylen ? key : none, keylen);
	crypto_auth_hmacsha256_update(&st, len ? msg : none, len);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof st);
}

static void hkdf(const void *ikm, size_t ikmlen, const void *salt, size_t saltlen,
		 const char *info, unsigned char out[32])
{
	unsigned char prk[32];
	static const unsigned char one = 1;
	/* an empty salt is HashLen zero bytes: the same HMAC key */
	hmac(salt, saltlen, ikm, ikmlen, prk);
	strbuf t = STRBUF_INIT;
	sb_adds(&t, info);
	sb_add(&t, &one, 1);
	hmac(prk, sizeof prk, t.buf, t.len, out);
	sb_release(&t);
	sodium_memzero(prk, sizeof prk);
}

/* ---- base64 without padding, canonical only ---- */

static void b64_add(strbuf *out, const unsigned char *bin, size_t len)
{
	size_t n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	char *s = xmalloc(n);
	sodium_bin2base64(s, n, bin, len, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sb_adds(out, s);
	free(s);
}

/* Decode exactly want bytes from text (len characters); false unless it is
 * the one canonical spelling of them. */
static bool b64_exact(const char *text, size_t len, unsigned char *bin, size_t want)
{
	size_t got;
	if (len != sodium_base64_encoded_len(want, sodium_base64_VARIANT_ORIGINAL_NO_PADDING) - 1)
		return false;
	if (sodium_base642bin(bin, want, text, len, NULL, &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
	    got != want)
		return false;
	/* no stray bits: it encodes back to the same text */
	strbuf again = STRBUF_INIT;
	b64_add(&again, bin, want);
	bool same = again.len == len && memcmp(again.buf, text, len) == 0;
	sb_release(&again);
	return same;
}

/* ---- the ssh-ed25519 recipient ---- */

/* The stanza's first argument: the first 4 bytes of the SHA-256 of the key blob. */
static void key_tag(const unsigned char pk[WG_KEY_PUBLIC_BYTES], strbuf *out)
{
	strbuf blob = STRBUF_INIT;
	unsigned char h[32];
	wg_key_blob(pk, &blob);
	crypto_hash_sha256(h, (const unsigned char *)blob.buf, blob.len);
	b64_add(out, h, 4);
	sb_release(&blob);
}

/* The key that wraps the file key: from the X25519 shared secret, tweaked
 * with the key blob (as age's agessh does), salted with both shares. */
static bool wrap_key(const unsigned char pk[WG_KEY_PUBLIC_BYTES], const unsigned char shared[32],
		     const unsigned char share[32], const unsigned char curve_pk[32],
		     unsigned char out[32])
{
	strbuf blob = STRBUF_INIT;
	unsigned char tweak[32], tweaked[32], salt[64];
	wg_key_blob(pk, &blob);
	hkdf(NULL, 0, blob.buf, blob.len, SSH_LABEL, tweak); /* no secret; the blob salts */
	sb_release(&blob);
	if (crypto_scalarmult(tweaked, tweak, shared) != 0)
		return false;
	memcpy(salt, share, 32);
	memcpy(salt + 32, curve_pk, 32);
	hkdf(tweaked, sizeof tweaked, salt, sizeof salt, SSH_LABEL, out);
	sodium_memzero(tweaked, sizeof tweaked);
	return true;
}

static const unsigned char zero_nonce[crypto_aead_chacha20poly1305_IETF_NPUBBYTES];

static int wrap_stanza(const unsigned char pk[WG_KEY_PUBLIC_BYTES],
		       const unsigned char file_key[FILE_KEY_BYTES], strbuf *header, wg_error *err)
{
	unsigned char curve_pk[32], eph[32], share[32], shared[32], key[32];
	unsigned char body[FILE_KEY_BYTES + TAG_BYTES];
	if (crypto_sign_ed25519_pk_to_curve25519(curve_pk, pk) != 0)
		return wg_fail(err, WG_EINPUT, _("the reader's key is not a valid Ed25519 key"));
	randombytes_buf(eph, sizeof eph);
	crypto_scalarmult_base(share, eph);
	if (crypto_scalarmult(shared, eph, curve_pk) != 0 ||
	    !wrap_key(pk, shared, share, curve_pk, key)) {
		sodium_memzero(eph, sizeof eph);
		return wg_fail(err, WG_EINPUT, _("the reader's key is not a valid Ed25519 key"));
	}
	crypto_aead_chacha20poly1305_ietf_encrypt(body, NULL, file_key, FILE_KEY_BYTES, NULL, 0,
						  NULL, zero_nonce, key);
	sb_adds(header, "-> ssh-ed25519 ");
	key_tag(pk, header);
	sb_adds(header, " ");
	b64_add(header, share, sizeof share);
	sb_adds(header, "\n");
	b64_add(header, body, sizeof body); /* 43 characters: one short line ends the body */
	sb_adds(header, "\n");
	sodium_memzero(eph, sizeof eph);
	sodium_memzero(shared, sizeof shared);
	sodium_memzero(key, sizeof key);
	return WG_OK;
}

/* The 12-byte nonce of chunk counter (the last byte: 1 for the final chunk). */
static void chunk_nonce(uint64_t counter, bool last, unsigned char nonce[12])
{
	memset(nonce, 0, 12);
	for (int i = 10; i >= 3; i--) {
		nonce[i] = (unsigned char)counter;
		counter >>= 8;
	}
	nonce[11] = last ? 1 : 0;
}

/* ---- sealing ---- */

struct sealer {
	unsigned char key[32];
	unsigned char plain[WG_AGE_CHUNK];
	unsigned char sealed[SEALED_CHUNK];
	size_t fill;
	uint64_t counter;
	wg_age_sink *out;
	void *ctx;
};

static int seal_chunk(struct sealer *s, bool last, wg_error *err)
{
	unsigned char nonce[12];
	chunk_nonce(s->counter++, last, nonce);
	crypto_aead_chacha20poly1305_ietf_encrypt(s->sealed, NULL, s->plain, s->fill, NULL, 0, NULL,
						  nonce, s->key);
	int rc = s->out(s->sealed, s->fill + TAG_BYTES, s->ctx, err);
	s->fill = 0;
	return rc;
}

int wg_age_seal(const unsigned char (*pks)[WG_KEY_PUBLIC_BYTES], size_t npks,
		const struct wg_span *parts, size_t nparts, wg_age_sink *out, void *ctx,
		wg_error *err)
{
	unsigned char file_key[FILE_KEY_BYTES], mac_key[32], mac[32], nonce[NONCE_BYTES];
	strbuf header = STRBUF_INIT;
	int rc = WG_OK;

	if (!wg_crypto_init())
		return wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
	randombytes_buf(file_key, sizeof file_key);
	sb_adds(&header, WG_AGE_MAGIC);
	for (size_t i = 0; i < npks && rc == WG_OK; i++)
		rc = wrap_stanza(pks[i], file_key, &header, err);
	if (rc) {
		sodium_memzero(file_key, sizeof file_key);
		sb_release(&header);
		return rc;
	}
	sb_adds(&header, "---");
	hkdf(file_key, sizeof file_key, NULL, 0, "header", mac_key);
	hmac(mac_key, sizeof mac_key, header.buf, header.len, mac);
	sb_adds(&header, " ");
	b64_add(&header, mac, sizeof mac);
	sb_adds(&header, "\n");
	randombytes_buf(nonce, sizeof nonce);
	struct sealer *s = xcalloc(1, sizeof *s);
	s->out = out;
	s->ctx = ctx;
	hkdf(file_key, sizeof file_key, nonce, sizeof nonce, "payload", s->key);
	if ((rc = out(header.buf, header.len, ctx, err)) == WG_OK)
		rc = out(nonce, sizeof nonce, ctx, err);
	/* A full chunk is sent once more input follows: the last one, full or not
	 * (empty only when everything is), carries the final flag. */
	for (size_t i = 0; i < nparts && rc == WG_OK; i++) {
		const unsigned char *p = parts[i].data;
		size_t left = parts[i].len;
		while (left && rc == WG_OK) {
			if (s->fill == WG_AGE_CHUNK && (rc = seal_chunk(s, false, err)))
				break;
			size_t n = WG_AGE_CHUNK - s->fill < left ? WG_AGE_CHUNK - s->fill : left;
			memcpy(s->plain + s->fill, p, n);
			s->fill += n;
			p += n;
			left -= n;
		}
	}
	if (rc == WG_OK)
		rc = seal_chunk(s, true, err);
	sodium_memzero(s, sizeof *s);
	free(s);
	sodium_memzero(file_key, sizeof file_key);
	sodium_memzero(mac_key, sizeof mac_key);
	sb_release(&header);
	return rc;
}

/* ---- opening ---- */

static int failure(enum wg_age_failure *why, enum wg_age_failure w, wg_error *err)
{
	if (why)
		*why = w;
	switch (w) {
	case WG_AGE_NOT_AGE:
		return wg_fail(err, WG_EINPUT, _("it is not a sealed bundle"));
	case WG_AGE_VERSION:
		return wg_fail(err, WG_EINPUT,
			       _("it is sealed in a version of the age format that wangge does not "
				 "know"));
	case WG_AGE_MALFORMED:
		return wg_fail(err, WG_EINPUT, _("its seal is damaged (the header is not age's)"));
	case WG_AGE_NOT_FOR_US:
		return wg_fail(err, WG_EINPUT,
			       _("it is sealed for someone else: this workspace's key cannot open it"));
	case WG_AGE_DAMAGED:
		return wg_fail(err, WG_EINPUT,
			       _("it is damaged: its contents do not match their seal"));
	case WG_AGE_TRUNCATED:
		return wg_fail(err, WG_EINPUT,
			       _("it is cut short or damaged at its end (the file may be truncated)"));
	case WG_AGE_READ:
		return wg_fail(err, WG_EINPUT, _("it cannot be read"));
	case WG_AGE_OK:
		break;
	}
	return WG_OK;
}

/* One header line without its line feed into line; false at the end of the
 * input, on a NUL or a line past the header's limit. */
static bool header_line(FILE *in, strbuf *all, strbuf *line, bool *eof)
{
	sb_reset(line);
	*eof = false;
	for (;;) {
		int c = getc(in);
		if (c == EOF) {
			*eof = true;
			return false;
		}
		if (all->len >= WG_AGE_HEADER_MAX || c == 0)
			return false;
		unsigned char b = (unsigned char)c;
		sb_add(all, &b, 1);
		if (c == '\n')
			return true;
		sb_add(line, &b, 1);
	}
}

static bool is_b64_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '/';
}

static bool all_b64(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_b64_char(s[i]))
			return false;
	return true;
}

/* The file key from one ssh-ed25519 stanza addressed to kp (args: after the
 * type). 1 opened, 0 not ours, -1 malformed, -2 ours but does not open. */
static int try_stanza(const wg_keypair *kp, const char *args, const char *body, size_t bodylen,
		      unsigned char file_key[FILE_KEY_BYTES])
{
	const char *sp = strchr(args, ' ');
	unsigned char share[32], wrapped[FILE_KEY_BYTES + TAG_BYTES];
	if (!sp || strchr(sp + 1, ' '))
		return -1;
	if (!b64_exact(sp + 1, strlen(sp + 1), share, sizeof share) ||
	    !b64_exact(body, bodylen, wrapped, sizeof wrapped))
		return -1;
	strbuf tag = STRBUF_INIT;
	key_tag(kp->pk, &tag);
	bool ours = tag.len == (size_t)(sp - args) && memcmp(tag.buf, args, tag.len) == 0;
	sb_release(&tag);
	if (!ours)
		return 0;
	unsigned char curve_sk[32], curve_pk[32], shared[32], key[32];
	int r = -2;
	if (crypto_sign_ed25519_sk_to_curve25519(curve_sk, kp->sk) == 0 &&
	    crypto_sign_ed25519_pk_to_curve25519(curve_pk, kp->pk) == 0 &&
	    crypto_scalarmult(shared, curve_sk, share) == 0 &&
	    wrap_key(kp->pk, shared, share, curve_pk, key) &&
	    crypto_aead_chacha20poly1305_ietf_decrypt(file_key, NULL, NULL, wrapped, sizeof wrapped,
						      NULL, 0, zero_nonce, key) == 0)
		r = 1;
	sodium_memzero(curve_sk, sizeof curve_sk);
	sodium_memzero(shared, sizeof shared);
	sodium_memzero(key, sizeof key);
	return r;
}

/* Read the header up to its MAC line; the file key when a stanza is ours. */
static enum wg_age_failure read_header(const wg_keypair *kp, FILE *in,
				       unsigned char file_key[FILE_KEY_BYTES])
{
	strbuf all = STRBUF_INIT, line = STRBUF_INIT, body = STRBUF_INIT;
	enum wg_age_failure w = WG_AGE_MALFORMED;
	bool eof, have_key = false, malformed = false, wrong = false;
	size_t nstanzas = 0;

	if (!header_line(in, &all, &line, &eof)) {
		w = eof && all.len == 0 ? WG_AGE_NOT_AGE : eof ? WG_AGE_TRUNCATED : WG_AGE_MALFORMED;
		goto out;
	}
	if (strcmp(sb_str(&line), "age-encryption.org/v1") != 0) {
		w = wg_age_is_sealed(line.buf, line.len) ? WG_AGE_VERSION : WG_AGE_NOT_AGE;
		goto out;
	}
	if (!header_line(in, &all, &line, &eof))
		goto cut;
	for (;;) {
		if (line.len >= 3 && memcmp(line.buf, "---", 3) == 0)
			break;
		if (line.len < 4 || memcmp(line.buf, "-> ", 3) != 0)
			goto out;
		/* arguments: one or more, each of visible ASCII, one space between */
		char *args = xstrdup(sb_str(&line) + 3);
		bool ok = *args && *args != ' ' && args[strlen(args) - 1] != ' ';
		for (const char *p = args; ok && *p; p++)
			ok = (*p > 0x20 && *p < 0x7f) || (*p == ' ' && p[1] != ' ');
		/* the body: lines of 64 characters, ended by a shorter one */
		sb_reset(&body);
		for (;;) {
			if (!header_line(in, &all, &line, &eof)) {
				free(args);
				goto cut;
			}
			if (line.len > COLUMNS || !all_b64(line.buf, line.len))
				ok = false;
			sb_add(&body, line.buf, line.len);
			if (line.len < COLUMNS || !ok)
				break;
		}
		if (!ok) {
			free(args);
			goto out;
		}
		nstanzas++;
		if (strncmp(args, "ssh-ed25519 ", 12) == 0 || strcmp(args, "ssh-ed25519") == 0) {
			int r = have_key ? 0
					 : try_stanza(kp, args[11] ? args + 12 : "", body.buf ? body.buf : "",
						      body.len, file_key);
			if (r == 1)
				have_key = true;
			else if (r == -1)
				malformed = true;
			else if (r == -2)
				wrong = true;
		}
		free(args);
		if (!header_line(in, &all, &line, &eof))
			goto cut;
	}
	/* "--- " and the MAC, over the header up to and including "---" */
	unsigned char mac[32], want[32], mac_key[32];
	if (nstanzas == 0 || malformed || line.len != 4 + 43 || line.buf[3] != ' ' ||
	    !b64_exact(line.buf + 4, 43, mac, sizeof mac))
		goto out;
	if (!have_key) {
		w = wrong ? WG_AGE_DAMAGED : WG_AGE_NOT_FOR_US;
		goto out;
	}
	hkdf(file_key, FILE_KEY_BYTES, NULL, 0, "header", mac_key);
	hmac(mac_key, sizeof mac_key, all.buf, all.len - line.len - 1 + 3, want);
	w = sodium_memcmp(mac, want, sizeof mac) == 0 ? WG_AGE_OK : WG_AGE_DAMAGED;
	sodium_memzero(mac_key, sizeof mac_key);
	goto out;
cut:
	w = eof ? WG_AGE_TRUNCATED : WG_AGE_MALFORMED;
out:
	sb_release(&all);
	sb_release(&line);
	sb_release(&body);
	return w;
}

/* Up to n bytes; fewer only at the end of the input. */
static size_t read_full(FILE *in, unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		size_t r = fread(buf + got, 1, n - got, in);
		if (r == 0)
			break;
		got += r;
	}
	return got;
}

int wg_age_open(const wg_keypair *kp, FILE *in, wg_age_sink *out, void *ctx,
		enum wg_age_failure *why, wg_error *err)
{
	unsigned char file_key[FILE_KEY_BYTES], nonce[NONCE_BYTES], key[32];
	enum wg_age_failure w;
	int rc = WG_OK;

	if (why)
		*why = WG_AGE_OK;
	if (!wg_crypto_init())
		return wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
	w = read_header(kp, in, file_key);
	if (w == WG_AGE_OK && read_full(in, nonce, sizeof nonce) != sizeof nonce)
		w = ferror(in) ? WG_AGE_READ : WG_AGE_TRUNCATED;
	if (w != WG_AGE_OK) {
		sodium_memzero(file_key, sizeof file_key);
		return failure(why, ferror(in) ? WG_AGE_READ : w, err);
	}
	hkdf(file_key, sizeof file_key, nonce, sizeof nonce, "payload", key);
	sodium_memzero(file_key, sizeof file_key);

	unsigned char *sealed = xmalloc(SEALED_CHUNK), *plain = xmalloc(WG_AGE_CHUNK);
	for (uint64_t counter = 0; rc == WG_OK; counter++) {
		size_t n = read_full(in, sealed, SEALED_CHUNK);
		if (ferror(in)) {
			rc = failure(why, WG_AGE_READ, err);
			break;
		}
		/* a full chunk is the last one only if the input ends after it */
		bool last = n < SEALED_CHUNK;
		if (!last) {
			int c = getc(in);
			last = c == EOF;
			if (!last)
				ungetc(c, in);
		}
		unsigned char nb[12];
		unsigned long long plen;
		if (n < TAG_BYTES || (last && n == TAG_BYTES && counter > 0)) {
			rc = failure(why, WG_AGE_TRUNCATED, err);
			break;
		}
		chunk_nonce(counter, last, nb);
		if (crypto_aead_chacha20poly1305_ietf_decrypt(plain, &plen, NULL, sealed, n, NULL, 0, nb,
							      key) != 0) {
			/* the end does not open: cut short, or damaged there (a
			 * chunk cut off looks the same as a damaged one) */
			bool cut = last;
			rc = failure(why, cut ? WG_AGE_TRUNCATED : WG_AGE_DAMAGED, err);
			break;
		}
		if (plen && (rc = out(plain, (size_t)plen, ctx, err)))
			break;
		if (last)
			break;
	}
	sodium_memzero(key, sizeof key);
	sodium_memzero(plain, WG_AGE_CHUNK);
	free(sealed);
	free(plain);
	return rc;
}

#include <config.h>

#include <sodium.h>
#include <string.h>

#include "i18n.h"
#include "sshsig.h"

#define KEY_TYPE "ssh-ed25519"
#define ARMOR_BEGIN "-----BEGIN SSH SIGNATURE-----"
#define ARMOR_END "-----END SSH SIGNATURE-----"
#define SIG_MAGIC "SSHSIG"
#define SIG_VERSION 1
/* Far more than any Ed25519 signature (about 300 characters): a longer text
 * is refused before it is decoded. */
#define ARMOR_MAX 8192

bool wg_crypto_init(void)
{
	return sodium_init() >= 0;
}

bool wg_key_generate(wg_keypair *kp)
{
	if (!wg_crypto_init())
		return false;
	crypto_sign_ed25519_keypair(kp->pk, kp->sk);
	return true;
}

void wg_key_from_seed(wg_keypair *kp, const unsigned char seed[32])
{
	crypto_sign_ed25519_seed_keypair(kp->pk, kp->sk, seed);
}

void wg_key_seed(const wg_keypair *kp, unsigned char seed[32])
{
	crypto_sign_ed25519_sk_to_seed(seed, kp->sk);
}

/* ---- the SSH wire format: uint32 lengths, big-endian ---- */

static void put_u32(strbuf *sb, size_t n)
{
	unsigned char b[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
			      (unsigned char)(n >> 8), (unsigned char)n};
	sb_add(sb, b, 4);
}

static void put_string(strbuf *sb, const void *data, size_t len)
{
	put_u32(sb, len);
	sb_add(sb, data, len);
}

void wg_key_blob(const unsigned char pk[WG_KEY_PUBLIC_BYTES], strbuf *out)
{
	put_string(out, KEY_TYPE, sizeof KEY_TYPE - 1);
	put_string(out, pk, WG_KEY_PUBLIC_BYTES);
}

struct reader {
	const unsigned char *p;
	size_t n;
};

static bool get_u32(struct reader *r, size_t *v)
{
	if (r->n < 4)
		return false;
	*v = (size_t)r->p[0] << 24 | (size_t)r->p[1] << 16 | (size_t)r->p[2] << 8 | r->p[3];
	r->p += 4;
	r->n -= 4;
	return true;
}

static bool get_string(struct reader *r, struct reader *s)
{
	size_t len;
	if (!get_u32(r, &len) || len > r->n)
		return false;
	s->p = r->p;
	s->n = len;
	r->p += len;
	r->n -= len;
	return true;
}

static bool is(const struct reader *s, const char *text)
{
	return s->n == strlen(text) && memcmp(s->p, text, s->n) == 0;
}

/* ---- public keys ---- */

void wg_key_public_text(const unsigned char pk[WG_KEY_PUBLIC_BYTES], const char *comment,
			strbuf *out)
{
	strbuf blob;
	sb_init(&blob);
	wg_key_blob(pk, &blob);
	char b64[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, (const unsigned char *)blob.buf, blob.len,
			  sodium_base64_VARIANT_ORIGINAL);
	sb_adds(out, KEY_TYPE " ");
	sb_adds(out, b64);
	if (comment && *comment) {
		sb_addc(out, ' ');
		sb_adds(out, comment);
	}
	sb_release(&blob);
}

/* A key blob of type ssh-ed25519 and nothing after it. */
static bool read_key_blob(struct reader blob, unsigned char pk[WG_KEY_PUBLIC_BYTES], bool *other)
{
	struct reader type, key;
	*other = false;
	if (!get_string(&blob, &type))
		return false;
	if (!is(&type, KEY_TYPE)) {
		*other = true;
		return false;
	}
	if (!get_string(&blob, &key) || key.n != WG_KEY_PUBLIC_BYTES || blob.n != 0)
		return false;
	memcpy(pk, key.p, WG_KEY_PUBLIC_BYTES);
	return true;
}

bool wg_key_parse_public(const char *text, unsigned char pk[WG_KEY_PUBLIC_BYTES],
			 const char **why)
{
	const char *p = text + strspn(text, " \t\r\n");
	size_t tl = strlen(KEY_TYPE);
	if (strncmp(p, KEY_TYPE, tl) != 0 || (p[tl] != ' ' && p[tl] != '\t')) {
		*why = _("it is not an Ed25519 public key (a line that starts with ssh-ed25519)");
		return false;
	}
	p += tl + strspn(p + tl, " \t");
	size_t len = strcspn(p, " \t\r\n");
	unsigned char bin[128];
	size_t binlen;
	if (len == 0 || len > 200 ||
	    sodium_base642bin(bin, sizeof bin, p, len, NULL, &binlen, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0) {
		*why = _("the key is damaged (its base64 text cannot be read)");
		return false;
	}
	bool other;
	if (!read_key_blob((struct reader){bin, binlen}, pk, &other)) {
		*why = _("the key is damaged (its contents are not an Ed25519 key)");
		return false;
	}
	return true;
}

static void key_hash(const unsigned char pk[WG_KEY_PUBLIC_BYTES], unsigned char h[32])
{
	strbuf blob;
	sb_init(&blob);
	wg_key_blob(pk, &blob);
	crypto_hash_sha256(h, (const unsigned char *)blob.buf, blob.len);
	sb_release(&blob);
}

void wg_key_fingerprint(const unsigned char pk[WG_KEY_PUBLIC_BYTES],
			char out[WG_KEY_FINGERPRINT_BUFSIZE])
{
	unsigned char h[32];
	key_hash(pk, h);
	memcpy(out, "SHA256:", 7);
	sodium_bin2base64(out + 7, WG_KEY_FINGERPRINT_BUFSIZE - 7, h, sizeof h,
			  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
}

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void wg_key_words(const unsigned char pk[WG_KEY_PUBLIC_BYTES], char out[WG_KEY_WORDS_BUFSIZE])
{
	unsigned char h[32];
	key_hash(pk, h);
	/* 80 bits: 16 characters of 5 bits */
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		int bit = i * 5;
		unsigned v = ((unsigned)h[bit / 8] << 8 | h[bit / 8 + 1]) >> (11 - bit % 8) & 31;
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = crockford[v];
	}
	out[o] = '\0';
}

bool wg_key_words_match(const unsigned char pk[WG_KEY_PUBLIC_BYTES], const char *text)
{
	char want[WG_KEY_WORDS_BUFSIZE];
	wg_key_words(pk, want);
	const char *w = want;
	for (const char *p = text;; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		while (*w == '-')
			w++;
		if (c == '\0')
			return *w == '\0';
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c != *w)
			return false;
		w++;
	}
}

/* ---- SSHSIG ---- */

/* What is signed: the magic, the namespace, the reserved field, the hash
 * algorithm and the message's hash (PROTOCOL.sshsig). */
static void signed_data(const char *ns, const struct reader *reserved, const char *alg,
			const void *msg, size_t len, strbuf *out)
{
	unsigned char h[crypto_hash_sha512_BYTES];
	size_t hl;
	if (strcmp(alg, "sha256") == 0) {
		crypto_hash_sha256(h, msg, len);
		hl = crypto_hash_sha256_BYTES;
	} else {
		crypto_hash_sha512(h, msg, len);
		hl = crypto_hash_sha512_BYTES;
	}
	sb_add(out, SIG_MAGIC, sizeof SIG_MAGIC - 1);
	put_string(out, ns, strlen(ns));
	put_string(out, reserved->p, reserved->n);
	put_string(out, alg, strlen(alg));
	put_string(out, h, hl);
}

void wg_sshsig_sign(const wg_keypair *kp, const char *ns, const void *msg, size_t len,
		    strbuf *out)
{
	strbuf data, blob, inner;
	sb_init(&data);
	sb_init(&blob);
	sb_init(&inner);
	struct reader none = {(const unsigned char *)"", 0};
	signed_data(ns, &none, "sha512", msg, len, &data);
	unsigned char sig[crypto_sign_ed25519_BYTES];
	crypto_sign_ed25519_detached(sig, NULL, (const unsigned char *)data.buf, data.len, kp->sk);

	sb_add(&blob, SIG_MAGIC, sizeof SIG_MAGIC - 1);
	put_u32(&blob, SIG_VERSION);
	wg_key_blob(kp->pk, &inner);
	put_string(&blob, inner.buf, inner.len);
	put_string(&blob, ns, strlen(ns));
	put_string(&blob, "", 0);
	put_string(&blob, "sha512", 6);
	sb_reset(&inner);
	put_string(&inner, KEY_TYPE, sizeof KEY_TYPE - 1);
	put_string(&inner, sig, sizeof sig);
	put_string(&blob, inner.buf, inner.len);

	size_t b64len = sodium_base64_ENCODED_LEN(blob.len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(b64len);
	sodium_bin2base64(b64, b64len, (const unsigned char *)blob.buf, blob.len,
			  sodium_base64_VARIANT_ORIGINAL);
	/* ssh-keygen's armor: lines of 70 characters */
	sb_adds(out, ARMOR_BEGIN "\n");
	size_t n = strlen(b64);
	for (size_t i = 0; i < n; i += 70) {
		sb_add(out, b64 + i, n - i < 70 ? n - i : 70);
		sb_addc(out, '\n');
	}
	sb_adds(out, ARMOR_END "\n");
	free(b64);
	sodium_memzero(data.buf, data.len);
	sb_release(&data);
	sb_release(&blob);
	sb_release(&inner);
}

enum wg_sshsig_result wg_sshsig_verify(const char *sig, size_t siglen, const char *ns,
				       const void *msg, size_t len,
				       unsigned char pk[WG_KEY_PUBLIC_BYTES], bool *have_pk)
{
	*have_pk = false;
	size_t bl = sizeof ARMOR_BEGIN - 1, el = sizeof ARMOR_END - 1;
	if (siglen > ARMOR_MAX || siglen < bl + el + 1 || memcmp(sig, ARMOR_BEGIN, bl) != 0 ||
	    sig[bl] != '\n')
		return WG_SSHSIG_MALFORMED;
	/* the end line, then at most a line break */
	size_t end = siglen;
	while (end > 0 && (sig[end - 1] == '\n' || sig[end - 1] == '\r'))
		end--;
	if (end < bl + 1 + el || memcmp(sig + end - el, ARMOR_END, el) != 0)
		return WG_SSHSIG_MALFORMED;
	const char *b64 = sig + bl + 1;
	size_t b64len = end - el - (bl + 1);
	unsigned char bin[ARMOR_MAX];
	size_t binlen;
	const char *stop;
	if (sodium_base642bin(bin, sizeof bin, b64, b64len, "\r\n", &binlen, &stop,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    stop != b64 + b64len)
		return WG_SSHSIG_MALFORMED;

	struct reader r = {bin, binlen}, keyb, nsr, reserved, alg, sigb, type, raw;
	size_t version;
	if (r.n < 6 || memcmp(r.p, SIG_MAGIC, 6) != 0)
		return WG_SSHSIG_MALFORMED;
	r.p += 6;
	r.n -= 6;
	if (!get_u32(&r, &version) || version != SIG_VERSION || !get_string(&r, &keyb))
		return WG_SSHSIG_MALFORMED;
	bool other;
	if (!read_key_blob(keyb, pk, &other))
		return other ? WG_SSHSIG_NOT_ED25519 : WG_SSHSIG_MALFORMED;
	*have_pk = true;
	if (!get_string(&r, &nsr) || !get_string(&r, &reserved) || !get_string(&r, &alg) ||
	    !get_string(&r, &sigb) || r.n != 0)
		return WG_SSHSIG_MALFORMED;
	if (!is(&nsr, ns))
		return WG_SSHSIG_NAMESPACE;
	const char *algname = is(&alg, "sha512") ? "sha512" : is(&alg, "sha256") ? "sha256" : NULL;
	if (!algname)
		return WG_SSHSIG_MALFORMED;
	if (!get_string(&sigb, &type) || !is(&type, KEY_TYPE) || !get_string(&sigb, &raw) ||
	    raw.n != crypto_sign_ed25519_BYTES || sigb.n != 0)
		return WG_SSHSIG_MALFORMED;
	strbuf data;
	sb_init(&data);
	signed_data(ns, &reserved, algname, msg, len, &data);
	int bad = crypto_sign_ed25519_verify_detached(raw.p, (const unsigned char *)data.buf,
						      data.len, pk);
	sb_release(&data);
	return bad ? WG_SSHSIG_BAD : WG_SSHSIG_GOOD;
}

const char *wg_sshsig_result_text(enum wg_sshsig_result r)
{
	switch (r) {
	case WG_SSHSIG_GOOD:
		return _("the signature is good");
	case WG_SSHSIG_MALFORMED:
		return _("the signature is damaged or not in the SSH signature format");
	case WG_SSHSIG_NOT_ED25519:
		return _("the signature is made with a kind of key wangge does not use (not Ed25519)");
	case WG_SSHSIG_NAMESPACE:
		return _("the signature was made for another purpose (its namespace is not \"git\")");
	case WG_SSHSIG_BAD:
		return _("the signature does not match: the commit was changed after it was signed, "
			 "or the signature is forged");
	}
	return "?";
}

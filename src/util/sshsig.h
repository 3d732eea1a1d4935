/* Ed25519 keys and signatures in the formats of OpenSSH, so that stock git
 * (gpg.format=ssh) and ssh-keygen -Y verify what wangge signs:
 * - a public key is "ssh-ed25519 <base64 of the key blob>" (RFC 8709);
 * - a signature is OpenSSH's SSHSIG (PROTOCOL.sshsig), armored between
 *   "-----BEGIN SSH SIGNATURE-----" and "-----END SSH SIGNATURE-----".
 * The cryptography is libsodium's; this file only reads and writes the
 * formats, and treats every byte it reads as hostile. */
#ifndef WG_SSHSIG_H
#define WG_SSHSIG_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

#define WG_KEY_PUBLIC_BYTES 32
#define WG_KEY_SECRET_BYTES 64
/* "AAAA-BBBB-CCCC-DDDD" and its terminating zero */
#define WG_KEY_WORDS_BUFSIZE 20
/* "SHA256:" and 43 characters of base64, as ssh-keygen -l prints it */
#define WG_KEY_FINGERPRINT_BUFSIZE 52

typedef struct wg_keypair {
	unsigned char pk[WG_KEY_PUBLIC_BYTES];
	unsigned char sk[WG_KEY_SECRET_BYTES];
} wg_keypair;

/* libsodium's own set-up; false when the system offers no randomness. */
bool wg_crypto_init(void);

/* A new key pair from the system's randomness. */
bool wg_key_generate(wg_keypair *kp);
/* The pair from its 32-byte seed (what the key file keeps). */
void wg_key_from_seed(wg_keypair *kp, const unsigned char seed[32]);
void wg_key_seed(const wg_keypair *kp, unsigned char seed[32]);

/* "ssh-ed25519 AAAA…" (and " comment" when comment is not NULL or empty). */
void wg_key_public_text(const unsigned char pk[WG_KEY_PUBLIC_BYTES], const char *comment,
			strbuf *out);
/* Read "ssh-ed25519 AAAA… [comment]" (surrounding white space allowed);
 * false with why set (a translated sentence) when it is not one. */
bool wg_key_parse_public(const char *text, unsigned char pk[WG_KEY_PUBLIC_BYTES],
			 const char **why);
/* The key in the SSH wire format (string "ssh-ed25519", string key). */
void wg_key_blob(const unsigned char pk[WG_KEY_PUBLIC_BYTES], strbuf *out);
/* ssh-keygen's fingerprint: "SHA256:" and the unpadded base64 of the SHA-256
 * of the key blob. */
void wg_key_fingerprint(const unsigned char pk[WG_KEY_PUBLIC_BYTES],
			char out[WG_KEY_FINGERPRINT_BUFSIZE]);
/* The same hash as four groups of four characters a person can read aloud
 * over a telephone: digits and capital letters without 0 O 1 I L U (Crockford's
 * base32), so nothing is mistaken for something else. */
void wg_key_words(const unsigned char pk[WG_KEY_PUBLIC_BYTES], char out[WG_KEY_WORDS_BUFSIZE]);
/* Whether text names these words: case, spaces and dashes do not count, and
 * O, I, L are read as 0, 1, 1. */
bool wg_key_words_match(const unsigned char pk[WG_KEY_PUBLIC_BYTES], const char *text);

/* Sign msg for namespace ns ("git" for commits): the armored SSHSIG text,
 * ending in a line break. */
void wg_sshsig_sign(const wg_keypair *kp, const char *ns, const void *msg, size_t len,
		    strbuf *out);

enum wg_sshsig_result {
	WG_SSHSIG_GOOD = 0,
	WG_SSHSIG_MALFORMED, /* not an SSHSIG text, or one wangge cannot read */
	WG_SSHSIG_NOT_ED25519, /* another kind of key (RSA, ECDSA, a security key) */
	WG_SSHSIG_NAMESPACE, /* signed for another purpose than ns */
	WG_SSHSIG_BAD,       /* the signature does not match the message */
};
/* Check an armored SSHSIG over msg. The signer's public key is put in pk
 * whenever it can be read (also for a bad signature, so a refusal can say
 * whose key it was). SHA-512 and SHA-256 message hashes are accepted. */
enum wg_sshsig_result wg_sshsig_verify(const char *sig, size_t siglen, const char *ns,
				       const void *msg, size_t len,
				       unsigned char pk[WG_KEY_PUBLIC_BYTES], bool *have_pk);
/* The result in words (translated). */
const char *wg_sshsig_result_text(enum wg_sshsig_result r);

#endif

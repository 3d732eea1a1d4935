/* Sealed bundles: the age file format v1 (age-encryption.org/v1, C2SP's
 * age.md), so that Debian's age opens what wangge seals and wangge opens
 * what age seals. The recipient type is age's "ssh-ed25519": a bundle is
 * sealed to the Ed25519 key its reader already signs with (sshsig.h), and
 * `age -d -i KEYFILE` with that key as an OpenSSH private key file opens it.
 *
 *   age-encryption.org/v1
 *   -> ssh-ed25519 <tag> <ephemeral share>      one stanza per reader
 *   <body: the file key, wrapped>
 *   --- <HMAC-SHA-256 of the header>
 *   <16-byte nonce><ChaCha20-Poly1305 chunks of 64 KiB, STREAM>
 *
 * The cryptography is libsodium's (X25519, ChaCha20-Poly1305, HMAC-SHA-256;
 * HKDF-SHA-256 is built on its HMAC). Opening reads the input once, one
 * chunk at a time: its memory is a chunk and the header, whatever the size
 * of the file. Every byte read is hostile. */
#ifndef WG_AGE_H
#define WG_AGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "fileutil.h"
#include "sshsig.h"

#define WG_AGE_MAGIC "age-encryption.org/v1\n"
/* The plaintext of one chunk. */
#define WG_AGE_CHUNK 65536
/* A header longer than this is refused (one stanza is about 150 bytes). */
#define WG_AGE_HEADER_MAX 16384

/* Does the file start like an age file ("age-encryption.org/")? */
bool wg_age_is_sealed(const void *start, size_t len);

/* Where the output goes, a piece at a time; WG_OK or an error in err. */
typedef int wg_age_sink(const void *data, size_t len, void *ctx, wg_error *err);

/* Seal the parts, one after the other, to every key of pks (npks >= 1). */
int wg_age_seal(const unsigned char (*pks)[WG_KEY_PUBLIC_BYTES], size_t npks,
		const struct wg_span *parts, size_t nparts, wg_age_sink *out, void *ctx,
		wg_error *err);

/* Why an open failed, for the caller's message. */
enum wg_age_failure {
	WG_AGE_OK,
	WG_AGE_NOT_AGE,     /* not an age file at all */
	WG_AGE_VERSION,     /* an age file of another version */
	WG_AGE_MALFORMED,   /* a header that is not age's */
	WG_AGE_NOT_FOR_US,  /* sealed, but to no key of ours */
	WG_AGE_DAMAGED,     /* a header or a chunk that does not authenticate */
	WG_AGE_TRUNCATED,   /* the file ends before its last chunk */
	WG_AGE_READ,        /* the input could not be read */
};

/* Open what in holds with the key pair kp, handing out the plaintext chunk
 * by chunk as each authenticates. A failure is WG_EINPUT (or the sink's
 * error) with a translated sentence, and *why (may be NULL) says which. The
 * sink may already have had the chunks before a failure: a caller keeps
 * what it was handed until the whole file has opened. */
int wg_age_open(const wg_keypair *kp, FILE *in, wg_age_sink *out, void *ctx,
		enum wg_age_failure *why, wg_error *err);

#endif

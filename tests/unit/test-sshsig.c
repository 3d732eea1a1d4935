/* Ed25519 keys and SSH signatures against outside references: RFC 8032's
 * first test key, the fingerprint ssh-keygen -l prints for it, and the
 * signature ssh-keygen -Y sign -n git makes with it (Ed25519 is
 * deterministic: wangge's must be byte for byte the same). Then every way a
 * signature can be wrong. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "sshsig.h"
#include "tap.h"

static const unsigned char seed[32] = {
	0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
	0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
static const unsigned char rfc_pk[32] = {
	0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
	0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};
/* ssh-keygen -Y sign -n git -f <that key> over "hello, wangge\n" (OpenSSH 9.2) */
static const char keygen_sig[] =
	"-----BEGIN SSH SIGNATURE-----\n"
	"U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg11qYAYKxCrfVS/7TyWQHOg7hcv\n"
	"PapiMlrwIaaPcHURoAAAADZ2l0AAAAAAAAAAZzaGE1MTIAAABTAAAAC3NzaC1lZDI1NTE5\n"
	"AAAAQJMRMF3dn9UR9se+8lsGTWGKvdNrH3/2aRwgboOh9FauD0XMQQdDqg++FgtK5rdT6P\n"
	"t9/zld33wWyOib88lkdgM=\n"
	"-----END SSH SIGNATURE-----\n";
static const char msg[] = "hello, wangge\n";

static enum wg_sshsig_result verify(const char *sig, const char *ns, const char *m)
{
	unsigned char pk[32];
	bool have;
	return wg_sshsig_verify(sig, strlen(sig), ns, m, strlen(m), pk, &have);
}

int main(void)
{
	wg_keypair kp;
	tap_ok(wg_crypto_init(), "libsodium starts");
	wg_key_from_seed(&kp, seed);
	tap_ok(memcmp(kp.pk, rfc_pk, 32) == 0, "the public key of RFC 8032's test 1 seed");

	char fp[WG_KEY_FINGERPRINT_BUFSIZE], words[WG_KEY_WORDS_BUFSIZE];
	wg_key_fingerprint(kp.pk, fp);
	tap_ok(strcmp(fp, "SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8") == 0,
	       "the fingerprint ssh-keygen -l prints (%s)", fp);
	wg_key_words(kp.pk, words);
	tap_ok(strlen(words) == 19 && words[4] == '-' && words[9] == '-' && words[14] == '-' &&
		       strspn(words, "0123456789ABCDEFGHJKMNPQRSTVWXYZ-") == 19,
	       "four groups of four readable characters (%s)", words);
	char lower[32], spaced[40];
	for (size_t i = 0; i <= strlen(words); i++)
		lower[i] = (char)(words[i] >= 'A' && words[i] <= 'Z' ? words[i] + 32 : words[i]);
	snprintf(spaced, sizeof spaced, "%.4s %.4s %.4s %.4s", words, words + 5, words + 10,
		 words + 15);
	tap_ok(wg_key_words_match(kp.pk, words) && wg_key_words_match(kp.pk, lower) &&
		       wg_key_words_match(kp.pk, spaced),
	       "the fingerprint matches in any case, with spaces or dashes");
	char wrong[32];
	strcpy(wrong, words);
	wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
	tap_ok(!wg_key_words_match(kp.pk, wrong) && !wg_key_words_match(kp.pk, "") &&
		       !wg_key_words_match(kp.pk, words + 1),
	       "another, empty or shortened fingerprint does not match");

	strbuf text = STRBUF_INIT;
	unsigned char back[32];
	const char *why;
	wg_key_public_text(kp.pk, "rfc8032", &text);
	tap_ok(strcmp(sb_str(&text), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+"
				     "08lkBzoO4XLz2qYjJa8CGmj3B1Ea rfc8032") == 0,
	       "the public key in OpenSSH's form");
	tap_ok(wg_key_parse_public(sb_str(&text), back, &why) && memcmp(back, kp.pk, 32) == 0,
	       "read back");
	tap_ok(!wg_key_parse_public("ssh-rsa AAAAB3NzaC1yc2E= x", back, &why),
	       "an RSA key is refused (%s)", why);
	tap_ok(!wg_key_parse_public("ssh-ed25519 AAAA!!!", back, &why), "bad base64 is refused");
	tap_ok(!wg_key_parse_public("ssh-ed25519 AAAAB3NzaC1yc2E=", back, &why),
	       "an ed25519 line holding another key type is refused");
	sb_release(&text);

	strbuf sig = STRBUF_INIT;
	wg_sshsig_sign(&kp, "git", msg, strlen(msg), &sig);
	tap_ok(strcmp(sb_str(&sig), keygen_sig) == 0, "wangge's signature is ssh-keygen's, byte for byte");
	tap_ok(verify(keygen_sig, "git", msg) == WG_SSHSIG_GOOD, "ssh-keygen's signature verifies");
	tap_ok(verify(keygen_sig, "git", "hello, wangge!\n") == WG_SSHSIG_BAD,
	       "another message: bad");
	tap_ok(verify(keygen_sig, "file", msg) == WG_SSHSIG_NAMESPACE, "another namespace");

	/* one base64 character changed inside the signature bytes */
	char flipped[sizeof keygen_sig];
	memcpy(flipped, keygen_sig, sizeof keygen_sig);
	char *p = strstr(flipped, "QJMR");
	p[2] = p[2] == 'M' ? 'N' : 'M';
	tap_ok(verify(flipped, "git", msg) == WG_SSHSIG_BAD, "a changed signature: bad");
	char cut[sizeof keygen_sig];
	snprintf(cut, sizeof cut, "%.*s", (int)(sizeof keygen_sig / 2), keygen_sig);
	tap_ok(verify(cut, "git", msg) == WG_SSHSIG_MALFORMED, "a cut-off signature: malformed");
	tap_ok(verify("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n", "git", msg) ==
		       WG_SSHSIG_MALFORMED,
	       "an empty one: malformed");
	tap_ok(verify("", "git", msg) == WG_SSHSIG_MALFORMED, "nothing: malformed");
	char big[9000];
	memset(big, 'A', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(big, "-----BEGIN SSH SIGNATURE-----\n", 30);
	tap_ok(verify(big, "git", msg) == WG_SSHSIG_MALFORMED, "a huge one: refused before decoding");
	sb_release(&sig);
	return tap_exit();
}

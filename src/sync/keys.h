/* Who wrote it, provably: the signing keys the county registers in common,
 * and the check of every commit's signature against them.
 *
 * Every workspace has an Ed25519 key (store/workspace.c) and signs every
 * commit with it (history/repo.c). The county registers each officer's key
 * after comparing its fingerprint with the officer in person; officers pin
 * the county's key from their enrollment bundle. A revoked key keeps
 * verifying what the county accepted before the revocation (the tip of its
 * grid then) and nothing after. */
#ifndef WG_KEYS_H
#define WG_KEYS_H

#include <stdbool.h>

#include "error.h"
#include "repo.h"
#include "sshsig.h"
#include "workspace.h"

struct wg_signer {
	char id[WG_ID_BUFSIZE];
	char holder[WG_ID_BUFSIZE]; /* the officer; "" for the county office */
	bool county;                /* the county office's key */
	char grid[40];
	char name[128];
	unsigned char pk[WG_KEY_PUBLIC_BYTES];
	char words[WG_KEY_WORDS_BUFSIZE];
	bool revoked;
	char registered[24], revoked_at[24];
	char reason[256];
	git_oid accepted_tip; /* revoked: the grid's tip then (its work up to there stays good) */
	bool has_accepted_tip;
};

typedef struct wg_signers {
	struct wg_signer *v;
	size_t n, alloc;
} wg_signers;

void wg_signers_free(wg_signers *s);
/* The keys registered in the working copy (the county's), or in the common
 * tree of a commit (what an import is about to accept). */
int wg_signers_load(sqlite3 *db, wg_signers *out, wg_error *err);
int wg_signers_from_commit(wg_repo *repo, const git_oid *common_tip, wg_signers *out,
			   wg_error *err);
const struct wg_signer *wg_signers_find(const wg_signers *s,
					const unsigned char pk[WG_KEY_PUBLIC_BYTES]);

/* The county: its own key registered in common, once (a new county, or one
 * made before keys). Inside the caller's transaction. */
int wg_keys_ensure_county(wg_workspace *ws, wg_error *err);

/* The county registers an officer's key. words: the fingerprint the officer
 * read aloud; refused unless it matches. One key in use per officer. */
int wg_key_register(wg_workspace *ws, const char *officer, const char *public_key,
		    const char *words, struct wg_signer *out, wg_error *err);
/* Withdraw the officer's key in use (a lost or stolen laptop). The work the
 * county accepted so far stays valid; later bundles signed with it are
 * refused. */
int wg_key_revoke(wg_workspace *ws, const char *officer, const char *reason,
		  struct wg_signer *out, wg_error *err);
/* An officer by id (or its first hex digits) or by exact name (when only one
 * officer has it). */
int wg_officer_find(sqlite3 *db, const char *text, char id[WG_ID_BUFSIZE], wg_error *err);
/* Read a public key file (what wangge key export writes: one line). */
int wg_key_read_file(const char *path, char **public_key, wg_error *err);
/* The allowed-signers file of git's gpg.ssh.allowedSignersFile: every key of
 * common, a revoked one valid before its revocation. */
int wg_keys_allowed_signers(wg_workspace *ws, strbuf *out, wg_error *err);
/* "<holder>@<county id>" or "county@<county id>": the principal and e-mail. */
void wg_signer_principal(const wg_workspace *ws, const struct wg_signer *s, strbuf *out);

/* An officer workspace: the county's key, pinned at enrollment. */
int wg_keys_pin_county(wg_workspace *ws, wg_error *err);
int wg_keys_pinned_county(wg_workspace *ws, unsigned char pk[WG_KEY_PUBLIC_BYTES], bool *pinned,
			  wg_error *err);

/* An officer workspace made before keys: its commits the county has not
 * acknowledged (not reachable from what the county sent) are made again,
 * signed, with the same trees, authors, times and messages, so that the
 * county takes them. Once, the first time the workspace writes after it got
 * its key (the cut-over); tips gets the new tip of the grid. */
int wg_keys_resign_legacy(wg_workspace *ws, wg_repo *repo, wg_tips *tips, size_t *nresigned,
			  wg_error *err);

/* The signature of one commit as the history shows it. */
enum wg_commit_sig {
	WG_SIG_GOOD,      /* a good signature by a key registered for the author */
	WG_SIG_REVOKED_OK, /* good, by a key revoked since, accepted before */
	WG_SIG_UNSIGNED,  /* no signature (history made before keys) */
	WG_SIG_BAD,       /* damaged, forged, or the commit changed after signing */
	WG_SIG_UNKNOWN,   /* good, but by a key not registered */
	WG_SIG_WRONG,     /* good, by a registered key that is not the author's, or revoked */
};
struct wg_commit_sig_info {
	enum wg_commit_sig status;
	const struct wg_signer *signer; /* when the key is registered */
	unsigned char pk[WG_KEY_PUBLIC_BYTES];
	bool have_pk;
	enum wg_sshsig_result result;
};
/* Check commit oid against the keys: author_id is the part of the author's
 * e-mail before the @ ("county" for the county). grid: the branch's grid
 * (NULL for common). */
int wg_commit_sig_check(wg_repo *repo, const wg_signers *keys, const git_oid *oid,
			const char *author_id, const char *grid, struct wg_commit_sig_info *info,
			wg_error *err);
/* The status in words (translated), for the history. */
const char *wg_commit_sig_text(enum wg_commit_sig s);
/* The same in a word or two, for a column. */
const char *wg_commit_sig_short(enum wg_commit_sig s);

#endif

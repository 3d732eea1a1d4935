/* Git bundles (the format `git bundle create` writes), without the git
 * program: libgit2 has no bundle API, so the header is read and written here
 * and the pack is written and read by pack.c.
 *
 *   # v2 git bundle
 *   -<oid> <comment>        a prerequisite: the receiver must already have it
 *   <oid> <refname>         a ref the bundle carries
 *   <empty line>
 *   <pack>
 *
 * Version 3 is accepted when its only capability is @object-format=sha1. */
#ifndef WG_BUNDLE_H
#define WG_BUNDLE_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "pack.h"
#include "sshsig.h"

struct wg_bundle_prereq {
	git_oid oid;
	char *comment; /* may be "" */
};

struct wg_bundle_ref {
	git_oid oid;
	char *name;
};

typedef struct wg_bundle {
	char *path;            /* as given */
	char *data;            /* the whole file */
	size_t len;
	int version;
	struct wg_bundle_prereq *prereqs;
	size_t nprereqs;
	struct wg_bundle_ref *refs;
	size_t nrefs;
	size_t pack_offset;    /* the pack: data + pack_offset, up to len */
	char digest[GIT_OID_HEXSZ + 1]; /* of the whole bundle (opened, when sealed) */
	bool sealed;           /* the file was sealed (util/age.h) and opened */
} wg_bundle;

/* Read and check the header of the bundle at path (and that a pack follows).
 * WG_EINPUT with a message naming the file on anything malformed. A sealed
 * bundle (age, util/age.h) is opened with kp (may be NULL: then refused): one
 * sealed for another key, damaged or cut short is refused too. */
int wg_bundle_read(const char *path, const wg_keypair *kp, wg_bundle **out, wg_error *err);
void wg_bundle_free(wg_bundle *b);
/* Is this a ref name we accept at all (git's rules, no "..", no control bytes)? */
bool wg_bundle_refname_ok(const char *name);

/* Read the bundle's pack, writing the objects odb lacks into packdir (as
 * packs with their indexes, none when it lacks none); every object is
 * verified, and must refer only to objects of the pack or of odb (NULL: a
 * new, empty history), which completes thin packs. *objects counts the
 * objects received. view (may be NULL): the pack, to read its objects from
 * memory (NULL when it had deltas); the caller frees it before b. budget: what
 * the whole import may still cost (see pack.h). */
int wg_bundle_index(const wg_bundle *b, git_odb *odb, const char *packdir,
		    struct wg_pack_budget *budget, size_t *objects, wg_pack **view, wg_error *err);

/* The readers a bundle is sealed to, by their Ed25519 keys. */
struct wg_bundle_seal {
	const unsigned char (*pks)[WG_KEY_PUBLIC_BYTES];
	size_t npks;
};

/* Write a bundle carrying refs, for a receiver that has prereqs. A ref named
 * "HEAD" may be given so that `git clone` checks out that branch. Objects in
 * mem (the history's pack not yet written out; may be NULL) are taken from
 * it as they are stored. seal (NULL or no keys: written plain): sealed to
 * these readers; *size is the size of the file written. */
int wg_bundle_write(git_repository *repo, wg_pack *mem, const struct wg_bundle_ref *refs,
		    size_t nrefs, const struct wg_bundle_prereq *prereqs, size_t nprereqs,
		    const struct wg_bundle_seal *seal, const char *path, size_t *size, wg_error *err);

#endif

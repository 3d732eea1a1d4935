/* The history's pack files, read without mapping them (issue 17).
 *
 * libgit2 maps the whole index (.idx) of every pack it looks an object up
 * in, and a lookup that misses in a pack still touches pages of its index:
 * an export of one grid, its records spread over a county's packs, counted
 * 124 MB of mapped index pages in its peak memory. This backend reads the
 * packs and their version-2 indexes with pread(): per pack it keeps the
 * 1 KiB fan-out table in memory and reads, for a lookup, the one block of
 * index entries where the id must be (ids are uniformly spread, so its
 * place within its fan-out bucket is estimated from its next bytes). The
 * page cache is shared and bounded by the kernel; the process holds a few
 * kilobytes per pack and a bounded cache of delta bases.
 *
 * Objects are whole or deltas (OFS_DELTA against an earlier object of the
 * same pack, REF_DELTA against any object of the history), as git and
 * wangge write them; chains up to 4,096 deep (git's limit). Anything that
 * does not add up (an offset past the end, a stream that inflates to
 * another size, a delta that does not apply) is an error, never a crash. */
#ifndef WG_PACKFILES_H
#define WG_PACKFILES_H

#include <git2.h>
#include <git2/sys/odb_backend.h>

/* A read-only backend over the packs in packdir (objects/pack). */
int wg_packfiles_backend(const char *packdir, git_odb_backend **out);
/* The object database of a history: its loose objects (libgit2's) and its
 * packs (this reader). objects: the objects folder. */
int wg_history_odb(const char *objects, git_odb **out);

#endif

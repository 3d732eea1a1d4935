#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileutil.h"
#include "i18n.h"

int wg_read_file(const char *path, size_t max, strbuf *out, wg_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	sb_reset(out);
	if (fd < 0)
		return wg_fail(err, WG_EINPUT, _("cannot read %s: %s"), path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return wg_fail(err, WG_EINPUT, _("%s is not a regular file"), path);
	}
	for (;;) {
		char buf[65536];
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return wg_fail(err, WG_EINPUT, _("cannot read %s: %s"), path, strerror(e));
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > max) {
			close(fd);
			return wg_fail(err, WG_EINPUT, _("%s is too large (more than %zu bytes)"), path,
				       max);
		}
		sb_add(out, buf, (size_t)n);
	}
	close(fd);
	return WG_OK;
}

static _Atomic bool durable = true;

void wg_set_durable(bool on)
{
	durable = on;
}

bool wg_durable(void)
{
	return durable;
}

/* A name in path's folder that no other writer uses: ".<name>.<pid>-<n>.tmp". */
static char *temp_name(const char *path)
{
	static _Atomic unsigned counter;
	const char *base = strrchr(path, '/');
	int dirlen = base ? (int)(base - path + 1) : 0;
	base = base ? base + 1 : path;
	return xasprintf("%.*s.%s.%ld-%u.tmp", dirlen, path, base, (long)getpid(), counter++);
}

/* Sync the folder that holds path, so that a rename into it lasts. A file
 * system that cannot sync a folder (EINVAL) has nothing more to do. */
static int sync_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xasprintf("%.*s", slash == path ? 1 : (int)(slash - path), path)
			  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	int rc = fsync(fd) != 0 && errno != EINVAL ? -1 : 0;
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Remove what a killed writer of path left: temp_name files whose process is
 * gone (a bundle half written to a USB stick, say). Others' live ones stay. */
static void sweep_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir = slash ? xasprintf("%.*s", slash == path ? 1 : (int)(slash - path), path)
			  : xstrdup(".");
	char *prefix = xasprintf(".%s.", base);
	size_t plen = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		const char *num = e->d_name + plen;
		char *end;
		if (strncmp(e->d_name, prefix, plen) != 0 || !isdigit((unsigned char)*num))
			continue;
		long pid = strtol(num, &end, 10);
		if (*end != '-' || !isdigit((unsigned char)end[1]) ||
		    strcmp(end + 1 + strspn(end + 1, "0123456789"), ".tmp") != 0 || pid <= 0 ||
		    pid > 0x3fffffff || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

struct wg_out {
	int fd;
	int error; /* errno of the first failed write, or 0 */
};

void wg_out_write(wg_out *o, const void *data, size_t len)
{
	if (!o->error && write_all(o->fd, data, len) != 0)
		o->error = errno ? errno : EIO;
}

int wg_write_atomic_with(const char *path, int flags, wg_produce_fn *produce, void *ctx,
			 wg_error *err)
{
	char *tmp = NULL;
	int fd = -1;
	sweep_stale(path);
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		free(tmp);
		tmp = temp_name(path);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			  flags & WG_WRITE_PRIVATE ? 0600 : 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		int rc = wg_fail(err, flags & WG_WRITE_PRIVATE ? WG_EINTERNAL : WG_EINPUT,
				 _("cannot write %s: %s"), path, strerror(errno));
		free(tmp);
		return rc;
	}
	wg_out o = {fd, 0};
	int rc = produce(&o, ctx, err);
	if (rc) {
		close(fd);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	if (o.error) {
		errno = o.error;
		goto fail;
	}
	if (durable && fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	tmp = NULL;
	if (durable && sync_folder(path) != 0)
		goto fail;
	return WG_OK;
fail:;
	int e = errno;
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
	free(tmp);
	return wg_fail(err, e == ENOSPC || (flags & WG_WRITE_PRIVATE) ? WG_EINTERNAL : WG_EINPUT,
		       _("cannot write %s: %s"), path, strerror(e));
}

struct spans {
	const struct wg_span *parts;
	size_t n;
};

static int write_spans(wg_out *o, void *ctx, wg_error *err)
{
	const struct spans *s = ctx;
	(void)err;
	for (size_t i = 0; i < s->n; i++)
		wg_out_write(o, s->parts[i].data, s->parts[i].len);
	return WG_OK;
}

int wg_write_atomic(const char *path, const struct wg_span *parts, size_t nparts, int flags,
		    wg_error *err)
{
	struct spans s = {parts, nparts};
	return wg_write_atomic_with(path, flags, write_spans, &s, err);
}

int wg_write_file(const char *path, const void *data, size_t len, wg_error *err)
{
	struct wg_span part = {data, len};
	return wg_write_atomic(path, &part, 1, 0, err);
}

#include <config.h>

#include <errno.h>
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

int wg_write_file(const char *path, const void *data, size_t len, wg_error *err)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	const char *p = data;
	if (fd < 0) {
		int rc = wg_fail(err, WG_EINPUT, _("cannot write %s: %s"), path, strerror(errno));
		free(tmp);
		return rc;
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		p += n;
		len -= (size_t)n;
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
	return WG_OK;
fail:;
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return wg_fail(err, e == ENOSPC ? WG_EINTERNAL : WG_EINPUT, _("cannot write %s: %s"), path,
		       strerror(e));
}

/* The helpers every layer shares: the one atomic file write and the one HTML
 * escaper. */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fileutil.h"
#include "html.h"
#include "strbuf.h"
#include "tap.h"

/* How many entries the folder holds besides . and .. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void is_file(const char *path, const char *want, const char *what)
{
	strbuf sb = STRBUF_INIT;
	wg_error err;
	if (wg_read_file(path, 1 << 20, &sb, &err) != WG_OK)
		tap_ok(false, "%s: %s", what, err.msg);
	else
		tap_is_str(sb_str(&sb), want, "%s", what);
	sb_release(&sb);
}

static void is_escaped(const char *in, int flags, const char *want, const char *what)
{
	strbuf sb = STRBUF_INIT;
	wg_html_escape(&sb, in, flags);
	tap_is_str(sb_str(&sb), want, "%s", what);
	sb_release(&sb);
}

int main(void)
{
	char dir[] = "/tmp/wangge-test-util.XXXXXX";
	wg_error err;
	struct stat st;
	if (!mkdtemp(dir)) {
		tap_ok(false, "a temporary folder");
		return tap_exit();
	}
	umask(022);
	char *path = xasprintf("%s/out.txt", dir);

	tap_is_int(wg_write_file(path, "one\n", 4, &err), WG_OK, "a new file is written");
	is_file(path, "one\n", "... with what was given");
	tap_ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644, "... readable by all (0644)");
	tap_is_int(entries(dir), 1, "... and no temporary file is left beside it");

	const struct wg_span parts[] = {{"head\n", 5}, {"", 0}, {"body\n", 5}};
	tap_is_int(wg_write_atomic(path, parts, 3, WG_WRITE_PRIVATE, &err), WG_OK,
		   "an existing file is replaced from three parts");
	is_file(path, "head\nbody\n", "... the parts one after the other");
	tap_ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	       "... a private file is its owner's only (0600)");
	tap_is_int(entries(dir), 1, "... and the folder holds that file only");

	char *missing = xasprintf("%s/no/such/folder/x", dir);
	tap_is_int(wg_write_file(missing, "x", 1, &err), WG_EINPUT,
		   "a folder that does not exist is refused as input");
	tap_ok(strstr(err.msg, missing) != NULL, "... naming the file: %s", err.msg);
	tap_is_int(wg_write_atomic(missing, parts, 1, WG_WRITE_PRIVATE, &err), WG_EINTERNAL,
		   "... and as an internal error for the workspace's own files");
	tap_is_int(entries(dir), 1, "nothing else was made");

	is_escaped("a<b>&\"c\"'d'", 0, "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;",
		   "HTML: the five characters as entities");
	is_escaped("中文\t1\n2", 0, "中文\t1\n2", "tab, newline and Chinese stay");
	is_escaped("x\001y\033z", 0, "x y z", "control characters become spaces");
	is_escaped("1\n2", WG_HTML_BREAKS, "1<br>2", "with WG_HTML_BREAKS a newline is <br>");

	unlink(path);
	rmdir(dir);
	free(path);
	free(missing);
	return tap_exit();
}

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dirlist.h"
#include "strbuf.h"

static void add(struct dir_list *l, const char *name, const char *path, const struct stat *st)
{
	l->e = xrealloc(l->e, (l->n + 1) * sizeof *l->e);
	struct dir_entry *e = &l->e[l->n++];
	e->name = xstrdup(name);
	e->path = xstrdup(path);
	e->is_dir = S_ISDIR(st->st_mode);
	e->mtime = (long long)st->st_mtime;
	e->size = e->is_dir ? 0 : (long long)st->st_size;
}

void dirlist_free(struct dir_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->e[i].name);
		free(l->e[i].path);
	}
	free(l->e);
	l->e = NULL;
	l->n = 0;
}

void dirlist_media(const char *patterns, struct dir_list *out)
{
	char *copy = xstrdup(patterns), *save = NULL;
	glob_t g;
	struct dir_list all = {0};
	for (char *p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save)) {
		if (glob(p, GLOB_ONLYDIR, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			struct stat st;
			bool seen = false;
			for (size_t k = 0; k < all.n && !seen; k++)
				seen = strcmp(all.e[k].path, g.gl_pathv[i]) == 0;
			if (seen || stat(g.gl_pathv[i], &st) != 0 || !S_ISDIR(st.st_mode))
				continue;
			const char *base = strrchr(g.gl_pathv[i], '/');
			add(&all, base ? base + 1 : g.gl_pathv[i], g.gl_pathv[i], &st);
		}
		globfree(&g);
	}
	free(copy);
	/* /media/USER is only where udisks puts the sticks: show the sticks */
	for (size_t i = 0; i < all.n; i++) {
		size_t len = strlen(all.e[i].path);
		bool holds = false;
		for (size_t k = 0; k < all.n && !holds; k++)
			holds = k != i && strncmp(all.e[k].path, all.e[i].path, len) == 0 &&
				all.e[k].path[len] == '/';
		if (holds)
			continue;
		struct stat st = {.st_mode = S_IFDIR, .st_mtime = (time_t)all.e[i].mtime};
		add(out, all.e[i].name, all.e[i].path, &st);
	}
	dirlist_free(&all);
}

/* Natural order: runs of digits compare by value. */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			size_t la = strspn(a, "0123456789"), lb = strspn(b, "0123456789");
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = strncmp(a, b, la);
			if (c)
				return c;
			a += la;
			b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int entry_cmp(const void *x, const void *y)
{
	const struct dir_entry *a = x, *b = y;
	if (a->is_dir != b->is_dir)
		return a->is_dir ? -1 : 1;
	if (!a->is_dir && a->mtime != b->mtime)
		return a->mtime > b->mtime ? -1 : 1; /* newest first */
	return natural_cmp(a->name, b->name);
}

int dirlist_read(const char *dir, bool with_files, const char *suffix, struct dir_list *out)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *de;
	size_t sl = suffix ? strlen(suffix) : 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = strcmp(dir, "/") == 0 ? xasprintf("/%s", de->d_name)
						   : xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		size_t nl = strlen(de->d_name);
		if (stat(path, &st) == 0 &&
		    (S_ISDIR(st.st_mode) ||
		     (with_files && S_ISREG(st.st_mode) &&
		      (!sl || (nl > sl && strcmp(de->d_name + nl - sl, suffix) == 0)))))
			add(out, de->d_name, path, &st);
		free(path);
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->e, out->n, sizeof *out->e, entry_cmp);
	return 0;
}

char *dirlist_parent(const char *path)
{
	char *p = xstrdup(path);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = 0;
	char *slash = strrchr(p, '/');
	if (!slash || slash == p)
		strcpy(p, "/");
	else
		*slash = 0;
	return p;
}

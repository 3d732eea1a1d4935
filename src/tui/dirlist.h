/* What the file chooser lists, in plain code (no curses): the removable media
 * that are mounted, and a folder's subfolders and bundle files. Names are
 * whatever the file system holds (spaces, Chinese, invalid bytes: the screen
 * draws them safely); paths are joined, never split on spaces. */
#ifndef WG_DIRLIST_H
#define WG_DIRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct dir_entry {
	char *name;       /* as shown */
	char *path;       /* full path */
	bool is_dir;
	long long mtime;  /* seconds */
	long long size;   /* bytes, files only */
};

struct dir_list {
	struct dir_entry *e;
	size_t n;
};

/* Where removable media are mounted: every folder in /media, and in each
 * folder there (udisks mounts at /media/USER/LABEL), in each folder of
 * /run/media, and in /mnt. WANGGE_MEDIA, a list of glob patterns separated by
 * ':', replaces them (for a site's own mounts). */
#define DIRLIST_MEDIA "/media/*:/media/*/*:/run/media/*/*:/mnt/*"

/* The folders that match the patterns, each once; a folder that only holds
 * other matches (/media/USER) is left out. */
void dirlist_media(const char *patterns, struct dir_list *out);
/* The subfolders of dir by name (natural order: 第2 before 第10), then, when
 * with_files, its files whose name ends in suffix, newest first. Hidden
 * entries are left out. -1 (errno set) when dir cannot be read. */
int dirlist_read(const char *dir, bool with_files, const char *suffix, struct dir_list *out);
void dirlist_free(struct dir_list *l);
/* The parent of a path ("/" for "/"); caller frees. */
char *dirlist_parent(const char *path);

#endif

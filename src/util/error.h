/* Errors carried up to the caller with context; never printed from the core. */
#ifndef WG_ERROR_H
#define WG_ERROR_H

#include <stdarg.h>

/* The status doubles as the CLI exit status. */
enum wg_status {
	WG_OK = 0,
	WG_EUSAGE = 1,    /* the command was used wrongly */
	WG_EINPUT = 2,    /* input refused (bad value, bad file); nothing changed */
	WG_EINTERNAL = 3, /* internal or environment error */
};

typedef struct wg_error {
	int status;
	int confirmable; /* refused only until the user confirms (a warning) */
	/* The value a person must give for the operation to go on, by name
	 * ("inspector", "checklist", "grid", "reset"), or NULL. The core never
	 * names a CLI option: the CLI says which of its options gives it, and a
	 * screen shows a field for it. */
	const char *needs;
	char msg[1024];
} wg_error;

/* Set the error (if err is not NULL) and return status. */
int wg_fail(wg_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int wg_vfail(wg_error *err, int status, const char *fmt, va_list ap);
/* Put "context: " in front of the message already in err. */
void wg_error_prefix(wg_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void wg_error_clear(wg_error *err);
/* wg_fail, noting what the person must give (see wg_error.needs). */
int wg_fail_needs(wg_error *err, int status, const char *needs, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif

#include <config.h>
#include <stddef.h>
#include <stdlib.h>
#include "fixture.h"
#include "county.h"
#include "recordop.h"
#include "strbuf.h"
#include "tap.h"

wg_workspace *fixture_county(const char *dir)
{
	wg_workspace *ws = NULL;
	wg_error err;
	if (!tap_ok(wg_init_county(dir, "示范县", "330102", &ws, &err) == WG_OK, "county workspace"))
		return NULL;
	wg_record *g = wg_record_new(&wg_kind_grid);
	struct wg_change gc[] = {{"code", "g1"}, {"name", "一网格"}};
	tap_ok(wg_fill(g, gc, 2, false, &err) == WG_OK && wg_grid_add(ws, g, "中山乡", &err) == WG_OK,
	       "grid");
	wg_record_free(g);
	return ws;
}

char *fixture_entity(wg_workspace *ws, const char *name, const char *addr, const char *phone)
{
	wg_record *r = wg_record_new(&wg_kind_entity);
	struct wg_change ch[] = {{"grid", "g1"}, {"category", "D211"}, {"name", name},
				 {"address", addr}, {"phone", phone}};
	wg_error err;
	char *id = NULL;
	if (wg_fill(r, ch, 5, false, &err) || wg_add(ws, r, &err))
		tap_diag("add %s: %s", name, err.msg);
	else
		id = xstrdup(wg_record_get(r, "id"));
	wg_record_free(r);
	return id;
}

void fixture_done(wg_workspace *ws, const char *dir)
{
	wg_ws_close(ws);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	tap_ok(system(cmd) == 0, "clean up");
	free(cmd);
}

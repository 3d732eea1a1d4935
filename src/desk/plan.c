#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "fileutil.h"
#include "i18n.h"
#include "plan.h"
#include "schema.h"
#include "sha256.h"
#include "strbuf.h"
#include "timeutil.h"
#include "utf8.h"

const char *const wg_factor_names[WG_NFACTORS] = {"complaint", "high_risk", "points",
						   "black_list"};

void wg_plan_free(struct wg_plan *plan)
{
	if (!plan)
		return;
	free(plan->name);
	free(plan->rules);
	free(plan->text);
	free(plan);
}

void wg_rate_format(int rate, char out[16])
{
	if (rate % 100 == 0)
		snprintf(out, 16, "%d%%", rate / 100);
	else if (rate % 10 == 0)
		snprintf(out, 16, "%d.%d%%", rate / 100, (rate / 10) % 10);
	else
		snprintf(out, 16, "%d.%02d%%", rate / 100, rate % 100);
}

/* "always", "100%", "12.5%", "0.25%" -> basis points; -1 when not a rate. */
static int parse_rate(const char *s)
{
	if (strcmp(s, "always") == 0)
		return WG_RATE_FULL;
	size_t n = strlen(s);
	if (n < 2 || s[n - 1] != '%')
		return -1;
	long whole = 0, frac = 0;
	int fdigits = 0;
	size_t i = 0;
	if (!isdigit((unsigned char)s[0]))
		return -1;
	for (; i < n - 1 && isdigit((unsigned char)s[i]); i++) {
		whole = whole * 10 + (s[i] - '0');
		if (whole > 100)
			return -1;
	}
	if (i < n - 1) {
		if (s[i] != '.' || i + 1 == n - 1)
			return -1;
		for (i++; i < n - 1; i++) {
			if (!isdigit((unsigned char)s[i]) || fdigits == 2)
				return -1;
			frac = frac * 10 + (s[i] - '0');
			fdigits++;
		}
		if (fdigits == 1)
			frac *= 10;
	}
	long rate = whole * 100 + frac;
	return rate > WG_RATE_FULL ? -1 : (int)rate;
}

static int parse_uint(const char *s, long max, long *out)
{
	long v = 0;
	if (!*s || (s[0] == '0' && s[1]))
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

static bool is_group(const char *s)
{
	for (size_t i = 0; i < wg_ncategories; i++)
		if (strcmp(wg_categories[i].group, s) == 0)
			return true;
	return false;
}

static bool rule_covers(const struct wg_plan_rule *r, const struct wg_category *c)
{
	return r->group ? strcmp(c->group, r->target) == 0 : strcmp(c->code, r->target) == 0;
}

int wg_plan_rule_for(const struct wg_plan *plan, const char *category)
{
	const struct wg_category *c = wg_category_find(category);
	if (!c)
		return -1;
	for (size_t i = 0; i < plan->nrules; i++)
		if (rule_covers(&plan->rules[i], c))
			return (int)i;
	return -1;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Normalise line ends to LF and end with one. */
static char *normalise(const char *buf, size_t len)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\r' && (i + 1 == len || buf[i + 1] == '\n'))
			continue;
		sb_addc(&sb, buf[i]);
	}
	if (sb.len && sb.buf[sb.len - 1] != '\n')
		sb_addc(&sb, '\n');
	return sb_detach(&sb);
}

static int plan_line(struct wg_plan *p, int lineno, char *line, wg_error *err)
{
	line = trim(line);
	if (!*line || *line == '#')
		return WG_OK;
	if (*line == '[') {
		size_t n = strlen(line);
		if (line[n - 1] != ']')
			return wg_fail(err, WG_EINPUT, _("line %d: a section is written [CATEGORY]"),
				       lineno);
		line[n - 1] = '\0';
		char *target = trim(line + 1);
		struct wg_plan_rule r = {.count = -1, .ratio = -1, .line = lineno};
		if (wg_category_find(target))
			r.group = false;
		else if (is_group(target))
			r.group = true;
		else
			return wg_fail(err, WG_EINPUT,
				       _("line %d: \"%s\" is neither a category code nor a category "
					 "group (see \"wangge category list\")"), lineno, target);
		snprintf(r.target, sizeof r.target, "%s", target);
		for (int f = 0; f < WG_NFACTORS; f++)
			r.boost[f] = -1;
		for (size_t i = 0; i < wg_ncategories; i++) {
			if (!rule_covers(&r, &wg_categories[i]))
				continue;
			int other = wg_plan_rule_for(p, wg_categories[i].code);
			if (other >= 0)
				return wg_fail(err, WG_EINPUT,
					       _("line %d: category %s is already covered by [%s] on "
						 "line %d"), lineno, wg_categories[i].code,
					       p->rules[other].target, p->rules[other].line);
		}
		p->rules = xrealloc(p->rules, (p->nrules + 1) * sizeof *p->rules);
		p->rules[p->nrules++] = r;
		return WG_OK;
	}
	char *eq = strchr(line, '=');
	if (!eq)
		return wg_fail(err, WG_EINPUT, _("line %d: expected KEY = VALUE"), lineno);
	*eq = '\0';
	char *key = trim(line), *val = trim(eq + 1);
	long n;
	if (!*val)
		return wg_fail(err, WG_EINPUT, _("line %d: %s has no value"), lineno, key);
	if (p->nrules == 0) {
		if (strcmp(key, "name") == 0) {
			if (p->name)
				return wg_fail(err, WG_EINPUT, _("line %d: %s given twice"), lineno, key);
			if (utf8_length(val, strlen(val)) > 100)
				return wg_fail(err, WG_EINPUT, _("line %d: the name is too long"), lineno);
			p->name = xstrdup(val);
		} else if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0) {
			if (!wg_date_valid(val))
				return wg_fail(err, WG_EINPUT,
					       _("line %d: %s is not a date of the form 2026-01-31"),
					       lineno, key);
			snprintf(key[0] == 'f' ? p->from : p->to, 11, "%s", val);
		} else if (strcmp(key, "inspectors") == 0) {
			if (parse_uint(val, WG_DRAW_MAX_INSPECTORS, &n) || n < 2)
				return wg_fail(err, WG_EINPUT,
					       _("line %d: inspectors must be from 2 to %d: the law "
						 "asks for at least two"), lineno,
					       WG_DRAW_MAX_INSPECTORS);
			p->inspectors = (unsigned)n;
		} else if (strcmp(key, "high_risk_grade") == 0) {
			if (strlen(val) >= sizeof p->high_risk_grade ||
			    strspn(val, "abcdefghijklmnopqrstuvwxyz-_0123456789") != strlen(val))
				return wg_fail(err, WG_EINPUT,
					       _("line %d: high_risk_grade is a grade code of the risk "
						 "rules, such as high"), lineno);
			snprintf(p->high_risk_grade, sizeof p->high_risk_grade, "%s", val);
		} else if (strcmp(key, "lookback") == 0) {
			if (parse_uint(val, 3660, &n))
				return wg_fail(err, WG_EINPUT,
					       _("line %d: lookback is a number of days (at most 3660)"),
					       lineno);
			p->lookback = (unsigned)n;
		} else {
			return wg_fail(err, WG_EINPUT, _("line %d: unknown key \"%s\""), lineno, key);
		}
		return WG_OK;
	}
	struct wg_plan_rule *r = &p->rules[p->nrules - 1];
	if (strcmp(key, "ratio") == 0 || strcmp(key, "count") == 0) {
		if (r->ratio >= 0 || r->count >= 0)
			return wg_fail(err, WG_EINPUT,
				       _("line %d: [%s] has both ratio and count (or one twice)"),
				       lineno, r->target);
		if (key[0] == 'r') {
			if ((r->ratio = parse_rate(val)) < 0)
				return wg_fail(err, WG_EINPUT,
					       _("line %d: a ratio is a percentage such as 5%% or "
						 "2.5%%, or \"always\""), lineno);
		} else if (parse_uint(val, 1000000, &r->count)) {
			r->count = -1;
			return wg_fail(err, WG_EINPUT, _("line %d: count is a whole number"), lineno);
		}
		return WG_OK;
	}
	for (int f = 0; f < WG_NFACTORS; f++) {
		if (strcmp(key, wg_factor_names[f]) != 0)
			continue;
		if (r->boost[f] >= 0)
			return wg_fail(err, WG_EINPUT, _("line %d: %s given twice"), lineno, key);
		if ((r->boost[f] = parse_rate(val)) < 0)
			return wg_fail(err, WG_EINPUT,
				       _("line %d: a ratio is a percentage such as 5%% or 2.5%%, or "
					 "\"always\""), lineno);
		return WG_OK;
	}
	return wg_fail(err, WG_EINPUT, _("line %d: unknown key \"%s\" in [%s]"), lineno, key,
		       r->target);
}

int wg_plan_parse(const char *buf, size_t len, struct wg_plan **out, wg_error *err)
{
	struct wg_plan *p = xcalloc(1, sizeof *p);
	int rc = WG_OK, lineno = 0;

	*out = NULL;
	p->inspectors = 2;
	p->lookback = 365;
	if (!utf8_valid(buf, len) || memchr(buf, '\0', len)) {
		wg_plan_free(p);
		return wg_fail(err, WG_EINPUT, _("the plan is not UTF-8 text"));
	}
	p->text = normalise(buf, len);
	wg_sha256_hex_str(p->text, p->sha256);
	char *copy = xstrdup(p->text);
	for (char *line = copy, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		for (const char *c = line; *c; c++)
			if ((unsigned char)*c < 0x20 && *c != '\t') {
				rc = wg_fail(err, WG_EINPUT, _("line %d: contains a control character"),
					     lineno);
				break;
			}
		if (rc || (rc = plan_line(p, lineno, line, err)))
			break;
	}
	free(copy);
	if (rc == WG_OK) {
		if (!p->name || !p->from[0] || !p->to[0])
			rc = wg_fail(err, WG_EINPUT, _("the plan needs a name, from and to"));
		else if (strcmp(p->from, p->to) > 0)
			rc = wg_fail(err, WG_EINPUT, _("the plan ends (%s) before it starts (%s)"),
				     p->to, p->from);
		else if (p->nrules == 0)
			rc = wg_fail(err, WG_EINPUT,
				     _("the plan names no category: add a section such as [clinic]"));
	}
	for (size_t i = 0; rc == WG_OK && i < p->nrules; i++)
		if (p->rules[i].ratio < 0 && p->rules[i].count < 0)
			rc = wg_fail(err, WG_EINPUT, _("line %d: [%s] needs a ratio or a count"),
				     p->rules[i].line, p->rules[i].target);
	if (rc) {
		wg_plan_free(p);
		return rc;
	}
	*out = p;
	return WG_OK;
}

int wg_plan_load(const char *path, struct wg_plan **out, wg_error *err)
{
	strbuf buf = STRBUF_INIT;
	int rc;
	*out = NULL;
	if ((rc = wg_read_file(path, WG_PLAN_MAX_BYTES, &buf, err)) ||
	    (rc = wg_plan_parse(buf.buf ? buf.buf : "", buf.len, out, err)))
		wg_error_prefix(err, "%s", path);
	sb_release(&buf);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int wg_plan_files(char ***paths, size_t *n, wg_error *err)
{
	(void)err;
	*paths = NULL;
	*n = 0;
	char *dir = wg_data_path("plans");
	DIR *d = opendir(dir);
	if (!d) {
		free(dir);
		return WG_OK; /* no shipped plans: the clerk chooses a file */
	}
	struct dirent *e;
	size_t alloc = 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".plan") != 0)
			continue;
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			*paths = xrealloc(*paths, alloc * sizeof **paths);
		}
		(*paths)[(*n)++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	free(dir);
	if (*n)
		qsort(*paths, *n, sizeof **paths, cmp_str);
	return WG_OK;
}

char *wg_plan_summary(const struct wg_plan *plan)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < plan->nrules; i++) {
		const struct wg_plan_rule *r = &plan->rules[i];
		char rate[16];
		if (r->ratio >= 0)
			wg_rate_format(r->ratio, rate);
		else
			snprintf(rate, sizeof rate, "%ld", r->count);
		sb_addf(&sb, "%s%s %s", i ? ", " : "", r->target, rate);
	}
	return sb_detach(&sb);
}

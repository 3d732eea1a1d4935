#!/usr/bin/env python3
"""The demo generator makes no two random draws in the arguments of one call.

The order in which C evaluates a call's arguments is unspecified: in
f(draw(), draw()) one compiler, or one optimisation level, takes the first
draw first and another the second, and the same seed gives another county.
A function draws if it calls wg_rng_below/range/chance/next/id or, in
src/demo, a function that draws. Every call in src/demo whose arguments hold
two of them (not apart in the arms of ?:, && or ||) is named here.

Usage: demo-draw-order.py [SRCDIR]  (default: $top_srcdir/src). Prints TAP.
It also checks that it names such a call in a sample and passes its fix.
"""
import os, re, sys

PRIMITIVES = {"wg_rng_below", "wg_rng_range", "wg_rng_chance", "wg_rng_next", "wg_rng_id"}
KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "_Alignof", "defined"}


def strip(text):
    """Comments, strings and character constants blanked, lines kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """{name: body} of the function definitions in a stripped file."""
    found = {}
    for m in re.finditer(r"^[A-Za-z_][^;{}()]*?\b(\w+)\s*\([^;{}]*\)\s*\{", text, re.M):
        depth, i = 0, m.end() - 1
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        found[m.group(1)] = (m.end(), text[m.end():i])
    return found


def calls(text):
    return set(m.group(1) for m in re.finditer(r"\b(\w+)\s*\(", text)) - KEYWORDS


def drawing(files):
    """The functions that draw: the primitives, and those calling one."""
    bodies = {}
    for text in files.values():
        for name, (_, body) in functions(text).items():
            bodies[name] = calls(body)
    draws = set(PRIMITIVES)
    grown = True
    while grown:
        grown = False
        for name, called in bodies.items():
            if name not in draws and called & draws:
                draws.add(name)
                grown = True
    return draws


def top_split(s, seps):
    """s split at the separators outside brackets."""
    parts, depth, cur, i = [], 0, [], 0
    while i < len(s):
        c = s[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if depth == 0:
            hit = next((t for t in seps if s.startswith(t, i)), None)
            if hit:
                parts.append("".join(cur))
                cur = []
                i += len(hit)
                continue
        cur.append(c)
        i += 1
    parts.append("".join(cur))
    return parts


def draws_in(expr, draws):
    """How many draws an expression makes that it does not sequence: the
    arms of ?:, && and || count as one (only one arm's draw is certain)."""
    arms = top_split(expr, ["&&", "||", "?", ":"])
    if len(arms) > 1:
        return max(draws_in(a, draws) for a in arms)
    return sum(1 for m in re.finditer(r"\b(\w+)\s*\(", expr) if m.group(1) in draws)


def offenders(text, draws):
    """(line, call) of each call with draws in two of its arguments."""
    bad = []
    for m in re.finditer(r"\b(\w+)\s*\(", text):
        if m.group(1) in KEYWORDS:
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        args = top_split(text[m.end():i - 1], [","])
        if sum(1 for a in args if draws_in(a, draws) > 0) >= 2 or \
           any(draws_in(a, draws) >= 2 and len(top_split(a, ["+", "-", "*", "/", "%"])) > 1
               for a in args):
            bad.append((text.count("\n", 0, m.start()) + 1, m.group(1)))
    return bad


def scan(files):
    draws = drawing(files)
    return [(f, line, call) for f, text in sorted(files.items())
            for line, call in offenders(text, draws)]


tap = 0
failed = 0


def ok(cond, msg):
    global tap, failed
    tap += 1
    failed += not cond
    print(("ok" if cond else "not ok") + " %d - %s" % (tap, msg))


src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("top_srcdir", "."), "src")
demo = os.path.join(src, "demo")
if not os.path.isdir(demo):
    print("1..0 # SKIP no folder %s" % demo)
    sys.exit(0)
files = {}
for name in sorted(os.listdir(demo)):
    if name.endswith(".c"):
        with open(os.path.join(demo, name), encoding="utf-8") as fh:
            files[name] = strip(fh.read())
bad = scan(files)
for f, line, call in bad:
    print("# %s:%d: %s() is given two random draws, in an unspecified order" % (f, line, call))
ok(files and not bad, "no call in src/demo is given two random draws (%d files, %d calls named)"
   % (len(files), len(bad)))

sample = strip('''
static void pick(struct gen *g) { return wg_rng_below(&g->rng, 3); }
static void mobile(struct gen *g, char *out)
{
	snprintf(out, 12, "%s%09u", prefixes[pick(g)], wg_rng_below(&g->rng, 10));
	long x = wg_rng_range(&g->rng, 1, 2) + wg_rng_range(&g->rng, 1, 2);
	snprintf(out, 12, "%ld", chance ? wg_rng_below(&g->rng, 1) : wg_rng_below(&g->rng, 2));
	snprintf(out, 12, "%ld", wg_rng_range(&g->rng, 1, wg_rng_chance(&g->rng, 5) ? 7 : 14));
}
''')
named = scan({"sample.c": sample})
ok([c for _, _, c in named] == ["snprintf"],
   "it names the call given two draws through a drawing function, and not those given one "
   "(named: %s)" % ", ".join("%s@%d" % (c, l) for _, l, c in named))
fixed = sample.replace('prefixes[pick(g)], wg_rng_below(&g->rng, 10)', 'p, n')
ok(scan({"sample.c": fixed}) == [], "and passes it once the draws are made one a statement")
print("1..%d" % tap)
sys.exit(1 if failed else 0)

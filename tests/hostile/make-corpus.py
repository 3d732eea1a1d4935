#!/usr/bin/env python3
"""Make the corpus of hostile bundles for tests/cli/sync-hostile.sh.

usage: make-corpus.py OFFICER-HISTORY.git OUT-DIR

Every file is made here, at test time, from the officer's history (read with
stock git) and a good bundle in OUT-DIR (a2.bundle): a hand-made pack writer,
headers and trees written byte by byte. Names say what each one tries."""
import hashlib
import os
import struct
import subprocess
import sys
import zlib

GIT = os.environ.get("GIT", "git")
hist, out = sys.argv[1], sys.argv[2]


def git(*args, data=None):
    return subprocess.run([GIT, "--git-dir", hist] + list(args), input=data,
                          stdout=subprocess.PIPE, check=True).stdout


def oid(kind, data):
    return hashlib.sha1(b"%s %d\0" % (kind, len(data)) + data).digest()


def obj_header(t, size):
    b = [(t << 4) | (size & 15)]
    size >>= 4
    while size:
        b[-1] |= 0x80
        b.append(size & 0x7F)
        size >>= 7
    return bytes(b)


def varint(n):
    b = []
    while True:
        c = n & 0x7F
        n >>= 7
        if n:
            b.append(c | 0x80)
        else:
            b.append(c)
            return bytes(b)


TYPES = {b"commit": 1, b"tree": 2, b"blob": 3, b"tag": 4}


class Pack:
    def __init__(self):
        self.body = b""
        self.n = 0
        self.offsets = []

    def whole(self, kind, data):
        self.offsets.append(12 + len(self.body))
        self.body += obj_header(TYPES[kind], len(data)) + zlib.compress(data, 9)
        self.n += 1
        return oid(kind, data)

    def ref_delta(self, base, delta):
        self.offsets.append(12 + len(self.body))
        self.body += obj_header(7, len(delta)) + base + zlib.compress(delta, 9)
        self.n += 1

    def ofs_delta(self, base_index, delta):
        here = 12 + len(self.body)
        back = here - self.offsets[base_index]
        enc = [back & 0x7F]
        back >>= 7
        while back:
            back -= 1
            enc.insert(0, 0x80 | (back & 0x7F))
            back >>= 7
        self.offsets.append(here)
        self.body += obj_header(6, len(delta)) + bytes(enc) + zlib.compress(delta, 9)
        self.n += 1

    def bytes(self, count=None):
        data = b"PACK" + struct.pack(">II", 2, self.n if count is None else count) + self.body
        return data + hashlib.sha1(data).digest()


good = open(os.path.join(out, "a2.bundle"), "rb").read()
head_end = good.index(b"\n\n") + 2
good_head, good_pack = good[:head_end], good[head_end:]
lines = good_head.split(b"\n")
prereq = [l for l in lines if l.startswith(b"-")][0]
base_commit = bytes.fromhex(prereq[1:41].decode())
tip_line = [l for l in lines if l.endswith(b" refs/heads/grid/G01")][0]
tip = tip_line[:40]


def write(name, data):
    with open(os.path.join(out, name + ".bundle"), "wb") as f:
        f.write(data)


def bundle(pack, tip_hex, ref=b"refs/heads/grid/G01", prereqs=(base_commit,)):
    h = b"# v2 git bundle\n"
    for p in prereqs:
        h += b"-" + p.hex().encode() + b" wangge\n"
    return h + tip_hex + b" " + ref + b"\n\n" + pack


# ---- 1. headers and ref names ----
def with_ref_line(line):
    return good_head.replace(tip_line + b"\n", line + b"\n") + good_pack


write("header-nonhex", with_ref_line(b"zz" + tip[2:] + b" refs/heads/grid/G01"))
write("header-upper", with_ref_line(tip.upper() + b" refs/heads/grid/G01"))
write("header-short", with_ref_line(tip[:39] + b" refs/heads/grid/G01"))
write("header-nospace", with_ref_line(tip + b"refs/heads/grid/G01"))
write("header-nul", with_ref_line(tip + b" refs/heads/grid/G\0" + b"01"))
write("header-prereq-nonhex", good_head.replace(prereq, b"-" + b"g" * 40) + good_pack)
write("header-unended", good_head[:-1])
for i, bad in enumerate([b"G~1", b"G^1", b"G:1", b"G*1", b"G\\1", b"G@{1", b"G01.lock",
                         b"G//1", b"G 01", b"G01/", b".G01", b"G01.", b"G?1", b"G[1"]):
    write("refname-%02d" % i, with_ref_line(tip + b" refs/heads/grid/" + bad))
write("refname-norefs", with_ref_line(tip + b" heads/grid/G01"))
# a header that never ends: 2 MiB of ref lines
write("endless-header", b"# v2 git bundle\n" + (tip + b" refs/heads/grid/G01\n") * 40000)

# ---- 2. the whole import's budget ----
commit_raw = git("cat-file", "commit", tip.decode())


def new_objects():
    """What a2.bundle carries: the objects of the tip the county lacks."""
    v = []
    for line in git("rev-list", "--objects", tip.decode(), "^" + base_commit.hex()).split(b"\n"):
        if line:
            h = line[:40].decode()
            kind = git("cat-file", "-t", h).strip()
            v.append((kind, git("cat-file", kind.decode(), h)))
    return v


good_objects = new_objects()
# a 64 KiB blob and deltas on it that each make 256 MiB (one byte copies 64 KiB)
base_blob = b"\0" * 65536


def bomb(name, chain, per=256 << 20):
    p = Pack()
    p.whole(b"blob", base_blob)
    size = 65536
    for i in range(chain):
        copies = per // 65536
        delta = varint(size) + varint(copies * 65536) + b"\x80" * copies
        p.ofs_delta(i, delta)
        size = copies * 65536
    c = p.whole(b"commit", commit_raw)
    write(name, bundle(p.bytes(), tip))


bomb("bomb-8x256M", 8)
bomb("bomb-40x256M", 40)
bomb("bomb-2x256M", 2)


def wide_bomb(name, n, per=64 << 20):
    """n deltas side by side, each making per bytes from the same base."""
    p = Pack()
    p.whole(b"blob", base_blob)
    for i in range(n):
        copies = per // 65536
        # the last op inserts one byte: every result is a different object
        delta = varint(65536) + varint((copies - 1) * 65536 + 1) + b"\x80" * (copies - 1) + b"\x01" + bytes([i & 0xFF])
        p.ref_delta(oid(b"blob", base_blob), delta)
    p.whole(b"commit", commit_raw)
    write(name, bundle(p.bytes(), tip))


wide_bomb("bomb-wide-64x64M", 64)


def inflate_bomb(name, n, per=250 << 20):
    """whole objects that inflate a thousandfold: a megabyte of pack, a gigabyte out"""
    z = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    zeros = b"".join(z.compress(chunk) for _ in range(per >> 20))
    p = Pack()
    for i in range(n):
        c = z.copy()
        data = zeros + c.compress(bytes([i + 1])) + c.flush()  # each a different blob
        p.offsets.append(12 + len(p.body))
        p.body += obj_header(3, per + 1) + data
        p.n += 1
    for kind, data in good_objects:
        p.whole(kind, data)
    write(name, bundle(p.bytes(), tip))


inflate_bomb("bomb-inflate-5x250M", 5)
inflate_bomb("bomb-inflate-3x250M", 3)


def deep_chain(name, depth):
    p = Pack()
    p.whole(b"blob", b"x" * 100)
    for i in range(depth):
        size = 100 + i  # copy all of the base, add a byte: each a different blob
        delta = varint(size) + varint(size + 1) + bytes([0x90, size, 0x01, 0x79])
        p.ofs_delta(i, delta)
    p.whole(b"commit", commit_raw)
    write(name, bundle(p.bytes(), tip))


deep_chain("chain-60", 60)
# a count that the bytes cannot hold
p = Pack()
p.whole(b"commit", commit_raw)
write("count-lie", bundle(p.bytes(count=0x7FFFFFFF), tip))

# ---- 3. record rules, with stock git on a clone of the officer's history ----
import random
import shutil

rnd = random.Random(14)
E = os.environ
work = os.path.join(out, "forge")
enroll = open(os.path.join(out, "enroll-a.bundle"), "rb").read()
enroll_tip = [l for l in enroll[:enroll.index(b"\n\n")].split(b"\n")
              if l.endswith(b" refs/heads/grid/G01")][0][:40].decode()


def wt(*args, data=None, cwd=None):
    return subprocess.run([GIT] + list(args), input=data, cwd=cwd or work,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout


def rpath(kind, rid):
    return "%s/%s/%s/%s" % (kind, rid[:2], rid[2], rid)


def read(path):
    with open(os.path.join(work, path), "rb") as f:
        return f.read()


def put(path, data):
    full = os.path.join(work, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def field(rec, name, value):
    lines = rec.split(b"\n")
    for i, l in enumerate(lines):
        if l.startswith(name + b"="):
            lines[i] = name + b"=" + value
    return b"\n".join(lines)


def new_id():
    return "%032x" % rnd.getrandbits(128)


# The officer signs what they forge with their own key (an OpenSSH key file
# made from their workspace's), as they could by hand: what is refused is
# refused for what it holds, not for a missing signature.
SSH_KEY = os.environ.get("A_SSH_KEY", "")


def signing():
    return ["-c", "gpg.format=ssh", "-c", "user.signingkey=" + SSH_KEY, "-c",
            "commit.gpgsign=true"] if SSH_KEY else []


def sign_commit(commit):
    """The commit with a gpgsig header, signed as git signs (ssh-keygen -Y sign)."""
    if not SSH_KEY:
        return commit
    head, body = commit.split(b"\n\n", 1)
    payload = commit
    sig = subprocess.run(["ssh-keygen", "-Y", "sign", "-q", "-n", "git", "-f", SSH_KEY],
                         input=payload, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         check=True).stdout
    lines = sig.rstrip(b"\n").split(b"\n")
    return head + b"\ngpgsig " + b"\n ".join(lines) + b"\n\n" + body


def forge(name, edit, start=base_commit.hex(), branch="grid/G01", who=("张三", E["oa"]),
          message="forged"):
    if os.path.exists(work):
        shutil.rmtree(work)
    subprocess.run([GIT, "clone", "-q", "--no-checkout", hist, work], check=True,
                   stderr=subprocess.DEVNULL)
    wt("checkout", "-q", "-B", branch, start)
    edit()
    wt("add", "-A")
    wt("-c", "user.name=" + who[0], "-c", "user.email=%s@%s" % (who[1], E["county_id"]),
       *signing(), "commit", "-q", "--allow-empty", "-m", message)
    wt("bundle", "create", "-q", os.path.join(out, name + ".bundle"), branch, "^" + start)


e1, e2, insp = E["e1"], E["e2"], E["insp"]
results = []


def find_results():
    for line in wt("ls-files", "result").decode().split("\n"):
        if line and b"inspection=" + insp.encode() in read(line):
            results.append(line)


def steal():
    put(rpath("entity", e2), field(field(read(rpath("entity", e1)), b"id", e2.encode()),
                                   b"name", b"Stolen"))


forge("rec-steal-entity", steal)


def cross_ref(target):
    def edit():
        i = new_id()
        rec = field(read(rpath("inspection", insp)), b"id", i.encode())
        # a patrol that passed: only its entity is wrong (a failed patrol
        # would be refused first, as ordering rectification)
        put(rpath("inspection", i), field(field(rec, b"entity", target.encode()), b"result", b"pass"))
    return edit


forge("rec-cross-grid-ref", cross_ref(e2))
forge("rec-dangling-ref", cross_ref(new_id()))


def result_edit(how):
    def edit():
        if not results:
            find_results()
        r = results[0]
        if how == "flip":
            put(r, field(read(r), b"outcome", b"fail"))
        elif how == "delete":
            os.unlink(os.path.join(work, r))
        else:
            i = new_id()
            put(rpath("result", i), field(field(read(r), b"id", i.encode()), b"item", b"PC09"))
    return edit


forge("rec-signed-result-flip", result_edit("flip"))
forge("rec-signed-result-delete", result_edit("delete"))
forge("rec-signed-result-add", result_edit("add"))


def stale_readd():
    # the enrollment commit, before the patrol: add its id again as a draft
    rec = subprocess.run([GIT, "--git-dir", hist, "show", "%s:%s" % (base_commit.hex(), rpath("inspection", insp))],
                         stdout=subprocess.PIPE, check=True).stdout
    put(rpath("inspection", insp), field(field(rec, b"status", b"draft"), b"signed", b""))


forge("rec-stale-readd-draft", stale_readd, start=enroll_tip)


def common_edit():
    for line in wt("ls-files", "grid").decode().split("\n"):
        if line:
            put(line, field(read(line), b"name", b"Renamed"))
            break


forge("rec-common-by-officer", common_edit, start="origin/common", branch="common")


# ---- 6. what reaches a terminal ----
def phone(n):
    def edit():
        put(rpath("entity", e1), field(read(rpath("entity", e1)), b"phone", b"1380013800%d" % n))
    return edit


ESC = "\x1b[2J\x1b]0;pwned\x07"
forge("term-author-esc", phone(1), who=("张三" + ESC, E["oa"]),
      message="patrol\n\nRLO \u202eevil" + ESC)
forge("term-forged-author-esc", phone(2), who=("王五" + ESC, E["oc"]))
forge("rec-bidi-name", lambda: put(rpath("entity", e1), field(read(rpath("entity", e1)), b"name",
                                                               "中山\u202e所诊".encode())))
forge("rec-c1-name", lambda: put(rpath("entity", e1), field(read(rpath("entity", e1)), b"name",
                                                             "中山\u0085诊所".encode())))
shutil.rmtree(work)
write("term-prereq-comment", good_head.replace(
    prereq, b"-" + b"1" * 40 + b" wangge " + E["county_id"].encode() + b" \x1b]0;pwned\x07evil.bundle")
    + good_pack)

# ---- 4. trees git fsck --strict refuses, and modes wangge never writes ----


def parse_tree(raw):
    v, i = [], 0
    while i < len(raw):
        sp = raw.index(b" ", i)
        nul = raw.index(b"\0", sp)
        v.append([raw[i:sp], raw[sp + 1:nul], raw[nul + 1:nul + 21]])
        i = nul + 21
    return v


def tree_bytes(entries):
    return b"".join(m + b" " + n + b"\0" + o for m, n, o in entries)


base_tree = git("rev-parse", base_commit.hex() + "^{tree}").strip().decode()


def crafted(name, path, change, commit_edit=None):
    """A commit on the county's tip whose tree differs at folder path (a list
    of names from the root) by change(entries)."""
    p = Pack()
    chain = [bytes.fromhex(base_tree)]
    for part in path:
        ents = parse_tree(git("cat-file", "tree", chain[-1].hex()))
        chain.append([o for m, n, o in ents if n == part][0])
    new = None
    for depth in range(len(path), -1, -1):
        ents = parse_tree(git("cat-file", "tree", chain[depth].hex()))
        if depth == len(path):
            ents = change(ents)
        else:
            ents = [[m, n, new if n == path[depth] else o] for m, n, o in ents]
        new = p.whole(b"tree", tree_bytes(ents))
    ident = ("张三 <%s@%s> 1763600000 +0000" % (E["oa"], E["county_id"])).encode()
    commit = b"tree %s\nparent %s\nauthor %s\ncommitter %s\n\nforged\n" % (
        new.hex().encode(), base_commit.hex().encode(), ident, ident)
    if commit_edit:
        commit = commit_edit(commit)
    c = p.whole(b"commit", sign_commit(commit))
    write(name, bundle(p.bytes(), c.hex().encode()))


root = parse_tree(git("cat-file", "tree", base_tree))
entity_dir = [n for m, n, o in root if n == b"entity"][0]
ent = parse_tree(git("cat-file", "tree", base_tree + ":entity"))
lvl1 = ent[0][1]
lvl2 = parse_tree(git("cat-file", "tree", base_tree + ":entity/" + lvl1.decode()))[0][1]
leaf = [b"entity", lvl1, lvl2]

crafted("tree-control", [b"entity"], lambda e: e)
crafted("tree-unsorted", [], lambda e: e[1:2] + e[:1] + e[2:])
crafted("tree-duplicate", [], lambda e: e[:1] + e)
crafted("tree-zero-padded-mode", [], lambda e: [[b"040000", n, o] for m, n, o in e])
crafted("tree-mode-100664", leaf, lambda e: [[b"100664", n, o] for m, n, o in e])
crafted("tree-mode-100755", leaf, lambda e: [[b"100755", n, o] for m, n, o in e])
crafted("tree-symlink", leaf, lambda e: [[b"120000", n, o] for m, n, o in e])
crafted("tree-gitlink", [], lambda e: e + [[b"160000", b"zz", b"\1" * 20]])
crafted("tree-dotgit", [], lambda e: [[b"40000", b".git", e[0][2]]] + e)
crafted("tree-dotdot", [], lambda e: [[b"40000", b"..", e[0][2]]] + e)
crafted("tree-slash", [], lambda e: e + [[b"40000", b"zz/y", e[0][2]]])
crafted("tree-null-oid", [], lambda e: e + [[b"40000", b"zz", b"\0" * 20]])
crafted("tree-file-and-folder", [], lambda e: sorted(
    e + [[b"100644", e[0][1], parse_tree(git("cat-file", "tree", base_tree + ":entity/" + lvl1.decode() + "/" + lvl2.decode()))[0][2]]],
    key=lambda x: x[1] + (b"/" if x[0] == b"40000" else b"")))
crafted("commit-no-email", [], lambda e: e,
        lambda c: c.replace(b"author \xe5\xbc\xa0\xe4\xb8\x89 <", b"author \xe5\xbc\xa0\xe4\xb8\x89 ").replace(b"> 1763600000 +0000\ncommitter", b" 1763600000 +0000\ncommitter", 1))
crafted("commit-nul-header", [], lambda e: e, lambda c: c.replace(b"\nauthor ", b"\nx \0\nauthor ", 1))
crafted("commit-bad-date", [], lambda e: e, lambda c: c.replace(b" 1763600000 +0000\ncommitter", b" 01763600000 +0000\ncommitter", 1))

# ---- 5. an enrollment whose grid branch names a commit it does not carry ----
enroll_head = enroll[:enroll.index(b"\n\n")]
write("enroll-missing-tip", enroll.replace(enroll_tip.encode() + b" refs/heads/grid/G01",
                                           b"%040x refs/heads/grid/G01" % 0xfeed, 1))

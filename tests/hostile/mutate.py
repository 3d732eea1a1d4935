#!/usr/bin/env python3
"""Seeded mutation test of the bundle reader (tests/cli/sync-mutate.sh).

usage: mutate.py WANGGE WORKSPACE GOOD.bundle OUT-DIR SEED COUNT

Makes COUNT mutants of a good bundle the workspace has not imported yet (byte
flips, flips with the pack checksum made right again, cut-offs, objects
rewritten and deflated again, header lines changed, bytes inserted or
removed), imports each, and checks every one: exit 2, one clear message in
Chinese on stderr with no raw control character, and the workspace byte for
byte as before. Prints PASS or FAIL per kind of mutant, and # diagnostics."""
import hashlib
import os
import random
import re
import struct
import subprocess
import sys
import zlib

wangge, ws, good_path, out, seed, count = sys.argv[1:7]
seed, count = int(seed), int(count)
rnd = random.Random(seed)
good = open(good_path, "rb").read()
hend = good.index(b"\n\n") + 2
head, pack = good[:hend], good[hend:]


def snapshot():
    h = hashlib.sha256()
    for root, dirs, files in sorted(os.walk(ws)):
        dirs.sort()
        for f in sorted(files):
            if f == "lock" or f.endswith("-shm"):
                continue
            p = os.path.join(root, f)
            h.update(p.encode() + b"\0" + open(p, "rb").read())
    return h.hexdigest()


# ---- the pack's objects, to rewrite one ----
def parse_pack(p):
    n = struct.unpack(">I", p[8:12])[0]
    objs, off = [], 12
    for _ in range(n):
        start = off
        c = p[off]
        t = (c >> 4) & 7
        off += 1
        while c & 0x80:
            c = p[off]
            off += 1
        hdr_end = off
        if t == 6:
            while p[off] & 0x80:
                off += 1
            off += 1
        elif t == 7:
            off += 20
        d = zlib.decompressobj()
        data = d.decompress(p[off:])
        used = len(p[off:]) - len(d.unused_data)
        objs.append((start, off, off + used, t, data))
        off += used
    return objs


def size_header(t, size):
    b = [(t << 4) | (size & 15)]
    size >>= 4
    while size:
        b[-1] |= 0x80
        b.append(size & 0x7F)
        size >>= 7
    return bytes(b)


def fix_sum(p):
    return p[:-20] + hashlib.sha1(p[:-20]).digest()


objs = parse_pack(pack)

# header bytes a flip may leave valid: the version digit (v2 -> v3 is a
# bundle too) and the file names prerequisite comments carry
benign = {head.index(b"2 git bundle")}
for m in re.finditer(rb"\n-[0-9a-f]{40} ([^\n]*)", head):
    benign.update(range(m.start(1), m.end(1)))


def m_flip():
    b = bytearray(good)
    while True:
        i = rnd.randrange(len(b))
        if i not in benign:
            break
    b[i] ^= rnd.randrange(1, 256)
    return bytes(b)


def m_flip_fixsum():
    b = bytearray(pack)
    b[rnd.randrange(12, len(b) - 20)] ^= rnd.randrange(1, 256)
    return head + fix_sum(bytes(b))


def m_truncate():
    return good[:rnd.randrange(len(good))]


def m_rewrite():
    start, zoff, zend, t, data = objs[rnd.randrange(len(objs))]
    d = bytearray(data)
    how = rnd.randrange(4)
    if how == 0 and d:
        d[rnd.randrange(len(d))] ^= rnd.randrange(1, 256)
    elif how == 1 and d:
        del d[rnd.randrange(len(d))]
    elif how == 2:
        d.insert(rnd.randrange(len(d) + 1), rnd.randrange(256))
    else:
        d = d[:rnd.randrange(len(d))]
    if bytes(d) == data:  # deflated again, the same object: still a good bundle
        d = bytearray(data) + b"x"
    # the object's size header follows the new data, or keeps the old size
    keep = rnd.random() < 0.3
    hdr = size_header(t, len(data) if keep else len(d))
    hlen = 1
    while pack[start + hlen - 1] & 0x80:
        hlen += 1
    body = pack[:start] + hdr + pack[start + hlen:zoff] + zlib.compress(bytes(d)) + pack[zend:]
    return head + fix_sum(body)


def m_header():
    lines = head[:-2].split(b"\n")
    how = rnd.randrange(7)
    i = rnd.randrange(1, len(lines))
    l = lines[i]
    if how == 0:  # another object id
        p = 1 if l.startswith(b"-") else 0
        lines[i] = l[:p] + ("%040x" % rnd.getrandbits(160)).encode() + l[p + 40:]
    elif how == 1:  # a byte of the ref name or id replaced by anything
        # not in a prerequisite's comment, which may say anything
        j = rnd.randrange(1, 41) if l.startswith(b"-") else rnd.randrange(len(l))
        lines[i] = l[:j] + bytes([rnd.choice(b"\0\x01\x1b ~^:?*[\\@{.\x7f\xff/" + bytes(range(0x80, 0x90)))]) + l[j + 1:]
    elif how == 2:  # a line twice
        lines.insert(i, l)
    elif how == 3:  # the branch's line gone (a prerequisite or HEAD less is still good)
        lines = [x for x in lines if not x.endswith(b" refs/heads/grid/G01")]
    elif how == 4:  # junk
        lines.insert(i, bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 80))))
    elif how == 5:  # a capability out of place, or unknown
        lines.insert(i, rnd.choice([b"@object-format=sha256", b"@filter=blob:none", b"@object-format=sha1"]))
    else:  # the ref moved outside the grid
        lines[i] = l[:41] + rnd.choice([b"refs/heads/common", b"refs/tags/x", b"refs/heads/grid/G99",
                                        b"HEAD", b"refs/heads/grid/G01/x", b"refs/enroll/x"])
    return b"\n".join(lines) + b"\n\n" + pack


def m_splice():
    b = bytearray(good)
    i = rnd.randrange(hend, len(b))
    if rnd.random() < 0.5:
        del b[i:i + rnd.randrange(1, 64)]
    else:
        b[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 64)))
    return bytes(b)


def objects_of(p):
    return [(t, d) for _, _, _, t, d in parse_pack(p)]


good_objects = objects_of(pack)


def equivalent(data):
    if data == good:
        return True
    if not data.startswith(head) or len(data) < len(head) + 32:
        return False
    p = data[len(head):]
    if hashlib.sha1(p[:-20]).digest() != p[-20:] or p[:12] != pack[:12]:
        return False
    try:
        return objects_of(p) == good_objects
    except Exception:
        return False


kinds = [("flip", m_flip, 0.27), ("flip-fixsum", m_flip_fixsum, 0.23), ("truncate", m_truncate, 0.09),
         ("rewrite", m_rewrite, 0.18), ("header", m_header, 0.14), ("splice", m_splice, 0.09)]
env = dict(os.environ, LC_ALL="zh_CN.UTF-8", LANGUAGE="")
before = snapshot()
stats = {k: [0, []] for k, _, _ in kinds}
cjk = re.compile("[\u4e00-\u9fff]")
path = os.path.join(out, "mutant.bundle")
for n in range(count):
    r, acc = rnd.random(), 0.0
    for name, fn, share in kinds:
        acc += share
        if r < acc:
            break
    # a mutant that still says the same (a stored deflate block ignores the
    # rest of its header byte, say) is a good bundle: make another
    for _ in range(100):
        data = fn()
        if not equivalent(data):
            break
    with open(path, "wb") as f:
        f.write(data)
    p = subprocess.run([wangge, "-C", ws, "import", path], env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    err = p.stderr.decode("utf-8", "replace")
    why = None
    if p.returncode != 2:
        why = "exit %d" % p.returncode
    elif not err.startswith("wangge: ") or err.count("\n") != 1:
        why = "not one message: %r" % err
    elif not cjk.search(err):
        why = "not in Chinese: %r" % err
    elif re.search("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]", err):
        why = "a raw control character: %r" % err
    elif snapshot() != before:
        why = "the workspace changed"
    stats[name][0] += 1
    if why:
        keep = os.path.join(out, "failed-%d-%s.bundle" % (n, name))
        os.rename(path, keep)
        if os.environ.get("WANGGE_MUTATE_KEEP"):  # to look at them after the test
            import shutil
            shutil.copy(keep, os.environ["WANGGE_MUTATE_KEEP"])
            shutil.copy(good_path, os.environ["WANGGE_MUTATE_KEEP"])
        stats[name][1].append("case %d: %s (%s)" % (n, why, keep))
        before = snapshot()
for name, _, _ in kinds:
    made, bad = stats[name]
    print("%s %d %s mutants of seed %d: exit 2, one Chinese message, workspace unchanged"
          % ("FAIL" if bad else "PASS", made, name, seed))
    for b in bad[:10]:
        print("# " + b)
print("# %d cases" % sum(v[0] for v in stats.values()))

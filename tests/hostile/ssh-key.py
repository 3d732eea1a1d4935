#!/usr/bin/env python3
"""Write a workspace's signing key as an OpenSSH private key file, so that
stock git (gpg.format=ssh) and ssh-keygen can sign with it in tests: the
hostile bundles are made as an officer would make them by hand, signed with
the officer's own key.

usage: ssh-key.py WORKSPACE/signing.key PUBLIC-KEY-FILE OUT"""
import base64
import os
import struct
import sys

seed_file, pub_file, out = sys.argv[1:4]
lines = open(seed_file, "rb").read().split(b"\n")
assert lines[0] == b"wangge ed25519 seed v1"
seed = base64.b64decode(lines[1])
blob = base64.b64decode(open(pub_file).read().split()[1])
pk = blob[-32:]


def s(b):
    return struct.pack(">I", len(b)) + b


check = os.urandom(4)
priv = check + check + s(b"ssh-ed25519") + s(pk) + s(seed + pk) + s(b"wangge test")
pad = 1
while len(priv) % 8:
    priv += bytes([pad])
    pad += 1
body = (b"openssh-key-v1\0" + s(b"none") + s(b"none") + s(b"") + struct.pack(">I", 1) +
        s(blob) + s(priv))
text = base64.b64encode(body).decode()
with open(out, "w") as f:
    os.chmod(out, 0o600)
    f.write("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    for i in range(0, len(text), 70):
        f.write(text[i:i + 70] + "\n")
    f.write("-----END OPENSSH PRIVATE KEY-----\n")

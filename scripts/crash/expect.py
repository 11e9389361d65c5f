#!/usr/bin/env python3
"""expect.py -- what a crash state must contain, from crashwriter's output.

crashwriter (user/crashwriter.c) prints `CRASHWRITER op ...` before each
change and a durability line (fsynced, renamed, unlinked, dirsynced,
rmdired, rawsynced) after the fsyncs that make one durable; each durability
line also moves the marker (last 512 bytes of the disk: `CRASHMARK K`).

A crash state whose marker says K keeps promises 1..K. Anything the writer
did after promise K -- or at all, for operations it never promised -- may or
may not be in the image, in any combination, so each path gets a set of
acceptable outcomes:

  E(size, crc)   exactly this content           (fsynced / renamed)
  P(size, crc)   at least size bytes, that prefix (an append after E)
  A              absent                          (unlink / rename away)
  D              a directory                     (mkdir)
  ANY            unknown                         (new unpromised content)

Walking the output in order: a durability line with number <= K replaces
the path's set by its promise; any `op` line (before or after K) adds the
outcomes the operation may produce; durability lines after K add nothing
(their operations' `op` lines already did). A path is checked when its set
has no ANY and it was promised at least once up to K.

Interface:
  parse_marker(image_bytes) -> K or None
  expectations(lines, k) -> {path: frozenset of outcomes}
  format_expectations(exp, root, k) -> str  (crashcheck's text, docs/crash.md)
  check_outcome(kind_size_crc_of_path, outcomes) -> bool
  raw_expectations(lines, k) -> [(offset, len, crc)]  (raw mode)
"""

import re
import zlib

MARK_RE = re.compile(rb"^CRASHMARK (\d+)\n")
LINE_RE = re.compile(r"CRASHWRITER (\w+) ?(.*?)\r?$")
DURABLE = ("fsynced", "renamed", "unlinked", "dirsynced", "rmdired", "rawsynced")
ANY = ("ANY",)
ABSENT = ("A",)
DIR = ("D",)


def parse_marker(image):
    """The marker count in the last 512 bytes of a disk image (bytes), or None."""
    m = MARK_RE.match(bytes(image[-512:]))
    return int(m.group(1)) if m else None


def writer_lines(text):
    """(word, args) of every CRASHWRITER line in console text, in order."""
    out = []
    for raw in text.splitlines():
        i = raw.find("CRASHWRITER ")
        if i < 0:
            continue
        m = LINE_RE.match(raw[i:].rstrip("\r"))
        if m:
            out.append((m.group(1), m.group(2).split()))
    return out


def _promote(outcomes):
    """What an append may turn each outcome into (plus the outcome itself)."""
    new = set(outcomes)
    for o in outcomes:
        if o[0] in ("E", "P"):
            new.add(("P", o[1], o[2]))
    return new


def _op(exp, args):
    if len(args) < 2:
        raise ValueError("an op line without its path (the console was cut): %r" % (args,))
    op, a = args[0], args[1]
    cur = exp.setdefault(a, {ABSENT})
    if op == "create":
        cur.add(ANY)
    elif op == "append":
        exp[a] = _promote(cur)
    elif op == "rename":
        b = args[2]
        exp.setdefault(b, {ABSENT}).update(cur)
        cur.add(ABSENT)
    elif op in ("unlink", "rmdir"):
        cur.add(ABSENT)
    elif op == "mkdir":
        cur.add(DIR)
    else:
        raise ValueError("unknown op %r" % op)


def _promise(exp, word, args, promised):
    if word == "fsynced":
        exp[args[0]] = {("E", int(args[1]), int(args[2]))}
        promised.add(args[0])
    elif word == "renamed":
        exp[args[1]] = {("E", int(args[2]), int(args[3]))}
        exp[args[0]] = {ABSENT}
        promised.update(args[:2])
    elif word in ("unlinked", "rmdired"):
        exp[args[0]] = {ABSENT}
        promised.add(args[0])
    elif word == "dirsynced":
        exp[args[0]] = {DIR}
        promised.add(args[0])


def expectations(lines, k):
    """{path: frozenset(outcomes)} for a crash state keeping promises 1..k.
    `lines`: writer_lines() output."""
    exp, promised, n = {}, set(), 0
    for word, args in lines:
        if word == "op":
            _op(exp, args)
        elif word in DURABLE:
            n += 1
            if n <= k:
                _promise(exp, word, args, promised)
    return {p: frozenset(o) for p, o in exp.items() if p in promised and ANY not in o}


def durable_count(lines):
    return sum(1 for w, _ in lines if w in DURABLE)


def _token(o):
    return o[0] if len(o) == 1 else "%s:%d:%d" % o


def format_expectations(exp, root, k):
    """crashcheck's input text (user/crashcheck.c)."""
    out = ["CRASHEXPECT v1 root=%s marker=%d" % (root, k)]
    for path in sorted(exp):
        out.append(path + " " + " ".join(sorted(_token(o) for o in exp[path])))
    out.append("END")
    return "\n".join(out) + "\n"


def check_outcome(found, outcomes):
    """found: ("A",) | ("D",) | ("F", data bytes). True if one outcome fits."""
    for o in outcomes:
        if o[0] in ("A", "D") and found[0] == o[0]:
            return True
        if o[0] in ("E", "P") and found[0] == "F":
            data = found[1]
            size_ok = len(data) == o[1] if o[0] == "E" else len(data) >= o[1]
            if size_ok and zlib.crc32(data[:o[1]]) == o[2]:
                return True
    return False


def describe(found):
    if found[0] == "F":
        return "file of %d bytes, crc %d" % (len(found[1]), zlib.crc32(found[1]))
    return {"A": "absent", "D": "a directory"}.get(found[0], str(found))


def raw_expectations(lines, k):
    """Raw mode: the regions (offset, len, crc) promised by lines 1..k."""
    out, n = [], 0
    for word, args in lines:
        if word in DURABLE:
            n += 1
            if n <= k and word == "rawsynced":
                out.append(tuple(int(x) for x in args))
    return out

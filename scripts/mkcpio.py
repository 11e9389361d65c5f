#!/usr/bin/env python3
"""Build a cpio "newc" archive (an initramfs) from a list file or a tree.

    mkcpio.py -o OUT.cpio [-D NAME=VALUE ...] LIST
    mkcpio.py -o OUT.cpio --dir TREE
    mkcpio.py --stage DIR [--shebang-prefix PREFIX] [-D ...] LIST
    mkcpio.py --check ARCHIVE [-D ...] LIST

LIST has one entry per line (blank lines and '#' comments are ignored);
${NAME} in a line is replaced by the value given with -D NAME=VALUE:

    dir    /bin            0755
    file   /bin/usertests  0755  ${UB}/usertests
    slink  /bin/link       0777  target
    files  /bin            0755  ${UB}/bin     (every regular file in it)

Parent directories that the list does not name are added with mode 0755.
--dir packs a directory tree instead (dirs, regular files and symlinks, with
their permission bits).

The archive is deterministic: entries sorted by path (a directory before
what it holds), inode numbers in that order, uid/gid 0, and every mtime
fixed (--mtime, default 0), so the same inputs give the same bytes.

--stage writes the same entries into a directory instead, for running the
programs on the host (tests/run.py's usertests/host job); with
--shebang-prefix, a file starting with "#!/" gets PREFIX in front of its
interpreter path, so "#!/bin/echoargs" runs PREFIX/bin/echoargs.

--check reads ARCHIVE back and compares it with the list: the same paths,
kinds and modes, file bytes equal to their sources, symlink targets.

Python standard library only.
"""

import argparse
import os
import re
import shutil
import stat
import sys

TRAILER = "TRAILER!!!"


class Entry:
    def __init__(self, path, kind, mode, source=None, target=None):
        self.path = path          # absolute, normalized, "/" for the root
        self.kind = kind          # "dir", "file", "slink"
        self.mode = mode          # permission bits (incl. setuid/sticky)
        self.source = source      # file: where the bytes come from
        self.target = target      # slink: what it points at

    def sort_key(self):
        return [p for p in self.path.split("/") if p]


def fail(msg):
    sys.stderr.write("mkcpio: %s\n" % msg)
    sys.exit(1)


def norm(path, where):
    if not path.startswith("/"):
        fail("%s: path %r is not absolute" % (where, path))
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") for p in parts):
        fail("%s: path %r has . or .." % (where, path))
    return "/" + "/".join(parts)


def expand(line, defs, where):
    def sub(m):
        if m.group(1) not in defs:
            fail("%s: ${%s} is not defined (use -D %s=...)" % (where, m.group(1), m.group(1)))
        return defs[m.group(1)]
    return re.sub(r"\$\{(\w+)\}", sub, line)


def parse_list(path, defs):
    entries = []
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            where = "%s:%d" % (path, n)
            line = expand(raw.split("#", 1)[0].strip(), defs, where)
            if not line:
                continue
            w = line.split()
            if w[0] == "dir" and len(w) == 3:
                entries.append(Entry(norm(w[1], where), "dir", int(w[2], 8)))
            elif w[0] == "file" and len(w) == 4:
                if not os.path.isfile(w[3]):
                    fail("%s: %s is not a file" % (where, w[3]))
                entries.append(Entry(norm(w[1], where), "file", int(w[2], 8), source=w[3]))
            elif w[0] == "slink" and len(w) == 4:
                entries.append(Entry(norm(w[1], where), "slink", int(w[2], 8), target=w[3]))
            elif w[0] == "files" and len(w) == 4:
                if not os.path.isdir(w[3]):
                    fail("%s: %s is not a directory" % (where, w[3]))
                for name in sorted(os.listdir(w[3])):
                    src = os.path.join(w[3], name)
                    if os.path.isfile(src) and not os.path.islink(src):
                        entries.append(Entry(norm(w[1] + "/" + name, where), "file",
                                             int(w[2], 8), source=src))
            else:
                fail("%s: cannot parse %r" % (where, raw.rstrip("\n")))
    return entries


def scan_tree(top):
    entries = []
    for dirpath, dirnames, filenames in os.walk(top):
        rel = os.path.relpath(dirpath, top)
        base = "/" if rel == "." else "/" + rel
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            path = norm(os.path.join(base, name), top)
            st = os.lstat(full)
            perm = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                entries.append(Entry(path, "slink", 0o777, target=os.readlink(full)))
            elif stat.S_ISDIR(st.st_mode):
                entries.append(Entry(path, "dir", perm))
            elif stat.S_ISREG(st.st_mode):
                entries.append(Entry(path, "file", perm, source=full))
            else:
                fail("%s: not a directory, regular file or symlink" % full)
    return entries


def complete(entries):
    """Check for duplicates, add missing parent directories, sort."""
    by_path = {}
    for e in entries:
        if e.path == "/":
            continue
        if e.path in by_path:
            fail("%s is listed twice" % e.path)
        by_path[e.path] = e
    for path in list(by_path):
        parent = os.path.dirname(path)
        while parent != "/":
            if parent not in by_path:
                by_path[parent] = Entry(parent, "dir", 0o755)
            elif by_path[parent].kind != "dir":
                fail("%s is under %s, which is not a directory" % (path, parent))
            parent = os.path.dirname(parent)
    return sorted(by_path.values(), key=Entry.sort_key)


def header(ino, mode, nlink, mtime, size, name):
    namesize = len(name) + 1
    fields = [ino, mode, 0, 0, nlink, mtime, size, 0, 0, 0, 0, namesize, 0]
    hdr = "070701" + "".join("%08X" % v for v in fields)
    data = hdr.encode("ascii") + name + b"\0"
    return data + b"\0" * (-len(data) % 4)


def cpio_bytes(entries, mtime):
    out = bytearray()
    ino = 1
    for e in entries:
        name = e.path.lstrip("/").encode()
        if e.kind == "dir":
            body, mode, nlink = b"", stat.S_IFDIR | e.mode, 2
        elif e.kind == "file":
            with open(e.source, "rb") as f:
                body = f.read()
            mode, nlink = stat.S_IFREG | e.mode, 1
        else:
            body, mode, nlink = e.target.encode(), stat.S_IFLNK | e.mode, 1
        out += header(ino, mode, nlink, mtime, len(body), name)
        out += body + b"\0" * (-len(body) % 4)
        ino += 1
    out += header(0, 0, 1, 0, 0, TRAILER.encode())
    out += b"\0" * (-len(out) % 512)
    return bytes(out)


def read_cpio(path):
    """The entries of a newc archive: {path: (mode, bytes)}, trailer excluded."""
    with open(path, "rb") as f:
        data = f.read()
    out, pos = {}, 0
    while True:
        if data[pos:pos + 6] != b"070701":
            fail("%s: bad header magic at offset %d" % (path, pos))
        fields = [int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16) for i in range(13)]
        mode, size, namesize = fields[1], fields[6], fields[11]
        name_at = pos + 110
        name = data[name_at:name_at + namesize - 1].decode()
        body_at = name_at + namesize + (-(110 + namesize) % 4)
        body = data[body_at:body_at + size]
        pos = body_at + size + (-size % 4)
        if name == TRAILER:
            return out
        out["/" + name] = (mode, body)


def check(entries, archive):
    """Errors: how the archive differs from the entries (empty: none)."""
    got = read_cpio(archive)
    errors = []
    for e in entries:
        if e.path not in got:
            errors.append("%s missing" % e.path)
            continue
        mode, body = got.pop(e.path)
        kind = {stat.S_IFDIR: "dir", stat.S_IFREG: "file", stat.S_IFLNK: "slink"}.get(
            stat.S_IFMT(mode), "other")
        if kind != e.kind or stat.S_IMODE(mode) != e.mode:
            errors.append("%s is %s %o, expected %s %o" % (e.path, kind, stat.S_IMODE(mode),
                                                          e.kind, e.mode))
        elif kind == "file":
            with open(e.source, "rb") as f:
                if f.read() != body:
                    errors.append("%s differs from %s" % (e.path, e.source))
        elif kind == "slink" and body.decode() != e.target:
            errors.append("%s points at %r, expected %r" % (e.path, body.decode(), e.target))
    errors += ["%s is not in the list" % p for p in sorted(got)]
    return errors


def stage(entries, top, prefix, mtime):
    """Materialize the entries under top (which is emptied first)."""
    if os.path.isdir(top):
        shutil.rmtree(top)
    os.makedirs(top)
    for e in entries:
        dest = os.path.join(top, e.path.lstrip("/"))
        if e.kind == "dir":
            os.makedirs(dest, exist_ok=True)
        elif e.kind == "slink":
            os.symlink(e.target, dest)
            continue
        else:
            with open(e.source, "rb") as f:
                body = f.read()
            if prefix and body.startswith(b"#!/"):
                body = b"#!" + prefix.rstrip("/").encode() + body[2:]
            with open(dest, "wb") as f:
                f.write(body)
        os.utime(dest, (mtime, mtime))
    # Modes last, so that a read-only directory can still be filled.
    for e in reversed(entries):
        if e.kind != "slink":
            os.chmod(os.path.join(top, e.path.lstrip("/")), e.mode)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("list", nargs="?", help="the list file")
    ap.add_argument("-o", "--output", help="the cpio archive to write")
    ap.add_argument("--dir", help="pack this directory tree instead of a list")
    ap.add_argument("--stage", metavar="DIR", help="write the entries into DIR instead")
    ap.add_argument("--shebang-prefix", default="", metavar="PREFIX",
                    help="with --stage: put PREFIX before '#!/' interpreter paths")
    ap.add_argument("--check", metavar="ARCHIVE",
                    help="compare ARCHIVE with the list instead (exit 1 if it differs)")
    ap.add_argument("-D", dest="defs", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--mtime", type=int, default=0, help="mtime of every entry (default 0)")
    args = ap.parse_args(argv)

    defs = {}
    for d in args.defs:
        name, eq, value = d.partition("=")
        if not eq:
            fail("-D %s: expected NAME=VALUE" % d)
        defs[name] = value
    if bool(args.list) == bool(args.dir):
        fail("give either a list file or --dir")
    if (args.output, args.stage, args.check).count(None) != 2:
        fail("give one of -o OUT, --stage DIR, --check ARCHIVE")
    entries = complete(parse_list(args.list, defs) if args.list else scan_tree(args.dir))
    if args.check:
        errors = check(entries, args.check)
        for err in errors:
            sys.stderr.write("mkcpio: %s: %s\n" % (args.check, err))
        return 1 if errors else 0
    if args.stage:
        stage(entries, args.stage, args.shebang_prefix, args.mtime)
        return 0
    data = cpio_bytes(entries, args.mtime)
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

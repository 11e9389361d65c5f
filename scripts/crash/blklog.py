#!/usr/bin/env python3
"""blklog.py -- read, write and replay dm-log-writes logs (QEMU's blklogwrites).

The format (QEMU 7.2 block/blklogwrites.c, the same as Linux's
dm-log-writes; every field little-endian, S = the log sector size, 512 by
default, `log-sector-size=` on the -blockdev):

  log sector 0      super: u64 magic 0x6a736677736872, u64 version 1,
                    u64 nr_entries, u32 sectorsize (S), zero padding to S
  then, per entry   one sector: u64 sector, u64 nr_sectors, u64 flags,
                    u64 data_len (always 0 from QEMU), zero padding to S;
                    then nr_sectors * S bytes of data -- except DISCARD
                    entries, which carry none. `sector`/`nr_sectors` count
                    S-byte units of the guest disk.
  flags             FLUSH 1, FUA 2, DISCARD 4, MARK 8 (QEMU writes FLUSH
                    entries with nr_sectors 0, plain writes with flags 0;
                    a write-zeroes request is logged as a write of zeros)

QEMU rewrites the super (nr_entries) only when it logs a FLUSH, so after a
kill the super lags: parse() goes on past nr_entries while the entries look
sane (known flags, data inside the file, not an all-zero header) and marks
those `tail` entries.

Interface:
  parse(path_or_bytes) -> Log          (entries, sectorsize, nr_super)
  LogWriter(path, sectorsize)          .write(sector, data) .flush() .discard()
                                       .close(): a log in the same format
  apply(image_bytearray, entries)      entries onto an image in place
  crash_states(log, max_flush, n_between, seed)
                                       -> [CrashState(name, entries)]
  replay(start_image, log, state, out) the state's image written to `out`

CLI:  blklog.py dump LOG
      blklog.py states LOG [--max-flush N] [--between N] [--seed S]
      blklog.py replay START LOG STATE OUT      (STATE: a name `states` printed)
"""

import argparse
import random
import struct
import sys

MAGIC = 0x6a736677736872
VERSION = 1
FLUSH, FUA, DISCARD, MARK = 1, 2, 4, 8
FLAG_MASK = FLUSH | FUA | DISCARD | MARK
SUPER = struct.Struct("<QQQI")
ENTRY = struct.Struct("<QQQQ")


class LogError(Exception):
    pass


class Entry:
    """One logged request: `index` in the log, guest `sector` and
    `nr_sectors` (in log-sector units), `flags`, `data` (bytes, empty for
    flushes and discards), `tail` (past the super's nr_entries)."""

    def __init__(self, index, sector, nr_sectors, flags, data, tail=False):
        self.index, self.sector, self.nr_sectors = index, sector, nr_sectors
        self.flags, self.data, self.tail = flags, data, tail

    def is_flush(self):
        return bool(self.flags & FLUSH)

    def __repr__(self):
        names = [n for b, n in ((FLUSH, "FLUSH"), (FUA, "FUA"), (DISCARD, "DISCARD"),
                                (MARK, "MARK")) if self.flags & b]
        return "#%d %s sector=%d n=%d%s" % (self.index, "|".join(names) or "WRITE",
                                            self.sector, self.nr_sectors,
                                            " (tail)" if self.tail else "")


class Log:
    def __init__(self, sectorsize, nr_super, entries):
        self.sectorsize, self.nr_super, self.entries = sectorsize, nr_super, entries

    def flush_indices(self):
        return [e.index for e in self.entries if e.is_flush()]


def _read_entry(buf, off, ss, index, tail):
    """The entry at byte offset `off`, and the offset after it; None at the end."""
    if off + ss > len(buf):
        return None
    sector, nr, flags, _dlen = ENTRY.unpack_from(buf, off)
    if flags & ~FLAG_MASK:
        if tail:
            return None
        raise LogError("entry %d: bad flags 0x%x" % (index, flags))
    if tail and sector == 0 and nr == 0 and flags == 0:
        return None                      # zeros after the last entry
    off += ss
    data = b""
    if not flags & DISCARD:
        end = off + nr * ss
        if end > len(buf):
            if tail:
                return None
            raise LogError("entry %d: data runs past the end of the log" % index)
        data = bytes(buf[off:end])
        off = end
    return Entry(index, sector, nr, flags, data, tail), off


def parse(src):
    """Parse a log file (path) or its bytes. Raises LogError on a bad super
    or a counted entry that does not fit."""
    if isinstance(src, (bytes, bytearray)):
        buf = src
    else:
        with open(src, "rb") as f:
            buf = f.read()
    if len(buf) < SUPER.size:
        raise LogError("log too short for a super block")
    magic, version, nr, ss = SUPER.unpack_from(buf, 0)
    if magic != MAGIC:
        raise LogError("bad magic 0x%x" % magic)
    if version != VERSION:
        raise LogError("unsupported version %d" % version)
    if ss < ENTRY.size or ss & (ss - 1):
        raise LogError("bad sector size %d" % ss)
    entries, off, i = [], ss, 0
    while True:
        tail = i >= nr
        got = _read_entry(buf, off, ss, i, tail)
        if got is None:
            if not tail:
                raise LogError("log ends before entry %d of %d" % (i, nr))
            break
        entry, off = got
        entries.append(entry)
        i += 1
    return Log(ss, nr, entries)


class LogWriter:
    """Writes a log in QEMU's layout (for tests and synthetic logs)."""

    def __init__(self, path, sectorsize=512):
        self.f = open(path, "wb")
        self.ss = sectorsize
        self.nr = 0
        self.f.write(b"\0" * sectorsize)
        self._super()

    def _super(self):
        pos = self.f.tell()
        self.f.seek(0)
        self.f.write(SUPER.pack(MAGIC, VERSION, self.nr, self.ss))
        self.f.seek(pos)

    def _entry(self, sector, nr, flags, data=b""):
        hdr = ENTRY.pack(sector, nr, flags, 0)
        self.f.write(hdr + b"\0" * (self.ss - len(hdr)) + data)
        self.nr += 1

    def write(self, sector, data, flags=0):
        if len(data) % self.ss or not data:
            raise ValueError("write of %d bytes is not whole sectors" % len(data))
        self._entry(sector, len(data) // self.ss, flags, data)

    def discard(self, sector, nr):
        self._entry(sector, nr, DISCARD)

    def flush(self, update_super=True):
        self._entry(0, 0, FLUSH)
        if update_super:                 # as QEMU: the super follows flushes only
            self._super()

    def close(self):
        self.f.close()


def apply(image, entries, sectorsize):
    """Apply writes (and discards, as zeros) to `image` (a bytearray) in order."""
    for e in entries:
        if e.flags & MARK or e.is_flush() and not e.nr_sectors:
            continue
        start = e.sector * sectorsize
        n = e.nr_sectors * sectorsize
        if start + n > len(image):
            raise LogError("entry %d writes past the image end (%d > %d)"
                           % (e.index, start + n, len(image)))
        image[start:start + n] = e.data if not e.flags & DISCARD else bytes(n)


class CrashState:
    """A crash state: `name` (stable, e.g. "flush-0012", "between-0012-s3")
    and the list of entries to apply to the start image, in order."""

    def __init__(self, name, entries, durable_upto):
        self.name, self.entries, self.durable_upto = name, entries, durable_upto


def _spread(items, n):
    """At most n items of the list, evenly spread, always the last one."""
    if len(items) <= n:
        return list(items)
    if n <= 1:
        return items[-1:]
    step = (len(items) - 1) / (n - 1)
    return [items[round(i * step)] for i in range(n)]


def crash_states(log, max_flush=16, n_between=8, seed=1):
    """The crash states to check, deterministic for (log, arguments):
      flush-NNNN          everything up to and including flush entry NNNN
                          (at most max_flush of them, evenly spread, the last
                          flush always included), and the whole log ("end")
      between-NNNN-sS     everything up to the flush NNNN before the cut, then
                          a random subset, in a random order, of the writes
                          logged after it and before a random cut point
                          (n_between states, seed S each)
    """
    entries = log.entries
    flushes = [e.index for e in entries if e.is_flush()]
    states = []
    for fi in _spread(flushes, max_flush):
        states.append(CrashState("flush-%04d" % fi, entries[:fi + 1], fi))
    if entries and (not flushes or flushes[-1] != entries[-1].index):
        states.append(CrashState("end", entries, flushes[-1] if flushes else -1))
    rng = random.Random(seed)
    bounds = [-1] + flushes
    windows = []                          # (last flush, writes after it up to the next)
    for a, b in zip(bounds, bounds[1:] + [len(entries)]):
        win = [e for e in entries[a + 1:b] if not e.is_flush()]
        if win:
            windows.append((a, win))
    for s in range(n_between if windows else 0):
        a, win = rng.choice(windows)
        cut = rng.randint(1, len(win))
        chosen = [e for e in win[:cut] if rng.random() < 0.6]
        rng.shuffle(chosen)
        base = entries[:a + 1]
        states.append(CrashState("between-%04d-s%d" % (a, s), base + chosen, a))
    return states


def replay(start_image, log, state, out_path):
    """Write the image of `state` (a CrashState) to out_path."""
    with open(start_image, "rb") as f:
        image = bytearray(f.read())
    apply(image, state.entries, log.sectorsize)
    with open(out_path, "wb") as f:
        f.write(image)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("log")
    for name in ("states", "replay"):
        p = sub.add_parser(name)
        if name == "replay":
            p.add_argument("start")
        p.add_argument("log")
        if name == "replay":
            p.add_argument("state")
            p.add_argument("out")
        p.add_argument("--max-flush", type=int, default=16)
        p.add_argument("--between", type=int, default=8)
        p.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    log = parse(a.log)
    if a.cmd == "dump":
        print("sectorsize %d, super nr_entries %d, parsed %d"
              % (log.sectorsize, log.nr_super, len(log.entries)))
        for e in log.entries:
            print(e)
        return 0
    states = crash_states(log, a.max_flush, a.between, a.seed)
    if a.cmd == "states":
        for s in states:
            print(s.name, len(s.entries))
        return 0
    for s in states:
        if s.name == a.state:
            replay(a.start, log, s, a.out)
            return 0
    print("no state %s" % a.state, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

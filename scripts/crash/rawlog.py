#!/usr/bin/env python3
"""rawlog.py -- the replayer checked against a real log from a Kestrel boot.

No file system needed: Kestrel boots with an 8 MiB zero disk behind
blklogwrites and runs `crashwriter -R /dev/vda` (seeded regions written
back to back through the block special file, a flush -- fsync, else
BLKFLSBUF -- every few, then `rawsynced OFFSET LEN CRC` lines and the
marker). Then:
  - the log parses, has flushes, and replaying every entry onto the start
    image gives exactly the disk QEMU left behind;
  - in every crash state blklog.crash_states() makes (flush cuts and
    reordered/dropped writes between flushes), the regions promised up to
    the state's marker are all there with their CRCs.

Interface: raw_test(kernel, workdir, seed=1, ops=40) -> [(name, ok, why)]
CLI:       rawlog.py [--seed S] [--ops N]
"""

import argparse
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import blklog  # noqa: E402
import check  # noqa: E402
import expect  # noqa: E402

DISK_MB = 8


def _check_state(image, lines):
    k = expect.parse_marker(image[-512:]) or 0
    for off, length, crc in expect.raw_expectations(lines, k):
        if zlib.crc32(image[off:off + length]) != crc:
            return "region at %d (%d bytes) promised by marker %d is wrong" % (off, length, k)
    return ""


def raw_test(kernel, workdir, seed=1, ops=40):
    wd = Path(workdir)
    wd.mkdir(parents=True, exist_ok=True)
    disk, log_file = wd / "raw.img", wd / "raw.blklog"
    with open(disk, "wb") as f:
        f.truncate(DISK_MB << 20)
    start = bytes(DISK_MB << 20)
    out, status, error = check.boot(
        kernel, [(disk, log_file, False)],
        'init.args="crashwriter -R /dev/vda -s %d -n %d"' % (seed, ops), wd / "raw.console", 60)
    lines = expect.writer_lines(out)
    if error or status != 0 or "CRASHWRITER done" not in out:
        return [("raw/capture", False, error or "status %s, no done line" % status)]
    res = [("raw/capture", True, "")]
    try:
        log = blklog.parse(log_file)
    except blklog.LogError as e:
        return res + [("raw/parse", False, str(e))]
    flushes = len(log.flush_indices())
    synced = expect.durable_count(lines)
    res.append(("raw/parse", flushes > 0 and synced > 0,
                "%d entries, %d flushes, %d promises" % (len(log.entries), flushes, synced)))
    image = bytearray(start)
    blklog.apply(image, log.entries, log.sectorsize)
    res.append(("raw/full-replay", image == disk.read_bytes(),
                "replaying the whole log does not give QEMU's final disk"))
    bad, states = [], blklog.crash_states(log, 32, 16, seed)
    for st in states:
        image = bytearray(start)
        blklog.apply(image, st.entries, log.sectorsize)
        why = _check_state(image, lines)
        if why:
            bad.append("%s: %s" % (st.name, why))
    res.append(("raw/crash-states", not bad, "; ".join(bad[:3]) or
                "%d states" % len(states)))
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ops", type=int, default=40)
    ap.add_argument("--kernel", default=str(check.KERNEL))
    ap.add_argument("--workdir", default=str(check.ROOT / "build" / "crash" / "raw"))
    a = ap.parse_args(argv)
    return check._print(raw_test(a.kernel, a.workdir, a.seed, a.ops))


if __name__ == "__main__":
    sys.exit(main())

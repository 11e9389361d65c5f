#!/usr/bin/env python3
"""kill.py -- the kill crash test: QEMU SIGKILLed while the writer runs.

Per seed: a fresh image (check.make_fs_image), Kestrel boots with it as vda
and runs `crashwriter -M /dev/vda -s SEED -n 0 w` (forever); a seeded
random delay after the writer's start line, the harness SIGKILLs QEMU.
Then the image is checked as a replay crash state is (check.check_guest:
Kestrel mounts it -- replaying the journal --, every promise holds, the
unmount works, `e2fsck -fn` is clean), with every durability line the
console showed before the kill counted as a promise (an fsync that
returned was flushed, and QEMU's writes are in the host's page cache, which
a SIGKILL does not lose), or more if the marker says so.

Interface: kill_test(kernel, workdir, seeds, max_delay=3.0)
               -> (results [(name, ok, why)], skip_reason or None)
CLI:       kill.py [--seeds 1,2,3] [--max-delay SECONDS]
"""

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import check  # noqa: E402
import expect  # noqa: E402


def _cut_mid_line(out, lines):
    """Did the kill cut the console inside a CRASHWRITER line?  An op line
    may have lost its path (the op may have run, on a file we cannot
    name), a promise line its size or crc: either way the crash state
    cannot be judged, so the run is repeated with another delay."""
    text = out.rstrip(" ")
    if lines and lines[-1][0] == "op" and len(lines[-1][1]) < 2:
        return True
    last = text.splitlines()[-1] if text.splitlines() else ""
    return "CRASHWRITER" in last and not text.endswith("\n")


def kill_one(kernel, wd, seed, max_delay):
    img = wd / ("kill-s%d.img" % seed)
    name = "kill-s%d" % seed
    rng = random.Random(seed)
    for attempt in range(3):
        check.make_fs_image(img, 32)
        delay = rng.uniform(0.2, max_delay)
        out, _, error = check.boot(
            kernel, [(img, None, False)],
            'init.args="crashwriter -M /dev/vda -s %d -n 0 %s"' % (seed, check.WRITER_DIR),
            wd / ("kill-s%d.writer.log" % seed), 60, kill_after=delay)
        if check.SKIP_EXT2 in out:
            return None
        if error or "CRASHWRITER error" in out or "Kernel panic" in out:
            bad = [ln for ln in out.splitlines()
                   if "CRASHWRITER error" in ln or "Kernel panic" in ln]
            why = error or (bad[0] if bad else "writer error")
            return [(name + "/writer", False, why.strip())]
        lines = expect.writer_lines(out)
        if not _cut_mid_line(out, lines):
            break
    else:
        return [(name, False, "the kill cut a writer line 3 times: no state to judge")]
    res = check.check_guest(kernel, img, lines, check.WRITER_DIR, wd,
                            wd / (name + ".check.log"), name, expect.durable_count(lines))
    return res or [(name, False, "ext2 vanished")]


def kill_test(kernel, workdir, seeds=(1, 2, 3), max_delay=3.0):
    wd = Path(workdir)
    wd.mkdir(parents=True, exist_ok=True)
    results = []
    for seed in seeds:
        got = kill_one(kernel, wd, seed, max_delay)
        if got is None:
            return [], check.SKIP_EXT2
        results += got
    return results, None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--max-delay", type=float, default=3.0)
    ap.add_argument("--kernel", default=str(check.KERNEL))
    ap.add_argument("--workdir", default=str(check.ROOT / "build" / "crash" / "kill"))
    a = ap.parse_args(argv)
    results, skip = kill_test(a.kernel, a.workdir, [int(s) for s in a.seeds.split(",")],
                              a.max_delay)
    if skip:
        print(skip)
        return 0
    return check._print(results)


if __name__ == "__main__":
    sys.exit(main())

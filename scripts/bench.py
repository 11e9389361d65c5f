#!/usr/bin/env python3
"""Boot Kestrel, run /bin/bench, print its table on the host (`make bench`).

    bench.py --kernel K --image IMG [--cpus N] [--icount] [--args "ARGS"]

The root image is copied first (bench writes its files into it), booted
with root=/dev/vda and init.args="bench ARGS" (init runs bench and powers
off). ARGS default: -d /root, so the file rows measure ext3 on the
virtio disk; "-d /tmp" measures tmpfs instead.

--icount runs QEMU with -icount shift=0 on one TCG thread: guest time then
advances by instructions executed, so the compute-bound rows become exact,
repeatable instruction counts (1 ns per instruction) that catch
regressions to the instruction; rows that wait for a device (the file
rows on a disk, anything that sleeps) mean nothing there and are marked.
Exit status 0 iff every metric printed a row.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from qemu import Qemu, QemuError  # noqa: E402

ROW = re.compile(r"^bench: (.*?) +(\d+(?:\.\d+)?) us  \(min ([\d.]+), max ([\d.]+), (.*)\)\r?$")
NA = re.compile(r"^bench: (.*?) not available \((.*)\)\r?$")
IO_ROWS = ("file ", "ls -l")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--cpus", type=int, default=1)
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--icount", action="store_true")
    ap.add_argument("--args", default="-d /root")
    ap.add_argument("--timeout", type=float, default=1800)
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="kestrel-bench-")
    image = os.path.join(work, "root.img")
    shutil.copyfile(a.image, image)
    extra = ["-global", "virtio-mmio.force-legacy=false",
             "-drive", "file=%s,if=none,format=raw,id=hd0" % image,
             "-device", "virtio-blk-device,drive=hd0"]
    if a.icount:
        extra += ["-icount", "shift=0", "-accel", "tcg,thread=single"]
    q = Qemu(a.kernel, cpus=a.cpus, mem=a.mem,
             bootargs='root=/dev/vda loglevel=4 init.args="bench %s"' % a.args,
             extra_args=extra, log=os.path.join(work, "console.log"))
    try:
        with q:
            q.wait_exit(a.timeout)
    except QemuError as e:
        print("bench: %s (console: %s)" % (e, q.log_path), file=sys.stderr)
        return 1
    rows, missing = [], []
    for ln in q.output.splitlines():
        m = ROW.match(ln)
        if m:
            rows.append(m.groups())
            continue
        m = NA.match(ln)
        if m:
            missing.append(m.groups())
    mode = "icount (instructions: 1 ns each)" if a.icount else "wall clock"
    print("Kestrel bench: %d hart%s, %s, bench %s" % (a.cpus, "" if a.cpus == 1 else "s",
                                                      mode, a.args))
    width = max([len(r[0]) for r in rows + missing] + [10])
    for name, median, lo, hi, runs in rows:
        mark = "  (I/O: meaningless under icount)" if a.icount and name.startswith(IO_ROWS) \
            else ""
        print("%-*s %12s us   min %s  max %s%s" % (width, name, median, lo, hi, mark))
    for name, why in missing:
        print("%-*s %12s      (%s)" % (width, name, "n/a", why))
    shutil.rmtree(work, ignore_errors=True)
    return 0 if rows and "init: bench exited with status 0" in q.output else 1


if __name__ == "__main__":
    sys.exit(main())

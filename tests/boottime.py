#!/usr/bin/env python3
"""Measure boot time (not a test: prints figures, never fails on them).

For each hart count, boots the kernel RUNS times with ktest=none (straight
to the monitor) and reports the median of:
  host:  QEMU start -> the "Kestrel <version>" banner line (wall clock,
         includes QEMU start-up and OpenSBI)
  guest: kernel entry -> all harts online, from the kernel's own
         "boot: kernel entry to all harts online N us" line (time CSR)

    python3 tests/boottime.py [--kernel build/kernel.elf] [--runs 5] [--cpus 1 4]
"""
import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu as qemu_mod  # noqa: E402


def one_boot(kernel, cpus):
    with qemu_mod.Qemu(kernel, cpus=cpus, mem="512M", bootargs="") as q:
        q.expect(r"Kestrel \S+", timeout=60)
        host = time.monotonic() - q.started_at
        m = q.expect(r"kernel entry to all harts online (\d+) us", timeout=30)
        guest = int(m.group(1)) / 1000.0
        q.expect(r"kmon> ", timeout=30)
        q.kill()
    return host * 1000.0, guest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="build/kernel.elf")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cpus", type=int, nargs="+", default=[1, 4])
    args = ap.parse_args()
    print("%-6s %28s %34s" % ("harts", "QEMU start -> banner (ms)",
                              "kernel entry -> all online (ms)"))
    for cpus in args.cpus:
        hosts, guests = [], []
        for _ in range(args.runs):
            h, g = one_boot(args.kernel, cpus)
            hosts.append(h)
            guests.append(g)
        print("%-6d %19.1f (min %5.1f) %25.2f (min %5.2f)" % (
            cpus, statistics.median(hosts), min(hosts),
            statistics.median(guests), min(guests)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""check.py -- check crash states, and the replay crash test end to end.

A crash state is a disk image (file system + marker area, docs/crash.md).
Checking it:
  guest mode  boot Kestrel with the image as vda and the expectations
              (expect.py) as text on a raw vdb; init runs `crashcheck -M
              /dev/vda -e /dev/vdb`, which mounts the image (replaying its
              journal), checks every expected path and unmounts; then the
              host runs `e2fsck -fn` on the image, which must be clean.
  host mode   (fallback while the kernel has no ext2 driver, and to test the
              expectations on images Linux tools made) `e2fsck -fn` on the
              image, then every expected path read with debugfs.
  dir mode    the expectations against a host directory (crashwriter's own
              self-check on the host).

Interface (used by tests/run.py and kill.py):
  make_fs_image(path, fs_mb, journal=True)     mkfs image + 1 MiB marker area
  boot(kernel, disks, bootargs, log, timeout, kill_after=None)
        disks: [(image, blklog_or_None, read_only)] -> (output, status, error)
  check_guest(kernel, image, lines, root, workdir, log) -> [(name, ok, why)]
  check_host(image, lines, root) -> [(name, ok, why)]
  check_dir(path, lines, k=None) -> [(name, ok, why)]
  replay_test(kernel, workdir, seed, ops, max_flush, between, host=False)
        -> (results, skipped_reason_or_None)

CLI:
  check.py dir DIR WRITER_OUTPUT
  check.py image IMAGE WRITER_OUTPUT [--host] [--kernel K]
  check.py replay [--seed S] [--ops N] [--max-flush N] [--between N] [--host]
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import blklog  # noqa: E402
import expect  # noqa: E402

MKFS = ROOT / "build" / "mkfs" / "mkfs"
INITRAMFS = ROOT / "build" / "initramfs.cpio"
KERNEL = ROOT / "build" / "kernel.elf"
MARK_AREA = 1 << 20
WRITER_DIR = "w"
SKIP_EXT2 = "SKIP: needs the ext2 driver"


def make_fs_image(path, fs_mb, journal=True):
    """A fresh ext2 image (ours: build/mkfs/mkfs) of fs_mb MiB followed by
    the 1 MiB marker area (zeros) the file system never uses."""
    cmd = [str(MKFS), "-q", "-s", "%dM" % fs_mb]
    if not journal:
        cmd += ["-J", "0"]
    subprocess.run(cmd + [str(path)], check=True, capture_output=True)
    with open(path, "r+b") as f:
        f.truncate((fs_mb << 20) + MARK_AREA)


def e2fsck(image):
    """(clean, output) of `e2fsck -fn` on the image."""
    p = subprocess.run(["e2fsck", "-fn", str(image)], capture_output=True, text=True)
    return p.returncode == 0, (p.stdout + p.stderr).strip()


def fsck_problem(text):
    """The first line of e2fsck output that reports a problem."""
    for ln in text.splitlines():
        ln = ln.strip()
        if ln and not ln.startswith(("Pass ", "e2fsck 1.")):
            return ln
    return "e2fsck failed"


def boot(kernel, disks, bootargs, log, timeout, kill_after=None, cpus=2):
    """Boot Kestrel with the initramfs and these disks (vda, vdb, ... in
    order; a disk with a log file sits behind blklogwrites). kill_after:
    SIGKILL QEMU that many seconds after the writer's start line (the kill
    test; at once if it says SKIP). Returns (console output, exit status or
    None, error text or None)."""
    from qemu import Qemu, QemuTimeout
    args = ["-initrd", str(INITRAMFS), "-global", "virtio-mmio.force-legacy=false"]
    for i, (image, log_file, ro) in enumerate(disks):
        if log_file:
            open(log_file, "wb").close()
            args += ["-blockdev", "driver=file,filename=%s,node-name=f%d" % (image, i),
                     "-blockdev", "driver=file,filename=%s,node-name=l%d" % (log_file, i),
                     "-blockdev", "driver=blklogwrites,file=f%d,log=l%d,"
                     "log-sector-size=512,node-name=hd%d" % (i, i, i)]
        else:
            args += ["-blockdev", "driver=file,filename=%s,node-name=hd%d%s"
                     % (image, i, ",read-only=on" if ro else "")]
        args += ["-device", "virtio-blk-device,drive=hd%d" % i]
    q = Qemu(str(kernel), cpus=cpus, mem="256M", bootargs=bootargs,
             extra_args=args, log=str(log) if log else None)
    status, error = None, None
    with q:
        try:
            if kill_after is not None:
                m = q.expect(r"CRASHWRITER (start|SKIP)[^\n]*\n", timeout)
                if m.group(1) == "start":
                    time.sleep(kill_after)
                q.kill()
            else:
                status = q.wait_exit(timeout)
        except QemuTimeout as e:
            error = str(e).splitlines()[0]
    return q.output, status, error


def _expect_file(path, exp, root, k):
    text = expect.format_expectations(exp, root, k).encode()
    with open(path, "wb") as f:
        f.write(text)
        f.truncate(max(MARK_AREA, (len(text) + 4095) // 4096 * 4096))


def _marker(image):
    with open(image, "rb") as f:
        f.seek(-512, os.SEEK_END)
        return expect.parse_marker(f.read(512)) or 0


def check_guest(kernel, image, lines, root, workdir, log, name="state", k_min=0):
    """Mount-and-check in Kestrel, then e2fsck. Results [(name, ok, why)],
    or None when the kernel lacks ext2. Promises 1..max(marker, k_min) hold."""
    k = max(_marker(image), k_min)
    exp = expect.expectations(lines, k)
    exp_path = Path(workdir) / ("%s.expect" % name)
    _expect_file(exp_path, exp, root, k)
    out, status, error = boot(kernel, [(image, None, False), (exp_path, None, True)],
                              'init.args="crashcheck -M /dev/vda -e /dev/vdb"', log, 60)
    if SKIP_EXT2 in out:
        return None
    results = []
    fails = [ln.strip() for ln in out.splitlines() if "CRASHCHECK FAIL" in ln]
    done = "CRASHCHECK DONE" in out and "CRASHCHECK umounted" in out
    why = "; ".join(fails[:3]) or error or ("" if done else "no DONE/umounted line")
    if "Kernel panic" in out:
        why = "Kernel panic; " + why
    results.append((name + "/mount-check", done and not fails and "Kernel panic" not in out,
                    "%s (marker %d, %d paths)" % (why, k, len(exp)) if why else ""))
    clean, text = e2fsck(image)
    results.append((name + "/e2fsck", clean, "" if clean else fsck_problem(text)))
    return results


def _debugfs_found(image, path):
    p = subprocess.run(["debugfs", "-R", 'stat "%s"' % path, str(image)],
                       capture_output=True)
    text = p.stdout.decode("latin-1")
    if "Type: directory" in text:
        return ("D",)
    if "Type: regular" not in text:
        return ("A",)
    p = subprocess.run(["debugfs", "-R", 'cat "%s"' % path, str(image)], capture_output=True)
    return ("F", p.stdout)


def check_host(image, lines, root, name="state"):
    """The fallback: e2fsck -fn, then the expectations read with debugfs."""
    k = _marker(image)
    exp = expect.expectations(lines, k)
    clean, text = e2fsck(image)
    results = [(name + "/e2fsck", clean, "" if clean else fsck_problem(text))]
    bad = []
    for path, outcomes in sorted(exp.items()):
        found = _debugfs_found(image, "/%s/%s" % (root, path))
        if not expect.check_outcome(found, outcomes):
            bad.append("%s: %s" % (path, expect.describe(found)))
    results.append((name + "/contents", not bad, "; ".join(bad[:3])))
    return results


def check_dir(path, lines, k=None, name="dir"):
    """The expectations (all promises unless k) against a host directory."""
    k = expect.durable_count(lines) if k is None else k
    bad = []
    exp = expect.expectations(lines, k)
    for rel, outcomes in sorted(exp.items()):
        p = os.path.join(path, rel)
        if not os.path.lexists(p):
            found = ("A",)
        elif os.path.isdir(p):
            found = ("D",)
        else:
            with open(p, "rb") as f:
                found = ("F", f.read())
        if not expect.check_outcome(found, outcomes):
            bad.append("%s: %s" % (rel, expect.describe(found)))
    return [(name, not bad and len(exp) > 0,
             "; ".join(bad[:3]) or ("" if exp else "nothing to check"))]


def capture(kernel, workdir, seed, ops, fs_mb=32):
    """Boot the writer on a fresh image behind blklogwrites. Returns (start
    image, final image, log, writer lines, console) or raises RuntimeError;
    None when the kernel lacks ext2."""
    wd = Path(workdir)
    start, disk, log = wd / "start.img", wd / "disk.img", wd / "disk.blklog"
    make_fs_image(start, fs_mb)
    shutil.copyfile(start, disk)
    out, status, error = boot(
        kernel, [(disk, log, False)],
        'init.args="crashwriter -M /dev/vda -s %d -n %d %s"' % (seed, ops, WRITER_DIR),
        wd / "writer.log", 120)
    if SKIP_EXT2 in out:
        return None
    if error or status != 0 or "CRASHWRITER done" not in out:
        raise RuntimeError("writer run: %s" % (error or "status %s, no done line" % status))
    return start, disk, log, expect.writer_lines(out), out


def replay_test(kernel, workdir, seed=1, ops=60, max_flush=6, between=4, host=False):
    """The replay crash test: capture, then check every crash state.
    Returns (results, skip_reason)."""
    wd = Path(workdir)
    wd.mkdir(parents=True, exist_ok=True)
    got = capture(kernel, wd, seed, ops)
    if got is None:
        return [], SKIP_EXT2
    start, disk, log_file, lines, _ = got
    log = blklog.parse(log_file)
    results = []
    for st in blklog.crash_states(log, max_flush, between, seed):
        img = wd / ("%s.img" % st.name)
        blklog.replay(start, log, st, img)
        if host:
            results += check_host(img, lines, WRITER_DIR, st.name)
        else:
            got = check_guest(kernel, img, lines, WRITER_DIR, wd, wd / (st.name + ".log"),
                              st.name)
            results += got or [(st.name, False, "ext2 vanished")]
        img.unlink()
    return results, None


def _print(results):
    bad = 0
    for name, ok, why in results:
        print("%s %s%s" % ("PASS" if ok else "FAIL", name, "" if ok else ": %s" % why))
        bad += not ok
    return 1 if bad else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dir")
    d.add_argument("dir")
    d.add_argument("output")
    i = sub.add_parser("image")
    i.add_argument("image")
    i.add_argument("output")
    r = sub.add_parser("replay")
    for p in (i, r):
        p.add_argument("--host", action="store_true")
        p.add_argument("--kernel", default=str(KERNEL))
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--ops", type=int, default=60)
    r.add_argument("--max-flush", type=int, default=6)
    r.add_argument("--between", type=int, default=4)
    r.add_argument("--workdir", default=str(ROOT / "build" / "crash" / "replay"))
    a = ap.parse_args(argv)
    if a.cmd == "dir":
        return _print(check_dir(a.dir, expect.writer_lines(open(a.output).read())))
    if a.cmd == "image":
        lines = expect.writer_lines(open(a.output).read())
        if a.host:
            return _print(check_host(a.image, lines, WRITER_DIR))
        res = check_guest(a.kernel, a.image, lines, WRITER_DIR, Path(a.image).parent,
                          Path(a.image).with_suffix(".console"))
        if res is None:
            print(SKIP_EXT2)
            return 0
        return _print(res)
    results, skip = replay_test(a.kernel, a.workdir, a.seed, a.ops, a.max_flush,
                                a.between, a.host)
    if skip:
        print(skip)
        return 0
    return _print(results)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Host tests of the crash-test tools (scripts/crash/, docs/crash.md).

  blklog    parser and replayer on synthetic logs: counted and tail entries
            (QEMU's super lags behind after a kill), discards, bad logs,
            crash states (deterministic, flush cuts, reordered windows)
  expect    the expectations model on hand-written writer output
  host      the debugfs fallback checker on ext2 images that debugfs
            mutated, turned into a synthetic log and replayed at every flush
  writer    build/user/crashwriter under qemu-riscv64 in a host directory:
            every promise holds at the end, and a tampered file is caught

Run: python3 tests/crash/test_crash.py -v   (tests/run.py's crash/host job)
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "crash"))

import blklog  # noqa: E402
import check  # noqa: E402
import expect  # noqa: E402

SS = 512


def sect(byte, n=1):
    return bytes([byte]) * (SS * n)


class TmpDir(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="crashtest-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


class BlklogTest(TmpDir):
    def write_log(self, steps, sectorsize=SS):
        path = self.tmp / "t.log"
        w = blklog.LogWriter(path, sectorsize)
        for step in steps:
            if step[0] == "w":
                w.write(step[1], step[2])
            elif step[0] == "d":
                w.discard(step[1], step[2])
            else:
                w.flush()
        w.close()
        return path

    def test_parse_counted_and_tail(self):
        path = self.write_log([("w", 0, sect(1)), ("w", 4, sect(2, 3)), ("f",),
                               ("w", 2, sect(3)), ("d", 8, 2)])
        log = blklog.parse(path)
        self.assertEqual(log.nr_super, 3)
        self.assertEqual([(e.sector, e.nr_sectors, e.flags, e.tail) for e in log.entries],
                         [(0, 1, 0, False), (4, 3, 0, False), (0, 0, 1, False),
                          (2, 1, 0, True), (8, 2, blklog.DISCARD, True)])
        self.assertEqual(log.entries[1].data, sect(2, 3))
        self.assertEqual(log.entries[4].data, b"")

    def test_tail_stops_at_zeros_and_garbage(self):
        path = self.write_log([("w", 0, sect(1)), ("f",), ("w", 1, sect(2))])
        with open(path, "ab") as f:
            f.write(bytes(SS * 3))
        self.assertEqual(len(blklog.parse(path).entries), 3)
        with open(path, "ab") as f:          # a torn header: flags out of range
            f.write(blklog.ENTRY.pack(5, 1, 0xff, 0) + bytes(SS - 32))
        self.assertEqual(len(blklog.parse(path).entries), 3)

    def test_bad_logs(self):
        path = self.write_log([("w", 0, sect(1)), ("f",)])
        data = bytearray(path.read_bytes())
        for corrupt, msg in ((lambda d: d.__setitem__(0, 0), "magic"),
                             (lambda d: d.__setitem__(8, 2), "version")):
            bad = bytearray(data)
            corrupt(bad)
            with self.assertRaisesRegex(blklog.LogError, msg):
                blklog.parse(bytes(bad))
        with self.assertRaisesRegex(blklog.LogError, "past the end"):
            blklog.parse(bytes(data[:SS * 2]))
        with self.assertRaisesRegex(blklog.LogError, "ends before"):
            blklog.parse(bytes(data[:SS * 3]))

    def test_sector_size_4096(self):
        path = self.write_log([("w", 1, bytes([7]) * 4096), ("f",)], sectorsize=4096)
        log = blklog.parse(path)
        img = bytearray(4096 * 4)
        blklog.apply(img, log.entries, log.sectorsize)
        self.assertEqual(img[4096:8192], bytes([7]) * 4096)

    def test_apply_in_order_and_bounds(self):
        path = self.write_log([("w", 0, sect(1, 2)), ("w", 1, sect(2)), ("d", 0, 1), ("f",)])
        log = blklog.parse(path)
        img = bytearray(SS * 4)
        blklog.apply(img, log.entries, SS)
        self.assertEqual(bytes(img[:SS * 2]), bytes(SS) + sect(2))
        with self.assertRaises(blklog.LogError):
            blklog.apply(bytearray(SS), log.entries, SS)

    def test_crash_states(self):
        steps = []
        for i in range(30):
            steps.append(("w", i, sect(i + 1)))
            if i % 3 == 2:
                steps.append(("f",))
        log = blklog.parse(self.write_log(steps))
        states = blklog.crash_states(log, 4, 10, seed=5)
        again = blklog.crash_states(log, 4, 10, seed=5)
        self.assertEqual([(s.name, [e.index for e in s.entries]) for s in states],
                         [(s.name, [e.index for e in s.entries]) for s in again])
        flush = [s for s in states if s.name.startswith("flush-")]
        self.assertEqual(len(flush), 4)
        self.assertEqual(flush[-1].entries[-1].index, log.flush_indices()[-1])
        for s in flush:
            self.assertTrue(s.entries[-1].is_flush())
        between = [s for s in states if s.name.startswith("between-")]
        self.assertEqual(len(between), 10)
        reordered = False
        for s in between:
            base = s.durable_upto + 1
            self.assertEqual([e.index for e in s.entries[:base]], list(range(base)))
            rest = [e.index for e in s.entries[base:]]
            nxt = [f for f in log.flush_indices() if f > s.durable_upto]
            for idx in rest:
                self.assertGreater(idx, s.durable_upto)
                if nxt:
                    self.assertLess(idx, nxt[0])
            reordered |= rest != sorted(rest)
        self.assertTrue(reordered, "no state reorders its window")


W = "CRASHWRITER "


class ExpectTest(unittest.TestCase):
    OUT = "\n".join(W + x for x in [
        "op create t0", "fsynced t0 3 100",          # 1
        "op rename t0 f0", "renamed t0 f0 3 100",    # 2
        "op append f0", "fsynced f0 9 200",          # 3
        "op create t1", "op append f0",
        "op rename t1 f0",
        "op unlink f0", "unlinked f0",               # 4
        "op mkdir d0", "dirsynced d0",               # 5
    ])

    def exp(self, k):
        return expect.expectations(expect.writer_lines(self.OUT), k)

    def test_model(self):
        self.assertEqual(self.exp(0), {})
        # t0 promised, then maybe renamed away (f0 was never promised yet)
        self.assertEqual(self.exp(1), {"t0": {("E", 3, 100), ("A",)}})
        e = self.exp(3)
        # f0: the append promise, a later append (prefix) or the unlink; the
        # rename of the unpromised t1 over it makes f0 unknown: not checked
        self.assertNotIn("f0", e)
        self.assertEqual(e["t0"], {("A",)})
        self.assertEqual(self.exp(4)["f0"], {("A",)})
        self.assertEqual(self.exp(5)["d0"], {("D",)})

    def test_prefix_outcome(self):
        out = "\n".join(W + x for x in ["op create a", "fsynced a 4 %d" % zlib.crc32(b"abcd"),
                                         "op append a"])
        e = expect.expectations(expect.writer_lines(out), 1)["a"]
        self.assertTrue(expect.check_outcome(("F", b"abcdef"), e))
        self.assertTrue(expect.check_outcome(("F", b"abcd"), e))
        self.assertFalse(expect.check_outcome(("F", b"abc"), e))
        self.assertFalse(expect.check_outcome(("A",), e))

    def test_marker_and_format(self):
        self.assertEqual(expect.parse_marker(b"x" * 100 + b"CRASHMARK 17\n".ljust(512, b"\0")), 17)
        self.assertIsNone(expect.parse_marker(bytes(1024)))
        text = expect.format_expectations({"f0": {("E", 3, 100), ("A",)}}, "w", 2)
        self.assertEqual(text, "CRASHEXPECT v1 root=w marker=2\nf0 A E:3:100\nEND\n")


def tool(name):
    return shutil.which(name) or os.path.exists("/usr/sbin/" + name)


@unittest.skipUnless(tool("debugfs") and tool("e2fsck") and check.MKFS.exists(),
                     "needs e2fsprogs and build/mkfs/mkfs")
class HostCheckTest(TmpDir):
    """Images mutated by debugfs, logged as writes + flushes, replayed."""

    def debugfs(self, img, cmds):
        cmdfile = self.tmp / "cmds"
        cmdfile.write_text("\n".join(cmds) + "\n")
        subprocess.run(["debugfs", "-w", "-f", str(cmdfile), str(img)],
                       check=True, capture_output=True)

    def build(self):
        img, start = self.tmp / "work.img", self.tmp / "start.img"
        check.make_fs_image(img, 8, journal=False)
        self.debugfs(img, ["mkdir /w"])
        shutil.copyfile(img, start)
        rng = random.Random(3)
        src = {n: bytes(rng.getrandbits(8) for _ in range(size))
               for n, size in (("a", 5000), ("b", 70000), ("c", 4096))}
        for n, data in src.items():
            (self.tmp / n).write_bytes(data)
        crc = {n: (len(d), zlib.crc32(d)) for n, d in src.items()}
        steps = [  # (debugfs commands, writer lines)
            (["write %s/a /w/f0" % self.tmp], ["op create f0", "fsynced f0 %d %d" % crc["a"]]),
            (["write %s/b /w/t1" % self.tmp], ["op create t1", "fsynced t1 %d %d" % crc["b"]]),
            (["rm /w/f0", "ln /w/t1 /w/f0", "unlink /w/t1"],
             ["op rename t1 f0", "renamed t1 f0 %d %d" % crc["b"]]),
            (["write %s/c /w/f2" % self.tmp, "mkdir /w/d0"],
             ["op create f2", "fsynced f2 %d %d" % crc["c"], "op mkdir d0", "dirsynced d0"]),
        ]
        log_path = self.tmp / "syn.blklog"
        w = blklog.LogWriter(log_path)
        lines, durable, prev = [], 0, start.read_bytes()
        for cmds, wl in steps:
            self.debugfs(img, cmds)
            cur = img.read_bytes()
            blocks = [b for b in range(len(cur) // 4096)
                      if cur[b * 4096:(b + 1) * 4096] != prev[b * 4096:(b + 1) * 4096]]
            rng.shuffle(blocks)
            for b in blocks:
                w.write(b * 8, cur[b * 4096:(b + 1) * 4096])
            w.flush()
            lines += wl
            durable += sum(1 for x in wl if not x.startswith("op "))
            w.write(len(cur) // SS - 1, (b"CRASHMARK %d\n" % durable).ljust(SS, b"\0"))
            prev = cur
        w.close()
        return start, img, blklog.parse(log_path), expect.writer_lines(
            "\n".join(W + x for x in lines))

    def test_flush_states_pass_and_tampering_fails(self):
        start, final, log, lines = self.build()
        states = [s for s in blklog.crash_states(log, 16, 0) if s.name.startswith("flush-")]
        self.assertEqual(len(states), 4)
        for st in states + [blklog.CrashState("end", log.entries, -1)]:
            out = self.tmp / (st.name + ".img")
            blklog.replay(start, log, st, out)
            for name, ok, why in check.check_host(out, lines, "w", st.name):
                self.assertTrue(ok, "%s: %s" % (name, why))
        self.assertEqual((self.tmp / "end.img").read_bytes()[:-SS], final.read_bytes()[:-SS])
        # the marker after the last flush promises all four lines; a wrong
        # CRC, or a state without the last step's writes but with a forged
        # marker, must fail
        bad = [(w_, a if w_ != "fsynced" or a[0] != "f2" else [a[0], a[1], "1"])
               for w_, a in lines]
        res = check.check_host(self.tmp / "end.img", bad, "w")
        self.assertFalse(all(ok for _, ok, _ in res))
        img = bytearray((self.tmp / states[2].name).with_suffix(".img").read_bytes())
        img[-SS:] = b"CRASHMARK 5\n".ljust(SS, b"\0")
        forged = self.tmp / "forged.img"
        forged.write_bytes(img)
        res = check.check_host(forged, lines, "w")
        self.assertFalse(res[1][1], "missing f2/d0 not noticed")


QEMU_USER = os.environ.get("KESTREL_QEMU_USER", "qemu-riscv64")
WRITER = ROOT / "build" / "user" / "crashwriter"


@unittest.skipUnless(WRITER.exists() and shutil.which(QEMU_USER), "needs build/user/crashwriter")
class WriterSelfCheck(TmpDir):
    def run_writer(self, seed):
        mark = self.tmp / "mark"
        with open(mark, "wb") as f:
            f.truncate(1 << 16)
        p = subprocess.run([QEMU_USER, str(WRITER), "-s", str(seed), "-n", "250", "-m",
                            str(mark), str(self.tmp / "w")], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stdout[-500:] + p.stderr)
        lines = expect.writer_lines(p.stdout)
        k = expect.durable_count(lines)
        self.assertEqual(expect.parse_marker(mark.read_bytes()), k)
        return lines, k

    def test_promises_hold(self):
        for seed in (1, 2, 3):
            shutil.rmtree(self.tmp / "w", ignore_errors=True)
            lines, k = self.run_writer(seed)
            self.assertGreater(k, 50)
            words = {w for w, _ in lines}
            for want in ("fsynced", "renamed", "unlinked", "dirsynced", "rmdired"):
                self.assertIn(want, words, "seed %d never did %s" % (seed, want))
            res = check.check_dir(self.tmp / "w", lines)
            self.assertTrue(res[0][1], res[0][2])

    def test_tampering_caught(self):
        lines, k = self.run_writer(7)
        exp = expect.expectations(lines, k)
        victim = next(p for p, o in sorted(exp.items()) if o == {("E",) + next(iter(o))[1:]}
                      and next(iter(o))[1] > 0)
        with open(self.tmp / "w" / victim, "r+b") as f:
            b = f.read(1)
            f.seek(0)
            f.write(bytes([b[0] ^ 1]))
        self.assertFalse(check.check_dir(self.tmp / "w", lines)[0][1])


if __name__ == "__main__":
    unittest.main()

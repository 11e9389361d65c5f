#!/usr/bin/env python3
"""Kestrel test runner: host unit tests and the QEMU suites.

    python3 tests/run.py [--kernel build/kernel.elf] [--unit BIN ...]
                         [--only SUBSTR] [--jobs N] [-v]

Prints `PASS name` or `FAIL name: reason` per test, in suite order, and ends
with the line `N passed, M failed`; exits 0 iff nothing failed.  Console logs
go to build/test-logs/.  See tests/README.md.
"""

import argparse
import concurrent.futures
import glob
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu as qemu_mod                                       # noqa: E402
from qemu import Qemu, QemuError, QemuTimeout, mem_to_mib, scaled  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KERNEL = ROOT / "build" / "kernel.elf"
LOG_DIR = ROOT / "build" / "test-logs"
TAIL_LINES = 40

UNIT_TIMEOUT = 120
BOOT_TIMEOUT = 60
PANIC_TIMEOUT = 60
CMDLINE_TIMEOUT = 60
PROMPT_TIMEOUT = 60       # boot to the first kmon> prompt
COMMAND_TIMEOUT = 10      # one monitor command
POWEROFF_TIMEOUT = 15

# A console line may carry a printk timestamp such as "[    0.012345] ".
LP = r"^(?:\[[ \d.]*\]\s*)?"
PROMPT = re.compile(r"(?:^|\r)kmon> ", re.M)
PANIC = "Kernel panic"
PANIC_END = "---[ end Kernel panic ]---"
SKIPPED = "skipped after earlier failure"


class Result:
    def __init__(self, name, ok, reason=""):
        self.name, self.ok, self.reason = name, ok, reason


class Outcome:
    """What a job hands back: results, and console text for failures."""

    def __init__(self, results, console="", log=None, argv=None, secs=0.0,
                 notes=(), verbose_notes=()):
        self.results = results
        self.console = console
        self.log = log
        self.argv = argv
        self.secs = secs
        self.notes = list(notes)                  # always printed
        self.verbose_notes = list(verbose_notes)  # printed with -v


class Job:
    def __init__(self, name, static_names, fn):
        self.name = name
        self.static_names = static_names
        self.fn = fn


# ---------------------------------------------------------------------------
# helpers

def clean(text, limit=None):
    """Printable ASCII only (escape the rest), so CI logs never choke."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "\t" or 0x20 <= o < 0x7f:
            out.append(ch)
        elif ch == "\x1b":
            out.append("^[")
        else:
            out.append("\\x%02x" % o if o < 0x100 else "\\u%04x" % o)
    s = "".join(out)
    if limit and len(s) > limit:
        s = s[:limit - 3] + "..."
    return s


def lines_of(text):
    return [ln.rstrip("\r") for ln in text.split("\n")]


def first_line(exc):
    if isinstance(exc, QemuError) and exc.args:
        text = str(exc.args[0])          # without QemuTimeout's tail
    else:
        text = str(exc) or type(exc).__name__
    return text.split("\n")[0]


def describe_status(status):
    if status is None:
        return "did not exit"
    if status < 0:
        try:
            return "killed by %s" % signal.Signals(-status).name
        except ValueError:
            return "killed by signal %d" % -status
    return "exit status %d" % status


def log_path(job_name):
    return LOG_DIR / (job_name.replace("/", "-") + ".log")


def qemu_prereq(kernel):
    """None if QEMU can be run at all, else why not."""
    if not os.path.isfile(kernel):
        return "prerequisite missing: kernel %s not found" % kernel
    if not (shutil.which(qemu_mod.QEMU) or os.path.isfile(qemu_mod.QEMU)):
        return "prerequisite missing: QEMU binary %s not found" % qemu_mod.QEMU
    if not os.path.isfile(qemu_mod.OPENSBI):
        return "prerequisite missing: firmware %s not found" % qemu_mod.OPENSBI
    return None


def panic_note(out):
    for ln in lines_of(out):
        if PANIC in ln and PANIC_END not in ln:
            return "kernel panic: " + ln.strip()
    return None


def all_failed(names, reason):
    return [Result(n, False, reason) for n in names]


DISK_DIR = ROOT / "build" / "test-disks"
# vda, vdb and a read-only vdc for the block self-tests: (size, read-only)
SCRATCH_DISKS = (("64M", False), ("8M", False), ("1M", True))


def scratch_disk_args(job_name, disks=SCRATCH_DISKS):
    """QEMU arguments attaching fresh zero-filled images (recreated on every
    call, so each run starts from the same bytes) as virtio-blk disks on the
    modern virtio-mmio transport."""
    DISK_DIR.mkdir(parents=True, exist_ok=True)
    args = ["-global", "virtio-mmio.force-legacy=false"]
    for i, (size, read_only) in enumerate(disks):
        path = DISK_DIR / ("%s-%d.img" % (job_name.replace("/", "-"), i))
        with open(path, "wb") as f:
            f.truncate(mem_to_mib(size) << 20)
        args += ["-drive", "file=%s,if=none,format=raw,id=hd%d%s"
                 % (path, i, ",readonly=on" if read_only else ""),
                 "-device", "virtio-blk-device,drive=hd%d" % i]
    return args


def run_qemu(job_name, kernel, cpus, mem, bootargs, timeout, extra_args=()):
    """Boot, wait for QEMU to exit.  Returns (output, status, error, q)."""
    q = Qemu(kernel, cpus=cpus, mem=mem, bootargs=bootargs,
             extra_args=extra_args, log=log_path(job_name))
    status, error = None, None
    with q:
        try:
            status = q.wait_exit(timeout)
        except QemuTimeout as e:
            error = first_line(e)
    return q.output, status, error, q


# ---------------------------------------------------------------------------
# suite 1: unit

TAP_RE = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*?)\s*$")
SANITIZER_RE = re.compile(
    r"ERROR: \w*Sanitizer|runtime error:|SUMMARY: \w*Sanitizer|"
    r"WARNING: \w*Sanitizer")


class _ProcGroup:
    """Lets qemu.kill_all() kill a unit-test process too."""

    def __init__(self, proc):
        self.proc = proc

    def kill(self, wait=False):
        if self.proc.returncode is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def parse_tap(stdout, prefix):
    """Returns (results, planned, saw_tap, saw_not_ok)."""
    results, planned, saw_tap, saw_not_ok = [], 0, False, False
    seen = {}
    current = None
    diag = []

    def finish():
        if current is not None and not current.ok and diag and \
                not current.reason.startswith("skipped"):
            current.reason = clean("; ".join(diag), 200)

    for ln in lines_of(stdout):
        m = re.match(r"^\s*1\.\.(\d+)", ln)
        if m:
            planned += int(m.group(1))
            saw_tap = True
            continue
        m = TAP_RE.match(ln)
        if m:
            finish()
            diag = []
            saw_tap = True
            ok = m.group(1) == "ok"
            rest = m.group(3)
            skip = re.match(r"^#\s*SKIP\b\s*(.*)$", rest, re.I)
            name = rest
            reason = "" if ok else "failed"
            if skip:                       # cmocka: "not ok 3 # SKIP name"
                name = skip.group(1) or "test%s" % m.group(2)
                ok = False
                reason = "skipped (the harness has no skips: make it pass)"
            else:
                hm = re.match(r"^(.*?)\s*#\s*(SKIP|TODO)\b", rest, re.I)
                if hm:
                    name = hm.group(1)
                    ok = False
                    reason = "skipped (the harness has no skips: make it pass)"
            name = name.strip() or "test%s" % m.group(2)
            name = re.sub(r"\s+", "_", name)
            full = "%s/%s" % (prefix, name)
            seen[full] = seen.get(full, 0) + 1
            if seen[full] > 1:
                full += "#%d" % seen[full]
            if not m.group(1) == "ok":
                saw_not_ok = True
            current = Result(full, ok, reason)
            results.append(current)
            continue
        m = re.match(r"^#\s?(.*)$", ln)
        if m and current is not None:
            text = m.group(1).strip()
            # cmocka's group summary "# not ok - tests" is not a diagnostic
            if text and not re.match(r"^(not )?ok - ", text):
                diag.append(text)
    finish()
    return results, planned, saw_tap, saw_not_ok


def unit_job(binary):
    base = os.path.basename(binary)
    prefix = "unit/" + base

    def run():
        t0 = time.monotonic()
        if not os.path.isfile(binary):
            return Outcome([Result(prefix, False,
                                   "prerequisite missing: %s not found"
                                   % binary)])
        if not os.access(binary, os.X_OK):
            return Outcome([Result(prefix, False,
                                   "%s is not executable" % binary)])
        env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
        env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1")
        argv = [os.path.abspath(binary)]
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                env=env, start_new_session=True)
        guard = _ProcGroup(proc)
        timed_out = False
        try:
            qemu_mod.register_cleanup(guard)
        except QemuError:
            guard.kill()
        try:
            try:
                out, err = proc.communicate(timeout=scaled(UNIT_TIMEOUT))
            except subprocess.TimeoutExpired:
                timed_out = True
                guard.kill()
                try:
                    out, err = proc.communicate(timeout=10)
                except subprocess.TimeoutExpired:
                    out, err = b"", b""
        finally:
            guard.kill()
            qemu_mod.unregister_cleanup(guard)
        out = out.decode("latin-1")
        err = err.decode("latin-1")
        console = out + ("\n" if out and not out.endswith("\n") else "") + err
        path = log_path(prefix)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(console + "\n===== harness: command: %s\n"
                        "===== harness: %s\n"
                        % (argv[0], describe_status(proc.returncode)),
                        encoding="latin-1")

        results, planned, saw_tap, saw_not_ok = parse_tap(out, prefix)
        problems = []
        if timed_out:
            problems.append("timed out after %.0f s" % scaled(UNIT_TIMEOUT))
        san = next((ln for ln in lines_of(out + "\n" + err)
                    if SANITIZER_RE.search(ln)), None)
        if san:
            problems.append("sanitizer report: " + san.strip())
        status = proc.returncode
        if not timed_out:
            if status < 0:
                problems.append("crashed: " + describe_status(status))
            elif not saw_tap:
                problems.append("no TAP output (%s)" % describe_status(status))
            elif status != 0 and not saw_not_ok:
                problems.append("%s without a failing test"
                                % describe_status(status))
        if saw_tap and planned and len(results) < planned and not problems:
            problems.append("only %d of %d planned tests reported"
                            % (len(results), planned))
        if problems:
            results.append(Result(prefix, False, clean("; ".join(problems),
                                                       300)))
        return Outcome(results, console, path, argv, time.monotonic() - t0)

    return Job(prefix, [prefix], run)


# ---------------------------------------------------------------------------
# suite 2: boot

def boot_job(kernel, cpus, mem):
    prefix = "boot/smp%d" % cpus
    names = [prefix + "/banner", prefix + "/exit"]

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel)
        if why:
            return Outcome(all_failed(names, why))
        # A virtio-net card on QEMU's user network (restrict=on: no way
        # out to the host's network) for the net_* ktests.
        nic = ["-netdev", "user,id=n0,restrict=on",
               "-device", "virtio-net-device,netdev=n0"]
        out, status, error, q = run_qemu(prefix, kernel, cpus, mem,
                                         "ktest=boot", BOOT_TIMEOUT,
                                         scratch_disk_args(prefix) + nic)
        lines = lines_of(out)
        results = []

        # banner
        problems = []
        if not any(re.match(LP + r"Kestrel \S+", ln) for ln in lines):
            problems.append("no 'Kestrel <version>' banner line")
        harts = [re.match(LP + r"harts online: (\d+)\s*$", ln)
                 for ln in lines]
        harts = [int(m.group(1)) for m in harts if m]
        if not harts:
            problems.append("no 'harts online: N' line")
        elif harts[0] != cpus:
            problems.append("harts online: %d, expected %d" % (harts[0], cpus))
        mems = [re.match(LP + r"memory: (\d+) MiB", ln) for ln in lines]
        mems = [int(m.group(1)) for m in mems if m]
        want = mem_to_mib(mem)
        if not mems:
            problems.append("no 'memory: N MiB' line")
        elif mems[0] != want:
            problems.append("memory: %d MiB, expected %d" % (mems[0], want))
        results.append(Result(prefix + "/banner", not problems,
                              "; ".join(problems)))

        # one test per KTEST line
        npass = nfail = 0
        seen = {}
        done = None
        for ln in lines:
            m = re.match(LP + r"KTEST-DONE passed=(\d+) failed=(\d+)", ln)
            if m:
                done = (int(m.group(1)), int(m.group(2)))
                continue
            m = re.match(LP + r"KTEST (\S+) (PASS|FAIL)\b\s*(.*)$", ln)
            if not m:
                continue
            name = "%s/%s" % (prefix, m.group(1))
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name += "#%d" % seen[name]
            if m.group(2) == "PASS":
                npass += 1
                results.append(Result(name, True))
            else:
                nfail += 1
                results.append(Result(name, False,
                                      clean(m.group(3).strip(), 200)
                                      or "FAIL"))

        # exit
        problems = []
        note = panic_note(out)
        if note:
            problems.append(note)
        if error:
            if done is None:
                problems.append(error + " (no KTEST-DONE)")
            else:
                problems.append("KTEST-DONE seen but " + error)
        elif done is None:
            problems.append("%s before KTEST-DONE" % describe_status(status))
        if done is not None:
            if done[1] != 0:
                problems.append("KTEST-DONE reports failed=%d" % done[1])
            if done != (npass, nfail):
                problems.append("KTEST-DONE says passed=%d failed=%d but "
                                "%d PASS and %d FAIL lines were printed"
                                % (done[0], done[1], npass, nfail))
        if status is not None and status != 0:
            problems.append(describe_status(status) + " (expected 0)")
        results.append(Result(prefix + "/exit", not problems,
                              clean("; ".join(problems), 300)))
        return Outcome(results, out, q.log_path, q.argv,
                       time.monotonic() - t0)

    return Job(prefix, names, run)


# ---------------------------------------------------------------------------
# suite 3: panic

def panic_job(kernel, cpus, mode="panic", expect=(), label=None):
    """ktest=panic: one hart takes a kernel fault; ktest=panic-race: every
    hart panics at once. Either way exactly one report, exit status 3, and
    each regex in expect present (the register dump, the symbolized
    backtrace). label names the job instead of mode (a mode with spaces)."""
    name = "%s/smp%d" % (label or mode, cpus)

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel)
        if why:
            return Outcome(all_failed([name], why))
        out, status, error, q = run_qemu(name, kernel, cpus, "512M",
                                         "ktest=" + mode, PANIC_TIMEOUT)
        problems = []
        if error:
            problems.append(error)
        for pattern in expect:
            if not re.search(pattern, out, re.M):
                problems.append("no match for /%s/" % pattern)
        n_end = out.count(PANIC_END)
        n_panic = out.count(PANIC) - n_end
        if n_panic == 0:
            problems.append("no '%s' line" % PANIC)
        elif n_panic > 1:
            problems.append("'%s' printed %d times" % (PANIC, n_panic))
        if n_end == 0:
            problems.append("no '%s' line" % PANIC_END)
        else:
            if n_end > 1:
                problems.append("end marker printed %d times" % n_end)
            after = out[out.rfind(PANIC_END) + len(PANIC_END):]
            if after.strip():
                problems.append("output after the end marker: %s"
                                % clean(repr(after.strip()), 80))
        if not error and status != 3:
            problems.append(describe_status(status) + " (expected 3)")
        return Outcome([Result(name, not problems,
                               clean("; ".join(problems), 300))],
                       out, q.log_path, q.argv, time.monotonic() - t0)

    return Job(name, [name], run)


# ---------------------------------------------------------------------------
# suite 4: monitor

MONITOR_STEPS = ["prompt", "echo", "harts", "ticks", "ipi", "unknown",
                 "poweroff"]


def monitor_job(kernel, cpus=4):
    prefix = "monitor"
    names = ["%s/%s" % (prefix, s) for s in MONITOR_STEPS]

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel)
        if why:
            return Outcome(all_failed(names, why))
        q = Qemu(kernel, cpus=cpus, mem="512M", log=log_path(prefix))

        def command(cmd, pattern):
            def step():
                q.sendline(cmd)
                q.expect(pattern, COMMAND_TIMEOUT)
                q.expect(PROMPT, COMMAND_TIMEOUT)
            return step

        def prompt():
            q.expect(PROMPT, PROMPT_TIMEOUT)

        def ticks():
            start = q.cursor
            q.sendline("ticks")
            m = q.expect(PROMPT, COMMAND_TIMEOUT)
            body = lines_of(q.output[start:m.start()])
            if body and "ticks" in body[0]:
                body = body[1:]                 # the echoed command line
            body = "\n".join(body)
            if not re.search(r"(?<![\w.])[1-9]\d*", body):
                raise QemuError("no nonzero tick count in output %s"
                                % clean(repr(body.strip()), 80))

        def poweroff():
            q.sendline("poweroff")
            status = q.wait_exit(POWEROFF_TIMEOUT)
            if status != 0:
                raise QemuError(describe_status(status) + " (expected 0)")

        steps = {
            "prompt": prompt,
            "echo": command("echo hello kestrel", LP + r"hello kestrel\r?$"),
            "harts": command("harts", LP + r"\s*%d harts online" % cpus),
            "ticks": ticks,
            "ipi": command("ipi", r"^(?!kmon> ).*ipi round trip ok"),
            "unknown": command("bogus", r"(?i)^(?!kmon> ).*"
                                        r"(unknown command|command not found)"),
            "poweroff": poweroff,
        }
        results = []
        failed = False
        with q:
            for step in MONITOR_STEPS:
                name = "%s/%s" % (prefix, step)
                if failed:
                    results.append(Result(name, False, SKIPPED))
                    continue
                try:
                    steps[step]()
                    results.append(Result(name, True))
                except QemuError as e:
                    failed = True
                    reason = first_line(e)
                    note = panic_note(q.output)
                    if note:
                        reason += "; " + note
                    results.append(Result(name, False, clean(reason, 300)))
        return Outcome(results, q.output, q.log_path, q.argv,
                       time.monotonic() - t0)

    return Job(prefix, names, run)


# ---------------------------------------------------------------------------
# suite 5: cmdline

CMDLINE_ARGS = 'ktest=boot loglevel=8 kestrel.test="a b"'
CMDLINE_WANT = "kestrel.test=a b"


def single_outcome(name, problems, error, status, out, log, argv, t0):
    """The Outcome of a job with one result: problems found in the output,
    plus the run's error (a timeout...) or an exit status other than 0."""
    problems = list(problems)
    if error:
        problems.append(error)
    elif status != 0:
        problems.append(describe_status(status) + " (expected 0)")
    return Outcome([Result(name, not problems, clean("; ".join(problems), 300))],
                   out, log, argv, time.monotonic() - t0)


def cmdline_job(kernel):
    name = "cmdline"

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel)
        if why:
            return Outcome(all_failed([name], why))
        out, status, error, q = run_qemu(name, kernel, 1, "512M",
                                         CMDLINE_ARGS, CMDLINE_TIMEOUT)
        problems = []
        cmdlines = [ln for ln in lines_of(out)
                    if re.match(LP + r"cmdline: ", ln)]
        if not cmdlines:
            problems.append("no 'cmdline: ' line")
        elif not any(CMDLINE_WANT in ln for ln in cmdlines):
            problems.append("'%s' not in %s" % (CMDLINE_WANT,
                                                 clean(repr(cmdlines[0]), 120)))
        note = panic_note(out)
        if note:
            problems.append(note)
        return single_outcome(name, problems, error, status, out, q.log_path, q.argv, t0)

    return Job(name, [name], run)


# ---------------------------------------------------------------------------
# syscall.trace=NAME: the traced process's calls appear with arguments and
# results (the "hello" user program: write, an unknown number, a bad
# pointer, getpid, gettid, exit)

TRACE_ARGS = "ktest=boot ktest.only=user_syscalls syscall.trace=utest syscall.log=unknown"
TRACE_WANT = [r"\[\d+\] write\(0x1, 0x[0-9a-f]+, 0x15\) = 0x15$",
              r"\[\d+\] \?\(0x[0-9a-f]+, .*\) = -38$",
              r"\[\d+\] write\(0x1, 0x10, 0x8\) = -14$",
              r"\[\d+\] getpid\(\) = 0x[0-9a-f]+$",
              r"syscall: pid \d+ \(utest\) called unimplemented 500 \(not a Linux number\): -ENOSYS$"]


def trace_job(kernel):
    name = "syscall-trace"

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel)
        if why:
            return Outcome(all_failed([name], why))
        out, status, error, q = run_qemu(name, kernel, 2, "512M", TRACE_ARGS, CMDLINE_TIMEOUT)
        lines = [ln.rstrip("\r") for ln in lines_of(out)]
        problems = ["no line matching %r" % w for w in TRACE_WANT
                    if not any(re.search(w, ln) for ln in lines)]
        note = panic_note(out)
        if note:
            problems.append(note)
        return single_outcome(name, problems, error, status, out, q.log_path, q.argv, t0)

    return Job(name, [name], run)



# suite 6: the file layer with an initramfs (-initrd) and console input

INITRD_TIMEOUT = 60
sys.path.insert(0, str(ROOT / "tests"))
import initrd as initrd_mod                                    # noqa: E402


def initrd_job(kernel, name, cpus, archive, bootargs, expect):
    """Boot with -initrd (archive: bytes written to build/<name>.cpio) and
    bootargs running some ktests; every ktest must pass, QEMU exit 0, no
    panic, and each regex in expect must match the console."""

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel)
        if why:
            return Outcome(all_failed([name], why))
        path = ROOT / "build" / (name.replace("/", "-") + ".cpio")
        path.write_bytes(archive() if callable(archive) else archive)
        q = Qemu(kernel, cpus=cpus, mem="512M", bootargs=bootargs,
                 extra_args=["-initrd", str(path)], log=log_path(name))
        status, error = None, None
        with q:
            try:
                status = q.wait_exit(INITRD_TIMEOUT)
            except QemuTimeout as e:
                error = first_line(e)
        out = q.output
        problems = [error] if error else []
        for pattern in expect:
            if not re.search(pattern, out, re.M):
                problems.append("no match for /%s/" % pattern)
        if re.search(LP + r"KTEST \S+ FAIL", out, re.M):
            problems.append("a ktest failed")
        if not re.search(LP + r"KTEST-DONE passed=[1-9]\d* failed=0", out, re.M):
            problems.append("no 'KTEST-DONE passed=N failed=0'")
        note = panic_note(out)
        if note:
            problems.append(note)
        if not error and status != 0:
            problems.append(describe_status(status) + " (expected 0)")
        return Outcome([Result(name, not problems, clean("; ".join(problems), 300))],
                       out, q.log_path, q.argv, time.monotonic() - t0)

    return Job(name, [name], run)


BLKERR_SECTOR = 2048


def blkerr_job(kernel):
    """vda behind QEMU's blkdebug driver, failing every read that touches
    sector BLKERR_SECTOR: the block self-test must see -EIO there and the
    disk keep working (no panic)."""
    name = "blkerr/smp2"

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel)
        if why:
            return Outcome(all_failed([name], why))
        DISK_DIR.mkdir(parents=True, exist_ok=True)
        img, conf = DISK_DIR / "blkerr.img", DISK_DIR / "blkerr.conf"
        with open(img, "wb") as f:
            f.truncate(8 << 20)
        conf.write_text('[inject-error]\nevent = "read_aio"\nerrno = "5"\n'
                        'sector = "%d"\nonce = "off"\n' % BLKERR_SECTOR)
        args = ["-global", "virtio-mmio.force-legacy=false",
                "-drive", "file=blkdebug:%s:%s,if=none,format=raw,id=hd0"
                % (conf, img),
                "-device", "virtio-blk-device,drive=hd0"]
        out, status, error, q = run_qemu(
            name, kernel, 2, "512M",
            "ktest=boot ktest.only=blk_device_error blk.errsector=%d"
            % BLKERR_SECTOR, BOOT_TIMEOUT, args)
        problems = [error] if error else []
        if not re.search(LP + r"blk_device_error: read of sector %d: -5; "
                         r"then sector 0: 0\r?$" % BLKERR_SECTOR, out, re.M):
            problems.append("no -EIO report for the injected error")
        if not re.search(LP + r"KTEST-DONE passed=1 failed=0", out, re.M):
            problems.append("no 'KTEST-DONE passed=1 failed=0'")
        note = panic_note(out)
        if note:
            problems.append(note)
        if not error and status != 0:
            problems.append(describe_status(status) + " (expected 0)")
        return Outcome([Result(name, not problems, clean("; ".join(problems), 300))],
                       out, q.log_path, q.argv, time.monotonic() - t0)

    return Job(name, [name], run)


def console_read_job(kernel):
    """A ktest blocks reading the console file; typing a line wakes it."""
    name = "console-read/smp2"

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel)
        if why:
            return Outcome(all_failed([name], why))
        q = Qemu(kernel, cpus=2, mem="512M",
                 bootargs="ktest=boot ktest.only=fs_console_read", log=log_path(name))
        problems = []
        with q:
            try:
                q.expect(LP + r"fs: console read: waiting for a line", PROMPT_TIMEOUT)
                time.sleep(0.2)          # let the reader go to sleep first
                q.sendline("kestrel")
                q.expect(LP + r"KTEST fs_console_read PASS", COMMAND_TIMEOUT)
                status = q.wait_exit(POWEROFF_TIMEOUT)
                if status != 0:
                    problems.append(describe_status(status) + " (expected 0)")
            except QemuError as e:
                problems.append(first_line(e))
        note = panic_note(q.output)
        if note:
            problems.append(note)
        return Outcome([Result(name, not problems, clean("; ".join(problems), 300))],
                       q.output, q.log_path, q.argv, time.monotonic() - t0)

    return Job(name, [name], run)


def corrupt_archive():
    """A good archive cut in the middle of a member's data."""
    good = initrd_mod.archive()
    return good[:300000]


# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# suite 7: user space (user/, docs/usertests.md)
#
# usertests/host runs build/user/usertests under qemu-riscv64 on this host
# in a staging copy of the initramfs (build/usertests-root), so every test
# is checked against Linux itself.  Tests that exec other riscv64 programs
# need qemu-riscv64 registered with binfmt_misc: the harness registers it
# (as root) unless KESTREL_NO_BINFMT=1; without it usertests skips them and
# says so.  usertests/smp4 boots Kestrel with the initramfs and runs every
# test (quick and slow) in the guest on 4 harts; usertests/smp1 runs the
# quick group on one hart.

QEMU_USER = os.environ.get("KESTREL_QEMU_USER", "qemu-riscv64")
USER_DIR = ROOT / "build" / "user"
STAGE_DIR = ROOT / "build" / "usertests-root"
INITRAMFS = ROOT / "build" / "initramfs.cpio"
INITRAMFS_LIST = ROOT / "user" / "initramfs.list"
HOST_USERTESTS_TIMEOUT = 300
HOST_SMALL_TIMEOUT = 60
GUEST_USERTESTS_TIMEOUT = 600
# -T 3: per-test limits x3 (90 s): 4 vCPUs on a busy 2-core host wait for
# the host scheduler at every cross-hart hand-off.
GUEST_USERTESTS_ARGS = {4: 'init.args="usertests -a -T 3"', 1: 'init.args="usertests -T 3"',
                        2: 'init.args="usertests -T 3"'}
BENCH_METRICS = 31

UT_LINE = re.compile(r"(?:^|\s)(?P<name>[A-Za-z0-9_]+): (?P<v>OK|FAIL|SKIP)"
                     r"(?: -- (?P<note>.*)| \((?P<why>.*)\))?\r?$")
UT_SUMMARY = re.compile(
    r"usertests: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$")
RISCV64_MAGIC = "7f454c460201010000000000000000000200f300"
BINFMT_DIR = "/proc/sys/fs/binfmt_misc"
BINFMT_CONF = "/usr/lib/binfmt.d/qemu-riscv64.conf"

_binfmt_lock = threading.Lock()
_binfmt_state = []


def _binfmt_registered():
    try:
        names = os.listdir(BINFMT_DIR)
    except OSError:
        return False
    for name in names:
        try:
            with open(os.path.join(BINFMT_DIR, name)) as f:
                text = f.read()
        except OSError:
            continue
        if text.startswith("enabled") and RISCV64_MAGIC in text:
            return True
    return False


def ensure_binfmt():
    """Make the host exec riscv64 programs through qemu-riscv64 (binfmt_misc),
    as systemd-binfmt would at boot.  Returns None if it can, else why not.
    Done once per harness run."""
    with _binfmt_lock:
        if _binfmt_state:
            return _binfmt_state[0]
        why = None
        if _binfmt_registered():
            pass
        elif os.environ.get("KESTREL_NO_BINFMT") == "1":
            why = "KESTREL_NO_BINFMT=1"
        elif os.geteuid() != 0:
            why = "not root, cannot register qemu-riscv64 with binfmt_misc"
        elif not os.path.isfile(BINFMT_CONF):
            why = "%s missing (package qemu-user)" % BINFMT_CONF
        else:
            try:
                if not os.path.exists(os.path.join(BINFMT_DIR, "register")):
                    subprocess.run(["mount", "-t", "binfmt_misc", "binfmt_misc",
                                    BINFMT_DIR], check=True, capture_output=True)
                with open(BINFMT_CONF) as f:
                    line = f.read().strip()
                with open(os.path.join(BINFMT_DIR, "register"), "w") as f:
                    f.write(line)
            except (OSError, subprocess.CalledProcessError) as e:
                why = "registering binfmt_misc failed: %s" % first_line(e)
            if why is None and not _binfmt_registered():
                why = "binfmt_misc registration did not take"
        _binfmt_state.append(why)
        return why


def host_run(job_name, argv, timeout):
    """Run a host program in its own session; (output, status, error).
    Output is stdout and stderr together; the log gets a footer."""
    path = log_path(job_name)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            cwd=str(ROOT), start_new_session=True)
    guard = _ProcGroup(proc)
    error = None
    try:
        qemu_mod.register_cleanup(guard)
    except QemuError:
        guard.kill()
    try:
        try:
            raw, _ = proc.communicate(timeout=scaled(timeout))
        except subprocess.TimeoutExpired:
            guard.kill()
            raw, _ = proc.communicate()
            error = "timed out after %.0f s" % scaled(timeout)
    finally:
        qemu_mod.unregister_cleanup(guard)
    out = raw.decode("latin-1")
    with open(path, "w", encoding="latin-1") as f:
        f.write(out)
        f.write("\n--- command: %s\n--- %s\n" % (
            " ".join(qemu_mod.shell_quote(a) for a in argv),
            error or describe_status(proc.returncode)))
    return out, proc.returncode, error


def user_prereq(*files):
    if not (shutil.which(QEMU_USER) or os.path.isfile(QEMU_USER)):
        return "prerequisite missing: %s not found (package qemu-user)" % QEMU_USER
    for f in files:
        if not os.path.isfile(f):
            return "prerequisite missing: %s not found (make user initramfs)" % f
    return None


_stage_lock = threading.Lock()
_stage_state = []


def stage_root():
    """Build the host staging tree from user/initramfs.list, once per harness
    run (the host jobs share it); None or why not."""
    with _stage_lock:
        if not _stage_state:
            _stage_state.append(_stage_root())
        return _stage_state[0]


def _stage_root():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "mkcpio.py"),
         "--stage", str(STAGE_DIR), "--shebang-prefix", str(STAGE_DIR),
         "-D", "UB=build/user", "-D", "US=user", str(INITRAMFS_LIST)],
        cwd=str(ROOT), capture_output=True, text=True)
    if proc.returncode != 0:
        return "staging failed: " + (proc.stderr.strip() or "mkcpio.py failed")
    return None


def list_usertests(quick=False):
    """Test names from `usertests -l` (run on the host), or [] if that fails."""
    binary = USER_DIR / "usertests"
    if user_prereq(binary):
        return []
    try:
        proc = subprocess.run([QEMU_USER, str(binary), "-l"] + ([] if quick else ["-a"]),
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [ln.split()[0] for ln in proc.stdout.splitlines() if ln.strip()]


def parse_usertests(out, prefix, expected=()):
    """Results, notes and problems from usertests' lines (anywhere in a
    line: a guest console may prefix them).  expected: the names that
    `usertests -l` listed, each of which must report."""
    results, notes, verbose_notes, problems = [], [], [], []
    seen = {}
    summary = None
    for ln in lines_of(out):
        m = UT_SUMMARY.search(ln)
        if m:
            summary = tuple(int(g or 0) for g in m.groups())
            continue
        m = UT_LINE.search(ln)
        if not m:
            continue
        verdict = {"OK": "PASS"}.get(m.group("v"), m.group("v"))
        name = "%s/%s" % (prefix, m.group("name"))
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            problems.append("%s reported %d times" % (name, seen[name]))
            continue
        if verdict == "SKIP":
            notes.append("%s skipped: %s" % (name, m.group("why") or ""))
        elif verdict == "PASS":
            results.append(Result(name, True))
            if m.group("note"):
                verbose_notes.append("%s: %s" % (name, m.group("note")))
        else:
            results.append(Result(name, False, clean(m.group("why") or "FAIL", 300)))
    missing = [n for n in expected if n not in seen]
    if missing:
        problems.append("%d tests never reported: %s" % (
            len(missing), " ".join(n.rsplit("/", 1)[1] for n in missing[:8])))
    counts = (sum(r.ok for r in results), sum(not r.ok for r in results),
              len(notes))
    if summary is None:
        problems.append("no 'usertests: N passed, M failed' summary")
    elif summary != counts:
        problems.append("summary says %d passed, %d failed, %d skipped but the "
                        "lines say %d, %d, %d" % (summary + counts))
    return results, notes, verbose_notes, problems


def host_usertests_job():
    prefix = "host/usertests"
    name = "usertests/host"
    binary = USER_DIR / "usertests"

    def run():
        t0 = time.monotonic()
        why = user_prereq(binary, INITRAMFS_LIST)
        if why:
            return Outcome(all_failed([prefix + "/summary"], why))
        why = stage_root()
        if why:
            return Outcome(all_failed([prefix + "/summary"], why))
        notes = []
        no_exec = ensure_binfmt()
        if no_exec:
            notes.append("%s: exec tests not run on this host: %s" % (prefix, no_exec))
        argv = [QEMU_USER, str(binary), "-a", "-H", "-r", str(STAGE_DIR)]
        out, status, error = host_run(name, argv, HOST_USERTESTS_TIMEOUT)
        results, skips, verbose_notes, problems = parse_usertests(out, prefix, names)
        if error:
            problems.append(error)
        elif status != (1 if any(not r.ok for r in results) else 0):
            problems.append(describe_status(status))
        results.append(Result(prefix + "/summary", not problems,
                              clean("; ".join(problems), 300)))
        return Outcome(results, out, log_path(name), argv, time.monotonic() - t0,
                       notes + skips, verbose_notes)

    names = ["%s/%s" % (prefix, n) for n in list_usertests()]
    return Job(name, names + [prefix + "/summary"], run)


def host_init_job():
    """init on the host: runs usertests -l through its usertests mode and
    must refuse to power off (it is not pid 1)."""
    name = "host/init"

    def run():
        t0 = time.monotonic()
        why = user_prereq(USER_DIR / "init", USER_DIR / "usertests")
        if why:
            return Outcome(all_failed([name], why))
        why = stage_root()
        if why:
            return Outcome(all_failed([name], why))
        why = ensure_binfmt()
        if why:   # init has to exec usertests
            return Outcome([], notes=["%s not run on this host: %s" % (name, why)])
        argv = [QEMU_USER, str(USER_DIR / "init"), "-r", str(STAGE_DIR),
                "usertests", "-l"]
        out, status, error = host_run(name, argv, HOST_SMALL_TIMEOUT)
        problems = []
        for pattern in (r"^init: \S+ .*pid \d+", r"^mem_sbrk quick",
                        r"^init: usertests exited with status 0",
                        r"^init: not pid 1, not powering off"):
            if not re.search(pattern, out, re.M):
                problems.append("no match for /%s/" % pattern)
        return single_outcome(name, problems, error, status, out, log_path(name), argv, t0)

    return Job(name, [name], run)


def host_bench_job():
    """bench on the host, one run per metric: every metric prints a row."""
    name = "host/bench"

    def run():
        t0 = time.monotonic()
        why = user_prereq(USER_DIR / "bench")
        if why:
            return Outcome(all_failed([name], why))
        why = stage_root()
        if why:
            return Outcome(all_failed([name], why))
        ensure_binfmt()
        argv = [QEMU_USER, str(USER_DIR / "bench"), "-n", "1", "-r", str(STAGE_DIR)]
        out, status, error = host_run(name, argv, HOST_SMALL_TIMEOUT)
        rows = re.findall(r"^bench: .*(?: us  \(min | not available \()", out, re.M)
        problems = []
        if len(rows) != BENCH_METRICS:
            problems.append("%d metric rows, expected %d" % (len(rows), BENCH_METRICS))
        return single_outcome(name, problems, error, status, out, log_path(name), argv, t0)

    return Job(name, [name], run)


def initramfs_job():
    """build/initramfs.cpio lists what user/initramfs.list says, byte for byte."""
    name = "initramfs/contents"

    def run():
        if not INITRAMFS.is_file():
            return Outcome(all_failed([name], "prerequisite missing: %s (make initramfs)"
                                      % INITRAMFS))
        proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "mkcpio.py"),
                               "--check", str(INITRAMFS), "-D", "UB=build/user",
                               "-D", "US=user", str(INITRAMFS_LIST)],
                              cwd=str(ROOT), capture_output=True, text=True)
        ok = proc.returncode == 0
        return Outcome([Result(name, ok, "" if ok else clean(
            (proc.stderr or proc.stdout).strip(), 300))])

    return Job(name, [name], run)


def guest_usertests_job(kernel, cpus=4, release=False, rootfs=False):
    """usertests in the guest; release: on the DEBUG=0 kernel (quick group,
    2 harts) -- a check compiled out there (BUG_ON) must not take a side
    effect with it, and only running that kernel shows it.  rootfs: booted
    from a copy of the root image (build/fs.img, root=/dev/vda, no
    initramfs) with the scratch directory on the disk (/root), then the
    image must be clean for e2fsck -fn and marked clean (power-off made it
    read-only)."""
    tag = "release-" if release else "rootfs-" if rootfs else ""
    prefix = "%ssmp%d/usertests" % (tag, cpus)
    name = "usertests/%ssmp%d" % (tag, cpus)
    image = DISK_DIR / ("rootfs-smp%d.img" % cpus)

    def boot_args():
        if not rootfs:
            return GUEST_USERTESTS_ARGS[cpus], ["-initrd", str(INITRAMFS)]
        DISK_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FS_IMG, image)
        return ('root=/dev/vda init.args="usertests -a -n -T 3 -s /root"', disk_args(image))

    def run():
        t0 = time.monotonic()
        need = FS_IMG if rootfs else INITRAMFS
        why = qemu_prereq(kernel) or (None if need.is_file() else
                                      "prerequisite missing: %s" % need)
        if not why and rootfs:
            why = mkfs_prereq()
        if why:
            return Outcome(all_failed([prefix + "/summary"], why))
        bootargs, extra = boot_args()
        q = Qemu(kernel, cpus=cpus, mem="512M", bootargs=bootargs,
                 extra_args=extra, log=log_path(name))
        status, error = None, None
        with q:
            try:
                status = q.wait_exit(GUEST_USERTESTS_TIMEOUT)
            except QemuTimeout as e:
                error = first_line(e)
        out = q.output
        results, skips, verbose_notes, problems = parse_usertests(out, prefix, names)
        note = panic_note(out)
        if note:
            problems.append(note)
        problems += ["lockdep report: " + ln.strip() for ln in lines_of(out)
                     if "lockdep:" in ln][:1]
        # A pending test (UTEST_PENDING: Kestrel lacks a feature) may skip;
        # any other skip in the guest is a problem (init mounts /proc, so
        # UT_NEEDS_PROC tests run; docs/usertests.md).
        unexpected = [s for s in skips if ": pending: " not in s]
        if unexpected:
            problems.append("%d tests skipped in the guest" % len(unexpected))
        if error:
            problems.append(error)
        elif status != 0:
            problems.append(describe_status(status) + " (expected 0: init powers off)")
        results.append(Result(prefix + "/summary", not problems,
                              clean("; ".join(problems), 300)))
        if rootfs:
            log = []
            results.append(fsck_result(prefix + "/e2fsck", image, log))
            state = re.search(r"Filesystem state:\s*(.*)",
                              subprocess.run([e2fs_tool("dumpe2fs") or "dumpe2fs", "-h",
                                              str(image)], capture_output=True,
                                             text=True).stdout)
            state = state.group(1).strip() if state else "unknown"
            results.append(Result(prefix + "/clean-shutdown", state == "clean",
                                  "" if state == "clean" else
                                  "the image's state after power-off is %r" % state))
            out += "\n" + "\n".join(log)
        return Outcome(results, out, q.log_path, q.argv, time.monotonic() - t0,
                       skips, verbose_notes)

    names = ["%s/%s" % (prefix, n) for n in list_usertests(quick=cpus != 4)]
    extra = [prefix + "/e2fsck", prefix + "/clean-shutdown"] if rootfs else []
    return Job(name, names + [prefix + "/summary"] + extra, run)


# ---------------------------------------------------------------------------
# suite: shell and commands (docs/shell.md, docs/commands.md)
#
# transcripts/host   tests/cmd/*.t with the host's /bin/sh and tests/sh/*.t
#                    with our sh, PATH = build/user/bin only (binfmt_misc
#                    runs the riscv64 programs through qemu-riscv64)
# transcripts/smp4   the same files inside Kestrel: each becomes a script
#                    in a copy of the root image, run by our /bin/sh as
#                    pid 1 (init=/bin/sh) in a directory of the ext3 disk,
#                    its output through a pipe (not the console: ls must
#                    see a non-tty as on the host), read off the console
# shell/smp4         the interactive shell on the console, started by
#                    /sbin/init from the root image: prompt, pipelines,
#                    redirections, status logic, background jobs, history
#                    recall, ^C, ps, ls -l, a script, poweroff

sys.path.insert(0, str(ROOT / "tests"))
import cram                                                    # noqa: E402

TRANSCRIPT_DIRS = (("cmd", ROOT / "tests" / "cmd"), ("sh", ROOT / "tests" / "sh"))
USER_BIN = USER_DIR / "bin"
FS_STAGE = ROOT / "build" / "fs-stage"
SHELL_TIMEOUT = 600


def transcript_files():
    return [(suite, f) for suite, d in TRANSCRIPT_DIRS for f in sorted(d.glob("*.t"))]


def host_transcripts_job():
    name = "transcripts/host"
    files = transcript_files()
    names = ["host/%s/%s" % (suite, f.stem) for suite, f in files]

    def run():
        t0 = time.monotonic()
        why = user_prereq(USER_BIN / "sh") or ensure_binfmt()
        if why:
            return Outcome(all_failed(names, why))
        results, log = [], []
        for (suite, f), test in zip(files, names):
            shell = ["/bin/sh"] if suite == "cmd" else [str(USER_BIN / "sh")]
            ok, diff, raw = cram.run_file(str(f), shell, [str(USER_BIN)])
            results.append(Result(test, ok, "" if ok else clean(diff.replace("\n", " | "), 400)))
            log.append("=== %s (%s)\n%s\n%s" % (test, shell[0], raw, diff))
        path = log_path(name)
        with open(path, "w", encoding="latin-1") as fh:
            fh.write("\n".join(log))
        return Outcome(results, "\n".join(log), path, ["cram.py"], time.monotonic() - t0)

    return Job(name, names, run)


# transcripts/net-host  tests/net/*.t (the network commands, docs/net-tools.md)
#                       on the host over loopback with the host's /bin/sh:
#                       each file uses its own ports (18000-18099) and ends
#                       the servers it starts
NET_TRANSCRIPT_DIR = ROOT / "tests" / "net"


def net_host_transcripts_job():
    name = "transcripts/net-host"
    files = sorted(NET_TRANSCRIPT_DIR.glob("*.t"))
    names = ["net-host/%s" % f.stem for f in files]

    def run():
        t0 = time.monotonic()
        why = user_prereq(*(USER_BIN / n for n in ("nc", "httpd", "wget", "netstat"))) or \
            ensure_binfmt()
        if why:
            return Outcome(all_failed(names, why))
        results, log = [], []
        for f, test in zip(files, names):
            ok, diff, raw = cram.run_file(str(f), ["/bin/sh"], [str(USER_BIN)])
            results.append(Result(test, ok, "" if ok else clean(diff.replace("\n", " | "), 400)))
            log.append("=== %s\n%s\n%s" % (test, raw, diff))
        path = log_path(name)
        with open(path, "w", encoding="latin-1") as fh:
            fh.write("\n".join(log))
        return Outcome(results, "\n".join(log), path, ["cram.py"], time.monotonic() - t0)

    return Job(name, names, run)


GUEST_RUNNER = """\
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=1777 tmpfs /tmp
export PATH=/bin LC_ALL=C TERM=dumb
for t in /tests/*.sh; do
    n=${t##*/}; n=${n%.sh}
    mkdir -p /root/cram/$n
    echo "@@BEGIN $n"
    (cd /root/cram/$n && HOME=/root/cram/$n TESTDIR=/tests exec sh $t </dev/null 2>&1) | cat
    echo "@@END $n $?"
done
echo "@@ALL DONE"
poweroff -f
"""


def build_transcript_image(image, files, log):
    """A copy of the root tree plus /tests/<suite>-<name>.sh, made with mkfs."""
    stage = DISK_DIR / "transcripts-stage"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(FS_STAGE, stage, symlinks=True)
    tests = stage / "tests"
    tests.mkdir()
    for suite, f in files:
        (tests / ("%s-%s.sh" % (suite, f.stem))).write_text(cram.script_of(cram.parse(str(f))))
    (stage / "run-transcripts").write_text(GUEST_RUNNER)
    status, out = run_mkfs(["-q", "-s", "256M", "-L", "kestrel", "-d", str(stage), str(image)],
                           log)
    return None if status == 0 else "mkfs failed: " + clean(out, 200)


def guest_transcripts_job(kernel, cpus=4):
    """Every transcript inside Kestrel, the network ones (tests/net, loopback
    only) included, run by our sh as pid 1 on the ext3 disk."""
    name = "transcripts/smp%d" % cpus
    files = transcript_files() + [("net", f) for f in sorted(NET_TRANSCRIPT_DIR.glob("*.t"))]
    names = ["smp%d/%s/%s" % (cpus, suite, f.stem) for suite, f in files]
    image = DISK_DIR / ("transcripts-smp%d.img" % cpus)

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel) or mkfs_prereq() or (
            None if FS_STAGE.is_dir() else "prerequisite missing: %s (make fs.img)" % FS_STAGE)
        log = []
        if not why:
            DISK_DIR.mkdir(parents=True, exist_ok=True)
            why = build_transcript_image(image, files, log)
        if why:
            return Outcome(all_failed(names + [name + "/summary"], why))
        q = Qemu(kernel, cpus=cpus, mem="512M",
                 bootargs='root=/dev/vda loglevel=4 init=/bin/sh init.args=/run-transcripts',
                 extra_args=disk_args(image), log=log_path(name))
        problems = []
        with q:
            try:
                q.wait_exit(SHELL_TIMEOUT)
            except QemuError as e:
                problems.append(first_line(e))
        out = q.output.replace("\r\n", "\n")
        if "@@ALL DONE" not in out:
            problems.append("the runner did not finish")
        results = []
        for (suite, f), test in zip(files, names):
            key = "%s-%s" % (suite, f.stem)
            m = re.search(r"^@@BEGIN %s\n(.*?)^@@END %s (\d+)$" % (re.escape(key), re.escape(key)),
                          out, re.S | re.M)
            if not m:
                results.append(Result(test, False, "no output (the run stopped before it)"))
                continue
            ok, diff = cram.check(cram.parse(str(f)), m.group(1))
            results.append(Result(test, ok, "" if ok else clean(diff.replace("\n", " | "), 400)))
        note = panic_note(q.output)
        if note:
            problems.append(note)
        results.append(Result(name + "/summary", not problems, clean("; ".join(problems), 300)))
        return Outcome(results, q.output, q.log_path, q.argv, time.monotonic() - t0)

    return Job(name, names + [name + "/summary"], run)


def disk_args(image):
    return ["-global", "virtio-mmio.force-legacy=false",
            "-drive", "file=%s,if=none,format=raw,id=hd0" % image,
            "-device", "virtio-blk-device,drive=hd0"]


def make_qemu_job():
    """`make qemu` itself, as a user types it: the Makefile's QEMU command line
    boots the root image to the shell prompt, and poweroff ends it (exit 0)."""
    name = "make-qemu"

    def run():
        import socket as socket_mod
        t0 = time.monotonic()
        if not FS_IMG.is_file():
            return Outcome(all_failed([name], "prerequisite missing: %s" % FS_IMG))
        DISK_DIR.mkdir(parents=True, exist_ok=True)
        image = DISK_DIR / "make-qemu.img"
        shutil.copyfile(FS_IMG, image)
        with socket_mod.socket() as sk:          # a free port for the host forward
            sk.bind(("127.0.0.1", 0))
            port = sk.getsockname()[1]
        argv = ["make", "--no-print-directory", "qemu", "DISK=%s" % image,
                "HOSTFWD=%d" % port]
        proc = subprocess.Popen(argv, cwd=str(ROOT), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        guard = _ProcGroup(proc)
        out, problems = b"", []
        try:
            qemu_mod.register_cleanup(guard)
            os.set_blocking(proc.stdout.fileno(), False)
            deadline = time.monotonic() + scaled(PROMPT_TIMEOUT * 2)
            sent = False
            while proc.poll() is None and time.monotonic() < deadline:
                chunk = proc.stdout.read() or b""
                out += chunk
                if not sent and re.search(rb"\n[^\n]*# $", out):
                    proc.stdin.write(b"poweroff\r")
                    proc.stdin.flush()
                    sent = True
                    deadline = time.monotonic() + scaled(POWEROFF_TIMEOUT)
                time.sleep(0.05)
            out += proc.stdout.read() or b""
            if proc.poll() is None:
                problems.append("no shell prompt" if not sent else "poweroff did not end QEMU")
                guard.kill()
            elif proc.returncode != 0:
                problems.append("make qemu exited with status %d" % proc.returncode)
            elif not sent:
                problems.append("QEMU ended before a shell prompt")
        finally:
            qemu_mod.unregister_cleanup(guard)
            if proc.poll() is None:
                guard.kill()
        text = out.decode("latin-1")
        path = log_path(name)
        with open(path, "w", encoding="latin-1") as f:
            f.write(text + "\n--- command: %s\n" % " ".join(argv))
        return Outcome([Result(name, not problems, clean("; ".join(problems), 300))],
                       text, path, argv, time.monotonic() - t0)

    return Job(name, [name], run)


# The interactive session: (what to type, regexes that must appear before
# the next prompt).  PS1 is set to a fixed marker first.  A (line, keys)
# pair types the line, waits a second and then sends keys (^C, ^Z, input
# for the job); the time from a ^C to the next prompt is measured.
SHELL_PROMPT = r"kestrel\$ "
INTR_LATENCY_LIMIT = 1.0    # seconds from ^C to the prompt (issue 7), before scaling
SHELL_STEPS = (
    ("hostname", (r"^kestrel\r?$",)),
    ("ps", (r"^\s+PID TTY\s+TIME CMD\r?$", r"^\s+\d+ \S+\s+\d\d:\d\d:\d\d sh\r?$")),
    ("cat /etc/rc | grep hostname | wc -l", (r"^1\r?$",)),
    ("echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f", (r"^one\r?$", r"^two\r?$")),
    ("ls /nonexistent 2> /tmp/err; cat /tmp/err", (r"ls: cannot access '/nonexistent': No such file or directory",)),
    ("true && echo and-ok || echo and-bad", (r"^and-ok\r?$",)),
    ("false && echo and-bad || echo or-ok", (r"^or-ok\r?$",)),
    ("no-such-command; echo status=$?", (r"sh: no-such-command: \S", r"^status=127\r?$")),
    ("for i in 1 2 3; do echo loop$i; done | tail -n 1", (r"^loop3\r?$",)),
    ("printf 'n=0\\nwhile [ $n -lt 3 ]; do n=$((n+1)); done\\necho script=$n\\n' > /tmp/s.sh; sh /tmp/s.sh",
     (r"^script=3\r?$",)),
    ("sleep 1 & wait $!; echo waited=$?", (r"^\[1\] \d+\r?$", r"^waited=0\r?$")),
    ("echo 'single $HOME' \"double $HOME\" back\\ slash", (r"^single \$HOME double /root back slash\r?$",)),
    ("ls -l /etc/motd", (r"^-rw-r--r-- 1 root root\s+\d+ \w{3} [ \d]\d (?:[ \d]\d:\d\d| \d{4}) /etc/motd\r?$",)),
    ("\x1b[A", (r"^-rw-r--r-- .* /etc/motd\r?$",)),   # history: up recalls ls -l
    # job control (issue 7): ^C, ^Z, jobs, bg, fg, kill %N, SIGTTIN, traps
    ((None, "echo partial\x03"), (r"echo partial\^C\r?$",)),   # ^C at the prompt drops the line
    ("echo next", (r"^next\r?$",)),
    (("sleep 100", "\x03"), (r"\^C\r?\n",)),            # ^C: SIGINT to the foreground job
    (("while :; do sleep 1; done", "\x03"), ()),        # ^C ends the whole loop
    (("true | sleep 100", "\x03"), ()),                 # first stage gone: the group still has the tty
    (("sleep 100 | cat", "\x03"), ()),
    (("sleep 100", "\x1a"), (r"^\[1\]\+  Stopped\s+sleep 100\r?$",)),   # ^Z
    ("jobs", (r"^\[1\]\+  Stopped\s+sleep 100\r?$",)),
    ("bg", (r"^\[1\]\+ sleep 100 &\r?$",)),
    ("jobs", (r"^\[1\]\+  Running\s+sleep 100 &\r?$",)),
    ("kill %1; sleep 0.5", (r"^\[1\]\+  Terminated\s+sleep 100\r?$",)),
    ("cat &", (r"^\[1\] \d+\r?$",)),
    ("sleep 1", (r"^\[1\]\+  Stopped \(tty input\)\s+cat\r?$",)),   # SIGTTIN
    (("fg", "hello\r\x04"), (r"^cat\r?$", r"^hello\r?$")),           # fg: cat reads the tty
    (("sleep 2", "\x1a"), (r"^\[1\]\+  Stopped\s+sleep 2\r?$",)),
    ("fg; echo fg=$?", (r"^sleep 2\r?$", r"^fg=0\r?$")),
    ("jobs; echo none", (r"^none\r?$",)),
    ("sh -c 'kill -SEGV $$'; echo status=$?", (r"^Segmentation fault", r"^status=139\r?$")),
    ("trap 'echo caught USR1' USR1; kill -USR1 $$; trap - USR1", (r"^caught USR1\r?$",)),
    (("sleep 100", "\x1a"), (r"^\[1\]\+  Stopped\s+sleep 100\r?$",)),
    ("exit", (r"^sh: there are stopped jobs\r?$",)),     # a stopped job: exit warns once
)


def shell_session(q):
    """Drive the console; a list of problems. The ^C-to-prompt latency is
    printed (stdout) and typed into the console log as a comment."""
    def shell_step(q, cmd, problems, latencies):
        """Type one step; wait for the next prompt."""
        if isinstance(cmd, tuple):
            line, keys = cmd
            if line is not None:            # None: only the keys, at the prompt
                q.sendline(line)
                time.sleep(1.0)
            q.send(keys)
            t = time.monotonic()
            q.expect(SHELL_PROMPT, 2 * COMMAND_TIMEOUT)
            if keys == "\x03":
                took = time.monotonic() - t
                latencies.append(took)
                if took > scaled(INTR_LATENCY_LIMIT):
                    problems.append("^C took %.2f s to end %r" % (took, line))
            return
        if cmd.startswith("\x1b"):
            q.send(cmd + "\r")                   # recall the last command and run it
            q.expect(SHELL_PROMPT, 2 * COMMAND_TIMEOUT)   # (the redrawn line shows a prompt too)
        else:
            q.sendline(cmd)
        q.expect(SHELL_PROMPT, 2 * COMMAND_TIMEOUT)

    problems, latencies = [], []
    q.expect(r"# ", PROMPT_TIMEOUT)
    q.sendline("PS1='kes''trel$ '")            # its echo must not match the prompt
    q.expect(SHELL_PROMPT, COMMAND_TIMEOUT)
    for cmd, want in SHELL_STEPS:
        start = q.cursor
        shell_step(q, cmd, problems, latencies)
        text = q.output[start:q.cursor]
        label = (cmd[0] or cmd[1]) if isinstance(cmd, tuple) else cmd
        for pat in want:
            if not re.search(pat, text, re.M):
                problems.append("%r: no line matching %r" % (label[:40], pat))
    if latencies:
        note = "^C to prompt: %s s (max %.3f)" % (" ".join("%.3f" % x for x in latencies),
                                                  max(latencies))
        print("note: shell: " + note, flush=True)
        q.sendline(": '%s'" % note)
        q.expect(SHELL_PROMPT, COMMAND_TIMEOUT)
    q.sendline("poweroff")
    status = q.wait_exit(POWEROFF_TIMEOUT)
    if status != 0:
        problems.append("poweroff: " + describe_status(status))
    return problems


def guest_shell_job(kernel, cpus=4):
    name = "shell/smp%d" % cpus
    image = DISK_DIR / ("shell-smp%d.img" % cpus)

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel) or (None if FS_IMG.is_file() else
                                      "prerequisite missing: %s" % FS_IMG)
        if why:
            return Outcome(all_failed([name], why))
        DISK_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FS_IMG, image)
        q = Qemu(kernel, cpus=cpus, mem="512M", bootargs="root=/dev/vda",
                 extra_args=disk_args(image), log=log_path(name))
        with q:
            try:
                problems = shell_session(q)
            except QemuError as e:
                problems = [first_line(e)]
        note = panic_note(q.output)
        if note:
            problems.append(note)
        log = []
        fsck = fsck_result(name + "/e2fsck", image, log)
        if not fsck.ok:
            problems.append(fsck.reason)
        return Outcome([Result(name, not problems, clean("; ".join(problems), 400))],
                       q.output + "\n".join(log), q.log_path, q.argv, time.monotonic() - t0)

    return Job(name, [name], run)


# ---------------------------------------------------------------------------
# the network end to end (issue 9): the host's curl fetches 16 MiB from the
# guest's httpd through QEMU's forwarded port; the guest's wget fetches a
# file from an HTTP server on the host (QEMU's guestfwd: the guest's
# 10.0.2.100:80 is the host's server; restrict=on keeps the guest away from
# everything else); the guest pings the gateway; eth0 is configured by
# init's DHCP client. Booted from a copy of the root image, e2fsck after.

NET_GUEST_FILE_MIB = 16
NET_HOST_FILE_BYTES = 3 * 1024 * 1024 + 12345


def _free_port():
    import socket as socket_mod
    with socket_mod.socket() as sk:
        sk.bind(("127.0.0.1", 0))
        return sk.getsockname()[1]


class _HostHttp:
    """A threaded HTTP server on 127.0.0.1 serving one directory."""
    def __init__(self, directory):
        import functools
        import http.server
        import threading
        handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                    directory=str(directory))
        handler.log_message = lambda *a, **k: None
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def httpd_rates(port, seconds=3.0):
    """The guest's httpd seen from the host through the forwarded port:
    keep-alive requests per second (about one TCP round trip each) and new
    connections per second (one GET each). Notes only, never a failure."""
    import http.client
    out = []
    for keepalive in (True, False):
        n, t0 = 0, time.monotonic()
        conn = None
        try:
            while time.monotonic() - t0 < seconds:
                if conn is None or not keepalive:
                    if conn is not None:
                        conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", "/small", headers={} if keepalive else
                             {"Connection": "close"})
                conn.getresponse().read()
                n += 1
        except (OSError, http.client.HTTPException) as e:
            out.append("httpd rate: %s" % e)
            break
        finally:
            if conn is not None:
                conn.close()
        took = time.monotonic() - t0
        out.append("httpd from the host: %.0f %s/s" %
                   (n / took, "keep-alive requests" if keepalive else "connections"))
    return out


def net_e2e_session(q, fwd_port, host_md5, problems, notes):
    """Drive the guest shell through the end-to-end steps."""
    def run(cmd, timeout=COMMAND_TIMEOUT):
        start = q.cursor
        q.sendline(cmd)
        q.expect(SHELL_PROMPT, timeout)
        return q.output[start:q.cursor]

    q.expect(r"# ", PROMPT_TIMEOUT)
    q.sendline("PS1='kes''trel$ '")
    q.expect(SHELL_PROMPT, COMMAND_TIMEOUT)
    out = run("ifconfig eth0")
    if not re.search(r"inet 10\.0\.2\.15\b", out):
        problems.append("eth0 has no DHCP address: " + clean(out, 200))
    # the guest serves NET_GUEST_FILE_MIB MiB of random bytes
    run("mkdir -p /tmp/www && dd if=/dev/urandom of=/tmp/www/big bs=1M count=%d 2>/dev/null"
        % NET_GUEST_FILE_MIB, 4 * COMMAND_TIMEOUT)
    out = run("md5sum /tmp/www/big", 4 * COMMAND_TIMEOUT)
    m = re.search(r"^([0-9a-f]{32})\s+/tmp/www/big", out, re.M)
    guest_md5 = m.group(1) if m else None
    if not guest_md5:
        problems.append("no md5sum of the guest's file")
    run("echo hello > /tmp/www/small; httpd -p 80 -d /tmp/www &")
    time.sleep(0.5)
    dest = DISK_DIR / "net-e2e-curl.bin"
    t = time.monotonic()
    curl = subprocess.run(["curl", "-sS", "--max-time", str(int(scaled(120))), "-o", str(dest),
                           "http://127.0.0.1:%d/big" % fwd_port], capture_output=True, text=True)
    took = time.monotonic() - t
    if curl.returncode != 0:
        problems.append("curl: exit %d %s" % (curl.returncode, clean(curl.stderr, 200)))
    else:
        import hashlib
        got = hashlib.md5(dest.read_bytes()).hexdigest()
        if got != guest_md5:
            problems.append("curl got md5 %s, the guest's file is %s" % (got, guest_md5))
        else:
            notes.append("curl %d MiB from the guest in %.2f s (%.1f MB/s)"
                         % (NET_GUEST_FILE_MIB, took, NET_GUEST_FILE_MIB * 1.048576 / took))
    if dest.exists():
        dest.unlink()
    notes.extend(httpd_rates(fwd_port))
    # the guest fetches from the host's server
    t = time.monotonic()
    out = run("wget -q -O /tmp/got http://10.0.2.100/hostfile && md5sum /tmp/got", 4 * COMMAND_TIMEOUT)
    took = time.monotonic() - t
    m = re.search(r"^([0-9a-f]{32})\s+/tmp/got", out, re.M)
    if not m:
        problems.append("wget: " + clean(out, 200))
    elif m.group(1) != host_md5:
        problems.append("wget got md5 %s, the host's file is %s" % (m.group(1), host_md5))
    else:
        notes.append("wget %.1f MiB from the host in %.2f s" % (NET_HOST_FILE_BYTES / 1048576, took))
    # the gateway answers pings (QEMU's user network does)
    out = run("ping -c 3 -i 0.2 10.0.2.2; echo ping=$?", 4 * COMMAND_TIMEOUT)
    m = re.search(r"rtt min/avg/max/mdev = ([\d.]+)/([\d.]+)/", out)
    if re.search(r"^ping=0\r?$", out, re.M) and m:
        notes.append("ping 10.0.2.2 avg %s ms" % m.group(2))
    else:
        problems.append("ping 10.0.2.2: " + clean(out, 200))
    run("kill %1")
    q.sendline("poweroff")
    status = q.wait_exit(POWEROFF_TIMEOUT)
    if status != 0:
        problems.append("poweroff: " + describe_status(status))


def net_e2e_job(kernel, cpus=4):
    name = "net/e2e-smp%d" % cpus
    image = DISK_DIR / ("net-e2e-smp%d.img" % cpus)

    def run():
        import hashlib
        t0 = time.monotonic()
        why = qemu_prereq(kernel) or (None if FS_IMG.is_file() else
                                      "prerequisite missing: %s" % FS_IMG)
        if not why and not shutil.which("curl"):
            why = "curl is not installed (make deps)"
        if why:
            return Outcome(all_failed([name], why))
        DISK_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FS_IMG, image)
        hostdir = DISK_DIR / "net-e2e-www"
        hostdir.mkdir(exist_ok=True)
        data = random.Random(9).randbytes(NET_HOST_FILE_BYTES)
        (hostdir / "hostfile").write_bytes(data)
        host_md5 = hashlib.md5(data).hexdigest()
        server = _HostHttp(hostdir)
        fwd_port = _free_port()
        nic = ["-netdev", "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:%d-:80,"
               "guestfwd=tcp:10.0.2.100:80-tcp:127.0.0.1:%d" % (fwd_port, server.port),
               "-device", "virtio-net-device,netdev=n0"]
        # ip=off: the kernel leaves eth0 alone; init's DHCP client configures it
        q = Qemu(kernel, cpus=cpus, mem="512M", bootargs="root=/dev/vda ip=off",
                 extra_args=disk_args(image) + nic, log=log_path(name))
        problems, notes = [], []
        try:
            with q:
                try:
                    net_e2e_session(q, fwd_port, host_md5, problems, notes)
                except QemuError as e:
                    problems.append(first_line(e))
        finally:
            server.close()
        note = panic_note(q.output)
        if note:
            problems.append(note)
        problems += ["lockdep report: " + ln.strip() for ln in lines_of(q.output)
                     if "lockdep:" in ln][:1]
        log = []
        fsck = fsck_result(name + "/e2fsck", image, log)
        if not fsck.ok:
            problems.append(fsck.reason)
        for n in notes:
            print("note: %s: %s" % (name, n), flush=True)
        reason = "; ".join(problems) if problems else "; ".join(notes)
        return Outcome([Result(name, not problems, clean(reason, 400))],
                       q.output + "\n".join(log), q.log_path, q.argv, time.monotonic() - t0)

    return Job(name, [name], run)


# ---------------------------------------------------------------------------
# docs generated from the source must match it

def abi_doc_job():
    name = "docs/abi.md-current"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    def run():
        lists = [os.path.join(root, "kernel", "syscalls.list")]
        lists += sorted(glob.glob(os.path.join(root, "kernel", "*", "syscalls*.list")))
        proc = subprocess.run(
            [sys.executable, os.path.join(root, "scripts", "gensyscalls.py"), "doc"] + lists,
            capture_output=True, text=True)
        if proc.returncode != 0:
            return Outcome([Result(name, False, "gensyscalls.py failed: " + proc.stderr.strip())])
        with open(os.path.join(root, "docs", "abi.md")) as f:
            current = f.read()
        ok = current == proc.stdout
        return Outcome([Result(name, ok, "" if ok else "stale: run 'make abi-doc' and commit it")])

    return Job(name, [name], run)


# ---------------------------------------------------------------------------
# mkfs: images of the staged tree and of an adversarial tree, checked by
# e2fsprogs (e2fsck -fn must find them clean; debugfs must show the tree)

MKFS = ROOT / "build" / "mkfs" / "mkfs"
FS_IMG = ROOT / "build" / "fs.img"
MKFS_TEST_DIR = ROOT / "build" / "mkfs-test"
MKFS_TIMEOUT = 60
MKFS_EPOCH = "1700000000"
MKFS_SPARSE_SIZE = 5 << 30


def e2fs_tool(name):
    """An e2fsprogs program (often in /usr/sbin, not on a user's PATH), or None."""
    for cand in (shutil.which(name), "/usr/sbin/" + name, "/sbin/" + name):
        if cand and os.path.isfile(cand):
            return cand
    return None


def mkfs_prereq():
    if not MKFS.is_file():
        return "prerequisite missing: %s (make mkfs)" % MKFS
    for tool in ("e2fsck", "debugfs"):
        if not e2fs_tool(tool):
            return "prerequisite missing: %s (package e2fsprogs: make deps)" % tool
    return None


def run_mkfs(args, log):
    """Run build/mkfs/mkfs with a fixed SOURCE_DATE_EPOCH; (status, output)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=MKFS_EPOCH)
    proc = subprocess.run([str(MKFS)] + args, capture_output=True, text=True, env=env,
                          timeout=scaled(MKFS_TIMEOUT))
    log.append("$ mkfs %s\n%s%s" % (" ".join(args), proc.stdout, proc.stderr))
    return proc.returncode, proc.stdout + proc.stderr


def fsck_result(name, image, log):
    proc = subprocess.run([e2fs_tool("e2fsck"), "-fn", str(image)], capture_output=True,
                          text=True, timeout=scaled(MKFS_TIMEOUT))
    log.append("$ e2fsck -fn %s\n%s%s" % (image, proc.stdout, proc.stderr))
    ok = proc.returncode == 0
    return Result(name, ok, "" if ok else "e2fsck -fn exit %d: %s" % (
        proc.returncode, clean(" | ".join(lines_of(proc.stdout)[-4:]), 300)))


def debugfs(image, cmd):
    proc = subprocess.run([e2fs_tool("debugfs"), "-R", cmd, str(image)], capture_output=True,
                          timeout=scaled(MKFS_TIMEOUT))
    return proc.stdout.decode("latin-1")


def mkfs_job(name, build, checks):
    """A job: build(dir) makes the tree and returns mkfs's extra arguments;
    then mkfs, e2fsck -fn (name/fsck) and checks(image, tree) -> problems
    (name/contents)."""
    tests = [name + "/mkfs", name + "/fsck", name + "/contents"]

    def run():
        t0 = time.monotonic()
        why = mkfs_prereq()
        if why:
            return Outcome(all_failed(tests, why))
        work = MKFS_TEST_DIR / name.split("/")[-1]
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        tree, image, log = work / "tree", work / "fs.img", []
        try:
            args = build(tree) + ["-d", str(tree), str(image)]
            status, out = run_mkfs(args, log)
            if status != 0:
                return Outcome(all_failed(tests, "mkfs exit %d: %s" % (status, clean(out, 300))),
                               "\n".join(log), None, None, time.monotonic() - t0)
            results = [Result(tests[0], "warning" not in out, clean(out, 300)),
                       fsck_result(tests[1], image, log)]
            problems = checks(image, tree, log)
        except (OSError, subprocess.SubprocessError) as e:
            return Outcome(all_failed(tests, first_line(e)), "\n".join(log))
        results.append(Result(tests[2], not problems, clean("; ".join(problems[:4]), 400)))
        with open(log_path(name), "w", encoding="latin-1") as f:
            f.write("\n".join(log))
        return Outcome(results, "\n".join(log), log_path(name), None, time.monotonic() - t0)

    return Job(name, tests, run)


def stage_default_tree(tree):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "mkcpio.py"), "--stage",
                           str(tree), "-D", "UB=build/user", "-D", "US=user",
                           str(INITRAMFS_LIST)], cwd=str(ROOT), capture_output=True, text=True)
    if proc.returncode != 0:
        raise OSError("staging failed: " + proc.stderr.strip())
    return ["-s", "128M", "-L", "kestrel"]


def check_default_tree(image, tree, log):
    """Every top-level name is listed; regular files read back byte for
    byte; a second run gives the same image."""
    problems = []
    listing = debugfs(image, "ls -l /")
    log.append(listing)
    for name in sorted(os.listdir(tree)):
        if not re.search(r" %s\s*$" % re.escape(name), listing, re.M):
            problems.append("/%s not in ls -l /" % name)
    files = sorted(str(p.relative_to(tree)) for p in tree.rglob("*")
                   if p.is_file() and not p.is_symlink())
    for rel in files[:12]:
        proc = subprocess.run([e2fs_tool("debugfs"), "-R", "cat /" + rel, str(image)],
                              capture_output=True, timeout=scaled(MKFS_TIMEOUT))
        if proc.stdout != (tree / rel).read_bytes():
            problems.append("/%s reads back different" % rel)
    again = image.with_name("again.img")
    status, out = run_mkfs(["-q", "-s", "128M", "-L", "kestrel", "-d", str(tree), str(again)],
                           log)
    if status != 0 or again.read_bytes() != image.read_bytes():
        problems.append("a second mkfs of the same tree gave a different image")
    again.unlink(missing_ok=True)
    return problems


def build_adversarial_tree(tree):
    """10,000 files in one directory, a 5 GiB sparse file, a 60-deep path,
    255-byte names, symlinks of 59/60/4000 bytes, hard links, a fifo and
    (as root) device nodes."""
    many = tree / "many"
    many.mkdir(parents=True)
    for i in range(10000):
        (many / ("file%05d" % i)).write_bytes(b"%d\n" % i if i % 1000 == 0 else b"")
    with open(tree / "sparse", "wb") as f:
        f.write(b"head")
        f.seek(MKFS_SPARSE_SIZE)
        f.write(b"tail")
    deep = tree.joinpath(*["d%02d" % i for i in range(60)])
    deep.mkdir(parents=True)
    (deep / "leaf").write_bytes(b"deep leaf\n")
    (tree / ("n" * 255)).write_bytes(b"long name\n")
    (tree / ("D" * 255)).mkdir()
    for n, c in ((59, "a"), (60, "b"), (4000, "c")):
        os.symlink(c * n, str(tree / ("s%d" % n)))
    (tree / "sub").mkdir()
    (tree / "hl").write_bytes(b"hard\n")
    os.link(str(tree / "hl"), str(many / "hl2"))
    os.link(str(tree / "hl"), str(tree / "sub" / "hl3"))
    os.mkfifo(str(tree / "fifo"))
    if os.geteuid() == 0:
        os.mknod(str(tree / "null"), 0o20666, os.makedev(1, 3))
        os.mknod(str(tree / "bigdev"), 0o60600, os.makedev(259, 300000))
    (tree / "data").write_bytes(bytes(range(256)) * 20000)
    return ["-s", "256M"]


def check_adversarial_tree(image, tree, log):
    problems = []

    def want(cmd, pattern, what):
        out = debugfs(image, cmd)
        log.append("$ debugfs -R '%s'\n%s" % (cmd, out[:2000]))
        if not re.search(pattern, out, re.M):
            problems.append(what)

    def same(path, data):
        proc = subprocess.run([e2fs_tool("debugfs"), "-R", "cat " + path, str(image)],
                              capture_output=True, timeout=scaled(MKFS_TIMEOUT))
        if proc.stdout != data:
            problems.append("%s reads back different" % path[:80])

    out = debugfs(image, "ls /many")
    if len(re.findall(r"\bfile\d{5}\b", out)) != 10000 or "hl2" not in out:
        problems.append("ls /many does not show the 10,000 files and hl2")
    same("/many/file05000", b"5000\n")
    want("stat /sparse", r"Size: %d\b" % (MKFS_SPARSE_SIZE + 4), "/sparse has the wrong size")
    want("stat /sparse", r"\(TIND\)", "/sparse's last block is not triple indirect")
    want("bmap /sparse 1000", r"^0$", "/sparse's hole is allocated")
    want("bmap /sparse %d" % (MKFS_SPARSE_SIZE // 4096), r"^[1-9]\d*$", "/sparse's tail is missing")
    same("/" + "/".join("d%02d" % i for i in range(60)) + "/leaf", b"deep leaf\n")
    same("/" + "n" * 255, b"long name\n")
    want("ls -l /", r" %s\s*$" % ("D" * 255), "the 255-byte directory name is missing")
    want("stat /s59", r'Fast link dest: "a{59}"', "/s59 is not a fast symlink")
    want("stat /s60", r"Size: 60\b[\s\S]*BLOCKS", "/s60 is not a slow symlink")
    same("/s4000", b"c" * 4000)
    want("stat /hl", r"Links: 3\b", "/hl does not have 3 links")
    hl = re.search(r"^\s*(\d+) .* hl3\s*$", debugfs(image, "ls -l /sub"), re.M)
    top = re.search(r"^\s*(\d+) .* hl\s*$", debugfs(image, "ls -l /"), re.M)
    if not hl or not top or hl.group(1) != top.group(1):
        problems.append("/sub/hl3 is not the inode of /hl")
    want("stat /fifo", r"Type: FIFO", "/fifo is not a fifo")
    if os.geteuid() == 0:
        want("stat /null", r"Device major/minor number: 01:03", "/null is not 1:3")
        want("stat /bigdev", r"New-style\) Device major/minor number: 259:300000",
             "/bigdev is not 259:300000")
    same("/data", (tree / "data").read_bytes())
    return problems


def mkfs_too_small_job():
    """An image too small for the tree: mkfs fails, says how much more is
    needed, and leaves no image behind."""
    name = "mkfs/too-small"

    def run():
        why = mkfs_prereq()
        if why:
            return Outcome(all_failed([name], why))
        work = MKFS_TEST_DIR / "too-small"
        shutil.rmtree(work, ignore_errors=True)
        (work / "tree").mkdir(parents=True)
        (work / "tree" / "big").write_bytes(b"\x01" * (6 << 20))
        image, log = work / "fs.img", []
        status, out = run_mkfs(["-s", "4M", "-d", str(work / "tree"), str(image)], log)
        problems = []
        if status == 0:
            problems.append("mkfs succeeded")
        if not re.search(r"\d+ KiB \(\d+ MiB\) more needed", out):
            problems.append("no 'N KiB more needed' message: " + clean(out, 200))
        if image.exists():
            problems.append("a partial image was left behind")
        return Outcome([Result(name, not problems, "; ".join(problems))], "\n".join(log))

    return Job(name, [name], run)


# ---------------------------------------------------------------------------
# ext2: the driver's self-tests on mkfs images, then e2fsck -fn on the result

EXT2_KTESTS = ("ext2_basic", "ext2_many", "ext2_sparse", "ext2_enospc", "ext2_enospc_reuse",
               "ext2_corrupt",
               "ext2_mkfs_tree", "ext2_smp", "ext2_journal_crash")


def ext2_corrupt_images(base, work, log):
    """Three damaged copies of base for vdb..vdd (base itself is vde):
    superblock, inode table, root directory block (fixed offsets and bytes,
    so every run is the same)."""
    data = bytearray(base.read_bytes())
    itable = int.from_bytes(data[4096 + 8:4096 + 12], "little")
    root_blk = int.from_bytes(data[itable * 4096 + 256 + 40:itable * 4096 + 256 + 44], "little")
    bad_sb = bytearray(data)
    bad_sb[1024 + 4:1024 + 8] = (0xffffff00).to_bytes(4, "little")    # s_blocks_count
    bad_sb[1024 + 40:1024 + 44] = (0).to_bytes(4, "little")           # s_inodes_per_group
    bad_it = bytearray(data)
    for i in range(11 * 256, 20 * 256):                                # inodes 12..20
        bad_it[itable * 4096 + i] = (i * 167 + 13) & 0xff
    bad_dir = bytearray(data)
    for i in range(24, 96):                                            # past "." and ".."
        bad_dir[root_blk * 4096 + i] = (0xff if i % 3 else 0x00)
    images = []
    for name, img in (("bad-sb", bad_sb), ("bad-itable", bad_it), ("bad-dir", bad_dir)):
        path = work / (name + ".img")
        path.write_bytes(bytes(img))
        images.append(path)
    log.append("corrupt copies: inode table at %d, root dir block %d" % (itable, root_blk))
    return images


def ext2_tree(tree):
    for d in ("a/b/c", "etc", "empty"):
        (tree / d).mkdir(parents=True, exist_ok=True)
    for i in range(24):
        (tree / "etc" / ("file%02d" % i)).write_bytes(bytes((i + j) & 0xff for j in range(i * 700)))
    (tree / "a" / "b" / "c" / "deep").write_text("deep\n")
    os.symlink("../etc/file03", str(tree / "a" / "link"))


def ext2_job(kernel, cpus=4):
    prefix = "ext2/smp%d" % cpus
    names = (["%s/%s" % (prefix, t) for t in EXT2_KTESTS] +
             [prefix + "/fsck", prefix + "/fsck-tree", prefix + "/exit"])

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel) or mkfs_prereq()
        if why:
            return Outcome(all_failed(names, why))
        work = DISK_DIR / "ext2"
        shutil.rmtree(work, ignore_errors=True)
        (work / "tree").mkdir(parents=True)
        log = []
        try:
            good, base = work / "vda.img", work / "base.img"
            ext2_tree(work / "tree")
            st1, out1 = run_mkfs(["-q", "-s", "32M", "-L", "ktest-ext2", str(good)], log)
            st2, out2 = run_mkfs(["-q", "-s", "16M", "-L", "ktest-bad", "-d", str(work / "tree"),
                                  str(base)], log)
            if st1 or st2:
                return Outcome(all_failed(names, "mkfs: " + clean(out1 + out2, 300)),
                               "\n".join(log))
            disks = [good] + ext2_corrupt_images(base, work, log) + [base]
        except (OSError, subprocess.SubprocessError) as e:
            return Outcome(all_failed(names, first_line(e)), "\n".join(log))
        args = ["-global", "virtio-mmio.force-legacy=false"]
        for i, path in enumerate(disks):
            args += ["-drive", "file=%s,if=none,format=raw,id=hd%d" % (path, i),
                     "-device", "virtio-blk-device,drive=hd%d" % i]
        out, status, error, q = run_qemu(prefix, kernel, cpus, "512M",
                                         "ktest=boot ktest.only=ext2_", BOOT_TIMEOUT, args)
        results, seen = [], {}
        for ln in lines_of(out):
            m = re.match(LP + r"KTEST (\S+) (PASS|FAIL)\b\s*(.*)$", ln)
            if m:
                seen[m.group(1)] = (m.group(2) == "PASS", clean(m.group(3).strip(), 200))
        for t in EXT2_KTESTS:
            ok, reason = seen.get(t, (False, "no KTEST line"))
            results.append(Result("%s/%s" % (prefix, t), ok, reason))
        results.append(fsck_result(prefix + "/fsck", good, log))
        results.append(fsck_result(prefix + "/fsck-tree", base, log))
        problems = [error] if error else []
        note = panic_note(out)
        if note:
            problems.append(note)
        if not re.search(LP + r"KTEST-DONE passed=\d+ failed=0", out, re.M):
            problems.append("no 'KTEST-DONE ... failed=0'")
        if not error and status != 0:
            problems.append(describe_status(status) + " (expected 0)")
        results.append(Result(prefix + "/exit", not problems, clean("; ".join(problems), 300)))
        return Outcome(results, out + "\n" + "\n".join(log), q.log_path, q.argv,
                       time.monotonic() - t0)

    return Job(prefix, names, run)


def mkfs_jobs():
    return [mkfs_job("mkfs/default", stage_default_tree, check_default_tree),
            mkfs_job("mkfs/adversarial", build_adversarial_tree, check_adversarial_tree),
            mkfs_too_small_job()]


# ---------------------------------------------------------------------------
# jbd2/e2fsck: journals written by Kestrel, read by e2fsprogs. Two images
# from build/mkfs/mkfs; the guest (ktest jbd2_ext3_image) closes vda's
# journal cleanly and leaves vdb's committed but not checkpointed, with
# needs_recovery set. e2fsck -fn must pass vda as it is; e2fsck -fy must
# replay vdb (the label set in the transaction appears; a block logged and
# then revoked by a later transaction is not replayed), then -fn pass.

JBD2_IMAGE_ARGS = "ktest=boot ktest.only=jbd2_ext3_image jbd2.image=1"


def jbd2_check_clean(image, log):
    problems = []
    r = fsck_result("clean", image, log)
    if not r.ok:
        problems.append(r.reason)
    stats = debugfs(image, "stats")
    log.append("$ debugfs -R stats\n" + stats)
    if not re.search(r"Filesystem volume name:\s+jbd2-clean$", stats, re.M):
        problems.append("the clean image's label is not jbd2-clean")
    dump = debugfs(image, "logdump")
    log.append("$ debugfs -R logdump\n" + dump)
    if not re.search(r"Journal starts at block 0, transaction \d+", dump):
        problems.append("the clean image's journal is not empty (s_start != 0)")
    return problems


def jbd2_check_replay(image, log):
    problems = []
    dump = debugfs(image, "logdump")
    log.append("$ debugfs -R logdump\n" + dump)
    if not re.search(r"Found expected sequence \d+, type 2 \(commit block\)", dump):
        problems.append("logdump shows no commit block")
    if not re.search(r"type 5 \(revoke table\)", dump):
        problems.append("logdump shows no revoke block")
    proc = subprocess.run([e2fs_tool("e2fsck"), "-fy", str(image)], capture_output=True,
                          text=True, timeout=scaled(MKFS_TIMEOUT))
    log.append("$ e2fsck -fy %s\n%s%s" % (image, proc.stdout, proc.stderr))
    if proc.returncode not in (0, 1) or "recovering journal" not in proc.stdout + proc.stderr:
        problems.append("e2fsck -fy exit %d without recovering the journal" % proc.returncode)
    r = fsck_result("replay", image, log)
    if not r.ok:
        problems.append("after replay: " + r.reason)
    stats = debugfs(image, "stats")
    if not re.search(r"Filesystem volume name:\s+jbd2-crash$", stats, re.M):
        problems.append("the replayed transaction's label is missing")
    m = re.search(r"^Block count:\s+(\d+)$", stats, re.M)
    if not m:
        problems.append("no block count in debugfs stats")
    else:
        with open(image, "rb") as f:
            f.seek((int(m.group(1)) - 1) * 4096)
            if f.read(4096) == b"\xa5" * 4096:
                problems.append("e2fsck replayed a block that a later transaction revoked")
    return problems


def jbd2_e2fsck_job(kernel):
    name = "jbd2/e2fsck"
    tests = [name + "/boot", name + "/clean", name + "/replay"]

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel) or mkfs_prereq()
        if why:
            return Outcome(all_failed(tests, why))
        work = MKFS_TEST_DIR / "jbd2"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        images, log, args = [work / "clean.img", work / "crash.img"], [], \
            ["-global", "virtio-mmio.force-legacy=false"]
        for i, img in enumerate(images):
            status, out = run_mkfs(["-q", "-s", "32M", str(img)], log)
            if status != 0:
                return Outcome(all_failed(tests, "mkfs exit %d: %s" % (status, clean(out, 200))))
            args += ["-drive", "file=%s,if=none,format=raw,id=hd%d" % (img, i),
                     "-device", "virtio-blk-device,drive=hd%d" % i]
        out, status, error, q = run_qemu(name, kernel, 2, "256M", JBD2_IMAGE_ARGS,
                                         BOOT_TIMEOUT, args)
        boot = [error] if error else []
        if not re.search(LP + r"KTEST jbd2_ext3_image PASS", out, re.M):
            boot.append("no 'KTEST jbd2_ext3_image PASS'")
        note = panic_note(out)
        if note:
            boot.append(note)
        if not error and status != 0:
            boot.append(describe_status(status) + " (expected 0)")
        results = [Result(tests[0], not boot, clean("; ".join(boot), 300))]
        try:
            for test, check, img in ((tests[1], jbd2_check_clean, images[0]),
                                     (tests[2], jbd2_check_replay, images[1])):
                problems = check(img, log) if not boot else ["the guest part failed"]
                results.append(Result(test, not problems, clean("; ".join(problems), 300)))
        except (OSError, subprocess.SubprocessError) as e:
            results += all_failed(tests[len(results):], first_line(e))
        return Outcome(results, out + "\n".join(log), q.log_path, q.argv, time.monotonic() - t0)

    return Job(name, tests, run)


# ---------------------------------------------------------------------------
# suite: net/peer (docs/net-tests.md)
#
# tests/net/conformance.py boots the guest with its NIC on QEMU's -netdev
# dgram, plays 10.0.2.2 with scapy (Debian's python3-scapy, so it runs under
# /usr/bin/python3) and prints "case: OK|FAIL (why)|SKIP (why)" lines.
# SKIPs (TCP or AF_INET sockets missing from the kernel) are notes.

NET_PEER_PYTHON = os.environ.get("KESTREL_SCAPY_PYTHON", "/usr/bin/python3")
NET_PEER_TIMEOUT = 180
NET_PEER_LINE = re.compile(r"^([\w./-]+): (OK|FAIL|SKIP)(?: \((.*)\))?$")


def net_peer_job(kernel):
    name = "net/peer"

    def run():
        t0 = time.monotonic()
        why = qemu_prereq(kernel) or (None if INITRAMFS.is_file() else
                                      "prerequisite missing: %s" % INITRAMFS)
        if not why and subprocess.run([NET_PEER_PYTHON, "-c", "import scapy"],
                                      capture_output=True).returncode != 0:
            why = ("prerequisite missing: scapy for %s (python3-scapy; "
                   "scripts/deps.sh)" % NET_PEER_PYTHON)
        if why:
            return Outcome(all_failed([name + "/summary"], why))
        argv = [NET_PEER_PYTHON, str(ROOT / "tests" / "net" / "conformance.py"),
                "--kernel", str(kernel), "--initramfs", str(INITRAMFS),
                "--pcap", str(ROOT / "build" / "net-peer.pcap"),
                "--timeout", str(NET_PEER_TIMEOUT - 20)]
        out, status, error = host_run(name, argv, NET_PEER_TIMEOUT)
        results, notes, problems = [], [], []
        for ln in lines_of(out):
            m = NET_PEER_LINE.match(ln.strip())
            if not m:
                if ln.startswith("note: "):
                    notes.append("%s: %s" % (name, ln[6:]))
                continue
            test = "%s/%s" % (name, m.group(1))
            if m.group(2) == "SKIP":
                notes.append("%s skipped: %s" % (test, m.group(3)))
            else:
                results.append(Result(test, m.group(2) == "OK",
                                      clean(m.group(3) or "", 300)))
        if not results:
            problems.append("no case reported")
        if error:
            problems.append(error)
        elif status != (1 if any(not r.ok for r in results) else 0):
            problems.append(describe_status(status))
        results.append(Result(name + "/summary", not problems, clean("; ".join(problems), 300)))
        return Outcome(results, out, log_path(name), argv, time.monotonic() - t0,
                       notes)

    return Job(name, [name + "/summary"], run)


def build_jobs(args):
    kernel = args.kernel
    jobs = [unit_job(b) for b in args.unit]
    jobs += [initramfs_job(), host_usertests_job(), host_init_job(),
             host_bench_job()]
    jobs += [guest_usertests_job(kernel, 4), guest_usertests_job(kernel, 1),
             guest_usertests_job(kernel, 4, rootfs=True)]
    jobs += [host_transcripts_job(), guest_transcripts_job(kernel), guest_shell_job(kernel),
             make_qemu_job(), net_e2e_job(kernel)]
    jobs.append(net_host_transcripts_job())
    if args.release_kernel:
        jobs.append(guest_usertests_job(args.release_kernel, 2, release=True))
    jobs += [boot_job(kernel, n, "1G" if n == 8 else "512M")
             for n in (1, 2, 4, 8)]
    fault = (r"Kernel panic on cpu \d+ \(hart \d+\): store page fault in "
             r"kernel mode at fault_here\+0x[0-9a-f]+, address 0x10\r?$",
             r"\] sepc\s+[0-9a-f]{16} fault_here\+",
             r"\[<[0-9a-f]{16}>\] (\? )?ipi_handle\+0x",
             r"\[<[0-9a-f]{16}>\] trap_handler\+0x")
    jobs += [panic_job(kernel, 4, "panic", fault),
             panic_job(kernel, 1, "panic", fault[:2]),
             panic_job(kernel, 4, "panic-race",
                       (r"panic-race: cpu \d+ panics on purpose",
                        r"\] panic_here\+0x")),
             panic_job(kernel, 4, "panic-stack",
                       (r"Kernel panic on cpu 3 \(hart \d+\): kernel stack "
                        r"overflow: sp 0x[0-9a-f]+ below the stack bottom",
                        r"\] recurse_deep")),
             panic_job(kernel, 4, "boot ktest.only=lockdep_inversion",
                       (r"Kernel panic on cpu \d+ \(hart \d+\): lockdep: lock-order "
                        r"inversion: taking 'ktest_lockdep_inv_a' while holding "
                        r"'ktest_lockdep_inv_b'",
                        r"\] ktest_lockdep_inversion\+0x"),
                       label="lockdep-inversion"),
             panic_job(kernel, 4, "boot ktest.only=mutex_wrong_owner",
                       (r"Kernel panic on cpu \d+ \(hart \d+\): mutex_unlock of "
                        r"'ktest_owner_mutex' by init \(pid \d+\), which does not own "
                        r"it \(owner owner\)",
                        r"\] mutex_unlock\+0x"),
                       label="mutex-wrong-owner"),
             panic_job(kernel, 4, "boot ktest.only=sleep_in_atomic",
                       (r"Kernel panic on cpu \d+ \(hart \d+\): lockdep: sleeping "
                        r"with spinlock 'ktest_atomic_lock' held at mutex_lock",
                        r"\] might_sleep_at\+0x"),
                       label="sleep-in-atomic")]
    jobs.append(monitor_job(kernel, 4))
    jobs.append(initrd_job(
        kernel, "initrd/smp4", 4, initrd_mod.archive,
        "ktest=boot ktest.only=fs_initramfs_boot",
        (LP + r"initramfs: \d+ bytes at 0x[0-9a-f]+ unpacked in \d+ us: 35 files "
              r"\(2028101 bytes\), 4 dirs, 1 symlinks, 1 links, 1 nodes, 0 skipped\r?$",
         LP + r"initramfs: [1-9]\d* KiB given back to the page allocator",
         LP + r"KTEST fs_initramfs_boot PASS")))
    jobs.append(initrd_job(
        kernel, "initrd-corrupt/smp1", 1, corrupt_archive,
        "ktest=boot ktest.only=fs_fd_table",
        (LP + r"initramfs: corrupt archive at byte \d+: file data runs past the end",
         LP + r"KTEST fs_fd_table PASS")))
    jobs.append(blkerr_job(kernel))
    jobs.append(console_read_job(kernel))
    jobs.append(cmdline_job(kernel))
    jobs.append(trace_job(kernel))
    jobs.append(abi_doc_job())
    jobs += mkfs_jobs()
    jobs.append(ext2_job(kernel))
    jobs += crash_jobs(kernel)
    jobs.append(jbd2_e2fsck_job(kernel))
    jobs.append(net_peer_job(kernel))
    return jobs


# ---------------------------------------------------------------------------
# suite: crash (docs/crash.md)
#
# crash/host    tests/crash/test_crash.py (parser, replayer, expectations,
#               the debugfs checker, crashwriter's host self-check)
# crash/raw     a real blklogwrites log of a Kestrel boot writing its raw
#               disk (scripts/crash/rawlog.py)
# crash/replay  writer under blklogwrites, every crash state mounted by
#               Kestrel and checked (scripts/crash/check.py)
# crash/kill    QEMU SIGKILLed under the writer, 3 seeds (scripts/crash/kill.py)
# replay and kill print a note "SKIP: needs the ext2 driver" (no result)
# while the guest's /proc/filesystems has no ext2; CRASH=1 in the
# environment (make crash) makes that a failure instead.

sys.path.insert(0, str(ROOT / "scripts" / "crash"))
import check as crash_check                                    # noqa: E402
import kill as crash_kill                                      # noqa: E402
import rawlog as crash_rawlog                                  # noqa: E402

CRASH_DIR = ROOT / "build" / "crash"
CRASH_REQUIRED = os.environ.get("CRASH", "") == "1"
UNITTEST_LINE = re.compile(r"^(test_\w+) \(.*?\) \.\.\. (ok|FAIL|ERROR|skipped.*|expected failure)$")


def crash_host_job():
    name = "crash/host"

    def run():
        t0 = time.monotonic()
        argv = [sys.executable, str(ROOT / "tests" / "crash" / "test_crash.py"), "-v"]
        try:
            p = subprocess.run(argv, capture_output=True, text=True, timeout=scaled(120))
            out, code = p.stdout + p.stderr, p.returncode
        except subprocess.TimeoutExpired:
            out, code = "", None
        results = []
        for ln in out.splitlines():
            m = UNITTEST_LINE.match(ln.strip())
            if m:      # a skip is a missing prerequisite: a failure here
                results.append(Result("%s/%s" % (name, m.group(1)), m.group(2) == "ok",
                                      m.group(2)))
        results.append(Result(name + "/summary", code == 0 and bool(results),
                              "timed out" if code is None else "exit status %s" % code))
        return Outcome(results, out, None, argv, time.monotonic() - t0)

    return Job(name, [name + "/summary"], run)


def _crash_prereq(kernel):
    why = qemu_prereq(kernel)
    for f in (INITRAMFS, crash_check.MKFS):
        if not why and not Path(f).is_file():
            why = "prerequisite missing: %s" % f
    return why


def crash_raw_job(kernel):
    name = "crash/raw"

    def run():
        t0 = time.monotonic()
        why = _crash_prereq(kernel)
        if why:
            return Outcome(all_failed([name + "/capture"], why))
        shutil.rmtree(CRASH_DIR / "raw", ignore_errors=True)
        res = crash_rawlog.raw_test(kernel, CRASH_DIR / "raw")
        log = CRASH_DIR / "raw" / "raw.console"
        return Outcome([Result("%s/%s" % (name, n.split("/", 1)[1]), ok, clean(str(w), 300))
                        for n, ok, w in res], log.read_text("latin-1") if log.exists() else "",
                       str(log), None, time.monotonic() - t0)

    return Job(name, [name + "/capture"], run)


def crash_fs_job(kernel, kind):
    """crash/replay or crash/kill: results per crash state, or a SKIP note."""
    name = "crash/" + kind

    def run():
        t0 = time.monotonic()
        why = _crash_prereq(kernel)
        if why:
            return Outcome(all_failed([name], why))
        wd = CRASH_DIR / kind
        shutil.rmtree(wd, ignore_errors=True)
        try:
            if kind == "replay":
                res, skip = crash_check.replay_test(kernel, wd, seed=1, ops=60,
                                                    max_flush=6, between=4)
            else:
                res, skip = crash_kill.kill_test(kernel, wd, seeds=(1, 2, 3), max_delay=3.0)
        except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
            return Outcome([Result(name, False, clean(first_line(e), 300))])
        if skip:
            if CRASH_REQUIRED:
                return Outcome([Result(name, False, skip + " (CRASH=1 requires it)")])
            return Outcome([], notes=["%s: %s" % (name, skip)])
        results = [Result("%s/%s" % (name, n), ok, clean(str(w), 300)) for n, ok, w in res]
        results.append(Result(name + "/summary", bool(res), "" if res else "no crash states"))
        notes = sorted({"%s: %s" % (name, ln.strip()[ln.strip().find("CRASHWRITER note"):])
                        for p in wd.glob("*writer.log")
                        for ln in p.read_text("latin-1").splitlines()
                        if "CRASHWRITER note" in ln})
        return Outcome(results, "", None, None, time.monotonic() - t0, notes)

    return Job(name, [name], run)


def crash_jobs(kernel):
    return [crash_host_job(), crash_raw_job(kernel), crash_fs_job(kernel, "replay"),
            crash_fs_job(kernel, "kill")]


def select(jobs, only):
    """--only: run the jobs whose name or test names contain a SUBSTR (or
    whose name SUBSTR starts with).  If none does, the SUBSTR must name a
    test we only learn by running (a ktest, a unit test): run all."""
    if not only:
        return jobs

    def hit(job):
        return any(s in n for s in only for n in [job.name] + job.static_names) \
            or any(s.startswith(job.name + "/") for s in only)

    chosen = [j for j in jobs if hit(j)]
    return chosen or jobs


class Printer:
    def __init__(self, verbose):
        self.verbose = verbose
        self.passed = self.failed = 0

    def out(self, text=""):
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def job(self, job, outcome, only):
        whole = only and any(s in job.name for s in only)  # --only JOBNAME
        shown = [r for r in outcome.results
                 if not only or whole or any(s in r.name for s in only)]
        for r in shown:
            if r.ok:
                self.passed += 1
                self.out("PASS " + r.name)
            else:
                self.failed += 1
                self.out("FAIL %s: %s" % (r.name, r.reason or "failed"))
        notes = outcome.notes + (outcome.verbose_notes if self.verbose else [])
        for note in notes:
            if not only or whole or any(s in note for s in only):
                self.out("    note: " + clean(note, 300))
        if self.verbose and outcome.argv:
            self.out("    # %s: %.1f s: %s" % (job.name, outcome.secs,
                                               " ".join(qemu_mod.shell_quote(a) for a in outcome.argv)))
        if any(not r.ok for r in shown) and outcome.console:
            text = outcome.console
            if not self.verbose:
                text = qemu_mod.tail_lines(text, TAIL_LINES)
            else:
                text = qemu_mod.tail_lines(text, 10 ** 9)
            where = " (full log: %s)" % os.path.relpath(outcome.log) \
                if outcome.log else ""
            self.out("    --- %s: %s output%s ---" % (
                job.name, "last %d lines of" % TAIL_LINES
                if not self.verbose else "all", where))
            for ln in text.split("\n"):
                self.out("    " + clean(ln))
            self.out("    ---")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kernel", default=None,
                    help="kernel image (default: build/kernel.elf)")
    ap.add_argument("--release-kernel", default=None,
                    help="also run the quick usertests on this DEBUG=0 kernel")
    ap.add_argument("--unit", nargs="*", action="extend", default=[],
                    metavar="BIN", help="host unit-test binaries (cmocka)")
    ap.add_argument("--only", action="append", default=[], metavar="SUBSTR",
                    help="only tests whose name contains SUBSTR (repeatable)")
    ap.add_argument("--jobs", "-j", type=int, default=2,
                    help="test runs in parallel (default 2)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="show command lines, times and full console output "
                         "of failing runs")
    args = ap.parse_args(argv)
    if args.kernel is None:
        args.kernel = str(DEFAULT_KERNEL)
    args.jobs = max(1, args.jobs)

    qemu_mod.install_signal_handlers()
    jobs = select(build_jobs(args), args.only)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    if not args.only:                       # a full run: drop stale logs
        for p in LOG_DIR.glob("*.log"):
            try:
                p.unlink()
            except OSError:
                pass

    pr = Printer(args.verbose)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
    try:
        futures = [pool.submit(j.fn) for j in jobs]
        for job, fut in zip(jobs, futures):
            try:
                outcome = fut.result()
            except Exception as e:           # a harness bug: still report it
                names = job.static_names or [job.name]
                outcome = Outcome(all_failed(
                    names, clean("harness error: %s: %s"
                                 % (type(e).__name__, first_line(e)), 300)))
            pr.job(job, outcome, args.only)
    except (KeyboardInterrupt, SystemExit) as e:
        pool.shutdown(wait=False, cancel_futures=True)
        qemu_mod.kill_all()
        sys.stdout.write("\ninterrupted\n")
        sys.stdout.flush()
        code = e.code if isinstance(e, SystemExit) else 130
        os._exit(code if isinstance(code, int) else 1)
    pool.shutdown(wait=True)
    pr.out("%d passed, %d failed" % (pr.passed, pr.failed))
    return 0 if pr.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

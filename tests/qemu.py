"""Drive Kestrel in QEMU over its serial console.

    from qemu import Qemu
    with Qemu("build/kernel.elf", cpus=4, bootargs="ktest=boot") as q:
        q.expect(r"^harts online: 4", timeout=60)
        status = q.wait_exit(60)

QEMU runs headless in its own process group with the guest's serial console
on its stdin/stdout.  A reader thread collects every byte the guest prints;
`expect()` searches that output after a cursor, like pexpect, but with the
standard library only.

Environment overrides:
    KESTREL_QEMU           the QEMU binary (default qemu-system-riscv64)
    KESTREL_OPENSBI        the firmware passed to -bios (default OPENSBI)
    KESTREL_TIMEOUT_SCALE  multiplies every timeout (default 1; use 3 or so
                           on a slow or loaded machine)

QEMU never outlives the harness: every running instance is killed (SIGKILL
to its whole process group) by `kill()`, by leaving the `with` block, at
interpreter exit (atexit) and when the harness gets SIGINT or SIGTERM
(see install_signal_handlers()).
"""

import atexit
import os
import re
import signal
import subprocess
import threading
import time

OPENSBI = os.environ.get(
    "KESTREL_OPENSBI",
    "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin")
QEMU = os.environ.get("KESTREL_QEMU", "qemu-system-riscv64")


def _scale_from_env():
    raw = os.environ.get("KESTREL_TIMEOUT_SCALE", "")
    if not raw:
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit("KESTREL_TIMEOUT_SCALE=%r is not a number" % raw)
    if value <= 0:
        raise SystemExit("KESTREL_TIMEOUT_SCALE must be positive")
    return value


TIMEOUT_SCALE = _scale_from_env()
DEFAULT_TIMEOUT = 30.0       # seconds, before scaling
CHAR_DELAY = 0.002           # seconds between characters sent to the UART


def scaled(timeout):
    """A timeout in seconds multiplied by KESTREL_TIMEOUT_SCALE."""
    return timeout * TIMEOUT_SCALE


class QemuError(Exception):
    """Something went wrong driving QEMU."""


class QemuTimeout(QemuError):
    """A pattern did not appear (or QEMU did not exit) in time.

    `tail` holds the last lines of console output at the time."""

    def __init__(self, message, tail=""):
        super().__init__(message)
        self.tail = tail

    def __str__(self):
        msg = self.args[0]
        if self.tail:
            msg += "\n--- last console output ---\n" + self.tail
        return msg


class QemuExited(QemuTimeout):
    """QEMU exited while we were waiting for a pattern, so it can never
    appear.  A subclass of QemuTimeout: for a caller it is the same failure,
    only reported early.  `status` is QEMU's exit status."""

    def __init__(self, message, tail="", status=None):
        super().__init__(message, tail)
        self.status = status


# ---------------------------------------------------------------------------
# Global cleanup: everything that must die with the harness.

_live = set()
_live_lock = threading.Lock()
_shutting_down = False
_prev_handlers = {}


def register_cleanup(obj):
    """Have obj.kill() called at exit and on SIGINT/SIGTERM.  Raises
    QemuError if the harness is already shutting down."""
    with _live_lock:
        if _shutting_down:
            raise QemuError("harness is shutting down")
        _live.add(obj)


def unregister_cleanup(obj):
    with _live_lock:
        _live.discard(obj)


def kill_all():
    with _live_lock:
        objs = list(_live)
    for obj in objs:
        try:
            obj.kill(wait=False)
        except Exception:
            pass


def shutting_down():
    return _shutting_down


def _on_signal(signum, frame):
    global _shutting_down
    _shutting_down = True
    kill_all()
    prev = _prev_handlers.get(signum)
    if callable(prev):
        prev(signum, frame)          # default SIGINT: KeyboardInterrupt
    elif prev == signal.SIG_IGN:
        return
    else:
        raise SystemExit(128 + signum)


def install_signal_handlers():
    """Kill every QEMU on SIGINT/SIGTERM, then behave as before (SIGINT
    raises KeyboardInterrupt, SIGTERM exits with status 143).  Must be called
    from the main thread; Qemu.start() does it when it runs there."""
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGINT, signal.SIGTERM):
        if sig in _prev_handlers:
            continue
        _prev_handlers[sig] = signal.getsignal(sig)
        signal.signal(sig, _on_signal)


atexit.register(kill_all)


def _kill_group(proc):
    """SIGKILL proc's process group (it leads its own session)."""
    if proc is None or proc.returncode is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            proc.kill()
        except OSError:
            pass


# ---------------------------------------------------------------------------

def tail_lines(text, n=40):
    """The last n lines of text, with \\r\\n folded to \\n."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines[-n:])


def mem_to_mib(mem):
    """'512M' -> 512, '1G' -> 1024, '2048' -> 2048 (QEMU's default unit is MiB)."""
    m = re.fullmatch(r"\s*(\d+)\s*([MmGg]?)\s*", str(mem))
    if not m:
        raise ValueError("cannot parse memory size %r" % mem)
    n = int(m.group(1))
    return n * 1024 if m.group(2) in ("G", "g") else n


class Qemu:
    """One headless QEMU virt machine running a Kestrel kernel.

    kernel=None omits -kernel and -append (OpenSBI alone).  bootargs=None
    omits -append.  extra_args are appended to the command line.  log, if
    given, is a path that receives the raw console output as it arrives,
    followed by a footer (command line, exit status, QEMU's stderr)."""

    def __init__(self, kernel=None, cpus=1, mem="512M", bootargs=None,
                 extra_args=(), *, qemu=None, bios=None, log=None):
        self.kernel = kernel
        self.cpus = cpus
        self.mem = mem
        self.bootargs = bootargs
        self.extra_args = list(extra_args)
        self.qemu = qemu or QEMU
        self.bios = bios or OPENSBI
        self.log_path = log

        self._proc = None
        self._raw = bytearray()
        self._text = ""            # self._raw decoded as latin-1
        self._stderr = bytearray()
        self._cond = threading.Condition()
        self._eof = False
        self._cursor = 0
        self._threads = []
        self._log = None
        self._log_lock = threading.Lock()
        self._log_closed = False
        self.started_at = None

    # -- life cycle ---------------------------------------------------------

    @property
    def argv(self):
        argv = [self.qemu, "-machine", "virt", "-cpu", "rv64",
                "-smp", str(self.cpus), "-m", str(self.mem),
                "-bios", self.bios]
        if self.kernel is not None:
            argv += ["-kernel", str(self.kernel)]
            if self.bootargs is not None:
                argv += ["-append", self.bootargs]
        argv += ["-display", "none", "-monitor", "none",
                 "-serial", "stdio", "-no-reboot"]
        argv += self.extra_args
        return argv

    def start(self):
        if self._proc is not None:
            return self
        install_signal_handlers()
        if self.log_path:
            os.makedirs(os.path.dirname(os.path.abspath(self.log_path)),
                        exist_ok=True)
            self._log = open(self.log_path, "wb")
        register_cleanup(self)
        try:
            self._proc = subprocess.Popen(
                self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, start_new_session=True, bufsize=0)
        except BaseException:
            unregister_cleanup(self)
            self._close_log()
            raise
        self.started_at = time.monotonic()
        for stream, sink in ((self._proc.stdout, self._on_stdout),
                             (self._proc.stderr, self._on_stderr)):
            t = threading.Thread(target=self._reader, args=(stream, sink),
                                 daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.kill()
        return False

    def kill(self, wait=True):
        """SIGKILL QEMU's whole process group.  Safe to call repeatedly."""
        proc = self._proc
        if proc is None:
            return
        _kill_group(proc)
        if not wait:
            return
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self._join_readers()
        unregister_cleanup(self)
        if proc.stdin:
            try:
                proc.stdin.close()
            except OSError:
                pass
        self._close_log()

    def wait_exit(self, timeout=DEFAULT_TIMEOUT):
        """Wait for QEMU to exit and return its exit status.  On timeout
        kill it and raise QemuTimeout."""
        self._require_started()
        t = scaled(timeout)
        try:
            status = self._proc.wait(timeout=t)
        except subprocess.TimeoutExpired:
            self.kill()
            raise QemuTimeout("QEMU did not exit within %.0f s" % t,
                              self.tail())
        self._join_readers()
        return status

    @property
    def exit_status(self):
        """QEMU's exit status, or None while it runs.  Negative: killed by
        that signal (e.g. -9 after a timeout)."""
        if self._proc is None:
            return None
        return self._proc.poll()

    @property
    def running(self):
        return self._proc is not None and self._proc.poll() is None

    # -- output -------------------------------------------------------------

    def _reader(self, stream, sink):
        fd = stream.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            sink(chunk)
            if not chunk:
                return

    def _on_stdout(self, chunk):
        with self._cond:
            if chunk:
                self._raw += chunk
                self._text += chunk.decode("latin-1")
            else:
                self._eof = True
            self._cond.notify_all()
        if chunk:
            with self._log_lock:
                if self._log and not self._log_closed:
                    self._log.write(chunk)
                    self._log.flush()

    def _on_stderr(self, chunk):
        with self._cond:
            self._stderr += chunk

    def _join_readers(self):
        for t in self._threads:
            t.join(timeout=5)

    def _close_log(self):
        with self._log_lock:
            if not self._log or self._log_closed:
                return
            self._log_closed = True
            try:
                status = self._proc.returncode if self._proc else None
                footer = ["", "",
                          "===== harness: command: %s" % " ".join(
                              shell_quote(a) for a in self.argv),
                          "===== harness: exit status: %s" % status]
                err = bytes(self._stderr).decode("latin-1")
                if err.strip():
                    footer.append("===== harness: qemu stderr:")
                    footer.append(err.rstrip("\n"))
                self._log.write(("\n".join(footer) + "\n").encode("latin-1"))
            finally:
                self._log.close()

    @property
    def output(self):
        """All console output so far, decoded as latin-1 (one char per byte,
        so indices match `raw`)."""
        with self._cond:
            return self._text

    @property
    def raw(self):
        """All console output so far, as bytes."""
        with self._cond:
            return bytes(self._raw)

    @property
    def stderr(self):
        """What QEMU itself printed on stderr (errors, warnings)."""
        with self._cond:
            return bytes(self._stderr).decode("latin-1")

    @property
    def cursor(self):
        return self._cursor

    @cursor.setter
    def cursor(self, value):
        self._cursor = value

    def tail(self, n=40):
        text = tail_lines(self.output, n)
        err = self.stderr.strip()
        if err:
            text += "\n[qemu stderr] " + "\n[qemu stderr] ".join(
                err.splitlines()[-10:])
        return text

    def expect(self, pattern, timeout=DEFAULT_TIMEOUT):
        """Search the output after the cursor for a regex (str patterns are
        compiled with re.MULTILINE).  On success move the cursor past the
        match and return it.  Raise QemuTimeout if it does not appear within
        timeout seconds (scaled), QemuExited (a QemuTimeout) as soon as QEMU
        has exited without printing it.

        Console lines end in \\r\\n, so `$` does not match right after the
        text of a line; write `\\r?$` or avoid `$`."""
        self._require_started()
        if isinstance(pattern, str):
            pattern = re.compile(pattern, re.MULTILINE)
        t = scaled(timeout)
        deadline = time.monotonic() + t
        with self._cond:
            while True:
                m = pattern.search(self._text, self._cursor)
                if m:
                    self._cursor = m.end()
                    return m
                if self._eof:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            eof = self._eof
        if eof:
            try:
                status = self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:      # stdout closed, still running
                self.kill()
                status = self._proc.returncode
            raise QemuExited(
                "QEMU exited (status %s) without printing /%s/"
                % (status, pattern.pattern), self.tail(), status)
        raise QemuTimeout("timed out after %.0f s waiting for /%s/"
                          % (t, pattern.pattern), self.tail())

    # -- input --------------------------------------------------------------

    def send(self, text):
        """Type text on the console, one character every CHAR_DELAY seconds
        (the guest's 16550 has a small receive FIFO).  "\\r" is Enter."""
        self._require_started()
        data = text.encode("latin-1") if isinstance(text, str) else bytes(text)
        for i in range(len(data)):
            try:
                self._proc.stdin.write(data[i:i + 1])
                self._proc.stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                raise QemuExited("QEMU exited (status %s) while sending %r"
                                 % (self._proc.poll(), text), self.tail(),
                                 self._proc.poll())
            time.sleep(CHAR_DELAY)

    def sendline(self, text=""):
        self.send(text + "\r")

    def _require_started(self):
        if self._proc is None:
            raise QemuError("QEMU not started")


def shell_quote(arg):
    if arg and re.fullmatch(r"[\w@%+=:,./-]+", arg):
        return arg
    return "'" + arg.replace("'", "'\"'\"'") + "'"

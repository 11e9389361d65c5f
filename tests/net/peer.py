"""A host-side network peer for a Kestrel guest (docs/net-tests.md).

    from peer import Peer
    with Peer("build/kernel.elf", "build/initramfs.cpio",
              pcap="build/net-peer.pcap") as p:
        p.wait_ready()
        p.send(Ether(dst=p.guest_mac, src=p.mac) / IP(src=p.ip, dst=p.guest_ip) / ICMP())
        reply = p.recv(lambda f: ICMP in f and f[ICMP].type == 0, timeout=2)

The guest boots build/kernel.elf with the initramfs and
`init=/bin/netpeer_guest` (user/netpeer_guest.c: services and a console
command loop). Its virtio-net card is attached to QEMU's `-netdev dgram`
backend over two unix datagram sockets in a private temporary directory:
QEMU binds guest.sock and sends every frame the guest transmits, one frame a
datagram, to peer.sock, which this class binds. A `filter-dump` object
writes every frame in both directions to the pcap file.

Scapy only builds and parses frames; the transport is a plain AF_UNIX
SOCK_DGRAM socket. Needs Debian's python3-scapy, i.e. /usr/bin/python3.

recv() is the only way frames come in: every frame the guest sends is
logged, kept in `self.frames` (everything ever received, in order), ARP
requests for one of the peer's addresses (`self.ips`) are answered at once
(unless `self.arp_auto` is False), and a frame that does not match the
caller's filter waits in a queue where the next recv() looks first. No
sleeps: waiting is always a receive with a deadline.
"""

import logging
import os
import re
import shutil
import socket
import sys
import tempfile
import time

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import ARP, Ether, conf                      # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))                   # tests/: qemu.py
from qemu import Qemu, scaled                                # noqa: E402

conf.verb = 0

GUEST_MAC = "52:54:00:12:34:56"
GUEST_IP = "10.0.2.15"
PEER_MAC = "52:54:00:aa:bb:02"
PEER_IP = "10.0.2.2"
TAG = "netpeer_guest: "


class Peer:
    """One guest and the peer end of its NIC. Use as a context manager."""

    def __init__(self, kernel, initramfs, pcap=None, cpus=2, mem="256M",
                 log=None, console_log=None, bootargs=""):
        self.kernel, self.initramfs, self.pcap = kernel, initramfs, pcap
        self.cpus, self.mem, self.bootargs = cpus, mem, bootargs
        self.mac, self.ip = PEER_MAC, PEER_IP
        self.guest_mac, self.guest_ip = GUEST_MAC, GUEST_IP
        self.ips = {PEER_IP}          # addresses whose ARP requests we answer
        self.arp_auto = True
        self.frames = []              # (time, bytes) of everything received
        self.pending = []             # received, not yet taken by a recv()
        self.sent = 0                 # frames sent
        self.services = {}            # "tcp/7" -> True (up) / reason
        self.log_file = open(log, "w") if log else None
        self.console_log = console_log
        self.t0 = time.monotonic()
        self.reference = False        # True: the guest is Linux (LinuxPeer)
        self.sock = None
        self.q = None
        self.dir = None

    # -- life cycle ---------------------------------------------------------

    def qemu_args(self, guest_sock, peer_sock):
        args = ["-global", "virtio-mmio.force-legacy=false",
                "-initrd", str(self.initramfs),
                "-netdev", "dgram,id=n0,local.type=unix,local.path=%s,"
                           "remote.type=unix,remote.path=%s" % (guest_sock, peer_sock),
                "-device", "virtio-net-device,netdev=n0,mac=%s" % self.guest_mac]
        if self.pcap:
            args += ["-object", "filter-dump,id=f0,netdev=n0,file=%s" % self.pcap]
        return args

    def start(self):
        # unix socket paths are limited to 108 bytes: a short private dir
        self.dir = tempfile.mkdtemp(prefix="netpeer.")
        guest_sock = os.path.join(self.dir, "guest.sock")
        peer_sock = os.path.join(self.dir, "peer.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(peer_sock)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        if self.pcap and os.path.exists(self.pcap):
            os.unlink(self.pcap)
        boot = ("init=/bin/netpeer_guest " + self.bootargs).strip()
        self.q = Qemu(self.kernel, cpus=self.cpus, mem=self.mem, bootargs=boot,
                      extra_args=self.qemu_args(guest_sock, peer_sock),
                      log=self.console_log)
        self.q.start()
        self.guest_sock = guest_sock
        self.log("started: %s" % " ".join(self.q.argv))
        return self

    def stop(self):
        if self.q:
            self.q.kill()
        if self.sock:
            self.sock.close()
            self.sock = None
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
        if self.log_file:
            self.log_file.close()
            self.log_file = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def log(self, msg):
        if self.log_file:
            self.log_file.write("%8.3f %s\n" % (time.monotonic() - self.t0, msg))
            self.log_file.flush()

    # -- the console --------------------------------------------------------

    def expect(self, pattern, timeout=30):
        """Wait for a console line matching pattern (after the cursor)."""
        return self.q.expect(pattern, timeout)

    def wait_ready(self, timeout=60):
        """Boot to the guest program's "ready"; learn which services are up."""
        m = self.expect(re.escape(TAG) + r"ready", timeout)
        text = self.q.output[:m.end()]
        for name, state in re.findall(re.escape(TAG) + r"service (\S+) (up|unavailable: [^\r\n]*)",
                                      text):
            self.services[name] = True if state == "up" else state
        self.log("services: %r" % self.services)

    def command(self, cmd, end_pattern, timeout=20):
        """Type a command; return the console text up to end_pattern."""
        start = self.q.cursor
        self.q.sendline(cmd)
        m = self.expect(end_pattern, timeout)
        return self.q.output[start:m.end()]

    def stats(self):
        """The guest's MemFree (kB) and /proc/net/snmp as {"Ip": {...}, ...}."""
        text = self.command("stats", re.escape(TAG) + r"stats end")
        out = {"memfree_kb": None}
        m = re.search(r"MemFree:\s+(\d+)", text)
        if m:
            out["memfree_kb"] = int(m.group(1))
        rows = re.findall(re.escape(TAG) + r"snmp (\w+): ([^\r\n]*)", text)
        for i in range(0, len(rows) - 1, 2):
            (k1, names), (k2, vals) = rows[i], rows[i + 1]
            if k1 == k2:
                out[k1] = dict(zip(names.split(), (int(v) for v in vals.split())))
        return out

    def console_problems(self):
        """Lines that must never appear: panics, lockdep, assertions, oopses."""
        bad = re.compile(r"Kernel panic|lockdep:|BUG_ON|BUG:|WARNING:|assert|"
                         r"Oops|page fault in kernel|stack overflow")
        return [ln.strip() for ln in self.q.output.splitlines() if bad.search(ln)]

    # -- frames -------------------------------------------------------------

    def _tx(self, raw):
        """Hand one frame to the transport; False if it was not taken."""
        self.sock.settimeout(5)
        try:
            self.sock.sendto(raw, self.guest_sock)
        except (ConnectionRefusedError, FileNotFoundError, BlockingIOError,
                socket.timeout) as e:
            # QEMU not listening yet (or gone) / its queue full: a lost frame,
            # as on a wire
            self.log("send failed: %s" % e)
            return False
        return True

    def _rx(self, timeout):
        """One frame's bytes from the transport within timeout (0: only one
        already there), or None."""
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(65536)
        except (socket.timeout, BlockingIOError):
            return None

    def send(self, frame):
        """Send one Ethernet frame (scapy packet or bytes) to the guest."""
        raw = bytes(frame)
        if not self._tx(raw):
            return False
        self.sent += 1
        self.log("> %s" % (frame.summary() if hasattr(frame, "summary")
                           else "%d raw bytes" % len(raw)))
        return True

    def _take(self, match):
        for i, f in enumerate(self.pending):
            if match is None or match(f):
                return self.pending.pop(i)
        return None

    def _arp_reply(self, f):
        a = f[ARP]
        if a.op != 1 or a.pdst not in self.ips:
            return False
        self.send(Ether(dst=a.hwsrc, src=self.mac) /
                  ARP(op=2, hwsrc=self.mac, psrc=a.pdst, hwdst=a.hwsrc, pdst=a.psrc))
        return True

    def _read_one(self, deadline):
        """One frame from the socket before the deadline (a deadline in the
        past: only one already there), or None."""
        raw = self._rx(max(0.0, deadline - time.monotonic()))
        if raw is None:
            return None
        self.frames.append((time.monotonic(), raw))
        f = Ether(raw)
        self.log("< %s" % f.summary())
        if self.arp_auto and ARP in f:
            self._arp_reply(f)
        return f

    def recv(self, match=None, timeout=2.0):
        """The first frame (parsed, scapy Ether) for which match(frame) is
        true, waiting up to timeout seconds (scaled); None on timeout.
        Frames that do not match are kept for a later recv()."""
        got = self._take(match)
        if got is not None:
            return got
        deadline = time.monotonic() + scaled(timeout)
        while True:
            f = self._read_one(deadline)
            if f is None:
                return None
            if match is None or match(f):
                return f
            self.pending.append(f)

    def recv_all(self, match, timeout):
        """Every matching frame that arrives within timeout (scaled; the
        whole window is waited out)."""
        out = []
        deadline = time.monotonic() + scaled(timeout)
        while True:
            f = self._take(match)
            if f is None:
                f = self._read_one(deadline)
                if f is None:
                    return out
                if not match(f):
                    self.pending.append(f)
                    continue
            out.append(f)

    def drain(self, quiet=0.2):
        """Read until the line has been quiet for `quiet` s; forget pending."""
        while self._read_one(time.monotonic() + quiet) is not None:
            pass
        self.pending.clear()

    def ether(self):
        """An Ethernet header from the peer to the guest."""
        return Ether(dst=self.guest_mac, src=self.mac)


# ---------------------------------------------------------------------------
# The Linux reference: the same cases against the host's own kernel.

class _HostProcess(Qemu):
    """Qemu's console plumbing (expect, sendline, kill) around any command."""

    def __init__(self, argv, log=None):
        super().__init__(kernel=None, log=log)
        self._argv = list(argv)

    @property
    def argv(self):
        return self._argv


# ethtool -K DEV tx off tso off gso off, without ethtool: SIOCETHTOOL with
# ETHTOOL_STXCSUM (0x17), ETHTOOL_STSO (0x1f), ETHTOOL_SGSO (0x24).
_ETHTOOL_OFF = """
import array, fcntl, socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for cmd in (0x1f, 0x24, 0x17):
    buf = array.array("B", struct.pack("II", cmd, 0))
    ifr = struct.pack("16sP", sys.argv[1].encode(), buf.buffer_info()[0]).ljust(40, b"\\0")
    fcntl.ioctl(s.fileno(), 0x8946, ifr)
"""


def _sh(*argv):
    import subprocess
    subprocess.run(argv, check=True, capture_output=True)


class LinuxPeer(Peer):
    """The guest is the host's Linux kernel in a private network namespace
    (root needed): a veth pair, the namespace's end with the guest's MAC
    and 10.0.2.15/24 (gateway 10.0.2.2), build/user/netpeer_guest running
    there under qemu-riscv64; the peer sends and receives on the other end
    with an AF_PACKET socket. Set up so Linux behaves as the cases assume:
    IPv6 off (no router solicitations), arp_notify=1 (a gratuitous ARP at
    link up), icmp_ratelimit=0. MemFree is the host's, so the leak check
    skips it (self.reference)."""

    def __init__(self, guest_prog, log=None, console_log=None, qemu_user="qemu-riscv64"):
        super().__init__(None, None, log=log, console_log=console_log)
        self.guest_prog, self.qemu_user = guest_prog, qemu_user
        self.reference = True
        tag = str(os.getpid())
        self.ns, self.vin, self.vout = "netpeer-" + tag, "np%sa" % tag, "np%sb" % tag

    def start(self):
        ns, vin, vout = self.ns, self.vin, self.vout
        _sh("ip", "netns", "add", ns)
        try:
            _sh("ip", "link", "add", vin, "type", "veth", "peer", "name", vout)
            _sh("ip", "link", "set", vin, "netns", ns)
            _sh("sysctl", "-qw", "net.ipv6.conf.%s.disable_ipv6=1" % vout,
                "net.ipv4.conf.%s.arp_ignore=8" % vout)
            _sh("ip", "link", "set", vout, "address", "52:54:00:aa:bb:fe", "up")
            _sh("ip", "netns", "exec", ns, "sysctl", "-qw",
                "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1",
                "net.ipv4.icmp_ratelimit=0", "net.ipv4.conf.%s.arp_notify=1" % vin)
            _sh("ip", "-n", ns, "link", "set", vin, "address", self.guest_mac)
            # no checksum offload, TSO or GSO on the "guest" side: frames on
            # the wire carry real checksums and segments of at most an MSS
            _sh("ip", "netns", "exec", ns, sys.executable, "-c", _ETHTOOL_OFF, vin)
            _sh("ip", "-n", ns, "link", "set", "lo", "up")
            _sh("ip", "-n", ns, "addr", "add", "10.0.2.15/24", "broadcast", "10.0.2.255",
                "dev", vin)
            self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
            self.sock.bind((vout, 0))
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            _sh("ip", "-n", ns, "link", "set", vin, "up")
            _sh("ip", "-n", ns, "route", "add", "default", "via", self.ip)
        except BaseException:
            self.stop()
            raise
        self.q = _HostProcess(["ip", "netns", "exec", ns, self.qemu_user, self.guest_prog],
                              log=self.console_log)
        self.q.start()
        self.log("started: %s" % " ".join(self.q.argv))
        return self

    def stop(self):
        super().stop()
        import subprocess
        subprocess.run(["ip", "netns", "del", self.ns], capture_output=True)
        subprocess.run(["ip", "link", "del", self.vout], capture_output=True)

    def _tx(self, raw):
        if len(raw) < 14:
            return True       # the host kernel refuses such frames; nothing to test
        try:
            self.sock.sendall(raw[:65535])
        except OSError as e:
            self.log("send refused by the host kernel: %s" % e)
        return True

    def _rx(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            self.sock.settimeout(max(0.0, deadline - time.monotonic()))
            try:
                raw, addr = self.sock.recvfrom(65536)
            except (socket.timeout, BlockingIOError):
                return None
            if addr[2] != socket.PACKET_OUTGOING:     # not our own frames
                return raw

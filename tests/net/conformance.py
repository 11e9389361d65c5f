#!/usr/bin/python3
"""Network conformance and robustness cases against a Kestrel guest.

    /usr/bin/python3 tests/net/conformance.py [--kernel build/kernel.elf]
        [--initramfs build/initramfs.cpio] [--pcap build/net-peer.pcap]
        [--seed N] [--fuzz N] [--only SUBSTR]

Boots one guest (tests/net/peer.py, user/netpeer_guest.c) and runs every
case against it in order, printing one line per case:

    name: OK
    name: FAIL (why)
    name: SKIP (why)

Exit status 0 iff no case failed. docs/net-tests.md lists the cases and
what each one expects (RFC 826, 791, 792, 815/5722, 768, 9293).
"""

import argparse
import os
import random
import struct
import sys
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from peer import LinuxPeer, Peer, TAG, scaled                                  # noqa: E402
from scapy.all import (ARP, ICMP, IP, TCP, UDP, Ether, IPerror,  # noqa: E402
                       UDPerror, fragment)

ROOT = os.path.dirname(os.path.dirname(HERE))
BCAST = "ff:ff:ff:ff:ff:ff"
FRAG_TIMEOUT = 30.0         # the guest's reassembly timeout (IPFRAG_TIMEOUT_NS)


class Fail(Exception):
    pass


class Skip(Exception):
    pass


def check(cond, why):
    if not cond:
        raise Fail(why)


CASES = []


def case(name):
    def reg(fn):
        CASES.append((name, fn))
        return fn
    return reg


# ---------------------------------------------------------------------------
# checksums and frame predicates

def inet_sum(data):
    """The Internet checksum's one's complement sum (0 means a valid message)."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def ip_raw(f):
    ip = f[IP]
    return bytes(ip)[:ip.len]


def ip_csum_ok(f):
    raw = ip_raw(f)
    return inet_sum(raw[:(raw[0] & 15) * 4]) == 0


def l4_csum_ok(f):
    """The ICMP checksum, or the UDP/TCP one with the pseudo header."""
    raw = ip_raw(f)
    ihl = (raw[0] & 15) * 4
    body, proto = raw[ihl:], raw[9]
    if proto == 1:
        return inet_sum(body) == 0
    pseudo = raw[12:20] + struct.pack("!BBH", 0, proto, len(body))
    return inet_sum(pseudo + body) == 0


def from_guest_ip(f):
    return IP in f and f[IP].src != "0.0.0.0" and f[Ether].src != "52:54:00:aa:bb:02"


def is_icmp(f, type_, code=None, quoting_id=None):
    """An ICMP message of that type (and code) from the guest; quoting_id: an
    error whose quoted IP header has that id."""
    if not from_guest_ip(f) or ICMP not in f or f[ICMP].type != type_:
        return False
    if code is not None and f[ICMP].code != code:
        return False
    if quoting_id is not None:
        return IPerror in f and f[IPerror].id == quoting_id
    return True


def echo_reply(ident, seq):
    return lambda f: is_icmp(f, 0) and f[ICMP].id == ident and f[ICMP].seq == seq


def ping(p, ident, seq, payload=b"kestrel", dst=None, timeout=2.0):
    """Send one echo request; the reply frame or None."""
    p.send(p.ether() / IP(src=p.ip, dst=dst or p.guest_ip, id=ident) /
           ICMP(id=ident, seq=seq) / payload)
    return p.recv(echo_reply(ident, seq), timeout)


def check_echo(f, ident, seq, payload):
    check(f is not None, "no echo reply")
    check(f[ICMP].id == ident and f[ICMP].seq == seq, "id/seq not echoed")
    got = bytes(f[ICMP].payload)[:len(payload)]
    check(got == payload and f[IP].len == 28 + len(payload),
          "payload not echoed (%d bytes back, %d sent)" % (f[IP].len - 28, len(payload)))
    check(ip_csum_ok(f), "bad IP header checksum in the reply")
    check(l4_csum_ok(f), "bad ICMP checksum in the reply")
    check(f[IP].dst == "10.0.2.2" and f[IP].src == "10.0.2.15", "wrong addresses")


# ---------------------------------------------------------------------------
# ARP, ICMP, UDP, fragments

@case("arp/gratuitous")
def arp_gratuitous(p):
    f = p.recv(lambda f: ARP in f and f[ARP].op == 1 and f[ARP].psrc == p.guest_ip
               and f[ARP].pdst == p.guest_ip, 3)
    check(f is not None, "no gratuitous ARP request for 10.0.2.15 after link up")
    check(f[Ether].dst == BCAST, "gratuitous ARP not broadcast")
    check(f[ARP].hwsrc == p.guest_mac, "gratuitous ARP with the wrong MAC")


@case("arp/request-answered")
def arp_request(p):
    p.send(Ether(dst=BCAST, src=p.mac) /
           ARP(op=1, hwsrc=p.mac, psrc=p.ip, hwdst="00:00:00:00:00:00", pdst=p.guest_ip))
    f = p.recv(lambda f: ARP in f and f[ARP].op == 2 and f[ARP].psrc == p.guest_ip, 2)
    check(f is not None, "no ARP reply for 10.0.2.15")
    check(f[ARP].hwsrc == p.guest_mac and f[ARP].pdst == p.ip and f[ARP].hwdst == p.mac,
          "ARP reply fields wrong: %s" % f[ARP].summary())
    check(f[Ether].dst == p.mac, "ARP reply not unicast to the asker")


@case("arp/other-ip-ignored")
def arp_other(p):
    p.send(Ether(dst=BCAST, src=p.mac) /
           ARP(op=1, hwsrc=p.mac, psrc=p.ip, pdst="10.0.2.77"))
    f = p.recv(lambda f: ARP in f and f[ARP].op == 2, 0.5)
    check(f is None, "answered an ARP request for 10.0.2.77")


@case("icmp/echo")
def icmp_echo(p):
    for seq, payload in enumerate((b"", b"kestrel", bytes(range(256)) * 5)):
        f = ping(p, 0x1234, seq + 1, payload)
        check_echo(f, 0x1234, seq + 1, payload)


@case("icmp/echo-broadcast-ignored")
def icmp_broadcast(p):
    for i, dst in enumerate(("10.0.2.255", "255.255.255.255")):
        p.send(Ether(dst=BCAST, src=p.mac) / IP(src=p.ip, dst=dst) / ICMP(id=0x55, seq=i))
    f = p.recv(lambda f: is_icmp(f, 0) and f[ICMP].id == 0x55, 0.7)
    check(f is None, "answered an echo to a broadcast address (%s)" % (f and f[IP].dst))


@case("udp/closed-port-unreachable")
def udp_closed(p):
    pkt = IP(src=p.ip, dst=p.guest_ip, id=0x4242) / UDP(sport=40000, dport=33333) / (b"x" * 40)
    p.send(p.ether() / pkt)
    f = p.recv(lambda f: is_icmp(f, 3, quoting_id=0x4242), 2)
    check(f is not None, "no ICMP destination unreachable")
    check(f[ICMP].code == 3, "code %d, not port unreachable (3)" % f[ICMP].code)
    check(l4_csum_ok(f) and ip_csum_ok(f), "bad checksum")
    q = f[IPerror]
    check(q.src == p.ip and q.dst == p.guest_ip and q.proto == 17, "quoted header wrong")
    check(UDPerror in f and f[UDPerror].sport == 40000 and f[UDPerror].dport == 33333,
          "quoted UDP ports missing or wrong")


@case("ip/unknown-protocol-unreachable")
def ip_proto(p):
    p.send(p.ether() / IP(src=p.ip, dst=p.guest_ip, id=0x4343, proto=253) / (b"z" * 16))
    f = p.recv(lambda f: is_icmp(f, 3, quoting_id=0x4343), 2)
    check(f is not None, "no ICMP destination unreachable")
    check(f[ICMP].code == 2, "code %d, not protocol unreachable (2)" % f[ICMP].code)


def frag_ping(p, ident, order, dup=(), overlap=False, payload=None):
    """A ping of 1200 bytes in 3 fragments sent in `order` (indexes), the
    fragments in `dup` twice; overlap: an extra fragment with other bytes
    overlapping the second. Returns the reply or None."""
    payload = payload or bytes((i * 7) & 0xff for i in range(1200))
    pkt = IP(src=p.ip, dst=p.guest_ip, id=ident) / ICMP(id=ident, seq=1) / payload
    frags = fragment(pkt, fragsize=408)
    check(len(frags) == 3, "scapy made %d fragments" % len(frags))
    for i in order:
        p.send(p.ether() / frags[i])
        if i in dup:
            p.send(p.ether() / frags[i])
    if overlap:
        # straddles the end of the second fragment: a true overlap for
        # Linux too (which ignores a fragment inside what it already holds)
        end2 = (frags[1].frag * 8 + len(frags[1].payload)) // 8
        bad = IP(src=p.ip, dst=p.guest_ip, id=ident, flags="MF", frag=end2 - 4,
                 proto=1) / (b"\xee" * 64)
        p.send(p.ether() / bad)
    return p.recv(echo_reply(ident, 1), 1.5 if not overlap else 0.8), payload


@case("frag/out-of-order")
def frag_ooo(p):
    f, payload = frag_ping(p, 0x6001, (2, 0, 1))
    check_echo(f, 0x6001, 1, payload)


@case("frag/duplicates")
def frag_dup(p):
    f, payload = frag_ping(p, 0x6002, (1, 2, 0), dup=(1, 2))
    check_echo(f, 0x6002, 1, payload)


@case("frag/overlap-discarded")
def frag_overlap(p):
    before = p.stats()["Ip"]["ReasmFails"]
    # the overlap arrives before the last fragment: the datagram is dropped
    pkt_order = (0, 1)
    f, _ = frag_ping(p, 0x6003, pkt_order, overlap=True)
    last = fragment(IP(src=p.ip, dst=p.guest_ip, id=0x6003) / ICMP(id=0x6003, seq=1) /
                    bytes((i * 7) & 0xff for i in range(1200)), fragsize=408)[2]
    p.send(p.ether() / last)
    f = f or p.recv(echo_reply(0x6003, 1), 0.8)
    check(f is None, "a datagram with overlapping fragments was reassembled (RFC 5722)")
    after = p.stats()["Ip"]["ReasmFails"]
    check(after > before, "ReasmFails did not move (%d -> %d)" % (before, after))


# ---------------------------------------------------------------------------
# malformed frames

def fuzz_frames(p, rng, count):
    """count malformed frames, reproducible from rng."""
    eth = bytes(p.ether())[:12] + b"\x08\x00"
    guest, me = bytes([10, 0, 2, 15]), bytes([10, 0, 2, 2])

    def ip_hdr(proto, payload, **kw):
        ihl = kw.get("ihl", 5)
        opts = kw.get("opts", b"")
        hdr = bytearray(struct.pack("!BBHHHBBH4s4s", (kw.get("ver", 4) << 4) | ihl, 0,
                                    kw.get("tot", 20 + len(opts) + len(payload)),
                                    rng.randrange(65536), kw.get("frag", 0),
                                    kw.get("ttl", 64), proto, 0,
                                    kw.get("src", me), guest)) + opts
        if kw.get("csum", True):
            struct.pack_into("!H", hdr, 10, inet_sum(bytes(hdr[:ihl * 4])
                                                      if ihl * 4 <= len(hdr) else bytes(hdr)))
        return bytes(hdr) + payload

    def udp(payload, ulen=None, csum=None):
        return struct.pack("!HHHH", rng.randrange(1, 65536), rng.randrange(1, 65536),
                           8 + len(payload) if ulen is None else ulen,
                           rng.randrange(1, 65536) if csum is None else csum) + payload

    def rnd(n):
        return bytes(rng.getrandbits(8) for _ in range(n))

    kinds = [
        # runt (not 0 bytes: QEMU's dgram backend takes an empty datagram
        # for the end of the connection and stops reading the socket)
        lambda: rnd(rng.randrange(1, 14)),
        lambda: eth + rnd(rng.randrange(0, 20)),                         # truncated IP
        lambda: eth + rnd(rng.randrange(1500, 4000)),                    # oversize
        lambda: eth + ip_hdr(1, rnd(16), ver=rng.choice((0, 5, 6, 15))),
        lambda: eth + ip_hdr(1, rnd(16), ihl=rng.randrange(0, 5)),
        lambda: eth + ip_hdr(1, rnd(8), ihl=rng.randrange(6, 16)),
        lambda: eth + ip_hdr(1, rnd(16), tot=rng.choice((0, 1, 19, 60, 1500, 65535))),
        lambda: eth + ip_hdr(1, b"\x08\x00" + rnd(14), csum=False),
        lambda: eth + ip_hdr(1, b"\x08\x00\xf7\xff" + b"\0" * 4, ttl=0),
        lambda: eth + ip_hdr(17, udp(rnd(8)), ihl=5 + 2, opts=rnd(8)),   # bad options
        lambda: eth + ip_hdr(17, udp(rnd(8)), ihl=6, opts=bytes([rng.choice((7, 68, 131, 137,
                                                                              148)),
                                                                 rng.randrange(256)]) + rnd(2)),
        lambda: eth + ip_hdr(17, udp(rnd(20), ulen=rng.choice((0, 7, 29, 200, 65535)))),
        lambda: eth + ip_hdr(17, udp(rnd(20))),                         # bad checksum
        lambda: eth + ip_hdr(17, rnd(rng.randrange(0, 8))),              # truncated UDP
        lambda: eth + ip_hdr(1, bytes([rng.randrange(256), rng.randrange(256)]) +
                             rnd(rng.randrange(0, 40))),                 # ICMP garbage
        lambda: eth + ip_hdr(1, bytes([rng.choice((3, 4, 5, 11, 12)), rng.randrange(16)]) +
                             b"\0\0\0\0\0\0" + rnd(rng.randrange(0, 40))),  # errors quoting junk
        lambda: eth + ip_hdr(6, rnd(rng.randrange(0, 40))),              # TCP garbage
        lambda: eth + ip_hdr(rng.randrange(256), rnd(rng.randrange(0, 64))),
        lambda: eth + ip_hdr(1, rnd(rng.randrange(8, 200)),
                             frag=(rng.randrange(2) << 13) | rng.randrange(0, 8192)),
        lambda: eth + ip_hdr(17, udp(rnd(20)), src=rng.choice((b"\xff\xff\xff\xff",
                                                               b"\xe0\0\0\1", b"\x7f\0\0\1",
                                                               b"\0\0\0\0", guest))),
        lambda: Ether(dst=BCAST, src=p.mac).build()[:12] + b"\x08\x06" + rnd(rng.randrange(0, 40)),
        lambda: rnd(rng.randrange(14, 200)),
        # well-formed but hostile: ARP requests from random neighbours (the
        # cache fills), UDP with a right checksum from random sources on
        # the link (port unreachable for each: ARP pending queues, retries)
        lambda: arp_from(bytes([10, 0, 2, rng.randrange(3, 255)])),
        lambda: udp_ok(bytes([10, 0, 2, rng.randrange(3, 255)])),
        lambda: tcp_ok(), lambda: tcp_ok(),
    ]

    def arp_from(src):
        mac = bytes([0x52, 0x54, 0, 0xcc, src[3], rng.randrange(256)])
        return (b"\xff" * 6 + mac + b"\x08\x06" +
                struct.pack("!HHBBH6s4s6s4s", 1, 0x800, 6, 4, 1, mac, src, b"\0" * 6, guest))

    def tcp_ok():
        """A TCP segment with a right checksum and random everything else:
        flags, sequence numbers, window, options (any length byte), data,
        to the guest's services or a random port, from a few source ports
        (so some land on connections the random SYNs opened). Not to port
        10: random SYNs there leave half-open connections on the backlog-1
        listener of tcp/backlog-overflow for the SYN-ACK retry period
        (about a minute), which would make that case's handshakes go
        through SYN cookies instead of the plain path it checks."""
        opts = rnd(4 * rng.randrange(0, 11))
        if opts and rng.randrange(2):
            opts = bytes([rng.choice((0, 1, 2, 3, 4, 5, 8, 30)), rng.randrange(0, 12)]) + opts[2:]
        payload = rnd(rng.choice((0, 0, 1, 100, 1000)))
        hdr = struct.pack("!HHIIBBHHH", 40000 + rng.randrange(8),
                          rng.choice((7, 9, 13, 19, rng.randrange(11, 65536))),
                          rng.getrandbits(32), rng.getrandbits(32),
                          (5 + len(opts) // 4) << 4, rng.getrandbits(8),
                          rng.choice((0, 1, 512, 65535)), 0,
                          rng.getrandbits(16)) + opts
        seg = hdr + payload
        csum = inet_sum(me + guest + struct.pack("!BBH", 0, 6, len(seg)) + seg)
        return eth + ip_hdr(6, seg[:16] + struct.pack("!H", csum) + seg[18:])

    def udp_ok(src):
        payload = rnd(rng.randrange(0, 64))
        hdr = struct.pack("!HHHH", rng.randrange(1024, 65536), rng.randrange(20000, 30000),
                          8 + len(payload), 0)
        csum = inet_sum(src + guest + struct.pack("!BBH", 0, 17, 8 + len(payload)) +
                        hdr + payload) or 0xffff
        return eth + ip_hdr(17, hdr[:6] + struct.pack("!H", csum) + payload, src=src)
    for _ in range(count):
        yield rng.choice(kinds)()


@case("fuzz/malformed-frames")
def fuzz(p):
    rng = random.Random(p.seed)
    n = 0
    for raw in fuzz_frames(p, rng, p.fuzz_count):
        if not p.send(raw):
            raise Fail("the NIC stopped taking frames after %d malformed ones" % n)
        n += 1
        if n % 64 == 0:
            p.drain(0)                      # keep the guest's replies flowing
    p.drain(0.3)
    f = ping(p, 0x7777, 1, b"after the storm", timeout=3)
    check_echo(f, 0x7777, 1, b"after the storm")
    bad = p.console_problems()
    if bad:
        raise Fail("console: %s" % bad[0])


FRAG_FIRST_ID, FRAG_MIDDLE_ID = 0x7101, 0x7102


@case("frag/incomplete-sent")
def frag_incomplete(p):
    """Two datagrams that never complete; checked by frag/incomplete-timeout.
    Sent after the fuzz: its random fragments fill the reassembly table (64
    queues, the oldest evicted), which would evict these."""
    pkt = IP(src=p.ip, dst=p.guest_ip, id=FRAG_FIRST_ID) / ICMP(id=9, seq=1) / (b"f" * 1000)
    frags = fragment(pkt, fragsize=400)
    p.send(p.ether() / frags[0])
    pkt = IP(src=p.ip, dst=p.guest_ip, id=FRAG_MIDDLE_ID) / ICMP(id=9, seq=2) / (b"m" * 1000)
    p.send(p.ether() / fragment(pkt, fragsize=400)[1])
    p.frag_sent_at = time.monotonic()
    f = p.recv(lambda f: is_icmp(f, 0) and f[ICMP].id == 9, 0.5)
    check(f is None, "an incomplete datagram was answered")



# ---------------------------------------------------------------------------
# sockets

def recv_datagram(p, match_first, timeout=2.0):
    """A whole IP datagram from the guest, reassembled by the peer: the
    fragments of the datagram whose first fragment (or only frame) matches
    match_first. Returns (IP header fields of the first frame, raw payload)
    or (None, None)."""
    first = p.recv(lambda f: from_guest_ip(f) and f[IP].frag == 0 and match_first(f), timeout)
    if first is None:
        return None, None
    ip = first[IP]
    parts = {0: ip_raw(first)[ip.ihl * 4:]}
    end = None if ip.flags.MF else len(parts[0])
    while end is None or sum(len(v) for v in parts.values()) < end:
        f = p.recv(lambda f: from_guest_ip(f) and f[IP].id == ip.id and f[IP].frag > 0 and
                   f[IP].proto == ip.proto, timeout)
        if f is None:
            return None, None
        body = ip_raw(f)[f[IP].ihl * 4:]
        parts[f[IP].frag * 8] = body
        if not f[IP].flags.MF:
            end = f[IP].frag * 8 + len(body)
    return ip, b"".join(parts[k] for k in sorted(parts))


@case("udp/echo-socket")
def udp_echo(p):
    if p.services.get("udp/7") is not True:
        raise Skip("no UDP socket in this kernel: udp/7 %s" % p.services.get("udp/7"))
    for i, size in enumerate((0, 1, 512, 1472, 3000, 20000)):
        data = bytes((i + j) & 0xff for j in range(size))
        pkt = IP(src=p.ip, dst=p.guest_ip, id=0x5100 + i) / UDP(sport=41000 + i, dport=7) / data
        for frag in fragment(pkt, fragsize=1480):      # above the MTU: fragmented
            p.send(p.ether() / frag)
        ip, body = recv_datagram(p, lambda f, i=i: UDP in f and f[UDP].dport == 41000 + i)
        check(body is not None, "no echo of a %d-byte datagram" % size)
        ulen, = struct.unpack("!H", body[4:6])
        check(body[8:] == data and ulen == 8 + size, "%d-byte datagram echoed wrong" % size)
        pseudo = (bytes(map(int, ip.src.split("."))) + bytes(map(int, ip.dst.split("."))) +
                  struct.pack("!BBH", 0, 17, len(body)))
        check(inet_sum(pseudo + body) == 0, "bad UDP checksum in the %d-byte echo" % size)


# ---------------------------------------------------------------------------
# TCP

class Conn:
    """The peer's end of one TCP connection, driven by hand."""

    def __init__(self, p, dport, sport, window=65535):
        self.p, self.dport, self.sport, self.window = p, dport, sport, window
        self.iss = random.Random(sport).randrange(1 << 32)
        self.snd_nxt = self.iss
        self.rcv_nxt = None
        self.peer_mss = None

    def seg(self, flags, data=b"", seq=None, ack=None, window=None, options=()):
        t = TCP(sport=self.sport, dport=self.dport, flags=flags,
                seq=self.snd_nxt if seq is None else seq,
                ack=(self.rcv_nxt or 0) if ack is None else ack,
                window=self.window if window is None else window, options=list(options))
        return self.p.ether() / IP(src=self.p.ip, dst=self.p.guest_ip) / t / data

    def send(self, flags, data=b"", **kw):
        self.p.send(self.seg(flags, data, **kw))

    def mine(self, f):
        return (from_guest_ip(f) and TCP in f and f[TCP].sport == self.dport and
                f[TCP].dport == self.sport)

    def recv(self, timeout=2.0, pred=None):
        return self.p.recv(lambda f: self.mine(f) and (pred is None or pred(f)), timeout)

    def connect(self, mss=1460):
        self.send("S", options=[("MSS", mss)])
        f = self.recv(2)
        check(f is not None, "no answer to a SYN on port %d" % self.dport)
        check(f[TCP].flags == "SA", "answer to SYN has flags %s" % f[TCP].flags)
        check(f[TCP].ack == (self.iss + 1) & 0xffffffff, "SYN/ACK acks the wrong number")
        self.snd_nxt = (self.iss + 1) & 0xffffffff
        self.rcv_nxt = (f[TCP].seq + 1) & 0xffffffff
        self.peer_mss = dict((k, v) for k, v in f[TCP].options
                             if isinstance(k, str)).get("MSS")
        self.send("A")
        return f

    def send_data(self, data, **kw):
        self.send("PA", data, **kw)
        self.snd_nxt = (self.snd_nxt + len(data)) & 0xffffffff

    def take_data(self, nbytes, timeout=2.0, ack=True):
        """Receive (and ACK) in-order data until nbytes came or time is up."""
        got = b""
        deadline = time.monotonic() + timeout
        while len(got) < nbytes:
            f = self.recv(max(0.0, deadline - time.monotonic()),
                          lambda f: len(bytes(f[TCP].payload)) > 0 or f[TCP].flags.F)
            if f is None:
                break
            data = tcp_payload(f)
            if f[TCP].seq == self.rcv_nxt:
                got += data
                self.rcv_nxt = (self.rcv_nxt + len(data) + (1 if f[TCP].flags.F else 0)) \
                    & 0xffffffff
            if ack:
                self.send("A")
        return got

    def abort(self):
        self.send("R", seq=self.snd_nxt)


def tcp_payload(f):
    ip = f[IP]
    return bytes(ip)[:ip.len][ip.ihl * 4 + f[TCP].dataofs * 4:]


def need_tcp(p, service=None):
    if p.tcp_state is not True:
        raise Skip(p.tcp_state)
    if service and p.services.get(service) is not True:
        raise Skip("no TCP listener: %s %s" % (service, p.services.get(service)))


SPORT = iter(range(50000, 60000))


@case("tcp/rst-to-closed-port")
def tcp_rst(p):
    c = Conn(p, 4444, next(SPORT))
    c.send("S", options=[("MSS", 1460)])
    f = p.recv(lambda f: c.mine(f) or is_icmp(f, 3), 2)
    if f is not None and ICMP in f and f[ICMP].code == 2:
        p.tcp_state = "no TCP in this kernel"
        raise Skip(p.tcp_state)
    p.tcp_state = True
    check(f is not None, "no answer to a SYN on a closed port")
    check(TCP in f and f[TCP].flags == "RA", "answer is %s, not RST+ACK" % f.summary())
    check(f[TCP].seq == 0 and f[TCP].ack == (c.iss + 1) & 0xffffffff,
          "RST seq/ack wrong (RFC 9293 3.10.7.1)")
    check(l4_csum_ok(f), "bad TCP checksum")


@case("tcp/handshake-mss")
def tcp_handshake(p):
    need_tcp(p, "tcp/7")
    c = Conn(p, 7, next(SPORT))
    f = c.connect(mss=536)
    check(c.peer_mss is not None, "SYN/ACK without an MSS option")
    check(l4_csum_ok(f), "bad TCP checksum on the SYN/ACK")
    c.send_data(b"A" * 1000)
    got = c.take_data(1000)
    check(got == b"A" * 1000, "echo: %d of 1000 bytes" % len(got))
    c.abort()


@case("tcp/retransmit")
def tcp_retransmit(p):
    need_tcp(p, "tcp/7")
    c = Conn(p, 7, next(SPORT))
    c.connect()
    c.send_data(b"retransmit me")
    first = c.recv(2, lambda f: len(tcp_payload(f)) > 0)
    check(first is not None, "no echo")
    seq, times = first[TCP].seq, [time.monotonic()]
    while len(times) < 4:
        f = c.recv(8, lambda f: len(tcp_payload(f)) > 0 and f[TCP].seq == seq)
        if f is None:
            break
        times.append(time.monotonic())
    gaps = [b - a for a, b in zip(times, times[1:])]
    check(len(gaps) >= 2, "%d retransmissions of unacked data in 8 s" % len(gaps))
    check(all(b > a * 1.5 for a, b in zip(gaps, gaps[1:])),
          "RTO not growing: gaps %s" % ", ".join("%.2f" % g for g in gaps))
    c.abort()


@case("tcp/out-of-order-and-duplicates")
def tcp_ooo(p):
    need_tcp(p, "tcp/7")
    c = Conn(p, 7, next(SPORT))
    c.connect()
    base = c.snd_nxt
    a, b = b"0123456789", b"abcdefghij"
    c.send("PA", b, seq=(base + 10) & 0xffffffff)
    f = c.recv(1.5)
    check(f is not None and f[TCP].ack == base, "no duplicate ACK for the hole")
    c.send("PA", a, seq=base)
    c.send("PA", b, seq=(base + 10) & 0xffffffff)      # duplicate
    c.send("PA", a, seq=base)                          # duplicate
    c.snd_nxt = (base + 20) & 0xffffffff
    got = c.take_data(20, 2)
    extra = c.take_data(1, 0.7)
    check(got == a + b, "echoed %r, expected %r" % (got, a + b))
    check(extra == b"", "data delivered twice: %r" % extra)
    c.abort()


@case("tcp/zero-window")
def tcp_zero_window(p):
    need_tcp(p, "tcp/19")
    c = Conn(p, 19, next(SPORT), window=4096)
    c.connect()
    got = c.take_data(4096, 3, ack=False)
    check(len(got) >= 1, "no data from chargen")
    c.send("A", window=0)
    probe = c.recv(6, lambda f: True)
    check(probe is not None, "no window probe in 6 s after a zero window")
    c.send("A", window=65535)
    f = c.recv(3, lambda f: len(tcp_payload(f)) > 0 and f[TCP].seq == c.rcv_nxt)
    check(f is not None, "no new data after the window opened")
    c.abort()


@case("tcp/fin-time-wait")
def tcp_fin(p):
    need_tcp(p, "tcp/13")
    c = Conn(p, 13, next(SPORT))
    c.connect()
    line = b""
    deadline = time.monotonic() + 3
    fin = None
    while fin is None and time.monotonic() < deadline:
        f = c.recv(max(0.0, deadline - time.monotonic()))
        if f is None:
            break
        if f[TCP].seq == c.rcv_nxt:
            data = tcp_payload(f)
            line += data
            c.rcv_nxt = (c.rcv_nxt + len(data)) & 0xffffffff
            if f[TCP].flags.F:
                fin = f
                c.rcv_nxt = (c.rcv_nxt + 1) & 0xffffffff
    check(fin is not None, "no FIN from the guest (got %r)" % line)
    c.send("FA")                                       # ACK of its FIN, our FIN
    fin_seq = c.snd_nxt
    c.snd_nxt = (c.snd_nxt + 1) & 0xffffffff
    f = c.recv(2, lambda f: f[TCP].ack == c.snd_nxt)
    check(f is not None, "our FIN not ACKed")
    c.send("FA", seq=fin_seq)                          # an old duplicate FIN
    f = c.recv(2, lambda f: f[TCP].ack == c.snd_nxt and f[TCP].flags == "A")
    check(f is not None, "a duplicate FIN in TIME_WAIT not re-ACKed")


@case("tcp/backlog-overflow")
def tcp_backlog(p):
    need_tcp(p, "tcp/10")
    conns, answered = [], 0
    for _ in range(6):
        c = Conn(p, 10, next(SPORT))
        c.send("S", options=[("MSS", 1460)])
        f = c.recv(1)
        if f is not None and f[TCP].flags == "SA":
            answered += 1
            c.snd_nxt = (c.iss + 1) & 0xffffffff
            c.rcv_nxt = (f[TCP].seq + 1) & 0xffffffff
            c.send("A")
        conns.append(c)
    check(answered >= 1, "no connection accepted on a listener with backlog 1")
    check(answered < 6, "all 6 SYNs answered with backlog 1")
    for c in conns:
        c.abort()


@case("tcp/syn-flood-cookies")
def tcp_syn_flood(p):
    """64 SYNs that are never completed, then a real connection to the
    same listener (backlog 4): with its SYN queue full the listener must
    answer with a SYN cookie (RFC 4987; Linux's tcp_syncookies=1), and
    the connection made from the cookie carries data both ways."""
    need_tcp(p, "tcp/11")
    flood = [Conn(p, 11, 41000 + i) for i in range(64)]
    for c in flood:
        c.send("S", options=[("MSS", 1460)])
    answers = p.recv_all(lambda f: any(c.mine(f) for c in flood) and f[TCP].flags == "SA", 1.0)
    check(len(answers) >= 60, "only %d of 64 flooding SYNs answered" % len(answers))
    c = Conn(p, 11, next(SPORT))
    c.connect()
    check(c.peer_mss == 1460, "the cookie SYN-ACK offers MSS %r" % c.peer_mss)
    data = b"through the flood"
    c.send_data(data)
    got = c.take_data(len(data), 3)
    check(got == data, "echo through a cookie connection: %r" % got)
    c.abort()
    p.expect(TAG + r"tcp/11 closed after %d bytes" % len(data), 5)
    for fc in flood:                                   # end the half-open ones
        fc.send("R", seq=(fc.iss + 1) & 0xffffffff)
    p.drain()


@case("tcp/rst-in-and-out-of-window")
def tcp_rst_window(p):
    need_tcp(p, "tcp/9")
    c = Conn(p, 9, next(SPORT))
    c.connect()
    c.send("R", seq=(c.snd_nxt + 200000) & 0xffffffff)     # out of window
    c.send_data(b"still there?")
    f = c.recv(2, lambda f: f[TCP].ack == c.snd_nxt)
    check(f is not None and not f[TCP].flags.R, "connection lost to an out-of-window RST")
    c.send("R", seq=c.snd_nxt)                              # in window, exact
    p.expect(TAG + r"tcp/9 closed after \d+ bytes", 3)
    c.send_data(b"gone?")
    # an ACK the guest sent before the RST reached it may still be on its way
    f = c.recv(2, lambda f: f[TCP].flags.R)
    check(f is not None, "no RST for data on a reset connection")


@case("tcp/malformed")
def tcp_malformed(p):
    need_tcp(p, "tcp/7")
    c = Conn(p, 7, next(SPORT))
    c.connect()
    bad = []
    s = c.seg("PA", b"BAD1")
    s[TCP].chksum = 0x1234
    bad.append(s)
    for off in (0, 4, 15):                  # data offset below 5 / past the end
        s = c.seg("PA", b"BAD2")
        s[TCP].dataofs = off
        bad.append(s)
    bad.append(c.seg("SF", b"BAD3"))
    for opts in (b"\x02\x00\x00\x00", b"\x02\x01\x00\x00", b"\x03\x09\x00\x00",
                 b"\x08\x20" + b"\x00" * 6):
        raw = bytearray(bytes(c.seg("PA")))
        raw[34 + 12] = (5 + len(opts) // 4) << 4          # options with bad lengths
        f = Ether(bytes(raw[:34 + 20]) + opts + b"BAD4")
        f[IP].len = len(f) - 14
        del f[IP].chksum
        del f[TCP].chksum
        bad.append(f)
    for s in bad:
        p.send(s)
    c.send_data(b"good")
    got = c.take_data(4, 2)
    check(b"BAD" not in got, "a malformed segment's data was accepted: %r" % got)
    check(got == b"good", "the connection stopped working: %r" % got)
    c.abort()


@case("frag/incomplete-timeout")
def frag_timeout(p):
    wait = FRAG_TIMEOUT + 5 - (time.monotonic() - p.frag_sent_at)
    f = p.recv(lambda f: is_icmp(f, 11, quoting_id=FRAG_FIRST_ID), max(wait, 0.5))
    check(f is not None, "no ICMP time exceeded for a first fragment left alone")
    check(f[ICMP].code == 1, "time exceeded code %d, not 1 (reassembly)" % f[ICMP].code)
    g = p.recv(lambda f: is_icmp(f, 11, quoting_id=FRAG_MIDDLE_ID), 0.3)
    check(g is None, "time exceeded for a datagram whose first fragment never came")
    check(p.stats()["Ip"]["ReasmTimeout"] >= 1, "ReasmTimeout not counted")


@case("end/no-leak-still-alive")
def end_check(p):
    p.drain(0.3)
    end = p.stats()
    f = ping(p, 0x7878, 1, b"still here")
    check_echo(f, 0x7878, 1, b"still here")
    start = p.start_stats["memfree_kb"]
    if start is not None and end["memfree_kb"] is not None and not p.reference:
        lost = start - end["memfree_kb"]
        p.notes.append("MemFree %d kB -> %d kB" % (start, end["memfree_kb"]))
        check(lost < 1024, "MemFree fell by %d kB over the run" % lost)
    for proto, keys in (("Ip", ("InReceives", "InHdrErrors", "InUnknownProtos",
                                "ReasmFails", "ReasmTimeout")),
                        ("Icmp", ("InErrors", "InCsumErrors", "OutDestUnreachs",
                                  "OutTimeExcds")),
                        ("Udp", ("NoPorts", "InErrors", "InCsumErrors")),
                        ("Tcp", ("PassiveOpens", "InSegs", "InErrs", "InCsumErrors",
                                 "OutRsts", "RetransSegs"))):
        a, b = p.start_stats.get(proto, {}), end.get(proto, {})
        if not b:
            continue
        p.notes.append("%s: %s" % (proto, ", ".join("%s +%d" % (k, b.get(k, 0) - a.get(k, 0))
                                                    for k in keys)))
    bad = p.console_problems()
    if bad:
        raise Fail("console: %s" % bad[0])


# ---------------------------------------------------------------------------

def watchdog(p, timeout):
    """Kill the guest and exit(3) when the whole run takes longer than
    timeout: a hung guest must not hang the harness (which kills only our
    process group; QEMU runs in its own session)."""
    def fire():
        print("run: FAIL (timed out after %.0f s)" % scaled(timeout), flush=True)
        p.q.kill(wait=False)
        os._exit(3)
    t = threading.Timer(scaled(timeout), fire)
    t.daemon = True
    t.start()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel.elf"))
    ap.add_argument("--initramfs", default=os.path.join(ROOT, "build", "initramfs.cpio"))
    ap.add_argument("--pcap", default=os.path.join(ROOT, "build", "net-peer.pcap"))
    ap.add_argument("--log", default=os.path.join(ROOT, "build", "test-logs",
                                                  "net-peer-frames.log"))
    ap.add_argument("--console-log", default=os.path.join(ROOT, "build", "test-logs",
                                                          "net-peer-console.log"))
    ap.add_argument("--timeout", type=float, default=150,
                    help="seconds (scaled by KESTREL_TIMEOUT_SCALE) before the run gives up")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--fuzz", type=int, default=3000, help="malformed frames to send")
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--linux", action="store_true",
                    help="run against the host's Linux in a network namespace (root; "
                         "docs/net-tests.md)")
    args = ap.parse_args(argv)
    os.makedirs(os.path.dirname(args.log), exist_ok=True)
    failed = 0
    t0 = time.monotonic()
    if args.linux:
        p = LinuxPeer(os.path.join(ROOT, "build", "user", "netpeer_guest"),
                      log=args.log, console_log=args.console_log)
    else:
        p = Peer(args.kernel, args.initramfs, pcap=args.pcap, cpus=args.cpus,
                 log=args.log, console_log=args.console_log)
    with p:
        p.seed, p.fuzz_count, p.notes = args.seed, args.fuzz, []
        watchdog(p, args.timeout)
        p.tcp_state = "TCP not probed (tcp/rst-to-closed-port did not run)"
        p.frag_sent_at = time.monotonic()
        try:
            p.wait_ready()
            p.start_stats = p.stats()
        except Exception as e:                       # noqa: BLE001
            print("boot: FAIL (%s)" % str(e).splitlines()[0])
            return 1
        for name, fn in CASES:
            if args.only and not any(s in name for s in args.only):
                continue
            try:
                fn(p)
                print("%s: OK" % name)
            except Skip as e:
                print("%s: SKIP (%s)" % (name, e))
            except Fail as e:
                failed += 1
                print("%s: FAIL (%s)" % (name, e))
            except Exception as e:                   # noqa: BLE001
                failed += 1
                p.log("case %s raised:\n%s" % (name, traceback.format_exc()))
                print("%s: FAIL (%s: %s)" % (name, type(e).__name__,
                                             str(e).splitlines()[0] if str(e) else ""))
            sys.stdout.flush()
        try:
            p.command("quit", TAG + "bye", 10)
            status = p.q.wait_exit(10)
            if status != 0:
                raise Fail("exit status %s after quit" % status)
        except Exception as e:                       # noqa: BLE001
            failed += 1
            print("end/poweroff: FAIL (%s)" % str(e).splitlines()[0])
        for n in p.notes:
            print("note: %s" % n)
    print("note: %d frames sent in %.1f s, pcap %s" % (p.sent, time.monotonic() - t0,
                                                      "none" if args.linux else args.pcap))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

/*
 * In-kernel TCP tests (docs/tcp.md): two kernel sockets over loopback
 * driven through the socket operations with non-blocking calls, one
 * thread interleaving the sender and the receiver.
 *
 *  tcp_lossy_transfer  lo's MTU at 1500 (MSS 1460) and every 13th new data
 *                      segment "lost" (tcp_test_drop_every): 512 KiB arrives
 *                      intact, in order; fast retransmit/NewReno and the RTO
 *                      did the work (RetransSegs grew); no skb leaked.
 *  tcp_zero_window     a receiver with a 4 KiB SO_RCVBUF that does not read:
 *                      the sender meets a zero window, probes it (persist
 *                      timer), and finishes once the reader drains.
 */
#include <fs/file.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/skbuff.h>
#include <net/socket.h>
#include <net/tcp.h>
#include <sched/sched.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>


struct t_conn {
	struct file *lf, *cf, *sf;	/* listener, client, server side */
};

static struct socket *t_s(struct file *f)
{
	return sock_from_file(f);
}

static u8 t_byte(size_t i)
{
	return (u8)(i * 13 + (i >> 9));
}

/* A connected pair over 127.0.0.1 (non-blocking files). NULL or why not. */
static const char *t_connect(struct t_conn *t)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = INADDR_LOOPBACK };
	u8 ss[SOCKADDR_STORAGE_SIZE] __attribute__((aligned(8)));
	u64 until = ktime_get_ns() + 5 * NSEC_PER_SEC;
	int err;

	memset(t, 0, sizeof(*t));
	t->lf = sock_create_file(AF_INET, SOCK_STREAM, 0, O_NONBLOCK);
	t->cf = sock_create_file(AF_INET, SOCK_STREAM, 0, O_NONBLOCK);
	if (IS_ERR(t->lf) || IS_ERR(t->cf))
		return ktest_fail("socket");
	err = t_s(t->lf)->ops->bind(t_s(t->lf), (struct sockaddr *)&sin, sizeof(sin));
	if (!err)
		err = t_s(t->lf)->ops->listen(t_s(t->lf), 4);
	if (err)
		return ktest_fail("bind/listen: %d", err);
	t_s(t->lf)->ops->getname(t_s(t->lf), (struct sockaddr *)ss, 0);
	sin.sin_port = ((struct sockaddr_in *)ss)->sin_port;
	err = t_s(t->cf)->ops->connect(t_s(t->cf), (struct sockaddr *)&sin, sizeof(sin), O_NONBLOCK);
	if (err != -EINPROGRESS && err)
		return ktest_fail("connect: %d", err);
	for (;;) {
		t->sf = sock_accept_file(t_s(t->lf), O_NONBLOCK);
		if (!IS_ERR(t->sf))
			return NULL;
		if (PTR_ERR(t->sf) != -EAGAIN || ktime_get_ns() > until) {
			err = (int)PTR_ERR(t->sf);
			t->sf = NULL;
			return ktest_fail("accept: %d", err);
		}
		msleep(1);
	}
}

/*
 * After a test's connections are closed: wait (up to 2 s) until no more
 * sk_buffs are alive than at the start and at most socks sockets; the
 * excess left (one reading, so a count that dips and rises again between
 * two readings is not taken for a leak).
 */
static long t_settle(long live, long socks)
{
	long now = skb_live_count();

	for (int i = 0; i < 200 && (now > live || nr_sockets() > socks); i++) {
		msleep(10);
		now = skb_live_count();
	}
	return now - live;
}

static void t_close(struct t_conn *t)
{
	if (t->sf && !IS_ERR(t->sf))
		fput(t->sf);
	if (t->cf && !IS_ERR(t->cf))
		fput(t->cf);
	if (t->lf && !IS_ERR(t->lf))
		fput(t->lf);
}

static ssize_t t_io(struct file *f, void *buf, size_t n, bool send)
{
	struct socket *sock = t_s(f);
	struct iov_iter it;
	struct kmsg m = { .iter = &it };

	iov_iter_kernel(&it, buf, n);
	return send ? sock->ops->sendmsg(sock, &m, MSG_DONTWAIT) :
		      sock->ops->recvmsg(sock, &m, MSG_DONTWAIT);
}

/*
 * Move total bytes from t->cf to t->sf, checking each byte; hold_ms:
 * the reader first sleeps that long without reading (zero window).
 */
static const char *t_transfer(struct t_conn *t, size_t total, unsigned int hold_ms, u32 *probes)
{
	u8 *out = kmalloc(8192, GFP_KERNEL), *in = kmalloc(8192, GFP_KERNEL);
	size_t sent = 0, got = 0;
	u64 hold_until = ktime_get_ns() + (u64)hold_ms * 1000000, until = ktime_get_ns() + 60 * NSEC_PER_SEC;
	const char *why = NULL;

	while (!why && got < total) {
		bool idle = true;
		ssize_t n;

		if (ktime_get_ns() > until) {
			why = ktest_fail("stalled at %zu of %zu bytes (sent %zu)", got, total, sent);
			break;
		}
		if (sent < total) {
			size_t k = MIN((size_t)8192, total - sent);

			for (size_t i = 0; i < k; i++)
				out[i] = t_byte(sent + i);
			n = t_io(t->cf, out, k, true);
			if (n > 0) {
				sent += (size_t)n;
				idle = false;
			} else if (n != -EAGAIN) {
				why = ktest_fail("send: %zd", n);
			}
		}
		if (ktime_get_ns() < hold_until) {
			msleep(5);
			continue;
		}
		if (probes && hold_ms) {
			*probes = ((struct tcp_sock *)t_s(t->cf)->sk)->probes;
			hold_ms = 0;
		}
		n = t_io(t->sf, in, 8192, false);
		if (n > 0) {
			for (ssize_t i = 0; i < n; i++)
				if (in[i] != t_byte(got + (size_t)i)) {
					why = ktest_fail("byte %zu damaged", got + (size_t)i);
					break;
				}
			got += (size_t)n;
			idle = false;
		} else if (n != -EAGAIN) {
			why = ktest_fail("recv: %zd after %zu bytes", n, got);
		}
		if (idle)
			msleep(1);
	}
	kfree(out);
	kfree(in);
	return why;
}

KTEST(tcp_lossy_transfer)
{
	long live = skb_live_count(), socks = nr_sockets(), left;
	u32 mtu = loopback_dev->mtu;
	unsigned long retrans;
	struct t_conn t;
	const char *why;

	loopback_dev->mtu = 1500;
	why = t_connect(&t);
	spin_lock(&tcp_lock);
	retrans = tcp_mib.retrans_segs;
	tcp_test_drop_every = 13;
	spin_unlock(&tcp_lock);
	if (!why)
		why = t_transfer(&t, 512 << 10, 0, NULL);
	spin_lock(&tcp_lock);
	tcp_test_drop_every = 0;
	retrans = tcp_mib.retrans_segs - retrans;
	spin_unlock(&tcp_lock);
	loopback_dev->mtu = mtu;
	if (!why && retrans < 27)
		why = ktest_fail("only %lu retransmissions for ~27 losses", retrans);
	if (!why)
		printk("tcp_lossy_transfer: %lu retransmissions\n", retrans);
	t_close(&t);
	left = t_settle(live, socks);
	if (!why && left > 0)
		why = ktest_fail("skbs leaked: %ld", left);
	if (!why && nr_sockets() != socks)
		why = ktest_fail("sockets leaked: %ld", nr_sockets() - socks);
	return why;
}

KTEST(tcp_zero_window)
{
	long live = skb_live_count(), socks = nr_sockets(), left;
	struct t_conn t;
	u32 probes = 0;
	const char *why = t_connect(&t);

	if (!why) {
		WRITE_ONCE(t_s(t.sf)->rcvbuf, 4096);
		why = t_transfer(&t, 256 << 10, 700, &probes);
	}
	if (!why && !probes)
		why = ktest_fail("no zero-window probe in 700 ms");
	t_close(&t);
	left = t_settle(live, socks);
	if (!why && left > 0)
		why = ktest_fail("skbs leaked: %ld", left);
	return why;
}

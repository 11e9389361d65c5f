/*
 * The receive queue, recvmsg, poll and shutdown shared by AF_INET
 * datagram sockets (interface and locking in <net/inet_dgram.h>).
 */
#include <fs/file.h>
#include <fs/poll.h>
#include <kernel/compiler.h>
#include <mm/uaccess.h>
#include <net/inet_dgram.h>
#include <net/ip.h>
#include <net/skbuff.h>
#include <net/socket.h>
#include <uapi/errno.h>
#include <uapi/if.h>
#include <uapi/poll.h>

void inet_dgram_init(struct inet_dgram *d, struct socket *sock)
{
	d->sock = sock;
	spin_lock_init(&d->lock, "inet_dgram");
	INIT_LIST_HEAD(&d->rxq);
	wait_queue_head_init(&d->wq, "inet_dgram_wq");
	sock->wq = &d->wq;
}

bool inet_dgram_queue(struct inet_dgram *d, struct sk_buff *skb)
{
	u32 cost = skb->len + INET_DGRAM_OVERHEAD;
	bool queued = false;

	spin_lock(&d->lock);
	if (!(READ_ONCE(d->shutdown) & DGRAM_RCV_SHUTDOWN) &&
	    d->rx_bytes + cost <= (u32)READ_ONCE(d->sock->rcvbuf)) {
		list_add_tail(&skb->list, &d->rxq);
		d->rx_bytes += cost;
		WRITE_ONCE(d->rx_count, d->rx_count + 1);
		queued = true;
	}
	spin_unlock(&d->lock);
	if (queued)
		wake_up_all(&d->wq);
	return queued;
}

void inet_dgram_error(struct inet_dgram *d, int err)
{
	WRITE_ONCE(d->sock->so_error, -err);
	wake_up_all(&d->wq);
}

int inet_dgram_take_error(struct inet_dgram *d)
{
	return -__atomic_exchange_n(&d->sock->so_error, 0, __ATOMIC_RELAXED);
}

void inet_dgram_purge(struct inet_dgram *d)
{
	struct sk_buff *skb, *tmp;
	LIST_HEAD(dead);

	spin_lock(&d->lock);
	list_splice_init(&d->rxq, &dead);
	d->rx_bytes = 0;
	WRITE_ONCE(d->rx_count, 0);
	spin_unlock(&d->lock);
	list_for_each_entry_safe(skb, tmp, &dead, list) {
		list_del_init(&skb->list);
		kfree_skb(skb);
	}
}

/*
 * A reference on the first queued datagram, waiting for one. NULL with
 * *errp: 0 after SHUT_RD, or -errno (pending error, -EAGAIN, a signal).
 */
static struct sk_buff *dgram_wait(struct inet_dgram *d, int flags, int *errp)
{
	struct wait_queue_entry w;
	struct sk_buff *skb = NULL;
	u64 deadline = sock_timeo(d->sock, true);
	int err = 0;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&d->wq, &w, TASK_INTERRUPTIBLE);
		spin_lock(&d->lock);
		if (!list_empty(&d->rxq))
			skb = skb_get(list_first_entry(&d->rxq, struct sk_buff, list));
		spin_unlock(&d->lock);
		if (skb)
			break;
		err = inet_dgram_take_error(d);
		if (err || (READ_ONCE(d->shutdown) & DGRAM_RCV_SHUTDOWN))
			break;
		if (flags & MSG_DONTWAIT) {
			err = -EAGAIN;
			break;
		}
		err = sock_wait(deadline);
		if (err)
			break;
	}
	finish_wait(&d->wq, &w);
	*errp = err;
	return skb;
}

/* Take skb off the queue if it is still first; false if another reader took it. */
static bool dgram_unlink(struct inet_dgram *d, struct sk_buff *skb)
{
	bool ours = false;

	spin_lock(&d->lock);
	if (!list_empty(&d->rxq) && list_first_entry(&d->rxq, struct sk_buff, list) == skb) {
		list_del_init(&skb->list);
		d->rx_bytes -= skb->len + INET_DGRAM_OVERHEAD;
		WRITE_ONCE(d->rx_count, d->rx_count - 1);
		ours = true;
	}
	spin_unlock(&d->lock);
	return ours;
}

ssize_t inet_dgram_recvmsg(struct inet_dgram *d, struct kmsg *msg, int flags,
			   int (*name)(const struct sk_buff *skb, struct sockaddr *sa))
{
	struct sk_buff *skb;
	size_t n;
	ssize_t ret;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;	/* no error queue (IP_RECVERR is stored only) */
	for (;;) {
		skb = dgram_wait(d, flags, &err);
		if (!skb)
			return err;
		if ((flags & MSG_PEEK) || dgram_unlink(d, skb))
			break;
		kfree_skb(skb);	/* another reader took it: wait again */
	}
	n = copy_to_iter(skb->data, skb->len, msg->iter);
	ret = (n < skb->len && msg->iter->count) ? -EFAULT : (ssize_t)n;
	if (n < skb->len)
		msg->flags |= MSG_TRUNC;
	if (ret >= 0 && (flags & MSG_TRUNC))
		ret = (ssize_t)skb->len;	/* the real length, as Linux */
	if (ret >= 0 && msg->name)
		msg->namelen = name(skb, msg->name);
	if (ret >= 0 && READ_ONCE(d->inet.recvttl)) {
		int ttl = ip_hdr(skb)->ttl;	/* the IP header is still in front of the data */

		put_cmsg(msg, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
	}
	kfree_skb(skb);		/* our reference */
	if (!(flags & MSG_PEEK))
		kfree_skb(skb);	/* the queue's */
	return ret;
}

unsigned int inet_dgram_poll(struct file *file, struct inet_dgram *d, struct poll_table *pt)
{
	unsigned int mask = POLLOUT | POLLWRNORM | POLLWRBAND;
	unsigned int shut;

	poll_wait(file, &d->wq, pt);
	if (READ_ONCE(d->sock->so_error))
		mask |= POLLERR;
	if (READ_ONCE(d->rx_count))
		mask |= POLLIN | POLLRDNORM;
	shut = READ_ONCE(d->shutdown);
	if (shut & DGRAM_RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (shut == (DGRAM_RCV_SHUTDOWN | DGRAM_SEND_SHUTDOWN))
		mask |= POLLHUP;
	return mask;
}

int inet_dgram_shutdown(struct socket *sock, struct inet_dgram *d, int how)
{
	unsigned int bits = 0;

	if (READ_ONCE(sock->state) != SS_CONNECTED)
		return -ENOTCONN;

	if (how == SHUT_RD || how == SHUT_RDWR)
		bits |= DGRAM_RCV_SHUTDOWN;
	if (how == SHUT_WR || how == SHUT_RDWR)
		bits |= DGRAM_SEND_SHUTDOWN;
	__atomic_or_fetch(&d->shutdown, bits, __ATOMIC_RELAXED);
	wake_up_all(&d->wq);
	return 0;
}

long inet_dgram_ioctl(struct inet_dgram *d, unsigned int cmd, unsigned long arg)
{
	int n = 0;

	switch (cmd) {
	case SIOCINQ:		/* the first datagram's payload, as Linux */
		spin_lock(&d->lock);
		if (!list_empty(&d->rxq))
			n = (int)list_first_entry(&d->rxq, struct sk_buff, list)->len;
		spin_unlock(&d->lock);
		break;
	case SIOCOUTQ:		/* nothing waits: datagrams leave at once */
		break;
	default:
		return inet_ioctl(d->sock, cmd, arg);
	}
	return copy_to_user((void __user *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

/*
 * The socket layer: sockfs, the socket file operations, the family
 * registry and the helpers protocols share (interface in <net/socket.h>;
 * docs/net.md).
 *
 * A socket and its inode are one allocation (struct socket_alloc) on the
 * internal sockfs (never mounted; st_dev 0:8): the file made on the inode
 * holds the inode, so the socket lives until the last fput, whose
 * ->release asks the protocol to let go (ops->release) and whose iput
 * then frees both. read/write are recvmsg/sendmsg without an address;
 * the file's O_NONBLOCK becomes MSG_DONTWAIT.
 *
 * Invariants: sock->ops, sock->sk and sock->wq are set before the file
 * is installed in a descriptor table (or, for accept, before the new
 * file is made), so the file operations never see a half-made socket
 * (they check sk only for release after a failed accept).
 *
 * Locks: "sock_family_lock" (spin, a leaf) guards the family table.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/poll.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <net/socket.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/poll.h>
#include <uapi/signal.h>
#include <uapi/stat.h>

struct socket_alloc {
	struct socket sock;
	struct inode inode;
};

static struct spinlock sock_family_lock = SPINLOCK_INIT("sock_family_lock");
/*
 * The families, by number (sock_family_lock). Those built into the kernel
 * are here from the start, so no boot step is needed; others register.
 */
static const struct net_proto_family *families[AF_MAX] = {
	[AF_UNIX] = &unix_family,
};
static long nr_sockets_alive;                              /* [a] */

long nr_sockets(void)
{
	return __atomic_load_n(&nr_sockets_alive, __ATOMIC_RELAXED);
}

int sock_register(const struct net_proto_family *fam)
{
	int err = 0;

	if (fam->family <= 0 || fam->family >= AF_MAX)
		return -EINVAL;
	spin_lock(&sock_family_lock);
	if (families[fam->family])
		err = -EEXIST;
	else
		families[fam->family] = fam;
	spin_unlock(&sock_family_lock);
	return err;
}

static const struct net_proto_family *sock_family(int family)
{
	const struct net_proto_family *fam = NULL;

	if (family <= 0 || family >= AF_MAX)
		return NULL;
	spin_lock(&sock_family_lock);
	fam = families[family];
	spin_unlock(&sock_family_lock);
	return fam;
}

/* ---------------------------------------------------------------- sockfs */

static void sockfs_destroy_inode(struct inode *inode)
{
	kfree(container_of(inode, struct socket_alloc, inode));
	__atomic_sub_fetch(&nr_sockets_alive, 1, __ATOMIC_RELAXED);
}

static const struct super_operations sockfs_sops = {
	.destroy_inode = sockfs_destroy_inode,
};

static struct file_system_type sockfs_type = {
	.name = "sockfs",   /* internal: never registered, never mounted */
};

static struct super_block sockfs_sb = {
	.s_type = &sockfs_type,
	.s_dev = MKDEV(0, 8),
	.s_op = &sockfs_sops,
	.s_next_ino = 1,
};

static const struct file_operations socket_fops;

struct socket *sock_from_file(struct file *f)
{
	if (f->f_op != &socket_fops)
		return NULL;
	return &container_of(file_inode(f), struct socket_alloc, inode)->sock;
}

/* ---------------------------------------------------------------- file operations */

static int sock_file_flags(struct file *f)
{
	return (READ_ONCE(f->f_flags) & O_NONBLOCK) ? MSG_DONTWAIT : 0;
}

static ssize_t sock_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct socket *sock = sock_from_file(f);
	struct kmsg msg = { .iter = to };

	(void)pos;
	if (!sock->ops->recvmsg)
		return -EOPNOTSUPP;
	if (!to->count)
		return 0;
	return sock->ops->recvmsg(sock, &msg, sock_file_flags(f));
}

static ssize_t sock_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct socket *sock = sock_from_file(f);
	struct kmsg msg = { .iter = from };
	ssize_t ret;

	(void)pos;
	if (!sock->ops->sendmsg)
		return -EOPNOTSUPP;
	ret = sock->ops->sendmsg(sock, &msg, sock_file_flags(f));
	if (ret == -EPIPE)
		sock_send_sigpipe();
	return ret;
}

static unsigned int sock_poll(struct file *f, struct poll_table *pt)
{
	struct socket *sock = sock_from_file(f);

	if (!sock->ops->poll)
		return DEFAULT_POLLMASK;
	return sock->ops->poll(f, sock, pt);
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = sock_from_file(f);

	if (!sock->ops->ioctl)
		return -ENOTTY;
	return sock->ops->ioctl(sock, cmd, arg);
}

static void sock_release(struct inode *inode, struct file *f)
{
	struct socket *sock = sock_from_file(f);

	(void)inode;
	if (sock->ops && sock->ops->release)
		sock->ops->release(sock);
	sock->sk = NULL;
}

static const struct file_operations socket_fops = {
	.release = sock_release,
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
};

/* ---------------------------------------------------------------- creation */

/* A socket on a new sockfs inode, its options at Linux's defaults; NULL if out of memory. */
static struct socket *sock_alloc(int family, int type, int protocol)
{
	struct socket_alloc *sa = kzalloc(sizeof(*sa), 0);
	struct socket *sock;

	if (!sa)
		return NULL;
	__atomic_add_fetch(&nr_sockets_alive, 1, __ATOMIC_RELAXED);
	inode_init(&sa->inode, &sockfs_sb, S_IFSOCK | 0777);
	sa->inode.i_fop = &socket_fops;
	sa->inode.i_uid = current_fsuid();	/* fstat and /proc/net show the creator */
	sa->inode.i_gid = current_fsgid();
	sock = &sa->sock;
	sock->inode = &sa->inode;
	sock->family = family;
	sock->type = (short)type;
	sock->protocol = protocol;
	sock->sndbuf = SOCK_BUF_DEFAULT;
	sock->rcvbuf = SOCK_BUF_DEFAULT;
	return sock;
}

/*
 * The file of a fresh socket (the file takes over the inode's reference).
 * On failure the socket is released (ops->release if ops is set) and
 * freed. ERR_PTR(-errno).
 */
static struct file *sock_make_file(struct socket *sock, int flags)
{
	struct file *f = file_alloc_open(sock->inode, O_RDWR | (flags & O_NONBLOCK));

	if (IS_ERR(f)) {
		if (sock->ops && sock->ops->release)
			sock->ops->release(sock);
		iput(sock->inode);
		return f;
	}
	sock->file = f;
	iput(sock->inode);   /* the file holds it now */
	return f;
}

struct file *sock_create_file(int family, int type, int protocol, int flags)
{
	const struct net_proto_family *fam = sock_family(family);
	struct socket *sock;
	int err;

	if (family < 0 || family >= AF_MAX)
		return ERR_PTR(-EAFNOSUPPORT);
	if (type <= 0 || type > SOCK_SEQPACKET)
		return ERR_PTR(-EINVAL);
	if (!fam)
		return ERR_PTR(-EAFNOSUPPORT);
	sock = sock_alloc(family, type, protocol);
	if (!sock)
		return ERR_PTR(-ENOMEM);
	err = fam->create(sock, protocol);
	if (err) {
		sock->ops = NULL;
		iput(sock->inode);
		return ERR_PTR(err);
	}
	return sock_make_file(sock, flags);
}

struct file *sock_accept_file(struct socket *lsock, int flags)
{
	struct socket *sock = sock_alloc(lsock->family, lsock->type, lsock->protocol);
	int err;

	if (!sock)
		return ERR_PTR(-ENOMEM);
	sock->ops = lsock->ops;
	err = lsock->ops->accept(lsock, sock, (READ_ONCE(lsock->file->f_flags) & O_NONBLOCK));
	if (err) {
		sock->ops = NULL;
		iput(sock->inode);
		return ERR_PTR(err);
	}
	WRITE_ONCE(sock->state, SS_CONNECTED);
	return sock_make_file(sock, flags);
}

int sock_create_pair(int family, int type, int protocol, int flags, struct file *f[2])
{
	struct socket *a, *b;
	int err;

	f[0] = sock_create_file(family, type, protocol, flags);
	if (IS_ERR(f[0]))
		return (int)PTR_ERR(f[0]);
	f[1] = sock_create_file(family, type, protocol, flags);
	if (IS_ERR(f[1])) {
		fput(f[0]);
		return (int)PTR_ERR(f[1]);
	}
	a = sock_from_file(f[0]);
	b = sock_from_file(f[1]);
	err = a->ops->socketpair ? a->ops->socketpair(a, b) : -EOPNOTSUPP;
	if (err) {
		fput(f[0]);
		fput(f[1]);
		return err;
	}
	WRITE_ONCE(a->state, SS_CONNECTED);
	WRITE_ONCE(b->state, SS_CONNECTED);
	return 0;
}

/* ---------------------------------------------------------------- helpers for protocols */

u64 sock_timeo(struct socket *sock, bool rcv)
{
	u64 t = rcv ? READ_ONCE(sock->rcvtimeo_ns) : READ_ONCE(sock->sndtimeo_ns);

	return t ? ktime_get_ns() + t : 0;
}

int sock_intr_errno(u64 deadline)
{
	return deadline ? -EINTR : -ERESTARTSYS;
}

int sock_wait(u64 deadline)
{
	if (signal_pending(current))
		return sock_intr_errno(deadline);
	if (deadline) {
		if (ktime_get_ns() >= deadline)
			return -EAGAIN;
		schedule_until(deadline);
	} else {
		schedule();
	}
	return 0;
}

void sock_send_sigpipe(void)
{
	struct siginfo_k info = { .si_signo = SIGPIPE, .si_code = SI_USER };

	if (current->proc)
		signal_send_thread(current, SIGPIPE, &info);
}

int put_cmsg(struct kmsg *msg, int level, int type, const void *data, size_t len)
{
	struct cmsghdr h = { .cmsg_len = CMSG_LEN(len), .cmsg_level = level, .cmsg_type = type };
	size_t space = CMSG_SPACE(len);
	unsigned long dst = msg->control + msg->control_used;

	if (!msg->control)
		return 0;
	if (msg->controllen - msg->control_used < CMSG_LEN(len)) {
		msg->flags |= MSG_CTRUNC;
		return 0;
	}
	if (copy_to_user((void __user *)dst, &h, sizeof(h)) ||
	    copy_to_user((void __user *)(dst + CMSG_HDR_LEN), data, len))
		return -EFAULT;
	msg->control_used += MIN(space, msg->controllen - msg->control_used);
	return 0;
}

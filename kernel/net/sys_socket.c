/*
 * The socket system calls (Linux riscv64 numbers; docs/net.md): socket,
 * socketpair, bind, listen, accept, accept4, connect, getsockname,
 * getpeername, sendto, recvfrom, sendmsg, recvmsg, shutdown, setsockopt,
 * getsockopt.
 *
 * Each resolves its descriptor to a socket (-EBADF, -ENOTSOCK), copies
 * addresses and message headers in (addresses up to 128 bytes: -EINVAL
 * beyond), calls the protocol's operation and copies results out the way
 * Linux does (an address is truncated to the caller's buffer and the
 * full length written back). The generic options of SOL_SOCKET live in
 * struct socket and are answered here; the rest goes to the protocol.
 * SCM_RIGHTS/SCM_CREDENTIALS control messages are parsed here for
 * AF_UNIX (the only family that takes them).
 *
 * Locks: none of its own.
 */
#include <fs/file.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <net/netdevice.h>
#include <net/socket.h>
#include <proc/process.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define SOCK_MAX_RW   0x7ffff000UL   /* one call moves at most this (read(2)'s cap) */
#define SOCK_IOV_FAST 8
#define SCM_MAX_FD    253            /* fds in one SCM_RIGHTS message (Linux's) */
#define SOCK_OPTMEM_MAX 20480        /* control bytes of one sendmsg (net.core.optmem_max) */

/* The socket of descriptor fd with a file reference in *fp. -EBADF, -ENOTSOCK. */
static struct socket *sockfd_get(int fd, struct file **fp, int *err)
{
	struct file *f = fget(fd);
	struct socket *sock;

	*err = -EBADF;
	if (!f)
		return NULL;
	sock = sock_from_file(f);
	if (!sock) {
		fput(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*fp = f;
	return sock;
}

/* Copy a user address of len bytes into kaddr (SOCKADDR_STORAGE_SIZE). 0, -EINVAL, -EFAULT. */
static int addr_from_user(unsigned long uaddr, long len, void *kaddr)
{
	if (len < 0 || len > SOCKADDR_STORAGE_SIZE)
		return -EINVAL;
	if (len && copy_from_user(kaddr, (const void __user *)uaddr, (size_t)len))
		return -EFAULT;
	return 0;
}

/*
 * Give kaddr (klen bytes) to the user: at most *ulenp bytes copied, the
 * full klen written to *ulenp. Nothing if uaddr is 0. 0, -EINVAL, -EFAULT.
 */
static int addr_to_user(const void *kaddr, int klen, unsigned long uaddr, unsigned long ulenp)
{
	int len;

	if (!uaddr)
		return 0;
	if (get_user(len, (int __user *)ulenp))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (MIN(len, klen) > 0 && copy_to_user((void __user *)uaddr, kaddr, (size_t)MIN(len, klen)))
		return -EFAULT;
	return put_user(klen, (int __user *)ulenp) ? -EFAULT : 0;
}

/* ---------------------------------------------------------------- socket, socketpair */

static int sock_type_flags(unsigned long arg, int *type, int *flags)
{
	*flags = (int)(arg & ~(unsigned long)SOCK_TYPE_MASK);
	*type = (int)(arg & SOCK_TYPE_MASK);
	if (*flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	return 0;
}

/* socket(int family, int type, int protocol) */
long sys_socket(const struct syscall_args *args)
{
	int type, flags, fd, err = sock_type_flags(args->a[1], &type, &flags);
	struct file *f;

	if (err)
		return err;
	f = sock_create_file((int)args->a[0], type, (int)args->a[2], flags);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(f, flags & SOCK_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

/* socketpair(int family, int type, int protocol, int sv[2]) */
long sys_socketpair(const struct syscall_args *args)
{
	int type, flags, fds[2], err = sock_type_flags(args->a[1], &type, &flags);
	struct file *f[2];

	if (err)
		return err;
	err = sock_create_pair((int)args->a[0], type, (int)args->a[2], flags, f);
	if (err)
		return err;
	fds[0] = fd_install(f[0], flags & SOCK_CLOEXEC);
	if (fds[0] < 0) {
		fput(f[0]);
		fput(f[1]);
		return fds[0];
	}
	fds[1] = fd_install(f[1], flags & SOCK_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		fput(f[1]);
		return fds[1];
	}
	if (copy_to_user((void __user *)args->a[3], fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* ---------------------------------------------------------------- bind, connect, listen */

typedef int (*addr_op_fn)(struct socket *sock, const struct sockaddr *addr, int len, int flags);

static int op_bind(struct socket *sock, const struct sockaddr *addr, int len, int flags)
{
	(void)flags;
	return sock->ops->bind ? sock->ops->bind(sock, addr, len) : -EOPNOTSUPP;
}

static int op_connect(struct socket *sock, const struct sockaddr *addr, int len, int flags)
{
	int err = sock->ops->connect ? sock->ops->connect(sock, addr, len, flags) : -EOPNOTSUPP;

	if (!err && sock->type != SOCK_DGRAM)
		WRITE_ONCE(sock->state, SS_CONNECTED);
	return err;
}

static long addr_call(const struct syscall_args *args, addr_op_fn op)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_get((int)args->a[0], &f, &err);
	if (!sock)
		return err;
	memset(addr, 0, sizeof(addr));
	err = addr_from_user(args->a[1], (long)(int)args->a[2], addr);
	if (!err)
		err = op(sock, (struct sockaddr *)addr, (int)args->a[2],
			 (int)(READ_ONCE(f->f_flags) & O_NONBLOCK));
	fput(f);
	return err;
}

/* bind(int fd, const struct sockaddr *addr, socklen_t len) */
long sys_bind(const struct syscall_args *args)
{
	return addr_call(args, op_bind);
}

/* connect(int fd, const struct sockaddr *addr, socklen_t len) */
long sys_connect(const struct syscall_args *args)
{
	return addr_call(args, op_connect);
}

/* listen(int fd, int backlog) */
long sys_listen(const struct syscall_args *args)
{
	unsigned int backlog = (unsigned int)args->a[1];
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_get((int)args->a[0], &f, &err);
	if (!sock)
		return err;
	if (backlog > SOMAXCONN)
		backlog = SOMAXCONN;   /* Linux: negative ones too (unsigned compare) */
	err = sock->ops->listen ? sock->ops->listen(sock, (int)backlog) : -EOPNOTSUPP;
	if (!err)
		WRITE_ONCE(sock->state, SS_LISTENING);
	fput(f);
	return err;
}

/* ---------------------------------------------------------------- accept */

static long do_accept(int fd, unsigned long uaddr, unsigned long ulenp, int flags)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct socket *sock, *nsock;
	struct file *f, *nf;
	int err, nfd, len;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_get(fd, &f, &err);
	if (!sock)
		return err;
	err = -EOPNOTSUPP;
	if (!sock->ops->accept)
		goto out_put;
	nfd = err = fd_reserve(flags & SOCK_CLOEXEC);   /* EMFILE before a connection is taken */
	if (nfd < 0)
		goto out_put;
	nf = sock_accept_file(sock, flags);
	if (IS_ERR(nf)) {
		err = (int)PTR_ERR(nf);
		goto out_unreserve;
	}
	nsock = sock_from_file(nf);
	if (uaddr) {
		memset(addr, 0, sizeof(addr));
		len = nsock->ops->getname(nsock, (struct sockaddr *)addr, 1);
		err = len < 0 ? -ECONNABORTED : addr_to_user(addr, len, uaddr, ulenp);
		if (err) {
			fput(nf);
			goto out_unreserve;
		}
	}
	fd_install_reserved(nfd, nf);
	fput(f);
	return nfd;
out_unreserve:
	fd_unreserve(nfd);
out_put:
	fput(f);
	return err;
}

/* accept(int fd, struct sockaddr *addr, socklen_t *len) */
long sys_accept(const struct syscall_args *args)
{
	return do_accept((int)args->a[0], args->a[1], args->a[2], 0);
}

/* accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) */
long sys_accept4(const struct syscall_args *args)
{
	return do_accept((int)args->a[0], args->a[1], args->a[2], (int)args->a[3]);
}

/* ---------------------------------------------------------------- names */

static long getname_call(const struct syscall_args *args, int peer)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct socket *sock;
	struct file *f;
	int err, len;

	sock = sockfd_get((int)args->a[0], &f, &err);
	if (!sock)
		return err;
	memset(addr, 0, sizeof(addr));
	len = sock->ops->getname ? sock->ops->getname(sock, (struct sockaddr *)addr, peer)
				 : -EOPNOTSUPP;
	if (len < 0)
		err = len;
	else if (!args->a[1])
		err = -EFAULT;
	else
		err = addr_to_user(addr, len, args->a[1], args->a[2]);
	fput(f);
	return err;
}

/* getsockname(int fd, struct sockaddr *addr, socklen_t *len) */
long sys_getsockname(const struct syscall_args *args)
{
	return getname_call(args, 0);
}

/* getpeername(int fd, struct sockaddr *addr, socklen_t *len) */
long sys_getpeername(const struct syscall_args *args)
{
	return getname_call(args, 1);
}

/* ---------------------------------------------------------------- shutdown */

/* shutdown(int fd, int how) */
long sys_shutdown(const struct syscall_args *args)
{
	int how = (int)args->a[1];
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_get((int)args->a[0], &f, &err);
	if (!sock)
		return err;
	if (how < SHUT_RD || how > SHUT_RDWR)
		err = -EINVAL;
	else
		err = sock->ops->shutdown ? sock->ops->shutdown(sock, how) : -EOPNOTSUPP;
	fput(f);
	return err;
}

/* ---------------------------------------------------------------- send and receive */

/* Copy the user's iovec array in and total it (capped). The total or -errno. */
static ssize_t sock_import_iovec(unsigned long uiov, unsigned long cnt, struct iovec *fast,
				 struct iovec **iov)
{
	size_t total = 0;

	*iov = fast;
	if (cnt > IOV_MAX)
		return -EMSGSIZE;
	if (cnt > SOCK_IOV_FAST)
		*iov = kmalloc(cnt * sizeof(struct iovec), 0);
	if (!*iov)
		return -ENOMEM;
	if (cnt && copy_from_user(*iov, (const void __user *)uiov, cnt * sizeof(struct iovec)))
		return -EFAULT;
	for (unsigned long i = 0; i < cnt; i++) {
		if ((ssize_t)(*iov)[i].iov_len < 0)
			return -EINVAL;
		if (!access_ok((*iov)[i].iov_base, (*iov)[i].iov_len))
			return -EFAULT;
		(*iov)[i].iov_len = MIN((*iov)[i].iov_len, SOCK_MAX_RW - total);
		total += (*iov)[i].iov_len;
	}
	return (ssize_t)total;
}

static void kmsg_put_files(struct kmsg *msg)
{
	for (unsigned int i = 0; i < msg->nfiles; i++)
		if (msg->files[i])
			fput(msg->files[i]);
	kfree(msg->files);
	msg->files = NULL;
	msg->nfiles = 0;
}

/* SCM_RIGHTS: take the files named by n descriptors. 0, -EINVAL, -EBADF, -ENOMEM. */
static int scm_take_fds(struct kmsg *msg, const int *fds, unsigned int n)
{
	if (!n || msg->nfiles || n > SCM_MAX_FD)
		return -EINVAL;
	msg->files = kzalloc(n * sizeof(struct file *), 0);
	if (!msg->files)
		return -ENOMEM;
	msg->nfiles = n;
	for (unsigned int i = 0; i < n; i++) {
		msg->files[i] = fget(fds[i]);
		if (!msg->files[i])
			return -EBADF;
	}
	return 0;
}

/* SCM_CREDENTIALS: the sender's own ids, or any for root. 0, -EINVAL, -EPERM. */
static int scm_take_creds(struct kmsg *msg, const struct ucred *uc)
{
	struct process *p = current->proc;

	if (p && !capable_root() &&
	    (uc->pid != (u32)p->tgid || (uc->uid != p->cred.uid && uc->uid != p->cred.euid) ||
	     (uc->gid != p->cred.gid && uc->gid != p->cred.egid)))
		return -EPERM;
	msg->creds = *uc;
	msg->want_creds = true;
	return 0;
}

/* Walk the control messages in buf (len bytes). 0 or -errno (files taken so far stay in msg). */
static int scm_parse(struct kmsg *msg, const char *buf, size_t len)
{
	size_t off = 0;
	int err = 0;

	while (!err && off + sizeof(struct cmsghdr) <= len) {
		const struct cmsghdr *c = (const void *)(buf + off);
		size_t dlen;

		if (c->cmsg_len < sizeof(struct cmsghdr) || c->cmsg_len > len - off)
			return -EINVAL;
		dlen = c->cmsg_len - CMSG_HDR_LEN;
		if (c->cmsg_level == SOL_SOCKET) {
			if (c->cmsg_type == SCM_RIGHTS)
				err = scm_take_fds(msg, (const int *)(c + 1), (unsigned int)(dlen / sizeof(int)));
			else if (c->cmsg_type == SCM_CREDENTIALS && dlen == sizeof(struct ucred))
				err = scm_take_creds(msg, (const struct ucred *)(c + 1));
			else
				err = -EINVAL;
		}
		off += CMSG_ALIGN(c->cmsg_len);
	}
	return err;
}

static int scm_from_user(struct socket *sock, struct kmsg *msg, unsigned long ctl, size_t len)
{
	char *buf;
	int err;

	if (!len || sock->family != AF_UNIX)
		return 0;
	if (len > SOCK_OPTMEM_MAX)
		return -ENOBUFS;
	if (len < sizeof(struct cmsghdr))
		return -EINVAL;
	buf = kmalloc(len, 0);
	if (!buf)
		return -ENOMEM;
	err = copy_from_user(buf, (const void __user *)ctl, len) ? -EFAULT : scm_parse(msg, buf, len);
	kfree(buf);
	return err;
}

/*
 * The common send: msg's destination (uaddr, alen) and data are set up
 * by the caller. MSG_DONTWAIT for non-blocking files; SIGPIPE for
 * -EPIPE unless MSG_NOSIGNAL.
 */
static long sock_do_send(struct socket *sock, struct file *f, struct kmsg *msg, int flags)
{
	ssize_t ret;

	if (READ_ONCE(f->f_flags) & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	ret = sock->ops->sendmsg ? sock->ops->sendmsg(sock, msg, flags) : -EOPNOTSUPP;
	if (ret == -EPIPE && !(flags & MSG_NOSIGNAL))
		sock_send_sigpipe();
	return ret;
}

/* sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t alen) */
long sys_sendto(const struct syscall_args *args)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct kmsg msg = { 0 };
	struct iov_iter it;
	struct iovec iov = { .iov_base = (void *)args->a[1], .iov_len = MIN(args->a[2], SOCK_MAX_RW) };
	struct socket *sock;
	struct file *f;
	long err;
	int ierr;

	sock = sockfd_get((int)args->a[0], &f, &ierr);
	if (!sock)
		return ierr;
	err = access_ok(iov.iov_base, iov.iov_len) ? 0 : -EFAULT;
	if (!err && args->a[4]) {
		err = addr_from_user(args->a[4], (long)(int)args->a[5], addr);
		msg.name = addr;
		msg.namelen = (int)args->a[5];
	}
	if (!err) {
		iov_iter_user(&it, &iov, 1, iov.iov_len);
		msg.iter = &it;
		err = sock_do_send(sock, f, &msg, (int)args->a[3]);
	}
	fput(f);
	return err;
}

/* sendmsg(int fd, const struct msghdr *msg, int flags) */
long sys_sendmsg(const struct syscall_args *args)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct iovec fast[SOCK_IOV_FAST], *iov = fast;
	struct user_msghdr um;
	struct kmsg msg = { 0 };
	struct iov_iter it;
	struct socket *sock;
	struct file *f;
	long err;
	int ierr;

	sock = sockfd_get((int)args->a[0], &f, &ierr);
	if (!sock)
		return ierr;
	err = copy_from_user(&um, (const void __user *)args->a[1], sizeof(um)) ? -EFAULT : 0;
	if (!err && um.msg_name) {
		err = addr_from_user(um.msg_name, um.msg_namelen, addr);
		msg.name = addr;
		msg.namelen = um.msg_namelen;
	}
	if (!err)
		err = sock_import_iovec(um.msg_iov, um.msg_iovlen, fast, &iov);
	if (err >= 0) {
		iov_iter_user(&it, iov, um.msg_iovlen, (size_t)err);
		msg.iter = &it;
		err = scm_from_user(sock, &msg, um.msg_control, um.msg_controllen);
	}
	if (!err)
		err = sock_do_send(sock, f, &msg, (int)args->a[2]);
	kmsg_put_files(&msg);
	if (iov != fast)
		kfree(iov);
	fput(f);
	return err;
}

static long sock_do_recv(struct socket *sock, struct file *f, struct kmsg *msg, int flags)
{
	if (READ_ONCE(f->f_flags) & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg->cmsg_cloexec = flags & MSG_CMSG_CLOEXEC;
	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;   /* no error queues */
	return sock->ops->recvmsg ? sock->ops->recvmsg(sock, msg, flags) : -EOPNOTSUPP;
}

/* recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *alen) */
long sys_recvfrom(const struct syscall_args *args)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct iovec iov = { .iov_base = (void *)args->a[1], .iov_len = MIN(args->a[2], SOCK_MAX_RW) };
	struct kmsg msg = { .name = addr };
	struct iov_iter it;
	struct socket *sock;
	struct file *f;
	long ret;
	int err;

	sock = sockfd_get((int)args->a[0], &f, &err);
	if (!sock)
		return err;
	ret = access_ok(iov.iov_base, iov.iov_len) ? 0 : -EFAULT;
	if (!ret) {
		iov_iter_user(&it, &iov, 1, iov.iov_len);
		msg.iter = &it;
		ret = sock_do_recv(sock, f, &msg, (int)args->a[3]);
	}
	if (ret >= 0 && args->a[4]) {
		err = addr_to_user(addr, msg.namelen, args->a[4], args->a[5]);
		ret = err ? err : ret;
	}
	fput(f);
	return ret;
}

/* recvmsg(int fd, struct msghdr *msg, int flags) */
long sys_recvmsg(const struct syscall_args *args)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct iovec fast[SOCK_IOV_FAST], *iov = fast;
	struct user_msghdr um;
	struct kmsg msg = { .name = addr };
	struct iov_iter it;
	unsigned long uhdr = args->a[1];
	struct socket *sock;
	struct file *f;
	long ret;
	int err;

	sock = sockfd_get((int)args->a[0], &f, &err);
	if (!sock)
		return err;
	ret = copy_from_user(&um, (const void __user *)uhdr, sizeof(um)) ? -EFAULT : 0;
	if (!ret)
		ret = sock_import_iovec(um.msg_iov, um.msg_iovlen, fast, &iov);
	if (ret >= 0) {
		iov_iter_user(&it, iov, um.msg_iovlen, (size_t)ret);
		msg.iter = &it;
		msg.control = um.msg_control;
		msg.controllen = um.msg_controllen;
		ret = sock_do_recv(sock, f, &msg, (int)args->a[2]);
	}
	if (ret >= 0) {
		int nlen = um.msg_name ? MIN(msg.namelen, um.msg_namelen) : 0;
		u64 clen = msg.control_used;

		if ((nlen > 0 && copy_to_user((void __user *)um.msg_name, addr, (size_t)nlen)) ||
		    put_user(um.msg_name ? msg.namelen : 0,
			     (int __user *)(uhdr + offsetof(struct user_msghdr, msg_namelen))) ||
		    put_user(clen, (u64 __user *)(uhdr + offsetof(struct user_msghdr, msg_controllen))) ||
		    put_user(msg.flags, (unsigned int __user *)(uhdr + offsetof(struct user_msghdr, msg_flags))))
			ret = -EFAULT;
	}
	if (iov != fast)
		kfree(iov);
	fput(f);
	return ret;
}

/* ---------------------------------------------------------------- options */

static int opt_get_int(unsigned long uval, unsigned int len, int *v)
{
	if (len < sizeof(int))
		return -EINVAL;
	return get_user(*v, (int __user *)uval) ? -EFAULT : 0;
}

static int opt_set_timeo(u64 *field, unsigned long uval, unsigned int len)
{
	struct sock_timeval tv;

	if (len < sizeof(tv))
		return -EINVAL;
	if (copy_from_user(&tv, (const void __user *)uval, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0)
		tv = (struct sock_timeval){ 0, 1 };   /* Linux: as good as non-blocking */
	WRITE_ONCE(*field, (u64)tv.tv_sec * 1000000000ull + (u64)tv.tv_usec * 1000ull);
	return 0;
}

/* SO_SNDBUF/SO_RCVBUF: doubled, clamped (unless forced by root), at least the minimum. */
static int opt_set_buf(int *field, int v, bool force, int min)
{
	if (force && !capable_root())
		return -EPERM;
	if (!force && v > SOCK_BUF_MAX)
		v = SOCK_BUF_MAX;
	if (v < 0)
		v = 0;
	v = (v > 0x3fffffff) ? 0x7ffffffe : v * 2;
	WRITE_ONCE(*field, MAX(v, min));
	return 0;
}

/*
 * SO_BINDTODEVICE: an interface name (at most IFNAMSIZ bytes, NUL or not;
 * "" or len 0 unbinds). Root only, as Linux (CAP_NET_RAW). The protocols
 * read sock->bound_dev_if when they send.
 */
static int opt_set_bindtodevice(struct socket *sock, unsigned long uval, unsigned int len)
{
	char name[IFNAMSIZ + 1] = { 0 };
	struct net_device *dev;

	if (!capable_root())
		return -EPERM;
	if (len > IFNAMSIZ)
		len = IFNAMSIZ;
	if (len && copy_from_user(name, (const void __user *)uval, len))
		return -EFAULT;
	if (!name[0]) {
		WRITE_ONCE(sock->bound_dev_if, 0);
		return 0;
	}
	dev = dev_get_by_name(name);
	if (!dev)
		return -ENODEV;
	WRITE_ONCE(sock->bound_dev_if, dev->ifindex);
	return 0;
}

/* A SOL_SOCKET option the socket layer keeps; 1 if it is not one of them. */
static int sock_setopt(struct socket *sock, int name, unsigned long uval, unsigned int len)
{
	struct linger lg;
	int v = 0, err;

	if (name == SO_RCVTIMEO_OLD || name == SO_RCVTIMEO_NEW)
		return opt_set_timeo(&sock->rcvtimeo_ns, uval, len);
	if (name == SO_SNDTIMEO_OLD || name == SO_SNDTIMEO_NEW)
		return opt_set_timeo(&sock->sndtimeo_ns, uval, len);
	if (name == SO_BINDTODEVICE)
		return opt_set_bindtodevice(sock, uval, len);
	if (name == SO_LINGER) {
		if (len < sizeof(lg))
			return -EINVAL;
		if (copy_from_user(&lg, (const void __user *)uval, sizeof(lg)))
			return -EFAULT;
		sock->linger = lg;
		return 0;
	}
	err = opt_get_int(uval, len, &v);
	if (err)
		return err;
	switch (name) {
	case SO_REUSEADDR: WRITE_ONCE(sock->reuseaddr, v != 0); return 0;
	case SO_REUSEPORT: WRITE_ONCE(sock->reuseport, v != 0); return 0;
	case SO_KEEPALIVE: WRITE_ONCE(sock->keepalive, v != 0); return 0;
	case SO_BROADCAST: WRITE_ONCE(sock->broadcast, v != 0); return 0;
	case SO_DONTROUTE: WRITE_ONCE(sock->dontroute, v != 0); return 0;
	case SO_OOBINLINE: WRITE_ONCE(sock->oobinline, v != 0); return 0;
	case SO_PASSCRED:  WRITE_ONCE(sock->passcred, v != 0); return 0;
	case SO_PRIORITY:  WRITE_ONCE(sock->priority, v); return 0;
	case SO_RCVLOWAT:  WRITE_ONCE(sock->rcvlowat, v < 1 ? 1 : v); return 0;
	case SO_SNDBUF:    return opt_set_buf(&sock->sndbuf, v, false, SOCK_MIN_SNDBUF);
	case SO_SNDBUFFORCE: return opt_set_buf(&sock->sndbuf, v, true, SOCK_MIN_SNDBUF);
	case SO_RCVBUF:    return opt_set_buf(&sock->rcvbuf, v, false, SOCK_MIN_RCVBUF);
	case SO_RCVBUFFORCE: return opt_set_buf(&sock->rcvbuf, v, true, SOCK_MIN_RCVBUF);
	}
	return 1;
}

/* setsockopt(int fd, int level, int name, const void *val, socklen_t len) */
long sys_setsockopt(const struct syscall_args *args)
{
	int level = (int)args->a[1], name = (int)args->a[2];
	unsigned int len = (unsigned int)args->a[4];
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_get((int)args->a[0], &f, &err);
	if (!sock)
		return err;
	if ((int)len < 0)
		err = -EINVAL;
	else if (level == SOL_SOCKET && (err = sock_setopt(sock, name, args->a[3], len)) != 1)
		;
	else if (sock->ops->setsockopt)
		err = sock->ops->setsockopt(sock, level, name, args->a[3], len);
	else
		err = level == SOL_SOCKET ? -ENOPROTOOPT : -EOPNOTSUPP;
	fput(f);
	return err;
}

/* The value of a generic option into buf (its size in *size); 1 if not one of them. */
static int sock_getopt(struct socket *sock, int name, void *buf, int *size)
{
	int *v = buf;

	*size = sizeof(int);
	switch (name) {
	case SO_TYPE:      *v = sock->type; return 0;
	case SO_DOMAIN:    *v = sock->family; return 0;
	case SO_PROTOCOL:  *v = sock->protocol; return 0;
	case SO_ERROR:     *v = __atomic_exchange_n(&sock->so_error, 0, __ATOMIC_RELAXED); return 0;
	case SO_SNDBUF:    *v = READ_ONCE(sock->sndbuf); return 0;
	case SO_RCVBUF:    *v = READ_ONCE(sock->rcvbuf); return 0;
	case SO_REUSEADDR: *v = READ_ONCE(sock->reuseaddr); return 0;
	case SO_REUSEPORT: *v = READ_ONCE(sock->reuseport); return 0;
	case SO_KEEPALIVE: *v = READ_ONCE(sock->keepalive); return 0;
	case SO_BROADCAST: *v = READ_ONCE(sock->broadcast); return 0;
	case SO_DONTROUTE: *v = READ_ONCE(sock->dontroute); return 0;
	case SO_OOBINLINE: *v = READ_ONCE(sock->oobinline); return 0;
	case SO_PASSCRED:  *v = READ_ONCE(sock->passcred); return 0;
	case SO_PRIORITY:  *v = READ_ONCE(sock->priority); return 0;
	case SO_RCVLOWAT:  *v = READ_ONCE(sock->rcvlowat) ? READ_ONCE(sock->rcvlowat) : 1; return 0;
	case SO_SNDLOWAT:  *v = 1; return 0;
	case SO_ACCEPTCONN: *v = READ_ONCE(sock->state) == SS_LISTENING; return 0;
	case SO_BINDTODEVICE: {
		struct net_device *dev = dev_get_by_index(READ_ONCE(sock->bound_dev_if));

		*size = dev ? (int)strlen(dev->name) + 1 : 0;
		if (dev)
			memcpy(buf, dev->name, (size_t)*size);
		return 0;
	}
	case SO_LINGER:
		*(struct linger *)buf = sock->linger;
		*size = sizeof(struct linger);
		return 0;
	case SO_RCVTIMEO_OLD: case SO_RCVTIMEO_NEW:
	case SO_SNDTIMEO_OLD: case SO_SNDTIMEO_NEW: {
		bool rcv = name == SO_RCVTIMEO_OLD || name == SO_RCVTIMEO_NEW;
		u64 ns = rcv ? READ_ONCE(sock->rcvtimeo_ns) : READ_ONCE(sock->sndtimeo_ns);

		*(struct sock_timeval *)buf = (struct sock_timeval){ (s64)(ns / 1000000000ull),
								     (s64)(ns % 1000000000ull / 1000) };
		*size = sizeof(struct sock_timeval);
		return 0;
	}
	}
	return 1;
}

/* getsockopt(int fd, int level, int name, void *val, socklen_t *len) */
long sys_getsockopt(const struct syscall_args *args)
{
	int level = (int)args->a[1], name = (int)args->a[2], len, size;
	u64 buf[4] = { 0 };
	struct socket *sock;
	struct file *f;
	int err;

	sock = sockfd_get((int)args->a[0], &f, &err);
	if (!sock)
		return err;
	err = get_user(len, (int __user *)args->a[4]) ? -EFAULT : 0;
	if (!err && len < 0)
		err = -EINVAL;
	if (err)
		goto out;
	if (level == SOL_SOCKET && sock_getopt(sock, name, buf, &size) == 0) {
		len = MIN(len, size);
		if ((len && copy_to_user((void __user *)args->a[3], buf, (size_t)len)) ||
		    put_user(len, (int __user *)args->a[4]))
			err = -EFAULT;
	} else if (sock->ops->getsockopt) {
		err = sock->ops->getsockopt(sock, level, name, args->a[3], args->a[4]);
	} else {
		err = level == SOL_SOCKET ? -ENOPROTOOPT : -EOPNOTSUPP;
	}
out:
	fput(f);
	return err;
}

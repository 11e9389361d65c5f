/*
 * The socket layer (kernel/net/socket.c, sys_socket.c); docs/net.md.
 *
 * A socket is a file: socket(2) makes an inode on the internal sockfs
 * (S_IFSOCK, its own inode number: /proc/<pid>/fd shows "socket:[INO]")
 * and a file whose operations (read, write, poll, ioctl, release) go to
 * the socket's protocol. struct socket is the protocol-independent part:
 * its type, flags and the generic options (SOL_SOCKET); sk is the
 * protocol's own object. A family (AF_UNIX, later AF_INET) registers a
 * struct net_proto_family whose ->create fills sock->ops and sock->sk.
 *
 * Lifetime: the socket lives exactly as long as its file (the last fput
 * calls ops->release, then the socket is freed). sock->wq is the wait
 * queue announcing every change of the socket's readiness (readers,
 * writers, pollers, epoll); it belongs to the protocol's object (set by
 * ->create or ->accept), which must keep it alive until ops->release has
 * returned at least (AF_UNIX keeps it in its reference-counted unix_sock).
 *
 * Locks: none of its own. The option fields are read and written with
 * READ_ONCE/WRITE_ONCE ([a]); the protocol guards sk with its own locks.
 */
#ifndef NET_SOCKET_H
#define NET_SOCKET_H

#include <fs/file.h>
#include <kernel/types.h>
#include <sched/wait.h>
#include <uapi/socket.h>

struct poll_table;
struct socket;

/*
 * A message in the kernel: where it goes or came from, the data (an
 * iterator over the user's iovecs), and the ancillary data.
 *  name/namelen  sendmsg: the destination (a kernel copy; NULL: none).
 *                recvmsg: the protocol writes the source address there
 *                (name has room for SOCKADDR_STORAGE_SIZE bytes) and sets
 *                namelen (0: no address).
 *  files/nfiles  sendmsg: SCM_RIGHTS files to pass (references owned by
 *                the message until the protocol takes them).
 *  control/controllen/cmsg_flags  recvmsg: the user's control buffer;
 *                the protocol writes cmsgs with put_cmsg() and sets
 *                MSG_CTRUNC in flags when they do not fit.
 *  flags         recvmsg: MSG_TRUNC/MSG_CTRUNC out (msg_flags).
 */
struct kmsg {
	void *name;
	int namelen;
	struct iov_iter *iter;           /* the data */
	struct file **files;
	unsigned int nfiles;
	unsigned long control;          /* user address, 0: none */
	size_t controllen;              /* room left there */
	size_t control_used;            /* bytes of cmsgs written */
	unsigned int flags;
	bool cmsg_cloexec;              /* MSG_CMSG_CLOEXEC */
	bool want_creds;                /* sendmsg: SCM_CREDENTIALS given (creds below) */
	struct ucred creds;
};

/*
 * Protocol operations. Called with no lock of the socket layer held and
 * a reference on the socket's file; all may sleep except poll. Errors
 * are -errno; missing methods give -EOPNOTSUPP (poll: DEFAULT_POLLMASK).
 *
 *  release     the file is going: drop sk (sock->sk may be NULL for a
 *              socket whose accept failed). No return value.
 *  bind        (sock, addr, len) addr is a kernel copy of len bytes.
 *  connect     (sock, addr, len, flags) flags: the file's O_NONBLOCK.
 *  socketpair  (a, b) connect two fresh sockets of this family and type.
 *  listen      (sock, backlog) backlog already clamped to [0, SOMAXCONN].
 *  accept      (sock, newsock, flags) give newsock the first pending
 *              connection (newsock->ops/type are sock's; set sk and wq);
 *              flags: O_NONBLOCK of the listening file.
 *  getname     (sock, addr, peer) write the local (peer 0) or remote
 *              address into addr (SOCKADDR_STORAGE_SIZE bytes); its length.
 *  poll        (file, sock, pt) the readiness mask; must not sleep (fs/poll.h).
 *  shutdown    (sock, how) SHUT_RD/WR/RDWR already checked.
 *  sendmsg     (sock, msg, flags) bytes sent; MSG_DONTWAIT set when the
 *              file is non-blocking. SIGPIPE is the socket layer's (-EPIPE).
 *  recvmsg     (sock, msg, flags) bytes received (for datagrams: the
 *              message's full length with MSG_TRUNC in flags).
 *  setsockopt/getsockopt  levels other than SOL_SOCKET, and SOL_SOCKET
 *              options the socket layer does not know (-ENOPROTOOPT).
 *              optval is a user address. getsockopt writes *optlen.
 *  ioctl       FIONREAD and the family's own; -ENOTTY for others.
 */
struct proto_ops {
	int family;
	void (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, const struct sockaddr *addr, int len);
	int (*connect)(struct socket *sock, const struct sockaddr *addr, int len, int flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	int (*listen)(struct socket *sock, int backlog);
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	int (*getname)(struct socket *sock, struct sockaddr *addr, int peer);
	unsigned int (*poll)(struct file *file, struct socket *sock, struct poll_table *pt);
	int (*shutdown)(struct socket *sock, int how);
	ssize_t (*sendmsg)(struct socket *sock, struct kmsg *msg, int flags);
	ssize_t (*recvmsg)(struct socket *sock, struct kmsg *msg, int flags);
	int (*setsockopt)(struct socket *sock, int level, int name, unsigned long optval,
			  unsigned int optlen);
	int (*getsockopt)(struct socket *sock, int level, int name, unsigned long optval,
			  unsigned long optlen);
	long (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
};

/*
 * A family: ->create(sock, protocol) for socket(2) (sock->type is set;
 * fill ops, sk and wq). -EPROTONOSUPPORT/-ESOCKTNOSUPPORT for what the
 * family does not do. May sleep.
 */
struct net_proto_family {
	int family;
	int (*create)(struct socket *sock, int protocol);
};

/* sock->state: what the generic layer knows (getsockopt SO_ACCEPTCONN). */
#define SS_UNCONNECTED 0
#define SS_CONNECTED   1
#define SS_LISTENING   2

struct socket {
	short type;                            /* [I] SOCK_STREAM, ... */
	int family;                            /* [I] AF_* */
	int protocol;                          /* [I] */
	const struct proto_ops *ops;           /* [I] after create/accept */
	void *sk;                              /* [I] the protocol's object (NULL until set) */
	struct wait_queue_head *wq;            /* [I] the protocol's wait queue (see above) */
	struct file *file;                     /* [I] its file (not a reference) */
	struct inode *inode;                   /* [I] its sockfs inode (the file's) */
	int state;                             /* [a] SS_* */
	/* generic options (SOL_SOCKET) */
	int sndbuf, rcvbuf;                    /* [a] bytes, as getsockopt reports them */
	u64 sndtimeo_ns, rcvtimeo_ns;          /* [a] 0: no limit */
	int so_error;                          /* [a] pending error (positive errno), cleared when read */
	bool reuseaddr, reuseport, keepalive;  /* [a] stored; the protocols may look */
	bool passcred, broadcast, dontroute, oobinline;  /* [a] */
	struct linger linger;                  /* [a] stored */
	int rcvlowat, priority;                /* [a] stored */
	int bound_dev_if;                      /* [a] SO_BINDTODEVICE: ifindex, 0: any */
};

/* The families built in (their tables start registered: socket.c). */
extern const struct net_proto_family unix_family;   /* net/af_unix.c */

/* Register a family (boot); 0, -EINVAL (bad number) or -EEXIST. */
int sock_register(const struct net_proto_family *fam);

/*
 * A new socket of (family, type, protocol) with its file (O_RDWR plus
 * flags & O_NONBLOCK); ERR_PTR(-errno): -EAFNOSUPPORT (no such family),
 * -EINVAL (bad type), the family's error, -ENOMEM. May sleep.
 */
struct file *sock_create_file(int family, int type, int protocol, int flags);
/*
 * accept(2)'s new socket: made like the listener, filled by ops->accept,
 * its file with flags' O_NONBLOCK. ERR_PTR(-errno).
 */
struct file *sock_accept_file(struct socket *lsock, int flags);
/* socketpair(2): two new sockets connected by the family. 0 or -errno. */
int sock_create_pair(int family, int type, int protocol, int flags, struct file *f[2]);
/* The socket of f, or NULL if f is not a socket. */
struct socket *sock_from_file(struct file *f);

/*
 * Waiting, for protocols. sock_timeo: the deadline (ktime ns; 0 = none)
 * for a blocking operation starting now with the socket's SO_RCVTIMEO
 * (rcv) or SO_SNDTIMEO. sock_wait: after prepare_to_wait on sock->wq and
 * with the protocol's lock dropped, sleep until woken or the deadline.
 * Returns 0 (look again), -EAGAIN (the deadline passed), or -ERESTARTSYS
 * / -EINTR (a signal: -EINTR when a timeout is set, as Linux does).
 */
u64 sock_timeo(struct socket *sock, bool rcv);
int sock_wait(u64 deadline);
/* A signal is pending: the error a blocking socket call returns. */
int sock_intr_errno(u64 deadline);

/* SIGPIPE to the calling thread (a write to a shut-down or closed stream). */
void sock_send_sigpipe(void);

/*
 * Write a cmsg (level, type, len bytes of data) into msg's control
 * buffer. Returns 0, or -EFAULT; when it does not fit (whole), sets
 * MSG_CTRUNC and writes nothing (SCM_RIGHTS: as many fds as fit, see
 * af_unix.c). Never sleeps except for the user copy.
 */
int put_cmsg(struct kmsg *msg, int level, int type, const void *data, size_t len);

/* Sockets alive (leak checks). */
long nr_sockets(void);

#endif /* NET_SOCKET_H */

/*
 * AF_UNIX: local stream, datagram and seqpacket sockets (objects in
 * <net/af_unix.h>; docs/net.md).
 *
 * Data. Every socket has a receive queue of messages (struct unix_msg):
 * a sender copies the user's bytes into a new message and appends it to
 * the receiver's queue; a receiver copies out and frees. Stream messages
 * are chunks of at most UNIX_CHUNK bytes that a read may take partly
 * (m->off); datagram and seqpacket messages are read whole (the rest of
 * a message that does not fit is dropped, MSG_TRUNC). A message may carry
 * files (SCM_RIGHTS), the sender's address and its credentials.
 *
 * Flow control. A stream or seqpacket sender waits while the peer's queue
 * holds bytes and this message would take it past the sender's SO_SNDBUF;
 * a datagram sender waits while the receiver's queue holds
 * UNIX_DGRAM_QLEN messages or is as full. Writers sleep on their own
 * queue (stream) or the receiver's (datagram); a receiver that took
 * something wakes both its own queue and its peer's when a writer or a
 * poller has said it waits for room (want_space).
 *
 * Connections. connect() on a stream or seqpacket socket finds the
 * listener by name, makes an embryo connected to the caller and queues
 * it on the listener (waiting while more than backlog wait); the caller
 * is connected at once (data may flow before accept, as on Linux).
 * accept() gives the first embryo a socket. Closing a socket shuts its
 * peer down both ways (EOF, then EPIPE/SIGPIPE for writers; ECONNRESET
 * for a reader if we left data unread) and closes the embryos it had not
 * accepted.
 *
 * Names. A path name is a S_IFSOCK node made with vfs_mknod (EADDRINUSE
 * if the name exists) that the bound socket keeps (its path); connect
 * looks the path up (ENOENT, EACCES without write permission,
 * ECONNREFUSED if it is not a socket or nobody is bound to it) and finds
 * the socket by the inode in the table of bound sockets. Abstract names
 * (sun_path[0] == 0) are only in the table. bind() with only the family
 * picks an abstract name of 5 hex digits (autobind).
 *
 * Locks: see <net/af_unix.h>. Order: unix_bindlock, unix_readlock, then
 * unix_lock or unix_table_lock (never nested with each other or a second
 * unix_lock), then wait queues; user copies and fput run with no
 * spinlock held.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/poll.h>
#include <fs/procfs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <net/af_unix.h>
#include <net/socket.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <uapi/stat.h>

#define UNIX_CHUNK      32768   /* bytes of one stream message */
#define UNIX_DGRAM_QLEN 512     /* net.unix.max_dgram_qlen */
#define UNIX_AUTOBIND_MAX 0xfffff

struct unix_msg {
	struct list_head node;          /* in the receiver's rcvq */
	size_t len;                     /* bytes of data */
	size_t off;                     /* stream: bytes already read */
	struct unix_address *from;      /* the sender's name (referenced) or NULL */
	struct file **files;            /* SCM_RIGHTS, owned */
	unsigned int nfiles;
	struct ucred creds;             /* the sender's */
	char *data;
};

static struct spinlock unix_table_lock = SPINLOCK_INIT("unix_table_lock");
static LIST_HEAD(unix_table);                 /* [unix_table_lock] bound sockets */
static unsigned int unix_autobind_next;        /* [unix_table_lock] */
static long nr_unix_alive;                     /* [a] */
static struct spinlock unix_all_lock = SPINLOCK_INIT("unix_all");
static LIST_HEAD(unix_all);                   /* [unix_all] every unix_sock (/proc/net/unix) */

long nr_unix_socks(void)
{
	return __atomic_load_n(&nr_unix_alive, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- objects */

static void unix_addr_put(struct unix_address *a)
{
	if (a && atomic_dec_and_test(&a->refs))
		kfree(a);
}

static struct unix_address *unix_addr_get(struct unix_address *a)
{
	if (a)
		atomic_inc(&a->refs);
	return a;
}

static void unix_msg_free(struct unix_msg *m)
{
	for (unsigned int i = 0; i < m->nfiles; i++)
		if (m->files[i])
			fput(m->files[i]);
	kfree(m->files);
	unix_addr_put(m->from);
	kfree(m->data);
	kfree(m);
}

static void unix_msgs_free(struct list_head *list)
{
	struct unix_msg *m, *next;

	list_for_each_entry_safe(m, next, list, node)
		unix_msg_free(m);
}

/* The caller's credentials (pid = tgid). */
static struct ucred unix_current_cred(void)
{
	struct process *p = current->proc;

	if (!p)
		return (struct ucred){ 0, 0, 0 };
	return (struct ucred){ (u32)p->tgid, p->cred.euid, p->cred.egid };
}

static struct unix_sock *unix_alloc(int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u), 0);

	if (!u)
		return NULL;
	__atomic_add_fetch(&nr_unix_alive, 1, __ATOMIC_RELAXED);
	spin_lock(&unix_all_lock);
	list_add_tail(&u->all, &unix_all);
	spin_unlock(&unix_all_lock);
	atomic_set(&u->refs, 1);
	u->type = type;
	mutex_init(&u->bindlock, "unix_bindlock");
	mutex_init(&u->readlock, "unix_readlock");
	wait_queue_head_init(&u->wq, "unix_wait");
	spin_lock_init(&u->lock, "unix_lock");
	INIT_LIST_HEAD(&u->bound);
	INIT_LIST_HEAD(&u->rcvq);
	INIT_LIST_HEAD(&u->acceptq);
	INIT_LIST_HEAD(&u->accept_node);
	u->peercred = (struct ucred){ 0, (u32)-1, (u32)-1 };
	return u;
}

static struct unix_sock *unix_get(struct unix_sock *u)
{
	atomic_inc(&u->refs);
	return u;
}

/* Drop a reference; the last frees what is queued (files are fput: may sleep). */
static void unix_put(struct unix_sock *u)
{
	if (!u || !atomic_dec_and_test(&u->refs))
		return;
	spin_lock(&unix_all_lock);
	list_del(&u->all);
	spin_unlock(&unix_all_lock);
	unix_msgs_free(&u->rcvq);
	unix_addr_put(u->addr);
	if (u->path.dentry)
		path_put(&u->path);
	kfree(u);
	__atomic_sub_fetch(&nr_unix_alive, 1, __ATOMIC_RELAXED);
}

static inline struct unix_sock *unix_sk(struct socket *sock)
{
	return sock->sk;
}

static inline bool unix_connection(const struct unix_sock *u)
{
	return u->type != SOCK_DGRAM;
}

/* Wake u's queue if anyone waits (the full barrier pairs with prepare_to_wait's). */
static void unix_wake(struct unix_sock *u)
{
	smp_mb();
	if (wait_queue_active(&u->wq))
		wake_up_all(&u->wq);
}

/* ---------------------------------------------------------------- release */

static void unix_close(struct unix_sock *u);

/* The peer of a connection we leave: it is shut down both ways; ECONNRESET if we left data unread. */
static void unix_peer_hangup(struct unix_sock *peer, bool unread)
{
	spin_lock(&peer->lock);
	peer->shutdown = UNIX_SHUTDOWN_MASK;
	if (unread)
		peer->sk_err = ECONNRESET;
	spin_unlock(&peer->lock);
	unix_wake(peer);
}

/*
 * u's socket (or, for an embryo, its listener) is gone: leave the table,
 * hang up the peer, close the embryos not accepted, free what is queued.
 * Drops no reference of the caller. May sleep.
 */
static void unix_close(struct unix_sock *u)
{
	struct unix_sock *peer, *e, *next;
	LIST_HEAD(msgs);
	LIST_HEAD(embryos);
	bool unread;

	spin_lock(&unix_table_lock);
	list_del_init(&u->bound);
	spin_unlock(&unix_table_lock);
	spin_lock(&u->lock);
	u->state = UNIX_CLOSED;
	u->shutdown = UNIX_SHUTDOWN_MASK;
	u->sock = NULL;
	peer = u->peer;
	u->peer = NULL;
	unread = !list_empty(&u->rcvq);
	list_splice_init(&u->rcvq, &msgs);
	u->rcv_bytes = 0;
	u->rcv_qlen = 0;
	list_splice_init(&u->acceptq, &embryos);
	u->acceptq_len = 0;
	spin_unlock(&u->lock);
	unix_wake(u);   /* connectors waiting for room in our backlog, pollers */
	if (peer) {
		if (unix_connection(u))
			unix_peer_hangup(peer, unread);
		else
			unix_wake(peer);
		unix_put(peer);
	}
	list_for_each_entry_safe(e, next, &embryos, accept_node) {
		list_del_init(&e->accept_node);
		unix_close(e);
		unix_put(e);
	}
	unix_msgs_free(&msgs);
}

static void unix_release(struct socket *sock)
{
	struct unix_sock *u = unix_sk(sock);

	if (!u)
		return;
	unix_close(u);
	unix_put(u);
}

/* ---------------------------------------------------------------- creation, socketpair */

static const struct proto_ops unix_ops;

static int unix_create(struct socket *sock, int protocol)
{
	struct unix_sock *u;

	if (protocol && protocol != PF_UNIX)
		return -EPROTONOSUPPORT;
	if (sock->type == SOCK_RAW)
		sock->type = SOCK_DGRAM;   /* as Linux */
	if (sock->type != SOCK_STREAM && sock->type != SOCK_DGRAM && sock->type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	u = unix_alloc(sock->type);
	if (!u)
		return -ENOMEM;
	u->sock = sock;
	sock->sk = u;
	sock->wq = &u->wq;
	sock->ops = &unix_ops;
	return 0;
}

const struct net_proto_family unix_family = {
	.family = AF_UNIX,
	.create = unix_create,
};

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = unix_sk(a), *ub = unix_sk(b);
	struct ucred cred = unix_current_cred();

	/* both are new and not yet visible to anyone: no lock needed, but keep the rule */
	spin_lock(&ua->lock);
	ua->peer = unix_get(ub);
	ua->state = UNIX_CONNECTED;
	ua->peercred = ua->owncred = cred;
	spin_unlock(&ua->lock);
	spin_lock(&ub->lock);
	ub->peer = unix_get(ua);
	ub->state = UNIX_CONNECTED;
	ub->peercred = ub->owncred = cred;
	spin_unlock(&ub->lock);
	return 0;
}

/* ---------------------------------------------------------------- names */

/* Check an address and make a unix_address of it (path names NUL-terminated). */
static int unix_mkname(const struct sockaddr *addr, int len, struct unix_address **res)
{
	const struct sockaddr_un *sun = (const struct sockaddr_un *)addr;
	struct unix_address *a;

	if (len <= UNIX_PATH_OFFSET || len > (int)sizeof(struct sockaddr_un) ||
	    sun->sun_family != AF_UNIX)
		return -EINVAL;
	a = kzalloc(sizeof(*a), 0);
	if (!a)
		return -ENOMEM;
	atomic_set(&a->refs, 1);
	a->name.sun_family = AF_UNIX;
	memcpy(a->name.sun_path, sun->sun_path, (size_t)(len - UNIX_PATH_OFFSET));
	a->abstract = sun->sun_path[0] == 0;
	if (a->abstract)
		a->len = len;
	else   /* the path up to its NUL, plus the NUL (Linux reports it so) */
		a->len = UNIX_PATH_OFFSET + (int)strnlen(a->name.sun_path, UNIX_PATH_MAX) + 1;
	if (a->len > (int)sizeof(struct sockaddr_un))
		a->len = sizeof(struct sockaddr_un);
	*res = a;
	return 0;
}

static bool unix_addr_equal(const struct unix_address *a, const struct unix_address *b)
{
	return a->len == b->len && !memcmp(&a->name, &b->name, (size_t)a->len);
}

/*
 * The bound socket of type named by abstract address a, or NULL.
 * Abstract names are per type, as on Linux (a stream and a datagram
 * socket may hold the same one). unix_table_lock held.
 */
static struct unix_sock *unix_find_abstract_locked(const struct unix_address *a, int type)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_table, bound)
		if (u->type == type && u->addr && u->addr->abstract && unix_addr_equal(u->addr, a))
			return u;
	return NULL;
}

/* Publish u (its addr set) in the table: -EADDRINUSE if an abstract name is taken. */
static int unix_table_insert(struct unix_sock *u, struct unix_address *a, struct inode *inode)
{
	int err = 0;

	spin_lock(&unix_table_lock);
	if (a->abstract && unix_find_abstract_locked(a, u->type)) {
		err = -EADDRINUSE;
	} else {
		u->path_inode = inode;
		list_add(&u->bound, &unix_table);
		spin_lock(&u->lock);
		u->addr = a;
		spin_unlock(&u->lock);
	}
	spin_unlock(&unix_table_lock);
	return err;
}

/* Make the S_IFSOCK node of a path name; its path (referenced) in *p. */
static int unix_mknod(const struct unix_address *a, struct path *p)
{
	struct lookup_root lr;
	int err;

	lookup_root_current(&lr);
	err = vfs_mknod(&lr, a->name.sun_path, S_IFSOCK | (0777 & ~current_umask()), 0);
	if (err == -EEXIST)
		err = -EADDRINUSE;
	if (!err)
		err = vfs_path_lookup(&lr, a->name.sun_path, 0, p);
	lookup_root_put(&lr);
	return err;
}

/* An abstract name of five hex digits nobody has. */
static struct unix_address *unix_autoname(int type)
{
	struct unix_address *a = kzalloc(sizeof(*a), 0);
	char buf[8];

	if (!a)
		return NULL;
	atomic_set(&a->refs, 1);
	a->abstract = true;
	a->name.sun_family = AF_UNIX;
	a->len = UNIX_PATH_OFFSET + 6;
	spin_lock(&unix_table_lock);
	do {
		unix_autobind_next = (unix_autobind_next + 1) & UNIX_AUTOBIND_MAX;
		snprintf(buf, sizeof(buf), "%05x", unix_autobind_next);
		memcpy(a->name.sun_path + 1, buf, 5);
	} while (unix_find_abstract_locked(a, type));
	spin_unlock(&unix_table_lock);
	return a;
}

static int unix_bind(struct socket *sock, const struct sockaddr *addr, int len)
{
	struct unix_sock *u = unix_sk(sock);
	struct unix_address *a = NULL;
	struct path p = { 0 };
	int err;

	if (len < (int)sizeof(sa_family_t) || addr->sa_family != AF_UNIX)
		return -EINVAL;
	mutex_lock(&u->bindlock);
	err = -EINVAL;
	if (READ_ONCE(u->addr))
		goto out;
	if (len == UNIX_PATH_OFFSET) {
		a = unix_autoname(u->type);
		err = a ? 0 : -ENOMEM;
	} else {
		err = unix_mkname(addr, len, &a);
	}
	if (!err && !a->abstract)
		err = unix_mknod(a, &p);
	if (!err)
		err = unix_table_insert(u, a, p.dentry ? p.dentry->d_inode : NULL);
	if (err) {
		if (p.dentry)
			path_put(&p);
		unix_addr_put(a);
		goto out;
	}
	u->path = p;
out:
	mutex_unlock(&u->bindlock);
	return err;
}

/*
 * The bound socket a names, referenced, checked to be of type. ERR_PTR:
 * -ECONNREFUSED (nobody there), -EPROTOTYPE, path errors (-ENOENT,
 * -EACCES, ...). May sleep.
 */
static struct unix_sock *unix_find_other(const struct unix_address *a, int type)
{
	struct unix_sock *other = NULL, *u;
	struct inode *inode = NULL;
	struct lookup_root lr;
	int err = 0;

	if (!a->abstract) {
		lookup_root_current(&lr);
		err = vfs_lookup(&lr, a->name.sun_path, LOOKUP_FOLLOW, &inode);
		lookup_root_put(&lr);
		if (err)
			return ERR_PTR(err);
		err = S_ISSOCK(inode->i_mode) ? inode_permission(inode, MAY_WRITE, false)
					      : -ECONNREFUSED;
	}
	spin_lock(&unix_table_lock);
	if (a->abstract) {
		other = unix_find_abstract_locked(a, type);
	} else if (!err) {
		list_for_each_entry(u, &unix_table, bound)
			if (u->path_inode == inode) {
				other = u;
				break;
			}
	}
	if (other)
		unix_get(other);
	spin_unlock(&unix_table_lock);
	if (inode)
		iput(inode);
	if (err || !other) {
		unix_put(other);
		return ERR_PTR(err ? err : -ECONNREFUSED);
	}
	if (other->type != type) {
		unix_put(other);
		return ERR_PTR(-EPROTOTYPE);
	}
	return other;
}

static int unix_getname(struct socket *sock, struct sockaddr *addr, int peer)
{
	struct unix_sock *u = unix_sk(sock), *p = NULL;
	struct unix_address *a;
	int len;

	spin_lock(&u->lock);
	if (peer) {
		p = u->peer;
		if (!p || (unix_connection(u) && u->state != UNIX_CONNECTED)) {
			spin_unlock(&u->lock);
			return -ENOTCONN;
		}
		unix_get(p);
	}
	spin_unlock(&u->lock);
	a = unix_addr_get(READ_ONCE((p ? p : u)->addr));   /* set once, freed with its socket */
	unix_put(p);
	if (!a) {
		addr->sa_family = AF_UNIX;
		return (int)sizeof(sa_family_t);
	}
	memcpy(addr, &a->name, (size_t)a->len);
	len = a->len;
	unix_addr_put(a);
	return len;
}

/* ---------------------------------------------------------------- listen, connect, accept */

static int unix_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u = unix_sk(sock);
	int err = 0;

	if (u->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	mutex_lock(&u->bindlock);
	spin_lock(&u->lock);
	if (!u->addr || (u->state != UNIX_UNCONNECTED && u->state != UNIX_LISTEN)) {
		err = -EINVAL;
	} else {
		u->state = UNIX_LISTEN;
		u->backlog = backlog;
		u->owncred = unix_current_cred();
	}
	spin_unlock(&u->lock);
	mutex_unlock(&u->bindlock);
	unix_wake(u);   /* a bigger backlog may let connectors in */
	return err;
}

/*
 * Queue embryo e on listener other: 0, -ECONNREFUSED (not listening),
 * -EAGAIN (backlog full). other's lock is taken inside.
 */
static int unix_enqueue_embryo(struct unix_sock *other, struct unix_sock *e, struct ucred *lcred)
{
	int err = 0;

	spin_lock(&other->lock);
	if (other->state != UNIX_LISTEN)
		err = -ECONNREFUSED;
	else if (other->acceptq_len > (unsigned int)other->backlog)
		err = -EAGAIN;
	if (!err) {
		list_add_tail(&e->accept_node, &other->acceptq);
		WRITE_ONCE(other->acceptq_len, other->acceptq_len + 1);
		e->addr = unix_addr_get(other->addr);
		*lcred = other->owncred;
	}
	spin_unlock(&other->lock);
	return err;
}

/* Wait (on other's queue) until e is queued: 0 or -errno. */
static int unix_wait_for_backlog(struct socket *sock, struct unix_sock *other, struct unix_sock *e,
				 bool nonblock, struct ucred *lcred)
{
	u64 deadline = sock_timeo(sock, false);
	struct wait_queue_entry w;
	int err;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&other->wq, &w, TASK_INTERRUPTIBLE);
		err = unix_enqueue_embryo(other, e, lcred);
		if (err != -EAGAIN || nonblock)
			break;
		err = sock_wait(deadline);
		if (err)
			break;
	}
	finish_wait(&other->wq, &w);
	return err;
}

static int unix_stream_connect(struct socket *sock, const struct unix_address *a, bool nonblock)
{
	struct unix_sock *u = unix_sk(sock), *other, *e;
	struct ucred lcred;
	int err;

	spin_lock(&u->lock);
	err = u->state == UNIX_CONNECTED ? -EISCONN : u->state == UNIX_LISTEN ? -EINVAL : 0;
	spin_unlock(&u->lock);
	if (err)
		return err;
	other = unix_find_other(a, u->type);
	if (IS_ERR(other))
		return (int)PTR_ERR(other);
	e = unix_alloc(u->type);
	if (!e) {
		unix_put(other);
		return -ENOMEM;
	}
	e->state = UNIX_CONNECTED;
	e->peer = unix_get(u);
	e->peercred = unix_current_cred();
	e->addr = NULL;
	err = unix_wait_for_backlog(sock, other, e, nonblock, &lcred);
	if (err) {
		/* e was never seen: drop it without hanging up on u */
		e->peer = NULL;
		unix_put(u);
		unix_put(e);
		unix_put(other);
		return err;
	}
	e->owncred = lcred;
	spin_lock(&u->lock);
	u->peer = unix_get(e);
	u->state = UNIX_CONNECTED;
	u->peercred = lcred;
	u->owncred = e->peercred;
	spin_unlock(&u->lock);
	unix_wake(other);   /* accept() and pollers of the listener */
	unix_put(other);
	return 0;
}

/* Datagram connect: set (or with AF_UNSPEC clear) the default peer. */
static int unix_dgram_connect(struct socket *sock, const struct sockaddr *addr, int len)
{
	struct unix_sock *u = unix_sk(sock), *other = NULL, *old;
	struct unix_address *a;
	int err;

	if (addr->sa_family != AF_UNSPEC) {
		err = unix_mkname(addr, len, &a);
		if (err)
			return err;
		other = unix_find_other(a, u->type);
		unix_addr_put(a);
		if (IS_ERR(other))
			return (int)PTR_ERR(other);
	}
	spin_lock(&u->lock);
	old = u->peer;
	u->peer = other;
	u->state = other ? UNIX_CONNECTED : UNIX_UNCONNECTED;
	spin_unlock(&u->lock);
	unix_put(old);
	unix_wake(u);
	return 0;
}

static int unix_connect(struct socket *sock, const struct sockaddr *addr, int len, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	struct unix_address *a;
	int err;

	if (len < (int)sizeof(sa_family_t))
		return -EINVAL;
	if (u->type == SOCK_DGRAM)
		return unix_dgram_connect(sock, addr, len);
	err = unix_mkname(addr, len, &a);
	if (err)
		return err;
	mutex_lock(&u->bindlock);
	err = unix_stream_connect(sock, a, flags & O_NONBLOCK);
	mutex_unlock(&u->bindlock);
	unix_addr_put(a);
	return err;
}

/* The first embryo of listener u, or -EINVAL (not listening), -EAGAIN (none). */
static struct unix_sock *unix_dequeue_embryo(struct unix_sock *u)
{
	struct unix_sock *e;

	spin_lock(&u->lock);
	if (u->state != UNIX_LISTEN) {
		spin_unlock(&u->lock);
		return ERR_PTR(-EINVAL);
	}
	if (list_empty(&u->acceptq)) {
		spin_unlock(&u->lock);
		return ERR_PTR(-EAGAIN);
	}
	e = list_first_entry(&u->acceptq, struct unix_sock, accept_node);
	list_del_init(&e->accept_node);
	WRITE_ONCE(u->acceptq_len, u->acceptq_len - 1);
	spin_unlock(&u->lock);
	return e;
}

static int unix_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct unix_sock *u = unix_sk(sock), *e;
	u64 deadline = sock_timeo(sock, true);
	struct wait_queue_entry w;
	int err = 0;

	if (u->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&u->wq, &w, TASK_INTERRUPTIBLE);
		e = unix_dequeue_embryo(u);
		if (!IS_ERR(e) || PTR_ERR(e) != -EAGAIN || (flags & O_NONBLOCK))
			break;
		err = sock_wait(deadline);
		if (err)
			break;
	}
	finish_wait(&u->wq, &w);
	if (err)
		return err;
	if (IS_ERR(e))
		return (int)PTR_ERR(e);
	unix_wake(u);   /* room in the backlog for a waiting connector */
	spin_lock(&e->lock);
	e->sock = newsock;
	spin_unlock(&e->lock);
	newsock->sk = e;   /* the accept queue's reference is the socket's now */
	newsock->wq = &e->wq;
	return 0;
}

static int unix_shutdown(struct socket *sock, int how)
{
	struct unix_sock *u = unix_sk(sock), *peer = NULL;
	unsigned int mode = (unsigned int)how + 1;   /* SHUT_RD 1, SHUT_WR 2, SHUT_RDWR 3 */
	unsigned int pmode = ((mode & UNIX_RCV_SHUTDOWN) ? UNIX_SEND_SHUTDOWN : 0) |
			     ((mode & UNIX_SEND_SHUTDOWN) ? UNIX_RCV_SHUTDOWN : 0);

	spin_lock(&u->lock);
	if (unix_connection(u) && u->state != UNIX_CONNECTED) {
		spin_unlock(&u->lock);
		return -ENOTCONN;
	}
	u->shutdown |= mode;
	if (u->peer && unix_connection(u))
		peer = unix_get(u->peer);
	spin_unlock(&u->lock);
	unix_wake(u);
	if (peer) {
		spin_lock(&peer->lock);
		peer->shutdown |= pmode;
		spin_unlock(&peer->lock);
		unix_wake(peer);
		unix_put(peer);
	}
	return 0;
}

/* ---------------------------------------------------------------- sending */

/* A message of len bytes copied from the iterator; ERR_PTR(-EFAULT/-ENOMEM). */
static struct unix_msg *unix_msg_make(struct unix_sock *u, struct kmsg *msg, size_t len)
{
	struct unix_msg *m = kzalloc(sizeof(*m), __GFP_NOWARN);

	if (!m)
		return ERR_PTR(-ENOMEM);
	INIT_LIST_HEAD(&m->node);
	m->data = len ? kmalloc(len, __GFP_NOWARN) : NULL;
	if (len && !m->data) {
		kfree(m);
		return ERR_PTR(-ENOBUFS);
	}
	m->len = len;
	if (copy_from_iter(m->data, len, msg->iter) != len) {
		unix_msg_free(m);
		return ERR_PTR(-EFAULT);
	}
	m->from = unix_addr_get(READ_ONCE(u->addr));
	m->creds = msg->want_creds ? msg->creds : unix_current_cred();
	if (msg->nfiles) {   /* the message takes the files over */
		m->files = msg->files;
		m->nfiles = msg->nfiles;
		msg->files = NULL;
		msg->nfiles = 0;
	}
	return m;
}

/* Queue m on r (lock held). */
static void unix_queue_locked(struct unix_sock *r, struct unix_msg *m)
{
	list_add_tail(&m->node, &r->rcvq);
	WRITE_ONCE(r->rcv_bytes, r->rcv_bytes + m->len);
	WRITE_ONCE(r->rcv_qlen, r->rcv_qlen + 1);
}

/*
 * Try to queue m on u's peer (stream, seqpacket): 0, -EAGAIN (full),
 * -EPIPE (shut down or peer closed), -ENOTCONN. Takes u's, then the
 * peer's lock (one after the other, never both).
 */
static int unix_conn_try_queue(struct unix_sock *u, struct unix_msg *m, int sndbuf)
{
	struct unix_sock *peer;
	int err = 0;

	spin_lock(&u->lock);
	peer = u->peer;
	if (u->shutdown & UNIX_SEND_SHUTDOWN)
		err = -EPIPE;
	else if (u->state != UNIX_CONNECTED || !peer)
		err = -ENOTCONN;
	spin_unlock(&u->lock);
	if (err)
		return err;
	/* peer stays: only u's release (not while we run) drops a connection's peer */
	spin_lock(&peer->lock);
	if (peer->state == UNIX_CLOSED || (peer->shutdown & UNIX_RCV_SHUTDOWN))
		err = -EPIPE;
	else if (peer->rcv_bytes && peer->rcv_bytes + m->len > (size_t)sndbuf)
		err = -EAGAIN;
	else
		unix_queue_locked(peer, m);
	if (err == -EAGAIN)
		WRITE_ONCE(peer->want_space, true);   /* the reader wakes us (unix_wake_writers) */
	spin_unlock(&peer->lock);
	if (!err)
		unix_wake(peer);
	return err;
}

/* Queue m on u's peer, waiting for room unless nonblocking. 0 or -errno (m not queued). */
static int unix_conn_queue(struct socket *sock, struct unix_msg *m, bool nonblock, u64 deadline)
{
	struct unix_sock *u = unix_sk(sock);
	struct wait_queue_entry w;
	int err;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&u->wq, &w, TASK_INTERRUPTIBLE);
		err = unix_conn_try_queue(u, m, READ_ONCE(sock->sndbuf));
		if (err != -EAGAIN || nonblock)
			break;
		err = sock_wait(deadline);
		if (err)
			break;
	}
	finish_wait(&u->wq, &w);
	return err;
}

static ssize_t unix_stream_sendmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	u64 deadline = sock_timeo(sock, false);
	size_t total = msg->iter->count, sent = 0;
	int err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->name)
		return READ_ONCE(u->state) == UNIX_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	if (!total) {   /* nothing to send: only the errors */
		spin_lock(&u->lock);
		err = (u->shutdown & UNIX_SEND_SHUTDOWN) ? -EPIPE
		      : u->state != UNIX_CONNECTED ? -ENOTCONN : 0;
		spin_unlock(&u->lock);
		return err;
	}
	while (sent < total) {
		size_t chunk = MIN(total - sent, (size_t)UNIX_CHUNK);
		struct unix_msg *m = unix_msg_make(u, msg, chunk);

		if (IS_ERR(m)) {
			err = (int)PTR_ERR(m);
			break;
		}
		err = unix_conn_queue(sock, m, flags & MSG_DONTWAIT, deadline);
		if (err) {
			unix_msg_free(m);
			break;
		}
		sent += chunk;
	}
	return sent ? (ssize_t)sent : err;
}

static ssize_t unix_seqpacket_sendmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	size_t len = msg->iter->count;
	struct unix_msg *m;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->name)
		return READ_ONCE(u->state) == UNIX_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	if (len > (size_t)READ_ONCE(sock->sndbuf) - 32)
		return -EMSGSIZE;
	m = unix_msg_make(u, msg, len);
	if (IS_ERR(m))
		return PTR_ERR(m);
	err = unix_conn_queue(sock, m, flags & MSG_DONTWAIT, sock_timeo(sock, false));
	if (err) {
		unix_msg_free(m);
		return err;
	}
	return (ssize_t)len;
}

/*
 * Try to queue a datagram on other: 0, -EAGAIN (full), -ECONNREFUSED
 * (other closed), -EPERM (other is connected to someone else), -EPIPE.
 */
static int unix_dgram_try_queue(struct unix_sock *u, struct unix_sock *other, struct unix_msg *m,
				int sndbuf)
{
	int err = 0;

	spin_lock(&other->lock);
	if (other->state == UNIX_CLOSED)
		err = -ECONNREFUSED;
	else if (other->peer && other->peer != u)
		err = -EPERM;
	else if (other->shutdown & UNIX_RCV_SHUTDOWN)
		err = -EPIPE;
	else if (other->rcv_qlen >= UNIX_DGRAM_QLEN ||
		 (other->rcv_bytes && other->rcv_bytes + m->len > (size_t)sndbuf))
		err = -EAGAIN;
	else
		unix_queue_locked(other, m);
	if (err == -EAGAIN)
		WRITE_ONCE(other->want_space, true);
	spin_unlock(&other->lock);
	if (!err)
		unix_wake(other);
	return err;
}

/* The destination of a datagram: the address given, else the peer. Referenced or ERR_PTR. */
static struct unix_sock *unix_dgram_target(struct unix_sock *u, struct kmsg *msg)
{
	struct unix_address *a;
	struct unix_sock *other;
	int err;

	if (msg->name) {
		err = unix_mkname(msg->name, msg->namelen, &a);
		if (err)
			return ERR_PTR(err);
		other = unix_find_other(a, SOCK_DGRAM);
		unix_addr_put(a);
		return other;
	}
	spin_lock(&u->lock);
	other = u->peer ? unix_get(u->peer) : NULL;
	spin_unlock(&u->lock);
	return other ? other : ERR_PTR(-ENOTCONN);
}

/* The peer u was connected to has gone: forget it (as Linux, the send fails ECONNREFUSED). */
static void unix_dgram_forget(struct unix_sock *u, struct unix_sock *other)
{
	bool was = false;

	spin_lock(&u->lock);
	if (u->peer == other) {
		u->peer = NULL;
		u->state = UNIX_UNCONNECTED;
		was = true;
	}
	spin_unlock(&u->lock);
	if (was)
		unix_put(other);
}

static ssize_t unix_dgram_sendmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct unix_sock *u = unix_sk(sock), *other;
	size_t len = msg->iter->count;
	u64 deadline = sock_timeo(sock, false);
	struct wait_queue_entry w;
	struct unix_msg *m;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (len > (size_t)READ_ONCE(sock->sndbuf) - 32)
		return -EMSGSIZE;
	other = unix_dgram_target(u, msg);
	if (IS_ERR(other))
		return PTR_ERR(other);
	m = unix_msg_make(u, msg, len);
	if (IS_ERR(m)) {
		unix_put(other);
		return PTR_ERR(m);
	}
	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&other->wq, &w, TASK_INTERRUPTIBLE);
		err = unix_dgram_try_queue(u, other, m, READ_ONCE(sock->sndbuf));
		if (err != -EAGAIN || (flags & MSG_DONTWAIT))
			break;
		err = sock_wait(deadline);
		if (err)
			break;
	}
	finish_wait(&other->wq, &w);
	if (err == -ECONNREFUSED)
		unix_dgram_forget(u, other);
	if (err)
		unix_msg_free(m);
	unix_put(other);
	return err ? err : (ssize_t)len;
}

/*
 * Files in flight may not be AF_UNIX sockets: a socket sent into its own
 * queue (or a ring of them) would keep itself alive, and there is no
 * garbage collector for such cycles. -EOPNOTSUPP (Linux accepts them).
 */
static int unix_check_files(const struct kmsg *msg)
{
	for (unsigned int i = 0; i < msg->nfiles; i++) {
		struct socket *s = sock_from_file(msg->files[i]);

		if (s && s->family == AF_UNIX)
			return -EOPNOTSUPP;
	}
	return 0;
}

static ssize_t unix_sendmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	int err = unix_check_files(msg);

	if (err)
		return err;

	if (u->type == SOCK_STREAM)
		return unix_stream_sendmsg(sock, msg, flags);
	if (u->type == SOCK_SEQPACKET)
		return unix_seqpacket_sendmsg(sock, msg, flags);
	return unix_dgram_sendmsg(sock, msg, flags);
}

/* ---------------------------------------------------------------- receiving */

/*
 * Hand m's files to the caller as an SCM_RIGHTS message: as many as the
 * control buffer holds get descriptors; the rest (MSG_CTRUNC) stay in m
 * and are dropped when m is freed, after the readlock (a file's release
 * must not run under it). 0 or -EFAULT.
 */
static int unix_recv_files(struct kmsg *msg, struct unix_msg *m)
{
	size_t room = msg->control ? msg->controllen - msg->control_used : 0;
	unsigned int fit = room >= CMSG_LEN(sizeof(int)) ? (unsigned int)((room - CMSG_HDR_LEN) / sizeof(int)) : 0;
	unsigned int n = 0;
	int fds[64], err = 0;

	fit = MIN(fit, MIN(m->nfiles, (unsigned int)ARRAY_SIZE(fds)));
	for (unsigned int i = 0; i < fit; i++) {
		int fd = fd_install(m->files[i], msg->cmsg_cloexec);

		if (fd < 0)
			break;
		fds[n++] = fd;
		m->files[i] = NULL;   /* the table holds it now */
	}
	if (n < m->nfiles)
		msg->flags |= MSG_CTRUNC;
	if (n)
		err = put_cmsg(msg, SOL_SOCKET, SCM_RIGHTS, fds, n * sizeof(int));
	return err;
}

/* The ancillary data and source address of m for the caller (not MSG_PEEK of files). */
static int unix_recv_extras(struct socket *sock, struct kmsg *msg, struct unix_msg *m, bool peek)
{
	int err = 0;

	if (msg->name && !msg->namelen && m->from) {
		memcpy(msg->name, &m->from->name, (size_t)m->from->len);
		msg->namelen = m->from->len;
	}
	if (READ_ONCE(sock->passcred))
		err = put_cmsg(msg, SOL_SOCKET, SCM_CREDENTIALS, &m->creds, sizeof(m->creds));
	if (!err && m->nfiles && !peek && !m->off)   /* once: the first read of it */
		err = unix_recv_files(msg, m);
	return err;
}

/*
 * After a read took something: wake whoever waits for room (our own
 * queue: datagram senders; our peer's: stream writers and pollers for
 * POLLOUT), but only if one said so (want_space), so that a ping-pong
 * does not wake the other side, which waits for data, on every read. The
 * full barrier orders our new queue length before the look at the flag;
 * it pairs with the one in unix_poll (a writer sets the flag under our
 * lock, which orders it by itself).
 */
static void unix_wake_writers(struct unix_sock *u)
{
	struct unix_sock *peer;

	smp_mb();
	if (!READ_ONCE(u->want_space))
		return;
	WRITE_ONCE(u->want_space, false);
	unix_wake(u);
	spin_lock(&u->lock);
	peer = u->peer ? unix_get(u->peer) : NULL;
	spin_unlock(&u->lock);
	if (peer) {
		unix_wake(peer);
		unix_put(peer);
	}
}

/*
 * Wait for a message (readlock held on entry and return, dropped while
 * asleep). Returns the first message (still queued), NULL at end of
 * file, or ERR_PTR(-EAGAIN / -EINTR / -ERESTARTSYS / -ECONNRESET).
 * after: with MSG_PEEK the message after this one (NULL: the first).
 */
static struct unix_msg *unix_wait_msg(struct unix_sock *u, struct unix_msg *after, bool nonblock,
				      u64 deadline)
{
	struct wait_queue_entry w;
	struct unix_msg *m;
	int err;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&u->wq, &w, TASK_INTERRUPTIBLE);
		spin_lock(&u->lock);
		if (after)
			m = list_is_last(&after->node, &u->rcvq) ? NULL : list_next_entry(after, node);
		else
			m = list_empty(&u->rcvq) ? NULL : list_first_entry(&u->rcvq, struct unix_msg, node);
		err = 0;
		if (!m && u->sk_err) {
			err = -u->sk_err;
			u->sk_err = 0;
		} else if (!m && (u->shutdown & UNIX_RCV_SHUTDOWN)) {
			err = 1;   /* end of file */
		}
		spin_unlock(&u->lock);
		if (m || err || nonblock)
			break;
		mutex_unlock(&u->readlock);
		err = sock_wait(deadline);
		mutex_lock(&u->readlock);
		if (err)
			break;
	}
	finish_wait(&u->wq, &w);
	if (m)
		return m;
	if (err == 1)
		return NULL;
	return ERR_PTR(err ? err : -EAGAIN);
}

/* Take n bytes of m as read (stream); an emptied m moves to done (freed after the readlock). */
static void unix_consume(struct unix_sock *u, struct unix_msg *m, size_t n, struct list_head *done_list)
{
	bool done;

	spin_lock(&u->lock);
	m->off += n;
	WRITE_ONCE(u->rcv_bytes, u->rcv_bytes - n);
	done = m->off == m->len;
	if (done) {
		list_del(&m->node);
		WRITE_ONCE(u->rcv_qlen, u->rcv_qlen - 1);
		list_add_tail(&m->node, done_list);
	}
	spin_unlock(&u->lock);
}

static ssize_t unix_stream_recvmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	bool peek = flags & MSG_PEEK;
	size_t target = (flags & MSG_WAITALL) ? msg->iter->count : 1, copied = 0, off;
	u64 deadline = sock_timeo(sock, true);
	struct unix_msg *m, *prev = NULL;
	LIST_HEAD(done);
	ssize_t err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (READ_ONCE(u->state) != UNIX_CONNECTED)
		return -EINVAL;
	mutex_lock(&u->readlock);
	while (msg->iter->count) {
		bool files;
		size_t n;

		m = unix_wait_msg(u, peek ? prev : NULL, (flags & MSG_DONTWAIT) || copied >= target,
				  deadline);
		if (!m || IS_ERR(m)) {
			err = m ? PTR_ERR(m) : 0;
			break;
		}
		files = m->nfiles != 0 && !m->off;
		if (copied && files)
			break;   /* its files go with the next read, as Linux */
		off = peek && prev ? 0 : m->off;   /* only the first message is partly read */
		n = copy_to_iter(m->data + off, m->len - off, msg->iter);
		if (!n && m->len > off) {
			err = -EFAULT;
			break;
		}
		if (!copied)
			unix_recv_extras(sock, msg, m, peek);
		copied += n;
		if (peek)
			prev = m;
		else
			unix_consume(u, m, n, &done);
		if (files && !peek)
			break;
	}
	mutex_unlock(&u->readlock);
	unix_msgs_free(&done);
	if (copied && !peek)
		unix_wake_writers(u);
	return copied ? (ssize_t)copied : err;
}

/* Datagram and seqpacket: one message per call. */
static ssize_t unix_dgram_recvmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	bool peek = flags & MSG_PEEK;
	struct unix_msg *m;
	size_t n;
	ssize_t ret;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (u->type == SOCK_SEQPACKET && READ_ONCE(u->state) != UNIX_CONNECTED)
		return -EINVAL;
	mutex_lock(&u->readlock);
	m = unix_wait_msg(u, NULL, flags & MSG_DONTWAIT, sock_timeo(sock, true));
	if (!m || IS_ERR(m)) {
		mutex_unlock(&u->readlock);
		return m ? PTR_ERR(m) : 0;
	}
	if (!peek) {
		spin_lock(&u->lock);
		list_del_init(&m->node);
		WRITE_ONCE(u->rcv_bytes, u->rcv_bytes - m->len);
		WRITE_ONCE(u->rcv_qlen, u->rcv_qlen - 1);
		spin_unlock(&u->lock);
	}
	n = copy_to_iter(m->data, m->len, msg->iter);
	ret = (n < m->len && msg->iter->count) ? -EFAULT : (ssize_t)n;
	if (n < m->len)
		msg->flags |= MSG_TRUNC;
	if (ret >= 0 && (flags & MSG_TRUNC))
		ret = (ssize_t)m->len;   /* the real length, as Linux */
	if (ret >= 0)
		unix_recv_extras(sock, msg, m, peek);
	mutex_unlock(&u->readlock);
	if (!peek) {
		unix_msg_free(m);
		unix_wake_writers(u);
	}
	return ret;
}

static ssize_t unix_recvmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	if (unix_sk(sock)->type == SOCK_STREAM)
		return unix_stream_recvmsg(sock, msg, flags);
	return unix_dgram_recvmsg(sock, msg, flags);
}

/* ---------------------------------------------------------------- poll, ioctl, options */

/* Is there room in peer's queue for a writer (Linux's rule: a quarter of the buffer)? */
static bool unix_peer_writable(struct unix_sock *u, struct unix_sock *peer, int sndbuf)
{
	if (u->type == SOCK_DGRAM)
		return READ_ONCE(peer->rcv_qlen) < UNIX_DGRAM_QLEN &&
		       READ_ONCE(peer->rcv_bytes) * 4 <= (size_t)sndbuf;
	return READ_ONCE(peer->rcv_bytes) * 4 <= (size_t)sndbuf;
}

static unsigned int unix_poll(struct file *file, struct socket *sock, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(sock), *peer;
	unsigned int mask = 0, shut;
	int state;

	poll_wait(file, &u->wq, pt);
	state = READ_ONCE(u->state);
	shut = READ_ONCE(u->shutdown);
	if (READ_ONCE(u->sk_err))
		mask |= POLLERR;
	if (shut == UNIX_SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (shut & UNIX_RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (READ_ONCE(u->rcv_qlen) || READ_ONCE(u->acceptq_len))
		mask |= POLLIN | POLLRDNORM;
	if (unix_connection(u) && state == UNIX_UNCONNECTED)
		mask |= POLLHUP;
	if (state == UNIX_LISTEN)
		return mask;
	/* u->peer changes only under u's lock; the peer outlives this look (u holds it) */
	spin_lock(&u->lock);
	peer = u->peer;
	if (peer && !(shut & UNIX_SEND_SHUTDOWN) && READ_ONCE(peer->state) != UNIX_CLOSED &&
	    !unix_peer_writable(u, peer, READ_ONCE(sock->sndbuf))) {
		WRITE_ONCE(peer->want_space, true);
		smp_mb();   /* the flag before the second look: pairs with unix_wake_writers */
	}
	if (!peer || (shut & UNIX_SEND_SHUTDOWN) || READ_ONCE(peer->state) == UNIX_CLOSED ||
	    unix_peer_writable(u, peer, READ_ONCE(sock->sndbuf)))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	spin_unlock(&u->lock);
	return mask;
}

static long unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct unix_sock *u = unix_sk(sock);
	int n = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	spin_lock(&u->lock);
	if (u->state == UNIX_LISTEN)
		n = -EINVAL;
	else if (u->type == SOCK_STREAM)
		n = (int)u->rcv_bytes;
	else if (!list_empty(&u->rcvq))
		n = (int)list_first_entry(&u->rcvq, struct unix_msg, node)->len;
	spin_unlock(&u->lock);
	if (n < 0)
		return n;
	return copy_to_user((void __user *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

static int unix_getsockopt(struct socket *sock, int level, int name, unsigned long optval,
			   unsigned long optlen)
{
	struct unix_sock *u = unix_sk(sock);
	struct ucred cred;
	int len;

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	if (name != SO_PEERCRED)
		return -ENOPROTOOPT;
	if (get_user(len, (int __user *)optlen))
		return -EFAULT;
	spin_lock(&u->lock);
	cred = u->peercred;
	spin_unlock(&u->lock);
	len = MIN(len, (int)sizeof(cred));
	if (len < 0)
		return -EINVAL;
	if (copy_to_user((void __user *)optval, &cred, (size_t)len) ||
	    put_user(len, (int __user *)optlen))
		return -EFAULT;
	return 0;
}

static const struct proto_ops unix_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.listen = unix_listen,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.shutdown = unix_shutdown,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
	.getsockopt = unix_getsockopt,
	.ioctl = unix_ioctl,
};

/* ---------------------------------------------------------------- /proc/net/unix */

/* One line of /proc/net/unix (Linux's columns; the kernel address shown as zeros, as to non-root). */
static void unix_show_one(struct seq_buf *s, struct unix_sock *u)
{
	struct unix_address *a = READ_ONCE(u->addr);
	unsigned long ino;
	int state;

	spin_lock(&u->lock);
	ino = u->sock ? u->sock->inode->i_ino : 0;
	state = u->state;
	spin_unlock(&u->lock);
	seq_printf(s, "%016lx: %08X %08X %08X %04X %02X %5lu", 0UL, (unsigned int)atomic_read(&u->refs),
		   0U, state == UNIX_LISTEN ? 0x10000U : 0U, (unsigned int)u->type,
		   state == UNIX_CONNECTED ? 3U : 1U, ino);
	if (a) {
		int n = a->len - (int)offsetof(struct sockaddr_un, sun_path);

		seq_putc(s, ' ');
		for (int i = 0; i < n; i++) {
			char c = a->name.sun_path[i];

			if (!a->abstract && !c)
				break;
			seq_putc(s, c ? c : '@');
		}
	}
	seq_putc(s, '\n');
}

int net_unix_show(struct seq_buf *s)
{
	struct unix_sock *u;

	seq_printf(s, "Num       RefCount Protocol Flags    Type St Inode Path\n");
	spin_lock(&unix_all_lock);
	list_for_each_entry(u, &unix_all, all)
		unix_show_one(s, u);
	spin_unlock(&unix_all_lock);
	return 0;
}

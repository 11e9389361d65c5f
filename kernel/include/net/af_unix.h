/*
 * AF_UNIX sockets (kernel/net/af_unix.c): stream, datagram and seqpacket
 * sockets named by file-system paths or abstract names; docs/net.md.
 *
 * struct unix_sock is the protocol's object behind a struct socket
 * (sock->sk). It is reference counted: its socket holds one, a connected
 * peer holds one (peer), a listener's accept queue holds one per waiting
 * connection (an "embryo": a unix_sock with no socket yet, connected to
 * the client, that accept() hands to a new socket), and lookups hold one
 * while they use it. Its wait queue (sock->wq) therefore outlives the
 * socket's file, which is what epoll and blocked peers need.
 *
 * Locks (docs/locking.md): "unix_bindlock" (mutex, per socket) serialises
 * bind, connect and listen of one socket; "unix_readlock" (mutex, per
 * socket) serialises receivers (the copy to user memory runs under it);
 * "unix_lock" (spin, per socket) guards the [L] fields; two unix_locks
 * are never held together. "unix_table_lock" (spin, global, a leaf)
 * guards the table of bound sockets.
 */
#ifndef NET_AF_UNIX_H
#define NET_AF_UNIX_H

#include <arch/atomic.h>
#include <fs/dcache.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <locking/mutex.h>
#include <locking/spinlock.h>
#include <sched/wait.h>
#include <uapi/socket.h>
#include <uapi/un.h>

struct socket;

/* A bound name, shared (counted) by the socket and the connections accepted on it. */
struct unix_address {
	atomic_t refs;
	int len;                     /* bytes of name used (family + path or abstract name) */
	bool abstract;               /* name.sun_path[0] == 0 */
	struct sockaddr_un name;
};

/* u->state */
#define UNIX_UNCONNECTED 0
#define UNIX_LISTEN      1
#define UNIX_CONNECTED   2
#define UNIX_CLOSED      3   /* its socket is gone (or an embryo's listener closed it) */

/* u->shutdown */
#define UNIX_RCV_SHUTDOWN  1
#define UNIX_SEND_SHUTDOWN 2
#define UNIX_SHUTDOWN_MASK 3

struct unix_sock {
	atomic_t refs;                    /* [a] */
	int type;                         /* [I] SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
	struct mutex bindlock;            /* "unix_bindlock" */
	struct mutex readlock;            /* "unix_readlock" */
	struct wait_queue_head wq;        /* "unix_wait": every change of readiness */
	struct spinlock lock;             /* "unix_lock" */
	struct socket *sock;              /* [L] NULL for an embryo and after release */
	int state;                        /* [L, lockless for poll] UNIX_* */
	unsigned int shutdown;            /* [L, lockless for poll] UNIX_*_SHUTDOWN */
	int sk_err;                       /* [L] ECONNRESET when the peer closed with data unread */
	struct unix_sock *peer;           /* [L] referenced */
	struct unix_address *addr;        /* [L; published once, lockless reads] referenced */
	struct path path;                 /* [bindlock] a path-bound socket's node (referenced) */
	struct inode *path_inode;         /* [unix_table_lock] its inode, the key of lookups */
	struct list_head bound;           /* [unix_table_lock] in the table of bound sockets */
	struct list_head rcvq;            /* [L] struct unix_msg, oldest first */
	size_t rcv_bytes;                 /* [L, lockless for poll] unread bytes */
	bool want_space;                  /* [a] a writer or poller waits for room in rcvq */
	unsigned int rcv_qlen;            /* [L, lockless for poll] messages queued */
	struct list_head acceptq;         /* [L] embryos waiting for accept() */
	unsigned int acceptq_len;         /* [L, lockless for poll] */
	int backlog;                      /* [L] listen()'s */
	struct list_head accept_node;     /* [the listener's L] in its acceptq */
	struct ucred peercred;            /* [L] SO_PEERCRED: the peer's at connect/listen */
	struct ucred owncred;             /* [L] ours at connect/listen/socketpair */
	struct list_head all;             /* [unix_all] in the list of every unix_sock */
};

/* unix_sock objects alive (leak checks). */
long nr_unix_socks(void);
/* /proc/net/unix: every AF_UNIX socket, in Linux's format. */
struct seq_buf;
int net_unix_show(struct seq_buf *s);

#endif /* NET_AF_UNIX_H */

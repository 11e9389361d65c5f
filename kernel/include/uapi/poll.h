/*
 * poll(2)/ppoll(2) and the file ioctls FIONREAD/FIONBIO, as Linux riscv64
 * defines them (asm-generic/poll.h, asm-generic/ioctls.h, linux/fcntl.h).
 * Shared with user space.
 */
#ifndef UAPI_POLL_H
#define UAPI_POLL_H

#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG    0x0400
#define POLLRDHUP  0x2000

struct pollfd {
	int fd;
	short events;
	short revents;
};

_Static_assert(sizeof(struct pollfd) == 8, "pollfd is 8 bytes");

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
struct pselect6_sigmask {
	unsigned long ss;
	unsigned long ss_len;
};

#define FD_SETSIZE_BITS 1024   /* glibc's fd_set; the kernel takes any nfds <= the fd limit */

/* ioctls (asm-generic/ioctls.h). */
#define FIONREAD 0x541B
#define FIONBIO  0x5421

/* fcntl commands on pipes (linux/fcntl.h: F_LINUX_SPECIFIC_BASE + 7, + 8). */
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032

#define PIPE_BUF 4096

#endif /* UAPI_POLL_H */

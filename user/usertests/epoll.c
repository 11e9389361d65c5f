/*
 * usertests: epoll (docs/net.md, "epoll").
 *
 * epoll_create1/epoll_ctl errors, level-triggered, edge-triggered and
 * one-shot items over pipes and AF_UNIX sockets (EPOLLRDHUP, EPOLLHUP,
 * EPOLLOUT), non-blocking connect and accept driven by epoll, wake-ups
 * from another process, timeouts, epoll_pwait interrupted by a signal
 * (EINTR, the temporary signal mask), close removing an item (and a dup
 * keeping it), nested epoll sets and ELOOP, poll() on an epoll file, many
 * descriptors, and no leaked descriptors. All pass on Linux too.
 */
#include "usertests.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static int ep_new(void)
{
	return (int)CHECK_SYS(epoll_create1(0));
}

static void ep_add(int ep, int fd, unsigned int events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
}

/* epoll_wait with one slot; the number of events (0 or 1), the event in *ev. */
static int ep_wait1(int ep, struct epoll_event *ev, int ms)
{
	return (int)CHECK_SYS(epoll_wait(ep, ev, 1, ms));
}

UTEST(epoll_errors, 0, NULL)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep = (int)CHECK_SYS(epoll_create1(EPOLL_CLOEXEC)), p[2], f;

	CHECK_EQ(fcntl(ep, F_GETFD), FD_CLOEXEC);
	CHECK_ERR(epoll_create1(1), EINVAL);
	CHECK_SYS(pipe(p));
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), EBADF);
	CHECK_ERR(epoll_ctl(999, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	CHECK_ERR(epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev), EINVAL);   /* not an epoll fd */
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);       /* itself */
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);
	CHECK_ERR(epoll_ctl(ep, 42, p[0], &ev), EINVAL);
	ep_add(ep, p[0], EPOLLIN, 1);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	ut_scratch_dir();
	ut_write_file("f", "x", 1, 0644);
	f = (int)CHECK_SYS(open("f", O_RDONLY));
	ev.events = EPOLLIN;
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev), EPERM);   /* regular files: no */
	CHECK_ERR(epoll_wait(ep, &ev, 0, 0), EINVAL);
	CHECK_ERR(epoll_wait(p[0], &ev, 1, 0), EINVAL);
	CHECK_ERR(epoll_wait(ep, ut_ptr(0xffffffc000000000ull), 1, 0), EFAULT);   /* a kernel address */
	close(f);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UTEST(epoll_level_pipe, 0, NULL)
{
	struct epoll_event ev[4];
	int ep = ep_new(), p[2];
	char buf[8];

	CHECK_SYS(pipe(p));
	ep_add(ep, p[0], EPOLLIN, 0x1234567890ull);
	ep_add(ep, p[1], EPOLLOUT, 7);
	CHECK_EQ(epoll_wait(ep, ev, 4, 0), 1);   /* the write end is writable */
	CHECK_EQ(ev[0].events, EPOLLOUT);
	CHECK_EQ(ev[0].data.u64, 7);
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
	CHECK_EQ(ep_wait1(ep, ev, 0), 0);
	CHECK_EQ(write(p[1], "ab", 2), 2);
	CHECK_EQ(ep_wait1(ep, ev, 0), 1);
	CHECK_EQ(ev[0].events, EPOLLIN);
	CHECK_EQ(ev[0].data.u64, 0x1234567890ull);
	CHECK_EQ(ep_wait1(ep, ev, 0), 1);        /* level: still readable */
	CHECK_EQ(read(p[0], buf, 1), 1);
	CHECK_EQ(ep_wait1(ep, ev, 0), 1);
	CHECK_EQ(read(p[0], buf, 1), 1);
	CHECK_EQ(ep_wait1(ep, ev, 0), 0);        /* drained */
	close(p[1]);
	CHECK_EQ(ep_wait1(ep, ev, 0), 1);
	CHECK_EQ(ev[0].events, EPOLLHUP);         /* reported unasked */
	close(p[0]);
	close(ep);
}

UTEST(epoll_edge_pipe, 0, NULL)
{
	struct epoll_event ev;
	int ep = ep_new(), p[2];
	char buf[8];

	CHECK_SYS(pipe(p));
	ep_add(ep, p[0], EPOLLIN | EPOLLET, 1);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);
	CHECK_EQ(write(p[1], "a", 1), 1);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.events, EPOLLIN);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);   /* no new edge, data still there */
	CHECK_EQ(write(p[1], "b", 1), 1);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);   /* a new write is a new edge */
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 2);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UTEST(epoll_oneshot, 0, NULL)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 5 };
	int ep = ep_new(), p[2];

	CHECK_SYS(pipe(p));
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	CHECK_EQ(write(p[1], "a", 1), 1);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);   /* disarmed */
	CHECK_EQ(write(p[1], "b", 1), 1);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 6 };
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));   /* re-armed: data is there */
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.data.u64, 6);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UTEST(epoll_sockets, 0, NULL)
{
	struct epoll_event ev;
	int ep = ep_new(), sv[2];

	CHECK_SYS(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	ep_add(ep, sv[0], EPOLLIN | EPOLLOUT | EPOLLRDHUP, 3);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.events, EPOLLOUT);
	CHECK_EQ(write(sv[1], "x", 1), 1);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.events, EPOLLIN | EPOLLOUT);
	CHECK_SYS(shutdown(sv[1], SHUT_WR));
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.events, EPOLLIN | EPOLLOUT | EPOLLRDHUP);
	close(sv[1]);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);
	CHECK(ev.events & EPOLLHUP);
	close(sv[0]);
	close(ep);
}

UTEST(epoll_accept_connect, 0, NULL)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	struct epoll_event ev;
	int ep = ep_new(), l, c[3], s;
	socklen_t alen;
	char buf[4];

	snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "kestrel-ut-ep%d", getpid());
	alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1));
	l = (int)CHECK_SYS(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
	CHECK_SYS(bind(l, (struct sockaddr *)&a, alen));
	CHECK_SYS(listen(l, 8));
	ep_add(ep, l, EPOLLIN | EPOLLET, 100);
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);
	for (int i = 0; i < 3; i++) {
		c[i] = (int)CHECK_SYS(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
		CHECK_SYS(connect(c[i], (struct sockaddr *)&a, alen));
		ep_add(ep, c[i], EPOLLIN | EPOLLET, (uint64_t)i);
	}
	CHECK_EQ(ep_wait1(ep, &ev, 1000), 1);
	CHECK_EQ(ev.data.u64, 100);
	for (int i = 0; i < 3; i++) {   /* edge-triggered: accept until EAGAIN */
		s = (int)CHECK_SYS(accept4(l, NULL, NULL, SOCK_NONBLOCK));
		CHECK_EQ(write(s, "hi", 2), 2);
		close(s);
	}
	CHECK_ERR(accept(l, NULL, NULL), EAGAIN);
	for (int n = 0; n < 3;) {
		struct epoll_event evs[4];
		int k = (int)CHECK_SYS(epoll_wait(ep, evs, 4, 1000));

		CHECK(k > 0);
		for (int j = 0; j < k; j++) {
			CHECK(evs[j].data.u64 < 3);
			CHECK(evs[j].events & EPOLLIN);
			CHECK_EQ(read(c[evs[j].data.u64], buf, sizeof(buf)), 2);
			n++;
		}
	}
	for (int i = 0; i < 3; i++)
		close(c[i]);
	close(l);
	close(ep);
}

UTEST(epoll_wakeup_timeout, 0, NULL)
{
	struct epoll_event ev;
	int ep = ep_new(), p[2];
	uint64_t t0;
	pid_t pid;

	CHECK_SYS(pipe(p));
	ep_add(ep, p[0], EPOLLIN, 9);
	t0 = ulib_now_ns();
	CHECK_EQ(ep_wait1(ep, &ev, 100), 0);
	CHECK(ulib_now_ns() - t0 >= 90000000ull);
	pid = ut_fork();
	if (pid == 0) {
		ulib_sleep_ns(50000000);
		if (write(p[1], "z", 1) != 1)
			_exit(1);
		_exit(0);
	}
	CHECK_EQ(ep_wait1(ep, &ev, 10000), 1);
	CHECK_EQ(ev.data.u64, 9);
	ut_wait_ok(pid);
	close(p[0]);
	close(p[1]);
	close(ep);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
}

/* A child that signals the parent after 50 ms. */
static pid_t signal_later(void)
{
	pid_t parent = getpid(), pid = ut_fork();

	if (pid == 0) {
		ulib_sleep_ns(50000000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	return pid;
}

UTEST(epoll_pwait_eintr, 0, NULL)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct epoll_event ev;
	sigset_t block, none, cur;
	int ep = ep_new(), p[2];
	pid_t pid;

	CHECK_SYS(pipe(p));
	ep_add(ep, p[0], EPOLLIN, 1);
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	pid = signal_later();
	CHECK_ERR(epoll_wait(ep, &ev, 1, 10000), EINTR);   /* never restarted, even SA_RESTART */
	CHECK_EQ(got_usr1, 1);
	ut_wait_ok(pid);
	/* blocked in the process, let through only for the wait by the mask argument */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	sigemptyset(&none);
	pid = signal_later();
	CHECK_ERR(epoll_pwait(ep, &ev, 1, 10000, &none), EINTR);
	CHECK_EQ(got_usr1, 2);
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &cur));
	CHECK(sigismember(&cur, SIGUSR1));   /* the old mask is back */
	ut_wait_ok(pid);
	/* with the signal blocked during the wait, it stays pending and the timeout ends it */
	pid = signal_later();
	CHECK_EQ(epoll_pwait(ep, &ev, 1, 300, &block), 0);
	ut_wait_ok(pid);
	CHECK_EQ(got_usr1, 2);
	CHECK_SYS(sigprocmask(SIG_UNBLOCK, &block, NULL));
	CHECK_EQ(got_usr1, 3);
	close(p[0]);
	close(p[1]);
	close(ep);
}

UTEST(epoll_close_and_dup, 0, NULL)
{
	struct epoll_event ev;
	int ep = ep_new(), p[2], d;

	CHECK_SYS(pipe(p));
	CHECK_EQ(write(p[1], "a", 1), 1);
	ep_add(ep, p[0], EPOLLIN, 1);
	d = (int)CHECK_SYS(dup(p[0]));
	close(p[0]);   /* the file lives on through d: the item stays (Linux's rule) */
	CHECK_EQ(ep_wait1(ep, &ev, 0), 1);
	CHECK_EQ(ev.data.u64, 1);
	close(d);      /* the last reference: the item goes */
	CHECK_EQ(ep_wait1(ep, &ev, 0), 0);
	close(p[1]);
	close(ep);
}

UTEST(epoll_nested_poll, 0, NULL)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int outer = ep_new(), inner = ep_new(), p[2];
	struct pollfd pf = { .events = POLLIN };

	CHECK_SYS(pipe(p));
	ep_add(inner, p[0], EPOLLIN, 1);
	ep_add(outer, inner, EPOLLIN, 2);
	CHECK_ERR(epoll_ctl(inner, EPOLL_CTL_ADD, outer, &ev), ELOOP);
	pf.fd = inner;
	CHECK_EQ(poll(&pf, 1, 0), 0);
	CHECK_EQ(ep_wait1(outer, &ev, 0), 0);
	CHECK_EQ(write(p[1], "a", 1), 1);
	CHECK_EQ(poll(&pf, 1, 0), 1);
	CHECK_EQ(pf.revents, POLLIN);
	CHECK_EQ(ep_wait1(outer, &ev, 1000), 1);
	CHECK_EQ(ev.data.u64, 2);
	CHECK_EQ(ep_wait1(inner, &ev, 0), 1);
	CHECK_EQ(ev.data.u64, 1);
	close(outer);
	close(inner);
	close(p[0]);
	close(p[1]);
}

UTEST(epoll_many_fds_no_leak, UT_NEEDS_PROC, NULL)
{
	enum { N = 100 };
	struct epoll_event evs[N];
	int before = ut_nr_open_fds(), ep = ep_new(), p[N][2], n;

	for (int i = 0; i < N; i++) {
		CHECK_SYS(pipe(p[i]));
		ep_add(ep, p[i][0], EPOLLIN, (uint64_t)i);
	}
	for (int i = 0; i < N; i += 7)
		CHECK_EQ(write(p[i][1], "x", 1), 1);
	n = (int)CHECK_SYS(epoll_wait(ep, evs, N, 1000));
	CHECK_EQ(n, (N + 6) / 7);
	for (int i = 0; i < n; i++)
		CHECK_EQ(evs[i].data.u64 % 7, 0);
	CHECK_EQ(epoll_wait(ep, evs, 3, 0), 3);   /* maxevents respected, the rest stays ready */
	for (int i = 0; i < N; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	CHECK_EQ(epoll_wait(ep, evs, N, 0), 0);
	close(ep);
	/* an epoll set closed with items still in it */
	ep = ep_new();
	CHECK_SYS(pipe(p[0]));
	ep_add(ep, p[0][0], EPOLLIN, 0);
	close(ep);
	close(p[0][0]);
	close(p[0][1]);
	CHECK_EQ(ut_nr_open_fds(), before);
}

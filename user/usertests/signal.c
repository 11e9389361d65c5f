/*
 * usertests: signals -- handlers and their siginfo (kill, sigqueue,
 * faults), the ucontext (read and modified), SA_RESETHAND, SA_NODEFER,
 * handler masks, sigprocmask/sigpending/sigsuspend/sigtimedwait,
 * real-time queueing and standard coalescing, SIGSEGV/SIGILL/SIGBUS/
 * SIGTRAP handlers, sigaltstack, EINTR and SA_RESTART, nanosleep's
 * remaining time, alarm and the itimers, stop/continue with wait4,
 * SIGCHLD, auto-reaping, exec and fork inheritance, kill(0)/kill(-pgrp),
 * thread-directed signals, a tampered frame, SIGKILL/SIGSTOP rules.
 *
 * Every test runs in its own process (the runner forks), so handlers and
 * masks set here die with it. Each must pass on Linux (usertests -H).
 */
#include "usertests.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got_sig, got_count, got_depth, max_depth;
static siginfo_t got_info;

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_info = *si;
	got_count++;
}

static void on_count(int sig)
{
	got_sig = sig;
	got_count++;
}

static void set_action(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

static void block(int sig, int how)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	CHECK_SYS(sigprocmask(how, &s, NULL));
}

static int is_blocked(int sig)
{
	sigset_t s;

	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &s));
	return sigismember(&s, sig);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void arm_timer_ms(long ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

	CHECK_SYS(setitimer(ITIMER_REAL, &it, NULL));
}

/* ---------------------------------------------------------------- handlers and siginfo */

UTEST(sig_handler_kill_info, 0, NULL)
{
	set_action(SIGUSR1, on_info, 0);
	CHECK_SYS(kill(getpid(), SIGUSR1));
	/* A signal to oneself is delivered before kill returns. */
	CHECK_EQ(got_count, 1);
	CHECK_EQ(got_sig, SIGUSR1);
	CHECK_EQ(got_info.si_signo, SIGUSR1);
	CHECK_EQ(got_info.si_code, SI_USER);
	CHECK_EQ(got_info.si_pid, getpid());
	CHECK_EQ(got_info.si_uid, getuid());
}

UTEST(sig_sigqueue_value, 0, NULL)
{
	union sigval v = { .sival_int = 4242 };

	set_action(SIGRTMIN, on_info, 0);
	CHECK_SYS(sigqueue(getpid(), SIGRTMIN, v));
	CHECK_EQ(got_count, 1);
	CHECK_EQ(got_info.si_code, SI_QUEUE);
	CHECK_EQ(got_info.si_value.sival_int, 4242);
	CHECK_EQ(got_info.si_pid, getpid());
}

/* SIGTRAP from ebreak; the handler moves pc past it and sets s2: both seen after return. */
static void on_trap_edit(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	got_sig = sig;
	got_info = *si;
	CHECK_EQ((unsigned long)si->si_addr, uc->uc_mcontext.__gregs[REG_PC]);
	uc->uc_mcontext.__gregs[REG_PC] += 4;
	uc->uc_mcontext.__gregs[18] = 0x5151;   /* s2 */
}

UTEST(sig_context_modify_trap, 0, NULL)
{
	register long s2 __asm__("s2") = 7;

	set_action(SIGTRAP, on_trap_edit, 0);
	__asm__ __volatile__(".4byte 0x00100073" : "+r"(s2) : : "memory");   /* ebreak, 4 bytes */
	CHECK_EQ(got_sig, SIGTRAP);
	CHECK_EQ(got_info.si_code, TRAP_BRKPT);
	CHECK_EQ(s2, 0x5151);
}

/* SIGILL from an all-zero instruction: si_addr is its address; skip it. */
static void on_ill(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	got_sig = sig;
	got_info = *si;
	uc->uc_mcontext.__gregs[REG_PC] += 4;
}

UTEST(sig_ill_handler, 0, NULL)
{
	set_action(SIGILL, on_ill, 0);
	__asm__ __volatile__(".4byte 0" : : : "memory");
	CHECK_EQ(got_sig, SIGILL);
	CHECK_EQ(got_info.si_code, ILL_ILLOPC);
}

static void raise_usr1_twice(void *arg)
{
	(void)arg;
	set_handler(SIGUSR1, on_count, SA_RESETHAND);
	raise(SIGUSR1);
	raise(SIGUSR1);
}

UTEST(sig_resethand, 0, NULL)
{
	struct sigaction old;

	set_handler(SIGUSR1, on_count, SA_RESETHAND);
	raise(SIGUSR1);
	CHECK_EQ(got_count, 1);
	CHECK_SYS(sigaction(SIGUSR1, NULL, &old));
	CHECK(old.sa_handler == SIG_DFL);
	ut_check_signaled(ut_run_child(raise_usr1_twice, NULL), SIGUSR1, "the second SIGUSR1");
}

/* With SA_NODEFER the handler's own signal nests; without, it waits for the return. */
static void on_nest(int sig)
{
	got_depth++;
	if (got_depth > max_depth)
		max_depth = got_depth;
	got_count++;
	if (got_count == 1)
		raise(sig);
	got_depth--;
}

UTEST(sig_nodefer_nesting, 0, NULL)
{
	set_handler(SIGUSR1, on_nest, SA_NODEFER);
	raise(SIGUSR1);
	CHECK_EQ(got_count, 2);
	CHECK_EQ(max_depth, 2);
	got_count = max_depth = 0;
	set_handler(SIGUSR2, on_nest, 0);
	raise(SIGUSR2);
	CHECK_EQ(got_count, 2);
	CHECK_EQ(max_depth, 1);
}

static volatile int order[4], norder;

static void on_mask_usr1(int sig)
{
	(void)sig;
	order[norder++] = 1;
	if (!is_blocked(SIGUSR1) || !is_blocked(SIGUSR2))
		order[norder++] = 99;
	kill(getpid(), SIGUSR2);   /* blocked by sa_mask: runs after we return */
	order[norder++] = 3;
}

static void on_mask_usr2(int sig)
{
	(void)sig;
	order[norder++] = 2;
}

UTEST(sig_handler_mask, 0, "qemu-user 7.2 does not apply sa_mask during a riscv64 handler")
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_mask_usr1;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	set_handler(SIGUSR2, on_mask_usr2, 0);
	kill(getpid(), SIGUSR1);
	if (norder != 3)
		FAIL("order %d %d %d %d (%d)", order[0], order[1], order[2], order[3], norder);
	CHECK_EQ(order[0], 1);
	CHECK_EQ(order[1], 3);
	CHECK_EQ(order[2], 2);
	CHECK(!is_blocked(SIGUSR1) && !is_blocked(SIGUSR2));
}

UTEST(sig_procmask_pending, 0, NULL)
{
	sigset_t p;

	set_handler(SIGUSR1, on_count, 0);
	block(SIGUSR1, SIG_BLOCK);
	raise(SIGUSR1);
	raise(SIGUSR1);   /* coalesces */
	CHECK_EQ(got_count, 0);
	CHECK_SYS(sigpending(&p));
	CHECK(sigismember(&p, SIGUSR1));
	CHECK(!sigismember(&p, SIGUSR2));
	block(SIGUSR1, SIG_UNBLOCK);
	CHECK_EQ(got_count, 1);
	CHECK_SYS(sigpending(&p));
	CHECK(!sigismember(&p, SIGUSR1));
}

UTEST(sig_suspend, 0, NULL)
{
	sigset_t empty;
	pid_t parent = getpid(), pid;

	set_handler(SIGUSR1, on_count, 0);
	block(SIGUSR1, SIG_BLOCK);
	pid = ut_fork();
	if (pid == 0) {
		ut_spin_ns(20000000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	sigemptyset(&empty);
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_EQ(got_count, 1);
	CHECK(is_blocked(SIGUSR1));   /* the old mask is back */
	ut_wait_ok(pid);
}

UTEST(sig_ppoll_mask, 0, NULL)
{
	struct timespec ts = { 2, 0 };
	sigset_t empty;
	pid_t parent = getpid(), pid;

	set_handler(SIGUSR1, on_count, 0);
	block(SIGUSR1, SIG_BLOCK);
	pid = ut_fork();
	if (pid == 0) {
		ut_spin_ns(20000000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	sigemptyset(&empty);
	CHECK_ERR(ppoll(NULL, 0, &ts, &empty), EINTR);
	CHECK_EQ(got_count, 1);
	CHECK(is_blocked(SIGUSR1));
	ut_wait_ok(pid);
}

UTEST(sig_timedwait, 0, NULL)
{
	struct timespec ts = { 0, 50000000 };
	sigset_t s;
	siginfo_t si;
	uint64_t t0;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &s, NULL));
	t0 = now_ns();
	CHECK_ERR(sigtimedwait(&s, &si, &ts), EAGAIN);
	CHECK(now_ns() - t0 >= 45000000);
	CHECK_SYS(kill(getpid(), SIGUSR1));
	CHECK_EQ(sigtimedwait(&s, &si, &ts), SIGUSR1);
	CHECK_EQ(si.si_code, SI_USER);
	CHECK_EQ(si.si_pid, getpid());
	ts.tv_nsec = 1000000000;
	CHECK_ERR(sigtimedwait(&s, &si, &ts), EINVAL);
}

/* Real-time signals queue in order with their values; a standard one coalesces; lowest first. */
UTEST(sig_rt_queue_order, 0, NULL)
{
	sigset_t s, p;
	siginfo_t si;

	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN);
	sigaddset(&s, SIGRTMIN + 1);
	sigaddset(&s, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &s, NULL));
	CHECK_SYS(sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 9 }));
	for (int i = 1; i <= 3; i++)
		CHECK_SYS(sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i }));
	CHECK_SYS(kill(getpid(), SIGUSR1));
	CHECK_SYS(kill(getpid(), SIGUSR1));
	CHECK_EQ(sigwaitinfo(&s, &si), SIGUSR1);
	for (int i = 1; i <= 3; i++) {
		CHECK_EQ(sigwaitinfo(&s, &si), SIGRTMIN);
		CHECK_EQ(si.si_value.sival_int, i);
		CHECK_EQ(si.si_code, SI_QUEUE);
	}
	CHECK_EQ(sigwaitinfo(&s, &si), SIGRTMIN + 1);
	CHECK_EQ(si.si_value.sival_int, 9);
	CHECK_SYS(sigpending(&p));
	CHECK(!sigismember(&p, SIGUSR1) && !sigismember(&p, SIGRTMIN) && !sigismember(&p, SIGRTMIN + 1));
}

/* ---------------------------------------------------------------- faults */

static sigjmp_buf jb;

static void on_fault_jump(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_info = *si;
	siglongjmp(jb, 1);
}

UTEST(sig_segv_handler_addr, 0, NULL)
{
	volatile int *bad = ut_ptr(0x1230);
	char *ro;

	set_action(SIGSEGV, on_fault_jump, 0);
	if (sigsetjmp(jb, 1) == 0) {
		(void)*bad;
		FAIL("no SIGSEGV");
	}
	CHECK_EQ(got_sig, SIGSEGV);
	CHECK_EQ(got_info.si_code, SEGV_MAPERR);
	CHECK_EQ((uintptr_t)got_info.si_addr, 0x1230);
	CHECK(!is_blocked(SIGSEGV));   /* siglongjmp with savemask restored the mask */
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED);
	if (sigsetjmp(jb, 1) == 0) {
		*(volatile char *)(ro + 8) = 1;
		FAIL("no SIGSEGV on a read-only page");
	}
	CHECK_EQ(got_info.si_code, SEGV_ACCERR);
	CHECK_EQ((uintptr_t)got_info.si_addr, (uintptr_t)ro + 8);
}

static void on_segv_fault_again(int sig)
{
	(void)sig;
	(void)*(volatile int *)ut_ptr(0x10);
}

static void segv_in_handler(void *arg)
{
	(void)arg;
	set_handler(SIGSEGV, on_segv_fault_again, 0);
	(void)*(volatile int *)ut_ptr(0x10);
}

UTEST(sig_segv_in_handler_kills, 0, NULL)
{
	ut_check_signaled(ut_run_child(segv_in_handler, NULL), SIGSEGV, "a fault in the SIGSEGV handler");
}

UTEST(sig_bus_handler, 0, NULL)
{
	const char *dir = ut_scratch_dir();
	char path[512];
	char *m;
	int fd;

	snprintf(path, sizeof(path), "%s/f", dir);
	ut_write_file(path, "x", 1, 0644);
	fd = CHECK_SYS(open(path, O_RDONLY));
	m = mmap(NULL, 3 * 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	set_action(SIGBUS, on_fault_jump, 0);
	if (sigsetjmp(jb, 1) == 0) {
		(void)*(volatile char *)(m + 4096 + 16);
		FAIL("no SIGBUS past the end of the file");
	}
	CHECK_EQ(got_sig, SIGBUS);
	CHECK_EQ(got_info.si_code, BUS_ADRERR);
	CHECK_EQ((uintptr_t)got_info.si_addr, (uintptr_t)m + 4096 + 16);
	close(fd);
}

/* ---------------------------------------------------------------- sigaltstack */

static char *alt_base;
static size_t alt_size;

static void on_overflow(int sig)
{
	char here;
	stack_t ss;

	(void)sig;
	if ((char *)&here < alt_base || (char *)&here >= alt_base + alt_size)
		_exit(3);
	/* Changing the alternate stack while on it is refused. */
	ss.ss_sp = alt_base;
	ss.ss_size = alt_size;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL) != -1 || errno != EPERM)
		_exit(4);
	if (sigaltstack(NULL, &ss) != 0 || !(ss.ss_flags & SS_ONSTACK))
		_exit(5);
	_exit(0);
}

static volatile int recurse_more = 1;

static int recurse(int n)
{
	volatile char pad[512];

	pad[0] = (char)n;
	if (!recurse_more)
		return 0;
	return recurse(n + 1) + pad[0];
}

static void overflow_child(void *arg)
{
	struct sigaction sa;
	stack_t ss;

	(void)arg;
	alt_size = 64 * 1024;
	alt_base = malloc(alt_size);
	ss.ss_sp = alt_base;
	ss.ss_size = alt_size;
	ss.ss_flags = 0;
	CHECK_SYS(sigaltstack(&ss, NULL));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_overflow;
	sa.sa_flags = SA_ONSTACK;
	CHECK_SYS(sigaction(SIGSEGV, &sa, NULL));
	recurse(0);
}

UTEST(sig_altstack_overflow, 0, NULL)
{
	struct rlimit rl = { 1 << 20, 1 << 20 };
	stack_t ss, old;

	ss.ss_sp = malloc(MINSIGSTKSZ);
	ss.ss_size = 512;
	ss.ss_flags = 0;
	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = MINSIGSTKSZ;
	ss.ss_flags = 0x1234;
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL);
	CHECK_SYS(sigaltstack(NULL, &old));
	CHECK(old.ss_flags & SS_DISABLE);
	setrlimit(RLIMIT_STACK, &rl);   /* a 1 MiB stack overflows quickly */
	ut_run_ok(overflow_child, NULL);
}

/* ---------------------------------------------------------------- EINTR and restart */

UTEST(sig_eintr_pipe_read, 0, NULL)
{
	int fds[2];
	char c;

	CHECK_SYS(pipe(fds));
	set_handler(SIGALRM, on_count, 0);
	arm_timer_ms(30);
	CHECK_ERR(read(fds[0], &c, 1), EINTR);
	CHECK_EQ(got_count, 1);
}

UTEST(sig_restart_pipe_read, 0, NULL)
{
	int fds[2];
	char c = 0;
	pid_t pid;

	CHECK_SYS(pipe(fds));
	set_handler(SIGALRM, on_count, SA_RESTART);
	pid = ut_fork();
	if (pid == 0) {
		ut_spin_ns(150000000);
		if (write(fds[1], "k", 1) != 1)
			_exit(1);
		_exit(0);
	}
	arm_timer_ms(30);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(c, 'k');
	CHECK_EQ(got_count, 1);
	ut_wait_ok(pid);
}

UTEST(sig_eintr_nanosleep_rem, 0, NULL)
{
	struct timespec req = { 1, 0 }, rem = { 0, 0 };

	set_handler(SIGALRM, on_count, SA_RESTART);   /* nanosleep is never restarted by SA_RESTART */
	arm_timer_ms(50);
	CHECK_ERR(nanosleep(&req, &rem), EINTR);
	CHECK_EQ(got_count, 1);
	CHECK(rem.tv_sec == 0 && rem.tv_nsec > 500000000);
}

UTEST(sig_eintr_wait4, 0, NULL)
{
	pid_t pid = ut_fork();
	int status;

	if (pid == 0) {
		pause();
		_exit(0);
	}
	set_handler(SIGALRM, on_count, 0);
	arm_timer_ms(30);
	CHECK_ERR(waitpid(pid, &status, 0), EINTR);
	CHECK_SYS(kill(pid, SIGKILL));
	ut_check_signaled(ut_wait(pid), SIGKILL, "killed child");
}

/* Stopped and continued, a sleeping nanosleep goes on to its full time. */
UTEST(sig_stop_cont_nanosleep_restarts, 0, NULL)
{
	pid_t pid = ut_fork();
	int status;

	if (pid == 0) {
		struct timespec req = { 0, 300000000 };
		uint64_t t0 = now_ns();

		if (nanosleep(&req, NULL) != 0)
			_exit(1);
		_exit(now_ns() - t0 >= 290000000 ? 0 : 2);
	}
	ut_spin_ns(50000000);
	CHECK_SYS(kill(pid, SIGSTOP));
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_SYS(kill(pid, SIGCONT));
	ut_wait_ok(pid);
}

/*
 * A futex wait with a timeout, stopped and continued, waits on to its
 * deadline and times out (Linux restarts it through restart_syscall);
 * with a handler, even SA_RESTART, it returns EINTR.
 */
static uint32_t futex_word;

static long futex_wait_ms(uint32_t val, long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	return syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, val, &ts, NULL, 0);
}

UTEST(sig_futex_timeout_restarts, 0, NULL)
{
	pid_t pid = ut_fork();
	int status;

	if (pid == 0) {
		uint64_t t0 = now_ns();

		if (futex_wait_ms(0, 300) != -1 || errno != ETIMEDOUT)
			_exit(1);
		_exit(now_ns() - t0 >= 290000000 ? 0 : 2);
	}
	ut_spin_ns(50000000);
	CHECK_SYS(kill(pid, SIGSTOP));
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_SYS(kill(pid, SIGCONT));
	ut_wait_ok(pid);
	/* A handler ran: EINTR, SA_RESTART or not. */
	set_handler(SIGALRM, on_count, SA_RESTART);
	arm_timer_ms(30);
	CHECK_ERR(futex_wait_ms(0, 2000), EINTR);
	CHECK_EQ(got_count, 1);
}

/* ---------------------------------------------------------------- timers */

UTEST(sig_alarm_fires, 0, NULL)
{
	uint64_t t0;

	set_handler(SIGALRM, on_count, 0);
	CHECK_EQ(alarm(5), 0);
	CHECK_EQ(alarm(0), 5);
	t0 = now_ns();
	arm_timer_ms(100);
	while (!got_count && now_ns() - t0 < 5000000000ULL)
		pause();
	CHECK_EQ(got_count, 1);
	ut_note("SIGALRM after %llu us (asked 100000)", (unsigned long long)((now_ns() - t0) / 1000));
	CHECK(now_ns() - t0 >= 99000000);
}

UTEST(sig_itimer_interval, 0, NULL)
{
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } }, cur;

	set_handler(SIGALRM, on_count, 0);
	CHECK_SYS(setitimer(ITIMER_REAL, &it, NULL));
	while (got_count < 3)
		pause();
	CHECK_SYS(getitimer(ITIMER_REAL, &cur));
	CHECK_EQ(cur.it_interval.tv_usec, 20000);
	memset(&it, 0, sizeof(it));
	CHECK_SYS(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_ERR(setitimer(99, &it, NULL), EINVAL);
}

static void spin_until_signal(int which, int sig)
{
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	uint64_t t0 = now_ns();

	got_count = 0;
	set_handler(sig, on_count, 0);
	CHECK_SYS(setitimer(which, &it, NULL));
	while (!got_count && now_ns() - t0 < 10000000000ULL)
		;
	CHECK_EQ(got_count, 1);
	CHECK_EQ(got_sig, sig);
}

UTEST(sig_itimer_virtual_prof, 0, NULL)
{
	spin_until_signal(ITIMER_VIRTUAL, SIGVTALRM);
	spin_until_signal(ITIMER_PROF, SIGPROF);
}

/* ---------------------------------------------------------------- children */

UTEST(sig_stop_cont_wait, 0, NULL)
{
	pid_t pid = ut_fork();
	int status;

	/*
	 * Its own process group, whose parent (this process) is in another
	 * group of the session: not orphaned, so SIGTSTP stops it.
	 */
	if (pid == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(pid, pid);
	CHECK_SYS(kill(pid, SIGSTOP));
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(WSTOPSIG(status), SIGSTOP);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);   /* reported once */
	CHECK_SYS(kill(pid, SIGCONT));
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid);
	CHECK(WIFCONTINUED(status));
	CHECK_SYS(kill(pid, SIGTSTP));
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP);
	CHECK_SYS(kill(pid, SIGKILL));   /* kills a stopped process */
	ut_check_signaled(ut_wait(pid), SIGKILL, "stopped child");
}

UTEST(sig_chld_to_parent, 0, NULL)
{
	sigset_t none;
	pid_t pid;

	set_action(SIGCHLD, on_info, 0);
	block(SIGCHLD, SIG_BLOCK);
	pid = ut_fork();
	if (pid == 0)
		_exit(7);
	sigemptyset(&none);
	while (!got_count)
		sigsuspend(&none);
	CHECK_EQ(got_info.si_signo, SIGCHLD);
	CHECK_EQ(got_info.si_code, CLD_EXITED);
	CHECK_EQ(got_info.si_pid, pid);
	CHECK_EQ(got_info.si_status, 7);
	CHECK_EQ(WEXITSTATUS(ut_wait(pid)), 7);
}

UTEST(sig_chld_ignored_autoreap, 0, NULL)
{
	int status;
	pid_t pid;

	signal(SIGCHLD, SIG_IGN);
	pid = ut_fork();
	if (pid == 0)
		_exit(0);
	CHECK_ERR(waitpid(pid, &status, 0), ECHILD);
	signal(SIGCHLD, SIG_DFL);
}

/* ---------------------------------------------------------------- exec and fork */

/* Exec'd as "usertests" with UT_SIGSTATE=1: checks what exec kept, exit status 0 if right. */
__attribute__((constructor)) static void sigstate_helper(void)
{
	struct sigaction sa;
	sigset_t s;

	if (!getenv("UT_SIGSTATE"))
		return;
	if (sigaction(SIGUSR1, NULL, &sa) || sa.sa_handler != SIG_DFL)
		_exit(1);
	if (sigaction(SIGUSR2, NULL, &sa) || sa.sa_handler != SIG_IGN)
		_exit(2);
	if (sigprocmask(SIG_BLOCK, NULL, &s) || !sigismember(&s, SIGINT))
		_exit(3);
	_exit(0);
}

UTEST(sig_exec_resets_handlers, UT_EXEC, NULL)
{
	char *argv[] = { "usertests", NULL };
	char *envp[] = { "UT_SIGSTATE=1", NULL };
	int status;

	set_handler(SIGUSR1, on_count, 0);
	signal(SIGUSR2, SIG_IGN);
	block(SIGINT, SIG_BLOCK);
	status = ut_spawn(ut_path("/bin/usertests"), argv, envp, NULL);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

UTEST(sig_fork_copies_handlers, 0, NULL)
{
	pid_t pid;

	set_handler(SIGUSR1, on_count, 0);
	block(SIGUSR2, SIG_BLOCK);
	raise(SIGUSR2);
	pid = ut_fork();
	if (pid == 0) {
		struct sigaction sa;
		sigset_t p;

		if (sigaction(SIGUSR1, NULL, &sa) || sa.sa_handler != on_count)
			_exit(1);
		if (!is_blocked(SIGUSR2))
			_exit(2);
		if (sigpending(&p) || sigismember(&p, SIGUSR2))
			_exit(3);
		raise(SIGUSR1);
		_exit(got_count == 1 ? 0 : 4);
	}
	ut_wait_ok(pid);
}

/* ---------------------------------------------------------------- groups and threads */

UTEST(sig_kill_pgrp, 0, NULL)
{
	pid_t a, b;

	a = ut_fork();
	if (a == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(a, a);
	b = ut_fork();
	if (b == 0) {
		setpgid(0, a);
		for (;;)
			pause();
	}
	setpgid(b, a);
	CHECK_SYS(kill(-a, SIGTERM));
	ut_check_signaled(ut_wait(a), SIGTERM, "group member a");
	ut_check_signaled(ut_wait(b), SIGTERM, "group member b");
	CHECK_ERR(kill(-a, SIGTERM), ESRCH);
}

static void kill_zero_child(void *arg)
{
	pid_t g;

	(void)arg;
	CHECK_SYS(setpgid(0, 0));
	g = ut_fork();
	if (g == 0) {
		for (;;)
			pause();
	}
	signal(SIGUSR1, SIG_IGN);
	CHECK_SYS(kill(0, SIGUSR1));
	ut_check_signaled(ut_wait(g), SIGUSR1, "grandchild in the group");
}

UTEST(sig_kill_zero, 0, NULL)
{
	ut_run_ok(kill_zero_child, NULL);
}

static volatile pid_t handler_tid;
static volatile int thread_ready, thread_done;

static void on_record_tid(int sig)
{
	(void)sig;
	handler_tid = (pid_t)syscall(SYS_gettid);
}

static void *unblocked_thread(void *arg)
{
	(void)arg;
	block(SIGUSR1, SIG_UNBLOCK);
	thread_ready = 1;
	while (!handler_tid)
		ut_spin_ns(1000000);
	return (void *)(long)syscall(SYS_gettid);
}

/* The process-directed signal goes to the one thread that does not block it. */
UTEST(sig_thread_unblocked_gets_it, 0, NULL)
{
	pthread_t th;
	void *tid;

	set_handler(SIGUSR1, on_record_tid, 0);
	block(SIGUSR1, SIG_BLOCK);
	CHECK(pthread_create(&th, NULL, unblocked_thread, NULL) == 0);
	while (!thread_ready)
		ut_spin_ns(1000000);
	CHECK_SYS(kill(getpid(), SIGUSR1));
	CHECK(pthread_join(th, &tid) == 0);
	CHECK_EQ(handler_tid, (long)tid);
	CHECK(handler_tid != getpid());
}

static void *sigwait_thread(void *arg)
{
	sigset_t s;
	int sig = 0;

	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	thread_ready = 1;
	if (sigwait(&s, &sig) != 0)
		return NULL;
	return (void *)(long)sig;
}

UTEST(sig_tgkill_thread, 0, NULL)
{
	pthread_t th;
	void *r;

	block(SIGUSR2, SIG_BLOCK);
	CHECK(pthread_create(&th, NULL, sigwait_thread, NULL) == 0);
	while (!thread_ready)
		ut_spin_ns(1000000);
	CHECK(pthread_kill(th, SIGUSR2) == 0);
	CHECK(pthread_join(th, &r) == 0);
	CHECK_EQ((long)r, SIGUSR2);
}

/* ---------------------------------------------------------------- rules */

static void on_kernel_pc(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	uc->uc_mcontext.__gregs[REG_PC] = 0xffffffff80200000UL;   /* the kernel image */
}

static void tamper_child(void *arg)
{
	(void)arg;
	set_action(SIGUSR1, on_kernel_pc, 0);
	raise(SIGUSR1);
	_exit(9);
}

UTEST(sig_sigreturn_cannot_escape, 0, NULL)
{
	ut_check_signaled(ut_run_child(tamper_child, NULL), SIGSEGV, "return to a kernel pc");
}

UTEST(sig_kill_stop_uncatchable, 0, NULL)
{
	struct sigaction sa;
	sigset_t s;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_count;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_SYS(sigaction(SIGKILL, NULL, &sa));   /* querying is fine */
	sigfillset(&s);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &s, NULL));
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &s));
	CHECK(!sigismember(&s, SIGKILL) && !sigismember(&s, SIGSTOP));
	CHECK(sigismember(&s, SIGTERM));
	CHECK_ERR(sigaction(65, &sa, NULL), EINVAL);
	CHECK_ERR(sigaction(0, &sa, NULL), EINVAL);
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &s, 4), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigprocmask, 99, &s, NULL, 8), EINVAL);
}

UTEST(sig_queueinfo_perm, 0, NULL)
{
	siginfo_t si;
	pid_t pid = ut_fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_USER;   /* pretending to be kill() to another process */
	CHECK_ERR(syscall(SYS_rt_sigqueueinfo, pid, SIGUSR1, &si), EPERM);
	CHECK_SYS(kill(pid, SIGKILL));
	ut_check_signaled(ut_wait(pid), SIGKILL, "child");
}

/* FP registers survive a handler that uses them, and the frame shows them. */
static volatile double fp_seen;

static void on_fp(int sig, siginfo_t *si, void *ucv)
{
	volatile double x = 1.5;

	(void)sig;
	(void)si;
	(void)ucv;
	for (int i = 0; i < 10; i++)
		x = x * 3.0 + 1.0;
	fp_seen = x;
}

UTEST(sig_fp_preserved, 0, NULL)
{
	register double keep __asm__("fs0") = 2.25;

	set_action(SIGUSR1, on_fp, 0);
	__asm__ __volatile__("" : "+f"(keep));
	raise(SIGUSR1);
	__asm__ __volatile__("" : "+f"(keep));
	CHECK(keep == 2.25);
	CHECK(fp_seen > 1000.0);
}

/*
 * A frame that straddles a page boundary (the kernel writes and reads it
 * in place, in two pieces): siginfo, mask, pc and the FP registers all
 * survive, and an FP register edited in the frame comes back edited.
 * The boundary is put in the integer registers, then in the FP ones.
 */
static volatile long straddle_value;
static volatile uintptr_t straddle_uc;

static void on_straddle(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	straddle_value = si->si_value.sival_int;
	straddle_uc = (uintptr_t)ucv;
	uc->uc_mcontext.__fpregs.__d.__f[8] = 0x401f000000000000ULL;   /* fs0 = 7.75 */
}

UTEST(sig_frame_straddles_pages, 0, NULL)
{
	static const int boundary[] = { 400, 608 };   /* frame offsets: in x1..x31, in f0..f31 */
	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(m != MAP_FAILED);
	set_action(SIGUSR1, on_straddle, SA_ONSTACK);
	for (int i = 0; i < 2; i++) {
		uintptr_t frame = (uintptr_t)m + 4096 - boundary[i];
		stack_t ss = { .ss_sp = m, .ss_size = frame + 1088 - (uintptr_t)m, .ss_flags = 0 };
		register double keep __asm__("fs0") = 2.25;
		union sigval v = { .sival_int = 1000 + i };

		CHECK_SYS(sigaltstack(&ss, NULL));
		__asm__ __volatile__("" : "+f"(keep));
		CHECK_SYS(sigqueue(getpid(), SIGUSR1, v));
		__asm__ __volatile__("" : "+f"(keep));
		CHECK(keep == 7.75);
		CHECK(straddle_value == 1000 + i);
		/* The ucontext follows the 128-byte siginfo at the frame's start
		 * (Linux's placement; qemu-user puts its frame elsewhere on the stack). */
		if (!ut.host)
			CHECK(straddle_uc == frame + 128);
		CHECK(straddle_uc > (uintptr_t)m && straddle_uc < (uintptr_t)m + 8192);
		ss.ss_flags = SS_DISABLE;
		CHECK_SYS(sigaltstack(&ss, NULL));
	}
	CHECK_SYS(munmap(m, 8192));
}

/* A handler frame on an alternate stack that is not mapped: the process dies of SIGSEGV. */
static void unmapped_altstack_child(void *arg)
{
	stack_t ss;
	void *m = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	CHECK(m != MAP_FAILED);
	ss.ss_sp = m;
	ss.ss_size = 65536;
	ss.ss_flags = 0;
	CHECK_SYS(sigaltstack(&ss, NULL));
	CHECK_SYS(munmap(m, 65536));
	set_handler(SIGUSR1, on_count, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	_exit(got_count == 0 ? 8 : 9);
}

UTEST(sig_frame_on_unmapped_stack_kills, 0, NULL)
{
	ut_check_signaled(ut_run_child(unmapped_altstack_child, NULL), SIGSEGV,
			  "a frame on an unmapped alternate stack");
}

/* Delivery round trip: kill to self with a handler, then back through rt_sigreturn. */
UTEST(sig_delivery_cost, 0, NULL)
{
	enum { N = 2000 };
	pid_t self = getpid();
	uint64_t t0;

	set_handler(SIGUSR1, on_count, 0);
	t0 = now_ns();
	for (int i = 0; i < N; i++)
		kill(self, SIGUSR1);
	CHECK_EQ(got_count, N);
	ut_note("kill to self + handler + sigreturn: %llu ns each",
		(unsigned long long)((now_ns() - t0) / N));
}

/* 100,000 real-time signals from a child, none lost, each in order with its value. */
UTEST(sig_storm_rt, UT_SLOW, NULL)
{
	enum { N = 100000 };
	sigset_t s;
	siginfo_t si;
	pid_t parent = getpid(), pid;
	uint64_t t0 = now_ns();

	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &s, NULL));
	pid = ut_fork();
	if (pid == 0) {
		for (int i = 0; i < N; i++) {
			while (sigqueue(parent, SIGRTMIN, (union sigval){ .sival_int = i }) != 0) {
				if (errno != EAGAIN)
					_exit(1);
				sched_yield();
			}
		}
		_exit(0);
	}
	for (int i = 0; i < N; i++) {
		CHECK_EQ(sigwaitinfo(&s, &si), SIGRTMIN);
		if (si.si_value.sival_int != i)
			FAIL("signal %d carried %d", i, si.si_value.sival_int);
	}
	ut_wait_ok(pid);
	ut_note("%d signals in %llu ms", N, (unsigned long long)((now_ns() - t0) / 1000000));
}

/* ------------------------------------------------------------ orphaned process groups */

static int orphan_fd = -1;

static void orphan_hup(int sig)
{
	(void)sig;
	if (write(orphan_fd, "H", 1) != 1)
		_exit(3);
}

/*
 * A group whose member is stopped becomes orphaned (its leader, the only
 * link to the rest of the session, exits): the kernel sends the group
 * SIGHUP then SIGCONT (POSIX), so the stopped member runs its SIGHUP
 * handler and then goes on instead of staying stopped forever.
 */
UTEST(sig_orphaned_pgrp_hup_cont, 0, NULL)
{
	char got[8] = { 0 };
	size_t n = 0;
	int fds[2], status;
	pid_t b;

	CHECK_SYS(pipe(fds));
	b = ut_fork();
	if (b == 0) {
		pid_t c;

		close(fds[0]);
		if (setpgid(0, 0) != 0)
			_exit(1);
		c = fork();
		if (c == 0) {
			orphan_fd = fds[1];
			if (signal(SIGHUP, orphan_hup) == SIG_ERR)
				_exit(2);
			raise(SIGSTOP);
			if (write(fds[1], "C", 1) != 1)
				_exit(3);
			_exit(0);
		}
		if (c < 0 || waitpid(c, &status, WUNTRACED) != c || !WIFSTOPPED(status))
			_exit(4);
		_exit(0);   /* the group {b, c} loses its link to the session */
	}
	close(fds[1]);
	CHECK_EQ(WEXITSTATUS(ut_wait(b)), 0);
	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		ssize_t r;

		if (poll(&pfd, 1, 10000) != 1)
			FAIL("the orphaned, stopped member never wrote (got \"%s\"): no SIGHUP+SIGCONT",
			     got);
		r = read(fds[0], got + n, sizeof(got) - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	CHECK_SYS(close(fds[0]));
	if (strcmp(got, "HC") != 0)
		FAIL("the orphaned member wrote \"%s\", expected \"HC\" (SIGHUP handled, then continued)",
		     got);
}

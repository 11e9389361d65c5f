/*
 * bench: micro-benchmarks of the kernel paths user programs lean on.
 *
 *   bench [-n RUNS] [-r ROOT] [-d DIR] [-l] [SUBSTR...]
 *
 * Each metric runs RUNS times (default 7) and prints one row:
 *
 *   bench: <metric> <median> us  (min <min>, max <max>, <RUNS> runs of <ops> ops)
 *
 * where the figures are microseconds per operation. A metric that cannot run
 * (a system call the kernel lacks) prints `bench: <metric> not available
 * (<reason>)`. -l lists the metrics; SUBSTR selects metrics by name; -r
 * prefixes /bin/true (the host run uses a staging directory); -d DIR is where
 * the file metrics create their files (default ROOT/tmp).
 *
 * Time is CLOCK_MONOTONIC through clock_gettime: glibc takes it from the
 * vDSO when the kernel maps one (on Kestrel: the `time` CSR, 10 MHz on
 * QEMU virt, so 100 ns resolution), else from the system call. Each run is
 * long (milliseconds), so neither the resolution nor the cost of reading
 * the clock matters.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ulib.h"

#define PG 4096UL
#define MIB (1UL << 20)

static const char *root = "";

/* A metric: run `ops` operations, return the nanoseconds they took, or 0
 * with *why set if the metric cannot run here. */
struct metric {
	const char *name;
	long ops;
	uint64_t (*run)(long ops, const char **why);
};

static void die(const char *what)
{
	ulib_print(2, "bench: %s: %s\n", what, ulib_errname(errno));
	exit(1);
}

static pid_t xfork(void)
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	return pid;
}

static void xwait(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ulib_print(2, "bench: child %d failed (wait status 0x%x)\n", pid, status);
		exit(1);
	}
}

static void *xmap(size_t len, int flags)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

static void touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += PG)
		p[i] = 1;
}

/* ------------------------------------------------------------ system calls */

static uint64_t run_getppid(long ops, const char **why)
{
	uint64_t t0 = ulib_now_ns();

	(void)why;
	for (long i = 0; i < ops; i++)
		syscall(SYS_getppid);
	return ulib_now_ns() - t0;
}

/* stat of "/bin/true" (under -r ROOT): a path walk of two components. */
static uint64_t run_stat(long ops, const char **why)
{
	char path[512];
	struct stat st;
	uint64_t t0;

	snprintf(path, sizeof(path), "%s/bin/true", root);
	if (stat(path, &st) != 0) {
		*why = "stat /bin/true failed";
		return 0;
	}
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++)
		stat(path, &st);
	return ulib_now_ns() - t0;
}

static uint64_t run_getpid(long ops, const char **why)
{
	uint64_t t0 = ulib_now_ns();

	(void)why;
	for (long i = 0; i < ops; i++)
		syscall(SYS_getpid);
	return ulib_now_ns() - t0;
}

static uint64_t run_clock_gettime(long ops, const char **why)
{
	struct timespec ts;
	uint64_t t0 = ulib_now_ns();

	(void)why;
	for (long i = 0; i < ops; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return ulib_now_ns() - t0;
}

/* ------------------------------------------------------------ processes */

static uint64_t run_fork_exit(long ops, const char **why)
{
	uint64_t t0 = ulib_now_ns();

	(void)why;
	for (long i = 0; i < ops; i++) {
		pid_t pid = xfork();

		if (pid == 0)
			_exit(0);
		xwait(pid);
	}
	return ulib_now_ns() - t0;
}

static uint64_t run_fork_exec(long ops, const char **why)
{
	char path[512], *argv[] = { "true", NULL }, *envp[] = { NULL };
	uint64_t t0 = 0;

	snprintf(path, sizeof(path), "%s/bin/true", root);
	if (access(path, X_OK) != 0) {
		*why = "no /bin/true";
		return 0;
	}
	for (long i = -1; i < ops; i++) {
		pid_t pid = xfork();
		int status;

		if (i == 0)
			t0 = ulib_now_ns(); /* the first one only checks that exec works */
		if (pid == 0) {
			execve(path, argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || status != 0) {
			*why = "execve of /bin/true failed";
			return 0;
		}
	}
	return ulib_now_ns() - t0;
}

/*
 * One byte back and forth ops times: the parent writes to out and reads
 * from in, a forked child reads from child_in and writes it back to
 * child_out. Sockets use send/recv (sock), pipes write/read. The parent's
 * nanoseconds; what names the row in a failure.
 */
static uint64_t byte_pingpong(int out, int in, int child_in, int child_out, bool sock, long ops,
			      const char *what)
{
	uint64_t t0;
	char c = 'x';
	pid_t pid = xfork();

	if (pid == 0) {
		for (long i = 0; i < ops; i++)
			if ((sock ? recv(child_in, &c, 1, 0) : read(child_in, &c, 1)) != 1 ||
			    (sock ? send(child_out, &c, 1, 0) : write(child_out, &c, 1)) != 1)
				_exit(1);
		_exit(0);
	}
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++)
		if ((sock ? send(out, &c, 1, 0) : write(out, &c, 1)) != 1 ||
		    (sock ? recv(in, &c, 1, 0) : read(in, &c, 1)) != 1)
			die(what);
	t0 = ulib_now_ns() - t0;
	xwait(pid);
	return t0;
}

/* Pipes: one byte each way between two processes; per round trip. */
static uint64_t run_pipe_pingpong(long ops, const char **why)
{
	int ab[2], ba[2];
	uint64_t t;

	if (pipe2(ab, 0) != 0 || pipe2(ba, 0) != 0) {
		*why = errno == ENOSYS ? "pipe2: ENOSYS" : ulib_errname(errno);
		return 0;
	}
	t = byte_pingpong(ab[1], ba[0], ab[0], ba[1], false, ops, "pipe ping-pong");
	close(ab[0]), close(ab[1]), close(ba[0]), close(ba[1]);
	return t;
}

/* Pipe bandwidth: a child writes ops chunks of 64 KiB, the parent reads them (64 KiB reads). */
#define PIPE_CHUNK (64 * 1024)

static uint64_t run_pipe_bandwidth(long ops, const char **why)
{
	static char buf[PIPE_CHUNK];
	long long left = (long long)ops * PIPE_CHUNK;
	int p[2];
	uint64_t t0;
	pid_t pid;

	if (pipe2(p, 0) != 0) {
		*why = errno == ENOSYS ? "pipe2: ENOSYS" : ulib_errname(errno);
		return 0;
	}
	t0 = ulib_now_ns();
	pid = xfork();
	if (pid == 0) {
		close(p[0]);
		for (long i = 0; i < ops; i++)
			if (write(p[1], buf, PIPE_CHUNK) != PIPE_CHUNK)
				_exit(1);
		_exit(0);
	}
	close(p[1]);
	while (left > 0) {
		ssize_t n = read(p[0], buf, PIPE_CHUNK);

		if (n <= 0)
			die("pipe bandwidth");
		left -= n;
	}
	t0 = ulib_now_ns() - t0;
	xwait(pid);
	close(p[0]);
	return t0;
}

/* ------------------------------------------------------------ threads */

static void *nothing(void *arg)
{
	return arg;
}

static uint64_t run_thread_create(long ops, const char **why)
{
	uint64_t t0 = ulib_now_ns();

	(void)why;
	for (long i = 0; i < ops; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, nothing, NULL) != 0 || pthread_join(t, NULL) != 0)
			die("pthread_create/join");
	}
	return ulib_now_ns() - t0;
}

static atomic_int futex_word;

static void futex_wait(int val)
{
	while (atomic_load(&futex_word) == val)
		syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_set(int val)
{
	atomic_store(&futex_word, val);
	syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *futex_partner(void *arg)
{
	long ops = (long)arg;

	for (long i = 0; i < ops; i++) {
		futex_wait(0); /* wait for the ping (1) */
		futex_set(0);  /* pong */
	}
	return NULL;
}

static uint64_t run_futex_pingpong(long ops, const char **why)
{
	pthread_t t;
	uint64_t t0;

	(void)why;
	atomic_store(&futex_word, 0);
	if (pthread_create(&t, NULL, futex_partner, (void *)ops) != 0)
		die("pthread_create");
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++) {
		futex_set(1);
		futex_wait(1);
	}
	t0 = ulib_now_ns() - t0;
	pthread_join(t, NULL);
	return t0;
}

/* ------------------------------------------------------------ signals */

static volatile sig_atomic_t sig_hits;

static void sig_count(int sig)
{
	(void)sig;
	sig_hits++;
}

/*
 * kill(getpid(), SIGUSR1) with a handler installed: the send, the frame
 * written on the user stack, the handler, rt_sigreturn through the vDSO
 * trampoline (glibc's restorer on the host). One op = the whole round trip.
 */
static uint64_t run_signal_roundtrip(long ops, const char **why)
{
	struct sigaction sa = { .sa_handler = sig_count };
	pid_t self = getpid();
	uint64_t t0;

	(void)why;
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		die("sigaction");
	sig_hits = 0;
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++)
		kill(self, SIGUSR1);
	t0 = ulib_now_ns() - t0;
	if (sig_hits != ops)
		die("signal round trip: lost signals");
	signal(SIGUSR1, SIG_DFL);
	return t0;
}

/*
 * rt_sigreturn alone, with no signal: a frame built by hand on a buffer
 * that holds the current registers (x1..x31, fcsr; FP registers zero,
 * declared clobbered), pc = the instruction after the ecall, the current
 * mask and no alternate stack. rt_sigreturn reads it at sp and "returns"
 * to where it was called from, every register as it was.
 */
struct bench_sigframe {
	siginfo_t info;
	ucontext_t uc;
};

static void sigreturn_once(struct bench_sigframe *f)
{
	register struct bench_sigframe *fp __asm__("a0") = f;

	__asm__ __volatile__(
		"la t0, 1f\n\t"
		"sd t0, %[pc](a0)\n\t"
		"frcsr t0\n\t"
		"sw t0, %[fcsr](a0)\n\t"
		".irp n,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n\t"
		"sd x\\n, (%[regs] + 8 * \\n)(a0)\n\t"
		".endr\n\t"
		"mv sp, a0\n\t"
		"li a7, %[nr]\n\t"
		"ecall\n"
		"1:"
		: "+r"(fp)
		: [pc] "i"(offsetof(struct bench_sigframe, uc.uc_mcontext.__gregs[0])),
		  [regs] "i"(offsetof(struct bench_sigframe, uc.uc_mcontext.__gregs[0])),
		  [fcsr] "i"(offsetof(struct bench_sigframe, uc.uc_mcontext.__fpregs.__d.__fcsr)),
		  [nr] "i"(SYS_rt_sigreturn)
		: "t0", "memory",
		  "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12",
		  "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23",
		  "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31");
}

static uint64_t run_sigreturn(long ops, const char **why)
{
	static struct bench_sigframe f __attribute__((aligned(16)));
	sigset_t mask;
	uint64_t t0;

	(void)why;
	memset(&f, 0, sizeof(f));
	if (sigprocmask(SIG_SETMASK, NULL, &mask) != 0)
		die("sigprocmask");
	memcpy(&f.uc.uc_sigmask, &mask, sizeof(mask));
	f.uc.uc_stack.ss_flags = SS_DISABLE;
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++)
		sigreturn_once(&f);
	return ulib_now_ns() - t0;
}

/* 100 runnable threads on one CPU, each yielding: the cost of one switch. */
#define YIELDERS 100

static atomic_int yield_go;

static void *yielder(void *arg)
{
	long n = (long)arg;

	while (!atomic_load(&yield_go))
		sched_yield();
	for (long i = 0; i < n; i++)
		sched_yield();
	return NULL;
}

static uint64_t run_sched_100(long ops, const char **why)
{
	pthread_t t[YIELDERS];
	cpu_set_t one, old;
	uint64_t t0;

	(void)why;
	sched_getaffinity(0, sizeof(old), &old);
	CPU_ZERO(&one);
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &old)) {
			CPU_SET(cpu, &one);
			break;
		}
	sched_setaffinity(0, sizeof(one), &one); /* threads inherit it */
	atomic_store(&yield_go, 0);
	for (int i = 0; i < YIELDERS; i++)
		if (pthread_create(&t[i], NULL, yielder, (void *)(ops / YIELDERS)) != 0)
			die("pthread_create");
	t0 = ulib_now_ns();
	atomic_store(&yield_go, 1);
	for (int i = 0; i < YIELDERS; i++)
		pthread_join(t[i], NULL);
	t0 = ulib_now_ns() - t0;
	sched_setaffinity(0, sizeof(old), &old);
	return t0;
}

/* ------------------------------------------------------------ memory */

static uint64_t run_fault_zero(long ops, const char **why)
{
	char *p = xmap((size_t)ops * PG, MAP_PRIVATE | MAP_ANONYMOUS);
	uint64_t t0 = ulib_now_ns();

	(void)why;
	touch(p, (size_t)ops * PG);
	t0 = ulib_now_ns() - t0;
	munmap(p, (size_t)ops * PG);
	return t0;
}

static uint64_t run_cow_break(long ops, const char **why)
{
	size_t len = (size_t)ops * PG;
	char *p = xmap(len, MAP_PRIVATE | MAP_ANONYMOUS);
	volatile uint64_t *result = xmap(PG, MAP_SHARED | MAP_ANONYMOUS);
	uint64_t t;
	pid_t pid;

	(void)why;
	touch(p, len);
	pid = xfork();
	if (pid == 0) {
		uint64_t t0 = ulib_now_ns();

		for (size_t i = 0; i < len; i += PG)
			p[i] = 2; /* every page is shared with the parent: copy it */
		*result = ulib_now_ns() - t0;
		_exit(0);
	}
	xwait(pid);
	t = *result;
	munmap(p, len);
	munmap((void *)result, PG);
	return t;
}

static uint64_t run_fork_64m(long ops, const char **why)
{
	size_t len = 64 * MIB;
	char *p = xmap(len, MAP_PRIVATE | MAP_ANONYMOUS);
	uint64_t t;

	touch(p, len);
	t = run_fork_exit(ops, why);
	munmap(p, len);
	return t;
}

static uint64_t run_mmap_munmap(long ops, const char **why)
{
	uint64_t t0 = ulib_now_ns();

	(void)why;
	for (long i = 0; i < ops; i++) {
		void *p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED || munmap(p, MIB) != 0)
			die("mmap/munmap");
	}
	return ulib_now_ns() - t0;
}

/* ------------------------------------------------------------ files
 *
 * In the scratch directory (-d DIR, default ROOT/tmp): bench-files-<pid>/,
 * removed at exit. Bandwidth rows are microseconds per MiB (MB/s =
 * 1,048,576 / that); the directory row is one whole listing.
 */

#define FILE_MIB 64
#define RAND_FILE_MIB 16
#define DIR_ENTRIES 10000

static const char *scratch;
static char file_dir[512];

static void remove_file_dir(void)
{
	char path[600];

	for (int i = 0; i < DIR_ENTRIES; i++) {
		snprintf(path, sizeof(path), "%s/big/e%d", file_dir, i);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/big", file_dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/data", file_dir);
	unlink(path);
	rmdir(file_dir);
}

/* The scratch path of name (made on first use), or NULL with *why set. */
static const char *file_path(const char *name, const char **why)
{
	static char path[600];

	if (!file_dir[0]) {
		snprintf(file_dir, sizeof(file_dir), "%s/bench-files-%d", scratch, getpid());
		if (mkdir(file_dir, 0755) != 0) {
			*why = ulib_errname(errno);
			file_dir[0] = 0;
			return NULL;
		}
		atexit(remove_file_dir);
	}
	snprintf(path, sizeof(path), "%s/%s", file_dir, name);
	return path;
}

/* Write mib MiB to path; the nanoseconds it took, 0 and *why on failure. */
static uint64_t write_file_mib(const char *path, long mib, const char **why)
{
	char *buf = malloc(MIB);
	uint64_t t0 = ulib_now_ns(), t;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (!buf || fd < 0) {
		*why = ulib_errname(errno);
		free(buf);
		return 0;
	}
	memset(buf, 0x5a, MIB);
	for (long i = 0; i < mib; i++)
		if (write(fd, buf, MIB) != (ssize_t)MIB)
			die("write");
	close(fd);
	t = ulib_now_ns() - t0;
	free(buf);
	return t;
}

static uint64_t run_file_write(long ops, const char **why)
{
	const char *path = file_path("data", why);

	return path ? write_file_mib(path, ops, why) : 0;
}

static uint64_t run_file_read(long ops, const char **why)
{
	const char *path = file_path("data", why);
	char *buf = malloc(MIB);
	uint64_t t0;
	int fd;

	if (!path || !buf || !write_file_mib(path, ops, why)) {
		free(buf);
		return 0;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open");
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++)
		if (read(fd, buf, MIB) != (ssize_t)MIB)
			die("read");
	t0 = ulib_now_ns() - t0;
	close(fd);
	free(buf);
	return t0;
}

static uint64_t run_file_random_read(long ops, const char **why)
{
	const char *path = file_path("data", why);
	uint64_t x = 2463534242, t0;
	char buf[PG];
	int fd;

	if (!path || !write_file_mib(path, RAND_FILE_MIB, why))
		return 0;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open");
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		if (pread(fd, buf, PG, (off_t)(x % (RAND_FILE_MIB * MIB / PG)) * PG) != PG)
			die("pread");
	}
	t0 = ulib_now_ns() - t0;
	close(fd);
	return t0;
}

static uint64_t run_file_create(long ops, const char **why)
{
	const char *path = file_path("small", why);
	static char buf[PG];
	uint64_t t0 = ulib_now_ns();

	for (long i = 0; path && i < ops; i++) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

		if (fd < 0 || write(fd, buf, PG) != PG)
			die("create+write");
		close(fd);
		if (unlink(path) != 0)
			die("unlink");
	}
	return path ? ulib_now_ns() - t0 : 0;
}

/* `ls -l` of DIR_ENTRIES entries: getdents64 + fstatat of each. The
 * directory is filled on the first run and kept for the others. */
static uint64_t run_file_ls(long ops, const char **why)
{
	static int filled;
	const char *dir = file_path("big", why);
	char buf[8192];
	struct stat st;
	uint64_t t0;

	if (!dir)
		return 0;
	if (!filled) {
		char path[700];

		if (mkdir(dir, 0755) != 0)
			die("mkdir");
		for (int i = 0; i < DIR_ENTRIES; i++) {
			snprintf(path, sizeof(path), "%s/e%d", dir, i);
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
			if (fd < 0)
				die("create");
			close(fd);
		}
		filled = 1;
	}
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++) {
		int fd = open(dir, O_RDONLY | O_DIRECTORY), seen = 0;
		long n;

		if (fd < 0)
			die("open dir");
		while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
			for (long off = 0; off < n;) {
				struct dirent64 *d = (struct dirent64 *)(buf + off);

				if (fstatat(fd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
					die("fstatat");
				seen++;
				off += d->d_reclen;
			}
		close(fd);
		if (seen != DIR_ENTRIES + 2)
			die("listing: wrong number of entries");
	}
	return ulib_now_ns() - t0;
}

/*
 * memcpy of 1 MiB between two user buffers, per MiB: the bandwidth limit of
 * any copy the kernel makes (a cached read, a pipe) on this machine.
 */
static uint64_t run_memcpy(long ops, const char **why)
{
	static char src[1 << 20], dst[1 << 20];
	uint64_t t0;

	(void)why;
	memset(src, 0x5a, sizeof(src));
	memset(dst, 0, sizeof(dst));   /* both faulted in before timing */
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++) {
		memcpy(dst, src, sizeof(src));
		__asm__ __volatile__("" ::: "memory");
	}
	return ulib_now_ns() - t0;
}

/* ------------------------------------------------------------ System V IPC */

/*
 * Message round trip between two processes over one queue: the parent
 * sends type 1 and waits for type 2, the child echoes each 1 as a 2.
 */
static uint64_t msg_roundtrip(long ops, size_t size, const char **why)
{
	static struct { long type; char text[4096]; } m;
	int id = msgget(IPC_PRIVATE, 0600);
	uint64_t t0;
	pid_t pid;

	if (id < 0) {
		*why = errno == ENOSYS ? "msgget: ENOSYS" : ulib_errname(errno);
		return 0;
	}
	pid = xfork();
	if (pid == 0) {
		for (long i = 0; i < ops; i++) {
			if (msgrcv(id, &m, sizeof(m.text), 1, 0) != (ssize_t)size)
				_exit(1);
			m.type = 2;
			if (msgsnd(id, &m, size, 0) != 0)
				_exit(1);
		}
		_exit(0);
	}
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++) {
		m.type = 1;
		if (msgsnd(id, &m, size, 0) != 0 || msgrcv(id, &m, sizeof(m.text), 2, 0) != (ssize_t)size)
			die("msg round trip");
	}
	t0 = ulib_now_ns() - t0;
	xwait(pid);
	msgctl(id, IPC_RMID, NULL);
	return t0;
}

static uint64_t run_msg_small(long ops, const char **why)
{
	return msg_roundtrip(ops, 8, why);
}

static uint64_t run_msg_4k(long ops, const char **why)
{
	return msg_roundtrip(ops, 4096, why);
}

/* One semop of op on semaphore num, or die. */
static void sem_do(int id, unsigned short num, short op)
{
	struct sembuf sb = { .sem_num = num, .sem_op = op };

	if (semop(id, &sb, 1) != 0)
		die("semop");
}

/* Semaphore ping-pong: the parent ups 0 and waits on 1, the child the reverse. */
static uint64_t run_sem_pingpong(long ops, const char **why)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	uint64_t t0;
	pid_t pid;

	if (id < 0) {
		*why = errno == ENOSYS ? "semget: ENOSYS" : ulib_errname(errno);
		return 0;
	}
	pid = xfork();
	if (pid == 0) {
		for (long i = 0; i < ops; i++) {
			sem_do(id, 0, -1);
			sem_do(id, 1, 1);
		}
		_exit(0);
	}
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++) {
		sem_do(id, 0, 1);
		sem_do(id, 1, -1);
	}
	t0 = ulib_now_ns() - t0;
	xwait(pid);
	semctl(id, 0, IPC_RMID);
	return t0;
}

/* shmat of a fresh 1 MiB segment, a write to every page, shmdt (and IPC_RMID). */
static uint64_t run_shm_1m(long ops, const char **why)
{
	uint64_t t0 = ulib_now_ns();

	for (long i = 0; i < ops; i++) {
		int id = shmget(IPC_PRIVATE, MIB, 0600);
		char *p;

		if (id < 0) {
			*why = errno == ENOSYS ? "shmget: ENOSYS" : ulib_errname(errno);
			return 0;
		}
		p = shmat(id, NULL, 0);
		if (p == (void *)-1)
			die("shmat");
		touch(p, MIB);
		if (shmdt(p) != 0 || shmctl(id, IPC_RMID, NULL) != 0)
			die("shmdt");
	}
	return ulib_now_ns() - t0;
}

/* ------------------------------------------------------------ the table */

/* ------------------------------------------------------------ network (loopback) */

static struct sockaddr_in lo_addr(uint16_t port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A socket of type bound to 127.0.0.1 on a free port (its address in *a); -1 and *why. */
static int lo_socket(int type, struct sockaddr_in *a, const char **why)
{
	socklen_t len = sizeof(*a);
	int fd = socket(AF_INET, type, 0), one = 1;

	*a = lo_addr(0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)a, sizeof(*a)) || getsockname(fd, (struct sockaddr *)a, &len)) {
		*why = ulib_errname(errno);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int read_full(int fd, void *buf, size_t n)
{
	for (size_t got = 0; got < n;) {
		ssize_t r = read(fd, (char *)buf + got, n - got);

		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/* UDP: the parent sends one byte, the child echoes it; per round trip. */
static uint64_t run_udp_pingpong(long ops, const char **why)
{
	struct sockaddr_in pa, ca;
	int p = lo_socket(SOCK_DGRAM, &pa, why), c;
	uint64_t t0;

	if (p < 0)
		return 0;
	c = lo_socket(SOCK_DGRAM, &ca, why);
	if (c < 0 || connect(p, (struct sockaddr *)&ca, sizeof(ca)) ||
	    connect(c, (struct sockaddr *)&pa, sizeof(pa))) {
		*why = *why ? *why : ulib_errname(errno);
		return 0;
	}
	t0 = byte_pingpong(p, p, c, c, true, ops, "udp ping-pong");
	close(p);
	close(c);
	return t0;
}

/* A connected TCP pair over loopback (TCP_NODELAY set); 0 or -1 and *why. */
static int tcp_pair(int sv[2], const char **why)
{
	struct sockaddr_in a;
	int l = lo_socket(SOCK_STREAM, &a, why), one = 1;

	if (l < 0)
		return -1;
	sv[0] = socket(AF_INET, SOCK_STREAM, 0);
	if (listen(l, 8) || sv[0] < 0 || connect(sv[0], (struct sockaddr *)&a, sizeof(a)) ||
	    (sv[1] = accept(l, NULL, NULL)) < 0) {
		*why = ulib_errname(errno);
		close(l);
		return -1;
	}
	close(l);
	setsockopt(sv[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(sv[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return 0;
}

static uint64_t run_tcp_pingpong(long ops, const char **why)
{
	int sv[2];
	uint64_t t0;

	if (tcp_pair(sv, why))
		return 0;
	t0 = byte_pingpong(sv[0], sv[0], sv[1], sv[1], false, ops, "tcp ping-pong");
	close(sv[0]);
	close(sv[1]);
	return t0;
}

/* TCP bandwidth: the child writes ops MiB in 64 KiB writes, the parent reads them; per MiB. */
static uint64_t run_tcp_bandwidth(long ops, const char **why)
{
	static char buf[65536];
	int sv[2];
	uint64_t t0;
	pid_t pid;

	if (tcp_pair(sv, why))
		return 0;
	pid = xfork();
	if (pid == 0) {
		close(sv[0]);
		for (long i = 0; i < ops * 16; i++)
			if (write(sv[1], buf, sizeof(buf)) != (ssize_t)sizeof(buf))
				_exit(1);
		_exit(0);
	}
	close(sv[1]);
	t0 = ulib_now_ns();
	for (long i = 0; i < ops * 16; i++)
		if (read_full(sv[0], buf, sizeof(buf)))
			die("tcp bandwidth");
	t0 = ulib_now_ns() - t0;
	xwait(pid);
	close(sv[0]);
	return t0;
}

/* connect+accept+close of a loopback connection: what limits a server's accept rate. */
static uint64_t run_tcp_connect(long ops, const char **why)
{
	struct sockaddr_in a;
	int l = lo_socket(SOCK_STREAM, &a, why);
	uint64_t t0;

	if (l < 0 || listen(l, 128)) {
		*why = *why ? *why : ulib_errname(errno);
		return 0;
	}
	t0 = ulib_now_ns();
	for (long i = 0; i < ops; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0), s;

		if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)) ||
		    (s = accept(l, NULL, NULL)) < 0)
			die("tcp connect");
		close(s);
		close(c);
	}
	t0 = ulib_now_ns() - t0;
	close(l);
	return t0;
}

static const struct metric metrics[] = {
	{ "getppid (null syscall)", 20000, run_getppid },
	{ "getpid", 20000, run_getpid },
	{ "stat(/bin/true)", 20000, run_stat },
	{ "clock_gettime(MONOTONIC)", 20000, run_clock_gettime },
	{ "fork+exit+wait", 50, run_fork_exit },
	{ "fork+execve(/bin/true)+wait", 20, run_fork_exec },
	{ "pipe ping-pong round trip", 2000, run_pipe_pingpong },
	{ "pipe 64 KiB write+read (bandwidth)", 256, run_pipe_bandwidth },
	{ "pthread create+join", 200, run_thread_create },
	{ "futex ping-pong round trip", 2000, run_futex_pingpong },
	{ "signal round trip (kill self, handler, sigreturn)", 5000, run_signal_roundtrip },
	{ "sigreturn alone (a hand-built frame)", 5000, run_sigreturn },
	{ "sched_yield, 100 threads on 1 CPU", 20000, run_sched_100 },
	{ "page fault, demand-zero (per page)", 4096, run_fault_zero },
	{ "page fault, COW break (per page)", 4096, run_cow_break },
	{ "fork+exit+wait, 64 MiB touched", 10, run_fork_64m },
	{ "mmap+munmap 1 MiB", 2000, run_mmap_munmap },
	{ "memcpy 1 MiB in user space (per MiB)", 64, run_memcpy },
	/* files (in the scratch directory) */
	{ "file write 64 MiB seq (per MiB)", FILE_MIB, run_file_write },
	{ "file read 64 MiB seq (per MiB)", FILE_MIB, run_file_read },
	{ "file 4 KiB random pread", 2000, run_file_random_read },
	{ "file create+write 4K+close+unlink", 500, run_file_create },
	{ "ls -l 10,000 entries (per listing)", 1, run_file_ls },
	/* System V IPC */
	{ "SysV msg round trip, 8 bytes", 2000, run_msg_small },
	{ "SysV msg round trip, 4 KiB", 1000, run_msg_4k },
	{ "SysV semaphore ping-pong round trip", 2000, run_sem_pingpong },
	{ "SysV shmget+shmat+touch 1 MiB+shmdt+rmid", 100, run_shm_1m },
	{ "UDP loopback round trip, 1 byte", 2000, run_udp_pingpong },
	{ "TCP loopback round trip, 1 byte", 2000, run_tcp_pingpong },
	{ "TCP loopback 64 KiB writes (per MiB)", 64, run_tcp_bandwidth },
	{ "TCP loopback connect+accept+close", 200, run_tcp_connect },
};

#define NMETRICS (sizeof(metrics) / sizeof(metrics[0]))
#define MAX_RUNS 101

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void bench_one(const struct metric *m, int runs)
{
	uint64_t t[MAX_RUNS];
	const char *why = NULL;

	for (int r = 0; r < runs; r++) {
		t[r] = m->run(m->ops, &why);
		if (why) {
			ulib_print(1, "bench: %-36s not available (%s)\n", m->name, why);
			return;
		}
	}
	qsort(t, (size_t)runs, sizeof(t[0]), cmp_u64);
	ulib_print(1, "bench: %-36s %10.3f us  (min %.3f, max %.3f, %d runs of %ld ops)\n", m->name,
		   t[runs / 2] / 1e3 / (double)m->ops, t[0] / 1e3 / (double)m->ops,
		   t[runs - 1] / 1e3 / (double)m->ops, runs, m->ops);
}

static int wanted(const struct metric *m, char **subs, int n)
{
	if (n == 0)
		return 1;
	for (int i = 0; i < n; i++)
		if (strstr(m->name, subs[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int runs = 7, list = 0, c;

	while ((c = getopt(argc, argv, "n:r:d:l")) != -1) {
		switch (c) {
		case 'n': runs = atoi(optarg); break;
		case 'r': root = optarg; break;
		case 'd': scratch = optarg; break;
		case 'l': list = 1; break;
		default:
			ulib_print(2, "usage: bench [-n RUNS] [-r ROOT] [-d DIR] [-l] [SUBSTR...]\n");
			return 2;
		}
	}
	if (runs < 1 || runs > MAX_RUNS) {
		ulib_print(2, "bench: -n takes 1..%d\n", MAX_RUNS);
		return 2;
	}
	if (strcmp(root, "/") == 0)
		root = "";
	if (!scratch) {
		static char tmp[512];

		snprintf(tmp, sizeof(tmp), "%s/tmp", root);
		scratch = tmp;
	}
	if (!list)
		ulib_print(1, "bench: median of %d runs, microseconds per operation "
			      "(CLOCK_MONOTONIC)\n", runs);
	for (size_t i = 0; i < NMETRICS; i++) {
		if (!wanted(&metrics[i], argv + optind, argc - optind))
			continue;
		if (list)
			ulib_print(1, "%s\n", metrics[i].name);
		else
			bench_one(&metrics[i], runs);
	}
	return 0;
}

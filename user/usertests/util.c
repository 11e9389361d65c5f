/*
 * usertests: helpers for tests -- reporting, processes, files, CPUs
 * (interface and contracts in usertests.h).
 *
 * Reporting goes through ulib_print (one write(2) per line) so lines from
 * concurrent processes never interleave mid-line on the console.
 */
#include "usertests.h"

#include <dirent.h>
#include <netinet/in.h>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char note[256];

static const char *base_name(const char *file)
{
	const char *slash = strrchr(file, '/');

	return slash ? slash + 1 : file;
}

/* A result is one line: control characters become '|'. */
static void one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			*s = '|';
}

void ut_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[700];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "%s:%d: ", base_name(file), line);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	one_line(msg);
	if (getpid() == ut.pid) {
		ulib_print(1, "%s: FAIL (%s)\n", ut.name, msg);
		_exit(UT_EXIT_FAIL);
	}
	/* A child of the test: the first failing child's message wins. */
	if (ut.shared && ut.shared[0] == 0)
		snprintf(ut.shared, UT_SHARED_SIZE, "%s (in pid %d)", msg, getpid());
	else
		ulib_print(2, "usertests: %s: in pid %d: %s\n", ut.name, getpid(), msg);
	_exit(UT_EXIT_CHILD);
}

void ut_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(note, sizeof(note), fmt, ap);
	va_end(ap);
}

void ut_pass(void)
{
	if (getpid() != ut.pid) {
		/* A forked child fell off the end of the test function. */
		ut_fail(__FILE__, __LINE__, "a child of the test returned from the test function");
	}
	if (note[0])
		ulib_print(1, "%s: OK -- %s\n", ut.name, note);
	else
		ulib_print(1, "%s: OK\n", ut.name);
	_exit(UT_EXIT_PASS);
}

void ut_host_skip(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!ut.host || getpid() != ut.pid)
		ut_fail(__FILE__, __LINE__, "%s", msg);
	ulib_print(1, "%s: SKIP (host: %s)\n", ut.name, msg);
	_exit(UT_EXIT_SKIP);
}

/* ------------------------------------------------------------ processes */

pid_t ut_fork(void)
{
	pid_t pid = fork();

	if (pid < 0)
		FAIL("fork: %s", ulib_errname(errno));
	return pid;
}

int ut_wait(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid)
		FAIL("waitpid(%d) = %d: %s", pid, r, ulib_errname(errno));
	return status;
}

void ut_describe_status(int status, char *buf, size_t size)
{
	if (status == -1)
		snprintf(buf, size, "was lost (waitpid failed)");
	else if (WIFEXITED(status))
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "was killed by signal %d (SIG%s)", WTERMSIG(status),
			 sigabbrev_np(WTERMSIG(status)) ? sigabbrev_np(WTERMSIG(status)) : "?");
	else
		snprintf(buf, size, "changed state (status 0x%x)", status);
}

void ut_wait_ok(pid_t pid)
{
	int status = ut_wait(pid);
	char how[96];

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	if (WIFEXITED(status) && WEXITSTATUS(status) == UT_EXIT_CHILD && ut.shared &&
	    ut.shared[0])
		FAIL("child %d: %s", pid, ut.shared);
	ut_describe_status(status, how, sizeof(how));
	FAIL("child %d %s", pid, how);
}

int ut_run_child(void (*fn)(void *), void *arg)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return ut_wait(pid);
}

void ut_run_ok(void (*fn)(void *), void *arg)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	ut_wait_ok(pid);
}

void ut_check_signaled(int status, int sig, const char *what)
{
	char how[96];

	if (WIFSIGNALED(status) && WTERMSIG(status) == sig)
		return;
	ut_describe_status(status, how, sizeof(how));
	FAIL("%s: expected the child to be killed by signal %d (SIG%s), but it %s", what, sig,
	     sigabbrev_np(sig), how);
}

int ut_spawn(const char *path, char *const argv[], char *const envp[], const char *out_path)
{
	pid_t pid;

	fflush(NULL);
	pid = ut_fork();
	if (pid == 0) {
		if (out_path) {
			int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

			if (fd < 0 || dup2(fd, 1) != 1)
				_exit(126);
			close(fd);
		}
		execve(path, argv, envp);
		_exit(127);
	}
	return ut_wait(pid);
}

/* ------------------------------------------------------------ files, memory, CPUs */

const char *ut_path(const char *path)
{
	static char bufs[8][512];
	static int next;
	char *buf = bufs[next++ % 8];

	snprintf(buf, sizeof(bufs[0]), "%s%s", ut.root, path);
	return buf;
}

char *ut_read_file(const char *path, size_t *len)
{
	int fd = (int)CHECK_SYS(open(path, O_RDONLY | O_CLOEXEC));
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	ssize_t r;

	CHECK(buf != NULL);
	while ((r = read(fd, buf + n, cap - n)) > 0) {
		n += (size_t)r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
			CHECK(buf != NULL);
		}
	}
	if (r < 0)
		FAIL("read %s: %s", path, ulib_errname(errno));
	close(fd);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

void *ut_map_shared(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		FAIL("mmap(MAP_SHARED|MAP_ANONYMOUS, %zu): %s", size, ulib_errname(errno));
	return p;
}

int ut_pin_to_one_cpu(void)
{
	cpu_set_t set;
	int cpu;

	CHECK_SYS(sched_getaffinity(0, sizeof(set), &set));
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			break;
	CHECK(cpu < CPU_SETSIZE);
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	CHECK_SYS(sched_setaffinity(0, sizeof(set), &set));
	return cpu;
}

void ut_spin_ns(uint64_t ns)
{
	uint64_t end = ulib_now_ns() + ns;

	while (ulib_now_ns() < end)
		;
}

void ut_read_all(int fd, void *buf, size_t n)
{
	char *p = buf;

	while (n) {
		ssize_t r = read(fd, p, n);

		if (r <= 0)
			FAIL("read: %zd (%s)", r, ulib_errname(errno));
		p += r;
		n -= (size_t)r;
	}
}

void ut_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			FAIL("write: %zd (%s)", w, ulib_errname(errno));
		p += w;
		n -= (size_t)w;
	}
}

void ut_sockaddr_in(struct sockaddr_in *a, uint32_t host_addr, uint16_t port)
{
	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_port = htons(port);
	a->sin_addr.s_addr = htonl(host_addr);
}

void ut_close_rst(int fd)
{
	struct linger lg = { 1, 0 };

	CHECK_SYS(setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	CHECK_SYS(close(fd));
}

int ut_nr_open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		FAIL("opendir /proc/self/fd: %s", ulib_errname(errno));
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;   /* the directory's own descriptor */
}

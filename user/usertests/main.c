/*
 * usertests: the runner. Runs each selected test in a forked child, one
 * result line per test, then a summary line (docs/usertests.md).
 *
 *   usertests [-q] [-l] [-H] [-P] [-r ROOT] [-s DIR] [-T SCALE] [SUBSTR...]
 *
 *   -q        quick group only (skip tests marked UT_SLOW)
 *   -l        list the selected tests ("name quick|slow [host: reason]")
 *   -H        host mode: running under qemu-user on Linux; skip tests
 *             marked host-inapplicable, and exec-tests if the host cannot
 *             exec riscv64 programs (no binfmt_misc entry)
 *   -P        run pending tests (UTEST_PENDING) in the guest too; without
 *             it they print `SKIP name: pending: reason` (the host runs them)
 *   -r ROOT   prefix of the initramfs' paths (/bin/..., /tmp); default "/"
 *   -s DIR    scratch directory for file tests (default ROOT/tmp); each
 *             test gets DIR/<name>, removed after the test
 *   -T SCALE  multiply every timeout by SCALE (default 1)
 *   SUBSTR    run only tests whose name contains one of the SUBSTRs
 *
 * Output: `usertests: PASS name[ -- note]`, `usertests: FAIL name: reason`,
 * `usertests: SKIP name: host: reason` (only with -H),
 * `usertests: SKIP name: pending: reason` (guest without -P), `usertests: SKIP
 * name: no /proc` (a UT_NEEDS_PROC test while /proc is not mounted), and at the end
 * `usertests: N passed, M failed[, K skipped]`. Exit status 0 iff M == 0.
 *
 * Timeouts: the runner polls waitpid(WNOHANG) with short sleeps (no alarm
 * needed) and, past a test's limit (30 s quick, 300 s slow, times SCALE),
 * reports it as timed out and tries kill(SIGKILL); if that fails too (a
 * kernel without kill) it leaves the child behind and goes on.
 */
#include "usertests.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define QUICK_TIMEOUT_S 30
#define SLOW_TIMEOUT_S 300

extern const struct utest __start_utests[], __stop_utests[];

struct ut_state ut = { .root = "" };

struct options {
	int quick, list, pending;
	double scale;
	char **substrs;
	int nsubstrs;
};

static int by_name(const void *a, const void *b)
{
	const struct utest *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static int selected(const struct utest *t, const struct options *o)
{
	if (o->quick && (t->flags & UT_SLOW))
		return 0;
	if (o->nsubstrs == 0)
		return 1;
	for (int i = 0; i < o->nsubstrs; i++)
		if (strstr(t->name, o->substrs[i]))
			return 1;
	return 0;
}

static void usage(void)
{
	ulib_print(2, "usage: usertests [-q] [-l] [-H] [-P] [-r ROOT] [-s DIR] [-T SCALE] "
		      "[SUBSTR...]\n");
	exit(2);
}

static void parse_options(int argc, char **argv, struct options *o)
{
	int c;

	o->scale = 1.0;
	while ((c = getopt(argc, argv, "qlHPr:s:T:")) != -1) {
		switch (c) {
		case 'q': o->quick = 1; break;
		case 'l': o->list = 1; break;
		case 'H': ut.host = 1; break;
		case 'P': o->pending = 1; break;
		case 's': ut.scratch = optarg; break;
		case 'r':
			ut.root = optarg;
			if (strcmp(ut.root, "/") == 0)
				ut.root = "";
			break;
		case 'T':
			o->scale = strtod(optarg, NULL);
			if (o->scale <= 0)
				usage();
			break;
		default: usage();
		}
	}
	o->substrs = argv + optind;
	o->nsubstrs = argc - optind;
	if (!ut.scratch) {
		static char tmp[512];

		snprintf(tmp, sizeof(tmp), "%s/tmp", ut.root);
		ut.scratch = tmp;
	}
}

/* Host mode: can this host exec a riscv64 program (binfmt_misc)? */
static int probe_host_exec(void)
{
	char *argv[] = { "true", NULL };
	char *envp[] = { NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 0;
	if (pid == 0) {
		execve(ut_path("/bin/true"), argv, envp);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Wait for pid for at most timeout_ns; 1 and the status, or 0 on timeout. */
static int wait_with_timeout(pid_t pid, uint64_t timeout_ns, int *status)
{
	uint64_t deadline = ulib_now_ns() + timeout_ns;
	uint64_t nap = 1000000;

	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return 1;
		if (r < 0 && errno != EINTR) {
			ulib_print(2, "usertests: waitpid(%d): %s\n", pid, ulib_errname(errno));
			*status = -1;
			return 1;
		}
		if (ulib_now_ns() >= deadline)
			return 0;
		ulib_sleep_ns(nap);
		if (nap < 50000000)
			nap *= 2;
	}
}

static void run_in_child(const struct utest *t)
{
	ut.name = t->name;
	ut.pid = getpid();
	t->fn();
	ut_pass();
}

/* Run one test; returns 1 pass, 0 fail, -1 skip. */
static int run_one(const struct utest *t, double scale)
{
	int limit = (t->flags & UT_SLOW) ? SLOW_TIMEOUT_S : QUICK_TIMEOUT_S;
	uint64_t timeout = (uint64_t)(limit * scale * ULIB_NSEC_PER_SEC);
	char how[128];
	int status;
	pid_t pid;

	if (ut.shared)
		memset(ut.shared, 0, UT_SHARED_SIZE);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		ulib_print(1, "usertests: FAIL %s: fork: %s\n", t->name, ulib_errname(errno));
		return 0;
	}
	if (pid == 0)
		run_in_child(t);
	if (!wait_with_timeout(pid, timeout, &status)) {
		if (kill(pid, SIGKILL) == 0 && waitpid(pid, &status, 0) == pid)
			snprintf(how, sizeof(how), "killed");
		else
			snprintf(how, sizeof(how), "could not kill it: %s", ulib_errname(errno));
		ulib_print(1, "usertests: FAIL %s: timed out after %.0f s (%s)\n", t->name,
			   limit * scale, how);
		return 0;
	}
	if (WIFEXITED(status)) {
		switch (WEXITSTATUS(status)) {
		case UT_EXIT_PASS: return 1;
		case UT_EXIT_FAIL: return 0;
		case UT_EXIT_SKIP: return -1;
		}
	}
	ut_describe_status(status, how, sizeof(how));
	ulib_print(1, "usertests: FAIL %s: test process %s before reporting%s%s\n", t->name, how,
		   ut.shared && ut.shared[0] ? ": " : "", ut.shared ? ut.shared : "");
	return 0;
}

static void list_tests(const struct utest **tests, int n)
{
	for (int i = 0; i < n; i++) {
		const struct utest *t = tests[i];

		ulib_print(1, "%s %s%s%s%s%s\n", t->name, (t->flags & UT_SLOW) ? "slow" : "quick",
			   t->nohost ? " host-inapplicable: " : "", t->nohost ? t->nohost : "",
			   t->pending ? " pending: " : "", t->pending ? t->pending : "");
	}
}

/*
 * After a test: remove its scratch directory (ut_scratch_dir), if any. In
 * a child: the directory walk mallocs (opendir), and memory the runner's
 * heap keeps would show as a leak in mem_leak_check.
 */
static void remove_scratch(const struct utest *t)
{
	char path[1024];
	struct stat st;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", ut.scratch, t->name);
	if (lstat(path, &st) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		if (ut_remove_tree(path) != 0)
			ulib_print(2, "usertests: %s: cannot remove %s: %s\n", t->name, path,
				   ulib_errname(errno));
		_exit(0);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
}

/* Decide whether t runs here; prints its SKIP line if not. 1 run, 0 skip. */
static int have_proc;   /* stat("/proc/self") worked at start */

static int runnable(const struct utest *t, const struct options *o)
{
	if (ut.host && t->nohost) {
		ulib_print(1, "usertests: SKIP %s: host: %s\n", t->name, t->nohost);
		return 0;
	}
	if (ut.host && !ut.host_exec && (t->flags & UT_EXEC)) {
		ulib_print(1, "usertests: SKIP %s: host: cannot exec riscv64 programs here "
			   "(no binfmt_misc entry for qemu-riscv64)\n", t->name);
		return 0;
	}
	if (!ut.host && !o->pending && (t->flags & UT_PENDING)) {
		ulib_print(1, "usertests: SKIP %s: pending: %s\n", t->name, t->pending);
		return 0;
	}
	if ((t->flags & UT_NEEDS_PROC) && !have_proc) {
		ulib_print(1, "usertests: SKIP %s: no /proc\n", t->name);
		return 0;
	}
	return 1;
}

static int collect(const struct utest **out, const struct options *o)
{
	int n = 0;

	for (const struct utest *t = __start_utests; t < __stop_utests; t++)
		if (selected(t, o))
			out[n++] = t;
	qsort(out, (size_t)n, sizeof(*out), by_name);
	return n;
}

/*
 * The whole-suite leak check (mem_leak_check): the kernel's free memory
 * (sysinfo's freeram, which Kestrel reports exactly: per-CPU caches are
 * drained first) must be the same before the first test and after the
 * last, once every child is reaped. Runs only for a whole-group run (no
 * name filter), and not on the host, where other programs run too.
 * Returns 1 pass, 0 fail, -1 skipped, -2 not run.
 */
static unsigned long leak_free_before;
static int leak_state;   /* 0 not run, 1 measuring, -1 skip */

/*
 * Free memory with the kernel's caches emptied: sync, then drop the page
 * cache and the unused dentries (/proc/sys/vm/drop_caches, if /proc is
 * there), so that what tests left cached does not count as a leak. 0 or -1.
 */
static int free_memory_settled(unsigned long *bytes)
{
	struct sysinfo si;
	int fd;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "3", 1) != 1)
			ulib_print(1, "usertests: note: drop_caches: %s\n", ulib_errname(errno));
		close(fd);
	}
	if (sysinfo(&si) != 0)
		return -1;
	*bytes = si.freeram * si.mem_unit;
	return 0;
}

static void leak_check_begin(const struct options *o, int n)
{
	if (o->nsubstrs || n == 0)
		return;
	if (ut.host) {
		leak_state = -1;
		return;
	}
	if (ut.shared)
		memset(ut.shared, 0, UT_SHARED_SIZE);   /* its page exists from now on */
	if (free_memory_settled(&leak_free_before) == 0)
		leak_state = 1;
}

static int leak_check_end(const struct options *o, int n)
{
	unsigned long after;
	long diff;

	(void)o;
	(void)n;
	if (leak_state == -1) {
		ulib_print(1, "usertests: SKIP mem_leak_check: host: other programs share the memory\n");
		return -1;
	}
	if (leak_state != 1)
		return -2;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (free_memory_settled(&after) != 0) {
		ulib_print(1, "usertests: FAIL mem_leak_check: sysinfo: %s\n", ulib_errname(errno));
		return 0;
	}
	diff = (long)after - (long)leak_free_before;
	if (diff != 0) {
		ulib_print(1, "usertests: FAIL mem_leak_check: free memory %lu KiB before the suite, "
			   "%lu KiB after (%+ld KiB)\n", leak_free_before / 1024, after / 1024,
			   diff / 1024);
		return 0;
	}
	ulib_print(1, "usertests: PASS mem_leak_check -- %lu KiB free before and after\n",
		   leak_free_before / 1024);
	return 1;
}

int main(int argc, char **argv)
{
	static const struct utest *tests[1024];
	struct options o = { 0 };
	int n, passed = 0, failed = 0, skipped = 0;
	struct stat proc_st;

	parse_options(argc, argv, &o);
	if (__stop_utests - __start_utests > (long)(sizeof(tests) / sizeof(tests[0])))
		return 2;
	n = collect(tests, &o);
	if (o.list) {
		list_tests(tests, n);
		return 0;
	}
	ut.ncpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	ut.host_exec = ut.host ? probe_host_exec() : 1;
	ut.shared = mmap(NULL, UT_SHARED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			 -1, 0);
	if (ut.shared == MAP_FAILED)
		ut.shared = NULL;
	ulib_print(1, "usertests: %d tests%s%s%s, root %s, scratch %s, %d cpus\n", n,
		   o.quick ? " (quick)" : "", ut.host ? " (host mode)" : "",
		   o.pending ? " (pending too)" : "", ut.root[0] ? ut.root : "/", ut.scratch,
		   ut.ncpus);
	have_proc = stat("/proc/self", &proc_st) == 0;
	leak_check_begin(&o, n);
	for (int i = 0; i < n; i++) {
		const struct utest *t = tests[i];
		int r;

		if (runnable(t, &o)) {
			r = run_one(t, o.scale);
			remove_scratch(t);
		} else {
			r = -1;
		}
		passed += r == 1;
		failed += r == 0;
		skipped += r == -1;
	}
	switch (leak_check_end(&o, n)) {
	case 1: passed++; break;
	case 0: failed++; break;
	case -1: skipped++; break;
	}
	if (skipped)
		ulib_print(1, "usertests: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	else
		ulib_print(1, "usertests: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

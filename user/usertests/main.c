/*
 * usertests: the runner. Runs each selected test in a forked child, one
 * result line per test, then a summary line (docs/usertests.md).
 *
 *   usertests [-a] [-l] [-H] [-P] [-r ROOT] [-s DIR] [-T SCALE] [NAME...]
 *
 *   (none)    the quick group (tests not marked UT_SLOW)
 *   -a        all tests: quick and slow
 *   -q        the quick group (the default; kept for old command lines)
 *   -l        list the selected tests ("name quick|slow [host: reason]")
 *   -H        host mode: running under qemu-user on Linux; skip tests
 *             marked host-inapplicable, and exec-tests if the host cannot
 *             exec riscv64 programs (no binfmt_misc entry)
 *   -L        run the whole-suite leak check even with SUBSTRs (to find a leak)
 *   -n        no whole-suite leak check (a disk root: the journal and the
 *             caches of a live file system move a page or two either way)
 *   -P        run pending tests (UTEST_PENDING) in the guest too; without
 *             it they print `SKIP name: pending: reason` (the host runs them)
 *   -r ROOT   prefix of the initramfs' paths (/bin/..., /tmp); default "/"
 *   -s DIR    scratch directory for file tests (default ROOT/tmp); each
 *             test gets DIR/<name>, removed after the test
 *   -T SCALE  multiply every timeout by SCALE (default 1)
 *   NAME      run only tests whose name contains one of the NAMEs (quick
 *             and slow alike)
 *
 * Output, one line per test: `name: OK[ -- note]`, `name: FAIL (why)`,
 * `name: SKIP (host: reason)` (only with -H), `name: SKIP (pending:
 * reason)` (guest without -P), `name: SKIP (no /proc)` (a UT_NEEDS_PROC
 * test while /proc is not mounted); the last test, mem_leak_check, gives
 * the free pages before and after the suite; then `usertests: N passed,
 * M failed[, K skipped]`. Exit status 0 iff M == 0.
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
	int quick, list, pending, leak, noleak;
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
	if (o->nsubstrs == 0)
		return !(o->quick && (t->flags & UT_SLOW));   /* names choose slow tests too */
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
	o->quick = 1;
	while ((c = getopt(argc, argv, "aqlnHPLr:s:T:")) != -1) {
		switch (c) {
		case 'a': o->quick = 0; break;
		case 'n': o->noleak = 1; break;
		case 'q': o->quick = 1; break;
		case 'l': o->list = 1; break;
		case 'H': ut.host = 1; break;
		case 'P': o->pending = 1; break;
		case 'L': o->leak = 1; break;
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
		ulib_print(1, "%s: FAIL (fork: %s)\n", t->name, ulib_errname(errno));
		return 0;
	}
	if (pid == 0)
		run_in_child(t);
	if (!wait_with_timeout(pid, timeout, &status)) {
		if (kill(pid, SIGKILL) == 0 && waitpid(pid, &status, 0) == pid)
			snprintf(how, sizeof(how), "killed");
		else
			snprintf(how, sizeof(how), "could not kill it: %s", ulib_errname(errno));
		ulib_print(1, "%s: FAIL (timed out after %.0f s (%s))\n", t->name,
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
	ulib_print(1, "%s: FAIL (test process %s before reporting%s%s)\n", t->name, how,
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
		ulib_print(1, "%s: SKIP (host: %s)\n", t->name, t->nohost);
		return 0;
	}
	if (ut.host && !ut.host_exec && (t->flags & UT_EXEC)) {
		ulib_print(1, "%s: SKIP (host: cannot exec riscv64 programs here "
			   "(no binfmt_misc entry for qemu-riscv64))\n", t->name);
		return 0;
	}
	if (!ut.host && !o->pending && (t->flags & UT_PENDING)) {
		ulib_print(1, "%s: SKIP (pending: %s)\n", t->name, t->pending);
		return 0;
	}
	if ((t->flags & UT_NEEDS_PROC) && !have_proc) {
		ulib_print(1, "%s: SKIP (no /proc)\n", t->name);
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
static struct mem_snap leak_snap_before;
static int leak_have_snap;   /* /proc/vmstat readable: slab and page-table growth are accounted */
static int leak_state;   /* 0 not run, 1 measuring, -1 skip */
static void *leak_counts;   /* shared page: the suite child's counts */

/*
 * The runner's own memory must not change between the two measurements,
 * or it shows up as a leak: touch (write) every page of its data and bss
 * and 64 KiB of stack below the current frame first, so that later writes
 * by the runner find their pages already there; and read every page of
 * its program text, so that code it runs only at the end is mapped (on a
 * disk root those pages would otherwise come into the page cache during
 * the suite).
 */
extern char __data_start[], _end[], __executable_start[], etext[];

static void __attribute__((noinline)) touch_stack(void)
{
	volatile char pad[64 * 1024];

	for (size_t i = 0; i < sizeof(pad); i += 256)
		pad[i] = 0;
}

static void touch_runner_memory(void)
{
	long page = sysconf(_SC_PAGESIZE);

	for (volatile char *p = __data_start; p < _end; p += page)
		*p = *p;
	for (const volatile char *p = __executable_start; p < etext; p += page)
		(void)*p;
	touch_stack();
}
static char leak_meminfo_before[4096];   /* /proc/meminfo at the start, if readable */
static char leak_slabinfo_before[32768]; /* /proc/slabinfo at the start, if readable */
static char leak_status_before[4096];    /* the runner's own /proc/self/status */
static char leak_maps_before[4096];      /* and /proc/self/maps */
static char leak_slabinfo_measured[32768];  /* /proc/slabinfo right after the first measurement */
static char leak_slabinfo_after[32768];     /* and after the second */


/* The file path into buf (empty if it cannot be read). */
static void read_small_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n = 0;

	while (fd >= 0 && len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = 0;
	if (fd >= 0)
		close(fd);
}

static char leak_vmstat_before[4096];

/*
 * One consistent view of where the memory is, from /proc/vmstat (which
 * the kernel generates after draining the per-CPU caches): free pages,
 * slab pages, and kernel page-table pages (nr_kernel_page_table_pages, a
 * Kestrel line: the vmalloc area's tables are allocated as it grows and
 * never freed, so more processes at once than ever before leave one
 * behind -- the kernel's own self-tests count them the same way), and
 * page-cache pages (nr_file_pages) that drop_caches could not drop and
 * user page tables (nr_page_table_pages): on a disk root, processes that
 * outlive the suite (init, this runner) map more of their programs as
 * they run new code, and those pages stay cached while mapped -- state,
 * not a leak. (The radix_node slab, the cache's index, follows them.)
 */
struct mem_snap {
	long free, slab, kpt, file, upt;
};

static long vmstat_value(const char *text, const char *name)
{
	const char *p = strstr(text, name);
	long v = -1;

	if (!p || sscanf(p + strlen(name), " %ld", &v) != 1)
		return -1;
	return v;
}

static int mem_snapshot(struct mem_snap *m, char *text, size_t size)
{
	read_small_file("/proc/vmstat", text, size);
	m->free = vmstat_value(text, "nr_free_pages");
	m->slab = vmstat_value(text, "nr_slab_unreclaimable");
	m->kpt = vmstat_value(text, "nr_kernel_page_table_pages");
	m->file = vmstat_value(text, "nr_file_pages");
	m->upt = vmstat_value(text, "nr_page_table_pages");
	return m->free < 0 || m->slab < 0 || m->kpt < 0 || m->file < 0 || m->upt < 0 ? -1 : 0;
}

/* After a failed leak check: the lines of path that changed, to say where it went. */
static void print_file_diff(const char *path, const char *before)
{
	static char now[32768];
	const char *a = before;
	char *b = now;

	read_small_file(path, now, sizeof(now));
	while (*a && *b) {
		const char *ea = strchr(a, '\n');
		char *eb = strchr(b, '\n');

		if (!ea || !eb)
			break;
		if (ea - a != eb - b || memcmp(a, b, (size_t)(ea - a)))
			ulib_print(1, "usertests: note: mem_leak_check: %.*s -> %.*s\n", (int)(ea - a), a,
				   (int)(eb - b), b);
		a = ea + 1;
		b = eb + 1;
	}
}

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

/* Slab caches as /proc/slabinfo shows them: name, active objects, pages. */
struct slab_snap {
	int n;
	struct { char name[32]; unsigned long active, pages; } c[256];
};

static void slab_snapshot(const char *text, struct slab_snap *snap)
{
	const char *line = text;

	snap->n = 0;
	while (line && *line && snap->n < 256) {
		const char *sd = strstr(line, "slabdata");
		const char *eol = strchr(line, '\n');
		unsigned long active, total, act_slabs, slabs;
		char name[32];

		if (line[0] != '#' && strncmp(line, "slabinfo", 8) && sd && (!eol || sd < eol) &&
		    sscanf(line, "%31s %lu %lu", name, &active, &total) == 3 &&
		    sscanf(sd, "slabdata %lu %lu", &act_slabs, &slabs) == 2) {
			strcpy(snap->c[snap->n].name, name);
			snap->c[snap->n].active = active;
			snap->c[snap->n].pages = slabs;
			snap->n++;
		}
		line = eol ? eol + 1 : NULL;
	}
}

/*
 * Slab pages the suite left in excess of the start (a slab cache cannot
 * compact: a few long-lived objects allocated during the suite may keep
 * pages that held many), and whether any cache ended with more objects in
 * use than it started with -- which is what a leaked object looks like.
 */
static long slab_pages_delta(const char *before, const char *after, int *grown)
{
	static struct slab_snap a, b;
	long delta = 0;

	slab_snapshot(before, &a);
	slab_snapshot(after, &b);
	*grown = 0;
	for (int i = 0; i < b.n; i++) {
		unsigned long pages0 = 0, active0 = 0;

		for (int j = 0; j < a.n; j++)
			if (!strcmp(a.c[j].name, b.c[i].name))
				pages0 = a.c[j].pages, active0 = a.c[j].active;
		delta += (long)b.c[i].pages - (long)pages0;
		/* The page cache's own index grows with it (accounted as page cache). */
		if (b.c[i].active > active0 && strcmp(b.c[i].name, "radix_node") != 0) {
			ulib_print(1, "usertests: note: mem_leak_check: slab %s: %lu objects in use, "
				   "%lu before\n", b.c[i].name, b.c[i].active, active0);
			*grown = 1;
		}
	}
	return delta;
}

static void leak_check_begin(const struct options *o, int n)
{
	if ((o->nsubstrs && !o->leak) || o->noleak || n == 0)
		return;
	if (ut.host) {
		leak_state = -1;
		return;
	}
	if (ut.shared)
		memset(ut.shared, 0, UT_SHARED_SIZE);   /* its page exists from now on */
	read_small_file("/proc/meminfo", leak_meminfo_before, sizeof(leak_meminfo_before));
	read_small_file("/proc/slabinfo", leak_slabinfo_before, sizeof(leak_slabinfo_before));
	leak_counts = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (leak_counts == MAP_FAILED)
		return;   /* no leak check then */
	memset(leak_counts, 0, 4096);
	touch_runner_memory();
	read_small_file("/proc/self/status", leak_status_before, sizeof(leak_status_before));
	read_small_file("/proc/self/maps", leak_maps_before, sizeof(leak_maps_before));
	/*
	 * A dry run of the whole measurement first, so that every page the
	 * runner touches to measure (code, stack, buffers, the parser) is
	 * there before the real one: the end repeats exactly these steps.
	 */
	if (free_memory_settled(&leak_free_before) == 0) {
		static char vm[4096];
		struct mem_snap m;
		int grown;

		read_small_file("/proc/slabinfo", leak_slabinfo_measured, sizeof(leak_slabinfo_measured));
		(void)slab_pages_delta(leak_slabinfo_measured, leak_slabinfo_measured, &grown);
		(void)mem_snapshot(&m, vm, sizeof(vm));
	}
	if (free_memory_settled(&leak_free_before) == 0)
		leak_state = 1;
	leak_have_snap = mem_snapshot(&leak_snap_before, leak_vmstat_before,
				      sizeof(leak_vmstat_before)) == 0;
	read_small_file("/proc/slabinfo", leak_slabinfo_measured, sizeof(leak_slabinfo_measured));
}

static int leak_check_end(const struct options *o, int n)
{
	unsigned long after;
	long diff;

	(void)o;
	(void)n;
	if (leak_state == -1) {
		ulib_print(1, "mem_leak_check: SKIP (host: other programs share the memory)\n");
		return -1;
	}
	if (leak_state != 1)
		return -2;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (free_memory_settled(&after) != 0) {
		ulib_print(1, "mem_leak_check: FAIL (sysinfo: %s)\n", ulib_errname(errno));
		return 0;
	}
	static char vm_after[4096];
	struct mem_snap snap = { 0 };
	long slab_delta = 0, kpt_delta = 0, file_delta = 0;
	int grown = 0;

	if (leak_have_snap && mem_snapshot(&snap, vm_after, sizeof(vm_after)) == 0) {
		/* Slab fragmentation and new kernel page tables are not lost... */
		slab_delta = snap.slab - leak_snap_before.slab;
		kpt_delta = snap.kpt - leak_snap_before.kpt;
		file_delta = snap.file - leak_snap_before.file;
		file_delta += snap.upt - leak_snap_before.upt;   /* their mappings in live processes */
		diff = (snap.free - leak_snap_before.free + slab_delta + kpt_delta + file_delta) *
		       (long)sysconf(_SC_PAGESIZE);
		/* ...but slab objects still in use would be. */
		read_small_file("/proc/slabinfo", leak_slabinfo_after, sizeof(leak_slabinfo_after));
		(void)slab_pages_delta(leak_slabinfo_measured, leak_slabinfo_after, &grown);
	} else {
		diff = (long)after - (long)leak_free_before;
	}
	if (diff != 0 || grown) {
		ulib_print(1, "mem_leak_check: FAIL (free pages %ld before the suite, %ld "
			   "after, slab pages %+ld, kernel page tables %+ld, page cache %+ld "
			   "(%+ld KiB unexplained%s))\n",
			   leak_have_snap ? leak_snap_before.free : (long)(leak_free_before / 4096),
			   leak_have_snap ? snap.free : (long)(after / 4096), slab_delta, kpt_delta,
			   file_delta, diff / 1024, grown ? "; objects still in use" : "");
		print_file_diff("/proc/meminfo", leak_meminfo_before);
		print_file_diff("/proc/slabinfo", leak_slabinfo_before);
		print_file_diff("/proc/self/status", leak_status_before);
		print_file_diff("/proc/self/maps", leak_maps_before);
		print_file_diff("/proc/vmstat", leak_vmstat_before);
		return 0;
	}
	if (leak_have_snap)
		ulib_print(1, "mem_leak_check: OK -- free pages %ld before, %ld after, "
			   "slab pages %+ld (fragmentation), kernel page tables %+ld; no slab cache "
			   "has more objects in use\n", leak_snap_before.free, snap.free, slab_delta,
			   kpt_delta);
	else
		ulib_print(1, "mem_leak_check: OK -- %lu KiB free before and after\n",
			   leak_free_before / 1024);
	return 1;
}

struct suite_counts {
	int passed, failed, skipped;
};

static void run_suite(const struct utest **tests, int n, const struct options *o,
		      struct suite_counts *c)
{
	for (int i = 0; i < n; i++) {
		const struct utest *t = tests[i];
		int r;

		if (runnable(t, o)) {
			r = run_one(t, o->scale);
			remove_scratch(t);
		} else {
			r = -1;
		}
		c->passed += r == 1;
		c->failed += r == 0;
		c->skipped += r == -1;
	}
}

/*
 * With the leak check on, the tests run in a child of the runner: the
 * child's own memory (its stack, heap and data as they grew over the
 * suite) is all given back when it exits, so the runner's second
 * measurement sees only what the kernel kept. Counts come back through a
 * shared page mapped before the first measurement.
 */
static void run_suite_in_child(const struct utest **tests, int n, const struct options *o,
			       int *passed, int *failed, int *skipped)
{
	struct suite_counts *c = leak_counts;
	pid_t pid;
	int status;

	memset(c, 0, sizeof(*c));
	pid = fork();
	if (pid == 0) {
		run_suite(tests, n, o, c);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		ulib_print(1, "suite: FAIL (the suite process did not finish normally)\n");
		c->failed++;
	}
	*passed = c->passed;
	*failed = c->failed;
	*skipped = c->skipped;
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
	if (leak_state == 1) {
		run_suite_in_child(tests, n, &o, &passed, &failed, &skipped);
	} else {
		struct suite_counts c = { 0 };

		run_suite(tests, n, &o, &c);
		passed = c.passed, failed = c.failed, skipped = c.skipped;
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

/*
 * usertests: /proc in Linux's formats -- the files tools parse (ps reads
 * <pid>/stat, free reads meminfo, uptime reads uptime and loadavg), pid
 * directories that come and go with processes, readdir, the self link,
 * fd/ links and their permissions, sys/kernel.
 *
 * Every test is UT_NEEDS_PROC: in a guest without /proc mounted the
 * runner skips them; on a Linux host (-H) they run against the host's
 * /proc, as qemu-user shows it (it rewrites some /proc/self files to
 * describe the emulated program).
 */
#include "usertests.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The value after "key" at the start of a line of text, or FAIL. */
static const char *field(const char *text, const char *key)
{
	size_t n = strlen(key);
	const char *p = text;

	for (;;) {
		if (!strncmp(p, key, n))
			return p + n;
		p = strchr(p, '\n');
		if (!p || !*++p)
			FAIL("no line starting \"%s\"", key);
	}
}

/* Fields 3.. of a <pid>/stat line (after "pid (comm) "): state, ppid, ... */
static void parse_stat(const char *text, int *pid, char *state, int *ppid, char *comm, size_t csz)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')');

	CHECK(open && close && close > open);
	CHECK_EQ(sscanf(text, "%d ", pid), 1);
	snprintf(comm, csz, "%.*s", (int)(close - open - 1), open + 1);
	CHECK_EQ(sscanf(close + 1, " %c %d", state, ppid), 2);
}

UTEST(procfs_self_stat, UT_NEEDS_PROC, NULL)
{
	char *text = ut_read_file("/proc/self/stat", NULL), comm[64], state;
	int pid, ppid, nfields = 0;

	parse_stat(text, &pid, &state, &ppid, comm, sizeof(comm));
	CHECK_EQ(pid, getpid());
	CHECK(strlen(comm) >= 1 && strlen(comm) <= 15);
	/* qemu-user rewrites /proc/self/stat and leaves the state field "0". */
	if (!ut.host)
		CHECK_EQ(state, 'R');
	/* 52 fields (Linux >= 5.x): after the comm, 50 more numbers. */
	for (char *p = strrchr(text, ')') + 1; *p && *p != '\n'; p++)
		nfields += *p == ' ';
	CHECK(nfields >= 42);
	free(text);
}

UTEST(procfs_self_status, UT_NEEDS_PROC, NULL)
{
	char *text = ut_read_file("/proc/self/status", NULL);
	unsigned int uid[4];

	CHECK(!strncmp(text, "Name:\t", 6));
	CHECK_EQ(atoi(field(text, "Pid:\t")), getpid());
	CHECK_EQ(atoi(field(text, "Tgid:\t")), getpid());
	CHECK_EQ(atoi(field(text, "PPid:\t")), getppid());
	CHECK_EQ(sscanf(field(text, "Uid:\t"), "%u %u %u %u", &uid[0], &uid[1], &uid[2], &uid[3]), 4);
	CHECK_EQ(uid[0], getuid());
	CHECK_EQ(uid[1], geteuid());
	CHECK(!strncmp(field(text, "State:\t"), "R (running)", 11));
	CHECK(atoi(field(text, "Threads:\t")) >= 1);
	free(text);
}

UTEST(procfs_meminfo, UT_NEEDS_PROC, NULL)
{
	char *text = ut_read_file("/proc/meminfo", NULL);
	unsigned long total, freekb, avail;
	struct sysinfo si;

	/* "MemTotal:" padded to 16 columns, the number right-aligned in 8, " kB". */
	CHECK(!strncmp(text, "MemTotal:       ", 16));
	CHECK_EQ(sscanf(text, "MemTotal: %lu kB", &total), 1);
	CHECK_EQ(sscanf(field(text, "MemFree:"), " %lu kB", &freekb), 1);
	CHECK_EQ(sscanf(field(text, "MemAvailable:"), " %lu kB", &avail), 1);
	CHECK(freekb <= total && avail <= total && total > 0);
	CHECK_SYS(sysinfo(&si));
	CHECK_EQ(total, (unsigned long)(si.totalram * si.mem_unit / 1024));
	field(text, "Cached:");
	field(text, "SwapTotal:");
	field(text, "Hugepagesize:");
	free(text);
}

UTEST(procfs_uptime_loadavg, UT_NEEDS_PROC, NULL)
{
	char *up = ut_read_file("/proc/uptime", NULL), *la = ut_read_file("/proc/loadavg", NULL);
	double a, b, l1, l5, l15;
	int running, total, last;

	CHECK_EQ(sscanf(up, "%lf %lf", &a, &b), 2);
	CHECK(a > 0 && b >= 0);
	CHECK(strchr(up, '.') && up[strlen(up) - 1] == '\n');
	CHECK_EQ(sscanf(la, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &total, &last), 6);
	CHECK(running >= 1 && total >= running && last > 0);
	free(up);
	free(la);
}

UTEST(procfs_stat_cpu, UT_NEEDS_PROC, NULL)
{
	char *text = ut_read_file("/proc/stat", NULL);
	unsigned long long v[10];
	char name[16];
	int cpus = 0;

	CHECK(!strncmp(text, "cpu  ", 5));
	CHECK_EQ(sscanf(text, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
			&v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]), 10);
	for (char *p = strchr(text, '\n') + 1; !strncmp(p, "cpu", 3); p = strchr(p, '\n') + 1) {
		CHECK_EQ(sscanf(p, "%15s", name), 1);
		CHECK_EQ(atoi(name + 3), cpus);
		cpus++;
	}
	CHECK(cpus >= 1);
	field(text, "ctxt ");
	field(text, "btime ");
	field(text, "procs_running ");
	free(text);
}

UTEST(procfs_readdir_self, UT_NEEDS_PROC, NULL)
{
	char want[32], link[64];
	int found_self = 0, found_pid = 0, fd = CHECK_SYS(open("/", O_RDONLY | O_DIRECTORY));
	DIR *d = opendir("/proc");
	struct dirent *de;
	ssize_t n;

	CHECK(d != NULL);
	snprintf(want, sizeof(want), "%d", getpid());
	while ((de = readdir(d)) != NULL) {
		found_self |= !strcmp(de->d_name, "self") && de->d_type == DT_LNK;
		found_pid |= !strcmp(de->d_name, want) && de->d_type == DT_DIR;
	}
	closedir(d);
	CHECK(found_self && found_pid);
	n = CHECK_SYS(readlink("/proc/self", link, sizeof(link)));
	CHECK_EQ(n, strlen(want));
	CHECK(!memcmp(link, want, (size_t)n));
	/* The new descriptor is in fd/ and names "/". */
	snprintf(want, sizeof(want), "/proc/self/fd/%d", fd);
	n = CHECK_SYS(readlink(want, link, sizeof(link)));
	CHECK(n == 1 && link[0] == '/');
	CHECK_SYS(close(fd));
	CHECK_ERR(readlink(want, link, sizeof(link)), ENOENT);
}

/* A child's directory exists while it does: stat says S/R and its parent; gone once reaped. */
UTEST(procfs_pid_lifetime, UT_NEEDS_PROC, NULL)
{
	char path[64], comm[64], state, *text;
	int pid2, ppid;
	pid_t pid = ut_fork();
	struct stat st;

	if (pid == 0) {
		for (;;)
			usleep(100000);
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	text = ut_read_file(path, NULL);
	parse_stat(text, &pid2, &state, &ppid, comm, sizeof(comm));
	free(text);
	CHECK_EQ(pid2, pid);
	CHECK_EQ(ppid, getpid());
	CHECK(state == 'S' || state == 'R');
	snprintf(path, sizeof(path), "/proc/%d/task/%d", (int)pid, (int)pid);
	CHECK_SYS(stat(path, &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_SYS(kill(pid, SIGKILL));
	ut_wait(pid);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	CHECK_ERR(stat(path, &st), ENOENT);
}

UTEST(procfs_fd_permission, UT_NEEDS_PROC, NULL)
{
	pid_t pid;
	int status;

	if (geteuid() != 0)
		ut_host_skip("needs root to become another user");
	pid = ut_fork();
	if (pid == 0) {
		char path[64];
		DIR *d;

		/* pid 1's fd/ belongs to root: a plain user gets EACCES. */
		CHECK_SYS(setgid(1000));
		CHECK_SYS(setuid(1000));
		d = opendir("/proc/1/fd");
		if (d || errno != EACCES)
			_exit(3);
		snprintf(path, sizeof(path), "/proc/%d/fd", (int)getpid());
		d = opendir(path);   /* its own: allowed */
		if (!d)
			_exit(4);
		closedir(d);
		_exit(0);
	}
	status = ut_wait(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

UTEST(procfs_sys_kernel, UT_NEEDS_PROC, NULL)
{
	char *ostype = ut_read_file("/proc/sys/kernel/ostype", NULL);
	char *rel = ut_read_file("/proc/sys/kernel/osrelease", NULL);
	char *pidmax = ut_read_file("/proc/sys/kernel/pid_max", NULL);
	char *ver = ut_read_file("/proc/version", NULL);
	struct utsname u;

	CHECK_SYS(uname(&u));
	CHECK(!strcmp(ostype, "Linux\n"));
	CHECK(!strncmp(rel, u.release, strlen(u.release)) && rel[strlen(u.release)] == '\n');
	CHECK(atoi(pidmax) >= 32768);
	CHECK(!strncmp(ver, "Linux version ", 14));
	free(ostype);
	free(rel);
	free(pidmax);
	free(ver);
}

UTEST(procfs_self_maps, UT_NEEDS_PROC, NULL)
{
	size_t len = 5 * 4096;
	char *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char want[64], *text;
	int local, stack = 0;

	CHECK(m != MAP_FAILED);
	text = ut_read_file("/proc/self/maps", NULL);
	snprintf(want, sizeof(want), "%08lx-%08lx r--p 00000000 00:00 0", (unsigned long)m,
		 (unsigned long)m + len);
	CHECK(strstr(text, want) != NULL);
	for (char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		unsigned long lo, hi;

		if (sscanf(p, "%lx-%lx", &lo, &hi) == 2 && lo <= (unsigned long)&local &&
		    (unsigned long)&local < hi)
			stack = !strncmp(strchr(p, ' ') + 1, "rw", 2);
	}
	CHECK(stack);
	CHECK(strstr(text, "[stack]") != NULL);
	free(text);
	CHECK_SYS(munmap(m, len));
}

UTEST(procfs_self_cmdline, UT_NEEDS_PROC, NULL)
{
	size_t len;
	char *text = ut_read_file("/proc/self/cmdline", &len);
	const char *base;

	/* NUL-separated argv; argv[0] is the usertests program. */
	CHECK(len > 0 && text[len - 1] == 0);
	base = strrchr(text, '/') ? strrchr(text, '/') + 1 : text;
	CHECK(!strcmp(base, "usertests"));
	free(text);
}

/*
 * `echo 3 > /proc/sys/vm/drop_caches` as a shell does it (O_TRUNC, which
 * a /proc file ignores); on a disk file system the clean pages of a file
 * that was read are gone afterwards (mincore), including pages the read
 * marked referenced.
 */
UTEST(procfs_drop_caches, UT_NEEDS_PROC, "would drop the host's own caches")
{
	static char buf[16 * 4096];
	unsigned char vec[16];
	struct statfs sfs;
	void *m;
	int fd, dc;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
	memset(buf, 'd', sizeof(buf));
	CHECK_EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	CHECK_SYS(fsync(fd));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), (long)sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), (long)sizeof(buf));   /* referenced now */
	CHECK_SYS(fstatfs(fd, &sfs));
	m = mmap(NULL, sizeof(buf), PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	/* A page locked at that moment (the writeback thread looking) is skipped, as on Linux. */
	for (int tries = 0; tries < 5; tries++) {
		dc = (int)CHECK_SYS(open("/proc/sys/vm/drop_caches", O_WRONLY | O_CREAT | O_TRUNC, 0644));
		CHECK_EQ(write(dc, "3\n", 2), 2);
		CHECK_SYS(close(dc));
		CHECK_SYS(mincore(m, sizeof(buf), vec));
		if (memchr(vec, 1, sizeof(vec)) == NULL)
			break;
	}
	if (sfs.f_type == 0xEF53) {   /* ext2/ext3: clean pages can go */
		for (int i = 0; i < 16; i++)
			if (vec[i] & 1)
				FAIL("page %d of a clean, read file is still cached after drop_caches", i);
	} else {
		ut_note("scratch is not on a disk file system (f_type %#lx): residency not checked",
			(unsigned long)sfs.f_type);
	}
	CHECK_EQ(pread(fd, buf, 4096, 4096), 4096);
	CHECK_EQ(buf[0], 'd');
	CHECK_SYS(munmap(m, sizeof(buf)));
	CHECK_SYS(close(fd));
}

/* /proc/self/fd/0 exists (the name "0" once failed), and each fd link's mode says how it is open. */
UTEST(procfs_fd_links, UT_NEEDS_PROC, NULL)
{
	int rd = (int)CHECK_SYS(open("/dev/null", O_RDONLY));	/* not a /proc file: qemu-user fakes those */
	int p[2], saved0 = (int)CHECK_SYS(dup(0));
	struct stat st;
	char path[64];

	CHECK_SYS(pipe(p));
	CHECK_SYS(dup2(rd, 0));
	CHECK_SYS(lstat("/proc/self/fd/0", &st));
	CHECK(S_ISLNK(st.st_mode));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", rd);
	CHECK_SYS(lstat(path, &st));
	CHECK_EQ(st.st_mode & 0777, 0500);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	CHECK_SYS(lstat(path, &st));
	CHECK_EQ(st.st_mode & 0777, 0300);
	CHECK_EQ(st.st_size, 64);
	CHECK_ERR(lstat("/proc/self/fd/00", &st), ENOENT);
	CHECK_SYS(dup2(saved0, 0));
	close(saved0);
	close(rd);
	close(p[0]);
	close(p[1]);
}

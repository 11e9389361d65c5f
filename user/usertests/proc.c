/*
 * usertests: processes -- fork/exec/wait and exit statuses, exec failures
 * and `#!` scripts, orphans, process groups and sessions, credentials,
 * resource limits, uname/sysinfo/prctl/getrandom.
 */
#include "usertests.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static char *no_env[] = { NULL };

static void expect_exit(int status, int code, const char *what)
{
	char how[96];

	if (WIFEXITED(status) && WEXITSTATUS(status) == code)
		return;
	ut_describe_status(status, how, sizeof(how));
	FAIL("%s: expected exit status %d, but it %s", what, code, how);
}

/* A pid that was just in use and is free now (reaped): ESRCH for it. */
static pid_t dead_pid(void)
{
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(0);
	ut_wait(pid);
	return pid;
}

/* ------------------------------------------------------------ exit and wait */

UTEST(proc_exit_status, 0, NULL)
{
	for (int code = 0; code <= 257; code++) {
		pid_t pid = ut_fork();
		int status;

		if (pid == 0)
			_exit(code);
		status = ut_wait(pid);
		CHECK(WIFEXITED(status));
		CHECK(!WIFSIGNALED(status));
		CHECK_EQ(WEXITSTATUS(status), code & 0xff);
	}
	pid_t pid = ut_fork();

	if (pid == 0)
		exit(-1);
	expect_exit(ut_wait(pid), 255, "exit(-1)");
}

UTEST(proc_wait_nohang, 0, NULL)
{
	volatile int *go = ut_map_shared(4096);
	int status = -1;
	pid_t pid = ut_fork();

	if (pid == 0) { /* lives until the parent has looked */
		uint64_t end = ulib_now_ns() + 10 * ULIB_NSEC_PER_SEC;

		while (!__atomic_load_n(go, __ATOMIC_ACQUIRE) && ulib_now_ns() < end)
			ulib_sleep_ns(1000000);
		_exit(3);
	}
	CHECK_EQ(wait4(pid, &status, WNOHANG, NULL), 0);
	CHECK_EQ(wait4(-1, &status, WNOHANG, NULL), 0);
	CHECK_EQ(status, -1); /* untouched when nothing was reaped */
	CHECK_ERR(wait4(-1, &status, 0x100, NULL), EINVAL);
	__atomic_store_n(go, 1, __ATOMIC_RELEASE);
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	expect_exit(status, 3, "sleeping child");
	CHECK_ERR(wait4(-1, &status, WNOHANG, NULL), ECHILD);
}

UTEST(proc_wait_echild, 0, NULL)
{
	int status;

	CHECK_ERR(wait4(-1, &status, 0, NULL), ECHILD);
	CHECK_ERR(waitpid(getppid(), &status, 0), ECHILD);
	CHECK_ERR(waitpid(1, &status, 0), ECHILD);
	CHECK_ERR(waitpid(dead_pid(), &status, 0), ECHILD);
}

UTEST(proc_wait_any, 0, NULL)
{
	pid_t pids[5];
	int seen[5] = { 0 };
	int status;

	for (int i = 0; i < 5; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0)
			_exit(10 + i);
	}
	/* One by pid first, then the rest in any order. */
	CHECK_EQ(waitpid(pids[2], &status, 0), pids[2]);
	expect_exit(status, 12, "child waited for by pid");
	seen[2] = 1;
	for (int n = 0; n < 4; n++) {
		pid_t pid = (pid_t)CHECK_SYS(wait4(-1, &status, 0, NULL));
		int i;

		for (i = 0; i < 5 && pids[i] != pid; i++)
			;
		if (i == 5 || seen[i])
			FAIL("wait4(-1) returned pid %d twice or unknown", pid);
		seen[i] = 1;
		expect_exit(status, 10 + i, "child waited for with -1");
	}
	CHECK_ERR(wait4(-1, &status, 0, NULL), ECHILD);
}

UTEST(proc_fork_many, UT_SLOW, NULL)
{
	for (int i = 0; i < 1000; i++) {
		pid_t pid = fork();

		if (pid < 0)
			FAIL("fork number %d: %s", i, ulib_errname(errno));
		if (pid == 0)
			_exit(i & 0xff);
		expect_exit(ut_wait(pid), i & 0xff, "short-lived child");
	}
}

UTEST(proc_ids, 0, NULL)
{
	volatile pid_t *shared = ut_map_shared(4096);
	pid_t me = getpid(), pid;

	CHECK_EQ(gettid(), me);
	CHECK(getppid() > 0);
	CHECK(getppid() != me);
	pid = ut_fork();
	if (pid == 0) {
		shared[0] = getpid();
		shared[1] = getppid();
		shared[2] = gettid();
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_EQ(shared[0], pid);
	CHECK_EQ(shared[1], me);
	CHECK_EQ(shared[2], pid);
	CHECK_EQ(syscall(SYS_getpid), me);
}

UTEST(proc_orphan_reparent, 0, NULL)
{
	volatile int *s = ut_map_shared(4096);
	uint64_t end;
	pid_t c = ut_fork();

	if (c == 0) {
		pid_t g = fork();

		if (g == 0) {
			pid_t parent = getppid();

			s[2] = parent;
			__atomic_store_n(&s[3], 1, __ATOMIC_RELEASE);
			while (getppid() == parent)
				ulib_sleep_ns(1000000);
			s[1] = getppid();
			__atomic_store_n(&s[0], 1, __ATOMIC_RELEASE);
			_exit(0);
		}
		/* Exit only once the grandchild has looked at its parent. */
		while (g > 0 && !__atomic_load_n(&s[3], __ATOMIC_ACQUIRE))
			ulib_sleep_ns(1000000);
		_exit(g > 0 ? 0 : 1);
	}
	ut_wait_ok(c);
	end = ulib_now_ns() + 10 * ULIB_NSEC_PER_SEC;
	while (!__atomic_load_n(&s[0], __ATOMIC_ACQUIRE)) {
		if (ulib_now_ns() > end)
			FAIL("the orphan never saw its parent change (getppid() still %d)", s[2]);
		ulib_sleep_ns(1000000);
	}
	CHECK_EQ(s[2], c);
	if (ut.host) {
		/* On a host the reaper may be a subreaper, not pid 1. */
		CHECK(s[1] != c);
		ut_note("reparented to pid %d", s[1]);
	} else {
		CHECK_EQ(s[1], 1);
	}
}

/* ------------------------------------------------------------ exec */

UTEST(proc_exec_exitcode, UT_EXEC, NULL)
{
	char *a7[] = { "exitcode", "7", NULL };
	char *a0[] = { "exitcode", "0", "extra", "args", NULL };
	char *a255[] = { "exitcode", "255", NULL };
	char *t[] = { "true", NULL }, *f[] = { "false", NULL };

	expect_exit(ut_spawn(ut_path("/bin/exitcode"), a7, no_env, NULL), 7, "exitcode 7");
	expect_exit(ut_spawn(ut_path("/bin/exitcode"), a0, no_env, NULL), 0, "exitcode 0");
	expect_exit(ut_spawn(ut_path("/bin/exitcode"), a255, no_env, NULL), 255, "exitcode 255");
	expect_exit(ut_spawn(ut_path("/bin/true"), t, no_env, NULL), 0, "true");
	expect_exit(ut_spawn(ut_path("/bin/false"), f, no_env, NULL), 1, "false");
}

/* Run echoargs-like program path with argv/envp; its output. */
static char *capture(const char *path, char *const argv[], char *const envp[])
{
	char out[512], *text;

	snprintf(out, sizeof(out), "%s", ut_path("/tmp/ut-capture.out"));

	expect_exit(ut_spawn(path, argv, envp, out), 0, path);
	text = ut_read_file(out, NULL);
	unlink(out);
	return text;
}

static void expect_prefix(const char *text, const char *want, const char *what)
{
	if (strncmp(text, want, strlen(want)) != 0)
		FAIL("%s: output '%.300s' does not start with '%s'", what, text, want);
}

UTEST(proc_exec_args_env, UT_EXEC, NULL)
{
	char *argv[] = { "echoargs", "a", "b c", "", NULL };
	char *envp[] = { "X=1", "EMPTY=", NULL };
	enum { MANY = 2000 };
	char **many = calloc(MANY + 1, sizeof(char *));
	char want[256], *text;

	text = capture(ut_path("/bin/echoargs"), argv, envp);
	expect_prefix(text, "argc=4\nargv[0]=echoargs\nargv[1]=a\nargv[2]=b c\nargv[3]=\nenvc=2\n",
		      "echoargs a 'b c' ''");
	if (ut.host) { /* qemu-user 7.2 reverses the environment */
		CHECK(strstr(text, "]=X=1\n") && strstr(text, "]=EMPTY=\n"));
		ut_note("environment order not checked: qemu-user 7.2 reverses it");
	} else {
		CHECK(strstr(text, "\nenvp[0]=X=1\nenvp[1]=EMPTY=\nfds=") != NULL);
	}
	free(text);

	/* Through a symlink, and an argv spanning many pages. */
	CHECK(many != NULL);
	many[0] = "echolink";
	for (int i = 1; i < MANY; i++)
		CHECK(asprintf(&many[i], "argument-number-%d-padded-to-some-length-%040d", i, i) > 0);
	text = capture(ut_path("/bin/echolink"), many, no_env);
	snprintf(want, sizeof(want), "argc=%d\nargv[0]=echolink\nargv[1]=%s\n", MANY, many[1]);
	expect_prefix(text, want, "echolink with 2000 arguments");
	snprintf(want, sizeof(want), "argv[%d]=%s\nenvc=0\n", MANY - 1, many[MANY - 1]);
	CHECK(strstr(text, want) != NULL);
	free(text);
}

UTEST(proc_exec_fail, 0, NULL)
{
	char *argv[] = { "x", NULL };
	char *big = malloc(200 * 1024 + 1);
	char *bigv[] = { "x", big, NULL };
	int keep = 12345;

	CHECK_ERR(execve(ut_path("/bin/no-such-program"), argv, no_env), ENOENT);
	CHECK_ERR(execve(ut_path("/bin/noexec"), argv, no_env), EACCES);
	CHECK_ERR(execve(ut_path("/bin"), argv, no_env), EACCES);
	CHECK_ERR(execve(ut_path("/bin/hello/x"), argv, no_env), ENOTDIR);
	CHECK_ERR(execve(ut_path("/bin/garbage"), argv, no_env), ENOEXEC);
	CHECK(big != NULL);
	memset(big, 'x', 200 * 1024);
	big[200 * 1024] = 0;
	CHECK_ERR(execve(ut_path("/bin/true"), bigv, no_env), E2BIG); /* > MAX_ARG_STRLEN */
	/* The caller is still itself. */
	CHECK_EQ(keep, 12345);
	CHECK_EQ(big[1000], 'x');
	free(big);
}

UTEST(proc_exec_script, UT_EXEC, NULL)
{
	char *argv[] = { "t.sh", "one", "two", NULL };
	char script[512], want[1024], *text;
	int fd;

	snprintf(script, sizeof(script), "%s", ut_path("/tmp/ut-script"));

	/* /bin/t.sh: "#!/bin/echoargs" -- argv is interpreter, script, args. */
	text = capture(ut_path("/bin/t.sh"), argv, no_env);
	snprintf(want, sizeof(want), "argc=4\nargv[0]=%s\nargv[1]=%s\nargv[2]=one\nargv[3]=two\n",
		 ut_path("/bin/echoargs"), ut_path("/bin/t.sh"));
	expect_prefix(text, want, "/bin/t.sh one two");
	free(text);

	/* An interpreter argument comes between the interpreter and the script. */
	fd = (int)CHECK_SYS(open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755));
	ulib_print(fd, "#!%s  -opt \n", ut_path("/bin/echoargs"));
	close(fd);
	text = capture(script, argv, no_env);
	snprintf(want, sizeof(want), "argc=5\nargv[0]=%s\nargv[1]=-opt\nargv[2]=%s\nargv[3]=one\n",
		 ut_path("/bin/echoargs"), script);
	expect_prefix(text, want, "script with an interpreter argument");
	free(text);

	/* A missing interpreter: ENOENT. */
	fd = (int)CHECK_SYS(open(script, O_WRONLY | O_TRUNC));
	ulib_print(fd, "#!%s\n", ut_path("/bin/no-such-interpreter"));
	close(fd);
	CHECK_ERR(execve(script, argv, no_env), ENOENT);
	CHECK_SYS(unlink(script));
}

UTEST(proc_vfork_spawn, UT_EXEC, NULL)
{
	char *argv[] = { "exitcode", "9", NULL };
	char *argv4[] = { "exitcode", "4", NULL };
	const char *path = ut_path("/bin/exitcode");
	volatile int after = 0;
	pid_t pid;

	pid = vfork();
	if (pid == 0) {
		execve(path, argv, no_env);
		_exit(127);
	}
	CHECK(pid > 0);
	after = 1;
	expect_exit(ut_wait(pid), 9, "vfork+execve exitcode 9");
	CHECK_EQ(after, 1);
	CHECK_EQ(posix_spawn(&pid, path, NULL, NULL, argv4, no_env), 0);
	expect_exit(ut_wait(pid), 4, "posix_spawn exitcode 4");
}

/* ------------------------------------------------------------ groups and sessions */

static void pgrp_child_leader(pid_t session)
{
	pid_t c = ut_fork();

	if (c == 0) {
		CHECK_EQ(getsid(0), session);
		CHECK_EQ(getpgid(0), session);
		CHECK_SYS(setpgid(0, 0));
		CHECK_EQ(getpgid(0), getpid());
		CHECK_ERR(setsid(), EPERM); /* a group leader cannot start a session */
		_exit(0);
	}
	ut_wait_ok(c);
}

static void pgrp_child_moved(pid_t me)
{
	volatile int *s = ut_map_shared(4096);
	pid_t d = ut_fork();

	if (d == 0) {
		while (!__atomic_load_n(&s[0], __ATOMIC_ACQUIRE))
			ulib_sleep_ns(1000000);
		s[1] = setsid();
		__atomic_store_n(&s[2], 1, __ATOMIC_RELEASE);
		while (!__atomic_load_n(&s[3], __ATOMIC_ACQUIRE))
			ulib_sleep_ns(1000000);
		_exit(0);
	}
	CHECK_SYS(setpgid(d, d)); /* the parent moves its child */
	CHECK_EQ(getpgid(d), d);
	CHECK_SYS(setpgid(d, me)); /* and back into its own group */
	CHECK_EQ(getpgid(d), me);
	__atomic_store_n(&s[0], 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&s[2], __ATOMIC_ACQUIRE))
		ulib_sleep_ns(1000000);
	CHECK_EQ(s[1], d); /* not a leader any more: setsid worked */
	CHECK_EQ(getsid(d), d);
	CHECK_ERR(setpgid(d, me), EPERM); /* now in another session */
	__atomic_store_n(&s[3], 1, __ATOMIC_RELEASE);
	ut_wait_ok(d);
}

UTEST(proc_pgrp_session, 0, NULL)
{
	pid_t me = getpid(), dead = dead_pid();

	CHECK(getpgid(0) != me); /* forked by the runner: not a leader */
	CHECK_EQ(getpgrp(), getpgid(0));
	CHECK_EQ(getsid(0), getsid(me));
	CHECK_ERR(getpgid(dead), ESRCH);
	CHECK_ERR(getsid(dead), ESRCH);
	CHECK_ERR(setpgid(dead, 0), ESRCH);
	CHECK_ERR(setpgid(0, -1), EINVAL);

	CHECK_EQ(setsid(), me);
	CHECK_EQ(getsid(0), me);
	CHECK_EQ(getpgid(0), me);
	CHECK_ERR(setsid(), EPERM);
	pgrp_child_leader(me);
	pgrp_child_moved(me);
}

/* ------------------------------------------------------------ credentials */

static void creds_drop(void *arg)
{
	uid_t r, e, s;

	(void)arg;
	CHECK_SYS(setresgid(1000, 1000, 1000));
	CHECK_SYS(setresuid(1000, 1000, 1000));
	CHECK_EQ(getuid(), 1000);
	CHECK_EQ(geteuid(), 1000);
	CHECK_EQ(getgid(), 1000);
	CHECK_SYS(getresuid(&r, &e, &s));
	CHECK(r == 1000 && e == 1000 && s == 1000);
	CHECK_ERR(setresuid(0, 0, 0), EPERM);
	CHECK_ERR(setuid(0), EPERM);
	CHECK_ERR(setresgid(0, 0, 0), EPERM);
	CHECK_EQ(getuid(), 1000);
}

static void creds_euid_only(void *arg)
{
	(void)arg;
	CHECK_SYS(setresuid((uid_t)-1, 1000, (uid_t)-1));
	CHECK_EQ(getuid(), 0);
	CHECK_EQ(geteuid(), 1000);
	CHECK_SYS(setresuid((uid_t)-1, 0, (uid_t)-1)); /* real and saved are 0 */
	CHECK_EQ(geteuid(), 0);
}

UTEST(proc_credentials, 0, NULL)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;

	if (getuid() != 0 && ut.host)
		ut_host_skip("not running as root");
	CHECK_EQ(getuid(), 0);
	CHECK_EQ(geteuid(), 0);
	CHECK_EQ(getgid(), 0);
	CHECK_EQ(getegid(), 0);
	CHECK_SYS(getresuid(&r, &e, &s));
	CHECK(r == 0 && e == 0 && s == 0);
	CHECK_SYS(getresgid(&gr, &ge, &gs));
	CHECK(gr == 0 && ge == 0 && gs == 0);
	CHECK(getgroups(0, NULL) >= 0);
	ut_run_ok(creds_drop, NULL);
	ut_run_ok(creds_euid_only, NULL);
	CHECK_EQ(getuid(), 0); /* the children's changes stayed theirs */
}

/* ------------------------------------------------------------ limits */

static void nofile_child(void *arg)
{
	struct rlimit lim = { 8, 8 };
	int free_below = 0, opened = 0, fd;

	(void)arg;
	CHECK_SYS(setrlimit(RLIMIT_NOFILE, &lim));
	for (fd = 0; fd < 8; fd++)
		free_below += fcntl(fd, F_GETFD) < 0;
	while ((fd = open(ut_path("/bin/hello"), O_RDONLY)) >= 0) {
		CHECK(fd < 8);
		opened++;
	}
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(opened, free_below);
	CHECK_ERR(dup(0), EMFILE);
	CHECK_ERR(fcntl(0, F_DUPFD, 0), EMFILE);
	CHECK_ERR(dup2(0, 8), EBADF);
}

UTEST(proc_rlimit, 0, NULL)
{
	struct rlimit r, got, old;
	struct rlimit lower;

	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &r));
	CHECK(r.rlim_cur <= r.rlim_max);
	CHECK(r.rlim_cur >= 64);
	lower = (struct rlimit){ 100, r.rlim_max };
	CHECK_SYS(setrlimit(RLIMIT_NOFILE, &lower));
	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &got));
	CHECK(got.rlim_cur == 100 && got.rlim_max == r.rlim_max);
	lower.rlim_cur = 64;
	CHECK_SYS(prlimit(0, RLIMIT_NOFILE, &lower, &old));
	CHECK(old.rlim_cur == 100 && old.rlim_max == r.rlim_max);
	CHECK_SYS(prlimit(getpid(), RLIMIT_NOFILE, NULL, &got));
	CHECK(got.rlim_cur == 64);

	lower = (struct rlimit){ r.rlim_max, 64 };
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &lower), EINVAL); /* soft above hard */
	CHECK_ERR(syscall(SYS_prlimit64, 0, 100, NULL, &got), EINVAL);
	CHECK_SYS(getrlimit(RLIMIT_CORE, &got));
	lower = (struct rlimit){ 0, got.rlim_max };
	CHECK_SYS(setrlimit(RLIMIT_CORE, &lower));
	CHECK_SYS(getrlimit(RLIMIT_CORE, &got));
	CHECK_EQ(got.rlim_cur, 0);
	ut_run_ok(nofile_child, NULL);
}

/* ------------------------------------------------------------ system information */

UTEST(proc_uname, 0, NULL)
{
	struct utsname u;

	CHECK_SYS(uname(&u));
	CHECK(u.sysname[0] != 0);
	CHECK(u.release[0] != 0);
	CHECK(u.version[0] != 0);
	if (strcmp(u.machine, "riscv64") != 0)
		FAIL("machine is '%s', expected 'riscv64'", u.machine);
	ut_note("%s %s", u.sysname, u.release);
}

UTEST(proc_sysinfo, 0, NULL)
{
	struct sysinfo si;
	struct timespec boot;

	CHECK_SYS(sysinfo(&si));
	CHECK_SYS(clock_gettime(CLOCK_BOOTTIME, &boot));
	CHECK(si.mem_unit >= 1);
	CHECK(si.totalram > 0);
	CHECK(si.freeram <= si.totalram);
	CHECK(si.procs >= 1);
	if (si.uptime < boot.tv_sec - 1 || si.uptime > boot.tv_sec + 1)
		FAIL("sysinfo uptime %ld s but CLOCK_BOOTTIME %ld s", si.uptime,
		     (long)boot.tv_sec);
}

UTEST(proc_prctl_name, 0, NULL)
{
	char name[32] = { 0 };

	CHECK_SYS(prctl(PR_SET_NAME, "ut-name", 0, 0, 0));
	CHECK_SYS(prctl(PR_GET_NAME, name, 0, 0, 0));
	CHECK(strcmp(name, "ut-name") == 0);
	CHECK_SYS(prctl(PR_SET_NAME, "a-name-longer-than-fifteen", 0, 0, 0));
	memset(name, 'z', sizeof(name));
	CHECK_SYS(prctl(PR_GET_NAME, name, 0, 0, 0));
	if (strcmp(name, "a-name-longer-t") != 0)
		FAIL("long name reads back as '%.31s', expected the first 15 bytes", name);
	CHECK_ERR(prctl(PR_GET_NAME, ut_ptr(1), 0, 0, 0), EFAULT);
}

UTEST(proc_getrandom, 0, NULL)
{
	unsigned char a[64], b[64], zero[64] = { 0 };

	CHECK_EQ(getrandom(a, sizeof(a), 0), sizeof(a));
	CHECK_EQ(getrandom(b, sizeof(b), GRND_NONBLOCK), sizeof(b));
	CHECK(memcmp(a, zero, sizeof(a)) != 0);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK_EQ(getrandom(a, 0, 0), 0);
	CHECK_ERR(getrandom(a, sizeof(a), 0x100), EINVAL);
}

/* kill with default actions: a terminating signal ends the child with that status. */
UTEST(proc_kill, 0, NULL)
{
	int status;
	pid_t pid = ut_fork();

	if (pid == 0) {
		for (;;)
			sched_yield();
	}
	CHECK_SYS(kill(pid, 0));                  /* exists, may be signalled */
	CHECK_SYS(kill(pid, SIGTERM));
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	CHECK_ERR(kill(pid, 0), ESRCH);           /* reaped */
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_SYS(kill(getpid(), SIGCHLD));       /* ignored by default */

	/* A child that ends itself through raise() (tgkill). */
	pid = ut_fork();
	if (pid == 0) {
		raise(SIGUSR1);
		_exit(0);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1);
}

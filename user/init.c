/*
 * init: process 1 (the initramfs' /init).
 *
 * The kernel's side of the contract: init starts as pid 1 with descriptors
 * 0, 1 and 2 open on the console; argv[0] is "/init" and argv[1..] are the
 * words of the kernel command-line option `init.args="..."` split at
 * spaces (`init.args="usertests -a"` gives argv = {"/init", "usertests",
 * "-a"}); envp is whatever the kernel passes (may be empty).
 *
 * What init does:
 *
 *   init                   the normal boot (docs/init.md): prints a banner;
 *                          as pid 1 mounts the kernel's file systems (below);
 *                          runs /etc/rc with /bin/sh if it is executable and
 *                          waits for it (a failure is reported, boot goes
 *                          on); prints /etc/motd; then keeps a login shell
 *                          on the console: /bin/sh with argv[0] "-sh", in a
 *                          new session with the console as its controlling
 *                          terminal (TIOCSCTTY, errors ignored), cwd and
 *                          HOME /root (or / when /root is missing), and the
 *                          environment PATH=/bin:/sbin:/usr/bin, TERM=vt100,
 *                          SHELL=/bin/sh, USER=root, LOGNAME=root. When the
 *                          shell exits init says so and starts another (after
 *                          INIT_RESPAWN_DELAY if it lived less than
 *                          INIT_RESPAWN_MIN, so a broken shell cannot make
 *                          init spin). Without /bin/sh init says so once and
 *                          looks again every INIT_NO_SHELL_RETRY. All the
 *                          while it reaps orphans.
 *   init usertests ARGS... runs /bin/usertests ARGS, prints
 *                          "init: usertests exited with status N" (or
 *                          "was killed by signal N"), then powers off with
 *                          reboot(LINUX_REBOOT_CMD_POWER_OFF).
 *   init bench ARGS...     the same with /bin/bench (and with /bin/crashwriter,
 *                          /bin/crashcheck: the crash tests, docs/crash.md).
 *   init -r ROOT ...       prefix every path with ROOT (to try init on a
 *                          host under qemu-riscv64).
 *
 * init powers off only when it is pid 1: anywhere else (a host) it prints
 * "init: not pid 1, not powering off" and exits with usertests' status.
 *
 * As pid 1, before anything else, init mounts the kernel's file systems:
 * proc on /proc, devtmpfs on /dev (the kernel fills it with the device
 * nodes) and a tmpfs on /tmp (mode 1777). A mount that fails is reported
 * and init goes on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "ulib.h"

#define INIT_RESPAWN_MIN     (2 * ULIB_NSEC_PER_SEC)	/* a shell that lived less "died at once" */
#define INIT_RESPAWN_DELAY   (2 * ULIB_NSEC_PER_SEC)
#define INIT_NO_SHELL_RETRY  (5 * ULIB_NSEC_PER_SEC)

static const char *root = "";

static const char *path_of(const char *path, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", root, path);
	return buf;
}

static void describe(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "was killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "ended with wait status 0x%x", status);
}

/*
 * Reap children until `want` has ended; its wait status in *status.
 * Orphans reaped on the way are dropped. Returns -1 (errno) if there is
 * no such child.
 */
static int reap_until(pid_t want, int *status)
{
	for (;;) {
		pid_t pid = wait4(-1, status, 0, NULL);

		if (pid == want)
			return 0;
		if (pid < 0 && errno != EINTR)
			return -1;
	}
}

/* Reap orphans forever. With no child at all, look again every second. */
static void __attribute__((noreturn)) reap_forever(void)
{
	for (;;) {
		int status;

		if (wait4(-1, &status, 0, NULL) < 0 && errno == ECHILD)
			ulib_sleep_ns(ULIB_NSEC_PER_SEC);
	}
}

/* fork + execve(path, argv); the child's pid, or -1. */
static pid_t spawn(const char *path, char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, environ);
		ulib_print(2, "init: execve %s: %s\n", path, ulib_errname(errno));
		_exit(127);
	}
	if (pid < 0)
		ulib_print(2, "init: fork: %s\n", ulib_errname(errno));
	return pid;
}

static void power_off(int code)
{
	if (getpid() != 1) {
		ulib_print(1, "init: not pid 1, not powering off\n");
		exit(code);
	}
	ulib_print(1, "init: powering off\n");
	sync();
	reboot(RB_POWER_OFF);
	ulib_print(2, "init: reboot(POWER_OFF): %s\n", ulib_errname(errno));
	reap_forever();
}

/* init usertests|bench ARGS...: run /bin/PROG with ARGS, report, power off. */
static void run_and_power_off(int argc, char **argv)
{
	const char *prog = argv[0];
	char bin[64];
	char path[512], how[96];
	char **args = calloc((size_t)argc + 1, sizeof(*args));
	int status = 0, code = 1;
	pid_t pid;

	if (!args) {
		ulib_print(2, "init: out of memory\n");
		power_off(1);
	}
	for (int i = 0; i < argc; i++)
		args[i] = argv[i];
	snprintf(bin, sizeof(bin), "/bin/%s", prog);
	pid = spawn(path_of(bin, path, sizeof(path)), args);
	if (pid > 0 && reap_until(pid, &status) == 0) {
		describe(status, how, sizeof(how));
		ulib_print(1, "init: %s %s\n", prog, how);
		code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	} else if (pid > 0) {
		ulib_print(1, "init: lost %s: wait4: %s\n", prog, ulib_errname(errno));
	}
	power_off(code);
}

/* The login environment of /etc/rc and the shell (the HOME it names in *home). */
static char **login_env(const char **home)
{
	static char *env[] = { "PATH=/bin:/sbin:/usr/bin", "HOME=/root", "TERM=vt100",
			       "SHELL=/bin/sh", "USER=root", "LOGNAME=root", NULL };
	char path[512];
	struct stat st;

	*home = "/root";
	if (stat(path_of("/root", path, sizeof(path)), &st) != 0 || !S_ISDIR(st.st_mode)) {
		*home = "/";
		env[1] = "HOME=/";
	}
	return env;
}

/*
 * fork + execve(path, argv, envp) in dir. With login set, the child first
 * becomes a session leader and takes the console (fd 0) as its controlling
 * terminal and foreground group; errors there are ignored (no tty layer
 * yet). The child's pid, or -1.
 */
static pid_t spawn_login(const char *path, char **argv, char **envp, const char *dir, int login)
{
	pid_t pid = fork();
	char buf[512];

	if (pid == 0) {
		if (login) {
			setsid();
			ioctl(0, TIOCSCTTY, 0);
			tcsetpgrp(0, getpid());
		}
		if (chdir(path_of(dir, buf, sizeof(buf))) != 0)
			ulib_print(2, "init: chdir %s: %s\n", dir, ulib_errname(errno));
		execve(path, argv, envp);
		ulib_print(2, "init: execve %s: %s\n", path, ulib_errname(errno));
		_exit(127);
	}
	if (pid < 0)
		ulib_print(2, "init: fork: %s\n", ulib_errname(errno));
	return pid;
}

/* /etc/rc, if it is executable, run by /bin/sh; a failure is reported. */
static void run_rc(char **envp, const char *home)
{
	char rc[512], sh[512], how[96];
	char *args[] = { "sh", rc, NULL };
	int status;
	pid_t pid;

	path_of("/etc/rc", rc, sizeof(rc));
	path_of("/bin/sh", sh, sizeof(sh));
	if (access(rc, X_OK) != 0)
		return;
	if (access(sh, X_OK) != 0) {
		ulib_print(1, "init: /etc/rc not run: %s: %s\n", sh, ulib_errname(errno));
		return;
	}
	pid = spawn_login(sh, args, envp, home, 0);
	if (pid < 0)
		return;
	if (reap_until(pid, &status) != 0) {
		ulib_print(1, "init: lost /etc/rc: wait4: %s\n", ulib_errname(errno));
		return;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		describe(status, how, sizeof(how));
		ulib_print(1, "init: /etc/rc %s\n", how);
	}
}

/* /etc/motd to the console, if there is one. */
static void print_motd(void)
{
	char path[512], buf[4096];
	int fd = open(path_of("/etc/motd", path, sizeof(path)), O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		ulib_write_all(1, buf, (size_t)n);
	close(fd);
}

/* Wait ns while reaping orphans (none is left a zombie longer than that). */
static void sleep_reaping(uint64_t ns)
{
	int status;

	ulib_sleep_ns(ns);
	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

/* No arguments: /etc/rc, then a login shell on the console, restarted when it exits. */
static void __attribute__((noreturn)) run_shell(void)
{
	char path[512], how[96];
	char *args[] = { "-sh", NULL };
	const char *home;
	char **envp = login_env(&home);
	int warned = 0, motd = 0;

	path_of("/bin/sh", path, sizeof(path));
	run_rc(envp, home);
	for (;;) {
		if (access(path, X_OK) != 0) {
			if (!warned)
				ulib_print(1, "init: no shell (%s: %s); looking again every %llu s\n",
					   path, ulib_errname(errno),
					   INIT_NO_SHELL_RETRY / ULIB_NSEC_PER_SEC);
			warned = 1;
			sleep_reaping(INIT_NO_SHELL_RETRY);
			continue;
		}
		warned = 0;
		if (!motd++)
			print_motd();
		uint64_t start = ulib_now_ns();
		pid_t pid = spawn_login(path, args, envp, home, 1);
		int status;

		if (pid > 0 && reap_until(pid, &status) == 0) {
			describe(status, how, sizeof(how));
			ulib_print(1, "init: shell %s; starting another\n", how);
		}
		if (pid < 0 || ulib_now_ns() - start < INIT_RESPAWN_MIN)
			sleep_reaping(INIT_RESPAWN_DELAY);
	}
}

/* The kernel's file systems on their directories (as pid 1 only). */
static void mount_kernel_filesystems(void)
{
	static const struct { const char *src, *dir, *type, *data; } m[] = {
		{ "proc", "/proc", "proc", NULL },
		{ "devtmpfs", "/dev", "devtmpfs", NULL },
		{ "tmpfs", "/tmp", "tmpfs", "mode=1777" },
	};

	if (getpid() != 1)
		return;
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (mount(m[i].src, m[i].dir, m[i].type, 0, m[i].data) != 0)
			ulib_print(1, "init: mount %s on %s: %s\n", m[i].type, m[i].dir,
				   ulib_errname(errno));
}

int main(int argc, char **argv)
{
	struct utsname u;

	if (argc > 2 && strcmp(argv[1], "-r") == 0) {
		root = argv[2];
		argv[2] = argv[0];
		argc -= 2;
		argv += 2;
	}
	if (uname(&u) != 0)
		strcpy(u.sysname, "?"), strcpy(u.release, "?"), strcpy(u.machine, "?");
	ulib_print(1, "init: %s %s (%s), pid %d\n", u.sysname, u.release, u.machine, getpid());
	mount_kernel_filesystems();
	setenv("PATH", "/bin", 0);
	setenv("HOME", "/", 0);
	if (argc > 1 && (strcmp(argv[1], "usertests") == 0 || strcmp(argv[1], "bench") == 0 ||
			 strcmp(argv[1], "crashwriter") == 0 || strcmp(argv[1], "crashcheck") == 0))
		run_and_power_off(argc - 1, argv + 1);
	if (argc > 1)
		ulib_print(1, "init: unknown mode '%s' (known: usertests, bench)\n", argv[1]);
	run_shell();
}

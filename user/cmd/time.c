/*
 * time: run a command and report the time it took, on stderr.
 *
 *   time [-p] COMMAND [ARG]...
 *
 * The report has bash's `time` layout (a blank line, then real/user/sys
 * as "0m0.102s"), or with -p POSIX's ("real 0.10"). user and sys come from
 * wait4's rusage of the command (its waited-for children included, as the
 * kernel accounts them). Exit: the command's status, 128+N if signal N
 * killed it, 127/126 if it was not found / could not be run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmdsys.h"
#include "ulib.h"

static void put_bash(const char *name, uint64_t us)
{
	fprintf(stderr, "%s\t%llum%llu.%03llus\n", name, (unsigned long long)(us / 60000000),
		(unsigned long long)(us / 1000000 % 60), (unsigned long long)(us / 1000 % 1000));
}

static void put_posix(const char *name, uint64_t us)
{
	fprintf(stderr, "%s %llu.%02llu\n", name, (unsigned long long)(us / 1000000),
		(unsigned long long)(us / 10000 % 100));
}

static uint64_t tv_us(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000000 + (uint64_t)tv.tv_usec;
}

int main(int argc, char **argv)
{
	int posix = argc > 1 && strcmp(argv[1], "-p") == 0, status;
	char **cmd = argv + 1 + posix;
	struct rusage ru;
	uint64_t t0;
	pid_t pid;

	if (!*cmd || (cmd[0][0] == '-' && strcmp(cmd[0], "--") != 0))
		cs_usage("time [-p] COMMAND [ARG]...");
	if (strcmp(cmd[0], "--") == 0 && !*++cmd)
		cs_usage("time [-p] COMMAND [ARG]...");
	t0 = ulib_now_ns();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "time: fork: %s\n", strerror(errno));
		return 125;
	}
	if (pid == 0) {
		execvp(cmd[0], cmd);
		fprintf(stderr, "time: cannot run %s: %s\n", cmd[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "time: wait4: %s\n", strerror(errno));
			return 125;
		}
	uint64_t real = (ulib_now_ns() - t0) / 1000;
	void (*put)(const char *, uint64_t) = posix ? put_posix : put_bash;

	if (!posix)
		fputc('\n', stderr);
	put("real", real);
	put("user", tv_us(ru.ru_utime));
	put("sys", tv_us(ru.ru_stime));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

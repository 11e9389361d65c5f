/*
 * kill: send a signal to processes, or list signal names.
 *
 *   kill [-SIGNAL | -s SIGNAL | -n NUM | -NUM] PID...
 *   kill -l [SIGNAL | STATUS]...   names (a number above 128 is taken as
 *                                  a shell's exit status 128+N)
 *   kill -L                        a table of numbers and names
 *
 * SIGNAL is a name with or without SIG, in any case (HUP, sigterm,
 * RTMIN+1) or a number; the default is TERM. PID may be negative (a
 * process group) or 0 / -1 as kill(2) defines them; a negative PID must
 * follow the signal option or "--". Exit 1 if any kill failed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdsys.h"

#define KILL_USAGE "kill [-SIGNAL | -s SIGNAL] PID... | kill -l [SIGNAL]..."

/* The 31 standard names on two lines, as procps and util-linux print them. */
static void list_all(void)
{
	for (int s = 1; s < 32; s++)
		printf("%s%s", cs_signame(s), s == 16 || s == 31 ? "\n" : " ");
}

static void list_table(void)
{
	int col = 0;

	for (int s = 1; s <= SIGRTMAX; s++) {
		if (!cs_signame(s))
			continue;
		if (++col % 5 == 0)
			printf("%2d) SIG%s\n", s, cs_signame(s));
		else
			printf("%2d) SIG%-9s ", s, cs_signame(s));
	}
	if (col % 5)
		putchar('\n');
}

/* kill -l ARG...: a number to its name, a name to its number. */
static int list_some(char **args)
{
	int status = 0;

	for (; *args; args++) {
		int num = (*args)[0] >= '0' && (*args)[0] <= '9';
		int s = num ? atoi(*args) : cs_signum(*args);
		const char *name;

		if (num && s > 128 && s < 256)
			s -= 128;
		name = s > 0 ? cs_signame(s) : NULL;
		if (!name) {
			fprintf(stderr, "kill: unknown signal: %s\n", *args);
			status = 1;
		} else if (num) {
			printf("%s\n", name);
		} else {
			printf("%d\n", s);
		}
	}
	return status;
}

static int signal_arg(const char *s)
{
	int sig = cs_signum(s);

	if (sig < 0) {
		fprintf(stderr, "kill: unknown signal: %s\n", s);
		cs_usage(KILL_USAGE);
	}
	return sig;
}

static int send_all(int sig, char **pids)
{
	int status = 0;

	if (!*pids)
		cs_usage(KILL_USAGE);
	for (; *pids; pids++) {
		char *end;
		long pid = strtol(*pids, &end, 10);

		if (end == *pids || *end) {
			fprintf(stderr, "kill: invalid pid: %s\n", *pids);
			status = 1;
		} else if (kill((pid_t)pid, sig) != 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM;
	char **a = argv + 1;

	if (argc < 2)
		cs_usage(KILL_USAGE);
	if (strcmp(*a, "-l") == 0 || strcmp(*a, "--list") == 0) {
		if (!a[1])
			list_all();
		return a[1] ? list_some(a + 1) : 0;
	}
	if (strcmp(*a, "-L") == 0 || strcmp(*a, "--table") == 0) {
		list_table();
		return 0;
	}
	if (strcmp(*a, "-s") == 0 || strcmp(*a, "-n") == 0) {
		if (!a[1])
			cs_usage(KILL_USAGE);
		sig = signal_arg(a[1]);
		a += 2;
	} else if ((*a)[0] == '-' && (*a)[1] && strcmp(*a, "--") != 0) {
		sig = signal_arg(*a + 1);
		a++;
	}
	if (*a && strcmp(*a, "--") == 0)
		a++;
	return send_all(sig, a);
}

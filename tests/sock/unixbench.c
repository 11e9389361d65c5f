/*
 * AF_UNIX round trip and bandwidth, with a pipe round trip for reference
 * (the figures in docs/net.md, "Measured"). Not built by make: bench rows
 * live in user/bench.c. To run it in Kestrel, build it static and put it
 * in a copy of the root image in place of /bin/bench:
 *
 *   riscv64-linux-gnu-gcc -static -O2 -o /tmp/unixbench tests/sock/unixbench.c
 *   cp build/fs.img /tmp/b.img
 *   debugfs -w -R "rm /bin/bench" /tmp/b.img
 *   debugfs -w -R "write /tmp/unixbench /bin/bench" /tmp/b.img
 *   debugfs -w -R "set_inode_field /bin/bench mode 0100755" /tmp/b.img
 *   then boot /tmp/b.img with init.args="bench 2000" (2000 round trips).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void rt(const char *what, int a0, int a1, int b0, int b1, int n)
{
	char c = 'x';
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < n; i++) {
			if (read(a1, &c, 1) != 1 || write(b1, &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	double t0 = now();
	for (int i = 0; i < n; i++)
		if (write(a0, &c, 1) != 1 || read(b0, &c, 1) != 1)
			exit(1);
	double t = now() - t0;
	waitpid(pid, NULL, 0);
	printf("%-28s %8.1f us per round trip (%d)\n", what, t / n * 1e6, n);
}

static void bw(const char *what, int type, size_t chunk, size_t total)
{
	int sv[2];
	static char buf[1 << 20];
	socketpair(AF_UNIX, type, 0, sv);
	pid_t pid = fork();
	if (pid == 0) {
		close(sv[1]);
		for (size_t done = 0; done < total; done += chunk)
			if (write(sv[0], buf, chunk) != (ssize_t)chunk)
				_exit(1);
		_exit(0);
	}
	close(sv[0]);
	double t0 = now();
	size_t got = 0;
	ssize_t n;
	while (got < total && (n = read(sv[1], buf, sizeof(buf))) > 0)
		got += n;
	double t = now() - t0;
	waitpid(pid, NULL, 0);
	close(sv[1]);
	printf("%-28s %8.1f MiB/s (%zu MiB in %zu-byte writes)\n", what, got / t / 1048576, total >> 20, chunk);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	int s[2], p1[2], p2[2], d[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	rt("unix stream ping-pong", s[0], s[1], s[0], s[1], n);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, d);
	rt("unix dgram ping-pong", d[0], d[1], d[0], d[1], n);
	pipe(p1); pipe(p2);
	rt("pipe ping-pong", p1[1], p1[0], p2[0], p2[1], n);
	bw("unix stream bandwidth", SOCK_STREAM, 65536, 64 << 20);
	bw("unix stream bandwidth", SOCK_STREAM, 4096, 16 << 20);
	return 0;
}

/*
 * dmesg: print the kernel's message buffer.
 *
 *   dmesg [-r]
 *
 * Reads /dev/kmsg without blocking until end of file or EAGAIN. Two
 * formats are understood: Kestrel's (the ring as plain text, see
 * docs/devices.md), printed as it is; and Linux's one record per read,
 * "PRIO,SEQ,USEC,FLAGS;TEXT\n" followed by continuation lines, printed as
 * "[SSSSS.UUUUUU] TEXT" (-r: the raw record, with "<PRIO>" before it).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmdsys.h"
#include "ulib.h"

#define DMESG_REC 8192

/* One Linux record: print it; 0, or -1 if it is not in that format. */
static int print_record(const char *rec, int raw)
{
	unsigned prio;
	unsigned long long seq, usec;
	const char *text = strchr(rec, ';');
	const char *nl;

	if (!text || sscanf(rec, "%u,%llu,%llu", &prio, &seq, &usec) != 3)
		return -1;
	text++;
	nl = strchr(text, '\n');
	if (raw)
		printf("<%u>", prio & 7);
	else
		printf("[%5llu.%06llu] ", usec / 1000000, usec % 1000000);
	printf("%.*s\n", nl ? (int)(nl - text) : (int)strlen(text), text);
	return 0;
}

int main(int argc, char **argv)
{
	static char buf[DMESG_REC + 1];
	int raw = argc == 2 && strcmp(argv[1], "-r") == 0, fd, linux_fmt = -1;

	if (argc > 2 || (argc == 2 && !raw))
		cs_usage("dmesg [-r]");
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "dmesg: /dev/kmsg: %s\n", strerror(errno));
		return 1;
	}
	for (;;) {
		ssize_t n = read(fd, buf, DMESG_REC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EPIPE)	/* Linux: records overwritten; go on */
			continue;
		if (n < 0 && errno != EAGAIN) {
			fprintf(stderr, "dmesg: read /dev/kmsg: %s\n", strerror(errno));
			close(fd);
			return 1;
		}
		if (n <= 0)
			break;
		buf[n] = 0;
		if (linux_fmt < 0)
			linux_fmt = isdigit((unsigned char)buf[0]) && print_record(buf, raw) == 0;
		else if (!linux_fmt || print_record(buf, raw) != 0)
			linux_fmt = 0;
		if (!linux_fmt) {
			fflush(stdout);
			ulib_write_all(1, buf, (size_t)n);
		}
	}
	close(fd);
	return 0;
}

/*
 * yes: print its arguments joined by spaces (or "y"), one line after
 * another, until the output fails.
 *
 * Lines are written a buffer at a time. When the reader goes away the
 * kernel sends SIGPIPE; where SIGPIPE is not delivered (ignored, or a
 * kernel without signals) write fails with EPIPE and yes exits 1 quietly;
 * any other write error is reported.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ulib.h"

#define YES_BUF 8192

int main(int argc, char **argv)
{
	static char buf[YES_BUF];
	char line[YES_BUF / 2];
	size_t len = 0, fill = 0;

	for (int i = 1; i < argc || (argc == 1 && i == 1); i++) {
		const char *w = argc == 1 ? "y" : argv[i];
		size_t n = strlen(w);

		if (len + n + 1 > sizeof(line)) {
			fprintf(stderr, "yes: line too long\n");
			return 2;
		}
		if (len)
			line[len++] = ' ';
		memcpy(line + len, w, n);
		len += n;
	}
	line[len++] = '\n';
	while (fill + len <= sizeof(buf)) {
		memcpy(buf + fill, line, len);
		fill += len;
	}
	for (;;) {
		if (ulib_write_all(1, buf, fill) != 0) {
			if (errno != EPIPE)
				fprintf(stderr, "yes: write: %s\n", strerror(errno));
			return 1;
		}
	}
}

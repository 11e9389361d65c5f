/*
 * wc: count lines, words and bytes.
 *
 *   wc [-lwcmL] [FILE]...
 *
 * Default -lwc.  -m counts characters as bytes (the C locale), -L the
 * longest line.  Padding as GNU: a single count of a single input is not
 * padded; otherwise every number gets the width of the total size of the
 * regular files (at least 7 if an input is not a regular file, e.g. a
 * pipe).  A "total" line follows when there is more than one file.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

enum { LINES, WORDS, CHARS, BYTES, LONGEST, NCOUNTS };

struct input {
	const char *path;
	int fd;		/* -1: could not be opened */
	unsigned long long n[NCOUNTS];
};

static int want[NCOUNTS];

static int count_fd(struct input *in)
{
	static unsigned char buf[CMD_BUFSZ];
	unsigned long long linelen = 0;
	int in_word = 0;
	ssize_t r;

	while ((r = cmd_read(in->fd, buf, sizeof(buf))) > 0) {
		in->n[BYTES] += (unsigned long long)r;
		for (ssize_t i = 0; i < r; i++) {
			int c = buf[i];
			if (c == '\n') {
				in->n[LINES]++;
				if (linelen > in->n[LONGEST])
					in->n[LONGEST] = linelen;
				linelen = 0;
			} else {
				linelen += c == '\t' ? 8 - linelen % 8 : isprint(c) ? 1 : 0;
			}
			if (isspace(c))
				in_word = 0;
			else if (!in_word && (in_word = 1))
				in->n[WORDS]++;
		}
	}
	if (linelen > in->n[LONGEST])
		in->n[LONGEST] = linelen;
	in->n[CHARS] = in->n[BYTES];
	return r < 0 ? -1 : 0;
}

static int number_width(struct input *ins, int nins)
{
	unsigned long long total = 0;
	int width = 1, minimum = 1;
	struct stat st;

	if (nins == 0 || ins[0].fd < 0)
		return 1;
	for (int i = 0; i < nins; i++) {
		if (ins[i].fd < 0 || fstat(ins[i].fd, &st) < 0)
			continue;
		if (S_ISREG(st.st_mode))
			total += (unsigned long long)st.st_size;
		else
			minimum = 7;
	}
	for (; total >= 10; total /= 10)
		width++;
	return width < minimum ? minimum : width;
}

static void print_counts(const unsigned long long *n, const char *name, int width)
{
	const char *sep = "";

	for (int k = 0; k < NCOUNTS; k++) {
		if (!want[k])
			continue;
		printf("%s%*llu", sep, width, n[k]);
		sep = " ";
	}
	if (name)
		printf(" %s", name);
	putchar('\n');
}

int main(int argc, char **argv)
{
	int c, status = 0, nwant = 0;

	while ((c = getopt(argc, argv, "lwcmL")) != -1) {
		switch (c) {
		case 'l': want[LINES] = 1; break;
		case 'w': want[WORDS] = 1; break;
		case 'm': want[CHARS] = 1; break;
		case 'c': want[BYTES] = 1; break;
		case 'L': want[LONGEST] = 1; break;
		default: cmd_usage("wc [-lwcmL] [FILE]...");
		}
	}
	for (int k = 0; k < NCOUNTS; k++)
		nwant += want[k];
	if (!nwant) {
		want[LINES] = want[WORDS] = want[BYTES] = 1;
		nwant = 3;
	}
	int nfiles = argc - optind, nins = nfiles ? nfiles : 1;
	struct input ins[nins];
	memset(ins, 0, sizeof(ins));
	for (int i = 0; i < nins; i++) {
		ins[i].path = nfiles ? argv[optind + i] : NULL;
		ins[i].fd = cmd_open_in(ins[i].path ? ins[i].path : "-");
	}
	int width = (nins == 1 && nwant == 1) ? 1 : number_width(ins, nins);
	unsigned long long total[NCOUNTS] = {0};
	for (int i = 0; i < nins; i++) {
		const char *name = ins[i].path ? ins[i].path : "-";
		if (ins[i].fd < 0 || count_fd(&ins[i]) < 0) {
			cmd_warn("%s", name);
			status = 1;
			if (ins[i].fd < 0)
				continue;
		}
		print_counts(ins[i].n, ins[i].path, width);
		for (int k = 0; k < NCOUNTS; k++)
			total[k] = k == LONGEST ? (ins[i].n[k] > total[k] ? ins[i].n[k] : total[k])
						: total[k] + ins[i].n[k];
	}
	if (nfiles > 1)
		print_counts(total, "total", width);
	return status;
}

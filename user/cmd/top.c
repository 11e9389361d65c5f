/*
 * top: a refreshing view of the busiest processes.
 *
 *   top [-b] [-n N] [-d SECONDS]
 *
 * Every SECONDS (default 1) it prints procps' header (the uptime line,
 * Tasks, %Cpu(s) from /proc/stat deltas, MiB Mem / MiB Swap from
 * /proc/meminfo) and one row per process: PID USER PR NI VIRT RES S %CPU
 * %MEM TIME+ COMMAND, sorted by %CPU (then by pid). The first frame has
 * no earlier sample, so it shows averages since boot (the %Cpu line) and
 * since each process started (%CPU), as ps does; later frames show the
 * deltas since the previous frame.
 *
 * Interactive (default): the screen is cleared (ANSI) before each frame
 * and the rows are cut to the terminal's height (TIOCGWINSZ, else 24).
 * Keys: q quits. When stdin is a terminal it is put in non-canonical,
 * no-echo mode for the keys and restored at exit (failures are
 * tolerated: Kestrel's console is raw today). -b (batch) prints every row,
 * does not clear or read keys; -n stops after N frames.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cmdsys.h"
#include "ulib.h"

#define TOP_USAGE "top [-b] [-n N] [-d SECONDS]"
#define TOP_CPU_FIELDS 8	/* user nice system idle iowait irq softirq steal */

struct top_proc {
	struct cs_stat st;
	uid_t uid;
	double cpu;		/* %CPU over the last interval */
};

/* One sample of the system. */
struct top_sample {
	struct top_proc *procs;
	int n;
	unsigned long long cpu[TOP_CPU_FIELDS];
	uint64_t when_ns;
};

static struct termios saved_tty;
static int tty_saved;

static void restore_tty(void)
{
	if (tty_saved)
		tcsetattr(0, TCSANOW, &saved_tty);
	tty_saved = 0;
}

static void on_signal(int sig)
{
	restore_tty();
	_exit(128 + sig);
}

/* Keys without Enter and without echo, if stdin is a terminal that allows it. */
static void setup_tty(void)
{
	struct termios t;

	if (!isatty(0) || tcgetattr(0, &saved_tty) != 0)
		return;
	t = saved_tty;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(0, TCSANOW, &t) != 0)
		return;
	tty_saved = 1;
	atexit(restore_tty);
	signal(SIGINT, on_signal);	/* may fail before the kernel has signals */
	signal(SIGTERM, on_signal);
}

static int read_cpu(unsigned long long cpu[TOP_CPU_FIELDS])
{
	char buf[512];

	memset(cpu, 0, TOP_CPU_FIELDS * sizeof(*cpu));
	if (cs_read_file("/proc/stat", buf, sizeof(buf)) < 0)
		return -1;
	return sscanf(buf, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &cpu[0], &cpu[1],
		      &cpu[2], &cpu[3], &cpu[4], &cpu[5], &cpu[6], &cpu[7]) >= 4 ? 0 : -1;
}

/* The processes now; 0 or -1. */
static int take_sample(struct top_sample *s)
{
	int *pids, n = cs_list_pids(&pids);

	s->when_ns = ulib_now_ns();
	if (n < 0 || read_cpu(s->cpu) != 0)
		return -1;
	s->procs = calloc((size_t)n + 1, sizeof(*s->procs));
	s->n = 0;
	for (int i = 0; s->procs && i < n; i++) {
		struct top_proc *p = &s->procs[s->n];

		if (cs_proc_stat(pids[i], &p->st) != 0)
			continue;
		if (cs_proc_uid(pids[i], &p->uid) != 0)
			p->uid = 0;
		s->n++;
	}
	free(pids);
	return s->procs ? 0 : -1;
}

static const struct top_proc *find_proc(const struct top_sample *s, int pid)
{
	int lo = 0, hi = s->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (s->procs[mid].st.pid == pid)
			return &s->procs[mid];
		if (s->procs[mid].st.pid < pid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* %CPU of each process of cur: since prev (if it had the process), else since it started. */
static void compute_cpu(struct top_sample *cur, const struct top_sample *prev, long hz,
			double uptime)
{
	double dt = prev ? (double)(cur->when_ns - prev->when_ns) / 1e9 : 0;

	for (int i = 0; i < cur->n; i++) {
		struct top_proc *p = &cur->procs[i];
		unsigned long long ticks = p->st.utime + p->st.stime;
		const struct top_proc *old = prev ? find_proc(prev, p->st.pid) : NULL;
		double secs = uptime - (double)p->st.starttime / (double)hz;

		if (old && dt > 0 && old->st.starttime == p->st.starttime) {
			ticks -= old->st.utime + old->st.stime;
			secs = dt;
		}
		p->cpu = secs > 0 ? 100.0 * (double)ticks / (double)hz / secs : 0;
	}
}

static int by_cpu(const void *a, const void *b)
{
	const struct top_proc *x = a, *y = b;

	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? 1 : -1;
	return (x->st.pid > y->st.pid) - (x->st.pid < y->st.pid);
}

static void print_tasks(const struct top_sample *s)
{
	int run = 0, sleep = 0, stop = 0, zombie = 0;

	for (int i = 0; i < s->n; i++) {
		char c = s->procs[i].st.state;

		run += c == 'R';
		sleep += c == 'S' || c == 'D' || c == 'I';
		stop += c == 'T' || c == 't';
		zombie += c == 'Z';
	}
	printf("Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, %3d zombie\n", s->n, run,
	       sleep, stop, zombie);
}

static void print_cpu(const struct top_sample *cur, const struct top_sample *prev)
{
	static const char *const name[TOP_CPU_FIELDS] = { "us", "ni", "sy", "id",
							  "wa", "hi", "si", "st" };
	static const int order[TOP_CPU_FIELDS] = { 0, 2, 1, 3, 4, 5, 6, 7 };
	unsigned long long d[TOP_CPU_FIELDS], total = 0;

	for (int i = 0; i < TOP_CPU_FIELDS; i++) {
		d[i] = cur->cpu[i] - (prev ? prev->cpu[i] : 0);
		total += d[i];
	}
	printf("%%Cpu(s):");
	for (int k = 0; k < TOP_CPU_FIELDS; k++) {
		int i = order[k];

		printf("%s%5.1f %s", k ? "," : "", total ? 100.0 * (double)d[i] / (double)total : 0.0,
		       name[i]);
	}
	putchar('\n');
}

static void print_header(const struct top_sample *cur, const struct top_sample *prev,
			 double uptime, const struct cs_meminfo *mi)
{
	double load[3] = { 0, 0, 0 };
	time_t now = time(NULL);
	char clock[16], up[64];
	struct tm tm;
	double cache = (double)(mi->buffers + mi->cached + mi->sreclaimable) / 1024;

	cs_loadavg(load);
	strftime(clock, sizeof(clock), "%H:%M:%S", localtime_r(&now, &tm));
	cs_format_uptime((long)uptime, up, sizeof(up));
	printf("top - %s up %s,  load average: %.2f, %.2f, %.2f\n", clock, up, load[0], load[1],
	       load[2]);
	print_tasks(cur);
	print_cpu(cur, prev);
	printf("MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache\n",
	       (double)mi->total / 1024, (double)mi->free / 1024,
	       (double)(mi->total - mi->available) / 1024, cache);
	printf("MiB Swap: %8.1f total, %8.1f free, %8.1f used. %8.1f avail Mem\n",
	       (double)mi->swap_total / 1024, (double)mi->swap_free / 1024,
	       (double)(mi->swap_total - mi->swap_free) / 1024, (double)mi->available / 1024);
	printf("\n  PID USER      PR  NI    VIRT    RES S  %%CPU  %%MEM     TIME+ COMMAND\n");
}

static void print_row(const struct top_proc *p, long hz, const struct cs_meminfo *mi)
{
	const struct cs_stat *st = &p->st;
	unsigned long long cs = (st->utime + st->stime) * 100 / (unsigned long long)hz;
	long long res_kb = st->rss * (sysconf(_SC_PAGESIZE) / 1024);
	char pr[24], tm[32];

	if (st->priority <= -100)
		snprintf(pr, sizeof(pr), "rt");
	else
		snprintf(pr, sizeof(pr), "%ld", st->priority);
	snprintf(tm, sizeof(tm), "%llu:%02llu.%02llu", cs / 6000, cs / 100 % 60, cs % 100);
	printf("%5d %-8.8s %3s %3ld %7llu %6lld %c %5.1f %5.1f %9s %s\n", st->pid,
	       cs_user_name(p->uid), pr, st->nice, st->vsize / 1024, res_kb, st->state, p->cpu,
	       mi->total ? 100.0 * (double)res_kb / (double)mi->total : 0.0, tm, st->comm);
}

/* Rows the terminal has room for, or -1 for all of them. */
static int screen_rows(int batch)
{
	struct winsize ws;

	if (batch)
		return -1;
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 8)
		return ws.ws_row - 8;
	return 24 - 8;
}

static void show(struct top_sample *cur, const struct top_sample *prev, int batch, long hz)
{
	struct cs_meminfo mi;
	double uptime = 0;
	int rows = screen_rows(batch);

	cs_uptime(&uptime);
	cs_meminfo(&mi);
	compute_cpu(cur, prev, hz, uptime);
	if (!batch)
		fputs("\033[H\033[2J", stdout);
	print_header(cur, prev, uptime, &mi);
	struct top_proc *sorted = malloc((size_t)cur->n * sizeof(*sorted) + 1);

	if (sorted) {
		memcpy(sorted, cur->procs, (size_t)cur->n * sizeof(*sorted));
		qsort(sorted, (size_t)cur->n, sizeof(*sorted), by_cpu);
		for (int i = 0; i < cur->n && (rows < 0 || i < rows); i++)
			print_row(&sorted[i], hz, &mi);
		free(sorted);
	}
	fflush(stdout);
}

/*
 * Wait up to ns for the next frame, reading keys when interactive.
 * Returns 1 if the user asked to quit.
 */
static int wait_keys(uint64_t ns, int batch, int *keys_open)
{
	uint64_t end = ulib_now_ns() + ns;

	if (batch || !*keys_open) {
		ulib_sleep_ns(ns);
		return 0;
	}
	for (uint64_t now; (now = ulib_now_ns()) < end;) {
		struct pollfd pfd = { .fd = 0, .events = POLLIN };
		char c;
		int r = poll(&pfd, 1, (int)((end - now + 999999) / 1000000));

		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			return 0;
		if (r < 0 || read(0, &c, 1) != 1) {	/* no poll, or end of input: no more keys */
			*keys_open = 0;
			ulib_sleep_ns(end > ulib_now_ns() ? end - ulib_now_ns() : 0);
			return 0;
		}
		if (c == 'q' || c == 'Q')
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct top_sample prev = { 0 }, cur;
	int opt, batch = 0, keys_open = 1;
	long frames = -1, hz = sysconf(_SC_CLK_TCK);
	uint64_t delay = ULIB_NSEC_PER_SEC;

	while ((opt = getopt(argc, argv, "bn:d:")) != -1) {
		if (opt == 'b')
			batch = 1;
		else if (opt == 'n' && (frames = atol(optarg)) > 0)
			;
		else if (opt == 'd' && cs_parse_duration(optarg, &delay) == 0)
			;
		else
			cs_usage(TOP_USAGE);
	}
	if (optind < argc)
		cs_usage(TOP_USAGE);
	if (hz <= 0)
		hz = 100;
	if (!batch)
		setup_tty();
	for (long f = 0; frames < 0 || f < frames; f++) {
		if (take_sample(&cur) != 0) {
			fprintf(stderr, "top: /proc: %s\n", strerror(errno));
			return 1;
		}
		if (f && batch)
			putchar('\n');
		show(&cur, f ? &prev : NULL, batch, hz);
		free(prev.procs);
		prev = cur;
		if ((frames < 0 || f + 1 < frames) && wait_keys(delay, batch, &keys_open))
			break;
	}
	free(prev.procs);
	return 0;
}

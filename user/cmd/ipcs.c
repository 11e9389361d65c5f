/*
 * ipcs: show the System V IPC objects (util-linux 2.38's layouts and messages).
 *
 *   ipcs [-q] [-m] [-s] [-a] [-t | -p | -c | -l | -u] [-b | --human]
 *   ipcs -q|-m|-s -i ID [-b | --human]
 *
 * Resources: -q/--queues, -m/--shmems, -s/--semaphores (any mix; none or
 * -a/--all: all three, in util-linux's order q, m, s). Output formats (the
 * last one given wins): the default table; -t/--time the send/receive,
 * attach/detach, operation and change times; -p/--pid the creator and
 * last-operation pids (semaphores have none: an empty section); -c/--creator
 * the creator's and owner's user and group; -l/--limits the limits (the
 * IPC_INFO calls); -u/--summary what is in use (MSG_INFO, SHM_INFO,
 * SEM_INFO). Units of sizes: -b/--bytes bytes everywhere, --human "4.9K".
 * -i/--id ID: the detailed view of one object of the one resource given
 * (for semaphores the semnum/value/ncount/zcount/pid table); an id that
 * does not exist is "ipcs: id N not found" on stderr, status 0, as
 * util-linux has it.
 *
 * The objects come from /proc/sysvipc/{msg,shm,sem} (as util-linux reads
 * them when present), so every object shows, readable or not; a queue's
 * qbytes (not in /proc) from msgctl IPC_STAT and a semaphore's values from
 * semctl GETVAL/GETNCNT/GETZCNT/GETPID. Times print with ctime(3).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#include "cmdfs.h"

enum ipcs_kind { K_MSG, K_SHM, K_SEM, K_NR };
enum ipcs_format { F_LIST, F_TIME, F_PID, F_CREATOR, F_LIMITS, F_SUMMARY };
enum ipcs_unit { U_DEFAULT, U_BYTES, U_HUMAN };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

/* One row of a /proc/sysvipc table, whatever its kind. */
struct ipc_rec {
	int key, id;
	unsigned int mode, uid, gid, cuid, cgid;
	unsigned long bytes;       /* msg: cbytes; shm: size */
	unsigned long count;       /* msg: qnum; shm: nattch; sem: nsems */
	int pid1, pid2;            /* msg: lspid, lrpid; shm: cpid, lpid */
	long long t1, t2, t3;      /* msg: stime rtime ctime; shm: atime dtime ctime; sem: otime ctime */
};

static enum ipcs_unit unit = U_DEFAULT;

/* ------------------------------------------------------------ reading */

/* Parse one line of /proc/sysvipc/<kind> into r; 0, or -1 if it is not a row. */
static int parse_rec(enum ipcs_kind kind, const char *line, struct ipc_rec *r)
{
	memset(r, 0, sizeof(*r));
	switch (kind) {
	case K_MSG:
		return sscanf(line, "%d %d %o %lu %lu %d %d %u %u %u %u %lld %lld %lld", &r->key,
			      &r->id, &r->mode, &r->bytes, &r->count, &r->pid1, &r->pid2, &r->uid,
			      &r->gid, &r->cuid, &r->cgid, &r->t1, &r->t2, &r->t3) == 14 ? 0 : -1;
	case K_SHM:
		return sscanf(line, "%d %d %o %lu %d %d %lu %u %u %u %u %lld %lld %lld", &r->key,
			      &r->id, &r->mode, &r->bytes, &r->pid1, &r->pid2, &r->count, &r->uid,
			      &r->gid, &r->cuid, &r->cgid, &r->t1, &r->t2, &r->t3) == 14 ? 0 : -1;
	default:
		return sscanf(line, "%d %d %o %lu %u %u %u %u %lld %lld", &r->key, &r->id, &r->mode,
			      &r->count, &r->uid, &r->gid, &r->cuid, &r->cgid, &r->t1,
			      &r->t2) == 10 ? 0 : -1;
	}
}

static const char *const kind_name[K_NR] = { "msg", "shm", "sem" };

/*
 * Call fn on every row of /proc/sysvipc/<kind> (id < 0), or find the row of
 * id into *found. Returns 0, or 1 (warned) if the table cannot be read.
 */
static int for_each_rec(enum ipcs_kind kind, int id, void (*fn)(const struct ipc_rec *),
			struct ipc_rec *found, int *hit)
{
	char path[64], line[512];
	struct ipc_rec r;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", kind_name[kind]);
	f = fopen(path, "r");
	if (!f) {
		cmd_warn("%s", path);
		return 1;
	}
	if (fgets(line, sizeof(line), f)) {   /* the header */
		while (fgets(line, sizeof(line), f)) {
			if (parse_rec(kind, line, &r))
				continue;
			if (id < 0)
				fn(&r);
			else if (r.id == id) {
				*found = r;
				*hit = 1;
				break;
			}
		}
	}
	fclose(f);
	return 0;
}

/* ------------------------------------------------------------ sizes and times */

/*
 * util-linux's one-letter human size: "0B", "11B", "8K", "4.9K", "16E".
 * One decimal, rounded half up, a trailing ".0" left out.
 */
static char *human_size(uint64_t n, char buf[48])
{
	static const char letters[] = "BKMGTPE";
	int exp = 0;
	uint64_t whole, frac;

	while (exp < 60 && n >= (1ULL << (exp + 10)))
		exp += 10;
	if (!exp) {
		snprintf(buf, 48, "%lluB", (unsigned long long)n);
		return buf;
	}
	whole = n >> exp;
	frac = n & ((1ULL << exp) - 1);
	if (frac) {   /* thousandths, then tenths rounded half up */
		if (frac >= UINT64_MAX / 1000)
			frac = (frac / 1024) * 1000 / (1ULL << (exp - 10));
		else
			frac = frac * 1000 / (1ULL << exp);
		frac = (frac + 50) / 100;
		if (frac == 10) {
			whole++;
			frac = 0;
		}
	}
	if (frac)
		snprintf(buf, 48, "%llu.%llu%c", (unsigned long long)whole,
			 (unsigned long long)frac, letters[exp / 10]);
	else
		snprintf(buf, 48, "%llu%c", (unsigned long long)whole, letters[exp / 10]);
	return buf;
}

/* A size column of width w: left-aligned number, or (--human) right-aligned in 6. */
static void print_size_col(unsigned long n, int w)
{
	char buf[48];

	if (unit == U_HUMAN)
		printf("%6s%*s", human_size(n, buf), w - 6, "");
	else
		printf("%-*lu", w, n);
}

/* A limit line: "what (bytes|kbytes) = N" or, --human, "what = 8K". def: the default unit. */
static void print_limit(const char *what, uint64_t n, int def_kb)
{
	char buf[48];

	if (unit == U_HUMAN)
		printf("%s = %s\n", what, human_size(n, buf));
	else if (unit == U_DEFAULT && def_kb)
		printf("%s (kbytes) = %llu\n", what, (unsigned long long)(n / 1024));
	else
		printf("%s (bytes) = %llu\n", what, (unsigned long long)n);
}

/* ctime(t) from offset skip, or "Not set" for 0 (ctime's static buffer: one at a time). */
static const char *time_str(long long t, int skip)
{
	time_t tt = (time_t)t;
	char *s;

	if (!t || !(s = ctime(&tt)))
		return "Not set";
	return s + skip;
}

/* ------------------------------------------------------------ the tables */

static enum ipcs_kind cur_kind;

static void print_id_owner(const struct ipc_rec *r, int idw)
{
	printf("%-*d %-10.10s", idw, r->id, cmd_user_name(r->uid));
}

static void row_list(const struct ipc_rec *r)
{
	printf("0x%08x %-10d %-10.10s %-10o ", (unsigned int)r->key, r->id, cmd_user_name(r->uid),
	       r->mode & 0777);
	if (cur_kind == K_MSG) {
		print_size_col(r->bytes, 12);
		printf(" %-12lu\n", r->count);
	} else if (cur_kind == K_SHM) {
		print_size_col(r->bytes, 10);
		printf(" %-10lu %-6s %-6s\n", r->count, (r->mode & SHM_DEST) ? "dest" : " ",
		       (r->mode & SHM_LOCKED) ? "locked" : " ");
	} else
		printf("%-10lu\n", r->count);
}

static void row_time(const struct ipc_rec *r)
{
	if (cur_kind == K_SEM) {
		print_id_owner(r, 8);
		printf("  %-26.24s", time_str(r->t1, 0));
		printf(" %-26.24s\n", time_str(r->t2, 0));
		return;
	}
	print_id_owner(r, cur_kind == K_MSG ? 8 : 10);
	printf(" %-20.16s", time_str(r->t1, 4));
	printf(" %-20.16s", time_str(r->t2, 4));
	printf(" %-20.16s\n", time_str(r->t3, 4));
}

static void row_pid(const struct ipc_rec *r)
{
	if (cur_kind == K_MSG) {
		print_id_owner(r, 8);
		printf("  %5d     %5d\n", r->pid1, r->pid2);
	} else if (cur_kind == K_SHM) {
		print_id_owner(r, 10);
		printf(" %-10d %-10d\n", r->pid1, r->pid2);
	}
}

static void row_creator(const struct ipc_rec *r)
{
	printf("%-10d %-10o", r->id, r->mode & 0777);
	printf(" %-10s", cmd_user_name(r->cuid));
	printf(" %-10s", cmd_group_name(r->cgid));
	printf(" %-10s", cmd_user_name(r->uid));
	printf(" %-10s\n", cmd_group_name(r->gid));
}

/* The section title and column header of a table format (none for sem -p). */
static void print_header(enum ipcs_kind k, enum ipcs_format f)
{
	static const char *const title[K_NR][4] = {
		{ "Message Queues", "Message Queues Send/Recv/Change Times", "Message Queues PIDs",
		  "Message Queues Creators/Owners" },
		{ "Shared Memory Segments", "Shared Memory Attach/Detach/Change Times",
		  "Shared Memory Creator/Last-op PIDs", "Shared Memory Segment Creators/Owners" },
		{ "Semaphore Arrays", "Semaphore Operation/Change Times", NULL,
		  "Semaphore Arrays Creators/Owners" },
	};
	static const char *const idname[K_NR] = { "msqid", "shmid", "semid" };
	const char *size = unit == U_HUMAN ? "size" : k == K_MSG ? "used-bytes" : "bytes";

	if (!title[k][f])
		return;
	printf("------ %s --------\n", title[k][f]);
	if (f == F_CREATOR)
		printf("%-10s %-10s %-10s %-10s %-10s %-10s\n", idname[k], "perms", "cuid", "cgid",
		       "uid", "gid");
	else if (f == F_LIST && k == K_MSG)
		printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", "msqid", "owner", "perms",
		       size, "messages");
	else if (f == F_LIST && k == K_SHM)
		printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner",
		       "perms", size, "nattch", "status");
	else if (f == F_LIST)
		printf("%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems");
	else if (f == F_TIME && k == K_MSG)
		printf("%-8s %-10s %-20s %-20s %-20s\n", "msqid", "owner", "send", "recv", "change");
	else if (f == F_TIME && k == K_SHM)
		printf("%-10s %-10s %-20s %-20s %-20s\n", "shmid", "owner", "attached", "detached",
		       "changed");
	else if (f == F_TIME)
		printf("%-8s %-10s %-26.24s %-26.24s\n", "semid", "owner", "last-op", "last-changed");
	else if (k == K_MSG)
		printf("%-10s %-10s %-10s %-10s\n", "msqid", "owner", "lspid", "lrpid");
	else
		printf("%-10s %-10s %-10s %-10s\n", "shmid", "owner", "cpid", "lpid");
}

static int show_table(enum ipcs_kind k, enum ipcs_format f)
{
	static void (*const row[])(const struct ipc_rec *) = {
		[F_LIST] = row_list, [F_TIME] = row_time, [F_PID] = row_pid,
		[F_CREATOR] = row_creator,
	};

	cur_kind = k;
	print_header(k, f);
	if (k == K_SEM && f == F_PID)
		return 0;
	return for_each_rec(k, -1, row[f], NULL, NULL);
}

/* ------------------------------------------------------------ -l */

static int limits_msg(void)
{
	struct msginfo mi;

	if (msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) < 0) {
		cmd_warn("msgctl");
		return 1;
	}
	printf("------ Messages Limits --------\n");
	printf("max queues system wide = %d\n", mi.msgmni);
	print_limit("max size of message", (uint64_t)mi.msgmax, 0);
	print_limit("default max size of queue", (uint64_t)mi.msgmnb, 0);
	return 0;
}

/* SHMALL pages as bytes (or, kb, KiB), saturated to whole units as util-linux does. */
static uint64_t shm_total(unsigned long shmall, int kb)
{
	uint64_t per = (uint64_t)sysconf(_SC_PAGESIZE) / (kb ? 1024 : 1), total = shmall * per;

	if (shmall && total / shmall != per)
		total = UINT64_MAX - UINT64_MAX % per;
	return total;
}

static int limits_shm(void)
{
	struct shminfo si;

	if (shmctl(0, IPC_INFO, (struct shmid_ds *)&si) < 0) {
		cmd_warn("shmctl");
		return 1;
	}
	printf("------ Shared Memory Limits --------\n");
	printf("max number of segments = %lu\n", si.shmmni);
	print_limit("max seg size", si.shmmax, 1);
	if (unit == U_DEFAULT)   /* KiB computed in KiB: no overflow short of 2^64 KiB */
		printf("max total shared memory (kbytes) = %llu\n",
		       (unsigned long long)shm_total(si.shmall, 1));
	else
		print_limit("max total shared memory", shm_total(si.shmall, 0), 0);
	print_limit("min seg size", si.shmmin, 0);
	return 0;
}

static int limits_sem(void)
{
	struct seminfo si;
	union semun arg = { .__buf = &si };

	if (semctl(0, 0, IPC_INFO, arg) < 0) {
		cmd_warn("semctl");
		return 1;
	}
	printf("------ Semaphore Limits --------\n");
	printf("max number of arrays = %d\n", si.semmni);
	printf("max semaphores per array = %d\n", si.semmsl);
	printf("max semaphores system wide = %d\n", si.semmns);
	printf("max ops per semop call = %d\n", si.semopm);
	printf("semaphore max value = %u\n", (unsigned int)si.semvmx);
	return 0;
}

/* ------------------------------------------------------------ -u */

static int summary_msg(void)
{
	struct msginfo mi;
	char buf[48];

	if (msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) < 0) {
		cmd_warn("msgctl");
		return 1;
	}
	printf("------ Messages Status --------\n");
	printf("allocated queues = %d\n", mi.msgpool);
	printf("used headers = %d\n", mi.msgmap);
	if (unit == U_HUMAN)
		printf("used space = %s\n", human_size((unsigned int)mi.msgtql, buf));
	else if (unit == U_BYTES)
		printf("used space (bytes) = %d\n", mi.msgtql);
	else
		printf("used space = %d bytes\n", mi.msgtql);
	return 0;
}

static int summary_shm(void)
{
	struct shm_info si;

	if (shmctl(0, SHM_INFO, (struct shmid_ds *)&si) < 0) {
		cmd_warn("shmctl");
		return 1;
	}
	printf("------ Shared Memory Status --------\n");
	printf("segments allocated %d\n", si.used_ids);
	printf("pages allocated %lu\n", si.shm_tot);
	printf("pages resident  %lu\n", si.shm_rss);
	printf("pages swapped   %lu\n", si.shm_swp);
	printf("Swap performance: %lu attempts\t %lu successes\n", si.swap_attempts,
	       si.swap_successes);
	return 0;
}

static int summary_sem(void)
{
	struct seminfo si;
	union semun arg = { .__buf = &si };

	if (semctl(0, 0, SEM_INFO, arg) < 0) {
		cmd_warn("semctl");
		return 1;
	}
	printf("------ Semaphore Status --------\n");
	printf("used arrays = %d\n", si.semusz);
	printf("allocated semaphores = %d\n", si.semaem);
	return 0;
}

/* ------------------------------------------------------------ -i */

static void detail_msg(const struct ipc_rec *r)
{
	struct msqid_ds ds;
	unsigned long qbytes = msgctl(r->id, IPC_STAT, &ds) == 0 ? ds.msg_qbytes : 0;
	char a[48], b[48];

	printf("\nMessage Queue msqid=%d\n", r->id);
	printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\tmode=%#o\n", r->uid, r->gid, r->cuid, r->cgid,
	       r->mode);
	if (unit == U_HUMAN)
		printf("csize=%s\tqsize=%s", human_size(r->bytes, a), human_size(qbytes, b));
	else
		printf("cbytes=%lu\tqbytes=%lu", r->bytes, qbytes);
	printf("\tqnum=%lu\tlspid=%d\tlrpid=%d\n", r->count, r->pid1, r->pid2);
	printf("send_time=%-26.24s\n", time_str(r->t1, 0));
	printf("rcv_time=%-26.24s\n", time_str(r->t2, 0));
	printf("change_time=%-26.24s\n", time_str(r->t3, 0));
	printf("\n");
}

static void detail_shm(const struct ipc_rec *r)
{
	char a[48];

	printf("\nShared memory Segment shmid=%d\n", r->id);
	printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\n", r->uid, r->gid, r->cuid, r->cgid);
	printf("mode=%#o\taccess_perms=%#o\n", r->mode, r->mode & 0777);
	if (unit == U_HUMAN)
		printf("size=%s", human_size(r->bytes, a));
	else
		printf("bytes=%lu", r->bytes);
	printf("\tlpid=%d\tcpid=%d\tnattch=%lu\n", r->pid2, r->pid1, r->count);
	printf("att_time=%-26.24s\n", time_str(r->t1, 0));
	printf("det_time=%-26.24s\n", time_str(r->t2, 0));
	printf("change_time=%-26.24s\n", time_str(r->t3, 0));
	printf("\n");
}

/* The sem -i table: one row per semaphore; 1 (warned) if semctl fails. */
static int sem_values(const struct ipc_rec *r)
{
	static const int cmds[4] = { GETVAL, GETNCNT, GETZCNT, GETPID };
	int v[4];

	printf("%-10s %-10s %-10s %-10s %-10s\n", "semnum", "value", "ncount", "zcount", "pid");
	for (unsigned long i = 0; i < r->count; i++) {
		for (int c = 0; c < 4; c++) {
			v[c] = semctl(r->id, (int)i, cmds[c]);
			if (v[c] < 0) {
				cmd_warn("semctl failed");
				return 1;
			}
		}
		printf("%-10lu %-10d %-10d %-10d %-10d\n", i, v[0], v[1], v[2], v[3]);
	}
	return 0;
}

static int detail_sem(const struct ipc_rec *r)
{
	printf("\nSemaphore Array semid=%d\n", r->id);
	printf("uid=%u\t gid=%u\t cuid=%u\t cgid=%u\n", r->uid, r->gid, r->cuid, r->cgid);
	printf("mode=%#o, access_perms=%#o\n", r->mode, r->mode & 0777);
	printf("nsems = %lu\n", r->count);
	printf("otime = %-26.24s\n", time_str(r->t1, 0));
	printf("ctime = %-26.24s\n", time_str(r->t2, 0));
	if (sem_values(r))
		return 1;
	printf("\n");
	return 0;
}

static int show_one(enum ipcs_kind k, int id)
{
	struct ipc_rec r;
	int hit = 0;

	if (for_each_rec(k, id, NULL, &r, &hit))
		return 1;
	if (!hit) {
		cmd_warnx("id %d not found", id);
		return 0;
	}
	if (k == K_MSG)
		detail_msg(&r);
	else if (k == K_SHM)
		detail_shm(&r);
	else
		return detail_sem(&r);
	return 0;
}

/* ------------------------------------------------------------ main */

static void usage(FILE *out)
{
	fputs("\nUsage:\n"
	      " ipcs [resource-option...] [output-option]\n"
	      " ipcs -m|-q|-s -i <id>\n\n"
	      "Show information on IPC facilities.\n\n"
	      "Options:\n"
	      " -i, --id <id>  print details on resource identified by <id>\n"
	      " -h, --help     display this help\n"
	      " -V, --version  display version\n\n"
	      "Resource options:\n"
	      " -m, --shmems      shared memory segments\n"
	      " -q, --queues      message queues\n"
	      " -s, --semaphores  semaphores\n"
	      " -a, --all         all (default)\n\n"
	      "Output options:\n"
	      " -t, --time        show attach, detach and change times\n"
	      " -p, --pid         show PIDs of creator and last operator\n"
	      " -c, --creator     show creator and owner\n"
	      " -l, --limits      show resource limits\n"
	      " -u, --summary     show status summary\n"
	      "     --human       show sizes in human-readable format\n"
	      " -b, --bytes       show sizes in bytes\n\n"
	      "For more details see ipcs(1).\n",
	      out);
	exit(0);
}

static void try_help(void)
{
	fprintf(stderr, "Try 'ipcs --help' for more information.\n");
	exit(1);
}

/* -i's argument: a decimal int (util-linux's strtos32_or_err messages). */
static int parse_id(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == 0 && (v < INT_MIN || v > INT_MAX))
		errno = ERANGE;
	if (errno == ERANGE) {
		cmd_warn("failed to parse id argument: '%s'", s);
		exit(1);
	}
	if (end == s || *end) {
		cmd_warnx("failed to parse id argument: '%s'", s);
		exit(1);
	}
	return (int)v;
}

enum { OPT_HUMAN = 0x100 };

static const struct option longopts[] = {
	{ "id", required_argument, NULL, 'i' },   { "queues", no_argument, NULL, 'q' },
	{ "shmems", no_argument, NULL, 'm' },     { "semaphores", no_argument, NULL, 's' },
	{ "all", no_argument, NULL, 'a' },        { "time", no_argument, NULL, 't' },
	{ "pid", no_argument, NULL, 'p' },        { "creator", no_argument, NULL, 'c' },
	{ "limits", no_argument, NULL, 'l' },     { "summary", no_argument, NULL, 'u' },
	{ "human", no_argument, NULL, OPT_HUMAN }, { "bytes", no_argument, NULL, 'b' },
	{ "version", no_argument, NULL, 'V' },    { "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int show_section(enum ipcs_kind k, enum ipcs_format f)
{
	static int (*const special[2][K_NR])(void) = {
		{ limits_msg, limits_shm, limits_sem },
		{ summary_msg, summary_shm, summary_sem },
	};

	if (f == F_LIMITS || f == F_SUMMARY)
		return special[f - F_LIMITS][k]();
	return show_table(k, f);
}

int main(int argc, char **argv)
{
	enum ipcs_format format = F_LIST;
	int c, want[K_NR] = { 0 }, nwant, id = 0, specific = 0, status = 0;

	while ((c = getopt_long(argc, argv, "i:qmsatpclubVh", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': id = parse_id(optarg); specific = 1; break;
		case 'q': want[K_MSG] = 1; break;
		case 'm': want[K_SHM] = 1; break;
		case 's': want[K_SEM] = 1; break;
		case 'a': want[K_MSG] = want[K_SHM] = want[K_SEM] = 1; break;
		case 't': format = F_TIME; break;
		case 'p': format = F_PID; break;
		case 'c': format = F_CREATOR; break;
		case 'l': format = F_LIMITS; break;
		case 'u': format = F_SUMMARY; break;
		case 'b': unit = U_BYTES; break;
		case OPT_HUMAN: unit = U_HUMAN; break;
		case 'h': usage(stdout); break;
		case 'V': printf("ipcs (Kestrel user/cmd)\n"); return 0;
		default: try_help();
		}
	}
	nwant = want[K_MSG] + want[K_SHM] + want[K_SEM];
	if (specific) {
		if (nwant != 1) {
			cmd_warnx("when using an ID, a single resource must be specified");
			return 1;
		}
		return show_one(want[K_MSG] ? K_MSG : want[K_SHM] ? K_SHM : K_SEM, id);
	}
	if (!nwant)
		want[K_MSG] = want[K_SHM] = want[K_SEM] = 1;
	printf("\n");
	for (int k = 0; k < K_NR; k++) {
		if (!want[k])
			continue;
		status |= show_section(k, format);
		printf("\n");
	}
	return status;
}

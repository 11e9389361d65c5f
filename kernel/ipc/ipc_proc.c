/*
 * System V IPC under /proc: the limits in /proc/sys/kernel/ (msgmax,
 * msgmnb, msgmni, sem, shmmax, shmall, shmmni) and the object tables in
 * /proc/sysvipc/{msg,sem,shm}, in Linux's formats. procfs
 * (kernel/fs/proc/root.c) only lists the names and calls in here by name.
 *
 * Interface (ipc/ipc.h): ipc_sysctl_show, ipc_sysctl_write,
 * ipc_sysvipc_show, and ipc_proc_walk for the kinds' row printers.
 *
 * The limits live in ipc_limits (util.c); a write stores each value with
 * WRITE_ONCE and the IPC code reads them with READ_ONCE when it checks
 * (a new queue's msg_qbytes, msgsnd's size, semget, semop, shmget, the
 * object counts), so a change applies to what is done after it. Existing
 * queues keep their msg_qbytes (as on Linux). No lock: each value is one
 * word; "sem" is four independent words.
 *
 * Validation is Linux's (proc_dointvec_minmax / proc_doulongvec_minmax):
 * whitespace-separated numbers (decimal, 0x hex or 0 octal), EINVAL for
 * garbage, a negative number or a value out of range; msgmax and msgmnb
 * 0..INT_MAX, msgmni and shmmni 0..IPCMNI, shmmax and shmall any unsigned
 * long. "sem" takes one to four numbers (SEMMSL SEMMNS SEMOPM SEMMNI) and
 * sets those given; SEMMNI 0..IPCMNI. Kestrel also refuses negative
 * values for the first three, which Linux stores (and then misbehaves).
 */
#include <fs/procfs.h>
#include <ipc/ipc.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define INT_MAX_VAL 0x7fffffffUL

/* One sysctl file: a single value of ipc_limits (sem is handled apart). */
struct ipc_sysctl {
	const char *name;
	void *val;           /* in ipc_limits */
	bool is_long;        /* unsigned long, else unsigned int */
	unsigned long max;
};

static const struct ipc_sysctl ipc_sysctls[] = {
	{ "msgmax", &ipc_limits.msgmax, false, INT_MAX_VAL },
	{ "msgmnb", &ipc_limits.msgmnb, false, INT_MAX_VAL },
	{ "msgmni", &ipc_limits.msgmni, false, IPCMNI },
	{ "shmall", &ipc_limits.shmall, true, ~0UL },
	{ "shmmax", &ipc_limits.shmmax, true, ~0UL },
	{ "shmmni", &ipc_limits.shmmni, false, IPCMNI },
};

static const struct ipc_sysctl *ipc_sysctl_find(const char *name)
{
	for (size_t i = 0; i < sizeof(ipc_sysctls) / sizeof(ipc_sysctls[0]); i++)
		if (!strcmp(ipc_sysctls[i].name, name))
			return &ipc_sysctls[i];
	return NULL;
}

int ipc_sysctl_show(struct seq_buf *s, const char *name)
{
	const struct ipc_sysctl *c = ipc_sysctl_find(name);

	if (!strcmp(name, "sem")) {
		seq_printf(s, "%u\t%u\t%u\t%u\n", READ_ONCE(ipc_limits.semmsl),
			   READ_ONCE(ipc_limits.semmns), READ_ONCE(ipc_limits.semopm),
			   READ_ONCE(ipc_limits.semmni));
		return 0;
	}
	if (!c)
		return -ENOENT;
	if (c->is_long)
		seq_printf(s, "%lu\n", READ_ONCE(*(unsigned long *)c->val));
	else
		seq_printf(s, "%u\n", READ_ONCE(*(unsigned int *)c->val));
	return 0;
}

static bool ipc_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Parse up to max whitespace-separated unsigned numbers of buf[n] into
 * vals, each at most lim[i]. The count parsed (>= 1), or -EINVAL for
 * nothing, garbage, a sign, too many numbers or a value out of range.
 */
static int ipc_parse_values(const char *buf, size_t n, unsigned long *vals,
			    const unsigned long *lim, int max)
{
	int count = 0;
	size_t i = 0;

	for (;;) {
		char tok[24];
		unsigned long long v;
		size_t len = 0;

		while (i < n && ipc_is_space(buf[i]))
			i++;
		if (i >= n || !buf[i])
			break;
		while (i < n && buf[i] && !ipc_is_space(buf[i])) {
			if (len + 1 >= sizeof(tok))
				return -EINVAL;
			tok[len++] = buf[i++];
		}
		tok[len] = '\0';
		if (count == max || tok[0] == '-' || tok[0] == '+')
			return -EINVAL;
		if (kstrtoull(tok, 0, &v) || v > lim[count])
			return -EINVAL;
		vals[count++] = (unsigned long)v;
	}
	return count ? count : -EINVAL;
}

static ssize_t ipc_sem_write(const char *buf, size_t n)
{
	static const unsigned long lim[4] = { INT_MAX_VAL, INT_MAX_VAL, INT_MAX_VAL, IPCMNI };
	unsigned int *fields[4] = { &ipc_limits.semmsl, &ipc_limits.semmns, &ipc_limits.semopm,
				    &ipc_limits.semmni };
	unsigned long vals[4];
	int count = ipc_parse_values(buf, n, vals, lim, 4);

	if (count < 0)
		return count;
	for (int i = 0; i < count; i++)
		WRITE_ONCE(*fields[i], (unsigned int)vals[i]);
	return (ssize_t)n;
}

ssize_t ipc_sysctl_write(const char *name, const char *buf, size_t n)
{
	const struct ipc_sysctl *c = ipc_sysctl_find(name);
	unsigned long v;
	int count;

	if (!strcmp(name, "sem"))
		return ipc_sem_write(buf, n);
	if (!c)
		return -ENOENT;
	count = ipc_parse_values(buf, n, &v, &c->max, 1);
	if (count < 0)
		return count;
	if (c->is_long)
		WRITE_ONCE(*(unsigned long *)c->val, v);
	else
		WRITE_ONCE(*(unsigned int *)c->val, (unsigned int)v);
	return (ssize_t)n;
}

/* ------------------------------------------------------------ /proc/sysvipc */

void ipc_proc_walk(struct seq_buf *s, struct ipc_ids *ids,
		   void (*row)(struct seq_buf *s, struct kern_ipc_perm *p),
		   void (*free)(struct kern_ipc_perm *p))
{
	unsigned int in_use, max_idx;

	ipc_ids_counts(ids, &in_use, &max_idx);
	for (unsigned int idx = 0; idx < max_idx; idx++) {
		struct kern_ipc_perm *p = ipc_get_at(ids, idx);

		if (!p)
			continue;
		row(s, p);
		ipc_put(p, free);
	}
}

int ipc_sysvipc_show(struct seq_buf *s, const char *kind)
{
	if (!strcmp(kind, "msg"))
		msg_proc_show(s);
	else if (!strcmp(kind, "sem"))
		sem_proc_show(s);
	else if (!strcmp(kind, "shm"))
		shm_proc_show(s);
	else
		return -ENOENT;
	return 0;
}

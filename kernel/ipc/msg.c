/*
 * System V message queues: msgget, msgsnd, msgrcv, msgctl.
 *
 * A queue (struct msg_queue) holds its messages in arrival order, the
 * receivers sleeping for a message they can take and the senders
 * sleeping for room. Wake-ups are precise: a sender hands its message
 * straight to the first sleeping receiver that wants it (which is then
 * woken with it, the message never queued); a receiver that frees room
 * wakes only the sleeping senders whose messages now fit, in order.
 * Removal wakes everyone with -EIDRM. Sleeps are interruptible: a signal
 * ends them with -ERESTARTNOHAND (EINTR once a handler ran; never
 * restarted under SA_RESTART, as on Linux).
 *
 * Locks: the table's "ipc_ids" (util.c) to find a queue; the queue's
 * "msg_queue" spinlock for everything in it ([L] below). Message text is
 * copied from and to user memory with no lock held: msgsnd copies before
 * it locks, msgrcv after it has taken the message off the queue (so a
 * bad buffer loses the message, as on Linux).
 */
#include <fs/procfs.h>
#include <ipc/ipc.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <lib/list.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <uapi/errno.h>

struct msg_msg {
	struct list_head node;   /* [L] in msg_queue.messages */
	long type;               /* [I] > 0 */
	size_t size;             /* [I] bytes of text */
	char text[];
};

struct msg_queue {
	struct kern_ipc_perm perm;      /* first: the id layer's part */
	long stime, rtime, ctime;       /* [L] */
	unsigned long cbytes, qnum;     /* [L] bytes and messages queued */
	unsigned long qbytes;           /* [L] the most bytes (and messages) it holds */
	int lspid, lrpid;               /* [L] */
	struct list_head messages;      /* [L] struct msg_msg, oldest first */
	struct list_head receivers;     /* [L] struct msg_receiver, in arrival order */
	struct list_head senders;       /* [L] struct msg_sender, in arrival order */
};

/* How msgrcv's type selects (Linux's SEARCH_*). */
enum msg_search { MSG_ANY, MSG_EQUAL, MSG_NOTEQUAL, MSG_LESSEQUAL };

/* A sleeping msgrcv. status: 1 waiting; 0 msg handed over; -E2BIG/-EIDRM. */
struct msg_receiver {
	struct list_head node;   /* [L] in receivers while status == 1 */
	struct task *task;
	int pid;                 /* its process id (msg_lrpid) */
	long type;
	enum msg_search mode;
	size_t maxsize;
	bool noerror;
	struct msg_msg *msg;     /* [L] */
	int status;              /* [L] */
};

/* A sleeping msgsnd. */
struct msg_sender {
	struct list_head node;   /* [L] in senders */
	struct task *task;
	size_t size;
};

/* Messages and bytes in every queue (MSG_INFO). */
static atomic_t msg_total_msgs, msg_total_bytes;

static struct msg_queue *to_msq(struct kern_ipc_perm *p)
{
	return container_of(p, struct msg_queue, perm);
}

static void msg_queue_free(struct kern_ipc_perm *p)
{
	struct msg_queue *q = to_msq(p);
	struct msg_msg *m, *n;

	list_for_each_entry_safe(m, n, &q->messages, node)
		kfree(m);
	kfree(q);
}

static struct kern_ipc_perm *msg_queue_create(int key, int flags, unsigned long arg)
{
	struct msg_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	(void)key, (void)flags, (void)arg;
	if (!q)
		return ERR_PTR(-ENOMEM);
	q->qbytes = READ_ONCE(ipc_limits.msgmnb);
	q->ctime = ipc_now();
	INIT_LIST_HEAD(&q->messages);
	INIT_LIST_HEAD(&q->receivers);
	INIT_LIST_HEAD(&q->senders);
	return &q->perm;
}

static int msg_queue_check(struct kern_ipc_perm *p, int flags, unsigned long arg)
{
	(void)p, (void)flags, (void)arg;
	return 0;
}

static unsigned int msg_limit(void)
{
	return READ_ONCE(ipc_limits.msgmni);
}

static const struct ipc_kind_ops msg_ops = {
	.create = msg_queue_create,
	.check = msg_queue_check,
	.free = msg_queue_free,
	.limit = msg_limit,
};

long sys_msgget(const struct syscall_args *args)
{
	return ipc_getcall(&msg_ids, &msg_ops, (int)args->a[0], (int)args->a[1], 0);
}

/* The queue with this id and a reference, or NULL. */
static struct msg_queue *msq_get(int id)
{
	struct kern_ipc_perm *p = ipc_get(&msg_ids, id);

	return p ? to_msq(p) : NULL;
}

static void msq_put(struct msg_queue *q)
{
	ipc_put(&q->perm, msg_queue_free);
}

static int msq_perm(struct msg_queue *q, unsigned int flag)
{
	struct ipc_cred c;

	ipc_cred_current(&c);
	return ipc_perm_check(&q->perm, &c, flag);
}

/* ------------------------------------------------------------ matching */

static bool msg_matches(const struct msg_msg *m, long type, enum msg_search mode)
{
	switch (mode) {
	case MSG_ANY:
		return true;
	case MSG_EQUAL:
		return m->type == type;
	case MSG_NOTEQUAL:
		return m->type != type;
	case MSG_LESSEQUAL:
		return m->type <= type;
	}
	return false;
}

/* The message msgrcv takes ([L]): the first match; for LESSEQUAL the lowest type. */
static struct msg_msg *msg_find(struct msg_queue *q, long type, enum msg_search mode)
{
	struct msg_msg *m, *best = NULL;

	list_for_each_entry(m, &q->messages, node) {
		if (!msg_matches(m, type, mode))
			continue;
		if (mode != MSG_LESSEQUAL)
			return m;
		if (!best || m->type < best->type)
			best = m;
	}
	return best;
}

/* Would a message of size bytes fit in q, with cbytes and qnum in it? */
static bool msg_fits(const struct msg_queue *q, size_t size, unsigned long cbytes,
		     unsigned long qnum)
{
	return cbytes + size <= q->qbytes && qnum + 1 <= q->qbytes;
}

/* Room was made ([L]): wake the sleeping senders that now fit, in order. */
static void msg_wake_senders(struct msg_queue *q)
{
	unsigned long cbytes = q->cbytes, qnum = q->qnum;
	struct msg_sender *s;

	list_for_each_entry(s, &q->senders, node) {
		if (!msg_fits(q, s->size, cbytes, qnum))
			break;
		cbytes += s->size;
		qnum++;
		wake_up_process(s->task);
	}
}

/*
 * Give m to the first sleeping receiver that wants it ([L]); receivers
 * whose buffer is too small get -E2BIG on the way. True if taken.
 */
static bool msg_hand_over(struct msg_queue *q, struct msg_msg *m)
{
	struct msg_receiver *r, *n;

	list_for_each_entry_safe(r, n, &q->receivers, node) {
		if (!msg_matches(m, r->type, r->mode))
			continue;
		list_del_init(&r->node);
		if (m->size > r->maxsize && !r->noerror) {
			WRITE_ONCE(r->status, -E2BIG);
			wake_up_process(r->task);
			continue;
		}
		r->msg = m;
		q->lrpid = r->pid;
		q->rtime = ipc_now();
		WRITE_ONCE(r->status, 0);
		wake_up_process(r->task);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------ msgsnd */

/* Wait for room for m in q ([L] held on entry and return). 0 or -Exxx. */
static int msg_wait_room(struct msg_queue *q, size_t size, int flags)
{
	struct msg_sender s = { .task = current, .size = size };
	int err;

	for (;;) {
		if (q->perm.deleted)
			return -EIDRM;
		err = msq_perm(q, 0222);
		if (err)
			return err;
		if (msg_fits(q, size, q->cbytes, q->qnum))
			return 0;
		if (flags & IPC_NOWAIT)
			return -EAGAIN;
		list_add_tail(&s.node, &q->senders);
		set_current_state(TASK_INTERRUPTIBLE);
		ipc_sleep_locked(&q->perm, 0);
		list_del(&s.node);
		if (signal_pending(current) && !q->perm.deleted)
			return -ERESTARTNOHAND;
	}
}

static long do_msgsnd(int id, struct msg_msg *m, int flags)
{
	struct msg_queue *q = msq_get(id);
	int err;

	if (!q)
		return -EINVAL;
	spin_lock(&q->perm.lock);
	err = msg_wait_room(q, m->size, flags);
	if (!err) {
		q->lspid = ipc_current_pid();
		q->stime = ipc_now();
		if (!msg_hand_over(q, m)) {
			list_add_tail(&m->node, &q->messages);
			q->cbytes += m->size;
			q->qnum++;
			atomic_inc(&msg_total_msgs);
			atomic_add_return(&msg_total_bytes, (int)m->size);
		}
	}
	spin_unlock(&q->perm.lock);
	msq_put(q);
	return err;
}

/* msgsnd(msqid, msgp, msgsz, msgflg) */
long sys_msgsnd(const struct syscall_args *args)
{
	int id = (int)args->a[0], flags = (int)args->a[3];
	const char __user *msgp = (const char __user *)args->a[1];
	long size = (long)args->a[2], type;
	struct msg_msg *m;
	long err;

	if (id < 0 || size < 0 || (unsigned long)size > READ_ONCE(ipc_limits.msgmax))
		return -EINVAL;
	if (get_user(type, (const long __user *)msgp))
		return -EFAULT;
	if (type < 1)
		return -EINVAL;
	m = kmalloc(sizeof(*m) + (size_t)size, GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->type = type;
	m->size = (size_t)size;
	if (copy_from_user(m->text, msgp + sizeof(long), (size_t)size)) {
		kfree(m);
		return -EFAULT;
	}
	err = do_msgsnd(id, m, flags);
	if (err)
		kfree(m);
	return err;
}

/* ------------------------------------------------------------ msgrcv */

/* Take m off q ([L]): counts, times, senders that now fit. */
static void msg_dequeue(struct msg_queue *q, struct msg_msg *m)
{
	list_del(&m->node);
	q->cbytes -= m->size;
	q->qnum--;
	atomic_dec(&msg_total_msgs);
	atomic_add_return(&msg_total_bytes, -(int)m->size);
	q->lrpid = ipc_current_pid();
	q->rtime = ipc_now();
	msg_wake_senders(q);
}

/* Find or wait for a message r asks for ([L] held). The message or ERR_PTR. */
static struct msg_msg *msg_wait_message(struct msg_queue *q, struct msg_receiver *r, int flags)
{
	for (;;) {
		struct msg_msg *m;
		int err;

		if (q->perm.deleted)
			return ERR_PTR(-EIDRM);
		err = msq_perm(q, 0444);
		if (err)
			return ERR_PTR(err);
		m = msg_find(q, r->type, r->mode);
		if (m) {
			if (m->size > r->maxsize && !r->noerror)
				return ERR_PTR(-E2BIG);
			msg_dequeue(q, m);
			return m;
		}
		if (flags & IPC_NOWAIT)
			return ERR_PTR(-ENOMSG);
		r->status = 1;
		list_add_tail(&r->node, &q->receivers);
		set_current_state(TASK_INTERRUPTIBLE);
		ipc_sleep_locked(&q->perm, 0);
		if (r->status == 0)
			return r->msg;
		if (r->status < 0)
			return ERR_PTR(r->status);
		list_del_init(&r->node);
		if (signal_pending(current))
			return ERR_PTR(-ERESTARTNOHAND);
	}
}

static void msg_search_mode(struct msg_receiver *r, long type, int flags)
{
	r->type = type;
	if (type == 0)
		r->mode = MSG_ANY;
	else if (type < 0) {
		r->mode = MSG_LESSEQUAL;
		r->type = type == (long)(1UL << 63) ? (long)(~0UL >> 1) : -type;
	} else
		r->mode = (flags & MSG_EXCEPT) ? MSG_NOTEQUAL : MSG_EQUAL;
}

/* The message at position nr (0 = oldest) of q ([L]), or NULL. */
static struct msg_msg *msg_nth(struct msg_queue *q, long nr)
{
	struct msg_msg *m;
	long i = 0;

	list_for_each_entry(m, &q->messages, node)
		if (i++ == nr)
			return m;
	return NULL;
}

/*
 * msgrcv with MSG_COPY (Linux's, for checkpoint/restore): copy message
 * number nr (0 = oldest) of the queue without taking it off; the queue's
 * times and pids are unchanged. Needs IPC_NOWAIT and not MSG_EXCEPT
 * (-EINVAL); -ENOMSG when there is no such message; -E2BIG when it is
 * longer than size, and -EINVAL then even with MSG_NOERROR (as Linux:
 * its copy buffer is too small). The bytes copied, or -Exxx.
 */
static long msg_copy(int id, char __user *msgp, size_t size, long nr, int flags)
{
	size_t cap = MIN(size, (size_t)READ_ONCE(ipc_limits.msgmax));
	struct msg_msg *copy, *m;
	struct msg_queue *q;
	long ret;

	if ((flags & MSG_EXCEPT) || !(flags & IPC_NOWAIT))
		return -EINVAL;
	copy = kmalloc(sizeof(*copy) + cap, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	q = msq_get(id);
	if (!q) {
		kfree(copy);
		return -EINVAL;
	}
	spin_lock(&q->perm.lock);
	ret = q->perm.deleted ? -EIDRM : msq_perm(q, 0444);
	m = ret ? NULL : msg_nth(q, nr);
	if (!ret && !m)
		ret = -ENOMSG;
	else if (m && m->size > size && !(flags & MSG_NOERROR))
		ret = -E2BIG;
	else if (m && m->size > cap)
		ret = -EINVAL;
	else if (m) {
		copy->type = m->type;
		copy->size = m->size;
		memcpy(copy->text, m->text, m->size);
	}
	spin_unlock(&q->perm.lock);
	msq_put(q);
	if (!ret && (put_user(copy->type, (long __user *)msgp) ||
		     copy_to_user(msgp + sizeof(long), copy->text, copy->size)))
		ret = -EFAULT;
	if (!ret)
		ret = (long)copy->size;
	kfree(copy);
	return ret;
}

/* msgrcv(msqid, msgp, msgsz, msgtyp, msgflg) */
long sys_msgrcv(const struct syscall_args *args)
{
	int id = (int)args->a[0], flags = (int)args->a[4];
	char __user *msgp = (char __user *)args->a[1];
	long size = (long)args->a[2];
	struct msg_receiver r = { .task = current, .pid = ipc_current_pid() };
	struct msg_queue *q;
	struct msg_msg *m;
	size_t n;

	if (id < 0 || size < 0)
		return -EINVAL;
	if (flags & MSG_COPY)
		return msg_copy(id, msgp, (size_t)size, (long)args->a[3], flags);
	INIT_LIST_HEAD(&r.node);
	r.maxsize = (size_t)size;
	r.noerror = flags & MSG_NOERROR;
	msg_search_mode(&r, (long)args->a[3], flags);
	q = msq_get(id);
	if (!q)
		return -EINVAL;
	spin_lock(&q->perm.lock);
	m = msg_wait_message(q, &r, flags);
	spin_unlock(&q->perm.lock);
	msq_put(q);
	if (IS_ERR(m))
		return PTR_ERR(m);
	n = m->size < (size_t)size ? m->size : (size_t)size;
	if (put_user(m->type, (long __user *)msgp) ||
	    copy_to_user(msgp + sizeof(long), m->text, n)) {
		kfree(m);
		return -EFAULT;
	}
	kfree(m);
	return (long)n;
}

/* ------------------------------------------------------------ msgctl */

static void msq_fill(struct msg_queue *q, struct msqid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm(&q->perm, &ds->msg_perm);
	ds->msg_stime = q->stime;
	ds->msg_rtime = q->rtime;
	ds->msg_ctime = q->ctime;
	ds->msg_cbytes = q->cbytes;
	ds->msg_qnum = q->qnum;
	ds->msg_qbytes = q->qbytes;
	ds->msg_lspid = q->lspid;
	ds->msg_lrpid = q->lrpid;
}

/* IPC_INFO / MSG_INFO: the limits, or (MSG_INFO) what is in use. */
static long msgctl_info(int cmd, void __user *buf)
{
	struct msginfo mi = {
		.msgmax = (int)READ_ONCE(ipc_limits.msgmax),
		.msgmnb = (int)READ_ONCE(ipc_limits.msgmnb),
		.msgmni = (int)READ_ONCE(ipc_limits.msgmni),
		.msgssz = MSGSSZ, .msgseg = MSGSEG,
		.msgpool = MSGPOOL, .msgmap = MSGMAP, .msgtql = MSGTQL,
	};
	unsigned int in_use, max_idx;

	ipc_ids_counts(&msg_ids, &in_use, &max_idx);
	if (cmd == MSG_INFO) {
		mi.msgpool = (int)in_use;
		mi.msgmap = atomic_read(&msg_total_msgs);
		mi.msgtql = atomic_read(&msg_total_bytes);
	}
	if (copy_to_user(buf, &mi, sizeof(mi)))
		return -EFAULT;
	return max_idx ? (long)max_idx - 1 : 0;
}

/* IPC_STAT (by id), MSG_STAT and MSG_STAT_ANY (by index: returns the id). */
static long msgctl_stat(int idx_or_id, int cmd, void __user *buf)
{
	struct kern_ipc_perm *p;
	struct msqid64_ds ds;
	struct msg_queue *q;
	long ret = 0;

	if (cmd == IPC_STAT)
		p = ipc_get(&msg_ids, idx_or_id);
	else
		p = idx_or_id < 0 ? NULL : ipc_get_at(&msg_ids, (unsigned int)idx_or_id);
	if (!p)
		return -EINVAL;
	q = to_msq(p);
	spin_lock(&p->lock);
	if (cmd != MSG_STAT_ANY)
		ret = msq_perm(q, 0444);
	msq_fill(q, &ds);
	spin_unlock(&p->lock);
	if (!ret && cmd != IPC_STAT)
		ret = p->id;
	msq_put(q);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* Remove q ([L] not held): wake every sleeper with -EIDRM, drop the messages. */
static void msq_remove(struct msg_queue *q)
{
	struct msg_receiver *r, *rn;
	struct msg_sender *s;
	struct msg_msg *m, *mn;

	if (!ipc_unlink(&msg_ids, &q->perm))
		return;
	spin_lock(&q->perm.lock);
	q->perm.deleted = true;
	list_for_each_entry_safe(r, rn, &q->receivers, node) {
		list_del_init(&r->node);
		WRITE_ONCE(r->status, -EIDRM);
		wake_up_process(r->task);
	}
	list_for_each_entry(s, &q->senders, node)
		wake_up_process(s->task);
	list_for_each_entry_safe(m, mn, &q->messages, node) {
		list_del(&m->node);
		atomic_dec(&msg_total_msgs);
		atomic_add_return(&msg_total_bytes, -(int)m->size);
		kfree(m);
	}
	q->cbytes = q->qnum = 0;
	spin_unlock(&q->perm.lock);
	msq_put(q);   /* the table's reference */
}

/* IPC_SET and IPC_RMID: the owner (or root) only. */
static long msgctl_change(int id, int cmd, void __user *buf)
{
	struct msqid64_ds ds;
	struct msg_queue *q;
	struct ipc_cred c;
	long ret = 0;

	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	q = msq_get(id);
	if (!q)
		return -EINVAL;
	ipc_cred_current(&c);
	spin_lock(&q->perm.lock);
	if (!ipc_is_owner(&q->perm, &c))
		ret = -EPERM;
	else if (cmd == IPC_SET && ds.msg_qbytes > READ_ONCE(ipc_limits.msgmnb) && c.euid != 0)
		ret = -EPERM;
	else if (cmd == IPC_SET) {
		ipc_set_perm(&q->perm, &ds.msg_perm);
		q->qbytes = ds.msg_qbytes;
		q->ctime = ipc_now();
		msg_wake_senders(q);
	}
	spin_unlock(&q->perm.lock);
	if (!ret && cmd == IPC_RMID)
		msq_remove(q);
	msq_put(q);
	return ret;
}

/* msgctl(msqid, cmd, buf) */
long sys_msgctl(const struct syscall_args *args)
{
	int id = (int)args->a[0], cmd = (int)args->a[1] & ~IPC_64;
	void __user *buf = (void __user *)args->a[2];

	if (id < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(cmd, buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msgctl_stat(id, cmd, buf);
	case IPC_SET:
	case IPC_RMID:
		return msgctl_change(id, cmd, buf);
	default:
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ /proc/sysvipc/msg */

static void msg_proc_row(struct seq_buf *s, struct kern_ipc_perm *p)
{
	struct msg_queue *q = to_msq(p);

	spin_lock(&p->lock);
	seq_printf(s, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10llu %10llu %10llu\n",
		   p->key, p->id, p->mode, q->cbytes, q->qnum, (unsigned int)q->lspid,
		   (unsigned int)q->lrpid, p->uid, p->gid, p->cuid, p->cgid,
		   (unsigned long long)q->stime, (unsigned long long)q->rtime,
		   (unsigned long long)q->ctime);
	spin_unlock(&p->lock);
}

void msg_proc_show(struct seq_buf *s)
{
	seq_puts(s, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  "
		    "cuid  cgid      stime      rtime      ctime\n");
	ipc_proc_walk(s, &msg_ids, msg_proc_row, msg_queue_free);
}

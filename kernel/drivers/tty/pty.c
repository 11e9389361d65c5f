/*
 * Pseudo-terminals (interface in <tty/tty.h>): opening /dev/ptmx (5:2)
 * makes a pair of ttys, the master (what opened ptmx) and the slave
 * (136:N, N = the pair's index). Bytes written to one side arrive as the
 * other side's input: what the master writes goes through the slave's
 * line discipline (editing, echo, signals of ^C ^Z to the slave's
 * foreground group); what the slave writes (after OPOST) is read raw from
 * the master, which has a raw termios of its own (its termios ioctls act
 * on the slave, as on Linux).
 *
 * ioctls of the master: TIOCGPTN (the index), TIOCSPTLCK/TIOCGPTLCK (a new
 * slave is locked until unlockpt), TIOCGPTPEER (a new fd on the slave,
 * Linux 4.13's way to open it without a path). There is no devpts: no
 * /dev/pts/N names (glibc's ptsname() fails); a node made with mknod
 * 136:N opens the slave.
 *
 * Transfer. A side's ops->write runs under its own tty_lock, and the
 * receiving side's input path takes the other tty_lock, in both
 * directions (the slave's echo goes back to the master): taking one
 * under the other would deadlock. So write only appends to the pair's
 * transfer ring for that direction (pty_lock, a leaf), and ops->kick,
 * called after tty_lock is dropped, delivers the ring to the peer with
 * tty_receive(). One deliverer per direction at a time keeps the order.
 * Flow control: write_room is what the peer's read buffer can still take,
 * so a writer waits (on its write_wait) while the peer does not read; the
 * peer's reads wake it (ops->unthrottle).
 *
 * Closing: when one side's last file closes, the other sees other_closed
 * (master reads: -EIO; slave reads: 0, end of file; writes -EIO; poll
 * POLLHUP); when the master goes, the slave's session loses it and its
 * foreground group gets SIGHUP and SIGCONT. When both are closed (and no
 * other last_close still runs), the pair is taken out of the table and
 * the tty list and freed.
 *
 * Locks: "pty_table_lock" (spin) guards ptys[] and the open counts taken
 * through it; it is taken before tty_list_lock and tty_lock. "pty_lock"
 * (spin, one per pair) guards the transfer rings and `locked`; a leaf.
 */
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "tty_internal.h"

#define PTY_XFER 1024   /* transfer ring per direction; a power of two */

#define TIOCGPTN    0x80045430u
#define TIOCSPTLCK  0x40045431u
#define TIOCGPTLCK  0x80045439u
#define TIOCGPTPEER 0x5441u

struct pty {
	struct tty tty[2];                /* [0] the master, [1] the slave */
	u32 index;                        /* [I] */
	unsigned int closing;             /* [pty_table_lock] last_close calls running */
	struct spinlock lock;             /* pty_lock: the fields below */
	bool locked;                      /* the slave may not be opened (TIOCSPTLCK) */
	bool delivering[2];               /* someone is delivering direction d */
	u32 head[2], tail[2];             /* ring d: written by tty[d], for tty[1 - d] */
	char ring[2][PTY_XFER];
};

static struct spinlock pty_table_lock = SPINLOCK_INIT("pty_table_lock");
static struct pty *ptys[PTY_MAX];     /* [pty_table_lock] */

static struct pty *pty_of(struct tty *tty) { return tty->driver_data; }
static int side_of(struct tty *tty) { return tty->pty_master ? 0 : 1; }

/* [tty_lock of tty] Append to tty's direction; write_room keeps it from overflowing. */
static void pty_write(struct tty *tty, const char *buf, size_t n)
{
	struct pty *p = pty_of(tty);
	int d = side_of(tty);

	spin_lock(&p->lock);
	for (size_t i = 0; i < n && p->head[d] - p->tail[d] < PTY_XFER; i++)
		p->ring[d][p->head[d]++ % PTY_XFER] = buf[i];
	spin_unlock(&p->lock);
}

/* [tty_lock of tty] What the peer's read buffer can still take, less what is on its way. */
static unsigned int pty_write_room(struct tty *tty)
{
	struct pty *p = pty_of(tty);
	struct tty *peer = tty->link;
	int d = side_of(tty);
	u32 used = READ_ONCE(peer->ldata.read_head) - READ_ONCE(peer->ldata.read_tail);
	u32 queued, room = used < N_TTY_BUF_SIZE - 1 ? N_TTY_BUF_SIZE - 1 - used : 0;

	spin_lock(&p->lock);
	queued = p->head[d] - p->tail[d];
	spin_unlock(&p->lock);
	/* a canonical peer without a whole line drops what does not fit but must see the line end */
	if ((READ_ONCE(peer->termios.c_lflag) & ICANON) &&
	    READ_ONCE(peer->ldata.canon_head) == READ_ONCE(peer->ldata.read_tail))
		return PTY_XFER - queued;
	room = room > queued ? room - queued : 0;
	return MIN(room, PTY_XFER - queued);
}

/* Deliver tty's direction to its peer (no locks held on entry). */
static void pty_kick(struct tty *tty)
{
	struct pty *p = pty_of(tty);
	int d = side_of(tty);
	char chunk[64];
	size_t n;

	spin_lock(&p->lock);
	if (p->delivering[d]) {
		spin_unlock(&p->lock);
		return;   /* the deliverer sees our bytes before it stops */
	}
	p->delivering[d] = true;
	while (p->head[d] != p->tail[d]) {
		for (n = 0; n < sizeof(chunk) && p->tail[d] != p->head[d]; n++)
			chunk[n] = p->ring[d][p->tail[d]++ % PTY_XFER];
		spin_unlock(&p->lock);
		tty_receive(tty->link, chunk, n);
		spin_lock(&p->lock);
	}
	p->delivering[d] = false;
	spin_unlock(&p->lock);
}

/* A read on tty made room: the peer's writers may go on. */
static void pty_unthrottle(struct tty *tty)
{
	wake_up_all(&tty->link->write_wait);
}

static void pty_free(struct pty *p)
{
	kfree(p);
}

static void pty_last_close(struct tty *tty)
{
	struct pty *p = pty_of(tty);
	struct tty *peer = tty->link;
	int sid;
	bool gone;

	spin_lock(&pty_table_lock);
	p->closing++;   /* the other side's last close must not free p under us */
	spin_unlock(&pty_table_lock);
	spin_lock(&peer->lock);
	peer->other_closed = true;
	spin_unlock(&peer->lock);
	wake_up_all(&peer->read_wait);
	wake_up_all(&peer->write_wait);
	if (tty->pty_master) {
		spin_lock(&peer->lock);
		sid = peer->session;
		spin_unlock(&peer->lock);
		if (sid)
			tty_disassociate(peer, sid, true);   /* hang up the slave's session */
	}
	spin_lock(&pty_table_lock);
	gone = --p->closing == 0 && tty_unregister_if_unused(&p->tty[1]);
	if (gone)
		ptys[p->index] = NULL;
	spin_unlock(&pty_table_lock);
	if (gone)
		pty_free(p);
}

/* TIOCGPTPEER: a new file on the slave, installed as an fd. */
static long pty_open_peer(struct pty *p, unsigned long flags)
{
	struct inode *inode;
	struct file *f;
	int fd;

	if (flags & ~(unsigned long)(O_ACCMODE | O_NOCTTY | O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	inode = kdevfs_inode_new(S_IFCHR | 0620, MKDEV(PTY_SLAVE_MAJOR, p->index));
	if (!inode)
		return -ENOMEM;
	f = file_alloc_open(inode, (int)flags);
	iput(inode);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(f, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

static long pty_ioctl(struct tty *tty, struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pty *p = pty_of(tty);
	int v;

	(void)file;
	if (!tty->pty_master)
		return -ENOIOCTLCMD;
	switch (cmd) {
	case TIOCGPTN:
		v = (int)p->index;
		return copy_to_user((void *)arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSPTLCK:
		if (copy_from_user(&v, (const void *)arg, sizeof(v)))
			return -EFAULT;
		spin_lock(&p->lock);
		p->locked = v != 0;
		spin_unlock(&p->lock);
		return 0;
	case TIOCGPTLCK:
		spin_lock(&p->lock);
		v = p->locked;
		spin_unlock(&p->lock);
		return copy_to_user((void *)arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCGPTPEER:
		return pty_open_peer(p, arg);
	default:
		return -ENOIOCTLCMD;
	}
}

static const struct tty_operations pty_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.kick = pty_kick,
	.unthrottle = pty_unthrottle,
	.last_close = pty_last_close,
	.ioctl = pty_ioctl,
};

/* The master's termios: raw both ways, as Linux's pty master. */
static void pty_master_termios(struct termios *t)
{
	t->c_iflag = 0;
	t->c_oflag = 0;
	t->c_lflag = 0;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

static struct pty *pty_alloc(u32 index)
{
	struct pty *p = kzalloc(sizeof(*p), 0);

	if (!p)
		return NULL;
	p->index = index;
	p->locked = true;
	spin_lock_init(&p->lock, "pty_lock");
	tty_init(&p->tty[0], "ptm", &pty_ops, p);
	tty_init(&p->tty[1], "pts", &pty_ops, p);
	p->tty[0].pty_master = true;
	p->tty[0].link = &p->tty[1];
	p->tty[1].link = &p->tty[0];
	pty_master_termios(&p->tty[0].termios);
	p->tty[0].count = 1;   /* the opener's */
	return p;
}

struct tty *pty_open_master(void)
{
	struct pty *p = NULL;
	u32 i;

	spin_lock(&pty_table_lock);
	for (i = 0; i < PTY_MAX && ptys[i]; i++)
		;
	if (i < PTY_MAX)
		ptys[i] = (struct pty *)ERR_PTR(-EBUSY);   /* reserved while we allocate */
	spin_unlock(&pty_table_lock);
	if (i == PTY_MAX)
		return ERR_PTR(-ENOSPC);
	p = pty_alloc(i);
	spin_lock(&pty_table_lock);
	ptys[i] = p;
	spin_unlock(&pty_table_lock);
	if (!p)
		return ERR_PTR(-ENOMEM);
	tty_register(&p->tty[1]);   /* the slave can be a controlling terminal */
	return &p->tty[0];
}

/* The slave of p with one more open count (pty_table_lock held), or ERR_PTR(-EIO). */
static struct tty *pty_get_slave(struct pty *p)
{
	struct tty *master = &p->tty[0], *slave = &p->tty[1];
	bool locked, master_open;

	spin_lock(&p->lock);
	locked = p->locked;
	spin_unlock(&p->lock);
	spin_lock(&master->lock);
	master_open = master->count > 0;
	if (master_open && !locked)
		master->other_closed = false;   /* the master sees a slave again */
	spin_unlock(&master->lock);
	if (locked || !master_open)
		return ERR_PTR(-EIO);
	spin_lock(&slave->lock);
	slave->count++;
	spin_unlock(&slave->lock);
	return slave;
}

struct tty *pty_open_slave(u32 index)
{
	struct tty *tty = ERR_PTR(-ENXIO);
	struct pty *p;

	if (index >= PTY_MAX)
		return tty;
	spin_lock(&pty_table_lock);
	p = ptys[index];
	if (p && !IS_ERR(p))
		tty = pty_get_slave(p);
	spin_unlock(&pty_table_lock);
	return tty;
}

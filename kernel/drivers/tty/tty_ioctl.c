/*
 * Terminal ioctls (tty_fops->ioctl; Linux's tty_ioctl and tty_jobctrl
 * rules and errnos):
 *
 *   TCGETS, TCSETS, TCSETSW, TCSETSF (W: output drained first; F: input
 *       flushed too), TCSBRK (tcdrain), TCXONC (tcflow), TCFLSH (tcflush);
 *       the setters are subject to job control (SIGTTOU, tty_check_change)
 *   TIOCGPGRP, TIOCSPGRP (-ENOTTY unless it is the caller's controlling
 *       tty, -EINVAL, -ESRCH, -EPERM for a group of another session),
 *       TIOCGSID
 *   TIOCSCTTY (a session leader without one takes it; arg 1 lets root
 *       steal it from another session), TIOCNOTTY
 *   TIOCGWINSZ, TIOCSWINSZ (SIGWINCH to the foreground group on change)
 *   FIONREAD (bytes a read could take now)
 * The driver's own (ops->ioctl: the pty's TIOCGPTN, TIOCSPTLCK, ...) are
 * tried first. On a pty master the termios, window and group ioctls act
 * on its slave, as on Linux. Everything else: -ENOTTY.
 *
 * Locks: tty_lock around each change (tty.h); user copies and signals
 * outside it.
 */
#include <fs/file.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/task.h>
#include <tty/tty.h>
#include <uapi/errno.h>

#include "tty_internal.h"
#include "tty_signal.h"

static int put_int(unsigned long arg, int v)
{
	return copy_to_user((void *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

/* Is tty the caller's controlling terminal? Its session in *sid. */
static bool is_ctty(struct tty *tty, int *pgrp, int *sid)
{
	tty_current_ids(pgrp, sid);
	return *sid && READ_ONCE(tty->session) == *sid;
}

static int tty_tcsets(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	struct termios t, old;
	int err = tty_check_change(tty);

	if (err)
		return err;
	if (copy_from_user(&t, (const void *)arg, sizeof(t)))
		return -EFAULT;
	spin_lock(&tty->lock);
	if (cmd != TCSETS && tty->ops->drain)
		tty->ops->drain(tty);
	old = tty->termios;
	tty->termios = t;
	n_tty_termios_changed(tty, &old);
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	if (!(t.c_iflag & IXON))
		tty->stopped = false;
	spin_unlock(&tty->lock);
	wake_up_all(&tty->read_wait);   /* a mode change may make input readable */
	wake_up_all(&tty->write_wait);
	return 0;
}

static int tty_tcflow(struct tty *tty, unsigned long arg)
{
	int err = tty_check_change(tty);
	char c;

	if (err)
		return err;
	spin_lock(&tty->lock);
	switch (arg) {
	case TCOOFF:
	case TCOON:
		tty->stopped = arg == TCOOFF;
		break;
	case TCIOFF:
	case TCION:
		c = (char)tty->termios.c_cc[arg == TCIOFF ? VSTOP : VSTART];
		tty->ops->write(tty, &c, 1);
		break;
	default:
		err = -EINVAL;
	}
	spin_unlock(&tty->lock);
	wake_up_all(&tty->write_wait);
	return err;
}

static int tty_tcflush(struct tty *tty, unsigned long arg)
{
	int err = tty_check_change(tty);

	if (err)
		return err;
	if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
		return -EINVAL;
	spin_lock(&tty->lock);
	if (arg != TCOFLUSH)
		n_tty_flush_input(tty);   /* output is in the driver already: nothing to drop */
	spin_unlock(&tty->lock);
	return 0;
}

static int tty_tcdrain(struct tty *tty)
{
	int err = tty_check_change(tty);

	if (err)
		return err;
	spin_lock(&tty->lock);
	if (tty->ops->drain)
		tty->ops->drain(tty);
	spin_unlock(&tty->lock);
	return 0;
}

static int tiocspgrp(struct tty *tty, unsigned long arg)
{
	int pgrp, sid, want, psid;
	int err = tty_check_change(tty);

	if (err)
		return err == -EIO ? -ENOTTY : err;
	if (copy_from_user(&want, (const void *)arg, sizeof(want)))
		return -EFAULT;
	if (want < 0)
		return -EINVAL;
	if (!is_ctty(tty, &pgrp, &sid))
		return -ENOTTY;
	psid = tty_pgrp_session(want);
	if (!psid)
		return -ESRCH;
	if (psid != sid)
		return -EPERM;
	spin_lock(&tty->lock);
	if (tty->session == sid)
		tty->pgrp = want;
	else
		err = -ENOTTY;
	spin_unlock(&tty->lock);
	return err;
}

static int tiocsctty(struct tty *tty, struct file *file, unsigned long arg)
{
	struct process *p = current->proc;
	int pgrp, sid, err = 0;

	tty_current_ids(&pgrp, &sid);
	if (!p)
		return -EPERM;
	if (sid == p->tgid && READ_ONCE(tty->session) == sid)
		return 0;   /* already ours */
	if (sid != p->tgid || tty_session_has_ctty(sid))
		return -EPERM;
	if (tty->pty_master || (!(file->f_mode & FMODE_READ) && !capable_root()))
		return -EPERM;
	spin_lock(&tty->lock);
	if (tty->session && !(arg == 1 && capable_root())) {
		err = -EPERM;
	} else {
		tty->session = sid;   /* a stolen tty's old session simply loses it */
		tty->pgrp = pgrp;
	}
	spin_unlock(&tty->lock);
	return err;
}

static int tiocnotty(struct tty *tty)
{
	struct process *p = current->proc;
	int pgrp, sid;

	if (!is_ctty(tty, &pgrp, &sid))
		return -ENOTTY;
	if (p && sid == p->tgid)
		tty_disassociate(tty, sid, true);
	/* A member that is not the leader keeps it: see docs/tty.md (weak points). */
	return 0;
}

static int tiocswinsz(struct tty *tty, unsigned long arg)
{
	struct winsize ws;
	bool changed;
	int pgrp;

	if (copy_from_user(&ws, (const void *)arg, sizeof(ws)))
		return -EFAULT;
	spin_lock(&tty->lock);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws)) != 0;
	tty->winsize = ws;
	pgrp = tty->pgrp;
	spin_unlock(&tty->lock);
	if (changed && pgrp)
		tty_kill_pgrp(pgrp, TTY_SIGWINCH);
	return 0;
}

/* The ioctls that only read state. */
static long tty_ioctl_get(struct tty *tty, unsigned int cmd, unsigned long arg, bool via_master)
{
	struct termios t;
	struct winsize ws;
	int pgrp, sid, v;

	switch (cmd) {
	case TCGETS:
		spin_lock(&tty->lock);
		t = tty->termios;
		spin_unlock(&tty->lock);
		return copy_to_user((void *)arg, &t, sizeof(t)) ? -EFAULT : 0;
	case TIOCGWINSZ:
		spin_lock(&tty->lock);
		ws = tty->winsize;
		spin_unlock(&tty->lock);
		return copy_to_user((void *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	case FIONREAD:
		return put_int(arg, (int)tty_input_available(tty));
	case TIOCGPGRP:
		if (!is_ctty(tty, &pgrp, &sid) && !via_master)
			return -ENOTTY;
		return put_int(arg, READ_ONCE(tty->pgrp));
	case TIOCGSID:
		if (!is_ctty(tty, &pgrp, &sid) && !via_master)
			return -ENOTTY;
		v = READ_ONCE(tty->session);
		return v ? put_int(arg, v) : -ENOTTY;
	default:
		return -ENOTTY;
	}
}

long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty *tty = file->private_data;
	bool via_master = false;
	long ret;

	if (tty->ops->ioctl) {
		ret = tty->ops->ioctl(tty, file, cmd, arg);
		if (ret != -ENOIOCTLCMD)
			return ret;
	}
	/* a pty master's termios, window and group ioctls are its slave's (Linux) */
	if (tty->pty_master && cmd != FIONREAD && cmd != TCFLSH && cmd != TCXONC) {
		tty = tty->link;
		via_master = true;
	}
	switch (cmd) {
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_tcsets(tty, cmd, arg);
	case TCSBRK:
		return tty_tcdrain(tty);
	case TCXONC:
		return tty_tcflow(tty, arg);
	case TCFLSH:
		return tty_tcflush(tty, arg);
	case TIOCSPGRP:
		return tiocspgrp(tty, arg);
	case TIOCSCTTY:
		return tiocsctty(tty, file, arg);
	case TIOCNOTTY:
		return tiocnotty(tty);
	case TIOCSWINSZ:
		return tiocswinsz(tty, arg);
	default:
		return tty_ioctl_get(tty, cmd, arg, via_master);
	}
}

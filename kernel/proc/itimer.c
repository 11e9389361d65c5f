/*
 * Interval timers (getitimer, setitimer; glibc's alarm() is setitimer):
 * ITIMER_REAL counts monotonic time with a kernel timer and sends
 * SIGALRM; ITIMER_VIRTUAL counts the process's user time and sends
 * SIGVTALRM; ITIMER_PROF counts user and system time and sends SIGPROF.
 * The CPU-time ones are charged by the scheduler tick (itimer_tick), a
 * tick (NSEC_PER_TICK) at a time to whichever thread the tick finds
 * running, so their resolution is the tick. Each may reload with its
 * interval. Timers are per process, kept across exec, not inherited by
 * fork.
 *
 * Locks: siglock (irqsave) for the [S] timer fields; the ITIMER_REAL
 * callback runs in interrupt context, sends under siglock and re-arms.
 */
#include <kernel/clock.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "signal_internal.h"

#define NSEC_PER_USEC 1000ULL

static void itimer_real_fire(struct timer *tm)
{
	struct process *p = container_of(tm, struct process, sig.real_timer);
	unsigned long irq;

	signal_send_process(p, SIGALRM, NULL);
	irq = spin_lock_irqsave(&p->sig.lock);
	if (p->sig.real_armed && p->sig.real_interval) {
		p->sig.real_expires += p->sig.real_interval;
		timer_add(tm, p->sig.real_expires);
	} else {
		p->sig.real_armed = false;
	}
	spin_unlock_irqrestore(&p->sig.lock, irq);
}

void itimer_process_init(struct process *p)
{
	timer_init(&p->sig.real_timer, itimer_real_fire);
}

void itimer_process_exit(struct process *p)
{
	unsigned long irq = spin_lock_irqsave(&p->sig.lock);

	p->sig.real_armed = false;
	p->sig.virt_left = p->sig.prof_left = 0;
	WRITE_ONCE(p->sig.cpu_timers, false);
	spin_unlock_irqrestore(&p->sig.lock, irq);
	timer_del_sync(&p->sig.real_timer);
}

/* One tick charged to a CPU-time timer: true if it expired (reloaded from interval). */
static bool itimer_charge(u64 *left, u64 interval)
{
	if (!*left)
		return false;
	if (*left > NSEC_PER_TICK) {
		*left -= NSEC_PER_TICK;
		return false;
	}
	*left = interval;
	return true;
}

void itimer_tick(bool user)
{
	struct process *p = current->proc;
	bool virt = false, prof;

	if (!p || !READ_ONCE(p->sig.cpu_timers))
		return;
	spin_lock(&p->sig.lock);   /* interrupt context: interrupts are off */
	if (user)
		virt = itimer_charge(&p->sig.virt_left, p->sig.virt_interval);
	prof = itimer_charge(&p->sig.prof_left, p->sig.prof_interval);
	WRITE_ONCE(p->sig.cpu_timers, p->sig.virt_left || p->sig.prof_left);
	spin_unlock(&p->sig.lock);
	if (virt)
		signal_send_process(p, SIGVTALRM, NULL);
	if (prof)
		signal_send_process(p, SIGPROF, NULL);
}

/* ---------------------------------------------------------------- conversions */

static int timeval_to_ns(long sec, long usec, u64 *ns)
{
	if (sec < 0 || usec < 0 || usec >= 1000000)
		return -EINVAL;
	if ((u64)sec >= KTIME_MAX / NSEC_PER_SEC)
		*ns = KTIME_MAX;
	else
		*ns = (u64)sec * NSEC_PER_SEC + (u64)usec * NSEC_PER_USEC;
	return 0;
}

/* ns to a timeval, rounding a partial microsecond up (a pending timer never reads 0). */
static void ns_to_timeval(u64 ns, long *sec, long *usec)
{
	u64 us = (ns + NSEC_PER_USEC - 1) / NSEC_PER_USEC;

	*sec = (long)(us / 1000000);
	*usec = (long)(us % 1000000);
}

/* ---------------------------------------------------------------- get and set */

/* The current value of timer which in ns (siglock held). */
static void itimer_get_locked(struct process *p, int which, u64 *value, u64 *interval)
{
	switch (which) {
	case ITIMER_REAL: {
		u64 now = ktime_get_ns();

		*value = !p->sig.real_armed ? 0 : p->sig.real_expires > now
			 ? p->sig.real_expires - now : 1;
		*interval = p->sig.real_interval;
		break;
	}
	case ITIMER_VIRTUAL:
		*value = p->sig.virt_left;
		*interval = p->sig.virt_interval;
		break;
	default:
		*value = p->sig.prof_left;
		*interval = p->sig.prof_interval;
		break;
	}
}

static void itimer_to_user_form(u64 value, u64 interval, struct itimerval_u *it)
{
	ns_to_timeval(value, &it->it_value_sec, &it->it_value_usec);
	ns_to_timeval(interval, &it->it_interval_sec, &it->it_interval_usec);
}

/* Arm (value != 0) or disarm timer which; the old setting in *old. */
static void itimer_set(struct process *p, int which, u64 value, u64 interval,
		       struct itimerval_u *old)
{
	unsigned long irq;
	u64 ov, oi;

	if (which == ITIMER_REAL)
		timer_del_sync(&p->sig.real_timer);
	irq = spin_lock_irqsave(&p->sig.lock);
	itimer_get_locked(p, which, &ov, &oi);
	switch (which) {
	case ITIMER_REAL:
		p->sig.real_interval = interval;
		p->sig.real_armed = value != 0;
		if (value) {
			u64 now = ktime_get_ns();

			p->sig.real_expires = value > KTIME_MAX - now ? KTIME_MAX : now + value;
			timer_add(&p->sig.real_timer, p->sig.real_expires);
		}
		break;
	case ITIMER_VIRTUAL:
		p->sig.virt_left = value;
		p->sig.virt_interval = interval;
		break;
	default:
		p->sig.prof_left = value;
		p->sig.prof_interval = interval;
		break;
	}
	WRITE_ONCE(p->sig.cpu_timers, p->sig.virt_left || p->sig.prof_left);
	spin_unlock_irqrestore(&p->sig.lock, irq);
	itimer_to_user_form(ov, oi, old);
}

/* getitimer(which, struct itimerval *value) */
long sys_getitimer(const struct syscall_args *args)
{
	struct process *p = current->proc;
	int which = (int)args->a[0];
	struct itimerval_u it;
	unsigned long irq;
	u64 v, i;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	irq = spin_lock_irqsave(&p->sig.lock);
	itimer_get_locked(p, which, &v, &i);
	spin_unlock_irqrestore(&p->sig.lock, irq);
	itimer_to_user_form(v, i, &it);
	if (copy_to_user((void __user *)args->a[1], &it, sizeof(it)))
		return -EFAULT;
	return 0;
}

/* setitimer(which, const struct itimerval *new, struct itimerval *old): new NULL disarms. */
long sys_setitimer(const struct syscall_args *args)
{
	int which = (int)args->a[0];
	struct itimerval_u it = { 0 }, old;
	u64 value, interval;
	int err;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (args->a[1] && copy_from_user(&it, (const void __user *)args->a[1], sizeof(it)))
		return -EFAULT;
	err = timeval_to_ns(it.it_value_sec, it.it_value_usec, &value);
	if (!err)
		err = timeval_to_ns(it.it_interval_sec, it.it_interval_usec, &interval);
	if (err)
		return err;
	itimer_set(current->proc, which, value, interval, &old);
	if (args->a[2] && copy_to_user((void __user *)args->a[2], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/*
 * Host-side stand-ins for kernel services (see kernel_stubs.h).
 * Single-threaded: a spinlock is a held flag, checked for recursion and
 * for unlocking a free lock, which panic() like the debug kernel does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel_stubs.h"
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <locking/spinlock.h>

unsigned int unit_cpu_id;
bool unit_irqs_on = true;
uintptr_t unit_phys_offset;
jmp_buf *unit_panic_jmp;
char unit_panic_msg[256];
int unit_locks_held;

struct cpu cpus[NR_CPUS];
unsigned int nr_cpus = 1;

static void unit_panic_v(const char *fmt, va_list ap)
{
	vsnprintf(unit_panic_msg, sizeof(unit_panic_msg), fmt, ap);
	if (unit_panic_jmp)
		longjmp(*unit_panic_jmp, 1);
	fprintf(stderr, "kernel panic (host stub): %s\n", unit_panic_msg);
	abort();
}

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	unit_panic_v(fmt, ap);
	va_end(ap);
	abort();
}

void panic_regs(const struct pt_regs *regs, const char *fmt, ...)
{
	va_list ap;
	(void)regs;
	va_start(ap, fmt);
	unit_panic_v(fmt, ap);
	va_end(ap);
	abort();
}

bool panic_in_progress(void) { return false; }

void warn_report(const char *file, int line, const char *cond)
{
	fprintf(stderr, "WARNING at %s:%d: %s\n", file, line, cond);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(stderr, fmt, ap);
	va_end(ap);
	return n;
}

void spin_lock_init(struct spinlock *l, const char *name)
{
	l->starving = l->locked = 0;
	l->holder = -1;
	l->name = name;
}

bool spin_is_held(const struct spinlock *l) { return l->holder == (int)unit_cpu_id; }

void spin_lock(struct spinlock *l)
{
	if (l->holder != -1)
		panic("recursive spin_lock of '%s'", l->name);
	l->holder = (int)unit_cpu_id;
	unit_locks_held++;
}

bool spin_trylock(struct spinlock *l)
{
	if (l->holder != -1)
		return false;
	spin_lock(l);
	return true;
}

void spin_unlock(struct spinlock *l)
{
	if (l->holder != (int)unit_cpu_id)
		panic("spin_unlock of '%s' not held", l->name);
	l->holder = -1;
	unit_locks_held--;
}

unsigned long spin_lock_irqsave(struct spinlock *l)
{
	unsigned long f = unit_irqs_on;
	unit_irqs_on = false;
	spin_lock(l);
	return f;
}

void spin_unlock_irqrestore(struct spinlock *l, unsigned long f)
{
	spin_unlock(l);
	unit_irqs_on = f != 0;
}

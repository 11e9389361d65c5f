/*
 * lockdep: a small lock-dependency validator (kernel/locking/lockdep.c).
 *
 * Debug builds (CONFIG_DEBUG) run it on every spinlock; docs/locking.md
 * says what it checks and how to read a report. The core is pure code:
 * the host unit tests (tests/unit/test_lockdep.c) drive it directly
 * through struct lockdep_map, with no spinlock at all.
 *
 * Classes. A lock belongs to the class named by its name string (the
 * SPINLOCK_INIT()/spin_lock_init() name): locks with equal names share a
 * class, and lockdep reasons about classes, not instances. Taking two
 * locks of one class nested is reported as recursion unless the inner one
 * is taken with a subclass (spin_lock_nested(lock, 1..7)): "name/1" is a
 * class of its own, ordered after "name" like any other.
 *
 * What is reported (each report prints the locks this cpu holds, then
 * panics "lockdep: ..."; a test may hook reports instead):
 *  - lock-order inversion: taking B while holding A when B -> ... -> A
 *    was seen before (the cycle is printed);
 *  - recursion: taking a class this cpu already holds;
 *  - releasing a lock this cpu does not hold;
 *  - more than LOCKDEP_MAX_HELD locks held at once;
 *  - a class taken in an interrupt handler and also with interrupts on
 *    (needs lockdep_hardirq_enter()/exit() around interrupt dispatch);
 *  - an interrupt handler returning with a lock it took still held;
 *  - lockdep_assert_can_sleep() with a spinlock held or in an interrupt
 *    (sleeping locks, taken with LOCKDEP_SLEEPABLE, may be held).
 * A report turns lockdep off for good first, so printing (printk takes
 * log_lock and uart_lock) is never checked; so does running out of class
 * slots (one warning on the console, no panic).
 *
 * Context: every entry point may be called with interrupts on or off and
 * from interrupt handlers; none sleeps or takes a spinlock.
 */
#ifndef LOCKING_LOCKDEP_H
#define LOCKING_LOCKDEP_H

#include <kernel/types.h>

#define LOCKDEP_MAX_CLASSES 256   /* lock classes (name, subclass) */
#define LOCKDEP_MAX_HELD    16    /* locks one cpu may hold at once */
#define LOCKDEP_SUBCLASSES  8     /* subclass numbers 0..7 */
#define LOCKDEP_CHAIN_MAX   32    /* classes of a cycle kept for a report */

/* Debug kernels start with lockdep on; other builds never turn it on. */
#ifdef CONFIG_DEBUG
#define LOCKDEP_BOOT_ENABLED 1
#else
#define LOCKDEP_BOOT_ENABLED 0
#endif

/* The caller of the function this appears in, for "taken at" lines. */
#define LOCKDEP_RET_IP ((unsigned long)__builtin_return_address(0))

struct lock_class;

/* What lockdep knows of one lock instance; embedded in the lock. */
struct lockdep_map {
	const char *name;          /* [I] names the class */
	struct lock_class *class;  /* [a] class of subclass 0, set on first acquire */
};

#define LOCKDEP_MAP_INIT(n) { .name = (n), .class = NULL }

static inline void lockdep_map_init(struct lockdep_map *map, const char *name)
{
	map->name = name;
	map->class = NULL;
}

/* lockdep_acquire() flags */
#define LOCKDEP_TRYLOCK   1u   /* a successful trylock: cannot deadlock, no order check */
#define LOCKDEP_SLEEPABLE 2u   /* a sleeping lock (mutex): may be held where one may sleep */

/* One lock held, as lockdep records it. */
struct held_lock {
	struct lockdep_map *map;       /* the lock instance */
	struct lock_class *class;
	unsigned long ip;              /* where it was taken */
	bool hardirq;                  /* taken in an interrupt handler */
	bool trylock;
	bool sleepable;                /* LOCKDEP_SLEEPABLE */
};

/*
 * The locks one context holds, oldest first. Each cpu has one, used
 * until the scheduler runs a task on it; from then on each task has its
 * own (struct task), which cpu->lockdep_held points at while it runs,
 * since a mutex stays held while its owner sleeps or moves between cpus.
 * Locks taken by interrupt handlers go on the interrupted task's stack,
 * marked hardirq. Touched only by the context it belongs to, with
 * interrupts off.
 */
struct lockdep_held {
	struct held_lock lock[LOCKDEP_MAX_HELD];
	unsigned int depth;
};

/*
 * Note that this cpu takes map's lock as class (name, subclass); call it
 * before spinning (so a deadlock is reported, not hung on) or, for a
 * trylock, after it succeeded. ip is shown in reports. Records the order
 * edges from the locks held, checks them and the interrupt usage.
 */
void lockdep_acquire(struct lockdep_map *map, unsigned int subclass, unsigned int flags,
		     unsigned long ip);
/* Note that this cpu releases map's lock; any held lock may go first. */
void lockdep_release(struct lockdep_map *map, unsigned long ip);

/*
 * Bracket interrupt dispatch (the trap handler calls them around it):
 * locks taken in between count as taken in interrupt context. Until they
 * are called, the interrupt-safety check stays dormant.
 */
void lockdep_hardirq_enter(void);
void lockdep_hardirq_exit(void);

/* Report if this context holds a spinlock or is in an interrupt handler. */
void lockdep_assert_can_sleep(const char *where);

/* An empty held-lock stack, for a new task. */
static inline void lockdep_held_init(struct lockdep_held *hs)
{
	hs->depth = 0;
}

/* ---- introspection, for self-tests, the monitor and host tests ---- */

enum lockdep_report_kind {
	LOCKDEP_INVERSION,      /* lock-order inversion */
	LOCKDEP_RECURSION,      /* class already held */
	LOCKDEP_NOT_HELD,       /* release of a lock not held */
	LOCKDEP_TOO_DEEP,       /* held-lock stack full */
	LOCKDEP_IRQ_UNSAFE,     /* class taken in an interrupt and with interrupts on */
	LOCKDEP_IRQ_EXIT_HELD,  /* interrupt handler returned holding a lock */
	LOCKDEP_SLEEP,          /* lockdep_assert_can_sleep() failed */
	LOCKDEP_BAD_SUBCLASS,   /* subclass >= LOCKDEP_SUBCLASSES */
};

/* A report as handed to the hook; names are "name" or "name/subclass". */
struct lockdep_report {
	enum lockdep_report_kind kind;
	char lock[48];              /* the class being taken or released */
	char other[48];             /* the held class in conflict, or "" */
	unsigned int chain_len;     /* inversion: classes from lock to other */
	int chain[LOCKDEP_CHAIN_MAX];  /* their ids (the first LOCKDEP_CHAIN_MAX) */
	char message[160];          /* what panic() would say, after "lockdep: " */
};

struct lockdep_stats {
	unsigned int classes;       /* registered */
	unsigned int edges;         /* order edges recorded */
	u64 acquires;               /* lockdep_acquire() calls while on, all cpus */
	u64 slow_paths;             /* of which took the graph lock */
};

bool lockdep_enabled(void);
/* Class id of (name, subclass), or -1 if it was never taken. */
int lockdep_class_find(const char *name, unsigned int subclass);
/* Was "from held while taking to" recorded? (class ids) */
bool lockdep_has_edge(int from, int to);
/* Locks the running context (task, or cpu before the scheduler) holds. */
unsigned int lockdep_held_depth(void);
/* Times this cpu went past the fast path (took the graph lock). */
u64 lockdep_cpu_slow_paths(void);
void lockdep_get_stats(struct lockdep_stats *st);
/* printk every class, its usage and the classes taken after it. */
void lockdep_print(void);

/*
 * Host tests only: hand reports to hook instead of panicking (lockdep is
 * still off after one), and forget every class, edge and held lock and
 * turn lockdep on. After a reset every lockdep_map must be initialized
 * again; the kernel never resets.
 */
void lockdep_set_report_hook(void (*hook)(const struct lockdep_report *r));
void lockdep_reset(void);

/*
 * Self-test (kernel/init/ktest_lockdep.c): take two locks in both orders;
 * lockdep panics "lockdep: lock-order inversion: ...". Never returns.
 */
void ktest_lockdep_inversion(void);

#endif /* LOCKING_LOCKDEP_H */

/*
 * lockdep: a small lock-dependency validator (interface in
 * locking/lockdep.h; what it checks and how to read a report in
 * docs/locking.md). Pure code: tests/unit/test_lockdep.c builds it on the
 * host.
 *
 * Data. Classes live in a fixed table, found by a hash of (name,
 * subclass) and never freed. A lock caches its subclass-0 class in its
 * lockdep_map, and that class caches the ids of its subclasses, so after
 * the first acquire no lookup is needed. The order graph is a bitmap
 * adjacency matrix: bit b of after[a] is set once class b was taken while
 * a was held, both in the same context (task or interrupt). Each cpu has
 * a stack of the locks it holds.
 *
 * Fast path. lockdep_acquire() runs with interrupts off: it checks
 * recursion against this cpu's stack, then tests the bit held -> new for
 * every held lock and the usage bits of the new class. When all are set
 * already it only pushes the lock: a few loads, no shared write, no lock.
 * Otherwise the slow path takes graph_lock, searches new -> ... -> held
 * (breadth first over the bitmap) before adding each missing edge, and
 * records the usage.
 *
 * Lock: graph_lock, a raw test-and-set lock on the compiler's atomics,
 * taken with interrupts off and never across a call out of this file. It
 * is innermost and untracked; nothing here takes a spinlock. Fields: [G]
 * graph_lock; [c] only this cpu, interrupts off; [a] written under G (or
 * atomically) and read without it.
 *
 * Invariants: classes[0..nr_classes) are set up and only their ->usage,
 * ->usage_ip and ->sub change; after[] has no cycle while lockdep is on;
 * lockdep_on goes from on to off once (a report, a full class table)
 * and stays off, and from then on nothing is tracked.
 *
 * Held locks: held_current() is the running task's stack once the
 * scheduler runs on this cpu (cpu->lockdep_held, switched with the task
 * by kernel/sched/core.c), and this cpu's own stack before that. A mutex
 * stays held while its owner sleeps or migrates, so it belongs to the
 * task. Entries taken by interrupt handlers are marked ->hardirq and
 * popped before the handler returns. Entries taken with
 * LOCKDEP_SLEEPABLE (mutexes) do not count as "cannot sleep".
 */
#include <arch/atomic.h>
#include <arch/irqflags.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <locking/lockdep.h>

#define GRAPH_WORDS ((LOCKDEP_MAX_CLASSES + 63) / 64)
#define HASH_BUCKETS 256
#define NAME_LEN 48

/* Usage bits: how a class has been taken. */
#define USED_IN_HARDIRQ (1u << 0)   /* by an interrupt handler (not by trylock) */
#define USED_IRQS_ON    (1u << 1)   /* with interrupts enabled */
#define USED_BOTH       (USED_IN_HARDIRQ | USED_IRQS_ON)

struct lock_class {
	const char *name;              /* [I] */
	unsigned int subclass;         /* [I] */
	u16 id;                        /* [I] index in classes[] */
	u16 hash_next;                 /* [G] id + 1 of the next in its bucket, 0 ends */
	u16 sub[LOCKDEP_SUBCLASSES];   /* [a] id + 1 of (name, k); kept by subclass 0 */
	u8 usage;                      /* [a] USED_* */
	unsigned long usage_ip[2];     /* [G] first acquire with each usage bit */
};

struct lockdep_cpu {
	struct lockdep_held held;      /* [c] until the scheduler runs: see "Held locks" */
	unsigned int hardirq;          /* [c] interrupt handlers running */
	u64 acquires;                  /* [c] */
	u64 slow_paths;                /* [c] */
};

/* A path found by path_find(): class ids, first to last. */
struct lockdep_chain {
	unsigned int len;                  /* may exceed LOCKDEP_CHAIN_MAX */
	u16 id[LOCKDEP_CHAIN_MAX];
};

static u32 lockdep_on = LOCKDEP_BOOT_ENABLED;           /* [a] 1 -> 0 once (a word: amoswap.w) */
static u32 graph_lock_word;                             /* 1 while graph_lock is held */
static struct lock_class classes[LOCKDEP_MAX_CLASSES];  /* [G] see invariants */
static unsigned int nr_classes;                         /* [a] */
static u16 class_hash[HASH_BUCKETS];                    /* [G] id + 1 of a bucket's first */
static u64 after[LOCKDEP_MAX_CLASSES][GRAPH_WORDS];     /* [a] the order graph */
static struct {                                         /* [G] path_find() scratch */
	u16 queue[LOCKDEP_MAX_CLASSES];
	u16 parent[LOCKDEP_MAX_CLASSES];
	u64 seen[GRAPH_WORDS];
} search;
static struct lockdep_cpu lockdep_cpus[NR_CPUS];
static void (*report_hook)(const struct lockdep_report *r);   /* host tests */
static struct lockdep_report report;   /* owned by whoever turned lockdep off */

/* Reports, at the end of the file: they panic unless a test hooked them. */
static void report_out_of_classes(const char *name);
static void report_inversion(const struct lockdep_held *hs, const struct held_lock *h,
			     const struct held_lock *e, const struct lockdep_chain *chain);
static void report_recursion(const struct lockdep_held *hs, const struct held_lock *h,
			     const struct held_lock *e);
static void report_not_held(const struct lockdep_held *hs, const struct lockdep_map *map,
			    unsigned long ip);
static void report_too_deep(const struct lockdep_held *hs, const struct held_lock *h);
static void report_irq_unsafe(const struct lockdep_held *hs, const struct held_lock *h);
static void report_irq_exit_held(const struct lockdep_held *hs, const struct held_lock *e);
static void report_sleep(const struct lockdep_held *hs, const char *where, bool in_irq);
static void report_bad_subclass(const struct lockdep_held *hs, const struct lockdep_map *map,
				unsigned int subclass);

/* ---------------------------------------------------------------- the graph lock */

/* Interrupts must be off. The acquire pairs with graph_unlock()'s release. */
static void graph_lock(void)
{
	while (__atomic_exchange_n(&graph_lock_word, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&graph_lock_word, __ATOMIC_RELAXED))
			cpu_relax();
}

static void graph_unlock(void)
{
	__atomic_store_n(&graph_lock_word, 0, __ATOMIC_RELEASE);
}

/* Turn lockdep off for good; true for the one caller that turned it off. */
static bool lockdep_turn_off(void)
{
	return __atomic_exchange_n(&lockdep_on, 0, __ATOMIC_SEQ_CST) != 0;
}

static struct lockdep_cpu *lockdep_this_cpu(void)
{
	return &lockdep_cpus[smp_processor_id()];
}

/* The held-lock stack of what runs now (see "Held locks"). Interrupts off. */
static struct lockdep_held *held_current(void)
{
	struct lockdep_held *task_held = this_cpu()->lockdep_held;

	return task_held ? task_held : &lockdep_this_cpu()->held;
}

/*
 * Interrupts off around lockdep's work, touching sstatus only if they are
 * on: under QEMU TCG every write of it ends a translation block, and most
 * locks are taken with interrupts off already. Returns whether they were on.
 */
static bool lockdep_irq_off(void)
{
	bool on = !irqs_disabled();

	if (on)
		local_irq_disable();
	return on;
}

static void lockdep_irq_restore(bool on)
{
	if (on)
		local_irq_enable();
}

/* ---------------------------------------------------------------- classes */

/* "name", or "name/subclass", into buf. */
static const char *class_name(const struct lock_class *c, char *buf, size_t size)
{
	if (c->subclass)
		scnprintf(buf, size, "%s/%u", c->name, c->subclass);
	else
		scnprintf(buf, size, "%s", c->name);
	return buf;
}

static unsigned int class_bucket(const char *name, unsigned int subclass)
{
	u32 h = 2166136261u ^ subclass;   /* FNV-1a */

	while (*name) {
		h ^= (u8)*name++;
		h *= 16777619u;
	}
	return h % HASH_BUCKETS;
}

/* G held. The class (name, subclass), or NULL if it was never taken. */
static struct lock_class *class_lookup(const char *name, unsigned int subclass)
{
	struct lock_class *c;

	for (u16 i = class_hash[class_bucket(name, subclass)]; i; i = c->hash_next) {
		c = &classes[i - 1];
		if (c->subclass == subclass && (c->name == name || strcmp(c->name, name) == 0))
			return c;
	}
	return NULL;
}

/* G held. The class (name, subclass), created if new; NULL if the table is full. */
static struct lock_class *class_get(const char *name, unsigned int subclass)
{
	struct lock_class *c = class_lookup(name, subclass);
	unsigned int b = class_bucket(name, subclass);

	if (c || nr_classes == LOCKDEP_MAX_CLASSES)
		return c;
	c = &classes[nr_classes];
	c->name = name;
	c->subclass = subclass;
	c->id = (u16)nr_classes;
	c->hash_next = class_hash[b];
	class_hash[b] = (u16)(c->id + 1);
	/* Release: the class is set up before it counts; pairs with lockdep_print(). */
	smp_store_release(&nr_classes, nr_classes + 1);
	return c;
}

/*
 * Slow path of class_of(): find or create (map->name, subclass) and fill
 * the caches. Interrupts off. NULL if the class table is full (lockdep is
 * then off).
 */
static struct lock_class *class_register(struct lockdep_map *map, unsigned int subclass)
{
	const char *name = map->name ? map->name : "(unnamed)";
	struct lock_class *base, *c;

	graph_lock();
	base = class_get(name, 0);
	c = base && subclass ? class_get(name, subclass) : base;
	/* Releases: a class is set up before a cache names it; pair with class_of(). */
	if (c && subclass)
		smp_store_release(&base->sub[subclass], (u16)(c->id + 1));
	if (base)
		smp_store_release(&map->class, base);
	graph_unlock();
	if (!c)
		report_out_of_classes(name);
	return c;
}

/* The class of map's lock taken as subclass; from the caches once known. */
static struct lock_class *class_of(struct lockdep_map *map, unsigned int subclass)
{
	/* Acquires: pair with the releases in class_register(). */
	struct lock_class *base = smp_load_acquire(&map->class);
	u16 id;

	if (base && !subclass)
		return base;
	id = base ? smp_load_acquire(&base->sub[subclass]) : 0;
	return id ? &classes[id - 1] : class_register(map, subclass);
}

/* ---------------------------------------------------------------- the order graph */

/* Index of the lowest set bit of x != 0 (no libgcc, no Zbb in the kernel). */
static unsigned int bit_lowest(u64 x)
{
	unsigned int n = 0;

	for (unsigned int half = 32; half; half /= 2) {
		if (!(x & ((1ULL << half) - 1))) {
			n += half;
			x >>= half;
		}
	}
	return n;
}

static unsigned int bit_count(u64 x)
{
	unsigned int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

static bool edge_known(unsigned int from, unsigned int to)
{
	return READ_ONCE(after[from][to / 64]) & (1ULL << (to % 64));
}

/* G held. */
static void edge_add(unsigned int from, unsigned int to)
{
	WRITE_ONCE(after[from][to / 64], after[from][to / 64] | (1ULL << (to % 64)));
}

/* G held. Queue every class after u not seen yet; returns the new tail. */
static unsigned int search_expand(unsigned int u, unsigned int tail)
{
	for (unsigned int w = 0; w < GRAPH_WORDS; w++) {
		u64 next = after[u][w] & ~search.seen[w];

		search.seen[w] |= next;
		for (; next; next &= next - 1) {
			unsigned int v = w * 64 + bit_lowest(next);

			search.parent[v] = (u16)u;
			search.queue[tail++] = (u16)v;
		}
	}
	return tail;
}

/* G held. Copy the path start -> ... -> target found by path_find(). */
static void chain_fill(unsigned int start, unsigned int target, struct lockdep_chain *chain)
{
	unsigned int n = 1, i;

	for (unsigned int v = target; v != start; v = search.parent[v])
		n++;
	chain->len = n;
	i = n;
	for (unsigned int v = target;; v = search.parent[v]) {
		if (--i < LOCKDEP_CHAIN_MAX)
			chain->id[i] = (u16)v;
		if (v == start)
			break;
	}
}

/*
 * G held. Is target reachable from start? If so a shortest path (the
 * search is breadth first) goes into chain.
 */
static bool path_find(unsigned int start, unsigned int target, struct lockdep_chain *chain)
{
	unsigned int head = 0, tail = 0;

	memset(search.seen, 0, sizeof(search.seen));
	search.seen[start / 64] |= 1ULL << (start % 64);
	search.queue[tail++] = (u16)start;
	while (head < tail) {
		unsigned int u = search.queue[head++];

		if (u == target) {
			chain_fill(start, target, chain);
			return true;
		}
		tail = search_expand(u, tail);
	}
	return false;
}

/*
 * G held. Add the edge e -> h for each held e of h's context that lacks
 * it -- unless h -> ... -> e exists: then that e is returned, with the
 * path in chain.
 */
static const struct held_lock *edges_add(const struct lockdep_held *hs, const struct held_lock *h,
					 struct lockdep_chain *chain)
{
	unsigned int to = h->class->id;

	for (unsigned int i = 0; i < hs->depth; i++) {
		const struct held_lock *e = &hs->lock[i];
		unsigned int from = e->class->id;

		if (e->hardirq != h->hardirq || edge_known(from, to))
			continue;
		if (path_find(to, from, chain))
			return e;
		edge_add(from, to);
	}
	return NULL;
}

/* ---------------------------------------------------------------- acquire and release */

/* The usage an acquire adds; a trylock in an interrupt cannot deadlock. */
static u8 usage_of(const struct held_lock *h, bool irqs_on)
{
	u8 usage = irqs_on ? USED_IRQS_ON : 0;

	if (h->hardirq && !h->trylock)
		usage |= USED_IN_HARDIRQ;
	return usage;
}

/* G held. Add usage to c; true if that makes c interrupt-unsafe. */
static bool usage_add(struct lock_class *c, u8 usage, unsigned long ip)
{
	u8 old = c->usage;

	for (unsigned int bit = 0; bit < 2; bit++)
		if (usage & ~old & (1u << bit))
			c->usage_ip[bit] = ip;
	WRITE_ONCE(c->usage, old | usage);
	return (old & USED_BOTH) != USED_BOTH && ((old | usage) & USED_BOTH) == USED_BOTH;
}

/* Is everything the acquire h would record recorded already? Lock-free. */
static bool acquire_known(const struct lockdep_held *hs, const struct held_lock *h, u8 usage)
{
	if ((READ_ONCE(h->class->usage) & usage) != usage)
		return false;
	if (h->trylock)
		return true;   /* no order edges into a trylock */
	for (unsigned int i = 0; i < hs->depth; i++) {
		const struct held_lock *e = &hs->lock[i];

		if (e->hardirq == h->hardirq && !edge_known(e->class->id, h->class->id))
			return false;
	}
	return true;
}

/* A held lock of h's class, or NULL; a trylock cannot deadlock. */
static const struct held_lock *held_same_class(const struct lockdep_held *hs,
					       const struct held_lock *h)
{
	if (h->trylock)
		return NULL;
	for (unsigned int i = 0; i < hs->depth; i++)
		if (hs->lock[i].class == h->class)
			return &hs->lock[i];
	return NULL;
}

/*
 * Slow path of the acquire h: record its edges and usage under the graph
 * lock, then report what was wrong. Returns false after a report.
 */
static bool acquire_slow(struct lockdep_cpu *lc, const struct lockdep_held *hs,
			 const struct held_lock *h, u8 usage)
{
	const struct held_lock *bad = NULL;
	struct lockdep_chain chain;
	bool irq_unsafe = false;

	if (panic_in_progress())
		return true;   /* a stopped hart may hold graph_lock */
	lc->slow_paths++;
	graph_lock();
	if (!h->trylock)
		bad = edges_add(hs, h, &chain);
	if (!bad)
		irq_unsafe = usage_add(h->class, usage, h->ip);
	graph_unlock();
	if (bad)
		report_inversion(hs, h, bad, &chain);
	else if (irq_unsafe)
		report_irq_unsafe(hs, h);
	return !bad && !irq_unsafe;
}

/* lockdep_acquire() with interrupts off; irqs_on is the caller's state. */
static void acquire_irqsoff(struct lockdep_map *map, unsigned int subclass, unsigned int flags,
			    unsigned long ip, bool irqs_on)
{
	struct lockdep_cpu *lc = lockdep_this_cpu();
	struct lockdep_held *hs = held_current();
	struct held_lock h = { .map = map, .ip = ip, .hardirq = lc->hardirq != 0,
			       .trylock = (flags & LOCKDEP_TRYLOCK) != 0,
			       .sleepable = (flags & LOCKDEP_SLEEPABLE) != 0 };
	const struct held_lock *same;
	u8 usage;

	lc->acquires++;
	if (subclass >= LOCKDEP_SUBCLASSES) {
		report_bad_subclass(hs, map, subclass);
		return;
	}
	h.class = class_of(map, subclass);
	if (!h.class)
		return;
	if (hs->depth == LOCKDEP_MAX_HELD) {
		report_too_deep(hs, &h);
		return;
	}
	same = held_same_class(hs, &h);
	if (same) {
		report_recursion(hs, &h, same);
		return;
	}
	usage = usage_of(&h, irqs_on);
	if (!acquire_known(hs, &h, usage) && !acquire_slow(lc, hs, &h, usage))
		return;
	hs->lock[hs->depth++] = h;
}

void lockdep_acquire(struct lockdep_map *map, unsigned int subclass, unsigned int flags,
		     unsigned long ip)
{
	bool irqs_on;

	if (!READ_ONCE(lockdep_on))
		return;
	irqs_on = lockdep_irq_off();
	acquire_irqsoff(map, subclass, flags, ip, irqs_on);
	lockdep_irq_restore(irqs_on);
}

void lockdep_release(struct lockdep_map *map, unsigned long ip)
{
	struct lockdep_held *hs;
	unsigned int i;
	bool irqs_on;

	if (!READ_ONCE(lockdep_on))
		return;
	irqs_on = lockdep_irq_off();
	hs = held_current();
	for (i = hs->depth; i > 0 && hs->lock[i - 1].map != map; i--)
		;
	if (i == 0) {
		report_not_held(hs, map, ip);
	} else {
		/* Out-of-order release: close the gap. */
		memmove(&hs->lock[i - 1], &hs->lock[i], (hs->depth - i) * sizeof(hs->lock[0]));
		hs->depth--;
	}
	lockdep_irq_restore(irqs_on);
}

/* ---------------------------------------------------------------- context */

void lockdep_hardirq_enter(void)
{
	lockdep_this_cpu()->hardirq++;
}

void lockdep_hardirq_exit(void)
{
	struct lockdep_cpu *lc = lockdep_this_cpu();
	struct lockdep_held *hs = held_current();

	/* Handlers do not nest; whatever one took is on top of the stack. */
	if (READ_ONCE(lockdep_on) && lc->hardirq == 1 && hs->depth &&
	    hs->lock[hs->depth - 1].hardirq)
		report_irq_exit_held(hs, &hs->lock[hs->depth - 1]);
	if (!WARN_ON_ONCE(lc->hardirq == 0))
		lc->hardirq--;
}

/* The most recent lock of hs that forbids sleeping (not sleepable), or NULL. */
static const struct held_lock *held_atomic(const struct lockdep_held *hs)
{
	for (unsigned int i = hs->depth; i > 0; i--)
		if (!hs->lock[i - 1].sleepable)
			return &hs->lock[i - 1];
	return NULL;
}

void lockdep_assert_can_sleep(const char *where)
{
	struct lockdep_cpu *lc;
	bool irqs_on;

	if (!READ_ONCE(lockdep_on))
		return;
	irqs_on = lockdep_irq_off();
	lc = lockdep_this_cpu();
	if (lc->hardirq || held_atomic(held_current()))
		report_sleep(held_current(), where, lc->hardirq != 0);
	lockdep_irq_restore(irqs_on);
}

/* ---------------------------------------------------------------- reports */

/*
 * Start a report. Turn lockdep off for good, so the printing (printk
 * takes log_lock, the console uart_lock) is not checked; then, unless a
 * hook takes reports, make printk lock-free on this hart as panic() will,
 * since this hart may be inside printk holding either lock. False when
 * another report or a panic is under way: stay quiet.
 */
static bool report_begin(enum lockdep_report_kind kind, const char *title)
{
	if (!lockdep_turn_off() || panic_in_progress())
		return false;
	memset(&report, 0, sizeof(report));
	report.kind = kind;
	if (!report_hook)
		printk_enter_panic();
	printk(KERN_EMERG "=============================================\n");
	printk(KERN_EMERG "lockdep: %s on cpu %u\n", title, smp_processor_id());
	return true;
}

static void held_print(const struct lockdep_held *hs)
{
	char name[NAME_LEN];

	printk(KERN_EMERG "locks held by cpu %u: %u\n", smp_processor_id(), hs->depth);
	for (unsigned int i = 0; i < hs->depth; i++) {
		const struct held_lock *e = &hs->lock[i];

		printk(KERN_EMERG " #%u: %s (%p)%s%s%s taken at %pS\n", i,
		       class_name(e->class, name, sizeof(name)), (void *)e->map,
		       e->hardirq ? " in interrupt" : "", e->trylock ? " by trylock" : "",
		       e->sleepable ? " (sleeping lock)" : "", (void *)e->ip);
	}
}

/* Finish a report: the held locks, then the hook or panic("lockdep: ..."). */
static void __printf(2, 3) report_end(const struct lockdep_held *hs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(report.message, sizeof(report.message), fmt, ap);
	va_end(ap);
	held_print(hs);
	printk(KERN_EMERG "=============================================\n");
	if (report_hook)
		report_hook(&report);
	else
		panic("lockdep: %s", report.message);
}

/* Not a report: lockdep goes off with one line, written lock-free. */
static void report_out_of_classes(const char *name)
{
	char msg[160];
	int n;

	if (!lockdep_turn_off())
		return;
	n = scnprintf(msg, sizeof(msg),
		      "lockdep: all %d lock classes in use, none for '%s': lockdep turned off\n",
		      LOCKDEP_MAX_CLASSES, name);
	console_write_panic(msg, (size_t)n);
}

static void chain_print(const struct lockdep_chain *chain)
{
	unsigned int n = MIN(chain->len, (unsigned int)LOCKDEP_CHAIN_MAX);
	char name[NAME_LEN];

	report.chain_len = chain->len;
	for (unsigned int i = 0; i < n; i++) {
		report.chain[i] = chain->id[i];
		printk(KERN_EMERG "  %s%s\n", i ? "-> " : "",
		       class_name(&classes[chain->id[i]], name, sizeof(name)));
	}
	if (n < chain->len)
		printk(KERN_EMERG "  -> ... %u more\n", chain->len - n);
}

static void report_inversion(const struct lockdep_held *hs, const struct held_lock *h,
			     const struct held_lock *e, const struct lockdep_chain *chain)
{
	if (!report_begin(LOCKDEP_INVERSION, "lock-order inversion"))
		return;
	class_name(h->class, report.lock, sizeof(report.lock));
	class_name(e->class, report.other, sizeof(report.other));
	printk(KERN_EMERG "taking '%s' (%p) at %pS\n", report.lock, (void *)h->map, (void *)h->ip);
	printk(KERN_EMERG "while holding '%s' (%p) taken at %pS,\n", report.other, (void *)e->map,
	       (void *)e->ip);
	printk(KERN_EMERG "but this order was recorded before:\n");
	chain_print(chain);
	printk(KERN_EMERG "so '%s' -> '%s' would close a cycle: two cpus can deadlock\n",
	       report.other, report.lock);
	report_end(hs, "lock-order inversion: taking '%s' while holding '%s'", report.lock,
		   report.other);
}

static void report_recursion(const struct lockdep_held *hs, const struct held_lock *h,
			     const struct held_lock *e)
{
	bool same_lock = e->map == h->map;

	if (!report_begin(LOCKDEP_RECURSION, "recursive locking"))
		return;
	class_name(h->class, report.lock, sizeof(report.lock));
	class_name(e->class, report.other, sizeof(report.other));
	printk(KERN_EMERG "taking '%s' (%p) at %pS\n", report.lock, (void *)h->map, (void *)h->ip);
	printk(KERN_EMERG "while holding %s (%p) taken at %pS\n",
	       same_lock ? "that very lock" : "another lock of its class", (void *)e->map,
	       (void *)e->ip);
	if (!same_lock)
		printk(KERN_EMERG "to nest locks of one class, take the inner one with "
				  "spin_lock_nested(lock, subclass)\n");
	report_end(hs, "recursive locking: taking '%s' while holding %s", report.lock,
		   same_lock ? "it" : "another lock of its class");
}

static void report_not_held(const struct lockdep_held *hs, const struct lockdep_map *map,
			    unsigned long ip)
{
	if (!report_begin(LOCKDEP_NOT_HELD, "release of a lock not held"))
		return;
	scnprintf(report.lock, sizeof(report.lock), "%s", map->name ? map->name : "(unnamed)");
	printk(KERN_EMERG "releasing '%s' (%p) at %pS\n", report.lock, (void *)map, (void *)ip);
	report_end(hs, "releasing '%s', which this cpu does not hold", report.lock);
}

static void report_too_deep(const struct lockdep_held *hs, const struct held_lock *h)
{
	if (!report_begin(LOCKDEP_TOO_DEEP, "too many locks held"))
		return;
	class_name(h->class, report.lock, sizeof(report.lock));
	printk(KERN_EMERG "taking '%s' (%p) at %pS\n", report.lock, (void *)h->map, (void *)h->ip);
	report_end(hs, "more than %d locks held, taking '%s'", LOCKDEP_MAX_HELD, report.lock);
}

static void report_irq_unsafe(const struct lockdep_held *hs, const struct held_lock *h)
{
	if (!report_begin(LOCKDEP_IRQ_UNSAFE, "interrupt-unsafe lock"))
		return;
	class_name(h->class, report.lock, sizeof(report.lock));
	printk(KERN_EMERG "'%s' was taken in an interrupt handler at %pS\n", report.lock,
	       (void *)h->class->usage_ip[0]);
	printk(KERN_EMERG "and with interrupts on at %pS: an interrupt that takes it on a cpu\n",
	       (void *)h->class->usage_ip[1]);
	printk(KERN_EMERG "holding it deadlocks; take it with spin_lock_irqsave() outside "
			  "interrupt handlers\n");
	report_end(hs, "lock '%s' taken in an interrupt handler and with interrupts on",
		   report.lock);
}

static void report_irq_exit_held(const struct lockdep_held *hs, const struct held_lock *e)
{
	if (!report_begin(LOCKDEP_IRQ_EXIT_HELD, "lock held at interrupt exit"))
		return;
	class_name(e->class, report.lock, sizeof(report.lock));
	report_end(hs, "interrupt handler returns holding '%s'", report.lock);
}

static void report_sleep(const struct lockdep_held *hs, const char *where, bool in_irq)
{
	const struct held_lock *top = held_atomic(hs);

	if (!report_begin(LOCKDEP_SLEEP, "sleeping in atomic context"))
		return;
	if (top)
		class_name(top->class, report.lock, sizeof(report.lock));
	if (in_irq)
		report_end(hs, "sleeping in an interrupt handler at %s", where);
	else
		report_end(hs, "sleeping with spinlock '%s' held at %s", report.lock, where);
}

static void report_bad_subclass(const struct lockdep_held *hs, const struct lockdep_map *map,
				unsigned int subclass)
{
	if (!report_begin(LOCKDEP_BAD_SUBCLASS, "bad subclass"))
		return;
	scnprintf(report.lock, sizeof(report.lock), "%s", map->name ? map->name : "(unnamed)");
	report_end(hs, "subclass %u of '%s' is out of range 0..%d", subclass, report.lock,
		   LOCKDEP_SUBCLASSES - 1);
}

/* ---------------------------------------------------------------- introspection */

bool lockdep_enabled(void)
{
	return READ_ONCE(lockdep_on) != 0;
}

int lockdep_class_find(const char *name, unsigned int subclass)
{
	bool irqs_on = lockdep_irq_off();
	struct lock_class *c;

	graph_lock();
	c = class_lookup(name, subclass);
	graph_unlock();
	lockdep_irq_restore(irqs_on);
	return c ? c->id : -1;
}

bool lockdep_has_edge(int from, int to)
{
	unsigned int n = READ_ONCE(nr_classes);

	if (from < 0 || to < 0 || (unsigned int)from >= n || (unsigned int)to >= n)
		return false;
	return edge_known((unsigned int)from, (unsigned int)to);
}

unsigned int lockdep_held_depth(void)
{
	return READ_ONCE(held_current()->depth);
}

u64 lockdep_cpu_slow_paths(void)
{
	return READ_ONCE(lockdep_this_cpu()->slow_paths);
}

/* Racy sums: statistics only. */
void lockdep_get_stats(struct lockdep_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->classes = READ_ONCE(nr_classes);
	for (unsigned int c = 0; c < st->classes; c++)
		for (unsigned int w = 0; w < GRAPH_WORDS; w++)
			st->edges += bit_count(READ_ONCE(after[c][w]));
	for (unsigned int i = 0; i < NR_CPUS; i++) {
		st->acquires += READ_ONCE(lockdep_cpus[i].acquires);
		st->slow_paths += READ_ONCE(lockdep_cpus[i].slow_paths);
	}
}

/* One class: its usage, then every class taken while holding it. */
static void class_print(const struct lock_class *c, unsigned int n)
{
	u8 usage = READ_ONCE(c->usage);
	char name[NAME_LEN];

	printk("  %s%s%s:", class_name(c, name, sizeof(name)),
	       usage & USED_IN_HARDIRQ ? " [in irq]" : "", usage & USED_IRQS_ON ? " [irqs on]" : "");
	for (unsigned int to = 0; to < n; to++)
		if (edge_known(c->id, to))
			printk(KERN_CONT " %s", class_name(&classes[to], name, sizeof(name)));
	printk(KERN_CONT "\n");
}

/*
 * Print every class and the order graph. Lock-free (printk takes locks,
 * so graph_lock must not be held): a class or edge being added meanwhile
 * may be missed.
 */
void lockdep_print(void)
{
	/* Acquire: pairs with the release in class_get(). */
	unsigned int n = smp_load_acquire(&nr_classes);

	printk("lockdep: %s, %u classes; each is followed by the classes taken "
	       "while holding it:\n", READ_ONCE(lockdep_on) ? "on" : "off", n);
	for (unsigned int i = 0; i < n; i++)
		class_print(&classes[i], n);
}

void lockdep_set_report_hook(void (*hook)(const struct lockdep_report *r))
{
	report_hook = hook;
}

void lockdep_reset(void)
{
	bool irqs_on = lockdep_irq_off();

	graph_lock();
	memset(classes, 0, sizeof(classes));
	memset(class_hash, 0, sizeof(class_hash));
	memset(after, 0, sizeof(after));
	memset(lockdep_cpus, 0, sizeof(lockdep_cpus));
	WRITE_ONCE(nr_classes, 0);
	graph_unlock();
	WRITE_ONCE(lockdep_on, 1);
	lockdep_irq_restore(irqs_on);
}

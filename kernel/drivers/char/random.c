/*
 * The kernel's random number generator and getrandom(2) (interface in
 * <kernel/random.h>; docs/proc.md, "Random numbers").
 *
 * Structure (the shape of Linux 5.18+'s, with ChaCha20 doing the hashing):
 *
 *   input pool   a 32-byte key. Mixing a 32-byte chunk m replaces it by
 *                the first half of ChaCha20(pool XOR m) with the pool's
 *                own nonce: a one-way step keyed by everything mixed so
 *                far. (Linux hashes with BLAKE2s; Kestrel has no hash and
 *                uses the ChaCha20 block function it already trusts.)
 *   base key     drawn from the pool at each reseed (the pool is then
 *                replaced by the other half of that block: forward
 *                secrecy); reseeds happen at boot and then at most every
 *                60 s, on demand, with the time CSR mixed in first.
 *   per-CPU keys one per hart, refreshed from the base key when a reseed
 *                bumped the generation.
 *
 * Every output request does "fast key erasure" on its hart's key: one
 * ChaCha20 block from the key; its first 32 bytes become the new key (the
 * old one is gone, so output already handed out cannot be recomputed from
 * a later compromise), the other 32 are either the output (small
 * requests) or the key of a private ChaCha20 stream that fills a large
 * request with interrupts on.
 *
 * Seeding (random_init, at boot): the device tree's /chosen/rng-seed
 * (QEMU virt puts 32 bytes there), the whole device-tree blob, the RTC,
 * the boot hart id and time, and CRNG_JITTER_SAMPLES samples of the time
 * CSR taken around a little memory work (timer jitter). No entropy is
 * counted: the generator is "ready" once random_init has run, so
 * getrandom never blocks.
 *
 * Locks: crng_lock (docs/locking.md), irqsave, a leaf, protects the pool,
 * the base key and its generation. A hart's crng_cpu is touched only by
 * that hart with interrupts off.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <arch/memlayout.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <lib/chacha20.h>
#include <lib/string.h>
#include <locking/spinlock.h>
#include <mm/uaccess.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#define CRNG_KEY_SIZE        CHACHA20_KEY_SIZE
#define CRNG_RESEED_NS       (60ULL * NSEC_PER_SEC)
#define CRNG_JITTER_SAMPLES  1024
#define MAX_RW_COUNT         (0x7fffffffUL & ~0xfffUL)  /* Linux's cap on one read/write */

static struct {
	struct spinlock lock;          /* crng_lock */
	u8 pool[CRNG_KEY_SIZE];        /* [lock] the input pool */
	u8 key[CRNG_KEY_SIZE];         /* [lock] the base key */
	unsigned long generation;      /* [lock] writes; [a] lock-free reads */
	u64 last_reseed;               /* [lock] writes; [a] reads: ktime of the last reseed */
	bool seeded;                   /* [a] random_init has run */
} crng = { .lock = SPINLOCK_INIT("crng_lock"), .generation = 1 };

struct crng_cpu {
	u8 key[CRNG_KEY_SIZE];
	unsigned long generation;      /* base generation this key came from; 0: none yet */
};
static struct crng_cpu crng_cpus[NR_CPUS];   /* [own hart, interrupts off] */

/* Domain separation: each use of the block function has its own nonce. */
static const u8 nonce_pool[CHACHA20_NONCE_SIZE] = "kestrel-pool";
static const u8 nonce_reseed[CHACHA20_NONCE_SIZE] = "kestrel-rsed";
static const u8 nonce_key[CHACHA20_NONCE_SIZE] = "kestrel-key";

/* One block of ChaCha20 keyed by key with nonce, counter 0, into out. */
static void crng_block(const u8 key[CRNG_KEY_SIZE], const u8 *nonce, u8 out[CHACHA20_BLOCK_SIZE])
{
	u32 st[16];

	chacha20_init(st, key, 0, nonce);
	chacha20_block(st, out);
	memset(st, 0, sizeof(st));
}

/* Fold n bytes into the pool, 32 at a time (the last chunk zero-padded). Lock held. */
static void pool_mix(const void *buf, size_t n)
{
	const u8 *p = buf;
	u8 k[CRNG_KEY_SIZE], out[CHACHA20_BLOCK_SIZE];

	assert_held(&crng.lock);
	while (n) {
		size_t take = MIN(n, sizeof(k));

		memcpy(k, crng.pool, sizeof(k));
		for (size_t i = 0; i < take; i++)
			k[i] ^= p[i];
		crng_block(k, nonce_pool, out);
		memcpy(crng.pool, out, sizeof(crng.pool));
		p += take;
		n -= take;
	}
	memset(k, 0, sizeof(k));
	memset(out, 0, sizeof(out));
}

/* A new base key from the pool; the pool moves on. Lock held. */
static void crng_reseed(void)
{
	u8 out[CHACHA20_BLOCK_SIZE];
	u64 now = rdtime();

	pool_mix(&now, sizeof(now));
	crng_block(crng.pool, nonce_reseed, out);
	memcpy(crng.key, out, CRNG_KEY_SIZE);
	memcpy(crng.pool, out + CRNG_KEY_SIZE, CRNG_KEY_SIZE);
	memset(out, 0, sizeof(out));
	WRITE_ONCE(crng.generation, crng.generation + 1);
	WRITE_ONCE(crng.last_reseed, ktime_get_ns());
}

/* Fast key erasure: key becomes the first half of its block, *fresh the second. */
static void crng_erase_key(u8 key[CRNG_KEY_SIZE], u8 fresh[CRNG_KEY_SIZE])
{
	u8 out[CHACHA20_BLOCK_SIZE];

	crng_block(key, nonce_key, out);
	memcpy(key, out, CRNG_KEY_SIZE);
	memcpy(fresh, out + CRNG_KEY_SIZE, CRNG_KEY_SIZE);
	memset(out, 0, sizeof(out));
}

static bool crng_reseed_due(void)
{
	return READ_ONCE(crng.seeded) &&
	       ktime_get_ns() - READ_ONCE(crng.last_reseed) > CRNG_RESEED_NS;
}

/* A fresh 32-byte key for one request, from this hart's key. */
static void crng_take_key(u8 fresh[CRNG_KEY_SIZE])
{
	unsigned long irq = local_irq_save();
	struct crng_cpu *c = &crng_cpus[this_cpu()->id];

	if (c->generation != READ_ONCE(crng.generation) || crng_reseed_due()) {
		unsigned long irq2 = spin_lock_irqsave(&crng.lock);

		if (crng_reseed_due())
			crng_reseed();
		crng_erase_key(crng.key, c->key);
		c->generation = crng.generation;
		spin_unlock_irqrestore(&crng.lock, irq2);
	}
	crng_erase_key(c->key, fresh);
	local_irq_restore(irq);
}

void get_random_bytes(void *buf, size_t n)
{
	static const u8 zero_nonce[CHACHA20_NONCE_SIZE];
	u8 key[CRNG_KEY_SIZE], tail[CHACHA20_BLOCK_SIZE];
	u8 *p = buf;
	u32 st[16];

	WARN_ON_ONCE(!READ_ONCE(crng.seeded));
	if (!n)
		return;
	crng_take_key(key);
	if (n <= CRNG_KEY_SIZE) {
		memcpy(buf, key, n);
		memset(key, 0, sizeof(key));
		return;
	}
	chacha20_init(st, key, 0, zero_nonce);
	memset(key, 0, sizeof(key));
	for (; n >= CHACHA20_BLOCK_SIZE; p += CHACHA20_BLOCK_SIZE, n -= CHACHA20_BLOCK_SIZE)
		chacha20_block(st, p);
	if (n) {
		chacha20_block(st, tail);
		memcpy(p, tail, n);
		memset(tail, 0, sizeof(tail));
	}
	memset(st, 0, sizeof(st));
}

u64 get_random_u64(void)
{
	u64 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

u32 get_random_u32(void)
{
	u32 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

void add_device_randomness(const void *buf, size_t n)
{
	unsigned long irq = spin_lock_irqsave(&crng.lock);

	pool_mix(buf, n);
	spin_unlock_irqrestore(&crng.lock, irq);
}

bool random_ready(void)
{
	return READ_ONCE(crng.seeded);
}

/* --------------------------------------------------------------- seeding */

/*
 * Timer jitter: time CSR readings around a little memory work that the
 * host's scheduling, caches and QEMU's translation make irregular. Mixed
 * in batches (the stack holds one). Returns the number of distinct deltas
 * seen, a rough sign of how irregular the clock was.
 */
static unsigned int random_mix_jitter(void)
{
	u64 batch[64], last = rdtime(), prev_delta = 0;
	volatile u64 work[16] = { 0 };
	unsigned int changes = 0;

	for (int s = 0; s < CRNG_JITTER_SAMPLES; s += ARRAY_SIZE(batch)) {
		for (unsigned int i = 0; i < ARRAY_SIZE(batch); i++) {
			for (unsigned int w = 0; w < 16 + (last & 15); w++)
				work[w & 15] += last ^ w;
			u64 now = rdtime(), delta = now - last;

			changes += delta != prev_delta;
			prev_delta = delta;
			batch[i] = now ^ (delta << 40) ^ work[now & 15];
			last = now;
		}
		add_device_randomness(batch, sizeof(batch));
	}
	memset(batch, 0, sizeof(batch));
	return changes;
}

/* /chosen/rng-seed and the blob itself; returns the rng-seed's length. */
static int random_mix_fdt(void)
{
	int len = 0, node = machine_fdt.base ? fdt_path_offset(&machine_fdt, "/chosen") : -1;
	const void *seed = node >= 0 ? fdt_getprop(&machine_fdt, node, "rng-seed", &len) : NULL;

	if (seed && len > 0)
		add_device_randomness(seed, (size_t)len);
	else
		len = 0;
	if (machine_fdt.base)
		add_device_randomness(machine_fdt.base, machine_fdt.totalsize);
	return len;
}

void random_init(void)
{
	u64 facts[4] = { ktime_get_real_ns(), boot_time_start, rdtime(), this_cpu()->hartid };
	int seed_len = random_mix_fdt();
	unsigned int changes;
	unsigned long irq;

	add_device_randomness(facts, sizeof(facts));
	changes = random_mix_jitter();
	irq = spin_lock_irqsave(&crng.lock);
	crng_reseed();
	WRITE_ONCE(crng.seeded, true);
	spin_unlock_irqrestore(&crng.lock, irq);
	pr_info("random: seeded from %d bytes of rng-seed, the device tree, %s, %u/%u jitter deltas changed\n",
		seed_len, facts[0] ? "the rtc" : "no rtc", changes, CRNG_JITTER_SAMPLES);
}

/* --------------------------------------------------------------- getrandom */

/*
 * getrandom(buf, count, flags), Linux 6.x semantics: unknown flags, or
 * GRND_RANDOM with GRND_INSECURE, -EINVAL; count capped at MAX_RW_COUNT
 * (the man page's 32 MiB - 1 was Linux 3.19..5.17); GRND_RANDOM draws
 * from the same generator (Linux 5.6+: no blocking pool). Never blocks:
 * the generator is ready before any user task exists, and the -EAGAIN
 * path only serves a call that somehow came first. A bad buffer: the
 * bytes copied so far, or -EFAULT if none.
 */
long sys_getrandom(const struct syscall_args *args)
{
	unsigned long ubuf = args->a[0];
	size_t len = args->a[1], done = 0;
	unsigned int flags = (unsigned int)args->a[2];
	u8 chunk[256];

	if (flags & ~(unsigned int)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (!random_ready() && !(flags & GRND_INSECURE))
		return -EAGAIN;
	len = MIN(len, MAX_RW_COUNT);
	if (len && (ubuf >= USER_TOP || len > USER_TOP - ubuf))
		return -EFAULT;
	while (done < len) {
		/* Never straddle a page: a failed copy then copied nothing. */
		size_t n = MIN(MIN(len - done, sizeof(chunk)), PAGE_SIZE - ((ubuf + done) & ~PAGE_MASK));

		get_random_bytes(chunk, n);
		if (copy_to_user((void __user *)(ubuf + done), chunk, n))
			break;
		done += n;
		if (!(done & 4095))
			cond_resched();
	}
	memset(chunk, 0, sizeof(chunk));
	return done ? (long)done : (len ? -EFAULT : 0);
}

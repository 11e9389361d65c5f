/*
 * The dentry cache (interface in <fs/dcache.h>, design in docs/vfs.md).
 *
 * Every dentry is in its parent's d_subdirs list and holds a reference on
 * the parent, so a parent outlives its cached children. Hashed dentries
 * are in a global hash of (parent, name). A dentry whose count falls to 0
 * stays if hashed (it goes on the LRU, unused: the cache proper) and is
 * freed if not. dcache_shrink() frees unused dentries from the LRU's cold
 * end; freeing one drops its reference on its parent, which may make the
 * parent unused in turn (it joins the LRU, hot end). Until the page cache
 * calls dcache_shrink() under memory pressure, walks keep the number of
 * unused dentries under DCACHE_MAX_UNUSED themselves (dcache_trim).
 *
 * Invariants (dcache_validate() in the self-tests checks them):
 *   d_count == 0  <=>  on the LRU (DCACHE_LRU), and then hashed;
 *   DCACHE_HASHED <=>  on a hash chain;
 *   nr_negative counts dentries with d_inode NULL, nr_unused the LRU.
 *
 * Lock: "dcache_lock" (a spinlock) guards all of it, except that d_count
 * moves between 1 and more by atomic compare-and-swap without it (so
 * dget/dput of a dentry someone holds take no lock); it reaches or
 * leaves 0 only under the lock. Nothing sleeps under it: inodes are
 * released (iput) and memory freed after dropping it.
 */
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#include "internal.h"

#define D_HASH_BITS 10
#define D_HASH_SIZE (1u << D_HASH_BITS)
#define DCACHE_MAX_UNUSED 16384   /* unused dentries kept before walks trim the LRU */
#define DCACHE_TRIM_BATCH 64

struct spinlock dcache_lock = SPINLOCK_INIT("dcache_lock");
static struct hlist_head dentry_hash[D_HASH_SIZE];   /* [dcache_lock] */
static LIST_HEAD(dentry_lru);                        /* [dcache_lock] head = hot, tail = cold */
static struct dcache_stats dstat;                    /* [dcache_lock] */
static struct kmem_cache *dentry_cache;

void dcache_init(void)
{
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 0, NULL);
	if (!dentry_cache)
		panic("fs: cannot create the dentry cache");
}

static u32 d_hash_of(const struct dentry *parent, const char *name, size_t len)
{
	u32 h = 2166136261u ^ (u32)((uintptr_t)parent >> 4) ^ (u32)((uintptr_t)parent >> 32);

	for (size_t i = 0; i < len; i++)
		h = (h ^ (u8)name[i]) * 16777619u;
	return h;
}

static struct hlist_head *d_bucket(u32 hash)
{
	return &dentry_hash[(hash ^ (hash >> D_HASH_BITS)) & (D_HASH_SIZE - 1)];
}

static void __d_lru_del(struct dentry *d)
{
	if (d->d_flags & DCACHE_LRU) {
		list_del_init(&d->d_lru);
		d->d_flags &= ~DCACHE_LRU;
		dstat.nr_unused--;
	}
}

static void __d_hash(struct dentry *d)
{
	d->d_hash_val = d_hash_of(d->d_parent, d->d_name, d->d_len);
	hlist_add_head(&d->d_hash, d_bucket(d->d_hash_val));
	d->d_flags |= DCACHE_HASHED;
}

static void __d_unhash(struct dentry *d)
{
	hlist_del_init(&d->d_hash);
	d->d_flags &= ~DCACHE_HASHED;
}

/*
 * d_count changes: from 0 or to 0 only under dcache_lock (that is when a
 * dentry joins or leaves the LRU); between 1 and more without it, by
 * compare-and-swap, since whoever does that holds a reference already.
 */
static int d_count_read(const struct dentry *d)
{
	return __atomic_load_n(&d->d_count, __ATOMIC_RELAXED);
}

/* A reference on d; dcache_lock held. */
static void __dget(struct dentry *d)
{
	if (__atomic_fetch_add(&d->d_count, 1, __ATOMIC_RELAXED) == 0)
		__d_lru_del(d);
}

/* Move d_count from c (> 1 for a put, >= 1 for a get) by delta without the lock; false if c changed. */
static bool d_count_cas(struct dentry *d, int c, int delta)
{
	return __atomic_compare_exchange_n(&d->d_count, &c, c + delta, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_RELAXED);
}

void dget_locked(struct dentry *d)
{
	__dget(d);
}

struct dentry *dget(struct dentry *d)
{
	for (;;) {
		int c = d_count_read(d);

		if (c == 0)
			break;
		if (d_count_cas(d, c, 1))
			return d;
	}
	spin_lock(&dcache_lock);
	BUG_ON(d->d_flags & DCACHE_DEAD);
	__dget(d);
	spin_unlock(&dcache_lock);
	return d;
}

/*
 * Take an unused or unhashed d out of the tree for freeing: unhash, off
 * the LRU and the parent's list. Returns the parent whose reference the
 * caller must drop (NULL for a root). dcache_lock held.
 */
static struct dentry *__d_kill(struct dentry *d)
{
	__d_lru_del(d);
	__d_unhash(d);
	list_del_init(&d->d_child);
	d->d_flags |= DCACHE_DEAD;
	dstat.nr_dentry--;
	if (!d->d_inode)
		dstat.nr_negative--;
	return d->d_parent == d ? NULL : d->d_parent;
}

/* Free a killed dentry (no lock held): its inode reference and memory. May sleep. */
static void d_free(struct dentry *d)
{
	if (d->d_inode)
		iput(d->d_inode);
	if (d->d_name != d->d_iname)
		kfree(d->d_name);
	kmem_cache_free(dentry_cache, d);
}

void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent;
		int c = d_count_read(d);

		if (c > 1 && d_count_cas(d, c, -1))
			return;
		if (c > 1)
			continue;   /* it changed under us: look again */
		spin_lock(&dcache_lock);
		BUG_ON(d_count_read(d) <= 0 || (d->d_flags & DCACHE_DEAD));
		if (__atomic_sub_fetch(&d->d_count, 1, __ATOMIC_ACQ_REL) > 0) {
			spin_unlock(&dcache_lock);
			return;
		}
		if (d->d_flags & DCACHE_HASHED) {
			list_add(&d->d_lru, &dentry_lru);
			d->d_flags |= DCACHE_LRU;
			dstat.nr_unused++;
			spin_unlock(&dcache_lock);
			return;
		}
		parent = __d_kill(d);
		spin_unlock(&dcache_lock);
		d_free(d);
		d = parent;   /* drop the reference d held on it */
	}
}

static struct dentry *__d_lookup(const struct dentry *parent, const char *name, size_t len,
				 u32 hash)
{
	struct dentry *d;

	hlist_for_each_entry(d, d_bucket(hash), d_hash) {
		if (d->d_hash_val == hash && d->d_parent == parent && d->d_len == len &&
		    memcmp(d->d_name, name, len) == 0)
			return d;
	}
	return NULL;
}

struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	u32 hash = d_hash_of(parent, name, len);
	struct dentry *d;

	spin_lock(&dcache_lock);
	d = __d_lookup(parent, name, len, hash);
	if (d)
		__dget(d);
	spin_unlock(&dcache_lock);
	return d;
}

/* A fresh dentry called name, count 1, no parent link yet. */
static struct dentry *__d_alloc(struct super_block *sb, const char *name, size_t len)
{
	struct dentry *d = kmem_cache_alloc(dentry_cache, 0);

	if (!d)
		return NULL;
	memset(d, 0, sizeof(*d));
	d->d_name = d->d_iname;
	if (len >= DNAME_INLINE_LEN) {
		d->d_name = kmalloc(len + 1, 0);
		if (!d->d_name) {
			kmem_cache_free(dentry_cache, d);
			return NULL;
		}
	}
	memcpy(d->d_name, name, len);
	d->d_name[len] = 0;
	d->d_len = (unsigned int)len;
	d->d_sb = sb;
	d->d_count = 1;
	INIT_HLIST_NODE(&d->d_hash);
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_lru);
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = __d_alloc(parent->d_sb, name, len);

	if (!d)
		return NULL;
	spin_lock(&dcache_lock);
	BUG_ON(d_count_read(parent) <= 0);
	__dget(parent);
	d->d_parent = parent;
	list_add(&d->d_child, &parent->d_subdirs);
	dstat.nr_dentry++;
	dstat.nr_negative++;
	spin_unlock(&dcache_lock);
	return d;
}

struct dentry *d_make_root(struct inode *root)
{
	struct dentry *d = __d_alloc(root->i_sb, "/", 1);

	if (!d) {
		iput(root);
		return NULL;
	}
	d->d_parent = d;
	d->d_inode = root;
	spin_lock(&dcache_lock);
	dstat.nr_dentry++;
	spin_unlock(&dcache_lock);
	return d;
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	spin_lock(&dcache_lock);
	BUG_ON(d->d_inode);
	d->d_inode = inode;
	dstat.nr_negative--;
	spin_unlock(&dcache_lock);
}

struct dentry *d_add_unique(struct dentry *d, struct inode *inode)
{
	struct dentry *old;

	spin_lock(&dcache_lock);
	old = __d_lookup(d->d_parent, d->d_name, d->d_len, d_hash_of(d->d_parent, d->d_name, d->d_len));
	if (old) {
		__dget(old);
		spin_unlock(&dcache_lock);
		if (inode)
			iput(inode);
		dput(d);
		return old;
	}
	if (inode) {
		d->d_inode = inode;
		dstat.nr_negative--;
	}
	/*
	 * Under a removed directory (unhashed, not a root) nothing is cached:
	 * an unhashed d dies at its last dput, so it cannot pin the dead
	 * directory (and its inode, never freed on disk) forever.
	 */
	if (d->d_parent == d->d_parent->d_parent || (d->d_parent->d_flags & DCACHE_HASHED))
		__d_hash(d);
	spin_unlock(&dcache_lock);
	return d;
}

void d_delete(struct dentry *d)
{
	struct inode *inode = NULL;

	spin_lock(&dcache_lock);
	if (d_count_read(d) == 1 && d->d_inode && !d->d_mounts) {
		inode = d->d_inode;
		d->d_inode = NULL;
		dstat.nr_negative++;
	} else {
		__d_unhash(d);
	}
	spin_unlock(&dcache_lock);
	if (inode)
		iput(inode);
}

void d_drop(struct dentry *d)
{
	spin_lock(&dcache_lock);
	__d_unhash(d);
	spin_unlock(&dcache_lock);
}

bool d_unlinked(struct dentry *d)
{
	bool r;

	spin_lock(&dcache_lock);
	r = d->d_parent != d && !(d->d_flags & DCACHE_HASHED);
	spin_unlock(&dcache_lock);
	return r;
}

/* Kill d's unused children onto *dead (each drops its reference on d). dcache_lock held. */
static void __d_prune_children(struct dentry *d, struct list_head *dead)
{
	struct dentry *c, *n;

	list_for_each_entry_safe(c, n, &d->d_subdirs, d_child) {
		if (d_count_read(c) == 0 && list_empty(&c->d_subdirs)) {
			__d_kill(c);
			__atomic_sub_fetch(&d->d_count, 1, __ATOMIC_RELAXED);   /* the caller holds another */
			list_add(&c->d_lru, dead);
		}
	}
}

static void d_free_list(struct list_head *dead)
{
	struct dentry *c, *n;

	list_for_each_entry_safe(c, n, dead, d_lru)
		d_free(c);
}

int d_invalidate(struct dentry *d)
{
	LIST_HEAD(dead);

	spin_lock(&dcache_lock);
	if (d->d_mounts) {
		spin_unlock(&dcache_lock);
		return -EBUSY;
	}
	__d_unhash(d);
	__d_prune_children(d, &dead);
	spin_unlock(&dcache_lock);
	d_free_list(&dead);
	return 0;
}

/* Swap the names of a and b (inline buffers or allocated strings). dcache_lock held. */
static void __d_swap_names(struct dentry *a, struct dentry *b)
{
	char tmp[DNAME_INLINE_LEN];
	unsigned int len = a->d_len;
	bool ai = a->d_name == a->d_iname, bi = b->d_name == b->d_iname;

	if (ai && bi) {
		memcpy(tmp, a->d_iname, sizeof(tmp));
		memcpy(a->d_iname, b->d_iname, sizeof(tmp));
		memcpy(b->d_iname, tmp, sizeof(tmp));
	} else if (!ai && !bi) {
		char *p = a->d_name;

		a->d_name = b->d_name;
		b->d_name = p;
	} else if (ai) {   /* b's name is allocated */
		memcpy(b->d_iname, a->d_iname, sizeof(tmp));
		a->d_name = b->d_name;
		b->d_name = b->d_iname;
	} else {
		memcpy(a->d_iname, b->d_iname, sizeof(tmp));
		b->d_name = a->d_name;
		a->d_name = a->d_iname;
	}
	a->d_len = b->d_len;
	b->d_len = len;
}

/* a and b swap places (names, parents, child lists); both unhashed first. dcache_lock held. */
static void __d_swap(struct dentry *a, struct dentry *b)
{
	struct dentry *pa = a->d_parent, *pb = b->d_parent;

	__d_unhash(a);
	__d_unhash(b);
	__d_swap_names(a, b);
	a->d_parent = pb;   /* each still holds one reference on a parent: swapped */
	b->d_parent = pa;
	list_move(&a->d_child, &pb->d_subdirs);
	list_move(&b->d_child, &pa->d_subdirs);
}

void d_move(struct dentry *d, struct dentry *target)
{
	spin_lock(&dcache_lock);
	__d_swap(d, target);
	__d_hash(d);       /* target stays unhashed: its name is gone */
	spin_unlock(&dcache_lock);
}

void d_exchange(struct dentry *a, struct dentry *b)
{
	spin_lock(&dcache_lock);
	__d_swap(a, b);
	__d_hash(a);
	__d_hash(b);
	spin_unlock(&dcache_lock);
}

/* Free the LRU's coldest entry (if pred allows it); false if none. May sleep. */
static bool d_shrink_one(struct super_block *sb)
{
	struct dentry *d, *parent;

	spin_lock(&dcache_lock);
	list_for_each_entry_reverse(d, &dentry_lru, d_lru) {
		if (sb && d->d_sb != sb)
			continue;
		parent = __d_kill(d);
		spin_unlock(&dcache_lock);
		d_free(d);
		if (parent)
			dput(parent);
		return true;
	}
	spin_unlock(&dcache_lock);
	return false;
}

unsigned long dcache_shrink(unsigned long nr)
{
	unsigned long done = 0;

	while (done < nr && d_shrink_one(NULL))
		done++;
	return done;
}

void dcache_trim(void)
{
	unsigned long unused = READ_ONCE(dstat.nr_unused);

	if (unused > DCACHE_MAX_UNUSED)
		dcache_shrink(unused - DCACHE_MAX_UNUSED + DCACHE_TRIM_BATCH);
}

unsigned long shrink_dcache_sb(struct super_block *sb)
{
	struct dentry *d;
	unsigned long busy = 0;

	while (d_shrink_one(sb))
		;
	spin_lock(&dcache_lock);
	for (unsigned int i = 0; i < D_HASH_SIZE; i++) {
		hlist_for_each_entry(d, &dentry_hash[i], d_hash)
			busy += d->d_sb == sb;
	}
	spin_unlock(&dcache_lock);
	return busy;
}

void dcache_stats(struct dcache_stats *st)
{
	spin_lock(&dcache_lock);
	*st = dstat;
	spin_unlock(&dcache_lock);
}

const char *dcache_validate(void)
{
	struct dentry *d;
	unsigned long unused = 0;
	const char *why = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, &dentry_lru, d_lru) {
		unused++;
		if (d_count_read(d) || !(d->d_flags & DCACHE_LRU) || !(d->d_flags & DCACHE_HASHED))
			why = "an LRU dentry in use or unhashed";
	}
	if (unused != dstat.nr_unused)
		why = "nr_unused does not match the LRU";
	for (unsigned int i = 0; i < D_HASH_SIZE && !why; i++) {
		hlist_for_each_entry(d, &dentry_hash[i], d_hash) {
			if (!(d->d_flags & DCACHE_HASHED) || d_count_read(d) < 0 ||
			    (d_count_read(d) == 0) != !!(d->d_flags & DCACHE_LRU))
				why = "a hashed dentry with bad flags or count";
		}
	}
	spin_unlock(&dcache_lock);
	return why;
}

void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

void path_put(const struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}

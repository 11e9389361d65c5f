/*
 * The dentry cache and mounts: names in front of inodes (kernel/fs/dcache.c,
 * kernel/fs/mount.c). Included by <fs/fs.h>; see docs/vfs.md.
 *
 * A dentry is one name in one directory: (d_parent, d_name) -> d_inode,
 * or a negative entry (d_inode NULL) remembering that the name does not
 * exist. Every dentry holds a reference on its parent (the root of a file
 * system is its own parent) and, when positive, one on its inode. Hashed
 * dentries are found by d_lookup(parent, name); unused ones (d_count 0)
 * stay cached on an LRU until dcache_shrink() or the file system's end
 * frees them.
 *
 * Locks (docs/locking.md): one spinlock, "dcache_lock", guards every
 * field marked [d]: the hash, the LRU, the child lists, the counts, the
 * names, parents, inodes and flags. A lookup that hits takes nothing but
 * it (no sleeping lock). Freeing a dentry drops its inode (iput, may
 * sleep) with dcache_lock released. Changes that make a name appear or
 * vanish (d_instantiate, d_delete, d_move) are made by the VFS with the
 * parent directories' i_rwsem held for writing, so a walker holding a
 * directory's i_rwsem for reading sees them settled.
 */
#ifndef FS_DCACHE_H
#define FS_DCACHE_H

#include <kernel/types.h>
#include <lib/list.h>

struct inode;
struct super_block;
struct vfsmount;

#define DNAME_INLINE_LEN 40

/* d_flags */
#define DCACHE_HASHED     0x1u   /* in the hash: d_lookup finds it */
#define DCACHE_LRU        0x2u   /* unused, on the LRU */
#define DCACHE_MOUNTED    0x4u   /* something is mounted on it (d_mounts > 0) */
#define DCACHE_DEAD       0x8u   /* freed or being freed: never revived */

struct dentry {
	struct dentry *d_parent;          /* [d] with a reference (the root: itself, none) */
	struct inode *d_inode;            /* [d] with a reference, or NULL (negative) */
	struct super_block *d_sb;         /* [I] */
	unsigned int d_flags;             /* [d] DCACHE_* */
	int d_count;                      /* [d] references; 1 <-> more by CAS without the lock */
	int d_mounts;                     /* [d] mounts whose mountpoint this is */
	u32 d_hash_val;                   /* [d] hash of (parent, name) */
	unsigned int d_len;               /* [d] length of d_name */
	char *d_name;                     /* [d] d_iname or kmalloc'd; NUL-terminated */
	struct hlist_node d_hash;         /* [d] hash chain */
	struct list_head d_child;         /* [d] in d_parent->d_subdirs */
	struct list_head d_subdirs;       /* [d] children (positive and negative) */
	struct list_head d_lru;           /* [d] on the LRU while unused */
	char d_iname[DNAME_INLINE_LEN];   /* [d] short names live here */
};

/* A place in the tree of mounts: the mount and a dentry in it, both referenced. */
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* ---------------------------------------------------------------- dentries (dcache.c) */

void dcache_init(void);
/* A new reference on d (which the caller holds one on, or found under dcache_lock). */
struct dentry *dget(struct dentry *d);
/*
 * Drop a reference. The last one puts a hashed dentry on the LRU (it stays
 * cached); an unhashed one is freed, dropping its inode and parent. May sleep.
 */
void dput(struct dentry *d);
/* The hashed child name[len] of parent with a reference, or NULL. Spinlock only. */
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len);
/* A new unhashed negative child of parent (a reference held on parent); NULL if no memory. */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
/* The root dentry of a file system, owning the caller's reference on root; NULL if no memory (root is put). */
struct dentry *d_make_root(struct inode *root);
/* Give the negative d the inode (the caller's reference moves to d). */
void d_instantiate(struct dentry *d, struct inode *inode);
/*
 * Hash d (from d_alloc) with inode (reference moves; NULL = negative).
 * If another dentry for the same name was hashed meanwhile, d is freed
 * and that one is returned (with a reference) instead; else d.
 */
struct dentry *d_add_unique(struct dentry *d, struct inode *inode);
/* The name was removed: d becomes negative if the caller holds the only reference, else is unhashed. */
void d_delete(struct dentry *d);
/* Unhash d (later lookups ask the file system again). */
void d_drop(struct dentry *d);
/* rmdir: unhash d and drop its unused children. -EBUSY if something is mounted on d. */
int d_invalidate(struct dentry *d);
/* rename: d takes target's name and parent; target (negative or the victim) is unhashed. */
void d_move(struct dentry *d, struct dentry *target);
/* RENAME_EXCHANGE: a and b swap names and parents. */
void d_exchange(struct dentry *a, struct dentry *b);
/* Is d unhashed (its name was removed)? The root of a file system never is. */
bool d_unlinked(struct dentry *d);
/* Free up to nr unused dentries from the LRU's cold end; the number freed. May sleep. */
unsigned long dcache_shrink(unsigned long nr);
/* Free the coldest unused dentries if more than a fixed bound are cached. No lock held; may sleep. */
void dcache_trim(void);
/* Free every unused dentry of sb (umount); the number still in use. May sleep. */
unsigned long shrink_dcache_sb(struct super_block *sb);
/* Statistics: dentries alive, unused on the LRU, negative. */
struct dcache_stats {
	unsigned long nr_dentry, nr_unused, nr_negative;
};
void dcache_stats(struct dcache_stats *st);

/* ---------------------------------------------------------------- paths */

void path_get(const struct path *p);
void path_put(const struct path *p);
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/*
 * The path of p from root into buf[size] ("/a/b", NUL-terminated), through
 * the dentry names and across mounts. Returns the length with the NUL,
 * -ENOENT if p's name was removed, -ERANGE if buf is too small. A p not
 * under root gives its path from its own mount tree's top. Spinlocks only.
 */
int d_path(const struct path *root, const struct path *p, char *buf, size_t size);

#endif /* FS_DCACHE_H */

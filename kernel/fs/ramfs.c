/*
 * ramfs: a file system that lives only in memory -- the root file system
 * the initramfs is unpacked into.
 *
 * Directories keep their entries in a list ordered by a per-directory
 * cookie that only grows, so a getdents64 position (the cookie of the
 * next entry) stays valid however entries come and go. Each entry holds a
 * reference on its inode, so an inode lives while it has a name or is
 * open; a directory also holds a reference on its parent (for "..").
 * Regular files keep their data in whole pages from the page allocator,
 * indexed by an array that grows by doubling; a missing page is a hole
 * and reads as zeros. Symlinks keep their target in a kmalloc'd string.
 *
 * Interface: ramfs_create() (internal.h), then the VFS calls the
 * operations tables below. Limits: names up to NAME_MAX; a file up to
 * RAMFS_MAX_PAGES pages (-EFBIG beyond); running out of memory gives
 * -ENOSPC for data, -ENOMEM for inodes.
 *
 * mmap: a mapping of a file maps the file's own pages (one reference per
 * mapping, fault below), so every exec of a program maps the same
 * physical text pages. VMAs hold an inode reference (vm_operations
 * open/close), so the pages live while mapped; a page freed from the file
 * by a truncate stays alive in the mappings that hold it (Linux would
 * unmap it: here a shared mapping keeps seeing the old page). A hole in a
 * private mapping gets a fresh zero page of its own; in a shared mapping
 * the hole page is allocated into the file (the array is grown to the
 * size at mmap time; a page beyond the array or the end of the file
 * faults -EFAULT, Linux's SIGBUS).
 *
 * Locks: the VFS holds the i_rwsem of the inodes involved (fs/fs.h says
 * which, per method); ramfs takes no lock of its own except inside
 * iterate/read/write, which take the inode's i_rwsem themselves. The
 * fault method runs under mm_lock with interrupts off and cannot take the
 * sleeping i_rwsem, so a file's page array also has a spinlock,
 * "ramfs_pages_lock" (irqsave, inside mm_lock and inside i_rwsem): every
 * change of pages/cap/i_blocks and a shrinking i_size happens under it
 * as well as under i_rwsem for writing (or at eviction), so holders of
 * either see a stable array; the fault holds only the spinlock.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/list.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#include "internal.h"

/* The page array is one kmalloc block: at most 4 MiB of pointers (2 GiB of file). */
#define RAMFS_MAX_PAGES ((PAGE_SIZE << MAX_ORDER) / sizeof(struct page *))

struct ramfs_dirent {
	struct list_head node;       /* [dir i_rwsem] in entries, by cookie */
	struct inode *inode;         /* with a reference */
	loff_t cookie;               /* [I] getdents position, >= 2 */
	unsigned int len;            /* [I] */
	char name[];                 /* [I] len bytes and a NUL */
};

struct ramfs_inode {
	struct inode vfs;
	union {
		struct {                         /* directories, [i_rwsem] */
			struct list_head entries;
			loff_t next_cookie;
			struct inode *parent;    /* with a reference, unless the root (itself) */
		} dir;
		struct {                         /* regular files: changes under both */
			struct page **pages;     /* [i_rwsem + pages_lock] */
			unsigned long cap;       /* [i_rwsem + pages_lock] entries in pages */
			struct spinlock pages_lock;   /* "ramfs_pages_lock" */
		} file;
		struct {
			char *target;            /* [I] */
		} link;
	};
};

/* One instance's limits (tmpfs size=, nr_inodes=; 0 = none) and use. */
struct ramfs_sb_info {
	unsigned long max_pages, max_inodes;   /* [I] */
	unsigned long pages, inodes;           /* [a] */
};

static struct ramfs_sb_info *RSB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static struct kmem_cache *ramfs_inode_cache;
static unsigned long ramfs_pages;   /* [a] data pages held by all ramfs */
static unsigned long ramfs_inodes;  /* [a] inodes alive in all ramfs */

static const struct inode_operations ramfs_dir_iops, ramfs_file_iops, ramfs_link_iops,
	ramfs_special_iops;
static const struct file_operations ramfs_dir_fops, ramfs_file_fops;

static struct ramfs_inode *RI(struct inode *inode)
{
	return container_of(inode, struct ramfs_inode, vfs);
}

unsigned long ramfs_data_pages(void)
{
	return __atomic_load_n(&ramfs_pages, __ATOMIC_RELAXED);
}

unsigned long ramfs_inode_count(void)
{
	return __atomic_load_n(&ramfs_inodes, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- inodes */

static struct inode *ramfs_new_inode(struct super_block *sb, unsigned int mode)
{
	struct ramfs_sb_info *si = RSB(sb);
	struct ramfs_inode *ri;

	if (__atomic_add_fetch(&si->inodes, 1, __ATOMIC_RELAXED) > si->max_inodes && si->max_inodes) {
		__atomic_sub_fetch(&si->inodes, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	ri = kmem_cache_alloc(ramfs_inode_cache, 0);
	if (!ri) {
		__atomic_sub_fetch(&si->inodes, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	memset(ri, 0, sizeof(*ri));
	__atomic_add_fetch(&ramfs_inodes, 1, __ATOMIC_RELAXED);
	inode_init(&ri->vfs, sb, mode);
	switch (mode & S_IFMT) {
	case S_IFDIR:
		INIT_LIST_HEAD(&ri->dir.entries);
		ri->dir.next_cookie = 2;
		ri->vfs.i_nlink = 2;
		ri->vfs.i_op = &ramfs_dir_iops;
		ri->vfs.i_fop = &ramfs_dir_fops;
		break;
	case S_IFREG:
		ri->vfs.i_op = &ramfs_file_iops;
		ri->vfs.i_fop = &ramfs_file_fops;
		spin_lock_init(&ri->file.pages_lock, "ramfs_pages_lock");
		break;
	case S_IFLNK:
		ri->vfs.i_op = &ramfs_link_iops;
		break;
	default:
		ri->vfs.i_op = &ramfs_special_iops;
		break;
	}
	return &ri->vfs;
}

/*
 * Drop the file's references on pages [from, cap) (mappings may hold
 * more). i_rwsem held for writing (or last reference); takes pages_lock.
 */
static void ramfs_free_pages_from(struct ramfs_inode *ri, unsigned long from)
{
	unsigned long irq = spin_lock_irqsave(&ri->file.pages_lock);

	for (unsigned long i = from; i < ri->file.cap; i++) {
		if (ri->file.pages[i]) {
			put_page(ri->file.pages[i]);
			ri->file.pages[i] = NULL;
			ri->vfs.i_blocks -= PAGE_SIZE / 512;
			__atomic_sub_fetch(&ramfs_pages, 1, __ATOMIC_RELAXED);
			__atomic_sub_fetch(&RSB(ri->vfs.i_sb)->pages, 1, __ATOMIC_RELAXED);
		}
	}
	spin_unlock_irqrestore(&ri->file.pages_lock, irq);
}

static void ramfs_evict_inode(struct inode *inode)
{
	struct ramfs_inode *ri = RI(inode);

	switch (inode->i_mode & S_IFMT) {
	case S_IFDIR:
		BUG_ON(!list_empty(&ri->dir.entries));
		if (ri->dir.parent && ri->dir.parent != inode)
			iput(ri->dir.parent);
		break;
	case S_IFREG:
		ramfs_free_pages_from(ri, 0);
		kfree(ri->file.pages);
		break;
	case S_IFLNK:
		kfree(ri->link.target);
		break;
	}
}

static void ramfs_destroy_inode(struct inode *inode)
{
	__atomic_sub_fetch(&ramfs_inodes, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&RSB(inode->i_sb)->inodes, 1, __ATOMIC_RELAXED);
	kmem_cache_free(ramfs_inode_cache, RI(inode));
}

static int ramfs_statfs(struct dentry *root, struct statfs *st);

static const struct super_operations ramfs_sops = {
	.evict_inode = ramfs_evict_inode,
	.destroy_inode = ramfs_destroy_inode,
	.statfs = ramfs_statfs,
};

/* ---------------------------------------------------------------- directories */

static struct ramfs_dirent *ramfs_find(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *de;

	list_for_each_entry(de, &RI(dir)->dir.entries, node) {
		if (de->len == len && memcmp(de->name, name, len) == 0)
			return de;
	}
	return NULL;
}

static struct inode *ramfs_lookup(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *de;

	if (len == 2 && name[0] == '.' && name[1] == '.') {
		iget(RI(dir)->dir.parent);
		return RI(dir)->dir.parent;
	}
	de = ramfs_find(dir, name, len);
	if (!de)
		return ERR_PTR(-ENOENT);
	iget(de->inode);
	return de->inode;
}

static struct ramfs_dirent *ramfs_dirent_alloc(const char *name, size_t len)
{
	struct ramfs_dirent *de = kmalloc(sizeof(*de) + len + 1, 0);

	if (de) {
		memcpy(de->name, name, len);
		de->name[len] = 0;
		de->len = (unsigned int)len;
	}
	return de;
}

/* Link de (from ramfs_dirent_alloc) into dir for inode, taking a reference. dir i_rwsem held. */
static void ramfs_dirent_insert(struct inode *dir, struct ramfs_dirent *de, struct inode *inode)
{
	de->cookie = RI(dir)->dir.next_cookie++;
	de->inode = inode;
	iget(inode);
	list_add_tail(&de->node, &RI(dir)->dir.entries);
	dir->i_size++;
	inode_touch_mc(dir);
}

/* Add name -> inode to dir, taking a new reference on inode. dir i_rwsem held. */
static int ramfs_add_entry(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct ramfs_dirent *de = ramfs_dirent_alloc(name, len);

	if (!de)
		return -ENOMEM;
	ramfs_dirent_insert(dir, de, inode);
	return 0;
}

/* Remove the entry name from dir and drop its reference. dir i_rwsem held. */
static void ramfs_del_entry(struct inode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *de = ramfs_find(dir, name, len);

	BUG_ON(!de);
	list_del(&de->node);
	dir->i_size--;
	inode_touch_mc(dir);
	iput(de->inode);
	kfree(de);
}

/* A new inode of mode named name in dir; the caller's reference in *res. */
static int ramfs_mknod_inode(struct inode *dir, const char *name, size_t len, unsigned int mode,
			     struct inode **res)
{
	struct inode *inode = ramfs_new_inode(dir->i_sb, mode);
	int err;

	if (!inode)
		return -ENOMEM;
	if (dir->i_mode & S_ISGID) {   /* BSD group semantics on setgid directories */
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			inode->i_mode |= S_ISGID;
	}
	err = ramfs_add_entry(dir, name, len, inode);
	if (err) {
		inode->i_nlink = 0;
		iput(inode);
		return err;
	}
	*res = inode;
	return 0;
}

static int ramfs_create_file(struct inode *dir, const char *name, size_t len, unsigned int mode,
			     struct inode **res)
{
	return ramfs_mknod_inode(dir, name, len, S_IFREG | (mode & 07777), res);
}

static int ramfs_mkdir(struct inode *dir, const char *name, size_t len, unsigned int mode)
{
	struct inode *inode;
	int err = ramfs_mknod_inode(dir, name, len, S_IFDIR | (mode & 07777), &inode);

	if (err)
		return err;
	iget(dir);
	RI(inode)->dir.parent = dir;
	dir->i_nlink++;
	iput(inode);
	return 0;
}

static int ramfs_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	size_t tlen = strlen(target);
	char *copy = kmalloc(tlen + 1, 0);
	struct inode *inode;
	int err;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, tlen + 1);
	err = ramfs_mknod_inode(dir, name, len, S_IFLNK | 0777, &inode);
	if (err) {
		kfree(copy);
		return err;
	}
	RI(inode)->link.target = copy;
	inode->i_size = (loff_t)tlen;
	iput(inode);
	return 0;
}

static int ramfs_mknod(struct inode *dir, const char *name, size_t len, unsigned int mode,
		       u32 rdev)
{
	struct inode *inode;
	int err = ramfs_mknod_inode(dir, name, len, mode, &inode);

	if (err)
		return err;
	if (!S_ISREG(mode))   /* mknod of S_IFREG makes an ordinary empty file */
		init_special_inode(inode, inode->i_mode, rdev);
	iput(inode);
	return 0;
}

static int ramfs_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	int err = ramfs_add_entry(dir, name, len, old);

	if (!err) {
		old->i_nlink++;
		old->i_ctime = current_time();
	}
	return err;
}

static int ramfs_unlink(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	victim->i_nlink--;
	victim->i_ctime = current_time();
	ramfs_del_entry(dir, name, len);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	if (!list_empty(&RI(victim)->dir.entries))
		return -ENOTEMPTY;
	victim->i_nlink = 0;
	victim->i_ctime = current_time();
	dir->i_nlink--;
	ramfs_del_entry(dir, name, len);
	return 0;
}

/* Move a directory's ".." from old_dir to new_dir. */
static void ramfs_reparent(struct inode *inode, struct inode *old_dir, struct inode *new_dir)
{
	iget(new_dir);
	RI(inode)->dir.parent = new_dir;
	new_dir->i_nlink++;
	old_dir->i_nlink--;
	iput(old_dir);   /* never the last reference: old_dir's own name holds one */
}

/* RENAME_EXCHANGE: old_dir/old_name and new_dir/new_name swap inodes. */
static int ramfs_exchange(struct inode *old_dir, const char *old_name, size_t old_len,
			  struct inode *old, struct inode *new_dir, const char *new_name,
			  size_t new_len, struct inode *other)
{
	struct ramfs_dirent *a = ramfs_find(old_dir, old_name, old_len);
	struct ramfs_dirent *b = ramfs_find(new_dir, new_name, new_len);

	BUG_ON(!a || !b || a->inode != old || b->inode != other);
	a->inode = other;   /* each entry keeps its one reference: swapped */
	b->inode = old;
	if (old_dir != new_dir) {
		if (S_ISDIR(old->i_mode))
			ramfs_reparent(old, old_dir, new_dir);
		if (S_ISDIR(other->i_mode))
			ramfs_reparent(other, new_dir, old_dir);
	}
	inode_touch_mc(old_dir);
	inode_touch_mc(new_dir);
	old->i_ctime = other->i_ctime = current_time();
	return 0;
}

static int ramfs_rename(struct inode *old_dir, const char *old_name, size_t old_len,
			struct inode *old, struct inode *new_dir, const char *new_name,
			size_t new_len, struct inode *victim, unsigned int flags)
{
	struct ramfs_dirent *de;

	if (flags & RENAME_EXCHANGE)
		return ramfs_exchange(old_dir, old_name, old_len, old, new_dir, new_name, new_len,
				      victim);
	if (victim && S_ISDIR(victim->i_mode) && !list_empty(&RI(victim)->dir.entries))
		return -ENOTEMPTY;
	de = ramfs_dirent_alloc(new_name, new_len);   /* the only step that can fail */
	if (!de)
		return -ENOMEM;
	if (victim) {
		if (S_ISDIR(victim->i_mode)) {
			victim->i_nlink = 0;
			new_dir->i_nlink--;
		} else {
			victim->i_nlink--;
		}
		victim->i_ctime = current_time();
		ramfs_del_entry(new_dir, new_name, new_len);
	}
	ramfs_dirent_insert(new_dir, de, old);
	ramfs_del_entry(old_dir, old_name, old_len);
	if (S_ISDIR(old->i_mode) && old_dir != new_dir)
		ramfs_reparent(old, old_dir, new_dir);
	old->i_ctime = current_time();
	return 0;
}

static int ramfs_get_link(struct inode *inode, char *buf, size_t size)
{
	size_t len = (size_t)inode->i_size;

	if (len + 1 > size)
		return -ENAMETOOLONG;
	memcpy(buf, RI(inode)->link.target, len + 1);
	return (int)len;
}

/*
 * getdents: "." and ".." at positions 0 and 1, then the entries in cookie
 * order from ctx->pos on. Stops when emit() says the buffer is full.
 */
static int ramfs_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	struct ramfs_dirent *de;

	down_read(&dir->i_rwsem);
	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, dir->i_ino, DT_DIR))
			goto out;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->emit(ctx, "..", 2, RI(dir)->dir.parent->i_ino, DT_DIR))
			goto out;
		ctx->pos = 2;
	}
	list_for_each_entry(de, &RI(dir)->dir.entries, node) {
		if (de->cookie < ctx->pos)
			continue;
		if (!ctx->emit(ctx, de->name, de->len, de->inode->i_ino, S_DT(de->inode->i_mode)))
			break;
		ctx->pos = de->cookie + 1;
	}
out:
	up_read(&dir->i_rwsem);
	return 0;
}

/* ---------------------------------------------------------------- regular files */

/* Make room for page index idx in the page array. i_rwsem held for writing. */
static int ramfs_grow_array(struct ramfs_inode *ri, unsigned long idx)
{
	unsigned long cap = ri->file.cap ? ri->file.cap : 16, irq;
	struct page **pages, **old;

	if (idx >= RAMFS_MAX_PAGES)
		return -EFBIG;
	while (cap <= idx)
		cap *= 2;
	cap = MIN(cap, (unsigned long)RAMFS_MAX_PAGES);
	pages = kzalloc(cap * sizeof(*pages), 0);
	if (!pages)
		return -ENOSPC;
	irq = spin_lock_irqsave(&ri->file.pages_lock);
	if (ri->file.cap)
		memcpy(pages, ri->file.pages, ri->file.cap * sizeof(*pages));
	old = ri->file.pages;
	ri->file.pages = pages;
	ri->file.cap = cap;
	spin_unlock_irqrestore(&ri->file.pages_lock, irq);
	kfree(old);
	return 0;
}

/* Put the fresh zeroed page into the hole at idx < cap. pages_lock held. */
static void ramfs_install_page(struct ramfs_inode *ri, unsigned long idx, struct page *page)
{
	page->mapping = &ri->vfs;
	page->index = idx;
	WRITE_ONCE(ri->file.pages[idx], page);
	ri->vfs.i_blocks += PAGE_SIZE / 512;
	__atomic_add_fetch(&ramfs_pages, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&RSB(ri->vfs.i_sb)->pages, 1, __ATOMIC_RELAXED);
}

/*
 * The page at idx, allocated (zeroed) if it is a hole. i_rwsem held for
 * writing; a fault may fill the hole meanwhile (pages_lock decides).
 */
static struct page *ramfs_get_page(struct ramfs_inode *ri, unsigned long idx, int *err)
{
	struct page *page, *fresh;
	unsigned long irq;

	if (idx >= ri->file.cap) {
		*err = ramfs_grow_array(ri, idx);
		if (*err)
			return NULL;
	}
	page = READ_ONCE(ri->file.pages[idx]);
	if (page)
		return page;
	if (RSB(ri->vfs.i_sb)->max_pages &&
	    __atomic_load_n(&RSB(ri->vfs.i_sb)->pages, __ATOMIC_RELAXED) >= RSB(ri->vfs.i_sb)->max_pages) {
		*err = -ENOSPC;   /* tmpfs size= reached */
		return NULL;
	}
	fresh = alloc_page(__GFP_ZERO | __GFP_NOWARN);
	if (!fresh) {
		*err = -ENOSPC;
		return NULL;
	}
	irq = spin_lock_irqsave(&ri->file.pages_lock);
	page = ri->file.pages[idx];
	if (!page) {
		ramfs_install_page(ri, idx, fresh);
		page = fresh;
		fresh = NULL;
	}
	spin_unlock_irqrestore(&ri->file.pages_lock, irq);
	if (fresh)
		put_page(fresh);
	return page;
}

static ssize_t ramfs_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = file_inode(file);
	struct ramfs_inode *ri = RI(inode);
	size_t done = 0;
	bool fault = false;
	loff_t p = *pos;

	down_read(&inode->i_rwsem);
	while (to->count && p < inode->i_size) {
		unsigned long idx = (unsigned long)p / PAGE_SIZE;
		size_t off = (size_t)p % PAGE_SIZE;
		size_t n = MIN(MIN((size_t)PAGE_SIZE - off, to->count), (size_t)(inode->i_size - p));
		struct page *page = idx < ri->file.cap ? READ_ONCE(ri->file.pages[idx]) : NULL;
		size_t k = page ? copy_to_iter((char *)page_address(page) + off, n, to)
				: iov_iter_zero(n, to);

		done += k;
		p += (loff_t)k;
		if (k < n) {
			fault = true;
			break;
		}
	}
	up_read(&inode->i_rwsem);
	*pos = p;
	return done || !fault ? (ssize_t)done : -EFAULT;
}

static ssize_t ramfs_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = file_inode(file);
	struct ramfs_inode *ri = RI(inode);
	size_t done = 0;
	int err = 0;
	loff_t p;

	down_write(&inode->i_rwsem);
	p = (READ_ONCE(file->f_flags) & O_APPEND) ? inode->i_size : *pos;
	while (from->count) {
		unsigned long idx = (unsigned long)p / PAGE_SIZE;
		size_t off = (size_t)p % PAGE_SIZE, n = MIN((size_t)PAGE_SIZE - off, from->count), k;
		struct page *page = ramfs_get_page(ri, idx, &err);

		if (!page)
			break;
		k = copy_from_iter((char *)page_address(page) + off, n, from);
		done += k;
		p += (loff_t)k;
		if (k < n) {
			err = -EFAULT;
			break;
		}
	}
	if (p > inode->i_size)
		inode->i_size = p;
	if (done)
		inode_touch_mc(inode);
	up_write(&inode->i_rwsem);
	*pos = p;
	return done ? (ssize_t)done : err;
}

/* Truncate or extend to size (the VFS checked the type). i_rwsem held for writing. */
static int ramfs_set_size(struct inode *inode, loff_t size)
{
	struct ramfs_inode *ri = RI(inode);
	unsigned long keep = (unsigned long)((size + PAGE_SIZE - 1) / PAGE_SIZE);
	size_t tail = (size_t)size % PAGE_SIZE;

	if ((u64)size > (u64)RAMFS_MAX_PAGES * PAGE_SIZE)
		return -EFBIG;
	if (size < inode->i_size) {
		/* No fault fills a hole beyond the new end once it is set. */
		unsigned long irq = spin_lock_irqsave(&ri->file.pages_lock);

		WRITE_ONCE(inode->i_size, size);
		spin_unlock_irqrestore(&ri->file.pages_lock, irq);
		ramfs_free_pages_from(ri, keep);
		/* Zero the rest of the last page, so a later extension reads zeros. */
		if (tail && keep - 1 < ri->file.cap && ri->file.pages[keep - 1])
			memset((char *)page_address(ri->file.pages[keep - 1]) + tail, 0,
			       PAGE_SIZE - tail);
	}
	WRITE_ONCE(inode->i_size, size);
	return 0;
}

/* ---------------------------------------------------------------- mmap */

/*
 * The page at the VMA's file offset of addr, with a reference for the
 * mapping. mm_lock held, interrupts off: only pages_lock is taken. A hole
 * gets a zeroed page: into the file for a shared mapping (if the array
 * reaches it), of its own for a private one. Beyond the end: -EFAULT.
 */
static int ramfs_fault(struct vm_area *vma, unsigned long addr, struct page **pagep)
{
	struct ramfs_inode *ri = RI(vma->file);
	unsigned long idx = vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT), irq;
	struct page *page, *fresh = NULL;
	int err;

	for (;;) {
		err = 0;
		irq = spin_lock_irqsave(&ri->file.pages_lock);
		page = idx < ri->file.cap ? ri->file.pages[idx] : NULL;
		if (idx >= ((u64)READ_ONCE(ri->vfs.i_size) + PAGE_SIZE - 1) >> PAGE_SHIFT) {
			err = -EFAULT;
		} else if (page) {
			get_page(page);   /* the mapping's reference; the file keeps its own */
		} else if (!fresh) {
			err = -EAGAIN;    /* a hole: allocate outside the lock, look again */
		} else if (!(vma->flags & VM_SHARED)) {
			page = fresh;     /* a private hole: the mapping's own zero page */
			fresh = NULL;
		} else if (idx < ri->file.cap) {
			ramfs_install_page(ri, idx, fresh);
			get_page(fresh);
			page = fresh;
			fresh = NULL;
		} else {
			err = -EFAULT;    /* grown by truncate after the mmap: no room */
		}
		spin_unlock_irqrestore(&ri->file.pages_lock, irq);
		if (err != -EAGAIN)
			break;
		fresh = alloc_page(__GFP_ZERO | __GFP_NOWARN);
		if (!fresh)
			return -ENOMEM;
	}
	if (fresh)
		put_page(fresh);
	if (!err)
		*pagep = page;
	return err;
}

static void ramfs_vma_open(struct vm_area *vma)
{
	iget(vma->file);
}

/* Under mm_lock: the last iput evicts, which only frees pages and memory. */
static void ramfs_vma_close(struct vm_area *vma)
{
	iput(vma->file);
}

static const struct vm_operations ramfs_vm_ops = {
	.fault = ramfs_fault,
	.open = ramfs_vma_open,
	.close = ramfs_vma_close,
};

/*
 * f_op->mmap: VMAs on the inode. A shared mapping may fill holes, which
 * needs the page array to reach them: grow it to the size now (the fault
 * cannot allocate the array).
 */
static int ramfs_mmap(struct file *file, struct mmap_file *mf)
{
	struct inode *inode = file_inode(file);
	struct ramfs_inode *ri = RI(inode);
	unsigned long pages;
	int err = 0;

	down_write(&inode->i_rwsem);
	pages = (unsigned long)(((u64)inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	if (pages > ri->file.cap)
		err = ramfs_grow_array(ri, pages - 1);
	up_write(&inode->i_rwsem);
	if (err)
		return err == -ENOSPC ? -ENOMEM : err;
	*mf = (struct mmap_file){ .file = inode, .ops = &ramfs_vm_ops };
	return 0;
}

static int ramfs_setattr(struct inode *inode, const struct iattr *attr)
{
	if (attr->ia_valid & ATTR_SIZE) {
		int err = ramfs_set_size(inode, attr->ia_size);

		if (err)
			return err;
	}
	inode_apply_attr(inode, attr);
	return 0;
}

/* ---------------------------------------------------------------- tables */

static const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create_file,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.mknod = ramfs_mknod,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_file_iops = {
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_link_iops = {
	.get_link = ramfs_get_link,
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_special_iops = {
	.setattr = ramfs_setattr,
};

static const struct file_operations ramfs_dir_fops = {
	.iterate = ramfs_iterate,
	.llseek = generic_file_llseek,
	.fsync = noop_fsync,
};

static const struct file_operations ramfs_file_fops = {
	.fsync = noop_fsync,
	.read = ramfs_read,
	.write = ramfs_write,
	.llseek = generic_file_llseek,
	.mmap = ramfs_mmap,
};

/* Parse tmpfs options "size=N[kmg%],nr_inodes=N[kmg],mode=0777" (others are ignored). */
static int ramfs_parse_options(const char *data, struct ramfs_sb_info *si, unsigned int *mode)
{
	while (data && *data) {
		const char *end = strchr(data, ',');
		size_t len = end ? (size_t)(end - data) : strlen(data);
		unsigned long long v = 0;
		const char *q;

		for (q = strchr(data, '=') ? strchr(data, '=') + 1 : data + len; q < data + len &&
		     *q >= '0' && *q <= '9'; q++)
			v = v * ((len > 5 && !strncmp(data, "mode=", 5)) ? 8 : 10) + (unsigned)(*q - '0');
		if (q < data + len && (*q == 'k' || *q == 'K'))
			v <<= 10;
		else if (q < data + len && (*q == 'm' || *q == 'M'))
			v <<= 20;
		else if (q < data + len && (*q == 'g' || *q == 'G'))
			v <<= 30;
		if (!strncmp(data, "size=", 5))
			si->max_pages = (unsigned long)((v + PAGE_SIZE - 1) / PAGE_SIZE);
		else if (!strncmp(data, "nr_inodes=", 10))
			si->max_inodes = (unsigned long)v;
		else if (!strncmp(data, "mode=", 5))
			*mode = (unsigned int)v & 07777;
		data = end ? end + 1 : NULL;
	}
	return 0;
}

/* A new ramfs instance of type (s_active 0) with options data; NULL if out of memory. */
static struct super_block *ramfs_fill(struct file_system_type *type, const char *data, u32 magic)
{
	struct ramfs_sb_info *si = kzalloc(sizeof(*si), 0);
	struct super_block *sb = NULL;
	unsigned int mode = magic == TMPFS_MAGIC ? 01777 : 0755;
	struct inode *root;

	if (!ramfs_inode_cache)
		ramfs_inode_cache = kmem_cache_create("ramfs_inode", sizeof(struct ramfs_inode), 0, NULL);
	if (!ramfs_inode_cache || !si || ramfs_parse_options(data, si, &mode))
		goto err;
	sb = sget_anon(type);
	if (!sb)
		goto err;
	sb->s_op = &ramfs_sops;
	sb->s_magic = magic;
	sb->s_fs_info = si;
	root = ramfs_new_inode(sb, S_IFDIR | mode);
	if (!root)
		goto err;
	RI(root)->dir.parent = root;   /* ".." of the root is itself, without a reference */
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		goto err;
	return sb;
err:
	if (sb)
		generic_shutdown_super(sb);
	kfree(sb);
	kfree(si);
	return NULL;
}

/*
 * Free every entry of the tree under root, deepest first, without
 * recursion: stand in a directory, descend into a non-empty subdirectory,
 * else remove the first entry; climb when the directory is empty. No one
 * else can reach the tree (its last mount is gone), so no locks.
 */
static void ramfs_free_tree(struct inode *root)
{
	struct inode *cur = root;

	for (;;) {
		struct ramfs_dirent *de = list_first_entry_or_null(&RI(cur)->dir.entries,
								   struct ramfs_dirent, node);

		if (!de) {
			if (cur == root)
				return;
			cur = RI(cur)->dir.parent;   /* its entry for the child goes next */
			continue;
		}
		if (S_ISDIR(de->inode->i_mode) && !list_empty(&RI(de->inode)->dir.entries)) {
			cur = de->inode;
			continue;
		}
		if (S_ISDIR(de->inode->i_mode))
			cur->i_nlink--;
		de->inode->i_nlink = S_ISDIR(de->inode->i_mode) ? 0 : de->inode->i_nlink - 1;
		ramfs_del_entry(cur, de->name, de->len);
	}
}

void ramfs_destroy(struct super_block *sb)
{
	struct ramfs_sb_info *si = RSB(sb);

	shrink_dcache_sb(sb);   /* the dentries' inode references go first */
	if (sb->s_root)
		ramfs_free_tree(sb->s_root->d_inode);
	generic_shutdown_super(sb);
	kfree(sb);
	kfree(si);
}

static int ramfs_statfs(struct dentry *root, struct statfs *st)
{
	struct ramfs_sb_info *si = RSB(root->d_sb);
	unsigned long pages = __atomic_load_n(&si->pages, __ATOMIC_RELAXED);
	unsigned long inodes = __atomic_load_n(&si->inodes, __ATOMIC_RELAXED);

	if (si->max_pages) {
		st->f_blocks = (long)si->max_pages;
		st->f_bfree = st->f_bavail = (long)(si->max_pages > pages ? si->max_pages - pages : 0);
	}
	if (si->max_inodes) {
		st->f_files = (long)si->max_inodes;
		st->f_ffree = (long)(si->max_inodes > inodes ? si->max_inodes - inodes : 0);
	}
	return 0;
}

struct super_block *ramfs_create(void)
{
	return ramfs_fill(get_fs_type("ramfs"), NULL, RAMFS_MAGIC);
}

static struct dentry *ramfs_mount(struct file_system_type *type, int flags, const char *source,
				  void *data)
{
	u32 magic = strcmp(type->name, "tmpfs") == 0 ? TMPFS_MAGIC : RAMFS_MAGIC;
	struct super_block *sb = ramfs_fill(type, data, magic);

	(void)source;
	if (!sb)
		return ERR_PTR(-ENOMEM);
	if (flags & MS_RDONLY)
		sb->s_flags |= SB_RDONLY;
	return dget(sb->s_root);
}

static struct file_system_type ramfs_type = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.kill_sb = ramfs_destroy,
};

static struct file_system_type tmpfs_type = {
	.name = "tmpfs",
	.mount = ramfs_mount,
	.kill_sb = ramfs_destroy,
};

void ramfs_register(void)
{
	if (register_filesystem(&ramfs_type) || register_filesystem(&tmpfs_type))
		panic("fs: cannot register ramfs/tmpfs");
}

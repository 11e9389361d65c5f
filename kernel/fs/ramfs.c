/*
 * ramfs: a file system that lives only in memory -- the root file system
 * the initramfs is unpacked into.
 *
 * Directories keep their entries in a list ordered by a per-directory
 * cookie that only grows, so a getdents64 position (the cookie of the
 * next entry) stays valid however entries come and go. Each entry holds a
 * reference on its inode, so an inode lives while it has a name or is
 * open; a directory also holds a reference on its parent (for "..").
 * Regular files keep their data in the page cache (inode->i_data, an
 * AS_UNEVICTABLE mapping: never reclaimed, not on the LRU, no ->writepage,
 * so its dirty pages are not counted as dirty memory). A page enters the
 * cache only through a write (->write_begin) or a fault of a mapping on a
 * hole (->readpage, which only marks the fresh zeroed page uptodate); a
 * missing page is a hole and read(2) copies zeros for it without
 * allocating. A page is charged to the instance (size=, i_blocks, the
 * global count) exactly while it is uptodate in the cache: charged when
 * it becomes uptodate, uncharged by ->invalidatepage when truncation or
 * eviction removes it. Symlinks keep their target in a kmalloc'd string.
 *
 * Interface: ramfs_create() (internal.h), then the VFS calls the
 * operations tables below. Limits: names up to NAME_MAX; files up to
 * MAX_LFS_FILESIZE (-EFBIG beyond); a full instance (tmpfs size=) or no
 * memory gives -ENOSPC for data, -ENOMEM for inodes (nr_inodes= too).
 *
 * mmap: generic_file_mmap (mm/pagemap.h): every mapping maps the cached
 * pages themselves, so every exec of a program maps the same physical
 * text pages, and MAP_SHARED stores are the file's data at once. A hole
 * touched through a mapping is allocated into the file (->readpage), also
 * for a private read. Beyond the end of the file: SIGBUS. A page
 * truncated away stays alive in the mappings that hold it (Linux would
 * unmap it; Kestrel has no reverse map of file pages yet).
 *
 * Locks: the VFS holds the i_rwsem of the inodes involved (fs/fs.h says
 * which, per method); ramfs takes no lock of its own except inside
 * iterate/read/write, which take the inode's i_rwsem themselves. The
 * page cache's locks (page lock, mapping_lock) are taken by mm/filemap.c;
 * the charge counters are atomics.
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
#include <mm/pagemap.h>
#include <mm/slab.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#include "internal.h"

#define RAMFS_MAX_BYTES (MAX_LFS_FILESIZE & (loff_t)PAGE_MASK)

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
static const struct address_space_operations ramfs_aops;

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
		ri->vfs.i_data.a_ops = &ramfs_aops;
		ri->vfs.i_data.flags |= AS_UNEVICTABLE;
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
		truncate_inode_pages(&inode->i_data, 0);   /* uncharges every page */
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

/*
 * Charge a page that is becoming uptodate in inode's cache: -ENOSPC if
 * the instance is full (tmpfs size=). Any context (atomics only).
 */
static int ramfs_charge_page(struct inode *inode)
{
	struct ramfs_sb_info *si = RSB(inode->i_sb);

	if (__atomic_add_fetch(&si->pages, 1, __ATOMIC_RELAXED) > si->max_pages && si->max_pages) {
		__atomic_sub_fetch(&si->pages, 1, __ATOMIC_RELAXED);
		return -ENOSPC;
	}
	__atomic_add_fetch(&ramfs_pages, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&inode->i_blocks, PAGE_SIZE / 512, __ATOMIC_RELAXED);
	return 0;
}

static void ramfs_uncharge_page(struct inode *inode)
{
	__atomic_sub_fetch(&RSB(inode->i_sb)->pages, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&ramfs_pages, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&inode->i_blocks, PAGE_SIZE / 512, __ATOMIC_RELAXED);
}

/*
 * ->readpage: only a mapping's fault on a hole gets here (read(2) copies
 * zeros for holes itself). The page is fresh from the allocator, zeroed:
 * charge it and it is uptodate.
 */
static int ramfs_readpage(struct file *file, struct page *page)
{
	int err = ramfs_charge_page(((struct address_space *)page->mapping)->host);

	(void)file;
	if (!err)
		page_flag_set(page, PG_uptodate);
	unlock_page(page);
	return err;
}

/*
 * ->write_begin: simple_write_begin's job plus the charge of a new page
 * (a page is new to the file iff it is not uptodate yet). i_rwsem held.
 */
static int ramfs_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			     unsigned int len, struct page **pagep)
{
	struct page *page = find_or_create_page(mapping, (unsigned long)(pos >> PAGE_SHIFT));
	int err;

	(void)file;
	(void)len;
	if (IS_ERR(page))
		return page == ERR_PTR(-ENOMEM) ? -ENOSPC : (int)PTR_ERR(page);
	if (!page_flag_test(page, PG_uptodate)) {
		err = ramfs_charge_page(mapping->host);
		if (err) {
			delete_from_page_cache(page);
			unlock_page(page);
			put_page(page);
			return err;
		}
		page_flag_set(page, PG_uptodate);   /* zero-filled: a hole's content */
	}
	*pagep = page;
	return 0;
}

/* ->invalidatepage: a page leaves the cache (truncate, eviction); uptodate = charged. */
static void ramfs_invalidatepage(struct page *page)
{
	if (page_flag_test(page, PG_uptodate))
		ramfs_uncharge_page(((struct address_space *)page->mapping)->host);
}

static const struct address_space_operations ramfs_aops = {
	.readpage = ramfs_readpage,
	.write_begin = ramfs_write_begin,
	.write_end = simple_write_end,
	.invalidatepage = ramfs_invalidatepage,
};

/* read(2): cached pages are copied, holes read as zeros without allocating anything. */
static ssize_t ramfs_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = file_inode(file);
	size_t done = 0;
	bool fault = false;
	loff_t p = *pos;

	down_read(&inode->i_rwsem);
	while (to->count && p < inode->i_size) {
		unsigned long idx = (unsigned long)(p >> PAGE_SHIFT);
		size_t off = (size_t)(p & ~PAGE_MASK);
		size_t n = MIN(MIN((size_t)PAGE_SIZE - off, to->count), (size_t)(inode->i_size - p));
		struct page *page = find_get_page(inode->i_mapping, idx);
		size_t k;

		if (page && page_flag_test(page, PG_uptodate))
			k = copy_to_iter((char *)page_address(page) + off, n, to);
		else
			k = iov_iter_zero(n, to);
		if (page)
			put_page(page);
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

/* write(2) through the page cache; O_APPEND writes at the end under i_rwsem. */
static ssize_t ramfs_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = file_inode(file);
	ssize_t ret;
	loff_t p;

	down_write(&inode->i_rwsem);
	p = (READ_ONCE(file->f_flags) & O_APPEND) ? inode->i_size : *pos;
	if (p >= RAMFS_MAX_BYTES) {
		ret = -EFBIG;
		goto out;
	}
	if (from->count > (size_t)(RAMFS_MAX_BYTES - p))
		from->count = (size_t)(RAMFS_MAX_BYTES - p);
	ret = generic_perform_write(file, inode->i_mapping, from, p);
	if (ret > 0) {
		p += ret;
		inode_touch_mc(inode);
	}
	*pos = p;
out:
	up_write(&inode->i_rwsem);
	return ret;
}

/*
 * Truncate or extend to size (the VFS checked the type). i_rwsem held for
 * writing. Shrinking sets i_size first (no new fault maps a page beyond
 * it), then drops the pages and zeroes the rest of the last one, so a
 * later extension reads zeros.
 */
static int ramfs_set_size(struct inode *inode, loff_t size)
{
	if (size > RAMFS_MAX_BYTES)
		return -EFBIG;
	if (size < inode->i_size) {
		WRITE_ONCE(inode->i_size, size);
		truncate_inode_pages(inode->i_mapping, size);
	}
	WRITE_ONCE(inode->i_size, size);
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
	.fsync = noop_fsync,   /* memory is all the storage there is */
};

static const struct file_operations ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.llseek = generic_file_llseek,
	.mmap = generic_file_mmap,
	.fsync = noop_fsync,   /* memory is all the storage there is */
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

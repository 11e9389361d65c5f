/*
 * Unpacking an initramfs (a newc cpio archive, read by cpio.c) into the
 * root file system (interface in internal.h; fs_init() calls it at boot
 * on the archive the device tree's /chosen names).
 *
 * Each member becomes a file through the ordinary VFS calls, as if a
 * process at "/" made it: directories (mkdir; an existing one is kept),
 * regular files (an existing name is replaced; data written with
 * kernel_write), symlinks, device/fifo/socket nodes (mknod), and hard
 * links (newc repeats the inode number: the first member of a set is
 * created, later ones are linked to it, and the data, which newc puts in
 * the last one, is written through the link). Then owner, mode and mtime
 * are set from the header; directories get their mtime at the end, after
 * everything has been created in them. A member that cannot be made is
 * reported on the console and skipped; a corrupt archive stops the
 * unpacking where the corruption starts.
 *
 * Runs in the init thread at boot (or in a test); sleeps. No locks of its own.
 */
#include <fs/cpio.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/printk.h>
#include <lib/list.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#include "internal.h"

/* A remembered name: hard-link sets by (dev, ino), directories for their mtime. */
struct unpack_name {
	struct list_head node;
	u32 major, minor, ino;
	u64 mtime;
	char name[];
};

struct unpack {
	const struct lookup_root *lr;
	struct initramfs_stats *st;
	struct list_head links;     /* struct unpack_name: first member of each hard-link set */
	struct list_head dirs;      /* struct unpack_name: directories, for their mtime */
};

static struct unpack_name *remember(struct list_head *list, const char *name,
				    const struct cpio_entry *e)
{
	size_t len = strlen(name);
	struct unpack_name *n = kmalloc(sizeof(*n) + len + 1, 0);

	if (!n)
		return NULL;
	n->major = e->devmajor;
	n->minor = e->devminor;
	n->ino = e->ino;
	n->mtime = e->mtime;
	memcpy(n->name, name, len + 1);
	list_add_tail(&n->node, list);
	return n;
}

static void forget_all(struct list_head *list)
{
	while (!list_empty(list)) {
		struct unpack_name *n = list_first_entry(list, struct unpack_name, node);

		list_del(&n->node);
		kfree(n);
	}
}

/* Drop "/" and "./" prefixes; "" and "." name the root. */
static const char *clean_name(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			return (name[0] == '.' && name[1] == 0) ? "" : name;
	}
}

/* The inode at name (the root for ""), not following a final symlink. */
static int lookup_member(struct unpack *u, const char *name, struct inode **inode)
{
	if (name[0])
		return vfs_lookup(u->lr, name, 0, inode);
	*inode = u->lr->root.dentry->d_inode;
	iget(*inode);
	return 0;
}

/* Owner, mode (not for symlinks) and times from the header. */
static int set_attrs(struct unpack *u, const char *name, const struct cpio_entry *e)
{
	struct iattr a = { .ia_valid = ATTR_UID | ATTR_GID | ATTR_ATIME | ATTR_MTIME,
			   .ia_uid = e->uid, .ia_gid = e->gid };
	struct inode *inode;
	int err = lookup_member(u, name, &inode);

	if (err)
		return err;
	if (!S_ISLNK(e->mode)) {
		a.ia_valid |= ATTR_MODE;
		a.ia_mode = e->mode & 07777;
	}
	a.ia_atime = a.ia_mtime = (struct timespec64){ .tv_sec = (s64)e->mtime };
	err = vfs_setattr(inode, &a);
	iput(inode);
	return err;
}

/* Remove whatever is at name (a file, link or empty directory) so it can be made anew. */
static void clear_name(struct unpack *u, const char *name)
{
	if (vfs_unlink(u->lr, name) == -EISDIR)
		vfs_rmdir(u->lr, name);
}

static int write_data(struct unpack *u, const char *name, int flags, const struct cpio_entry *e)
{
	struct file *f = vfs_open(u->lr, name, flags, e->mode & 07777);
	loff_t pos = 0;
	ssize_t n = 0;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	if (e->size)
		n = kernel_write(f, e->data, e->size, &pos);
	fput(f);
	if (n < 0)
		return (int)n;
	if ((size_t)n != e->size)
		return -ENOSPC;
	u->st->bytes += e->size;
	return 0;
}

static struct unpack_name *find_link(struct unpack *u, const struct cpio_entry *e)
{
	struct unpack_name *n;

	list_for_each_entry(n, &u->links, node) {
		if (n->ino == e->ino && n->major == e->devmajor && n->minor == e->devminor)
			return n;
	}
	return NULL;
}

static int unpack_file(struct unpack *u, const char *name, const struct cpio_entry *e)
{
	struct unpack_name *first = e->nlink > 1 ? find_link(u, e) : NULL;
	int err;

	clear_name(u, name);
	if (first) {
		err = vfs_link(u->lr, first->name, 0, u->lr, name);
		if (!err && e->size)
			err = write_data(u, name, O_WRONLY | O_TRUNC, e);
		if (!err)
			u->st->hardlinks++;
		return err;
	}
	err = write_data(u, name, O_WRONLY | O_CREAT | O_EXCL, e);
	if (!err && e->nlink > 1 && !remember(&u->links, name, e))
		err = -ENOMEM;
	if (!err)
		u->st->files++;
	return err;
}

static int unpack_symlink(struct unpack *u, const char *name, const struct cpio_entry *e)
{
	char *target;
	int err;

	if (e->size == 0 || e->size >= PATH_MAX)
		return -ENAMETOOLONG;
	target = kmalloc(e->size + 1, 0);
	if (!target)
		return -ENOMEM;
	memcpy(target, e->data, e->size);
	target[e->size] = 0;
	clear_name(u, name);
	err = strlen(target) != e->size ? -EINVAL : vfs_symlink(u->lr, target, name);
	kfree(target);
	if (!err)
		u->st->symlinks++;
	return err;
}

static int unpack_dir(struct unpack *u, const char *name, const struct cpio_entry *e)
{
	struct inode *inode;
	int err = name[0] ? vfs_mkdir(u->lr, name, e->mode & 07777) : -EEXIST;

	if (err == -EEXIST) {   /* keep an existing directory; replace anything else */
		err = name[0] ? vfs_lookup(u->lr, name, 0, &inode) : 0;
		if (!err && name[0]) {
			bool dir = S_ISDIR(inode->i_mode);

			iput(inode);
			if (!dir) {
				clear_name(u, name);
				err = vfs_mkdir(u->lr, name, e->mode & 07777);
			}
		}
	}
	if (!err && !remember(&u->dirs, name, e))
		err = -ENOMEM;
	if (!err)
		u->st->dirs++;
	return err;
}

/* One member; 0, or -errno after which the member was skipped. */
static int unpack_member(struct unpack *u, const struct cpio_entry *e)
{
	const char *name = clean_name(e->name);
	int err;

	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		err = unpack_dir(u, name, e);
		break;
	case S_IFREG:
		err = name[0] ? unpack_file(u, name, e) : -EISDIR;
		break;
	case S_IFLNK:
		err = name[0] ? unpack_symlink(u, name, e) : -EEXIST;
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		clear_name(u, name);
		err = name[0] ? vfs_mknod(u->lr, name, e->mode, MKDEV(e->rdevmajor, e->rdevminor))
			      : -EEXIST;
		if (!err)
			u->st->nodes++;
		break;
	default:
		err = -EINVAL;
	}
	if (!err)
		err = set_attrs(u, name, e);
	return err;
}

/* Directory mtimes last: creating entries in a directory changed them. */
static void set_dir_times(struct unpack *u)
{
	struct unpack_name *n;

	list_for_each_entry(n, &u->dirs, node) {
		struct iattr a = { .ia_valid = ATTR_ATIME | ATTR_MTIME };
		struct inode *inode;

		if (lookup_member(u, n->name, &inode))
			continue;
		a.ia_atime = a.ia_mtime = (struct timespec64){ .tv_sec = (s64)n->mtime };
		vfs_setattr(inode, &a);
		iput(inode);
	}
}

int initramfs_unpack(const struct lookup_root *lr, const void *buf, size_t len,
		     struct initramfs_stats *st)
{
	struct unpack u = { .lr = lr, .st = st };
	struct cpio_reader r;
	struct cpio_entry e;
	int rc, err;

	memset(st, 0, sizeof(*st));
	INIT_LIST_HEAD(&u.links);
	INIT_LIST_HEAD(&u.dirs);
	cpio_reader_init(&r, buf, len);
	while ((rc = cpio_next(&r, &e)) == 1) {
		err = unpack_member(&u, &e);
		if (err) {
			pr_warn("initramfs: %s (mode %#o): skipped, error %d\n", e.name, e.mode, err);
			st->skipped++;
		}
	}
	if (rc < 0) {
		st->error = r.error;
		st->error_off = r.error_off;
		pr_err("initramfs: corrupt archive at byte %zu: %s; unpacking stopped\n",
		       r.error_off, r.error);
	}
	set_dir_times(&u);
	forget_all(&u.links);
	forget_all(&u.dirs);
	return rc < 0 ? rc : 0;
}

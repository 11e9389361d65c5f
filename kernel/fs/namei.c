/*
 * Path lookup and the operations that create and remove names
 * (interface in <fs/fs.h>).
 *
 * A walk (struct nameidata) stands in one directory at a time, holding a
 * reference on it, and reads the path a component at a time. Each step
 * checks that the directory is one and may be searched (MAY_EXEC), then
 * asks its ->lookup (under the directory's i_rwsem, shared) for the child.
 * "." stays, ".." at the walk's root stays (so "/.." is "/"), otherwise
 * it is the directory's ".." entry. A symlink met in the middle of a path
 * (or at the end, when the caller follows) is expanded in place: the rest
 * of the path is appended to its target and the walk goes on from the
 * link's directory, or from the root if the target is absolute. That
 * needs a PATH_MAX buffer, allocated at the first symlink; at most
 * MAXSYMLINKS expansions per lookup (-ELOOP).
 *
 * Operations on the last component (create, mkdir, unlink, ...) first walk
 * to its parent (walk_parent), then lock the parent's i_rwsem for writing,
 * look the name up again under the lock and call the inode operation.
 * Lock order (docs/locking.md): rename_mutex, then directories (parent
 * before child; rename's two by ancestry, else address; the second as
 * subclass 1), then a victim inode (subclass 1 under one directory, 2
 * under rename's two).
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#include "internal.h"

/* Serialises renames, so the tree's shape is stable while one checks ancestry. */
static struct mutex rename_mutex = MUTEX_INIT(rename_mutex, "rename_mutex");

enum last_type {
	LAST_NORM,     /* a name */
	LAST_DOT,      /* "." */
	LAST_DOTDOT,   /* ".." */
	LAST_NONE,     /* the path ended in a directory ("/", "a/..", after a link to "/") */
};

struct nameidata {
	struct inode *root;      /* borrowed: where "/" and ".." stop */
	struct inode *dir;       /* with a reference: where the walk stands */
	const char *p;           /* the rest of the path */
	char *buf;               /* PATH_MAX, once a symlink was expanded (p points into it) */
	int nlinks;              /* symlinks expanded */
	const char *last;        /* the last component (in the path or buf) */
	size_t last_len;
	enum last_type last_type;
	bool trailing_slash;     /* the last component was followed by '/' */
};

static int nd_init(struct nameidata *nd, const struct lookup_root *lr, const char *path)
{
	memset(nd, 0, sizeof(*nd));
	if (!path[0])
		return -ENOENT;
	if (strnlen(path, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	nd->root = lr->root;
	nd->dir = path[0] == '/' ? lr->root : lr->start;
	iget(nd->dir);
	nd->p = path;
	return 0;
}

static void nd_done(struct nameidata *nd)
{
	if (nd->dir)
		iput(nd->dir);
	nd->dir = NULL;
	kfree(nd->buf);
	nd->buf = NULL;
}

/* Look name up in dir (a directory the caller may search). The child with a reference. */
static struct inode *lookup_one(struct inode *dir, const char *name, size_t len)
{
	struct inode *child;

	down_read(&dir->i_rwsem);
	child = dir->i_op->lookup(dir, name, len);
	up_read(&dir->i_rwsem);
	return child;
}

/* The same with dir's i_rwsem already held; NULL (not an error) if absent. */
static struct inode *lookup_locked(struct inode *dir, const char *name, size_t len, int *err)
{
	struct inode *child = dir->i_op->lookup(dir, name, len);

	*err = 0;
	if (!IS_ERR(child))
		return child;
	if (PTR_ERR(child) != -ENOENT)
		*err = (int)PTR_ERR(child);
	return NULL;
}

/* May the walk search dir? */
static int may_lookup(struct inode *dir)
{
	if (!S_ISDIR(dir->i_mode))
		return -ENOTDIR;
	return inode_permission(dir, MAY_EXEC, false);
}

/*
 * Expand the symlink link met in nd->dir: the path becomes its target
 * followed by "/" and the rest (if any). Consumes no reference.
 */
static int nd_follow(struct nameidata *nd, struct inode *link, const char *rest)
{
	char *tmp;
	size_t rlen = strlen(rest);
	int len;

	if (++nd->nlinks > MAXSYMLINKS)
		return -ELOOP;
	if (!link->i_op || !link->i_op->get_link)
		return -EINVAL;
	tmp = kmalloc(PATH_MAX, 0);
	if (!tmp)
		return -ENOMEM;
	len = link->i_op->get_link(link, tmp, PATH_MAX);
	if (len == 0)
		len = -ENOENT;
	if (len >= 0 && rlen && (size_t)len + 1 + rlen >= PATH_MAX)
		len = -ENAMETOOLONG;
	if (len < 0) {
		kfree(tmp);
		return len;
	}
	if (rlen) {
		tmp[len] = '/';
		memcpy(tmp + len + 1, rest, rlen + 1);
	}
	kfree(nd->buf);   /* rest may point into it: copied above */
	nd->buf = tmp;
	nd->p = tmp;
	if (tmp[0] == '/') {
		iput(nd->dir);
		nd->dir = nd->root;
		iget(nd->dir);
	}
	return 0;
}

/*
 * Step from nd->dir into the component (name, len), rest being the path
 * after it. Returns 0 (nd->dir is the child), 1 (it was a symlink, now
 * expanded into nd->p; nd->dir unchanged) or -errno.
 */
static int nd_step(struct nameidata *nd, const char *name, size_t len, const char *rest,
		   bool follow)
{
	struct inode *child;
	int err = may_lookup(nd->dir);

	if (err)
		return err;
	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.' && nd->dir == nd->root)
		return 0;
	child = lookup_one(nd->dir, name, len);
	if (IS_ERR(child))
		return (int)PTR_ERR(child);
	if (S_ISLNK(child->i_mode) && follow) {
		err = nd_follow(nd, child, rest);
		iput(child);
		return err ? err : 1;
	}
	iput(nd->dir);
	nd->dir = child;
	return 0;
}

static enum last_type name_type(const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return LAST_DOT;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

/*
 * Walk every component but the last, following symlinks; leave the last
 * in nd->last/last_len/last_type (LAST_NONE if the path ends in a
 * directory) and nd->trailing_slash.
 */
static int walk_parent(struct nameidata *nd)
{
	for (;;) {
		const char *name, *q, *r;
		size_t len;
		int err;

		while (*nd->p == '/')
			nd->p++;
		if (!*nd->p) {
			nd->last_type = LAST_NONE;
			nd->last_len = 0;
			return 0;
		}
		name = nd->p;
		for (q = name; *q && *q != '/'; q++)
			;
		len = (size_t)(q - name);
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		for (r = q; *r == '/'; r++)
			;
		if (!*r) {
			nd->last = name;
			nd->last_len = len;
			nd->last_type = name_type(name, len);
			nd->trailing_slash = r != q;
			nd->p = r;
			return 0;
		}
		nd->p = r;
		err = nd_step(nd, name, len, r, true);
		if (err < 0)
			return err;
	}
}

int vfs_lookup(const struct lookup_root *lr, const char *path, unsigned int flags,
	       struct inode **res)
{
	struct nameidata nd;
	int err = nd_init(&nd, lr, path);

	while (!err) {
		err = walk_parent(&nd);
		if (err || nd.last_type == LAST_NONE)
			break;
		err = nd_step(&nd, nd.last, nd.last_len, nd.trailing_slash ? "/" : "",
			      (flags & LOOKUP_FOLLOW) || nd.trailing_slash);
		if (err == 0)
			break;
		if (err == 1)   /* the last component was a symlink: walk its target */
			err = 0;
	}
	if (!err && (nd.trailing_slash || (flags & LOOKUP_DIRECTORY)) &&
	    !S_ISDIR(nd.dir->i_mode))
		err = -ENOTDIR;
	if (!err) {
		*res = nd.dir;
		nd.dir = NULL;
	}
	nd_done(&nd);
	return err;
}

/*
 * Walk to the parent of path's last component for an operation that
 * creates or removes it: nd->dir is then a directory the caller may write
 * and search. The caller checks nd->last_type.
 */
static int walk_to_parent(struct nameidata *nd, const struct lookup_root *lr, const char *path)
{
	int err = nd_init(nd, lr, path);

	if (!err)
		err = walk_parent(nd);
	if (!err)
		err = may_lookup(nd->dir);
	return err;
}

static int may_create(struct inode *dir)
{
	return inode_permission(dir, MAY_WRITE | MAY_EXEC, false);
}

/* Removing victim from dir: write permission and the sticky-bit rule. */
static int may_delete(struct inode *dir, struct inode *victim)
{
	u32 uid = current_fsuid();
	int err = may_create(dir);

	if (err)
		return err;
	if ((dir->i_mode & S_ISVTX) && uid != 0 && uid != victim->i_uid && uid != dir->i_uid)
		return -EPERM;
	return 0;
}

/* The create-side common part: lock the parent, check the name is free, call make(). */
typedef int (*make_fn)(struct inode *dir, const char *name, size_t len, void *arg);

static int create_at(const struct lookup_root *lr, const char *path, make_fn make, void *arg,
		     bool dir_ok_slash)
{
	struct nameidata nd;
	struct inode *old;
	int err = walk_to_parent(&nd, lr, path);

	if (err)
		goto out;
	if (nd.last_type != LAST_NORM) {
		err = -EEXIST;
		goto out;
	}
	down_write(&nd.dir->i_rwsem);
	old = lookup_locked(nd.dir, nd.last, nd.last_len, &err);
	if (old) {
		iput(old);
		err = -EEXIST;
	} else if (!err && nd.trailing_slash && !dir_ok_slash) {
		err = -ENOENT;
	} else if (!err && !(err = may_create(nd.dir))) {
		err = (nd.dir->i_nlink == 0) ? -ENOENT : make(nd.dir, nd.last, nd.last_len, arg);
	}
	up_write(&nd.dir->i_rwsem);
out:
	nd_done(&nd);
	return err;
}

struct make_args {
	unsigned int mode;
	u32 rdev;
	const char *target;
};

static int make_dir(struct inode *dir, const char *name, size_t len, void *arg)
{
	const struct make_args *a = arg;

	return dir->i_op->mkdir ? dir->i_op->mkdir(dir, name, len, a->mode) : -EPERM;
}

static int make_node(struct inode *dir, const char *name, size_t len, void *arg)
{
	const struct make_args *a = arg;

	return dir->i_op->mknod ? dir->i_op->mknod(dir, name, len, a->mode, a->rdev) : -EPERM;
}

static int make_symlink(struct inode *dir, const char *name, size_t len, void *arg)
{
	const struct make_args *a = arg;

	return dir->i_op->symlink ? dir->i_op->symlink(dir, name, len, a->target) : -EPERM;
}

int vfs_mkdir(const struct lookup_root *lr, const char *path, unsigned int mode)
{
	struct make_args a = { .mode = mode & 07777 };

	return create_at(lr, path, make_dir, &a, true);
}

int vfs_mknod(const struct lookup_root *lr, const char *path, unsigned int mode, u32 rdev)
{
	struct make_args a = { .mode = mode, .rdev = rdev };

	if (S_ISDIR(mode) || S_ISLNK(mode))
		return -EINVAL;
	if (!(mode & S_IFMT))
		a.mode |= S_IFREG;
	return create_at(lr, path, make_node, &a, false);
}

int vfs_symlink(const struct lookup_root *lr, const char *target, const char *path)
{
	struct make_args a = { .target = target };

	if (!target[0])
		return -ENOENT;
	if (strnlen(target, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	return create_at(lr, path, make_symlink, &a, false);
}

static int make_link(struct inode *dir, const char *name, size_t len, void *arg)
{
	struct inode *old = arg;
	int err;

	if (!dir->i_op->link)
		return -EPERM;
	if (old->i_sb != dir->i_sb)
		return -EXDEV;
	down_write_nested(&old->i_rwsem, 1);
	err = old->i_nlink == 0 ? -ENOENT : dir->i_op->link(old, dir, name, len);
	up_write(&old->i_rwsem);
	return err;
}

int vfs_link(const struct lookup_root *lr, const char *oldpath, unsigned int flags,
	     const struct lookup_root *newlr, const char *newpath)
{
	struct inode *old;
	int err = vfs_lookup(lr, oldpath, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0, &old);

	if (err)
		return err;
	err = S_ISDIR(old->i_mode) ? -EPERM : create_at(newlr, newpath, make_link, old, false);
	iput(old);
	return err;
}

/* unlink and rmdir: lock the parent, find the victim, check, lock it, remove. */
static int remove_at(const struct lookup_root *lr, const char *path, bool is_rmdir)
{
	struct nameidata nd;
	struct inode *victim = NULL;
	int err = walk_to_parent(&nd, lr, path);

	if (err)
		goto out;
	if (nd.last_type != LAST_NORM) {
		err = !is_rmdir ? -EISDIR : nd.last_type == LAST_DOT ? -EINVAL
			: nd.last_type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
		goto out;
	}
	down_write(&nd.dir->i_rwsem);
	victim = lookup_locked(nd.dir, nd.last, nd.last_len, &err);
	if (!victim) {
		err = err ? err : -ENOENT;
	} else if (is_rmdir && !S_ISDIR(victim->i_mode)) {
		err = -ENOTDIR;
	} else if (!is_rmdir && S_ISDIR(victim->i_mode)) {
		err = -EISDIR;
	} else if (!is_rmdir && nd.trailing_slash) {
		err = -ENOTDIR;
	} else if (victim == nd.root || victim == fs_root_inode()) {
		err = -EBUSY;
	} else if (!(err = may_delete(nd.dir, victim))) {
		down_write_nested(&victim->i_rwsem, 1);
		if (is_rmdir)
			err = nd.dir->i_op->rmdir ? nd.dir->i_op->rmdir(nd.dir, nd.last, nd.last_len, victim)
						  : -EPERM;
		else
			err = nd.dir->i_op->unlink ? nd.dir->i_op->unlink(nd.dir, nd.last, nd.last_len, victim)
						   : -EPERM;
		up_write(&victim->i_rwsem);
	}
	up_write(&nd.dir->i_rwsem);
	if (victim)
		iput(victim);
out:
	nd_done(&nd);
	return err;
}

int vfs_unlink(const struct lookup_root *lr, const char *path)
{
	return remove_at(lr, path, false);
}

int vfs_rmdir(const struct lookup_root *lr, const char *path)
{
	return remove_at(lr, path, true);
}

int vfs_readlink(struct inode *inode, char *buf, size_t size)
{
	char *tmp;
	int len;

	if (!S_ISLNK(inode->i_mode) || !inode->i_op || !inode->i_op->get_link)
		return -EINVAL;
	tmp = kmalloc(PATH_MAX, 0);
	if (!tmp)
		return -ENOMEM;
	len = inode->i_op->get_link(inode, tmp, PATH_MAX);
	if (len > 0) {
		len = (int)MIN((size_t)len, size);
		memcpy(buf, tmp, (size_t)len);
	}
	kfree(tmp);
	return len;
}

/* ---------------------------------------------------------------- rename */

/*
 * If a is a proper ancestor of b, the child of a on the way up from b
 * (with a reference), else NULL. Takes one directory's i_rwsem at a time;
 * rename_mutex held, so the shape of the tree cannot change meanwhile.
 */
static struct inode *find_trap(struct inode *a, struct inode *b)
{
	struct inode *x = b, *parent;

	iget(x);
	for (;;) {
		parent = lookup_one(x, "..", 2);
		if (IS_ERR(parent))
			break;
		if (parent == a)
			break;   /* x is the child of a */
		if (parent == x) {   /* the top: a is not above b */
			iput(parent);
			break;
		}
		iput(x);
		x = parent;
	}
	if (!IS_ERR(parent) && parent == a) {
		iput(parent);
		return x;
	}
	iput(x);
	return NULL;
}

/*
 * Lock rename's directories, ancestor first, else by address; the second
 * as subclass 1. Returns the "trap" (with a reference) when old_dir is a
 * proper ancestor of new_dir: its child on the way down to new_dir, which
 * must not be moved (it would go into itself). rename_mutex held.
 */
static struct inode *lock_two_dirs(struct inode *old_dir, struct inode *new_dir)
{
	struct inode *trap, *other, *first = old_dir, *second = new_dir;

	if (old_dir == new_dir) {
		down_write(&old_dir->i_rwsem);
		return NULL;
	}
	trap = find_trap(old_dir, new_dir);
	if (!trap) {
		other = find_trap(new_dir, old_dir);
		if (other || (uintptr_t)new_dir < (uintptr_t)old_dir) {
			first = new_dir;
			second = old_dir;
		}
		if (other)
			iput(other);
	}
	down_write(&first->i_rwsem);
	down_write_nested(&second->i_rwsem, 1);
	return trap;
}

static void unlock_two_dirs(struct inode *a, struct inode *b)
{
	up_write(&a->i_rwsem);
	if (a != b)
		up_write(&b->i_rwsem);
}

/* The checks between finding old and victim and calling ->rename. */
static int rename_check(struct nameidata *o, struct inode *old, struct nameidata *n,
			struct inode *victim, struct inode *trap, unsigned int flags)
{
	int err;

	if (victim && (flags & 1 /* RENAME_NOREPLACE */))
		return -EEXIST;
	if (S_ISDIR(old->i_mode)) {
		if (victim && !S_ISDIR(victim->i_mode))
			return -ENOTDIR;
		if (old == trap || old == n->dir)
			return -EINVAL;   /* a directory into itself */
	} else {
		if (victim && S_ISDIR(victim->i_mode))
			return -EISDIR;
		if (o->trailing_slash || n->trailing_slash)
			return -ENOTDIR;
	}
	if (old == o->root || old == fs_root_inode() || (victim && victim == fs_root_inode()))
		return -EBUSY;
	err = may_delete(o->dir, old);
	if (!err)
		err = victim ? may_delete(n->dir, victim) : may_create(n->dir);
	if (!err && n->dir->i_nlink == 0)
		err = -ENOENT;
	return err;
}

/* Both parents found: lock, look both names up, check, rename. rename_mutex held. */
static int rename_locked(struct nameidata *o, struct nameidata *n, unsigned int flags)
{
	struct inode *old, *victim = NULL, *trap;
	int err;

	trap = lock_two_dirs(o->dir, n->dir);
	old = lookup_locked(o->dir, o->last, o->last_len, &err);
	if (!old) {
		err = err ? err : -ENOENT;
		goto out;
	}
	victim = lookup_locked(n->dir, n->last, n->last_len, &err);
	if (err || victim == old)   /* the same file: nothing to do */
		goto out;
	err = rename_check(o, old, n, victim, trap, flags);
	if (err)
		goto out;
	if (victim)
		down_write_nested(&victim->i_rwsem, 2);
	err = o->dir->i_op->rename ? o->dir->i_op->rename(o->dir, o->last, o->last_len, old, n->dir,
							  n->last, n->last_len, victim)
				   : -EPERM;
	if (victim)
		up_write(&victim->i_rwsem);
out:
	unlock_two_dirs(o->dir, n->dir);
	if (victim)
		iput(victim);
	if (old)
		iput(old);
	if (trap)
		iput(trap);
	return err;
}

int vfs_rename(const struct lookup_root *oldlr, const char *oldpath,
	       const struct lookup_root *newlr, const char *newpath, unsigned int flags)
{
	struct nameidata o, n;
	int err;

	if (flags & ~1u)   /* RENAME_EXCHANGE and RENAME_WHITEOUT are not supported */
		return -EINVAL;
	err = walk_to_parent(&o, oldlr, oldpath);
	if (err) {
		nd_done(&o);
		return err;
	}
	err = walk_to_parent(&n, newlr, newpath);
	if (!err && (o.last_type != LAST_NORM || n.last_type != LAST_NORM))
		err = o.last_type == LAST_NORM && n.last_type == LAST_NONE ? -EEXIST : -EBUSY;
	if (!err && o.dir->i_sb != n.dir->i_sb)
		err = -EXDEV;
	if (!err) {
		mutex_lock(&rename_mutex);
		err = rename_locked(&o, &n, flags);
		mutex_unlock(&rename_mutex);
	}
	nd_done(&n);
	nd_done(&o);
	return err;
}

/* ---------------------------------------------------------------- open */

/* The existing or new inode at path for open(O_CREAT); *created if made. */
static int open_create(const struct lookup_root *lr, const char *path, int flags,
		       unsigned int mode, struct inode **res, bool *created, char **linkbuf)
{
	struct nameidata nd;
	struct inode *inode;
	int err = walk_to_parent(&nd, lr, path);

	if (err)
		goto out;
	if (nd.last_type != LAST_NORM) {
		err = -EISDIR;
		goto out;
	}
	down_write(&nd.dir->i_rwsem);
	inode = lookup_locked(nd.dir, nd.last, nd.last_len, &err);
	if (!inode && !err) {
		if (nd.trailing_slash)
			err = -EISDIR;
		else if (!(err = may_create(nd.dir)))
			err = nd.dir->i_nlink == 0 ? -ENOENT
			      : !nd.dir->i_op->create ? -EACCES
			      : nd.dir->i_op->create(nd.dir, nd.last, nd.last_len, mode, &inode);
		*created = !err;
	}
	up_write(&nd.dir->i_rwsem);
	if (err)
		goto out;
	if (!*created && (flags & O_EXCL))
		err = -EEXIST;
	else if (!*created && S_ISLNK(inode->i_mode))
		err = (flags & O_NOFOLLOW) ? -ELOOP : 1;   /* follow: the caller re-opens the target */
	else if (!*created && S_ISDIR(inode->i_mode))
		err = -EISDIR;
	if (err == 1) {
		*linkbuf = kmalloc(PATH_MAX, 0);
		err = !*linkbuf ? -ENOMEM : inode->i_op->get_link(inode, *linkbuf, PATH_MAX);
		err = err < 0 ? err : err == 0 ? -ENOENT : 1;
		if (err == 1) {   /* the target resolves from the link's directory */
			*res = nd.dir;
			nd.dir = NULL;
		}
	}
	if (err)
		iput(inode);
	else
		*res = inode;
out:
	nd_done(&nd);
	return err;
}

/* Checks once the inode is known, then the file. */
static struct file *open_inode(struct inode *inode, int flags, bool created)
{
	int acc = flags & O_ACCMODE, mask = 0, err;

	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return ERR_PTR(-ENOTDIR);
	if (flags & O_PATH)
		return file_alloc_open(inode, flags);
	if (S_ISLNK(inode->i_mode))
		return ERR_PTR(-ELOOP);
	if (S_ISDIR(inode->i_mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return ERR_PTR(-EISDIR);
	if (acc == O_RDONLY || acc == O_RDWR)
		mask |= MAY_READ;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	if (!created && (err = inode_permission(inode, mask, false)))
		return ERR_PTR(err);
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created &&
	    (err = vfs_truncate(inode, 0)))
		return ERR_PTR(err);
	return file_alloc_open(inode, flags);
}

/* open(O_CREAT) through a chain of symlinks: each names the next path to create. */
static int open_create_follow(const struct lookup_root *lr, const char *path, int flags,
			      unsigned int mode, struct inode **res, bool *created)
{
	struct lookup_root cur = *lr;
	struct inode *linkdir = NULL, *next = NULL;
	char *pathbuf = NULL, *linkbuf = NULL;
	int err, nlinks = 0;

	for (;;) {
		err = open_create(&cur, path, flags, mode, &next, created, &linkbuf);
		if (linkdir)
			iput(linkdir);
		linkdir = NULL;
		kfree(pathbuf);   /* path pointed into it */
		pathbuf = linkbuf;
		linkbuf = NULL;
		if (err != 1)
			break;
		if (++nlinks > MAXSYMLINKS) {
			iput(next);
			err = -ELOOP;
			break;
		}
		linkdir = next;   /* the link's directory: where a relative target starts */
		cur.start = linkdir;
		path = pathbuf;
	}
	kfree(pathbuf);
	if (!err)
		*res = next;
	return err;
}

struct file *vfs_open(const struct lookup_root *lr, const char *path, int flags,
		      unsigned int mode)
{
	struct inode *inode;
	bool created = false;
	struct file *f;
	int err;

	if (flags & O_CREAT) {
		err = open_create_follow(lr, path, flags, S_IFREG | (mode & 07777), &inode, &created);
	} else {
		unsigned int lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;

		err = vfs_lookup(lr, path, lf | ((flags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0), &inode);
		if (!err && S_ISLNK(inode->i_mode) && !(flags & O_PATH)) {
			iput(inode);
			err = -ELOOP;
		}
	}
	if (err)
		return ERR_PTR(err);
	f = open_inode(inode, flags, created);
	iput(inode);
	return f;
}

/* ---------------------------------------------------------------- the path of a directory */

struct find_ino_ctx {
	struct dir_context ctx;
	u64 ino;
	char *name;        /* NAME_MAX + 1 */
	size_t len;
	bool found;
};

static bool find_ino_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino,
			  unsigned int d_type)
{
	struct find_ino_ctx *f = container_of(ctx, struct find_ino_ctx, ctx);

	if (ino != f->ino || name_type(name, len) != LAST_NORM)
		return true;
	memcpy(f->name, name, len);
	f->len = len;
	f->found = true;
	return false;
}

/* The name of child (a directory) in parent, into name[NAME_MAX + 1]; its length or -errno. */
static int name_in_parent(struct inode *parent, struct inode *child, char *name)
{
	struct find_ino_ctx f = { .ctx.emit = find_ino_emit, .ino = child->i_ino, .name = name };
	struct file *dir = file_alloc_open(parent, O_RDONLY | O_DIRECTORY);
	int err;

	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	err = dir->f_op->iterate ? dir->f_op->iterate(dir, &f.ctx) : -ENOTDIR;
	fput(dir);
	if (err)
		return err;
	return f.found ? (int)f.len : -ENOENT;
}

int vfs_path_of(struct inode *root, struct inode *dir, char *buf, size_t size)
{
	char *name = kmalloc(NAME_MAX + 1, 0);
	struct inode *x = dir, *parent;
	size_t pos = size;
	int err = 0, len;

	if (!name)
		return -ENOMEM;
	if (size < 2)
		err = -ERANGE;
	iget(x);
	while (!err && x != root) {
		if (x->i_nlink == 0) {
			err = -ENOENT;   /* removed */
			break;
		}
		parent = lookup_one(x, "..", 2);
		if (IS_ERR(parent)) {
			err = (int)PTR_ERR(parent);
			break;
		}
		if (parent == x) {   /* the file system's root, outside root: stop here */
			iput(parent);
			break;
		}
		len = name_in_parent(parent, x, name);
		iput(x);
		x = parent;
		if (len < 0)
			err = len;
		else if ((size_t)len + 1 > pos - 1)
			err = -ERANGE;
		else {
			pos -= (size_t)len;
			memcpy(buf + pos, name, (size_t)len);
			buf[--pos] = '/';
		}
	}
	iput(x);
	kfree(name);
	if (err)
		return err;
	if (pos == size)
		buf[--pos] = '/';
	memmove(buf, buf + pos, size - pos);
	buf[size - pos] = 0;
	return (int)(size - pos + 1);
}

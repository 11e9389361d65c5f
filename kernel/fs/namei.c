/*
 * Path lookup and the operations that create and remove names
 * (interface in <fs/fs.h>), over the dentry cache and the mount tree.
 *
 * A walk (struct nameidata) stands at one place, a struct path (mount
 * and dentry, both referenced), and reads the path a component at a
 * time. Each step checks that the directory is one and may be searched
 * (MAY_EXEC), then finds the child: first in the dentry cache (d_lookup:
 * a spinlock, nothing that sleeps), else through the directory's ->lookup
 * under its i_rwsem (shared), which leaves a dentry -- negative if the
 * name does not exist -- in the cache for the next walk. "." stays; ".."
 * stays at the walk's root, leaves a mount's root for its mountpoint
 * first, and is the dentry's parent otherwise (follow_dotdot, mount.c).
 * A step onto a mounted-on dentry goes on at the root of what is mounted
 * there (follow_mounts). A symlink met in the middle of a path (or at the
 * end, when the caller follows) is expanded in place: the rest of the path
 * is appended to its target and the walk goes on from the link's
 * directory, or from the root if the target is absolute. That needs a
 * PATH_MAX buffer, allocated at the first symlink; at most MAXSYMLINKS
 * expansions per lookup (-ELOOP).
 *
 * Operations on the last component (create, mkdir, unlink, ...) first walk
 * to its parent (walk_parent), then lock the parent's i_rwsem for writing,
 * look the name up again under the lock (a dentry, maybe negative) and
 * call the inode operation, then keep the dentry cache exact: a created
 * name's negative dentry is given the new inode, an unlinked one becomes
 * negative (or is unhashed while others hold it), rmdir unhashes, rename
 * moves or exchanges dentries. Names cannot be linked or renamed across
 * mounts (-EXDEV); a mountpoint cannot be removed or renamed (-EBUSY).
 * Lock order (docs/locking.md): rename_mutex, then directories (parent
 * before child; rename's two by ancestry, else address; the second as
 * subclass 1), then a victim inode (subclass 1 under one directory, 2
 * under rename's two); dcache_lock and mount_lock are taken under any of
 * them for short sections.
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
	struct path root;        /* borrowed: where "/" and ".." stop */
	struct path cur;         /* with references: where the walk stands */
	const char *p;           /* the rest of the path */
	char *buf;               /* PATH_MAX, once a symlink was expanded (p points into it) */
	int nlinks;              /* symlinks expanded */
	const char *last;        /* the last component (in the path or buf) */
	size_t last_len;
	enum last_type last_type;
	bool trailing_slash;     /* the last component was followed by '/' */
};

static struct inode *nd_inode(const struct nameidata *nd)
{
	return nd->cur.dentry->d_inode;
}

static int nd_init(struct nameidata *nd, const struct lookup_root *lr, const char *path)
{
	memset(nd, 0, sizeof(*nd));
	if (!path[0])
		return -ENOENT;
	if (strnlen(path, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	nd->root = lr->root;
	nd->cur = path[0] == '/' ? lr->root : lr->start;
	path_get(&nd->cur);
	nd->p = path;
	return 0;
}

static void nd_done(struct nameidata *nd)
{
	if (nd->cur.dentry)
		path_put(&nd->cur);
	nd->cur.dentry = NULL;
	kfree(nd->buf);
	nd->buf = NULL;
	dcache_trim();   /* every caller has dropped its directory locks by now */
}

/*
 * The child of dir called name (a dentry, negative if there is none), with
 * a reference: the cache, else dir's ->lookup. dir's i_rwsem held (either
 * mode). ERR_PTR(-ENOMEM) or the fs's error.
 */
/*
 * A cached dentry of a file system whose names come and go on their own
 * (procfs: a pid directory) is asked about first: d_revalidate false
 * unhashes it and the lookup goes to the file system again.
 */
static struct dentry *d_lookup_valid(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d = d_lookup(dir, name, len);
	const struct super_operations *sop = dir->d_sb->s_op;

	if (d && sop && sop->d_revalidate && !sop->d_revalidate(d)) {
		d_drop(d);
		dput(d);
		d = NULL;
	}
	return d;
}

static struct dentry *lookup_locked(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d = d_lookup_valid(dir, name, len);
	struct inode *inode;

	if (d)
		return d;
	d = d_alloc(dir, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	inode = dir->d_inode->i_op->lookup(dir->d_inode, name, len);
	if (IS_ERR(inode)) {
		if (PTR_ERR(inode) != -ENOENT) {
			dput(d);
			return ERR_PTR(PTR_ERR(inode));
		}
		inode = NULL;
	}
	return d_add_unique(d, inode);
}

/* The same without the lock held: a cache hit takes no sleeping lock. */
static struct dentry *lookup_one(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d = d_lookup_valid(dir, name, len);
	struct inode *inode = dir->d_inode;

	if (d)
		return d;
	down_read(&inode->i_rwsem);
	d = lookup_locked(dir, name, len);
	up_read(&inode->i_rwsem);
	return d;
}

/* May the walk search dir? */
static int may_lookup(struct inode *dir)
{
	if (!S_ISDIR(dir->i_mode))
		return -ENOTDIR;
	return inode_permission(dir, MAY_EXEC, false);
}

/* May the caller change things on mnt (not read-only)? */
static int mnt_want_write(const struct vfsmount *mnt)
{
	if ((READ_ONCE(mnt->mnt_flags) & MNT_READONLY) ||
	    (READ_ONCE(mnt->mnt_sb->s_flags) & SB_RDONLY))
		return -EROFS;
	return 0;
}

/*
 * Expand the symlink link met in nd->cur: the path becomes its target
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
		path_put(&nd->cur);
		nd->cur = nd->root;
		path_get(&nd->cur);
	}
	return 0;
}

/*
 * Step from nd->cur into the component (name, len), rest being the path
 * after it. Returns 0 (nd->cur is the child), 1 (it was a symlink, now
 * expanded into nd->p; nd->cur unchanged) or -errno.
 */
static int nd_step(struct nameidata *nd, const char *name, size_t len, const char *rest,
		   bool follow)
{
	struct path next;
	struct inode *inode;
	int err = may_lookup(nd_inode(nd));

	if (err)
		return err;
	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		follow_dotdot(&nd->cur, &nd->root);
		return 0;
	}
	next.dentry = lookup_one(nd->cur.dentry, name, len);
	if (IS_ERR(next.dentry))
		return (int)PTR_ERR(next.dentry);
	if (!READ_ONCE(next.dentry->d_inode)) {
		dput(next.dentry);
		return -ENOENT;
	}
	next.mnt = mntget(nd->cur.mnt);
	follow_mounts(&next);
	inode = next.dentry->d_inode;
	if (S_ISLNK(inode->i_mode) && follow) {
		err = nd_follow(nd, inode, rest);
		path_put(&next);
		return err ? err : 1;
	}
	path_put(&nd->cur);
	nd->cur = next;
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

int vfs_path_lookup(const struct lookup_root *lr, const char *path, unsigned int flags,
		    struct path *res)
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
	    !S_ISDIR(nd_inode(&nd)->i_mode))
		err = -ENOTDIR;
	if (!err) {
		*res = nd.cur;
		nd.cur.dentry = NULL;
	}
	nd_done(&nd);
	return err;
}

int vfs_lookup(const struct lookup_root *lr, const char *path, unsigned int flags,
	       struct inode **res)
{
	struct path p;
	int err = vfs_path_lookup(lr, path, flags, &p);

	if (err)
		return err;
	*res = p.dentry->d_inode;
	iget(*res);
	path_put(&p);
	return 0;
}

/*
 * Walk to the parent of path's last component for an operation that
 * creates or removes it: nd->cur is then a directory the caller may
 * search. The caller checks nd->last_type.
 */
static int walk_to_parent(struct nameidata *nd, const struct lookup_root *lr, const char *path)
{
	int err = nd_init(nd, lr, path);

	if (!err)
		err = walk_parent(nd);
	if (!err)
		err = may_lookup(nd_inode(nd));
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

/*
 * A name was made in dir by an operation that does not return the inode:
 * look it up (dir's i_rwsem held for writing) and give it to the negative
 * dentry d, or drop d so the next walk asks the fs.
 */
static void d_refresh(struct dentry *dir, struct dentry *d)
{
	struct inode *inode = dir->d_inode->i_op->lookup(dir->d_inode, d->d_name, d->d_len);

	if (IS_ERR(inode))
		d_drop(d);
	else
		d_instantiate(d, inode);
}

/* The create-side common part: lock the parent, check the name is free, call make(). */
typedef int (*make_fn)(const struct path *dir, const char *name, size_t len, void *arg);

static int create_locked(struct nameidata *nd, make_fn make, void *arg, bool dir_ok_slash)
{
	struct inode *dir = nd_inode(nd);
	struct dentry *d = lookup_locked(nd->cur.dentry, nd->last, nd->last_len);
	int err = 0;

	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (d->d_inode)
		err = -EEXIST;
	else if (nd->trailing_slash && !dir_ok_slash)
		err = -ENOENT;
	else if (!(err = may_create(dir)) && !(err = mnt_want_write(nd->cur.mnt)))
		err = dir->i_nlink == 0 ? -ENOENT : make(&nd->cur, nd->last, nd->last_len, arg);
	if (!err)
		d_refresh(nd->cur.dentry, d);
	dput(d);
	return err;
}

static int create_at(const struct lookup_root *lr, const char *path, make_fn make, void *arg,
		     bool dir_ok_slash)
{
	struct nameidata nd;
	int err = walk_to_parent(&nd, lr, path);

	if (err)
		goto out;
	if (nd.last_type != LAST_NORM) {
		err = -EEXIST;
		goto out;
	}
	down_write(&nd_inode(&nd)->i_rwsem);
	err = create_locked(&nd, make, arg, dir_ok_slash);
	up_write(&nd_inode(&nd)->i_rwsem);
out:
	nd_done(&nd);
	return err;
}

struct make_args {
	unsigned int mode;
	u32 rdev;
	const char *target;
	const struct path *old;   /* link */
};

static int make_dir(const struct path *dir, const char *name, size_t len, void *arg)
{
	const struct make_args *a = arg;
	struct inode *di = dir->dentry->d_inode;

	return di->i_op->mkdir ? di->i_op->mkdir(di, name, len, a->mode) : -EPERM;
}

static int make_node(const struct path *dir, const char *name, size_t len, void *arg)
{
	const struct make_args *a = arg;
	struct inode *di = dir->dentry->d_inode;

	return di->i_op->mknod ? di->i_op->mknod(di, name, len, a->mode, a->rdev) : -EPERM;
}

static int make_symlink(const struct path *dir, const char *name, size_t len, void *arg)
{
	const struct make_args *a = arg;
	struct inode *di = dir->dentry->d_inode;

	return di->i_op->symlink ? di->i_op->symlink(di, name, len, a->target) : -EPERM;
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

static int make_link(const struct path *dir, const char *name, size_t len, void *arg)
{
	const struct make_args *a = arg;
	struct inode *old = a->old->dentry->d_inode, *di = dir->dentry->d_inode;
	int err;

	if (a->old->mnt != dir->mnt)
		return -EXDEV;
	if (!di->i_op->link)
		return -EPERM;
	down_write_nested(&old->i_rwsem, 1);
	err = old->i_nlink == 0 ? -ENOENT : di->i_op->link(old, di, name, len);
	up_write(&old->i_rwsem);
	return err;
}

int vfs_link(const struct lookup_root *lr, const char *oldpath, unsigned int flags,
	     const struct lookup_root *newlr, const char *newpath)
{
	struct make_args a;
	struct path old;
	int err = vfs_path_lookup(lr, oldpath, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0,
				  &old);

	if (err)
		return err;
	a.old = &old;
	err = S_ISDIR(old.dentry->d_inode->i_mode) ? -EPERM
		: create_at(newlr, newpath, make_link, &a, false);
	path_put(&old);
	return err;
}

/* Is d something the walk cannot remove: a mountpoint, the caller's root or a mount's root? */
static bool d_busy(const struct nameidata *nd, struct dentry *d)
{
	return READ_ONCE(d->d_mounts) || d == nd->root.dentry || d == d->d_sb->s_root;
}

/* unlink and rmdir with the parent locked: find the victim, check, lock it, remove. */
static int remove_locked(struct nameidata *nd, bool is_rmdir)
{
	struct inode *dir = nd_inode(nd), *victim;
	struct dentry *d = lookup_locked(nd->cur.dentry, nd->last, nd->last_len);
	int err;

	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	victim = d->d_inode;
	if (!victim)
		err = -ENOENT;
	else if (is_rmdir && !S_ISDIR(victim->i_mode))
		err = -ENOTDIR;
	else if (!is_rmdir && S_ISDIR(victim->i_mode))
		err = -EISDIR;
	else if (!is_rmdir && nd->trailing_slash)
		err = -ENOTDIR;
	else if (d_busy(nd, d))
		err = -EBUSY;
	else if (!(err = may_delete(dir, victim)) && !(err = mnt_want_write(nd->cur.mnt))) {
		down_write_nested(&victim->i_rwsem, 1);
		if (is_rmdir)
			err = dir->i_op->rmdir ? dir->i_op->rmdir(dir, nd->last, nd->last_len, victim)
					       : -EPERM;
		else
			err = dir->i_op->unlink ? dir->i_op->unlink(dir, nd->last, nd->last_len, victim)
						: -EPERM;
		up_write(&victim->i_rwsem);
		if (!err && is_rmdir)
			d_invalidate(d);
		else if (!err)
			d_delete(d);
	}
	dput(d);
	return err;
}

static int remove_at(const struct lookup_root *lr, const char *path, bool is_rmdir)
{
	struct nameidata nd;
	int err = walk_to_parent(&nd, lr, path);

	if (err)
		goto out;
	if (nd.last_type != LAST_NORM) {
		err = !is_rmdir ? -EISDIR : nd.last_type == LAST_DOT ? -EINVAL
			: nd.last_type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
		goto out;
	}
	down_write(&nd_inode(&nd)->i_rwsem);
	err = remove_locked(&nd, is_rmdir);
	up_write(&nd_inode(&nd)->i_rwsem);
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
 * (with a reference), else NULL. rename_mutex held, so the shape of the
 * tree cannot change meanwhile; the chain is read under dcache_lock.
 */
static struct dentry *find_trap(struct dentry *a, struct dentry *b)
{
	struct dentry *x = b, *found = NULL;

	spin_lock(&dcache_lock);
	while (x->d_parent != x) {
		if (x->d_parent == a) {
			found = x;
			dget_locked(found);
			break;
		}
		x = x->d_parent;
	}
	spin_unlock(&dcache_lock);
	return found;
}

struct rename_traps {
	struct dentry *old_trap;   /* child of old_dir on the way down to new_dir */
	struct dentry *new_trap;   /* child of new_dir on the way down to old_dir */
};

/*
 * Lock rename's directories, ancestor first, else by address; the second
 * as subclass 1. Finds the traps: a directory moved onto a trap would go
 * into itself. rename_mutex held.
 */
static void lock_two_dirs(struct dentry *old_dir, struct dentry *new_dir, struct rename_traps *t)
{
	struct inode *first = old_dir->d_inode, *second = new_dir->d_inode;

	t->old_trap = t->new_trap = NULL;
	if (old_dir == new_dir) {
		down_write(&first->i_rwsem);
		return;
	}
	t->old_trap = find_trap(old_dir, new_dir);
	if (!t->old_trap) {
		t->new_trap = find_trap(new_dir, old_dir);
		if (t->new_trap || (uintptr_t)second < (uintptr_t)first) {
			first = new_dir->d_inode;
			second = old_dir->d_inode;
		}
	}
	down_write(&first->i_rwsem);
	down_write_nested(&second->i_rwsem, 1);
}

static void unlock_two_dirs(struct inode *a, struct inode *b)
{
	up_write(&a->i_rwsem);
	if (a != b)
		up_write(&b->i_rwsem);
}

/* A directory moving to n's directory must not be an ancestor of it. */
static int rename_dir_check(struct dentry *d, const struct nameidata *to, struct dentry *trap)
{
	if (d == trap || d == to->cur.dentry)
		return -EINVAL;
	return 0;
}

/* The checks between finding old and new and calling ->rename. */
static int rename_check(struct nameidata *o, struct dentry *old, struct nameidata *n,
			struct dentry *new, const struct rename_traps *t, unsigned int flags)
{
	struct inode *oi = old->d_inode, *vi = new->d_inode;
	int err;

	if (vi && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (!vi && (flags & RENAME_EXCHANGE))
		return -ENOENT;
	if (S_ISDIR(oi->i_mode) && (err = rename_dir_check(old, n, t->old_trap)))
		return err;
	if ((flags & RENAME_EXCHANGE) && S_ISDIR(vi->i_mode) &&
	    (err = rename_dir_check(new, o, t->new_trap)))
		return err;
	if (vi && !(flags & RENAME_EXCHANGE)) {
		if (S_ISDIR(oi->i_mode) && !S_ISDIR(vi->i_mode))
			return -ENOTDIR;
		if (!S_ISDIR(oi->i_mode) && S_ISDIR(vi->i_mode))
			return -EISDIR;
	}
	if ((!S_ISDIR(oi->i_mode) && (o->trailing_slash || n->trailing_slash)) ||
	    ((flags & RENAME_EXCHANGE) && !S_ISDIR(vi->i_mode) && n->trailing_slash))
		return -ENOTDIR;
	if (d_busy(o, old) || (vi && d_busy(n, new)))
		return -EBUSY;
	err = may_delete(o->cur.dentry->d_inode, oi);
	if (!err)
		err = vi ? may_delete(n->cur.dentry->d_inode, vi) : may_create(n->cur.dentry->d_inode);
	if (!err && n->cur.dentry->d_inode->i_nlink == 0)
		err = -ENOENT;
	if (!err)
		err = mnt_want_write(o->cur.mnt);
	return err;
}

/* ->rename and the dentry moves after it. Both directories locked. */
static int rename_call(struct nameidata *o, struct dentry *old, struct nameidata *n,
		       struct dentry *new, unsigned int flags)
{
	struct inode *od = o->cur.dentry->d_inode, *victim = new->d_inode;
	int err;

	if (!od->i_op->rename)
		return -EPERM;
	if (victim)
		down_write_nested(&victim->i_rwsem, 2);
	err = od->i_op->rename(od, o->last, o->last_len, old->d_inode, n->cur.dentry->d_inode,
			       n->last, n->last_len, victim, flags & RENAME_EXCHANGE);
	if (victim)
		up_write(&victim->i_rwsem);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE) {
		d_exchange(old, new);
	} else {
		if (victim && S_ISDIR(victim->i_mode))
			d_invalidate(new);   /* a replaced directory: drop its cached children */
		d_move(old, new);
	}
	return 0;
}

/* Both parents found: lock, look both names up, check, rename. rename_mutex held. */
static int rename_locked(struct nameidata *o, struct nameidata *n, unsigned int flags)
{
	struct dentry *old, *new = NULL;
	struct rename_traps t;
	int err;

	lock_two_dirs(o->cur.dentry, n->cur.dentry, &t);
	old = lookup_locked(o->cur.dentry, o->last, o->last_len);
	if (IS_ERR(old)) {
		err = (int)PTR_ERR(old);
		old = NULL;
		goto out;
	}
	err = old->d_inode ? 0 : -ENOENT;
	if (!err) {
		new = lookup_locked(n->cur.dentry, n->last, n->last_len);
		err = IS_ERR(new) ? (int)PTR_ERR(new) : 0;
		if (err)
			new = NULL;
	}
	if (err || new->d_inode == old->d_inode)   /* the same file: nothing to do */
		goto out;
	err = rename_check(o, old, n, new, &t, flags);
	if (!err)
		err = rename_call(o, old, n, new, flags);
out:
	unlock_two_dirs(o->cur.dentry->d_inode, n->cur.dentry->d_inode);
	if (new)
		dput(new);
	if (old)
		dput(old);
	if (t.old_trap)
		dput(t.old_trap);
	if (t.new_trap)
		dput(t.new_trap);
	return err;
}

int vfs_rename(const struct lookup_root *oldlr, const char *oldpath,
	       const struct lookup_root *newlr, const char *newpath, unsigned int flags)
{
	struct nameidata o, n;
	int err;

	if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) ||
	    (flags == (RENAME_NOREPLACE | RENAME_EXCHANGE)))
		return -EINVAL;   /* RENAME_WHITEOUT is not supported */
	err = walk_to_parent(&o, oldlr, oldpath);
	if (err) {
		nd_done(&o);
		return err;
	}
	err = walk_to_parent(&n, newlr, newpath);
	if (!err && (o.last_type != LAST_NORM || n.last_type != LAST_NORM))
		err = o.last_type == LAST_NORM && n.last_type == LAST_NONE ? -EEXIST : -EBUSY;
	if (!err && o.cur.mnt != n.cur.mnt)
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

/* open(O_CREAT) with the parent locked: the existing or new dentry; *created if made. */
static struct dentry *open_create_locked(struct nameidata *nd, unsigned int mode, bool *created)
{
	struct inode *dir = nd_inode(nd), *inode;
	struct dentry *d = lookup_locked(nd->cur.dentry, nd->last, nd->last_len);
	int err;

	if (IS_ERR(d) || d->d_inode)
		return d;
	if (nd->trailing_slash)
		err = -EISDIR;
	else if (!(err = may_create(dir)) && !(err = mnt_want_write(nd->cur.mnt)))
		err = dir->i_nlink == 0 ? -ENOENT
		      : !dir->i_op->create ? -EACCES
		      : dir->i_op->create(dir, nd->last, nd->last_len, mode, &inode);
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	d_instantiate(d, inode);
	*created = true;
	return d;
}

/*
 * The existing or new file at path for open(O_CREAT) into *res; *created
 * if made. Returns 0, 1 (a symlink: *res is its directory and *linkbuf
 * its target, to be opened next) or -errno.
 */
static int open_create(const struct lookup_root *lr, const char *path, int flags,
		       unsigned int mode, struct path *res, bool *created, char **linkbuf)
{
	struct nameidata nd;
	struct dentry *d;
	struct inode *inode;
	int err = walk_to_parent(&nd, lr, path);

	if (err)
		goto out;
	if (nd.last_type != LAST_NORM) {
		err = -EISDIR;
		goto out;
	}
	down_write(&nd_inode(&nd)->i_rwsem);
	d = open_create_locked(&nd, mode, created);
	up_write(&nd_inode(&nd)->i_rwsem);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		goto out;
	}
	inode = d->d_inode;
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
			*res = nd.cur;
			nd.cur.dentry = NULL;
		}
	}
	if (!err) {
		res->mnt = mntget(nd.cur.mnt);
		res->dentry = d;
	} else {
		dput(d);
	}
out:
	nd_done(&nd);
	return err;
}

/* Checks once the file is known, then the file. */
static struct file *open_path(const struct path *path, int flags, bool created)
{
	struct inode *inode = path->dentry->d_inode;
	int acc = flags & O_ACCMODE, mask = 0, err;

	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return ERR_PTR(-ENOTDIR);
	if (flags & O_PATH)
		return file_alloc_open_path(path, flags);
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
	if ((S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) &&
	    (READ_ONCE(path->mnt->mnt_flags) & MNT_NODEV))
		return ERR_PTR(-EACCES);
	if ((mask & MAY_WRITE) && (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)) &&
	    (err = mnt_want_write(path->mnt)))
		return ERR_PTR(err);
	/* O_TRUNC of a file that has no size to cut (/proc: no setattr) is ignored, as Linux does. */
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created && inode->i_op &&
	    inode->i_op->setattr && (err = vfs_truncate(inode, 0)))
		return ERR_PTR(err);
	return file_alloc_open_path(path, flags);
}

/* open(O_CREAT) through a chain of symlinks: each names the next path to create. */
static int open_create_follow(const struct lookup_root *lr, const char *path, int flags,
			      unsigned int mode, struct path *res, bool *created)
{
	struct lookup_root cur = *lr;
	struct path linkdir = { 0 }, next;
	char *pathbuf = NULL, *linkbuf = NULL;
	int err, nlinks = 0;

	for (;;) {
		err = open_create(&cur, path, flags, mode, &next, created, &linkbuf);
		if (linkdir.dentry)
			path_put(&linkdir);
		linkdir.dentry = NULL;
		kfree(pathbuf);   /* path pointed into it */
		pathbuf = linkbuf;
		linkbuf = NULL;
		if (err != 1)
			break;
		if (++nlinks > MAXSYMLINKS) {
			path_put(&next);
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
	struct path p;
	bool created = false;
	struct file *f;
	int err;

	if (flags & O_CREAT) {
		err = open_create_follow(lr, path, flags, S_IFREG | (mode & 07777), &p, &created);
	} else {
		unsigned int lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;

		err = vfs_path_lookup(lr, path, lf | ((flags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0),
				      &p);
		if (!err && S_ISLNK(p.dentry->d_inode->i_mode) && !(flags & O_PATH)) {
			path_put(&p);
			err = -ELOOP;
		}
	}
	if (err)
		return ERR_PTR(err);
	f = open_path(&p, flags, created);
	path_put(&p);
	return f;
}

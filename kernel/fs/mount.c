/*
 * Mounts and file-system types (interface in <fs/mount.h>, design in
 * docs/vfs.md): the mount tree, crossing it in a walk, mount(2)'s and
 * umount2(2)'s cores, the /proc/mounts text and d_path().
 *
 * struct mount wraps the vfsmount other code sees. An attached mount is
 * in the hash of (parent mount, mountpoint dentry), in its parent's
 * mnt_mounts and in the table (mnt_list, mount order); its mountpoint
 * dentry has d_mounts counting the mounts on it (DCACHE_MOUNTED while
 * non-zero). The top mount ("/") is its own parent. A detached mount is
 * its own parent with no mountpoint, in no list.
 *
 * Locks: "namespace_mutex" serialises every change of the tree (and is
 * held while reading the table for mounts_show); "mount_lock" (spin)
 * guards the [m] fields below, so a walk can look a mount up without
 * sleeping; "dcache_lock" is taken inside it (d_mounts, dget).
 * "file_systems_lock" (spin) guards the registered types.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/procfs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#include "internal.h"

struct mount {
	struct vfsmount mnt;
	atomic_t mnt_count;             /* [a] references: the tree's and every path's */
	struct mount *mnt_parent;       /* [m] with the tree's reference; itself if top/detached */
	struct dentry *mnt_mountpoint;  /* [m] with a reference; NULL if top/detached */
	struct hlist_node mnt_hash;     /* [m] by (parent, mountpoint) */
	struct list_head mnt_child;     /* [m] in mnt_parent->mnt_mounts */
	struct list_head mnt_mounts;    /* [m] mounts on dentries of this one */
	struct list_head mnt_list;      /* [namespace_mutex] in mount_table */
	char *mnt_devname;              /* [I] mount(2)'s source */
};

#define M_HASH_SIZE 64

static struct mutex namespace_mutex = MUTEX_INIT(namespace_mutex, "namespace_mutex");
static struct spinlock mount_lock = SPINLOCK_INIT("mount_lock");
static struct hlist_head mount_hash[M_HASH_SIZE];   /* [m] */
static LIST_HEAD(mount_table);                      /* [namespace_mutex] */
static struct mount *root_mount;                    /* [I] after boot */

static struct spinlock file_systems_lock = SPINLOCK_INIT("file_systems_lock");
static LIST_HEAD(file_systems);                     /* [file_systems_lock] */

static struct mount *real_mount(struct vfsmount *mnt)
{
	return container_of(mnt, struct mount, mnt);
}

static struct hlist_head *m_bucket(const struct mount *parent, const struct dentry *d)
{
	uintptr_t h = ((uintptr_t)parent >> 5) ^ ((uintptr_t)d >> 5) ^ ((uintptr_t)d >> 13);

	return &mount_hash[h % M_HASH_SIZE];
}

/* ---------------------------------------------------------------- types */

int register_filesystem(struct file_system_type *type)
{
	int err = 0;

	spin_lock(&file_systems_lock);
	if (get_fs_type(type->name))
		err = -EBUSY;
	else
		list_add_tail(&type->fs_list, &file_systems);
	spin_unlock(&file_systems_lock);
	return err;
}

int unregister_filesystem(struct file_system_type *type)
{
	spin_lock(&file_systems_lock);
	list_del_init(&type->fs_list);
	spin_unlock(&file_systems_lock);
	return 0;
}

/* Also called with file_systems_lock held (register): reads only. */
struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *t;

	list_for_each_entry(t, &file_systems, fs_list) {
		if (strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

/* ---------------------------------------------------------------- references */

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		atomic_inc(&real_mount(mnt)->mnt_count);
	return mnt;
}

static void mount_free(struct mount *m)
{
	struct super_block *sb = m->mnt.mnt_sb;

	dput(m->mnt.mnt_root);
	kfree(m->mnt_devname);
	kfree(m);
	if (atomic_dec_and_test(&sb->s_active))
		sb->s_type->kill_sb(sb);
}

void mntput(struct vfsmount *mnt)
{
	struct mount *m;

	if (!mnt)
		return;
	m = real_mount(mnt);
	if (atomic_dec_and_test(&m->mnt_count)) {
		BUG_ON(m->mnt_mountpoint || m != m->mnt_parent);
		mount_free(m);
	}
}

static struct mount *mount_alloc(struct dentry *root, const char *devname)
{
	struct mount *m = kzalloc(sizeof(*m), 0);

	if (!m)
		return NULL;
	m->mnt_devname = kmalloc(strlen(devname) + 1, 0);
	if (!m->mnt_devname) {
		kfree(m);
		return NULL;
	}
	strcpy(m->mnt_devname, devname);
	atomic_set(&m->mnt_count, 1);
	m->mnt.mnt_root = root;
	m->mnt.mnt_sb = root->d_sb;
	atomic_inc(&root->d_sb->s_active);
	m->mnt_parent = m;
	INIT_HLIST_NODE(&m->mnt_hash);
	INIT_LIST_HEAD(&m->mnt_child);
	INIT_LIST_HEAD(&m->mnt_mounts);
	INIT_LIST_HEAD(&m->mnt_list);
	return m;
}

struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags, const char *source,
				void *data)
{
	struct dentry *root = type->mount(type, flags, source ? source : type->name, data);
	struct mount *m;

	if (IS_ERR(root))
		return ERR_PTR(PTR_ERR(root));
	m = mount_alloc(root, source ? source : type->name);
	if (!m) {
		struct super_block *sb = root->d_sb;

		dput(root);
		if (atomic_read(&sb->s_active) == 0)
			type->kill_sb(sb);
		return ERR_PTR(-ENOMEM);
	}
	if (flags & MS_RDONLY)
		m->mnt.mnt_flags |= MNT_READONLY;
	return &m->mnt;
}

/* ---------------------------------------------------------------- walking across */

/*
 * The mount on (mnt, d) with a reference, or NULL. Mounts stacked on one
 * place are all in the chain, newest first (hlist_add_head): the first
 * match is the top one.
 */
static struct vfsmount *lookup_mnt(struct vfsmount *mnt, struct dentry *d)
{
	struct mount *parent = real_mount(mnt), *m, *found = NULL;

	spin_lock(&mount_lock);
	hlist_for_each_entry(m, m_bucket(parent, d), mnt_hash) {
		if (m->mnt_parent == parent && m->mnt_mountpoint == d) {
			found = m;
			atomic_inc(&found->mnt_count);
			break;
		}
	}
	spin_unlock(&mount_lock);
	return found ? &found->mnt : NULL;
}

void follow_mounts(struct path *p)
{
	while (READ_ONCE(p->dentry->d_flags) & DCACHE_MOUNTED) {
		struct vfsmount *m = lookup_mnt(p->mnt, p->dentry);

		if (!m)
			return;
		path_put(p);
		p->mnt = m;
		p->dentry = dget(m->mnt_root);
	}
}

/* p's dentry's parent with a reference. */
static struct dentry *dget_parent(struct dentry *d)
{
	struct dentry *parent;

	spin_lock(&dcache_lock);
	parent = d->d_parent;
	dget_locked(parent);   /* in use by d: not on the LRU, never 0 here */
	spin_unlock(&dcache_lock);
	return parent;
}

void follow_dotdot(struct path *p, const struct path *root)
{
	for (;;) {
		struct mount *m = real_mount(p->mnt);
		struct dentry *mp;
		struct vfsmount *parent;

		if (path_equal(p, root))
			break;
		if (p->dentry != p->mnt->mnt_root) {
			struct dentry *d = dget_parent(p->dentry);

			dput(p->dentry);
			p->dentry = d;
			break;
		}
		spin_lock(&mount_lock);
		if (m->mnt_parent == m) {   /* the top of the tree: ".." stays */
			spin_unlock(&mount_lock);
			break;
		}
		mp = dget(m->mnt_mountpoint);
		parent = mntget(&m->mnt_parent->mnt);
		spin_unlock(&mount_lock);
		path_put(p);
		p->mnt = parent;
		p->dentry = mp;
	}
	follow_mounts(p);
}

/* ---------------------------------------------------------------- attach and detach */

/* Hang m on (parent, mp); namespace_mutex held. The tree takes m's reference. */
static void attach_mnt(struct mount *m, struct mount *parent, struct dentry *mp)
{
	dget(mp);
	spin_lock(&mount_lock);
	m->mnt_parent = parent;
	m->mnt_mountpoint = mp;
	hlist_add_head(&m->mnt_hash, m_bucket(parent, mp));
	list_add_tail(&m->mnt_child, &parent->mnt_mounts);
	spin_lock(&dcache_lock);
	mp->d_mounts++;
	mp->d_flags |= DCACHE_MOUNTED;
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
	atomic_inc(&parent->mnt_count);
	list_add_tail(&m->mnt_list, &mount_table);
}

int do_add_mount(struct vfsmount *mnt, const struct path *where)
{
	struct mount *m = real_mount(mnt);
	int err = 0;

	if (!S_ISDIR(where->dentry->d_inode->i_mode) && S_ISDIR(mnt->mnt_root->d_inode->i_mode))
		return -ENOTDIR;
	mutex_lock(&namespace_mutex);
	if (d_unlinked(where->dentry))
		err = -ENOENT;
	else
		attach_mnt(m, real_mount(where->mnt), where->dentry);
	mutex_unlock(&namespace_mutex);
	return err;
}

/*
 * Take m out of the tree; what the tree held (m's reference, its
 * mountpoint dentry and its parent's reference) goes to *put for release
 * after the locks. namespace_mutex and mount_lock held.
 */
struct umount_put {
	struct mount *m;
	struct dentry *mp;
	struct mount *parent;
};

static void detach_mnt(struct mount *m, struct umount_put *put)
{
	struct dentry *mp = m->mnt_mountpoint;

	put->m = m;
	put->mp = mp;
	put->parent = m->mnt_parent;
	hlist_del_init(&m->mnt_hash);
	list_del_init(&m->mnt_child);
	list_del_init(&m->mnt_list);
	spin_lock(&dcache_lock);
	if (--mp->d_mounts == 0)
		mp->d_flags &= ~DCACHE_MOUNTED;
	spin_unlock(&dcache_lock);
	m->mnt_parent = m;
	m->mnt_mountpoint = NULL;
}

static void umount_put_all(struct umount_put *put, int n)
{
	for (int i = 0; i < n; i++) {
		dput(put[i].mp);
		mntput(&put[i].parent->mnt);
		mntput(&put[i].m->mnt);
	}
}

/* How many mounts are in m's subtree (m included)? mount_lock held. */
static int subtree_size(struct mount *m)
{
	struct mount *c;
	int n = 1;

	list_for_each_entry(c, &m->mnt_mounts, mnt_child)
		n += subtree_size(c);
	return n;
}

/* Detach m's subtree, deepest first, into put[]; mount_lock held. Returns the count. */
static int detach_tree(struct mount *m, struct umount_put *put)
{
	int n = 0;

	while (!list_empty(&m->mnt_mounts))
		n += detach_tree(list_first_entry(&m->mnt_mounts, struct mount, mnt_child), put + n);
	detach_mnt(m, &put[n]);
	return n + 1;
}

/* Is m the file system mounted over the ramfs' "/" (root=)? mount_lock held. */
static bool is_root_disk(struct mount *m)
{
	return m->mnt_parent == root_mount && m->mnt_mountpoint == root_mount->mnt.mnt_root;
}

int do_umount(const struct path *where, unsigned int flags)
{
	struct mount *m = real_mount(where->mnt);
	struct umount_put *put = NULL;
	int n = 0, err = 0;

	if (where->dentry != where->mnt->mnt_root)
		return -EINVAL;
	mutex_lock(&namespace_mutex);
	spin_lock(&mount_lock);
	if (m->mnt_parent == m || is_root_disk(m)) {
		/* "/" (the ramfs or the disk over it), or already detached */
		err = m == root_mount || is_root_disk(m) ? -EBUSY : -EINVAL;
	} else if (!(flags & MNT_DETACH)) {
		/* the tree's reference and the caller's; anything more is a user of it */
		if (atomic_read(&m->mnt_count) > 2 || !list_empty(&m->mnt_mounts))
			err = -EBUSY;
		else
			n = 1;
	} else {
		n = subtree_size(m);
	}
	spin_unlock(&mount_lock);
	if (!err && n) {
		put = kmalloc(sizeof(*put) * (size_t)n, 0);
		if (!put)
			err = -ENOMEM;
	}
	if (!err) {
		spin_lock(&mount_lock);
		n = detach_tree(m, put);   /* the tree is stable: namespace_mutex */
		spin_unlock(&mount_lock);
	}
	mutex_unlock(&namespace_mutex);
	if (!err) {
		umount_put_all(put, n);
		sync_filesystem(where->mnt->mnt_sb);
	}
	kfree(put);
	return err;
}

/* ---------------------------------------------------------------- the root */

void mount_root_init(struct super_block *sb)
{
	root_mount = mount_alloc(dget(sb->s_root), "rootfs");
	if (!root_mount)
		panic("fs: no memory for the root mount");
	list_add_tail(&root_mount->mnt_list, &mount_table);
}

void fs_root_path(struct path *p)
{
	p->mnt = mntget(&root_mount->mnt);
	p->dentry = dget(root_mount->mnt.mnt_root);
	follow_mounts(p);   /* the disk mounted over the ramfs (root=, do_mounts.c) */
}

void fs_shutdown(void)
{
	struct super_block *done[16];
	int n = 0;
	struct mount *m;

	mutex_lock(&namespace_mutex);
	list_for_each_entry(m, &mount_table, mnt_list) {
		struct super_block *sb = m->mnt.mnt_sb;
		bool seen = false;

		for (int i = 0; i < n; i++)
			seen = seen || done[i] == sb;
		if (seen || n == (int)ARRAY_SIZE(done) || !sb->s_op || !sb->s_op->remount_fs ||
		    (READ_ONCE(sb->s_flags) & SB_RDONLY))
			continue;
		done[n++] = sb;
		sync_filesystem(sb);
		if (sb->s_op->remount_fs(sb, true) == 0)
			__atomic_or_fetch(&sb->s_flags, SB_RDONLY, __ATOMIC_RELAXED);
	}
	mutex_unlock(&namespace_mutex);
}

/* ---------------------------------------------------------------- d_path */

/* Prepend name[len] and a '/' in buf before *pos; false if it does not fit. */
static bool prepend(char *buf, size_t *pos, const char *name, size_t len)
{
	if (len + 1 > *pos)
		return false;
	*pos -= len;
	memcpy(buf + *pos, name, len);
	buf[--*pos] = '/';
	return true;
}

/* mount_lock and dcache_lock held. */
static int __d_path(const struct path *root, const struct path *p, char *buf, size_t size)
{
	struct mount *m = real_mount(p->mnt);
	struct dentry *d = p->dentry;
	size_t pos = size;

	if (size < 2)
		return -ERANGE;
	buf[--pos] = 0;
	while (!(d == root->dentry && &m->mnt == root->mnt)) {
		if (d == m->mnt.mnt_root) {
			if (m->mnt_parent == m)
				break;   /* the top of a tree not under root */
			d = m->mnt_mountpoint;
			m = m->mnt_parent;
			continue;
		}
		if (!prepend(buf, &pos, d->d_name, d->d_len))
			return -ERANGE;
		d = d->d_parent;
	}
	if (pos == size - 1)
		buf[--pos] = '/';
	memmove(buf, buf + pos, size - pos);
	return (int)(size - pos);
}

int d_path(const struct path *root, const struct path *p, char *buf, size_t size)
{
	int n;

	spin_lock(&mount_lock);
	spin_lock(&dcache_lock);
	n = __d_path(root, p, buf, size);
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
	return n;
}

int vfs_path_of(const struct path *root, const struct path *dir, char *buf, size_t size)
{
	if (d_unlinked(dir->dentry))
		return -ENOENT;
	return d_path(root, dir, buf, size);
}

/* Is (mnt, d) at or under root? mount_lock and dcache_lock held. */
static bool __is_under(const struct path *root, struct mount *m, struct dentry *d)
{
	for (;;) {
		if (&m->mnt == root->mnt) {
			for (;;) {
				if (d == root->dentry)
					return true;
				if (d == d->d_parent)
					return false;
				d = d->d_parent;
			}
		}
		if (m->mnt_parent == m)
			return false;
		d = m->mnt_mountpoint;
		m = m->mnt_parent;
	}
}

/* ---------------------------------------------------------------- /proc/mounts */

static int mount_show_one(struct mount *m, const struct path *root, char *buf, size_t size,
			  char *tmp)
{
	struct path p = { .mnt = &m->mnt, .dentry = m->mnt.mnt_root };
	unsigned int f = m->mnt.mnt_flags;
	int n;

	spin_lock(&mount_lock);
	spin_lock(&dcache_lock);
	n = __is_under(root, m, p.dentry) ? __d_path(root, &p, tmp, PATH_MAX) : -ENOENT;
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
	if (n < 0)
		return 0;
	return snprintf(buf, size, "%s %s %s %s%s%s%s 0 0\n", m->mnt_devname, tmp,
			m->mnt.mnt_sb->s_type->name, (f & MNT_READONLY) ? "ro" : "rw",
			(f & MNT_NOSUID) ? ",nosuid" : "", (f & MNT_NODEV) ? ",nodev" : "",
			(f & MNT_NOEXEC) ? ",noexec" : "");
}

int mounts_show(char *buf, size_t size)
{
	char *tmp = kmalloc(PATH_MAX, 0);
	struct lookup_root lr;
	struct mount *m;
	size_t len = 0;

	if (!tmp)
		return -ENOMEM;
	if (size)
		buf[0] = 0;
	lookup_root_current(&lr);
	mutex_lock(&namespace_mutex);
	list_for_each_entry(m, &mount_table, mnt_list) {
		size_t room = len < size ? size - len : 0;

		len += (size_t)mount_show_one(m, &lr.root, room ? buf + len : NULL, room, tmp);
	}
	mutex_unlock(&namespace_mutex);
	lookup_root_put(&lr);
	kfree(tmp);
	return (int)len;
}

/* ---------------------------------------------------------------- block devices */

int lookup_bdev(const char *path, u32 *dev)
{
	struct lookup_root lr;
	struct inode *inode;
	struct path p;
	int err;

	lookup_root_current(&lr);
	err = vfs_path_lookup(&lr, path, LOOKUP_FOLLOW, &p);
	lookup_root_put(&lr);
	if (err)
		return err;
	inode = p.dentry->d_inode;
	if (!S_ISBLK(inode->i_mode))
		err = -ENOTBLK;
	else if (READ_ONCE(p.mnt->mnt_flags) & MNT_NODEV)
		err = -EACCES;
	else
		*dev = inode->i_rdev;
	path_put(&p);
	return err;
}

/* ---------------------------------------------------------------- remount */

/* MS_REMOUNT: set the mount's flags (and the sb's read-only bit). namespace_mutex taken. */
int do_remount(const struct path *where, unsigned int mnt_flags)
{
	struct super_block *sb = where->mnt->mnt_sb;

	if (where->dentry != where->mnt->mnt_root)
		return -EINVAL;
	if (sb->s_op && sb->s_op->remount_fs) {
		int err = sb->s_op->remount_fs(sb, mnt_flags & MNT_READONLY);

		if (err)
			return err;
	}
	mutex_lock(&namespace_mutex);
	WRITE_ONCE(where->mnt->mnt_flags, mnt_flags);
	if (mnt_flags & MNT_READONLY)
		__atomic_or_fetch(&sb->s_flags, SB_RDONLY, __ATOMIC_RELAXED);
	else
		__atomic_and_fetch(&sb->s_flags, ~SB_RDONLY, __ATOMIC_RELAXED);
	mutex_unlock(&namespace_mutex);
	return sync_filesystem(sb);
}

/* MS_BIND: a new mount of old's subtree on where. */
int do_bind_mount(const struct path *old, const struct path *where, unsigned int mnt_flags)
{
	struct mount *src = real_mount(old->mnt), *m;
	int err;

	if (!S_ISDIR(old->dentry->d_inode->i_mode))
		return -EINVAL;
	m = mount_alloc(dget(old->dentry), src->mnt_devname);
	if (!m) {
		dput(old->dentry);
		return -ENOMEM;
	}
	m->mnt.mnt_flags = mnt_flags;
	err = do_add_mount(&m->mnt, where);
	if (err)
		mntput(&m->mnt);
	return err;
}

/* /proc/filesystems: one line per registered type, "nodev" unless it needs a device. */
int filesystems_show(struct seq_buf *s)
{
	struct file_system_type *type;

	spin_lock(&file_systems_lock);
	list_for_each_entry(type, &file_systems, fs_list)
		seq_printf(s, "%s\t%s\n", (type->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev",
			   type->name);
	spin_unlock(&file_systems_lock);
	return 0;
}

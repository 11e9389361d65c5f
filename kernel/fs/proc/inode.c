/*
 * procfs core: the super block, inodes made on lookup, directories
 * (static tables plus the dynamic pid, tid and fd children), and the file
 * operations of generated files and symlinks. Interface: procfs_create()
 * (<fs/procfs.h>); the tables are in root.c and pid.c.
 *
 * Inodes. Each lookup makes a fresh inode describing (entry, tgid, tid,
 * fd); nothing is cached, so a pid directory found after its process is
 * gone fails its lookups and opens with -ENOENT/-ESRCH. Files of a
 * process are owned by its euid/egid (as Linux with dumpable processes),
 * which is what makes <pid>/fd (mode 0500) -EACCES for other users.
 *
 * Files. open generates the whole text (seq_buf_generate) into
 * file->private_data; read serves from it; lseek is generic over its
 * length. A writable file (sys/vm/drop_caches) takes one write of up to
 * a page and hands it to the entry's write.
 *
 * Locks: none of its own. Lookups and iteration take tasklist_lock,
 * process_lock and files_lock briefly (pid.c) and never call user-copying
 * code under them.
 */
#include <fs/file.h>
#include <fs/dcache.h>
#include <fs/fs.h>
#include <fs/mount.h>
#include <fs/procfs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#include "internal.h"

#define PROC_ROOT_INO 1
#define PROC_WRITE_MAX 4096

static const struct inode_operations proc_dir_iops, proc_link_iops;
static const struct file_operations proc_dir_fops, proc_file_fops;

const struct proc_entry proc_root_entry = {
	.name = "/", .mode = S_IFDIR | 0555, .children = proc_root_children, .dyn = PROC_DYN_PIDS,
};
const struct proc_entry proc_pid_entry = {
	.name = "<pid>", .mode = S_IFDIR | 0555, .children = proc_pid_children,
};
const struct proc_entry proc_tid_entry = {
	.name = "<tid>", .mode = S_IFDIR | 0555, .children = proc_tid_children,
};
const struct proc_entry proc_fd_link_entry = {
	.name = "<fd>", .mode = S_IFLNK | 0700, .link = proc_fd_link,
};

static void proc_destroy_inode(struct inode *inode)
{
	kfree(PI(inode));
}

static bool proc_d_revalidate(struct dentry *d);

static const struct super_operations proc_sops = {
	.destroy_inode = proc_destroy_inode,
	.d_revalidate = proc_d_revalidate,
};

/*
 * A new inode for entry of process tgid / thread tid (0: global), or
 * NULL; thread: it is under a task/<tid> directory.
 */
static struct inode *proc_new_inode(struct super_block *sb, const struct proc_entry *e,
				    int tgid, int tid, int fd, bool thread)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), 0);
	struct inode *inode;

	if (!pi)
		return NULL;
	inode = &pi->vfs;
	inode_init(inode, sb, e->mode);
	pi->entry = e;
	pi->tgid = tgid;
	pi->tid = tid;
	pi->fd = fd;
	pi->thread = thread;
	inode->i_uid = inode->i_gid = 0;
	if (tgid)
		proc_process_owner(tgid, &inode->i_uid, &inode->i_gid);
	if (S_ISDIR(e->mode)) {
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
		inode->i_nlink = 2;
	} else if (S_ISLNK(e->mode)) {
		inode->i_op = &proc_link_iops;
		if (e == &proc_fd_link_entry) {
			inode->i_mode = proc_fd_link_mode(tgid, tid, fd);
			inode->i_size = 64;	/* what Linux reports */
		}
	} else {
		inode->i_fop = &proc_file_fops;
	}
	return inode;
}

/* ---------------------------------------------------------------- lookup */

/* name as a decimal number without sign or leading zeros (> 0), or -1. */
static int proc_name_number(const char *name, size_t len)
{
	long v = 0;

	if (!len || len > 9 || (name[0] == '0' && len > 1))
		return -1;	/* "0" is fd 0; "01" is no name */
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return (int)v;
}

static const struct proc_entry *proc_find_static(const struct proc_entry *tab, const char *name,
						 size_t len)
{
	for (; tab && tab->name; tab++)
		if (strlen(tab->name) == len && !memcmp(tab->name, name, len))
			return tab;
	return NULL;
}

/* The dynamic child name of dir (a pid, tid or fd), or ERR_PTR(-ENOENT). */
static struct inode *proc_lookup_dyn(struct proc_inode *dir, int n)
{
	struct super_block *sb = dir->vfs.i_sb;
	struct process *p;
	struct task *t;

	switch (dir->entry->dyn) {
	case PROC_DYN_PIDS:
		p = proc_find_process(n);
		if (!p)
			return ERR_PTR(-ENOENT);
		process_put(p);
		return proc_new_inode(sb, &proc_pid_entry, n, n, -1, false) ?: ERR_PTR(-ENOMEM);
	case PROC_DYN_TIDS:
		p = proc_find_process(dir->tgid);
		t = p ? proc_find_thread(p, n) : NULL;
		if (p)
			process_put(p);
		if (!t)
			return ERR_PTR(-ENOENT);
		task_put(t);
		return proc_new_inode(sb, &proc_tid_entry, dir->tgid, n, -1, true) ?: ERR_PTR(-ENOMEM);
	case PROC_DYN_FDS:
		if (proc_next_fd(dir->tgid, n) != n)
			return ERR_PTR(-ENOENT);
		return proc_new_inode(sb, &proc_fd_link_entry, dir->tgid, dir->tid, n, dir->thread)
			?: ERR_PTR(-ENOMEM);
	default:
		return ERR_PTR(-ENOENT);
	}
}

/* A pid or tid directory (and what is under it) whose process is gone has no children. */
static bool proc_owner_gone(struct proc_inode *dir)
{
	struct process *p;

	if (!dir->tgid)
		return false;
	p = proc_find_process(dir->tgid);
	if (p)
		process_put(p);
	return !p;
}

/*
 * Is the cached dentry d still right? Processes, threads and descriptors
 * come and go without the VFS hearing of it: a negative entry is never
 * trusted (a pid may have appeared), a positive one only while what it
 * names exists.
 */
static bool proc_d_revalidate(struct dentry *d)
{
	struct proc_inode *pi;
	struct process *p;
	struct task *t = NULL;

	if (!d->d_inode)
		return false;
	pi = PI(d->d_inode);
	if (!pi->tgid)
		return true;
	if (pi->entry == &proc_fd_link_entry)
		return proc_next_fd(pi->tgid, pi->fd) == pi->fd;
	p = proc_find_process(pi->tgid);
	if (!p)
		return false;
	if (pi->thread)
		t = proc_find_thread(p, pi->tid);
	process_put(p);
	if (!pi->thread)
		return true;
	if (t)
		task_put(t);
	return t != NULL;
}

static struct inode *proc_lookup(struct inode *inode, const char *name, size_t len)
{
	struct proc_inode *dir = PI(inode);
	const struct proc_entry *e;
	struct inode *child;
	int n;

	if (len == 2 && name[0] == '.' && name[1] == '.')
		return ERR_PTR(-ENOENT);   /* the VFS keeps the parent chain */
	if (proc_owner_gone(dir))
		return ERR_PTR(-ENOENT);
	e = proc_find_static(dir->entry->children, name, len);
	if (e) {
		child = proc_new_inode(inode->i_sb, e, dir->tgid, dir->tid, -1, dir->thread);
		return child ?: ERR_PTR(-ENOMEM);
	}
	n = proc_name_number(name, len);
	if (n < 0 || dir->entry->dyn == PROC_DYN_NONE)
		return ERR_PTR(-ENOENT);
	return proc_lookup_dyn(dir, n);
}

/* ---------------------------------------------------------------- readdir */

/*
 * Positions: 0 ".", 1 "..", 2 + i the i-th static entry, then
 * PROC_POS_DYN + n for the dynamic child n (pid, tid or fd), so a
 * position survives children coming and going.
 */
#define PROC_POS_DYN 0x10000

static unsigned int dtype_of(unsigned int mode)
{
	return (mode & S_IFMT) >> 12;   /* DT_* = S_IFMT >> 12 */
}

static bool proc_emit_static(struct proc_inode *dir, struct dir_context *ctx)
{
	const struct proc_entry *tab = dir->entry->children;
	loff_t i = ctx->pos - 2;

	for (; tab && i >= 0 && tab[i].name; i++) {
		const struct proc_entry *e = &tab[i];

		if (!ctx->emit(ctx, e->name, strlen(e->name), dir->vfs.i_ino * 64 + (u64)i + 2,
			       dtype_of(e->mode)))
			return false;
		ctx->pos = i + 3;
	}
	return true;
}

/* The dynamic child at or after n, or a negative number when there is none. */
static int proc_next_dyn(struct proc_inode *dir, int n)
{
	struct process *p;
	int r;

	switch (dir->entry->dyn) {
	case PROC_DYN_PIDS:
		r = proc_next_tgid(n);
		return r ? r : -1;
	case PROC_DYN_TIDS:
		p = proc_find_process(dir->tgid);
		r = p ? proc_next_tid(p, n) : 0;
		if (p)
			process_put(p);
		return r ? r : -1;
	case PROC_DYN_FDS:
		return proc_next_fd(dir->tgid, n);
	default:
		return -1;
	}
}

static int proc_iterate(struct file *file, struct dir_context *ctx)
{
	struct proc_inode *dir = PI(file_inode(file));
	const struct proc_entry *e = dir->entry;
	char name[16];
	int n;

	if (ctx->pos == 0 && !ctx->emit(ctx, ".", 1, dir->vfs.i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 0)
		ctx->pos = 1;
	if (ctx->pos == 1 && !ctx->emit(ctx, "..", 2, PROC_ROOT_INO, DT_DIR))
		return 0;
	if (ctx->pos == 1)
		ctx->pos = 2;
	if (ctx->pos < PROC_POS_DYN) {
		if (!proc_emit_static(dir, ctx))
			return 0;
		ctx->pos = PROC_POS_DYN;
	}
	while ((n = proc_next_dyn(dir, (int)(ctx->pos - PROC_POS_DYN))) >= 0) {
		unsigned int type = e->dyn == PROC_DYN_FDS ? DT_LNK : DT_DIR;
		int len = snprintf(name, sizeof(name), "%d", n);

		if (!ctx->emit(ctx, name, (size_t)len, (u64)n + PROC_POS_DYN, type))
			return 0;
		ctx->pos = PROC_POS_DYN + (loff_t)n + 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- symlinks */

static int proc_get_link(struct inode *inode, char *buf, size_t size)
{
	struct proc_inode *pi = PI(inode);

	if (proc_owner_gone(pi))
		return -ENOENT;
	return pi->entry->link(pi, buf, size);
}

/* ---------------------------------------------------------------- generated files */

static int proc_show_entry(struct seq_buf *s, void *arg)
{
	struct proc_inode *pi = arg;

	return pi->entry->show(s, pi);
}

static int proc_file_open(struct inode *inode, struct file *file)
{
	struct proc_inode *pi = PI(inode);
	struct seq_buf *s;
	int err;

	file->f_mode |= FMODE_LSEEK;
	if (!(file->f_mode & FMODE_READ))
		return pi->entry->write ? 0 : -EACCES;
	if (!pi->entry->show)
		return -EACCES;   /* a write-only sysctl */
	if (proc_owner_gone(pi))
		return -ESRCH;
	s = kzalloc(sizeof(*s), 0);
	if (!s)
		return -ENOMEM;
	err = seq_buf_generate(s, proc_show_entry, pi);
	if (err) {
		kfree(s);
		return err;
	}
	file->private_data = s;
	return 0;
}

static void proc_file_release(struct inode *inode, struct file *file)
{
	struct seq_buf *s = file->private_data;

	(void)inode;
	if (s) {
		seq_buf_free(s);
		kfree(s);
	}
}

static ssize_t proc_file_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct seq_buf *s = file->private_data;
	size_t want, n;

	if (!s || *pos >= (loff_t)s->len)
		return 0;
	want = MIN(to->count, s->len - (size_t)*pos);
	n = copy_to_iter(s->buf + *pos, want, to);
	if (!n)
		return -EFAULT;
	*pos += (loff_t)n;
	return (ssize_t)n;
}

static ssize_t proc_file_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct proc_inode *pi = PI(file_inode(file));
	size_t n = MIN(from->count, (size_t)PROC_WRITE_MAX - 1);
	ssize_t ret;
	char *buf;

	(void)pos;
	if (!pi->entry->write)
		return -EINVAL;
	buf = kmalloc(PROC_WRITE_MAX, 0);
	if (!buf)
		return -ENOMEM;
	if (copy_from_iter(buf, n, from) != n) {
		kfree(buf);
		return -EFAULT;
	}
	buf[n] = 0;
	ret = pi->entry->write(pi, buf, n);
	kfree(buf);
	return ret;
}

static loff_t proc_file_llseek(struct file *file, loff_t offset, int whence)
{
	struct seq_buf *s = file->private_data;
	loff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? file->f_pos
		    : whence == SEEK_END ? (loff_t)(s ? s->len : 0) : -1;

	if (base < 0 || offset < -base || base + offset < 0)
		return -EINVAL;
	file->f_pos = base + offset;
	return file->f_pos;
}

static const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.release = proc_file_release,
	.read = proc_file_read,
	.write = proc_file_write,
	.llseek = proc_file_llseek,
};

static const struct file_operations proc_dir_fops = {
	.iterate = proc_iterate,
};

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
};

static const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
};

/* ---------------------------------------------------------------- the super block */

static struct file_system_type proc_fs_type;

struct super_block *procfs_create(void)
{
	struct super_block *sb = sget_anon(&proc_fs_type);
	struct inode *root;

	if (!sb)
		return NULL;
	sb->s_op = &proc_sops;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_next_ino = PROC_ROOT_INO;
	root = proc_new_inode(sb, &proc_root_entry, 0, 0, -1, false);
	sb->s_root = root ? d_make_root(root) : NULL;
	if (!sb->s_root) {
		generic_shutdown_super(sb);
		kfree(sb);
		return NULL;
	}
	return sb;
}

void procfs_destroy(struct super_block *sb)
{
	generic_shutdown_super(sb);
	kfree(sb);
}

/* mount -t proc: a new instance each time (they all show the same processes). */
static struct dentry *proc_mount(struct file_system_type *type, int flags, const char *source,
				 void *data)
{
	struct super_block *sb = procfs_create();

	(void)type;
	(void)source;
	(void)data;
	if (!sb)
		return ERR_PTR(-ENOMEM);
	if (flags & MS_RDONLY)
		sb->s_flags |= SB_RDONLY;
	return dget(sb->s_root);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = procfs_destroy,
};

void procfs_register(void)
{
	if (register_filesystem(&proc_fs_type))
		panic("procfs: cannot register");
}

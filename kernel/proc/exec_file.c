/*
 * exec's glue to the file layer (the VFS from the fs branch): open the
 * file to run, check that it may be executed, read it; and close-on-exec.
 *
 * Interface used (fs branch): file_open, kernel_read, vfs_getattr, fput,
 * files_close_on_exec, struct kstat, f_op->mmap (segments are mapped from
 * the file when its file system can). Locks: none of its own; credentials
 * are read under process_lock.
 */
#include <fs/file.h>          /* file_open, kernel_read, vfs_getattr, fput, struct kstat, files_close_on_exec */
#include <kernel/err.h>
#include <proc/exec.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#ifndef S_IFMT
#define S_IFMT  0170000
#define S_IFREG 0100000
#endif
#define EXEC_O_RDONLY 0

static ssize_t exec_file_read(void *ctx, void *buf, size_t n, u64 off)
{
	loff_t pos = (loff_t)off;

	return kernel_read(ctx, buf, n, &pos);
}

/* The file's mapping object (-ENODEV if its file system cannot map it). */
static int exec_file_mmap(void *ctx, struct mmap_file *mf)
{
	struct file *f = ctx;

	return f->f_op && f->f_op->mmap ? f->f_op->mmap(f, mf) : -ENODEV;
}

/*
 * May the caller execute a file of this mode and owner? Linux's rules
 * without capabilities beyond root's: root needs some x bit; others the
 * owner, group or other x bit that applies to them.
 */
static int exec_permission(const struct kstat *st)
{
	struct process *p = current->proc;
	struct cred c = { 0 };
	bool in_group;

	if (p) {
		unsigned long irq = spin_lock_irqsave(&p->lock);
		c = p->cred;
		spin_unlock_irqrestore(&p->lock, irq);
	}
	if (c.euid == 0)
		return (st->mode & 0111) ? 0 : -EACCES;
	if (c.euid == st->uid)
		return (st->mode & 0100) ? 0 : -EACCES;
	in_group = c.egid == st->gid;
	for (unsigned int i = 0; i < c.ngroups && i < CRED_NGROUPS && !in_group; i++)
		in_group = c.groups[i] == st->gid;
	if (in_group)
		return (st->mode & 0010) ? 0 : -EACCES;
	return (st->mode & 0001) ? 0 : -EACCES;
}

int exec_file_open(const char *path, struct exec_source *src)
{
	struct file *f = file_open(path, EXEC_O_RDONLY, 0);
	struct kstat st;
	int err;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	err = vfs_getattr(f, &st);
	if (!err && (st.mode & S_IFMT) != S_IFREG)
		err = -EACCES;   /* directories, devices, fifos: Linux's open_exec says EACCES */
	if (!err)
		err = exec_permission(&st);
	if (err) {
		fput(f);
		return err;
	}
	*src = (struct exec_source){ .read = exec_file_read, .mmap = exec_file_mmap, .ctx = f,
				     .size = st.size };
	return 0;
}

void exec_file_close(struct exec_source *src)
{
	fput(src->ctx);
	src->ctx = NULL;
}

void exec_close_on_exec(struct task *t)
{
	if (t->files)
		files_close_on_exec(t->files);
}

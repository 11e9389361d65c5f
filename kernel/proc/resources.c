/*
 * The resources a task holds besides its address space -- the file
 * table and the fs context (root, cwd, umask) -- given at clone and
 * dropped at exit (interface in proc_internal.h). The file layer (fs/)
 * owns the objects; this file only decides what is shared.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "proc_internal.h"

static int clone_file_table(struct task *child, unsigned long flags)
{
	struct files_struct *files = current->files;

	if (!files)
		return 0;
	if (flags & CLONE_FILES) {
		files_get(files);
	} else {
		files = files_dup(files);
		if (IS_ERR(files))
			return PTR_ERR(files);
	}
	child->files = files;
	return 0;
}

static int clone_fs_context(struct task *child, unsigned long flags)
{
	struct fs_struct *fs = current->fs;

	if (!fs)
		return 0;
	if (flags & CLONE_FS) {
		fs_get(fs);
	} else {
		fs = fs_dup(fs);
		if (!fs)
			return -ENOMEM;
	}
	child->fs = fs;
	return 0;
}

int proc_clone_files(struct task *child, unsigned long flags)
{
	int err = clone_file_table(child, flags);

	return err ? err : clone_fs_context(child, flags);
}

void proc_release_files(struct task *t)
{
	struct files_struct *files = t->files;
	struct fs_struct *fs = t->fs;

	t->files = NULL;
	t->fs = NULL;
	if (files)
		files_put(files);
	if (fs)
		fs_put(fs);
}

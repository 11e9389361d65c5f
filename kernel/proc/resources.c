/*
 * The resources a task holds besides its address space -- the file
 * table and the fs context (root, cwd, umask) -- given at clone and
 * dropped at exit (interface in proc_internal.h). The file layer
 * (fs/) owns the objects; this file only decides sharing.
 */
#include <kernel/err.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "proc_internal.h"

int proc_clone_files(struct task *child, unsigned long flags)
{
	/* The file layer is not merged yet: tasks hold no files. */
	(void)child;
	(void)flags;
	return 0;
}

void proc_release_files(struct task *t)
{
	(void)t;
}

/* Shared between the files of kernel/proc/ only. */
#ifndef PROC_INTERNAL_H
#define PROC_INTERNAL_H

#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>

struct process;

extern struct spinlock tasklist_lock;
extern struct list_head process_list;
extern struct process *init_process;

struct task;
struct process *process_alloc(struct task *t, const struct process *from);

/*
 * The per-task resources besides mm that clone shares or copies (files,
 * fs; the signal handlers later): give child its own or the caller's
 * (flags: CLONE_FILES, CLONE_FS). 0 or -ENOMEM; on failure the ones
 * already given stay for proc_release_files(), which drops them all
 * (exit, a failed clone). resources.c.
 */
int proc_clone_files(struct task *child, unsigned long flags);
void proc_release_files(struct task *t);

/* Linux's struct rusage (asm-generic): two timevals and 14 longs. */
struct rusage_u {
	long utime_sec, utime_usec, stime_sec, stime_usec;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
	long msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
_Static_assert(sizeof(struct rusage_u) == 144, "struct rusage");

/* Fill ru from times in ns and switch counts (wait.c). */
void rusage_fill(struct rusage_u *ru, u64 utime, u64 stime, u64 nvcsw, u64 nivcsw);

/*
 * Process groups and orphans (kill.c; tasklist_lock held): is group pgrp
 * orphaned -- no live member (ignore aside) has a parent in another group
 * of its session; has it a stopped member?
 */
bool pgrp_orphaned_locked(int pgrp, const struct process *ignore);
bool pgrp_has_stopped_locked(int pgrp);

#endif /* PROC_INTERNAL_H */

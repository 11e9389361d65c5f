/*
 * Private to the self-tests of kernel/sched/ (ktest_time.c,
 * ktest_vdso.c): run a function in a kernel thread that has a user
 * address space of its own, so that it can call system-call handlers
 * with user pointers (copy_from_user and friends work on current->mm).
 */
#ifndef KERNEL_SCHED_KTEST_UMM_H
#define KERNEL_SCHED_KTEST_UMM_H

#include <arch/memlayout.h>
#include <kernel/types.h>

struct mm_struct;

/* A read-write anonymous scratch area every such address space has. */
#define UMM_SCRATCH      0x20000000UL
#define UMM_SCRATCH_SIZE (4 * PAGE_SIZE)

/*
 * Run fn(mm, arg) in a new kernel thread whose current->mm is a fresh
 * address space holding the scratch area, pinned to the last cpu; the
 * address space is dropped afterwards. Returns NULL, or the failure
 * reason fn returned (or a setup failure).
 */
const char *ktest_in_user_mm(const char *(*fn)(struct mm_struct *mm, void *arg), void *arg);

#endif /* KERNEL_SCHED_KTEST_UMM_H */

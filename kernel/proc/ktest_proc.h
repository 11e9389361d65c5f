/*
 * Helpers shared by the process self-tests (ktest_user.c, ktest_exec.c;
 * implemented in ktest_proc.c).
 */
#ifndef PROC_KTEST_PROC_H
#define PROC_KTEST_PROC_H

struct task;

/*
 * Free pages once every test process is gone (a process ends with its
 * last thread, which may still be on its way out when the leader's join
 * returns) and every cache is drained (mm_free_pages_settled), plus the
 * kernel page-table pages, which are kept for reuse. May sleep.
 */
unsigned long ktest_proc_pages_settled(void);

/*
 * Wake t (a kernel thread that makes itself a process), wait for it and
 * drop the reference: its wait status as a shell reports it -- the exit
 * code, or 128 + the signal that killed it. May sleep.
 */
int ktest_proc_run(struct task *t);

#endif /* PROC_KTEST_PROC_H */

/* Shared between the files of kernel/proc/ only. */
#ifndef PROC_INTERNAL_H
#define PROC_INTERNAL_H

#include <lib/list.h>
#include <locking/spinlock.h>

struct process;

extern struct spinlock tasklist_lock;
extern struct list_head process_list;
extern struct process *init_process;

#endif /* PROC_INTERNAL_H */

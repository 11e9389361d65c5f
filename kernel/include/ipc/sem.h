/*
 * System V semaphores: the pure arithmetic of kernel/ipc/sem_ops.c
 * (contracts there), shared with the host unit tests.
 */
#ifndef IPC_SEM_H
#define IPC_SEM_H

#include <uapi/ipc.h>

/* Run sops on vals (and adj for SEM_UNDO ops; adj may be NULL if none): 0, -ERANGE, -EAGAIN. */
int sem_apply(int *vals, short *adj, const struct sembuf *sops, unsigned int nsops,
	      unsigned int *blocked);
/* Exit: vals[i] += adj[i], clamped to [0, SEMVMX] (Linux's exit_sem). */
void sem_undo_values(int *vals, const short *adj, unsigned int nsems);

#endif /* IPC_SEM_H */

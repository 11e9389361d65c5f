/*
 * System V semaphores: the arithmetic of one semop, pure (no locks, no
 * memory of its own), so the host unit tests check it against a model
 * (tests/unit/test_ipc_sem.c). The caller holds the set's lock.
 *
 * sem_apply runs the operations in order on vals (and, for SEM_UNDO
 * operations, the caller's adjustments adj), all or none, with Linux's
 * rules (perform_atomic_semop):
 *   sem_op > 0   add; past SEMVMX: -ERANGE
 *   sem_op < 0   subtract if the value stays >= 0, else block
 *   sem_op == 0  go on if the value is 0, else block
 *   SEM_UNDO     adj[num] -= sem_op; outside [-SEMAEM - 1, SEMAEM]: -ERANGE
 * Returns 0 (every operation applied), -ERANGE or -EAGAIN (nothing
 * applied; *blocked is the index of the operation that would block).
 */
#include <ipc/sem.h>
#include <uapi/errno.h>

/* Take back operations [0, done) of sops (in reverse). */
static void sem_revert(int *vals, short *adj, const struct sembuf *sops, unsigned int done)
{
	while (done--) {
		const struct sembuf *op = &sops[done];

		vals[op->sem_num] -= op->sem_op;
		if ((op->sem_flg & SEM_UNDO) && adj)
			adj[op->sem_num] = (short)(adj[op->sem_num] + op->sem_op);
	}
}

int sem_apply(int *vals, short *adj, const struct sembuf *sops, unsigned int nsops,
	      unsigned int *blocked)
{
	for (unsigned int i = 0; i < nsops; i++) {
		const struct sembuf *op = &sops[i];
		int result = vals[op->sem_num] + op->sem_op;
		int err = 0;

		if ((op->sem_op == 0 && result != 0) || result < 0) {
			*blocked = i;
			err = -EAGAIN;
		} else if (result > SEMVMX) {
			err = -ERANGE;
		} else if ((op->sem_flg & SEM_UNDO) && adj) {
			int undo = adj[op->sem_num] - op->sem_op;

			if (undo < -SEMAEM - 1 || undo > SEMAEM)
				err = -ERANGE;
		}
		if (err) {
			sem_revert(vals, adj, sops, i);
			return err;
		}
		vals[op->sem_num] = result;
		if ((op->sem_flg & SEM_UNDO) && adj)
			adj[op->sem_num] = (short)(adj[op->sem_num] - op->sem_op);
	}
	return 0;
}

void sem_undo_values(int *vals, const short *adj, unsigned int nsems)
{
	for (unsigned int i = 0; i < nsems; i++) {
		int v = vals[i] + adj[i];

		if (v < 0)
			v = 0;
		if (v > SEMVMX)
			v = SEMVMX;
		vals[i] = v;
	}
}

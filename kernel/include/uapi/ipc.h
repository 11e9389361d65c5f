/*
 * System V IPC: the Linux riscv64 (asm-generic) user ABI -- flags,
 * commands, default limits and the 64-bit structures the msgctl, semctl
 * and shmctl calls copy in and out. Values from the Linux UAPI headers
 * (linux/ipc.h, msg.h, sem.h, shm.h, asm-generic/{ipc,msg,sem,shm}buf.h),
 * written out here for the kernel (user programs use glibc's sys/ipc.h).
 */
#ifndef UAPI_IPC_H
#define UAPI_IPC_H

#ifndef ENOMSG
#define ENOMSG 42   /* no message of the desired type */
#endif
#ifndef EIDRM
#define EIDRM  43   /* identifier removed */
#endif

/* ------------------------------------------------------------ common */

#define IPC_PRIVATE 0

#define IPC_CREAT  001000
#define IPC_EXCL   002000
#define IPC_NOWAIT 004000

#define IPC_RMID 0
#define IPC_SET  1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64   0x0100   /* "new version" flag some callers or in: ignored */

/* The id space of one kind: id = seq * IPCMNI + index. */
#define IPCMNI 32768
#define IPCMNI_SHIFT 15
#define IPC_SEQ_MAX 65536   /* seq runs 0 .. 65535 (INT_MAX >> IPCMNI_SHIFT) */

struct ipc64_perm {
	int key;
	unsigned int uid, gid, cuid, cgid;
	unsigned int mode;
	unsigned short seq;
	unsigned short __pad2;
	unsigned long __unused1, __unused2;
};
_Static_assert(sizeof(struct ipc64_perm) == 48, "ipc64_perm is 48 bytes");

/* ------------------------------------------------------------ messages */

#define MSG_STAT     11
#define MSG_INFO     12
#define MSG_STAT_ANY 13

#define MSG_NOERROR 010000
#define MSG_EXCEPT  020000
#define MSG_COPY    040000

#define MSGMNI 32000
#define MSGMAX 8192
#define MSGMNB 16384
#define MSGPOOL (MSGMNI * MSGMNB / 1024)
#define MSGTQL MSGMNB
#define MSGMAP MSGMNB
#define MSGSSZ 16
#define MSGSEG 0xffff

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	long msg_stime, msg_rtime, msg_ctime;
	unsigned long msg_cbytes, msg_qnum, msg_qbytes;
	int msg_lspid, msg_lrpid;
	unsigned long __unused4, __unused5;
};
_Static_assert(sizeof(struct msqid64_ds) == 120, "msqid64_ds is 120 bytes");

struct msginfo {
	int msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	unsigned short msgseg;
};

/* ------------------------------------------------------------ semaphores */

#define SEM_UNDO 0x1000

#define GETPID  11
#define GETVAL  12
#define GETALL  13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL  16
#define SETALL  17
#define SEM_STAT 18
#define SEM_INFO 19
#define SEM_STAT_ANY 20

#define SEMMNI 32000
#define SEMMSL 32000
#define SEMMNS (SEMMNI * SEMMSL)
#define SEMOPM 500
#define SEMVMX 32767
#define SEMAEM SEMVMX
#define SEMUME SEMOPM
#define SEMMNU SEMMNS
#define SEMMAP SEMMNS
#define SEMUSZ 20

struct semid64_ds {
	struct ipc64_perm sem_perm;
	long sem_otime, sem_ctime;
	unsigned long sem_nsems;
	unsigned long __unused3, __unused4;
};
_Static_assert(sizeof(struct semid64_ds) == 88, "semid64_ds is 88 bytes");

struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

struct seminfo {
	int semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

/* ------------------------------------------------------------ shared memory */

#define SHM_R 0400
#define SHM_W 0200
#define SHM_HUGETLB   04000
#define SHM_NORESERVE 010000

#define SHM_RDONLY 010000
#define SHM_RND    020000
#define SHM_REMAP  040000
#define SHM_EXEC   0100000

#define SHM_LOCK     11
#define SHM_UNLOCK   12
#define SHM_STAT     13
#define SHM_INFO     14
#define SHM_STAT_ANY 15

/* Mode bits the kernel shows in shm_perm.mode (Linux's values). */
#define SHM_DEST   01000   /* marked for removal at the last detach */
#define SHM_LOCKED 02000

#define SHMMIN 1
#define SHMMNI 4096
#define SHMMAX (~0UL - (1UL << 24))
#define SHMALL (~0UL - (1UL << 24))
#define SHMSEG SHMMNI
#define SHMLBA 4096

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	unsigned long shm_segsz;
	long shm_atime, shm_dtime, shm_ctime;
	int shm_cpid, shm_lpid;
	unsigned long shm_nattch;
	unsigned long __unused4, __unused5;
};
_Static_assert(sizeof(struct shmid64_ds) == 112, "shmid64_ds is 112 bytes");

struct shminfo64 {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
	unsigned long __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {
	int used_ids;
	unsigned long shm_tot, shm_rss, shm_swp;
	unsigned long swap_attempts, swap_successes;
};

#endif /* UAPI_IPC_H */

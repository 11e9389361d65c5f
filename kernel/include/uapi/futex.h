/*
 * futex(2) constants and the robust-list head of the Linux riscv64 ABI,
 * shared by the kernel and user/. Values from the UAPI header
 * linux/futex.h.
 */
#ifndef UAPI_FUTEX_H
#define UAPI_FUTEX_H

/* Operations (the low bits of op). */
#define FUTEX_WAIT            0
#define FUTEX_WAKE            1
#define FUTEX_FD              2
#define FUTEX_REQUEUE         3
#define FUTEX_CMP_REQUEUE     4
#define FUTEX_WAKE_OP         5
#define FUTEX_LOCK_PI         6
#define FUTEX_UNLOCK_PI       7
#define FUTEX_TRYLOCK_PI      8
#define FUTEX_WAIT_BITSET     9
#define FUTEX_WAKE_BITSET     10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI  12
#define FUTEX_LOCK_PI2        13

/* Flags or-ed into op. */
#define FUTEX_PRIVATE_FLAG    128
#define FUTEX_CLOCK_REALTIME  256
#define FUTEX_CMD_MASK        (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_WAIT_PRIVATE        (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE        (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_REQUEUE_PRIVATE     (FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE     (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)

/* WAIT_BITSET/WAKE_BITSET: matches every waiter. */
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

/* FUTEX_WAKE_OP: the operation on *uaddr2 ... */
#define FUTEX_OP_SET         0   /* *uaddr2 = oparg */
#define FUTEX_OP_ADD         1   /* *uaddr2 += oparg */
#define FUTEX_OP_OR          2   /* *uaddr2 |= oparg */
#define FUTEX_OP_ANDN        3   /* *uaddr2 &= ~oparg */
#define FUTEX_OP_XOR         4   /* *uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT 8   /* or-ed into the operation: oparg is 1 << oparg */
/* ... and the test of its old value that decides whether uaddr2's waiters wake. */
#define FUTEX_OP_CMP_EQ      0
#define FUTEX_OP_CMP_NE      1
#define FUTEX_OP_CMP_LT      2
#define FUTEX_OP_CMP_LE      3
#define FUTEX_OP_CMP_GT      4
#define FUTEX_OP_CMP_GE      5

/* The val3 of FUTEX_WAKE_OP: op 4 bits, cmp 4 bits, oparg 12 bits, cmparg 12 bits. */
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xfu) << 28) | (((cmp) & 0xfu) << 24) | (((oparg) & 0xfffu) << 12) | \
	 ((cmparg) & 0xfffu))

/* Bits of a robust futex word (PI and robust mutexes). */
#define FUTEX_WAITERS    0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK   0x3fffffffu

/* set_robust_list: the head user space registers (three pointer-sized words). */
struct robust_list_head_user {
	unsigned long list_next;          /* struct robust_list *list.next */
	long futex_offset;                /* from a list entry to its futex word */
	unsigned long list_op_pending;    /* entry being acquired or released */
};
_Static_assert(sizeof(struct robust_list_head_user) == 24, "Linux's struct robust_list_head");

#endif /* UAPI_FUTEX_H */

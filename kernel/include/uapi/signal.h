/*
 * Signals of the Linux riscv64 ABI: numbers, sigaction flags, si_codes and
 * the structures user space sees (struct sigaction as the kernel takes it,
 * stack_t, siginfo_t, the riscv64 ucontext and signal frame). Values and
 * layouts from the UAPI headers asm-generic/signal.h, signal-defs.h,
 * siginfo.h and asm/{ptrace,sigcontext,ucontext}.h; sizes are checked
 * with _Static_assert because glibc and user handlers read them directly.
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#include <kernel/types.h>

#define _NSIG     64
#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN  32
#define SIGRTMAX  _NSIG

/* sa_flags (asm-generic/signal-defs.h; riscv has no SA_RESTORER). */
#define SA_NOCLDSTOP      0x00000001u
#define SA_NOCLDWAIT      0x00000002u
#define SA_SIGINFO        0x00000004u
#define SA_UNSUPPORTED    0x00000400u
#define SA_EXPOSE_TAGBITS 0x00000800u
#define SA_ONSTACK        0x08000000u
#define SA_RESTART        0x10000000u
#define SA_NODEFER        0x40000000u
#define SA_RESETHAND      0x80000000u

#define SIG_DFL 0UL
#define SIG_IGN 1UL

/* rt_sigprocmask how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sigaltstack */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ   2048

/* si_code values */
#define SI_USER    0
#define SI_KERNEL  0x80
#define SI_QUEUE   (-1)
#define SI_TIMER   (-2)
#define SI_MESGQ   (-3)
#define SI_ASYNCIO (-4)
#define SI_SIGIO   (-5)
#define SI_TKILL   (-6)
#define ILL_ILLOPC 1
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define TRAP_BRKPT 1
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/* sigset_t of the system calls: one 64-bit word (sigsetsize must be 8). */
typedef u64 ksigset_t;

/* struct sigaction as rt_sigaction takes it on riscv64 (no sa_restorer). */
struct sigaction_u {
	unsigned long handler;   /* SIG_DFL, SIG_IGN or a user address */
	unsigned long flags;     /* SA_* */
	ksigset_t mask;
};
_Static_assert(sizeof(struct sigaction_u) == 24, "struct sigaction");

/* stack_t */
struct sigaltstack_u {
	unsigned long ss_sp;
	int ss_flags;
	int pad;
	unsigned long ss_size;
};
_Static_assert(sizeof(struct sigaltstack_u) == 24, "stack_t");

/* siginfo_t: 128 bytes; the union starts at 16 on 64-bit. */
struct siginfo_k {
	int si_signo;
	int si_errno;
	int si_code;
	int pad0;
	union {
		struct {              /* kill, tkill, sigqueue (SI_USER, SI_TKILL, SI_QUEUE) */
			int pid;
			u32 uid;
			u64 value;    /* union sigval */
		} kill;
		struct {              /* POSIX timers */
			int tid;
			int overrun;
			u64 value;
		} timer;
		struct {              /* SIGCHLD */
			int pid;
			u32 uid;
			int status;
			int pad;
			long utime, stime;
		} chld;
		struct {              /* SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE */
			unsigned long addr;
		} fault;
		char bytes[128 - 16];
	} f;
};
_Static_assert(sizeof(struct siginfo_k) == 128, "siginfo_t");

/* struct user_regs_struct: pc and x1..x31, the prefix of struct pt_regs. */
struct user_regs_u {
	unsigned long pc;
	unsigned long x[31];     /* ra, sp, gp, tp, t0.. in register-number order */
};

/*
 * union __riscv_fp_state: the D state (f[32], fcsr) as Kestrel fills it,
 * sized as the Q state. The three words after fcsr of the Q layout are
 * the extension area (a reserved word, then the end header: magic 0,
 * size 0); without the V extension they are all zero, and rt_sigreturn
 * refuses a frame where they are not (as Linux does for unknown ones).
 */
struct fp_state_u {
	u64 f[32];
	u32 fcsr;
	u32 pad_d[63];            /* up to the Q layout's fcsr at 512 */
	u32 fcsr_q;
	u32 reserved[3];
} __attribute__((aligned(16)));
_Static_assert(sizeof(struct fp_state_u) == 528, "union __riscv_fp_state");
_Static_assert(__builtin_offsetof(struct fp_state_u, reserved) == 516, "__riscv_q_ext_state.reserved");

struct sigcontext_u {
	struct user_regs_u sc_regs;
	struct fp_state_u sc_fpregs;
};

struct ucontext_u {
	unsigned long uc_flags;
	unsigned long uc_link;
	struct sigaltstack_u uc_stack;
	ksigset_t uc_sigmask;
	u8 unused[1024 / 8 - sizeof(ksigset_t)];
	struct sigcontext_u uc_mcontext;
};
_Static_assert(__builtin_offsetof(struct ucontext_u, uc_mcontext) == 176, "uc_mcontext");
_Static_assert(sizeof(struct ucontext_u) == 960, "struct ucontext");

/* What a handler finds at its sp: Linux riscv64's struct rt_sigframe. */
struct rt_sigframe_u {
	struct siginfo_k info;
	struct ucontext_u uc;
};
_Static_assert(sizeof(struct rt_sigframe_u) == 1088, "struct rt_sigframe (AT_MINSIGSTKSZ)");

/* itimers (linux/time.h) */
#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

struct itimerval_u {
	long it_interval_sec, it_interval_usec;
	long it_value_sec, it_value_usec;
};

#endif /* UAPI_SIGNAL_H */

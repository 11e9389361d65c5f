/*
 * usertests: the in-guest test suite's shared interface (user/usertests/).
 *
 * A test is a function declared with UTEST(). The runner (main.c) forks a
 * child per test; the child runs the function and, if it returns, prints
 * `name: OK` itself. A failed check prints
 * `name: FAIL (file.c:line: what)` from the test process and
 * exits; a crash (a signal) or an unexpected exit is reported by the runner.
 * Either way exactly one line per test reaches the console.
 *
 * Declaring a test:
 *
 *     UTEST(mem_sbrk, 0, NULL)                      quick, runs everywhere
 *     UTEST(mem_oom, UT_SLOW, "why not on a host")  slow group, guest only
 *
 * Flags: UT_SLOW, UT_EXEC, UT_NEEDS_PROC (the test reads /proc; until the
 * guest mounts it, the runner prints `name: SKIP (no /proc)`
 * instead of running it, wherever stat("/proc/self") fails).
 *
 * The third argument, when not NULL, marks the test host-inapplicable: under
 * `-H` (qemu-user on a Linux host) the runner prints
 * `name: SKIP (host: <reason>)` instead of running it. Use it only
 * where qemu-user itself differs from Linux or the test would harm a shared
 * host, never to hide a wrong test.
 *
 * Inside a test: CHECK(), CHECK_EQ(), CHECK_SYS(), CHECK_ERR(), FAIL().
 * In a child the test forked, a failing check exits with UT_EXIT_CHILD and
 * leaves its message in the shared page; the test's ut_wait_ok() turns that
 * into the test's FAIL line. Paths of the initramfs go through ut_path()
 * ("-r ROOT" prefix: the host run uses a staging directory).
 */
#ifndef USERTESTS_H
#define USERTESTS_H

#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../lib/ulib.h"

struct utest {
	const char *name;
	void (*fn)(void);
	unsigned int flags;  /* UT_* */
	const char *nohost;  /* non-NULL: skipped under -H, for this reason */
	const char *pending; /* UT_PENDING: what Kestrel lacks */
};

#define UT_SLOW 0x1    /* slow group: not run with -q */
#define UT_EXEC 0x2    /* execs other riscv64 programs (host: needs binfmt_misc) */
#define UT_PENDING 0x4 /* Kestrel lacks a feature: guest skips it unless -P */
#define UT_NEEDS_PROC 0x8 /* reads /proc: skipped ("SKIP name: no /proc") while stat("/proc/self") fails */

#define UTEST_DECL_(fn_, flags_, nohost_, pending_)                        \
	static void fn_(void);                                             \
	static const struct utest ut_desc_##fn_                            \
		__attribute__((used, section("utests"), aligned(8))) = {   \
			.name = #fn_, .fn = fn_, .flags = (flags_),        \
			.nohost = (nohost_), .pending = (pending_) };      \
	static void fn_(void)

#define UTEST(fn_, flags_, nohost_) UTEST_DECL_(fn_, flags_, nohost_, NULL)

/*
 * A test Kestrel cannot pass yet: proven on the host (-H runs it as usual),
 * skipped in the guest with `name: SKIP (pending: reason)` unless
 * -P. The reason names what Kestrel lacks ("no fallocate"); whoever adds the
 * feature turns the UTEST_PENDING back into a UTEST.
 */
#define UTEST_PENDING(fn_, flags_, nohost_, reason_) \
	UTEST_DECL_(fn_, (flags_) | UT_PENDING, nohost_, reason_)

/* Exit codes between a test process and the runner. */
#define UT_EXIT_PASS 80  /* PASS line printed */
#define UT_EXIT_FAIL 81  /* FAIL line printed */
#define UT_EXIT_SKIP 82  /* SKIP line printed (host only) */
#define UT_EXIT_CHILD 99 /* a test's child failed a check (message in the shared page) */

struct ut_state {
	const char *root;  /* prefix for the initramfs' paths, "" for "/" */
	const char *scratch; /* -s: where file tests create things (default root/tmp) */
	int host;          /* -H: running under qemu-user on a Linux host */
	int host_exec;     /* exec of riscv64 programs works */
	int ncpus;         /* sysconf(_SC_NPROCESSORS_ONLN) */
	const char *name;  /* the running test */
	pid_t pid;         /* the test process (not its children) */
	char *shared;      /* MAP_SHARED page for a child's failure message, or NULL */
};
extern struct ut_state ut;

#define UT_SHARED_SIZE 4096

/* Reporting (from the test process or a child of it). */
void ut_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
void ut_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ut_host_skip(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void ut_pass(void) __attribute__((noreturn));

#define FAIL(...) ut_fail(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(cond)                                  \
	do {                                         \
		if (!(cond))                         \
			FAIL("check failed: %s", #cond); \
	} while (0)

#define CHECK_EQ(a, b)                                                        \
	do {                                                                  \
		long long ut_a_ = (long long)(a), ut_b_ = (long long)(b);     \
		if (ut_a_ != ut_b_)                                           \
			FAIL("%s == %s: %lld != %lld", #a, #b, ut_a_, ut_b_); \
	} while (0)

/* A call that must succeed (not return -1); evaluates to its result. */
#define CHECK_SYS(expr)                                                 \
	({                                                              \
		long ut_r_ = (long)(expr);                              \
		if (ut_r_ == -1)                                        \
			FAIL("%s: %s", #expr, ulib_errname(errno));     \
		ut_r_;                                                  \
	})

/* A call that must fail with -1 and errno == err. */
#define CHECK_ERR(expr, err)                                                   \
	do {                                                                   \
		errno = 0;                                                     \
		long ut_r_ = (long)(expr);                                     \
		int ut_e_ = errno;                                             \
		if (ut_r_ != -1 || ut_e_ != (err))                             \
			FAIL("%s: expected -1 %s, got %ld (errno %s)", #expr,  \
			     ulib_errname(err), ut_r_, ulib_errname(ut_e_));   \
	} while (0)

/* Processes. */
pid_t ut_fork(void);                     /* fork or FAIL */
int ut_wait(pid_t pid);                  /* waitpid or FAIL; the status */
void ut_wait_ok(pid_t pid);              /* FAIL unless it exited 0 */
void ut_describe_status(int status, char *buf, size_t size);
/* Run fn(arg) in a child, _exit(0) if it returns; the child's wait status. */
int ut_run_child(void (*fn)(void *), void *arg);
/* The same, but FAIL (with the child's message) unless it exited 0. */
void ut_run_ok(void (*fn)(void *), void *arg);
/* FAIL unless status says "killed by signal sig". */
void ut_check_signaled(int status, int sig, const char *what);
/* fork+execve(path, argv, envp); stdout to out_path if not NULL; the status
 * (127 if execve failed in the child). */
int ut_spawn(const char *path, char *const argv[], char *const envp[], const char *out_path);

/* A pointer the compiler cannot see through (for deliberately bad ones). */
static inline void *ut_ptr(uintptr_t addr)
{
	__asm__("" : "+r"(addr));
	return (void *)addr;
}

/* Files and memory. */
const char *ut_path(const char *path);   /* root + path, in one of 8 rotating buffers */
char *ut_read_file(const char *path, size_t *len); /* malloc'd, NUL-terminated, or FAIL */
void *ut_map_shared(size_t size);        /* MAP_SHARED|MAP_ANONYMOUS or FAIL */
int ut_pin_to_one_cpu(void);             /* sched_setaffinity to the first allowed CPU; returns it */
void ut_spin_ns(uint64_t ns);            /* busy-wait on CLOCK_MONOTONIC */

/*
 * The test's scratch directory, ut.scratch/<test name>: made empty (mode
 * 0755), made the current directory, and its absolute path returned. The
 * runner removes it, whatever is inside, once the test process has ended.
 */
const char *ut_scratch_dir(void);
/* Remove path and everything below it (no error if it does not exist);
 * 0 or -1 with errno. */
int ut_remove_tree(const char *path);
/* Run fn(arg) in a child as uid/gid 1000 (setgroups(0), setresgid,
 * setresuid), FAIL unless it exited 0. The test must be root. */
void ut_run_as_user(void (*fn)(void *), void *arg);
#define UT_USER_ID 1000
/* Create (or truncate) path with mode and write len bytes of buf; FAIL on error. */
void ut_write_file(const char *path, const void *buf, size_t len, mode_t mode);
/* st_size of path (lstat), or FAIL. */
long long ut_file_size(const char *path);
/* How many descriptors the process has open (from /proc/self/fd), or FAIL. */
int ut_nr_open_fds(void);
/* read(2) until all n bytes have come, or FAIL (also at end of file). */
void ut_read_all(int fd, void *buf, size_t n);
/* write(2) until all n bytes are written, or FAIL. */
void ut_write_all(int fd, const void *buf, size_t n);
/*
 * Close a TCP socket with SO_LINGER 0 (RST; a socket in TIME_WAIT just
 * goes), or FAIL. Tests end connections with it once the other side has
 * closed, so no TIME_WAIT outlives the test (the leak check counts them).
 */
void ut_close_rst(int fd);
/* An IPv4 socket address (host-order address and port), as struct sockaddr_in. */
struct sockaddr_in;
void ut_sockaddr_in(struct sockaddr_in *a, uint32_t host_addr, uint16_t port);

#endif

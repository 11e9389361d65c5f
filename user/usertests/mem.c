/*
 * usertests: memory -- copy-on-write fork, brk, the mmap family and its
 * VMA splitting, shared anonymous memory, faults that must kill with
 * SIGSEGV, bad pointers that must give EFAULT, stack growth, OOM, and
 * munmap in a multi-threaded process.
 *
 * Every expected value is what Linux does; each test also passes under
 * qemu-riscv64 on the host except those marked host-inapplicable.
 */
#include "usertests.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PG 4096UL
#define KERNEL_ADDR 0xffffffc000000000UL /* the bottom of Kestrel's kernel half */

static char *map(void *hint, size_t len, int prot, int flags)
{
	void *p = mmap(hint, len, prot, flags, -1, 0);

	if (p == MAP_FAILED)
		FAIL("mmap(%p, %zu, %d, 0x%x): %s", hint, len, prot, flags, ulib_errname(errno));
	return p;
}

static char *map_anon(size_t len)
{
	return map(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
}

static uint64_t pattern(unsigned seed, size_t i)
{
	return ((uint64_t)seed << 40) ^ (i * 0x9e3779b97f4a7c15ULL);
}

static void fill(void *p, size_t len, unsigned seed)
{
	uint64_t *w = p;

	for (size_t i = 0; i < len / 8; i++)
		w[i] = pattern(seed, i);
}

/* FAIL unless [p, p+len) holds fill(seed)'s pattern. */
static void expect_fill(const void *p, size_t len, unsigned seed, const char *what)
{
	const uint64_t *w = p;

	for (size_t i = 0; i < len / 8; i++)
		if (w[i] != pattern(seed, i))
			FAIL("%s: byte %zu holds %#llx, expected pattern %u (%#llx)", what, i * 8,
			     (unsigned long long)w[i], seed, (unsigned long long)pattern(seed, i));
}

static void expect_zero(const void *p, size_t len, const char *what)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i])
			FAIL("%s: byte %zu is %#x, expected 0", what, i, b[i]);
}

static void touch_read(void *addr)
{
	(void)*(volatile char *)addr;
}

static void touch_write(void *addr)
{
	*(volatile char *)addr = 1;
}

static void expect_segv(void (*fn)(void *), void *addr, const char *what)
{
	ut_check_signaled(ut_run_child(fn, addr), SIGSEGV, what);
}

/* Spin (yielding) until *p == v; FAIL after 10 s. */
static void wait_value(volatile int *p, int v)
{
	uint64_t end = ulib_now_ns() + 10 * ULIB_NSEC_PER_SEC;

	while (__atomic_load_n(p, __ATOMIC_ACQUIRE) != v) {
		if (ulib_now_ns() > end)
			FAIL("timed out waiting for a shared word to become %d (it is %d)", v, *p);
		ulib_sleep_ns(1000000);
	}
}

/* ------------------------------------------------------------ copy-on-write */

#define COW_PAGES 16
#define COW_BIG (4UL << 20)

static int cow_global = 1;

static void cow_check_pages(const char *pages, unsigned even, unsigned odd, const char *who)
{
	for (int i = 0; i < COW_PAGES; i++)
		expect_fill(pages + i * PG, PG, i % 2 ? odd : even, who);
}

UTEST(mem_cow_fork, 0, NULL)
{
	char *pages = map_anon(COW_PAGES * PG);
	char *big = malloc(COW_BIG);
	volatile int on_stack = 1;
	pid_t pid;

	CHECK(big != NULL);
	for (int i = 0; i < COW_PAGES; i++)
		fill(pages + i * PG, PG, 1);
	fill(big, COW_BIG / 2, 2);
	fill(big + COW_BIG / 2, COW_BIG / 2, 2);

	/* Round 1: both write at once, each to its own half. */
	pid = ut_fork();
	if (pid == 0) {
		for (int i = 0; i < COW_PAGES; i += 2)
			fill(pages + i * PG, PG, 3);
		fill(big, COW_BIG / 2, 4);
		cow_global = 2;
		on_stack = 2;
		cow_check_pages(pages, 3, 1, "child after writing even pages");
		expect_fill(big, COW_BIG / 2, 4, "child's big buffer, first half");
		expect_fill(big + COW_BIG / 2, COW_BIG / 2, 2, "child's big buffer, second half");
		_exit(0);
	}
	for (int i = 1; i < COW_PAGES; i += 2)
		fill(pages + i * PG, PG, 7);
	ut_wait_ok(pid);
	cow_check_pages(pages, 1, 7, "parent after the child wrote");
	expect_fill(big, COW_BIG / 2, 2, "parent's big buffer, first half");
	expect_fill(big + COW_BIG / 2, COW_BIG / 2, 2, "parent's big buffer, second half");
	CHECK_EQ(cow_global, 1);
	CHECK_EQ(on_stack, 1);

	/* Round 2: a child sees the parent's memory as it was at fork. */
	pid = ut_fork();
	if (pid == 0) {
		cow_check_pages(pages, 1, 7, "second child at start");
		for (int i = 0; i < COW_PAGES; i++)
			fill(pages + i * PG, PG, 9);
		memset(big, 0x5a, COW_BIG);
		_exit(0);
	}
	ut_wait_ok(pid);
	cow_check_pages(pages, 1, 7, "parent after the second child");
	expect_fill(big + COW_BIG / 2, COW_BIG / 2, 2, "parent's big buffer after the second child");
}

/* ------------------------------------------------------------ brk */

UTEST(mem_sbrk, 0, NULL)
{
	char *cur = sbrk(0);
	char *base, *p;

	/* Start at a page boundary: the partial page below a break that moved
	 * down keeps its bytes on Linux, only whole pages go. */
	CHECK(cur != (void *)-1);
	CHECK(sbrk((intptr_t)(-(uintptr_t)cur & (PG - 1))) == cur);
	base = sbrk(0);
	CHECK(((uintptr_t)base & (PG - 1)) == 0);

	p = sbrk(64 * 1024);
	CHECK(p == base);
	fill(p, 64 * 1024, 1);
	p = sbrk(1 << 20);
	CHECK(p == base + 64 * 1024);
	fill(p, 1 << 20, 2);
	expect_fill(base, 64 * 1024, 1, "first sbrk area after a second sbrk");
	CHECK(sbrk(0) == base + 64 * 1024 + (1 << 20));

	/* Shrink to 32 KiB: the first 32 KiB keep their data. */
	CHECK(sbrk(-(intptr_t)(32 * 1024 + (1 << 20))) == base + 64 * 1024 + (1 << 20));
	CHECK(sbrk(0) == base + 32 * 1024);
	expect_fill(base, 32 * 1024, 1, "data below the lowered break");

	/* Grow again: the pages given back come back zeroed. */
	CHECK(sbrk(32 * 1024 + (1 << 20)) == base + 32 * 1024);
	expect_zero(base + 32 * 1024, 32 * 1024 + (1 << 20), "memory above a re-raised break");
	expect_fill(base, 32 * 1024, 1, "data below the re-raised break");
	CHECK(sbrk(-(intptr_t)(64 * 1024 + (1 << 20))) != (void *)-1);
	CHECK(sbrk(0) == base);
}

/* ------------------------------------------------------------ mmap family */

UTEST(mem_munmap_split, 0, NULL)
{
	char *p = map_anon(4 * PG);

	for (int i = 0; i < 4; i++)
		fill(p + i * PG, PG, 10 + i);
	CHECK_SYS(munmap(p + PG, PG));
	expect_fill(p, PG, 10, "page 0 after munmap of page 1");
	expect_fill(p + 2 * PG, PG, 12, "page 2 after munmap of page 1");
	expect_fill(p + 3 * PG, PG, 13, "page 3 after munmap of page 1");
	expect_segv(touch_read, p + PG, "read of the unmapped middle page");
	CHECK_ERR(mprotect(p + PG, PG, PROT_READ), ENOMEM);
	CHECK_SYS(munmap(p + PG, PG)); /* unmapping a hole is not an error */

	CHECK_ERR(munmap(p + 1, PG), EINVAL);
	CHECK_ERR(munmap(p, 0), EINVAL);
	CHECK_ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR(mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL); /* neither private nor shared */

	/* Fill the hole again: a fresh zero page between the old ones. */
	CHECK(map(p + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) ==
	      p + PG);
	expect_zero(p + PG, PG, "page mapped into the hole");
	expect_fill(p + 2 * PG, PG, 12, "page 2 after refilling the hole");
	CHECK_SYS(munmap(p, 4 * PG));
	expect_segv(touch_read, p + 3 * PG, "read after munmap of the whole range");
}

UTEST(mem_mprotect_split, 0, NULL)
{
	char *p = map_anon(3 * PG);

	for (int i = 0; i < 3; i++)
		fill(p + i * PG, PG, 20 + i);
	CHECK_SYS(mprotect(p + PG, PG, PROT_READ));
	p[0] = 1;
	p[2 * PG] = 1;
	expect_fill(p + PG, PG, 21, "read-only middle page");
	expect_segv(touch_write, p + PG, "write to the read-only middle page");
	expect_segv(touch_write, p + 2 * PG - 1, "write to the last byte of the read-only page");

	CHECK_SYS(mprotect(p + PG, PG, PROT_NONE));
	expect_segv(touch_read, p + PG, "read of the PROT_NONE middle page");
	p[PG - 1] = 2; /* the neighbours are untouched by the split */
	p[2 * PG] = 2;

	CHECK_SYS(mprotect(p + PG, PG, PROT_READ | PROT_WRITE));
	expect_fill(p + PG, PG, 21, "middle page made writable again");
	p[PG] = 3;
	CHECK_EQ(p[PG], 3);
	CHECK_ERR(mprotect(p + 1, PG, PROT_READ), EINVAL);
	CHECK_SYS(munmap(p, 3 * PG));
}

UTEST(mem_map_fixed, 0, NULL)
{
	char *p = map_anon(4 * PG);

	for (int i = 0; i < 4; i++)
		fill(p + i * PG, PG, 30 + i);
	CHECK(map(p + PG, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) ==
	      p + PG);
	expect_fill(p, PG, 30, "page below a MAP_FIXED replacement");
	expect_zero(p + PG, 2 * PG, "MAP_FIXED replacement");
	expect_fill(p + 3 * PG, PG, 33, "page above a MAP_FIXED replacement");
	CHECK_ERR(mmap(p + 1, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  EINVAL);
	CHECK_SYS(munmap(p, 4 * PG));
}

UTEST(mem_map_fixed_noreplace, 0, "qemu-user 7.2 treats MAP_FIXED_NOREPLACE as a mere hint")
{
	char *p = map_anon(3 * PG);
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE;

	fill(p + PG, PG, 40);
	CHECK_ERR(mmap(p + PG, PG, PROT_READ, flags, -1, 0), EEXIST);
	expect_fill(p + PG, PG, 40, "page after a refused MAP_FIXED_NOREPLACE");
	CHECK_SYS(munmap(p + PG, PG));
	CHECK(map(p + PG, PG, PROT_READ | PROT_WRITE, flags) == p + PG);
	CHECK_SYS(munmap(p + 2 * PG, PG));
	/* Partly overlapping an existing mapping: refused too. */
	CHECK_ERR(mmap(p + PG, 2 * PG, PROT_READ, flags, -1, 0), EEXIST);
	CHECK_SYS(munmap(p, 2 * PG));
}

UTEST(mem_map_populate, 0, NULL)
{
	enum { N = 64 };
	char *p = map(NULL, N * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE);
	unsigned char vec[N];

	CHECK_SYS(mincore(p, N * PG, vec));
	if (ut.host) /* mincore itself works there (it sees touched pages) */
		ut_note("residency not checked: qemu-user 7.2 drops MAP_POPULATE");
	for (int i = 0; i < N && !ut.host; i++)
		if (!(vec[i] & 1))
			FAIL("page %d of a MAP_POPULATE mapping is not resident", i);
	expect_zero(p, N * PG, "MAP_POPULATE mapping");
	fill(p, N * PG, 41);
	expect_fill(p, N * PG, 41, "MAP_POPULATE mapping after writing");
	CHECK_SYS(munmap(p, N * PG));
}

UTEST(mem_shared_anon_fork, 0, NULL)
{
	volatile int *s = ut_map_shared(PG);
	char *priv = map_anon(PG);
	pid_t pid;

	priv[0] = 1;
	pid = ut_fork();
	if (pid == 0) {
		__atomic_store_n(&s[1], 42, __ATOMIC_RELEASE);
		priv[0] = 2; /* private: the parent must not see it */
		wait_value(&s[0], 1);
		s[2] = 43;
		_exit(0);
	}
	wait_value(&s[1], 42);
	__atomic_store_n(&s[0], 1, __ATOMIC_RELEASE);
	ut_wait_ok(pid);
	CHECK_EQ(s[2], 43);
	CHECK_EQ(priv[0], 1);

	/* The mapping stays shared with a second generation too. */
	pid = ut_fork();
	if (pid == 0) {
		pid_t g = fork();

		if (g == 0) {
			s[3] = 44;
			_exit(0);
		}
		_exit(g > 0 && waitpid(g, NULL, 0) == g ? 0 : 1);
	}
	ut_wait_ok(pid);
	CHECK_EQ(s[3], 44);
	CHECK_SYS(munmap((void *)s, PG));
}

UTEST(mem_madvise_dontneed, 0, NULL)
{
	char *p = map_anon(8 * PG);
	pid_t pid;

	fill(p, 8 * PG, 50);
	CHECK_SYS(madvise(p + 2 * PG, 3 * PG, MADV_DONTNEED));
	expect_fill(p, 2 * PG, 50, "pages below the MADV_DONTNEED range");
	expect_zero(p + 2 * PG, 3 * PG, "private anonymous pages after MADV_DONTNEED");
	for (int i = 5; i < 8; i++)
		CHECK(((uint64_t *)(p + i * PG))[0] == pattern(50, i * PG / 8));
	CHECK_ERR(madvise(p + 1, PG, MADV_DONTNEED), EINVAL);

	/* In a child the dropped pages were copy-on-write: the parent's stay. */
	pid = ut_fork();
	if (pid == 0) {
		CHECK(madvise(p, 2 * PG, MADV_DONTNEED) == 0);
		expect_zero(p, 2 * PG, "child's copy-on-write pages after MADV_DONTNEED");
		_exit(0);
	}
	ut_wait_ok(pid);
	expect_fill(p, 2 * PG, 50, "parent's pages after the child's MADV_DONTNEED");
	CHECK_SYS(munmap(p, 8 * PG));
}

/* ------------------------------------------------------------ faults */

UTEST(mem_prot_none_segv, 0, NULL)
{
	char *p = map(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS);

	expect_segv(touch_read, p, "read of a PROT_NONE page");
	expect_segv(touch_write, p + 100, "write to a PROT_NONE page");
}

static int text_target(int x)
{
	return x + 1;
}

UTEST(mem_text_write_segv, 0, NULL)
{
	expect_segv(touch_write, (void *)text_target, "write to the program's text");
	expect_segv(touch_write, (void *)"a string literal", "write to read-only data");
	CHECK_EQ(text_target(1), 2);
}

static void call_code(void *code)
{
	((void (*)(void))code)();
}

UTEST(mem_exec_permission, 0, NULL)
{
	static const uint32_t ret_insn = 0x00008067; /* jalr x0, 0(ra) */
	char *p = map_anon(PG);

	memcpy(p, &ret_insn, sizeof(ret_insn));
	expect_segv(call_code, p, "executing a page mapped without PROT_EXEC");
	CHECK_SYS(mprotect(p, PG, PROT_READ | PROT_EXEC));
	__builtin___clear_cache(p, p + sizeof(ret_insn));
	CHECK_EQ(ut_run_child(call_code, p), 0); /* exited 0: the call returned */
	call_code(p);
	CHECK_SYS(munmap(p, PG));
}

UTEST(mem_null_segv, 0, NULL)
{
	expect_segv(touch_read, NULL, "read of address 0");
	expect_segv(touch_write, NULL, "write to address 0");
	expect_segv(touch_read, (void *)4095, "read of address 4095");
}

UTEST(mem_kernel_addr_segv, 0, NULL)
{
	expect_segv(touch_read, (void *)KERNEL_ADDR, "read of a kernel address");
	expect_segv(touch_write, (void *)KERNEL_ADDR, "write to a kernel address");
	expect_segv(touch_read, (void *)0xffffffffffff0000UL, "read of the top of the address space");
}

/* ------------------------------------------------------------ EFAULT */

static void efault_wait4(void)
{
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(3);
	/* Linux reaps the child, then fails to store the status. */
	CHECK_ERR(syscall(SYS_wait4, pid, (void *)1, 0, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_wait4, pid, NULL, 0, NULL), ECHILD);
}

static void efault_protections(void)
{
	char *ro = map(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	char *none = map(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS);
	int fd = (int)CHECK_SYS(open(ut_path("/bin/hello"), O_RDONLY));

	CHECK_ERR(read(fd, ro, 16), EFAULT);       /* into a read-only page */
	CHECK_ERR(write(1, none, 16), EFAULT);     /* from a PROT_NONE page */
	CHECK_ERR(read(fd, ut_ptr(KERNEL_ADDR), 10), EFAULT);
	CHECK_ERR(read(fd, ut_ptr(0), 10), EFAULT);
	close(fd);
	munmap(ro, PG);
	munmap(none, PG);
}

UTEST(mem_efault, 0, NULL)
{
	char *argv[] = { "x", NULL }, *envp[] = { NULL };

	CHECK_ERR(write(1, ut_ptr(1), 10), EFAULT);
	CHECK_ERR(write(1, ut_ptr(KERNEL_ADDR), 10), EFAULT);
	efault_protections();
	CHECK_ERR(open(ut_ptr(1), O_RDONLY), EFAULT);
	CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8), EFAULT);
	if (!ut.host) /* qemu-user 7.2 ignores clock_getres' failed copy-out */
		CHECK_ERR(syscall(SYS_clock_getres, CLOCK_MONOTONIC, (void *)KERNEL_ADDR), EFAULT);
	CHECK_ERR(syscall(SYS_gettimeofday, (void *)8, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, (void *)1, NULL), EFAULT);
	if (!ut.host) /* qemu-user 7.2 ignores nanosleep's failed copy-in */
		CHECK_ERR(syscall(SYS_nanosleep, (void *)1, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_execve, (char *)1, argv, envp), EFAULT);
	CHECK_ERR(syscall(SYS_execve, ut_path("/bin/true"), (char **)1, envp), EFAULT);
	CHECK_ERR(syscall(SYS_uname, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_sysinfo, (void *)KERNEL_ADDR), EFAULT);
	CHECK_ERR(syscall(SYS_getrandom, (void *)1, 16, 0), EFAULT);
	CHECK_ERR(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 128, (void *)1), EFAULT);
	efault_wait4();
}

/* ------------------------------------------------------------ stack growth */

#define FRAME_BYTES 4000

static __attribute__((noinline)) unsigned long recurse(int depth)
{
	volatile unsigned char frame[FRAME_BYTES];
	unsigned long sum = 0;

	for (int i = 0; i < FRAME_BYTES; i += 64)
		frame[i] = (unsigned char)(depth + i);
	if (depth > 0)
		sum = recurse(depth - 1);
	for (int i = 0; i < FRAME_BYTES; i += 64)
		if (frame[i] != (unsigned char)(depth + i))
			return ~0UL;
	return sum + (unsigned long)depth;
}

UTEST(mem_stack_grow, 0, NULL)
{
	int depth = (1 << 20) / FRAME_BYTES + 8; /* a bit over 1 MiB of frames */
	unsigned long want = (unsigned long)depth * (depth + 1) / 2;

	CHECK_EQ(recurse(depth), want);
}

/* ------------------------------------------------------------ out of memory */

static void oom_child(unsigned long limit)
{
	unsigned long total = 0;

	for (;;) {
		char *p = malloc(1 << 20);

		if (!p)
			_exit(0);
		for (size_t i = 0; i < (1 << 20); i += PG)
			p[i] = 1;
		total += 1 << 20;
		if (total > limit)
			_exit(2);
	}
}

UTEST(mem_oom, UT_SLOW, "would exhaust the shared host's memory (qemu-user ignores RLIMIT_AS)")
{
	struct sysinfo si;
	unsigned long limit;
	int status;
	pid_t pid;

	CHECK_SYS(sysinfo(&si));
	limit = 2 * (si.totalram + si.totalswap) * si.mem_unit;
	pid = ut_fork();
	if (pid == 0)
		oom_child(limit);
	status = ut_wait(pid);
	if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0) &&
	    !(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
		char how[96];

		ut_describe_status(status, how, sizeof(how));
		FAIL("the allocating child %s (expected SIGKILL or a failed malloc)", how);
	}
	ut_note("the child %s", WIFSIGNALED(status) ? "was killed (SIGKILL)" : "saw malloc fail");
	/* The system is still up. */
	pid = ut_fork();
	if (pid == 0)
		_exit(7);
	status = ut_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}

/* ------------------------------------------------------------ threads and munmap */

#define MT_WORKERS 3
#define MT_PAGES 32

struct mt_worker {
	pthread_t thread;
	atomic_int *stop;
	char *region;
	unsigned id;
	long rounds;
};

static void *mt_worker_main(void *arg)
{
	struct mt_worker *w = arg;

	while (!atomic_load(w->stop) || w->rounds < 10) {
		unsigned seed = w->id * 1000 + (unsigned)(w->rounds % 1000);

		fill(w->region, MT_PAGES * PG, seed);
		expect_fill(w->region, MT_PAGES * PG, seed, "a worker's own region");
		w->rounds++;
	}
	return NULL;
}

UTEST(mem_thread_munmap, 0, NULL)
{
	struct mt_worker w[MT_WORKERS];
	atomic_int stop = 0;

	for (int i = 0; i < MT_WORKERS; i++) {
		w[i] = (struct mt_worker){ .stop = &stop, .id = (unsigned)i + 1 };
		w[i].region = map_anon(MT_PAGES * PG);
		CHECK_EQ(pthread_create(&w[i].thread, NULL, mt_worker_main, &w[i]), 0);
	}
	/* 50 rounds: each munmap is a remote TLB shootdown, slow on an overloaded host. */
	for (int round = 0; round < 50; round++) {
		char *p = map_anon(16 * PG);

		for (int i = 0; i < 16; i++)
			p[i * PG] = (char)round;
		CHECK_SYS(munmap(p + 4 * PG, 4 * PG)); /* split, then drop the rest */
		CHECK_SYS(munmap(p, 16 * PG));
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < MT_WORKERS; i++) {
		CHECK_EQ(pthread_join(w[i].thread, NULL), 0);
		CHECK(w[i].rounds >= 10);
		CHECK_SYS(munmap(w[i].region, MT_PAGES * PG));
	}
}

/*
 * The program the exec self-tests run (kernel/proc/ktest_exec.c): it
 * checks, from user mode, the initial stack and auxiliary vector it was
 * started with, its loaded image (data, bss, protections), and the memory
 * and random system calls, then exits 0 -- or with the number of the
 * first check that failed (and a line on stderr saying which).
 *
 * Built without libc (start.S) as a static ET_EXEC, as a static PIE
 * (ET_DYN: no relocations, so everything is PC-relative and the linker
 * symbols are hidden) and, with -DBIG, with 768 KiB of initialized data
 * for the exec timing. It is ordinary Linux code: run it under
 * qemu-riscv64 with mode "linux" and the same argv/envp to see that the
 * checks hold on Linux too.
 *
 * argv[1] chooses the expectations:
 *   kestrel | linux  argv = { any, mode, "alpha", "", "gamma delta" },
 *                    envp = { "K1=v1", "EMPTY=", "EXECFN=<AT_EXECFN>" };
 *                    kestrel adds Kestrel's exact layout (no randomization)
 *   script-arg       run through "#!<interp> script-arg" (perhaps by way
 *                    of more scripts) as
 *                    execve(<script>, { any, "x" }, { "EXECFN=<script>" })
 *   (argc 1, argv[0] "")  execve with an empty argv: Linux gives { "" }
 *   reexec           first try execve from user mode with bad arguments
 *                    (each must fail and return), then execve /bin/check
 *                    in mode kestrel (the system-call path of exec)
 */
#include <stddef.h>
#include <stdint.h>

#include <asm/unistd.h>    /* __NR_*: the numbers this program calls */
#include <linux/auxvec.h>  /* AT_*: Linux's auxv tags, as the kernel must use them */

#define AT_MAX 64

#define SYS_write __NR_write
#define SYS_execve __NR_execve
#define SYS_munmap __NR_munmap
#define SYS_brk __NR_brk
#define SYS_mmap __NR_mmap
#define SYS_mprotect __NR_mprotect
#define SYS_madvise __NR_madvise
#define SYS_getrandom __NR_getrandom

extern const char __ehdr_start[] __attribute__((visibility("hidden")));
extern const char _end[] __attribute__((visibility("hidden")));
extern void _start(void) __attribute__((visibility("hidden")));

static long sys6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r0 __asm__("a0") = a0, r1 __asm__("a1") = a1, r2 __asm__("a2") = a2;
	register long r3 __asm__("a3") = a3, r4 __asm__("a4") = a4, r5 __asm__("a5") = a5;
	register long r7 __asm__("a7") = nr;

	__asm__ __volatile__("ecall" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			     : "memory");
	return r0;
}
#define sys3(nr, a, b, c) sys6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* gcc may call these for struct initialization (built with -fno-tree-loop-distribute-patterns). */
void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int seq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static int sprefix(const char *s, const char *prefix)
{
	while (*prefix && *s == *prefix)
		s++, prefix++;
	return !*prefix;
}

static void say(const char *s)
{
	sys3(SYS_write, 2, s, slen(s));
}

/* Initialized data and bss, checked after load. */
static volatile uint64_t data_word = 0x1122334455667788ULL;
static volatile uint8_t bss_block[3 * 4096 + 123];
#ifdef BIG
/* 768 KiB of initialized data: the file is ~800 KiB (exec timing). */
volatile uint8_t big_data[768 * 1024] = { [0] = 1, [768 * 1024 - 1] = 2 };
#endif

static int failed_at;

#define CHECK(n, cond) do { if (!(cond) && !failed_at) { failed_at = (n); say(#cond "\n"); } } while (0)

struct start {
	uint64_t *sp;
	long argc;
	char **argv, **envp;
	int envc;
	uint64_t aux[AT_MAX];
	int seen[AT_MAX];
};

static void parse_stack(struct start *s, uint64_t *sp)
{
	uint64_t *p = sp;

	s->sp = sp;
	s->argc = (long)*p++;
	s->argv = (char **)p;
	p += s->argc + 1;
	s->envp = (char **)p;
	while (*p)
		p++, s->envc++;
	for (p++; p[0] != AT_NULL; p += 2)
		if (p[0] < AT_MAX) {
			s->aux[p[0]] = p[1];
			s->seen[p[0]] = 1;
		}
}

static const char *env_get(struct start *s, const char *prefix)
{
	for (int i = 0; i < s->envc; i++)
		if (sprefix(s->envp[i], prefix))
			return s->envp[i] + slen(prefix);
	return NULL;
}

/* The vectors hold what the mode says. */
static void check_args(struct start *s, const char *mode)
{
	if (seq(mode, "kestrel") || seq(mode, "linux")) {
		/* no table of string pointers: the static PIE has no relocations */
		CHECK(10, s->argc == 5);
		CHECK(11, s->argc == 5 && seq(s->argv[2], "alpha") && seq(s->argv[3], "") &&
			  seq(s->argv[4], "gamma delta"));
		CHECK(12, s->envc == 3 && env_get(s, "K1=") && seq(env_get(s, "K1="), "v1") &&
			  env_get(s, "EMPTY=") && seq(env_get(s, "EMPTY="), ""));
		/* exact order on Kestrel (qemu-riscv64 reverses the host's environment) */
		if (seq(mode, "kestrel"))
			CHECK(17, s->envc == 3 && seq(s->envp[0], "K1=v1") && seq(s->envp[1], "EMPTY="));
	} else if (seq(mode, "script-arg")) {
		/* { interp, "script-arg", [outer scripts...], script, "x" } */
		CHECK(13, s->argc >= 4 && seq(s->argv[s->argc - 1], "x"));
		CHECK(14, s->argc >= 4 && seq(s->argv[s->argc - 2], env_get(s, "EXECFN=") ?: "?"));
	} else if (!seq(mode, "noargs")) {
		CHECK(15, 0);   /* unknown mode */
	}
	CHECK(16, s->argv[s->argc] == NULL);
}

/* Layout: strings contiguous and ascending, argv then envp then execfn. */
static void check_layout(struct start *s, int exact)
{
	const char *next = s->argv[0];

	CHECK(20, ((uintptr_t)s->sp & 15) == 0);
	for (long i = 0; i < s->argc; i++, next += slen(next) + 1)
		CHECK(21, s->argv[i] == next);
	for (int i = 0; i < s->envc; i++, next += slen(next) + 1)
		CHECK(22, s->envp[i] == next);
	CHECK(23, (const char *)s->aux[AT_EXECFN] == next);
	if (exact) {   /* the 8 zero bytes, then the page-aligned top */
		next += slen(next) + 1;
		CHECK(24, *(const uint64_t *)next == 0 && ((uintptr_t)next + 8) % 4096 == 0);
		CHECK(25, s->aux[AT_RANDOM] + 16 <= (uintptr_t)s->argv[0]);
		CHECK(26, (uintptr_t)s->argv[0] - (s->aux[AT_RANDOM] + 16) < 16);
	}
}

static void check_auxv(struct start *s)
{
	const uint8_t *rnd = (const uint8_t *)s->aux[AT_RANDOM];
	const uint64_t *eh = (const uint64_t *)__ehdr_start;
	const char *execfn = env_get(s, "EXECFN=");
	unsigned int nonzero = 0;
	unsigned long isa = (1UL << ('i' - 'a')) | (1UL << ('m' - 'a')) | (1UL << ('a' - 'a')) |
			    (1UL << ('c' - 'a'));

	CHECK(30, s->aux[AT_PAGESZ] == 4096);
	CHECK(31, s->seen[AT_RANDOM] && rnd);
	for (int i = 0; rnd && i < 16; i++)
		nonzero += rnd[i] != 0;
	CHECK(32, nonzero >= 8);
	CHECK(33, s->aux[AT_PHDR] == (uintptr_t)__ehdr_start + eh[4]);   /* e_phoff */
	CHECK(34, s->aux[AT_PHENT] == 56);
	CHECK(35, s->aux[AT_PHNUM] == *(const uint16_t *)(__ehdr_start + 56));
	CHECK(36, s->aux[AT_ENTRY] == (uintptr_t)_start);
	CHECK(37, s->seen[AT_BASE] && s->aux[AT_BASE] == 0);
	CHECK(38, s->seen[AT_UID] && s->seen[AT_EUID] && s->seen[AT_GID] && s->seen[AT_EGID]);
	CHECK(39, s->seen[AT_SECURE] && s->aux[AT_SECURE] == 0);
	CHECK(40, (s->aux[AT_HWCAP] & isa) == isa);
	CHECK(41, s->aux[AT_CLKTCK] == 100);
	CHECK(42, s->seen[AT_FLAGS] && s->aux[AT_FLAGS] == 0);
	CHECK(43, execfn && s->aux[AT_EXECFN] && seq((const char *)s->aux[AT_EXECFN], execfn));
}

/* The image: data as in the file, bss zero and writable. */
static void check_image(void)
{
	CHECK(50, data_word == 0x1122334455667788ULL);
	for (size_t i = 0; i < sizeof(bss_block); i++)
		CHECK(51, bss_block[i] == 0);
	bss_block[sizeof(bss_block) - 1] = 7;
	CHECK(52, bss_block[sizeof(bss_block) - 1] == 7);
#ifdef BIG
	CHECK(53, big_data[0] == 1 && big_data[sizeof(big_data) - 1] == 2);
#endif
}

static void check_memory_calls(int exact)
{
	long brk0 = sys3(SYS_brk, 0, 0, 0), brk1;
	volatile uint8_t *m;

	CHECK(60, brk0 >= (long)_end);
	if (exact)
		CHECK(61, brk0 == (long)(((uintptr_t)_end + 4095) & ~4095UL));
	brk1 = sys3(SYS_brk, brk0 + 10000, 0, 0);
	CHECK(62, brk1 == brk0 + 10000);
	if (brk1 == brk0 + 10000) {
		m = (volatile uint8_t *)brk0;
		CHECK(63, m[0] == 0 && m[9999] == 0);
		m[9999] = 5;
		CHECK(64, sys3(SYS_brk, brk0, 0, 0) == brk0);
	}
	CHECK(65, sys3(SYS_brk, 4096, 0, 0) == brk0);   /* below the heap: unchanged */
	m = (volatile uint8_t *)sys6(SYS_mmap, 0, 3 * 4096, 3, 0x22, -1, 0);
	CHECK(66, (long)m > 0 && ((uintptr_t)m & 4095) == 0);
	if ((long)m > 0) {
		m[0] = 1;
		m[3 * 4096 - 1] = 2;
		CHECK(67, sys3(SYS_madvise, m, 4096, 4) == 0 && m[0] == 0);   /* DONTNEED */
		CHECK(68, sys3(SYS_mprotect, m, 4096, 1) == 0);
		CHECK(69, sys3(SYS_munmap, m, 3 * 4096, 0) == 0);
	}
	CHECK(70, sys6(SYS_mmap, 0, 4096, 3, 0x22, -1, 5) == -22);   /* unaligned offset */
	CHECK(71, sys3(SYS_munmap, 4097, 4096, 0) == -22);
}

static void check_getrandom(void)
{
	uint64_t buf[8] = { 0 };
	unsigned int nonzero = 0;

	CHECK(80, sys3(SYS_getrandom, buf, sizeof(buf), 0) == sizeof(buf));
	for (int i = 0; i < 8; i++)
		nonzero += buf[i] != 0;
	CHECK(81, nonzero >= 7);
	CHECK(82, sys3(SYS_getrandom, buf, 8, 0x8) == -22);          /* unknown flag */
	CHECK(83, sys3(SYS_getrandom, buf, 8, 0x6) == -22);          /* RANDOM | INSECURE */
	CHECK(84, sys3(SYS_getrandom, buf, 8, 0x1) == 8);            /* NONBLOCK */
	CHECK(85, sys3(SYS_getrandom, 16, 8, 0) == -14);             /* EFAULT */
	CHECK(86, sys3(SYS_getrandom, buf, 0, 0) == 0);
}

/* execve from user mode: bad calls return their errno, a good one does not return. */
static void reexec(void)
{
	char *argv[6], *envp[4], *bad[3];

	argv[0] = "check";
	argv[1] = "kestrel";
	argv[2] = "alpha";
	argv[3] = "";
	argv[4] = "gamma delta";
	argv[5] = NULL;
	envp[0] = "K1=v1";
	envp[1] = "EMPTY=";
	envp[2] = "EXECFN=/bin/check";
	envp[3] = NULL;
	bad[0] = "check";
	bad[1] = (char *)16;
	bad[2] = NULL;
	CHECK(90, sys3(SYS_execve, 16, argv, envp) == -14);             /* path unmapped */
	CHECK(91, sys3(SYS_execve, "/bin/none", argv, envp) == -2);     /* ENOENT */
	CHECK(92, sys3(SYS_execve, "/bin/check", 16, envp) == -14);     /* argv unmapped */
	CHECK(93, sys3(SYS_execve, "/bin/check", bad, envp) == -14);    /* argv[1] unmapped */
	CHECK(94, sys3(SYS_execve, "/t/text", argv, envp) == -8);       /* ENOEXEC */
	CHECK(95, sys3(SYS_execve, "", argv, envp) == -2);              /* empty path */
	if (!failed_at)
		sys3(SYS_execve, "/bin/check", argv, envp);
	CHECK(96, 0);   /* the good execve returned */
}

long check_main(uint64_t *sp, uint64_t regs_or)
{
	struct start s = { 0 };
	const char *mode;

	parse_stack(&s, sp);
	mode = s.argc >= 2 ? s.argv[1] : (s.argc == 1 && s.argv[0][0] == '\0' ? "noargs" : "?");
	if (seq(mode, "reexec")) {
		reexec();
		return failed_at;
	}
	if (seq(mode, "kestrel"))
		CHECK(18, regs_or == 0);   /* every register but sp zero at entry */
	check_args(&s, mode);
	check_layout(&s, seq(mode, "kestrel"));
	check_auxv(&s);
	check_image();
	check_memory_calls(seq(mode, "kestrel"));
	check_getrandom();
	if (!failed_at)
		say("exec_check: ok\n");
	return failed_at;
}

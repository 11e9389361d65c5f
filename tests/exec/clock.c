/*
 * A static glibc program for the vDSO self-test (kernel/proc/ktest_exec.c,
 * exec_glibc_clock_vdso): glibc must find the vDSO that exec announced in
 * AT_SYSINFO_EHDR and call its functions, and the time and system
 * information calls must answer as on Linux. Prints the cost of
 * clock_gettime through glibc (the vDSO) against the raw system call.
 * Exits 0, or the number of the first failed check. Built with
 * -DNO_VDSO_CHECK it runs under qemu-riscv64 too (which has no vDSO),
 * which shows that checks 4-20 hold on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* glibc 2.36's pointers to the vDSO functions (elf/dl-support.c, static programs). */
extern void *_dl_vdso_clock_gettime64, *_dl_vdso_gettimeofday, *_dl_vdso_clock_getres_time64,
	*_dl_vdso_getcpu;

#define CHECK(n, cond) do { \
	if (!(cond)) { \
		printf("clock: check %d failed: %s\n", n, #cond); \
		return n; \
	} \
} while (0)

static long long ns(struct timespec t)
{
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int check_vdso(void)
{
	unsigned long ehdr = getauxval(AT_SYSINFO_EHDR);

	CHECK(1, ehdr != 0 && memcmp((const void *)ehdr, "\177ELF", 4) == 0);
	/* glibc looked the functions up in it: clock_gettime calls no system call. */
	CHECK(2, (unsigned long)_dl_vdso_clock_gettime64 - ehdr < 4 * 4096);
	CHECK(3, (unsigned long)_dl_vdso_gettimeofday - ehdr < 4 * 4096 &&
		 (unsigned long)_dl_vdso_clock_getres_time64 - ehdr < 4 * 4096 &&
		 (unsigned long)_dl_vdso_getcpu - ehdr < 4 * 4096);
	return 0;
}

static int check_clocks(void)
{
	struct timespec a, b, c, res;
	struct timeval tv;

	CHECK(4, clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	CHECK(5, syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b) == 0);
	CHECK(6, clock_gettime(CLOCK_MONOTONIC, &c) == 0);
	CHECK(7, ns(a) <= ns(b) && ns(b) <= ns(c));   /* one clock, whichever path */
	/* time() reads the coarse (tick) clock: up to a tick behind gettimeofday, on Linux too. */
	CHECK(8, gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1600000000 && time(NULL) >= tv.tv_sec - 1);
	CHECK(9, clock_gettime(CLOCK_REALTIME_COARSE, &a) == 0 && clock_gettime(CLOCK_REALTIME, &b) == 0 &&
		 ns(a) <= ns(b));
	CHECK(10, clock_getres(CLOCK_MONOTONIC_COARSE, &res) == 0 && res.tv_sec == 0 &&
		  res.tv_nsec >= 1000000 && clock_getres(CLOCK_MONOTONIC, &res) == 0 &&
		  res.tv_nsec > 0 && res.tv_nsec <= 1000);
	CHECK(11, clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a) == 0 &&
		  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b) == 0 && ns(a) > 0 && ns(a) <= ns(b));
	CHECK(12, clock_gettime(42, &a) == -1 && errno == EINVAL);
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK(13, nanosleep(&(struct timespec){ 0, 1000000 }, NULL) == 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK(14, ns(b) - ns(a) >= 1000000);
	b.tv_nsec += 2000000;
	if (b.tv_nsec >= 1000000000) {
		b.tv_sec++;
		b.tv_nsec -= 1000000000;
	}
	CHECK(15, clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &b, NULL) == 0);
	clock_gettime(CLOCK_MONOTONIC, &c);
	CHECK(16, ns(c) >= ns(b));
	return 0;
}

static int check_info(void)
{
	struct utsname u;
	struct sysinfo si;
	char name[16];

#ifdef NO_VDSO_CHECK
	const char *release = "";   /* the host's own */
#else
	const char *release = "6.1.0-kestrel";
#endif
	CHECK(17, uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0 &&
		  strncmp(u.release, release, strlen(release)) == 0 && strcmp(u.machine, "riscv64") == 0);
	CHECK(18, sysinfo(&si) == 0 && si.totalram > 0 && si.freeram <= si.totalram &&
		  si.mem_unit == 1 && si.procs >= 1);
	CHECK(19, prctl(PR_SET_NAME, "vdso-clock") == 0 && prctl(PR_GET_NAME, name) == 0 &&
		  strcmp(name, "vdso-clock") == 0);
	CHECK(20, sched_getcpu() >= 0);
	return 0;
}

/* ns per clock_gettime(CLOCK_MONOTONIC), through glibc or the raw system call. */
static long long cost(int raw)
{
	struct timespec a, b, t;
	const int n = 2000;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < n; i++) {
		if (raw)
			syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
		else
			clock_gettime(CLOCK_MONOTONIC, &t);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (ns(b) - ns(a)) / n;
}

int main(void)
{
#ifdef NO_VDSO_CHECK
	int failed = 0;
	(void)check_vdso;
#else
	int failed = check_vdso();
#endif

	if (!failed)
		failed = check_clocks();
	if (!failed)
		failed = check_info();
	if (failed)
		return failed;
	printf("vdso: glibc clock_gettime %lld ns, system call %lld ns\n", cost(0), cost(1));
	return 0;
}

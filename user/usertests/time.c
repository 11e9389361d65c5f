/*
 * usertests: time -- the clocks (monotonic never goes back, realtime
 * agrees with gettimeofday, CPU-time clocks count CPU), nanosleep relative
 * and absolute, resolutions, bad clock ids, and the vDSO.
 */
#include "usertests.h"

#include <elf.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000ULL

static uint64_t ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * ULIB_NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

UTEST(time_monotonic, 0, NULL)
{
	static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME,
					    CLOCK_MONOTONIC_COARSE };
	struct timespec a, b;

	for (size_t c = 0; c < sizeof(clocks) / sizeof(clocks[0]); c++) {
		uint64_t prev = 0;

		for (int i = 0; i < 10000; i++) {
			uint64_t now;

			CHECK_SYS(clock_gettime(clocks[c], &a));
			CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
			now = ts_ns(&a);
			if (now < prev)
				FAIL("clock %d went back by %llu ns", clocks[c],
				     (unsigned long long)(prev - now));
			prev = now;
		}
	}
	/* Boot time includes suspend, so it is never behind monotonic. */
	CHECK_SYS(clock_gettime(CLOCK_MONOTONIC, &a));
	CHECK_SYS(clock_gettime(CLOCK_BOOTTIME, &b));
	CHECK(ts_ns(&b) >= ts_ns(&a));
	/* The system call agrees with the library (the vDSO, where there is one). */
	CHECK_SYS(clock_gettime(CLOCK_MONOTONIC, &a));
	CHECK_SYS(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b));
	CHECK(ts_ns(&b) >= ts_ns(&a) && ts_ns(&b) - ts_ns(&a) < 1000 * MS);
}

UTEST(time_realtime, 0, NULL)
{
	struct timespec ts;
	struct timeval tv;
	time_t t;
	int64_t diff;

	CHECK_SYS(clock_gettime(CLOCK_REALTIME, &ts));
	CHECK_SYS(gettimeofday(&tv, NULL));
	t = time(NULL);
	diff = ((int64_t)tv.tv_sec * 1000000 + tv.tv_usec) -
	       ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
	if (diff < 0 || diff > 1000000)
		FAIL("gettimeofday is %lld us after CLOCK_REALTIME", (long long)diff);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	/*
	 * time() is CLOCK_REALTIME_COARSE in glibc (the time at the last
	 * tick, on Linux too): it may lag the fine clock read just before by
	 * up to a tick, into the previous second.
	 */
	CHECK(t >= ts.tv_sec - 1 && t <= ts.tv_sec + 1);
	if (ts.tv_sec < 1577836800) /* 2020-01-01: the RTC was read */
		FAIL("CLOCK_REALTIME is %lld, before 2020", (long long)ts.tv_sec);
	CHECK_SYS(syscall(SYS_gettimeofday, &tv, NULL));
	CHECK(tv.tv_sec >= ts.tv_sec);
}

UTEST(time_nanosleep, 0, NULL)
{
	struct timespec req = { 0, 50 * MS }, rem = { 7, 7 }, abs;
	uint64_t t0 = ulib_now_ns(), t1;

	CHECK_SYS(nanosleep(&req, &rem));
	t1 = ulib_now_ns();
	if (t1 - t0 < 50 * MS)
		FAIL("nanosleep(50 ms) returned after %.1f ms", (t1 - t0) / 1e6);

	/* Absolute: wakes at or after the target. */
	CHECK_SYS(clock_gettime(CLOCK_MONOTONIC, &abs));
	abs.tv_nsec += 50 * MS;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0);
	CHECK(ulib_now_ns() >= ts_ns(&abs));
	/* A target in the past returns at once (tv_sec stays >= 0: early in a boot uptime is small). */
	abs.tv_sec = abs.tv_sec >= 10 ? abs.tv_sec - 10 : 0;
	t0 = ulib_now_ns();
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0);
	CHECK(ulib_now_ns() - t0 < 1000 * MS); /* not 10 s */
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, 0, &req, NULL), 0);

	req = (struct timespec){ 0, 1000000000 };
	CHECK_ERR(nanosleep(&req, NULL), EINVAL);
	req = (struct timespec){ -1, 0 };
	CHECK_ERR(nanosleep(&req, NULL), EINVAL);
	req = (struct timespec){ 0, 0 };
	CHECK_SYS(nanosleep(&req, NULL));
	/* clock_nanosleep returns the error number instead of setting errno. */
	req = (struct timespec){ 0, 1000 };
	CHECK_EQ(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL), EINVAL);
	CHECK_EQ(clock_nanosleep(12345, 0, &req, NULL), EINVAL);
}

UTEST(time_getres, 0, NULL)
{
	static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME };
	struct timespec ts;

	for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		CHECK_SYS(clock_getres(clocks[i], &ts));
		if (ts.tv_sec != 0 || ts.tv_nsec <= 0 || ts.tv_nsec > 1000000)
			FAIL("clock %d: resolution %lld.%09ld s, expected (0, 1 ms]", clocks[i],
			     (long long)ts.tv_sec, ts.tv_nsec);
	}
	CHECK_SYS(clock_getres(CLOCK_MONOTONIC, NULL));
	CHECK_ERR(clock_getres(12345, &ts), EINVAL);
	CHECK_ERR(clock_gettime(12345, &ts), EINVAL);
	CHECK_ERR(clock_gettime(-100, &ts), EINVAL);
	CHECK_ERR(syscall(SYS_clock_gettime, 12345, &ts), EINVAL);
	CHECK_ERR(clock_settime(CLOCK_MONOTONIC, &ts), EINVAL);
}

UTEST(time_cputime, 0, NULL)
{
	uint64_t w0 = ulib_now_ns();
	uint64_t p0 = ulib_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	uint64_t t0 = ulib_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	uint64_t p1, t1, w1, p2;

	CHECK(p0 > 0 && t0 > 0);
	/* Spin until the thread has used 50 ms of CPU (however busy the machine). */
	do {
		t1 = ulib_clock_ns(CLOCK_THREAD_CPUTIME_ID);
		if (ulib_now_ns() - w0 > 20 * ULIB_NSEC_PER_SEC)
			FAIL("the thread CPU clock moved %.1f ms in 20 s of spinning", (t1 - t0) / 1e6);
	} while (t1 - t0 < 50 * MS);
	p1 = ulib_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	w1 = ulib_now_ns();
	CHECK(p1 - p0 >= t1 - t0);    /* the process includes its only thread */
	if (w1 - w0 + 1 * MS < t1 - t0) /* one thread cannot use more CPU than time */
		FAIL("%.1f ms of thread CPU time in %.1f ms of wall time", (t1 - t0) / 1e6,
		     (w1 - w0) / 1e6);
	ulib_sleep_ns(100 * MS);
	p2 = ulib_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	if (p2 - p1 > 20 * MS)
		FAIL("sleeping 100 ms counted %.1f ms of CPU time", (p2 - p1) / 1e6);
}

UTEST(time_vdso, 0, NULL)
{
	const unsigned char *ehdr = (const void *)getauxval(AT_SYSINFO_EHDR);

	if (!ehdr) {
		if (ut.host)
			ut_host_skip("qemu-user 7.2 maps no vDSO for riscv64");
		FAIL("no vDSO: getauxval(AT_SYSINFO_EHDR) is 0");
	}
	if (memcmp(ehdr, ELFMAG, SELFMAG) != 0)
		FAIL("AT_SYSINFO_EHDR %p does not point at an ELF header", (void *)ehdr);
	CHECK_EQ(ehdr[EI_CLASS], ELFCLASS64);
	CHECK_EQ(((const Elf64_Ehdr *)ehdr)->e_machine, EM_RISCV);
	CHECK_EQ(((const Elf64_Ehdr *)ehdr)->e_type, ET_DYN);
}

/*
 * Does glibc's own dynamic loader accept Kestrel's vDSO? (make
 * vdso-glibc-check; a riscv64 program run under qemu-riscv64.)
 *
 * It dlopen()s build/vdso/vdso.so, looks every exported function up
 * with dlvsym(name, "LINUX_4.15") -- the versioned lookup through
 * DT_GNU_HASH/DT_HASH and DT_VERSYM that glibc's dl_vdso_vsym() does --
 * and checks that another version is refused. Then it maps a data page
 * one page below the image, fills in a timebase and a wall clock offset
 * as the kernel would, and calls __vdso_clock_gettime: CLOCK_REALTIME
 * must come back as at least the offset (plus the time CSR's reading,
 * whose rate qemu-riscv64 does not promise), and a CPU clock must fall
 * back to the (host's) system call.
 * Prints one line per check; exit status 0 if all passed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>

#include <kernel/vdso_data.h>

static const char *const names[] = {
	"__vdso_rt_sigreturn", "__vdso_gettimeofday", "__vdso_clock_gettime",
	"__vdso_clock_getres", "__vdso_getcpu", "__vdso_flush_icache",
};

int main(int argc, char **argv)
{
	struct link_map *lm;
	struct vdso_data *vd;
	struct timespec ts;
	int failed = 0;
	void *h = argc == 2 ? dlopen(argv[1], RTLD_NOW) : NULL;

	if (!h || dlinfo(h, RTLD_DI_LINKMAP, &lm)) {
		printf("FAIL dlopen: %s\n", dlerror());
		return 1;
	}
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		void *p = dlvsym(h, names[i], "LINUX_4.15"), *q = dlvsym(h, names[i], "LINUX_2.6");
		printf("%s %s@LINUX_4.15\n", p && !q ? "PASS" : "FAIL", names[i]);
		failed += !p || q;
	}
	vd = mmap((void *)(lm->l_addr - 4096), 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (vd == MAP_FAILED) {
		printf("FAIL no room for the data page below the image\n");
		return 1;
	}
	vd->timebase_freq = 10000000;
	vd->resolution_ns = 100;
	vd->coarse_ns = 10000000;
	vd->realtime_offset_ns = 1000000000ULL * 1000000000ULL;   /* 2001-09-09 */
	int (*gettime)(int, struct timespec *) = dlvsym(h, "__vdso_clock_gettime", "LINUX_4.15");
	int r = gettime ? gettime(CLOCK_REALTIME, &ts) : -1;
	/* qemu-riscv64's time CSR runs at its own rate: only "offset + something" is known. */
	int ok = r == 0 && ts.tv_sec >= 1000000000 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000;
	printf("%s __vdso_clock_gettime(CLOCK_REALTIME) = %d, %lld.%09ld\n", ok ? "PASS" : "FAIL", r,
	       (long long)ts.tv_sec, ts.tv_nsec);
	failed += !ok;
	r = gettime ? gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) : -1;
	printf("%s __vdso_clock_gettime(CLOCK_PROCESS_CPUTIME_ID) = %d (system call)\n",
	       r == 0 ? "PASS" : "FAIL", r);
	failed += r != 0;
	return failed != 0;
}

/*
 * sysinfo's structure in the Linux riscv64 ABI (linux/sysinfo.h, with
 * 64-bit longs: the trailing padding array is empty), and prctl's
 * option numbers that Kestrel knows (linux/prctl.h).
 */
#ifndef UAPI_SYSINFO_H
#define UAPI_SYSINFO_H

/* Linux's struct sysinfo, renamed so that it does not clash with glibc's. */
struct __kernel_sysinfo {
	long uptime;                 /* seconds since boot */
	unsigned long loads[3];      /* 1, 5, 15 minute load averages, << SI_LOAD_SHIFT */
	unsigned long totalram;      /* in mem_unit bytes */
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;        /* tasks (threads) */
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;       /* bytes per unit of the memory fields (1 on 64-bit Linux) */
};

#define SI_LOAD_SHIFT 16

_Static_assert(sizeof(struct __kernel_sysinfo) == 112, "sysinfo is 112 bytes on riscv64");

/* prctl options */
#define PR_SET_NAME 15   /* arg2: const char *, up to 16 bytes with the NUL */
#define PR_GET_NAME 16   /* arg2: char[16] */

#endif /* UAPI_SYSINFO_H */

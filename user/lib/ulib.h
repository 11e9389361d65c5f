/*
 * ulib: the few helpers Kestrel's own programs share (user/lib/).
 *
 * Ordinary C over glibc, nothing Kestrel-specific: everything here also
 * runs under Linux (qemu-riscv64 on the host), which is the point.
 *
 *   ulib_now_ns()          CLOCK_MONOTONIC in nanoseconds (glibc uses the
 *                          vDSO when the kernel maps one, else a syscall)
 *   ulib_clock_ns(id)      any clock in nanoseconds, 0 on error
 *   ulib_sleep_ns(ns)      nanosleep that resumes after EINTR
 *   ulib_errname(e)        "ENOENT" for ENOENT, "E123" for an unknown one
 *   ulib_write_all(fd,...) write(2) until done; 0 or -1 with errno
 *   ulib_print(fd, fmt...) format into a stack buffer and write it with one
 *                          write(2), so lines from several processes on one
 *                          console do not interleave mid-line
 */
#ifndef ULIB_H
#define ULIB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define ULIB_NSEC_PER_SEC 1000000000ULL

uint64_t ulib_now_ns(void);
uint64_t ulib_clock_ns(clockid_t id);
void ulib_sleep_ns(uint64_t ns);
const char *ulib_errname(int err);
int ulib_write_all(int fd, const void *buf, size_t len);
void ulib_print(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* zlib's crc32, continued from crc: ulib_crc32(0, buf, n) is Python's zlib.crc32(buf). */
uint32_t ulib_crc32(uint32_t crc, const void *buf, size_t n);

#endif

/*
 * ulib: helpers shared by init, usertests and bench (see ulib.h).
 */
#define _GNU_SOURCE
#include "ulib.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

uint64_t ulib_clock_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * ULIB_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

uint64_t ulib_now_ns(void)
{
	return ulib_clock_ns(CLOCK_MONOTONIC);
}

void ulib_sleep_ns(uint64_t ns)
{
	struct timespec req = {
		.tv_sec = (time_t)(ns / ULIB_NSEC_PER_SEC),
		.tv_nsec = (long)(ns % ULIB_NSEC_PER_SEC),
	};
	struct timespec rem;

	while (nanosleep(&req, &rem) != 0 && errno == EINTR)
		req = rem;
}

const char *ulib_errname(int err)
{
	static __thread char buf[16];
	const char *name = err ? strerrorname_np(err) : "0";

	if (name)
		return name;
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

int ulib_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void ulib_print(int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	ulib_write_all(fd, buf, (size_t)n);
}

/* The reflected CRC-32 table (polynomial 0xedb88320), built on first use. */
uint32_t ulib_crc32(uint32_t crc, const void *buf, size_t n)
{
	static uint32_t table[256];
	const unsigned char *p = buf;

	if (!table[1]) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	}
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/*
 * The host C library's snprintf, under another name, for test_vsnprintf to
 * compare the kernel's output against. Compiled without host_rename.h.
 */
#include <stdarg.h>
#include <stdio.h>

#include "ref_printf.h"

int ref_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

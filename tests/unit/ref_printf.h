/* The host libc's snprintf as ref_snprintf (see ref_printf.c). */
#ifndef TESTS_UNIT_REF_PRINTF_H
#define TESTS_UNIT_REF_PRINTF_H

#include <stddef.h>

int ref_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* TESTS_UNIT_REF_PRINTF_H */

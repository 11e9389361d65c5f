/*
 * Basic integer types for kernel code.
 *
 * Pure code under kernel/lib is also compiled by the host compiler for the
 * unit tests, so this header relies only on the headers that a freestanding
 * C implementation must provide (stdint.h, stddef.h, stdbool.h, stdarg.h).
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t;
typedef long ssize_t;

#endif /* KERNEL_TYPES_H */

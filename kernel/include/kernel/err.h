/*
 * Pointers that carry an error: ERR_PTR(-ENOMEM), IS_ERR(p), PTR_ERR(p).
 * The top 4095 addresses are never valid kernel pointers.
 */
#ifndef KERNEL_ERR_H
#define KERNEL_ERR_H

#include <kernel/compiler.h>
#include <kernel/types.h>
#include <uapi/errno.h>

#define MAX_ERRNO 4095

static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr)
{
	return unlikely((uintptr_t)ptr >= (uintptr_t)-MAX_ERRNO);
}

#endif /* KERNEL_ERR_H */

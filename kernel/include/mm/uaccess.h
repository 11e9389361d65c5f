/*
 * Kernel access to user memory (kernel/mm/uaccess.c): the only way the
 * kernel reads or writes user addresses (DESIGN.md §4).
 *
 * Each routine walks the current address space's page table in software,
 * page by page, with the mm's lock held: a page that is missing or
 * read-only is resolved by __handle_mm_fault() exactly as the user's own
 * access would be (demand-zero, stack growth, file pages, copy-on-write
 * for writes), then the bytes are copied through the linear map. The
 * hardware never sees the user address: sstatus.SUM stays clear, so a
 * stray kernel dereference of a user pointer traps.
 *
 * "Current address space" is this hart's active mm (mm_switch) until
 * tasks exist; then it is current->mm. No active mm: -EFAULT.
 *
 * Errors: -EFAULT for any address at or above USER_TOP, a range that
 * wraps or crosses USER_TOP, an address no VMA covers (after stack
 * growth) or whose VMA forbids the access; -ENOMEM when a page could not
 * be allocated even after the OOM hook. Never a panic.
 *
 * Partial copies: the copy stops at the first page that fails. Bytes
 * before that page have been transferred; copy_from_user zero-fills the
 * rest of the kernel buffer (so no stale kernel data leaks into what the
 * caller may pass on); copy_to_user and clear_user leave the user bytes
 * from that page on untouched. A range that is bad as a whole (wraps,
 * reaches USER_TOP) fails before anything is touched, kernel buffer
 * included. (Linux returns the number of bytes not copied; Kestrel's
 * callers only need to know that it failed.)
 *
 * May sleep: not today (the mm lock is a spinlock); once mmap_lock is a
 * semaphore, yes. Never call these with a spinlock held.
 */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H

#include <arch/memlayout.h>
#include <kernel/types.h>

/* Marks a pointer as a user address: never dereference it. */
#define __user

/*
 * Could [addr, addr + n) be user memory at all (below USER_TOP, no wrap)?
 * As Linux's access_ok(): a cheap range check, not a VMA lookup. The
 * system calls that take a buffer check it first, so a kernel address is
 * -EFAULT even when nothing would be copied (read at end of file).
 */
static inline bool access_ok(const void __user *addr, size_t n)
{
	return n == 0 || ((unsigned long)addr < USER_TOP && n <= USER_TOP - (unsigned long)addr);
}

/* 0, -EFAULT or -ENOMEM (see above). n = 0 always succeeds. */
int copy_from_user(void *dst, const void __user *src, size_t n);
int copy_to_user(void __user *dst, const void *src, size_t n);
int clear_user(void __user *dst, size_t n);

/*
 * The same three on a given address space, which need not be loaded on
 * any hart: exec fills the new image and stack of an mm that becomes
 * current only after its point of no return. mm must be kept alive by
 * the caller (a user reference). Same errors and partial-copy rules.
 */
struct mm_struct;
int copy_from_mm(struct mm_struct *mm, void *dst, const void __user *src, size_t n);
int copy_to_mm(struct mm_struct *mm, void __user *dst, const void *src, size_t n);
int clear_mm(struct mm_struct *mm, void __user *dst, size_t n);

/*
 * Copy the NUL-terminated string at src into dst, reading at most count
 * bytes (as Linux's strncpy_from_user):
 *   - a NUL within the first count bytes: dst holds the string and its
 *     NUL; returns its length (< count);
 *   - no NUL in them: dst holds count bytes, not terminated; returns
 *     count (a caller wanting a path then returns -ENAMETOOLONG);
 *   - -EFAULT (-ENOMEM) if a byte before the NUL or the limit cannot be
 *     read; dst then holds what was read.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

/*
 * get_user(x, ptr): read the scalar *ptr (1, 2, 4 or 8 bytes, any
 * alignment) from user space into x; put_user(x, ptr) writes it. Both
 * evaluate to 0, -EFAULT or -ENOMEM; on failure get_user sets x to 0.
 */
int uaccess_get(void *val, const void __user *ptr, size_t size);

#define get_user(x, ptr) ({ \
	_Static_assert(sizeof(*(ptr)) <= 8, "get_user of a scalar"); \
	u64 __gu_val = 0; \
	int __gu_err = uaccess_get(&__gu_val, (ptr), sizeof(*(ptr))); \
	(x) = (__typeof__(*(ptr)))__gu_val; \
	__gu_err; })

#define put_user(x, ptr) ({ \
	_Static_assert(sizeof(*(ptr)) <= 8, "put_user of a scalar"); \
	__typeof__(*(ptr)) __pu_val = (x); \
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)); })

/* ---------------------------------------------------------- in place */

/*
 * A user range of at most a page resolved to the linear map: its first
 * n0 bytes are at k0, the other n - n0 (if it crosses into the next
 * page) at k1.
 */
struct uspan {
	char *k0, *k1;
	size_t n0, n;
};

/*
 * Resolve [uaddr, uaddr + n) (0 < n <= PAGE_SIZE) of the active mm for
 * access (FAULT_READ or FAULT_WRITE; missing pages are faulted in, COW
 * broken, as copy_*_user would) and run fn(ctx, span) on it with the
 * mm's lock held and interrupts off: fn reads or writes the user bytes
 * in place, with no bounce buffer and one lock round trip for the whole
 * range. fn must not sleep, take locks or touch other user memory.
 * Returns fn's result, or -EFAULT, -ENOMEM or -EAGAIN when a page could
 * not be resolved now: the caller then falls back to copy_*_user, which
 * applies the OOM and deferred-fault rules. For small structures the
 * kernel builds or parses field by field (the signal frame).
 */
int uaccess_span(unsigned long uaddr, size_t n, unsigned int access,
		 int (*fn)(void *ctx, const struct uspan *span), void *ctx);

/* ---------------------------------------------------------- for futexes */

struct mm_struct;
struct page;

/*
 * Read, or compare-and-exchange, the aligned u32 at uaddr of mm without
 * faulting: the page must be mapped readable (writable) right now. They
 * take mm's lock only (irqsave), so a caller may hold spinlocks ordered
 * before mm_lock (the futex hash buckets) -- which is what they are for:
 * the futex value check must be atomic with queueing the waiter. On
 * -EFAULT the caller drops its locks, calls handle_mm_fault() for the
 * access and tries again (a real bad address fails there).
 *   user_read_u32_nofault: *val = the word; 0 or -EFAULT.
 *   user_cmpxchg_u32_nofault: if the word is old, make it new; *cur =
 *   the value found (old on success); 0 or -EFAULT.
 * uaddr must be 4-byte aligned (-EFAULT otherwise).
 */
int user_read_u32_nofault(struct mm_struct *mm, unsigned long uaddr, u32 *val);
int user_cmpxchg_u32_nofault(struct mm_struct *mm, unsigned long uaddr, u32 old, u32 new,
			     u32 *cur);

/*
 * The page mapped at uaddr of mm (faulted in for reading if need be) with
 * a reference for the caller (put_page it), and whether its VMA is
 * VM_SHARED. 0, -EFAULT or -ENOMEM. Takes the mm's lock; never call it
 * with a spinlock held.
 */
int user_page_get(struct mm_struct *mm, unsigned long uaddr, struct page **pagep, bool *shared);

#endif /* MM_UACCESS_H */

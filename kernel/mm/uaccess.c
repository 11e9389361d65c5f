/*
 * Kernel access to user memory (interface and rules in <mm/uaccess.h>).
 *
 * One engine, uaccess_walk(), serves every routine, on a given mm (the
 * _mm variants; the _user ones pass this hart's active mm): it checks the range,
 * then for each page of it takes the mm's lock, finds the page with the
 * right permission (faulting it in as the user would, through
 * __handle_mm_fault), runs the routine's step on that page's linear-map
 * bytes, and drops the lock. Holding the lock across the step keeps the
 * page where it is (no munmap, no fork write-protecting it halfway: a
 * copy never lands in a page another mm shares). A step copies at most a
 * page, so interrupts are off for at most a page copy at a time.
 *
 * -ENOMEM from a fault: the lock is dropped, the OOM hook called once and
 * the page retried once (the same rule as handle_mm_fault).
 *
 * uaccess_span() is the exception to "per page": it resolves a range of
 * up to two pages under one hold of the lock and lets its caller work on
 * the bytes in place (the signal frame: no bounce buffer, one lock round
 * trip); it gives up with an error where the walk would retry.
 *
 * The futex helpers at the end never fault: they look the page up and
 * touch the word only if it is mapped with the permission now, so that
 * they can run under the futex bucket locks (before mm_lock in the lock
 * order); the caller faults the page in without its locks and retries.
 *
 * Locks: the mm's lock, per page. sstatus.SUM is never touched.
 */
#include <arch/uvm.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/uaccess.h>
#include "mm_internal.h"

/*
 * One step on the bytes [kaddr, kaddr + n) of a user page, which are the
 * user bytes at offset done of the whole range. Returns 0 to go on, 1 to
 * stop early (success), never an error.
 */
typedef int (*uaccess_step_fn)(void *ctx, void *kaddr, size_t done, size_t n);

/* Is [addr, addr + n) a user range (n > 0, no wrap, below USER_TOP)? */
static bool uaccess_range_ok(unsigned long addr, size_t n)
{
	return addr < USER_TOP && n <= USER_TOP - addr;
}

static bool upte_allows(pte_t pte, unsigned int access)
{
	if (!(pte & PTE_V))
		return false;
	if (access & FAULT_WRITE)
		return pte & PTE_W;
	return pte & PTE_R;
}

/*
 * The linear-map address of user byte addr, resolved for access, or an
 * ERR_PTR. Lock held.
 */
static void *uaccess_resolve(struct mm_struct *mm, unsigned long addr, unsigned int access)
{
	pte_t *pte = uvm_pte_lookup(mm->pgd, addr & PAGE_MASK);

	if (!pte || !upte_allows(*pte, access)) {
		int err = __handle_mm_fault(mm, addr, access);

		if (err)
			return ERR_PTR(err);
		pte = uvm_pte_lookup(mm->pgd, addr & PAGE_MASK);
		BUG_ON(!pte || !upte_allows(*pte, access));
	}
	return (char *)page_address(upte_page(*pte)) + (addr & ~PAGE_MASK);
}

/* step on one page's part [addr, addr + n) of the range; the OOM rule. */
static int uaccess_page(struct mm_struct *mm, unsigned long addr, size_t n,
			unsigned int access, uaccess_step_fn step, void *ctx, size_t done)
{
	for (int tries = 0;;) {
		unsigned long irq = mm_lock(mm);
		void *kaddr = uaccess_resolve(mm, addr, access);
		int ret = IS_ERR(kaddr) ? (int)PTR_ERR(kaddr) : step(ctx, kaddr, done, n);

		mm_unlock(mm, irq);
		if (ret == -EAGAIN && IS_ERR(kaddr)) {
			ret = mm_fault_run_deferred();
			if (ret)
				return -EFAULT;
			continue;
		}
		if (ret == -EIO && IS_ERR(kaddr))
			return -EFAULT;   /* a file page that is not there: SIGBUS for the user, EFAULT here */
		if (ret != -ENOMEM || tries++ || !mm_out_of_memory())
			return ret;
	}
}

/*
 * Run step over [uaddr, uaddr + n) page by page. Returns 0 (all done),
 * 1 (step stopped early) or -EFAULT/-ENOMEM; *done says how many bytes
 * the completed steps covered.
 */
static int uaccess_walk(struct mm_struct *mm, unsigned long uaddr, size_t n,
			unsigned int access, uaccess_step_fn step, void *ctx, size_t *done)
{
	*done = 0;
	if (!n)
		return 0;
	if (!mm || !uaccess_range_ok(uaddr, n))
		return -EFAULT;
	while (*done < n) {
		unsigned long addr = uaddr + *done;
		size_t chunk = MIN(n - *done, PAGE_SIZE - (addr & ~PAGE_MASK));
		int ret = uaccess_page(mm, addr, chunk, access, step, ctx, *done);

		if (ret)
			return ret;
		*done += chunk;
	}
	return 0;
}

/* ------------------------------------------------------------ copies */

static int step_from_user(void *ctx, void *kaddr, size_t done, size_t n)
{
	memcpy((char *)ctx + done, kaddr, n);
	return 0;
}

static int step_to_user(void *ctx, void *kaddr, size_t done, size_t n)
{
	memcpy(kaddr, (const char *)ctx + done, n);
	return 0;
}

static int step_clear_user(void *ctx, void *kaddr, size_t done, size_t n)
{
	memset(kaddr, 0, n);
	return 0;
}

int copy_from_mm(struct mm_struct *mm, void *dst, const void __user *src, size_t n)
{
	size_t done;
	int err;

	/* A bad range leaves dst alone: n may be anything a user passed. */
	if (n && !uaccess_range_ok((unsigned long)src, n))
		return -EFAULT;
	err = uaccess_walk(mm, (unsigned long)src, n, FAULT_READ, step_from_user, dst, &done);
	if (err)
		memset((char *)dst + done, 0, n - done);
	return err;
}

int copy_to_mm(struct mm_struct *mm, void __user *dst, const void *src, size_t n)
{
	size_t done;

	return uaccess_walk(mm, (unsigned long)dst, n, FAULT_WRITE, step_to_user, (void *)src, &done);
}

int clear_mm(struct mm_struct *mm, void __user *dst, size_t n)
{
	size_t done;

	return uaccess_walk(mm, (unsigned long)dst, n, FAULT_WRITE, step_clear_user, NULL, &done);
}

int copy_from_user(void *dst, const void __user *src, size_t n)
{
	return copy_from_mm(mm_active(), dst, src, n);
}

int copy_to_user(void __user *dst, const void *src, size_t n)
{
	return copy_to_mm(mm_active(), dst, src, n);
}

int clear_user(void __user *dst, size_t n)
{
	return clear_mm(mm_active(), dst, n);
}

int uaccess_get(void *val, const void __user *ptr, size_t size)
{
	return copy_from_user(val, ptr, size);
}

/* ------------------------------------------------------------ in place */

int uaccess_span(unsigned long uaddr, size_t n, unsigned int access,
		 int (*fn)(void *ctx, const struct uspan *span), void *ctx)
{
	struct mm_struct *mm = mm_active();
	struct uspan span = { .n = n };
	unsigned long irq, end = uaddr + n - 1;
	pte_t *pte, first;
	int ret;

	if (!mm || !n || n > PAGE_SIZE || !uaccess_range_ok(uaddr, n))
		return -EFAULT;
	span.n0 = MIN(n, PAGE_SIZE - (uaddr & ~PAGE_MASK));
	irq = mm_lock(mm);
	span.k0 = uaccess_resolve(mm, uaddr, access);
	if (IS_ERR(span.k0)) {
		ret = (int)PTR_ERR(span.k0);
		goto out;
	}
	if (span.n0 < n) {
		first = *uvm_pte_lookup(mm->pgd, uaddr & PAGE_MASK);
		span.k1 = uaccess_resolve(mm, end, access);
		if (IS_ERR(span.k1)) {
			ret = (int)PTR_ERR(span.k1);
			goto out;
		}
		span.k1 -= end & ~PAGE_MASK;
		/* Faulting the second page must not have moved the first (reclaim, COW). */
		pte = uvm_pte_lookup(mm->pgd, uaddr & PAGE_MASK);
		if (!pte || *pte != first) {
			ret = -EAGAIN;
			goto out;
		}
	}
	ret = fn(ctx, &span);
out:
	mm_unlock(mm, irq);
	return ret;
}

/* ------------------------------------------------------------ strings */

struct strncpy_ctx {
	char *dst;
	size_t len;   /* bytes before the NUL, once found */
	bool found;
};

static int step_strncpy(void *ctx, void *kaddr, size_t done, size_t n)
{
	struct strncpy_ctx *s = ctx;
	const char *nul = memchr(kaddr, 0, n);
	size_t take = nul ? (size_t)(nul - (const char *)kaddr) + 1 : n;

	memcpy(s->dst + done, kaddr, take);
	if (!nul)
		return 0;
	s->len = done + take - 1;
	s->found = true;
	return 1;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long addr = (unsigned long)src;
	struct strncpy_ctx s = { .dst = dst };
	size_t limit, done;
	int ret;

	if (count <= 0)
		return 0;
	if (addr >= USER_TOP)
		return -EFAULT;
	/* Read up to USER_TOP at most: a string ending below it is fine. */
	limit = MIN((size_t)count, USER_TOP - addr);
	ret = uaccess_walk(mm_active(), addr, limit, FAULT_READ, step_strncpy, &s, &done);
	if (ret < 0)
		return ret;
	if (s.found)
		return (long)s.len;
	/* No NUL: the limit, unless USER_TOP cut the read short. */
	return limit == (size_t)count ? count : -EFAULT;
}

/* ------------------------------------------------------------ futexes */

/*
 * The linear-map address of the aligned u32 at uaddr if its page is
 * mapped for access right now, else NULL. Never faults. Lock held.
 */
static u32 *uaccess_u32_nofault(struct mm_struct *mm, unsigned long uaddr, unsigned int access)
{
	pte_t *pte;

	if (uaddr >= USER_TOP || (uaddr & 3))
		return NULL;
	pte = uvm_pte_lookup(mm->pgd, uaddr & PAGE_MASK);
	if (!pte || !upte_allows(*pte, access))
		return NULL;
	return (u32 *)((char *)page_address(upte_page(*pte)) + (uaddr & ~PAGE_MASK));
}

int user_read_u32_nofault(struct mm_struct *mm, unsigned long uaddr, u32 *val)
{
	unsigned long irq = mm_lock(mm);
	u32 *p = uaccess_u32_nofault(mm, uaddr, FAULT_READ);

	if (p)
		*val = READ_ONCE(*p);   /* one aligned lw: atomic against user stores */
	mm_unlock(mm, irq);
	return p ? 0 : -EFAULT;
}

int user_cmpxchg_u32_nofault(struct mm_struct *mm, unsigned long uaddr, u32 old, u32 new,
			     u32 *cur)
{
	unsigned long irq = mm_lock(mm);
	u32 *p = uaccess_u32_nofault(mm, uaddr, FAULT_WRITE);

	if (p) {
		/* lr/sc on the user word through the linear map: atomic against user amo/lr/sc. */
		__atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		*cur = old;
	}
	mm_unlock(mm, irq);
	return p ? 0 : -EFAULT;
}

struct page_get_ctx {
	struct mm_struct *mm;
	unsigned long addr;
	struct page *page;
	bool shared;
};

static int step_page_get(void *ctx, void *kaddr, size_t done, size_t n)
{
	struct page_get_ctx *g = ctx;
	struct vm_area *vma = vma_find(&g->mm->vmas, g->addr);

	g->page = virt_to_page(kaddr);
	get_page(g->page);
	g->shared = vma && (vma->flags & VM_SHARED);
	return 0;
}

int user_page_get(struct mm_struct *mm, unsigned long uaddr, struct page **pagep, bool *shared)
{
	struct page_get_ctx g = { .mm = mm, .addr = uaddr };
	int err;

	if (!uaccess_range_ok(uaddr, 1))
		return -EFAULT;
	err = uaccess_page(mm, uaddr, 1, FAULT_READ, step_page_get, &g, 0);
	if (err)
		return err;
	*pagep = g.page;
	*shared = g.shared;
	return 0;
}

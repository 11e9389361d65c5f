/*
 * Self-tests of user address spaces (ktest=boot): mm_struct life cycle
 * and switching, demand-zero faults and the user-copy routines, bad user
 * pointers, fork with copy-on-write (and fork storms), the mmap family's
 * semantics and errnos, brk, madvise(DONTNEED), stack growth, file-backed
 * VMAs through a test vm_operations, memory exhaustion with the OOM hook,
 * TLB shootdown and concurrent access across harts, and the cost of
 * faults, COW breaks, mm_dup and mmap+munmap (printed, "mm perf:").
 *
 * There is no user mode yet, so every access to user memory goes through
 * the uaccess routines on this hart's active mm (mm_switch), as a system
 * call's copies will.
 *
 * Each test ends with a leak check: every hart's per-CPU page list and
 * slab arrays drained (smp_call_on_cpu), then nr_free_pages() plus the
 * kernel page-table pages must equal the value at its start, no mm_struct
 * and no user page table may be left, and mm_validate() must have passed
 * before the address space was released. Work on several harts is
 * bounded by time, not rounds.
 */
#include <arch/csr.h>
#include <arch/uvm.h>
#include <fs/procfs.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <uapi/mman.h>

#define UBASE 0x10000000UL   /* where the tests map things */
#define PG PAGE_SIZE
#define ANON_PRIVATE (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

/* Scratch buffers: the tests run one at a time, on cpu 0. */
static u8 kbuf[PAGE_SIZE];
static u8 kbuf2[2 * PAGE_SIZE];

/* --------------------------------------------------------- leak checks */

/* Free pages with every hart's caches drained, plus kernel page tables (kept for reuse). */
static unsigned long mm_baseline(void)
{
	mm_drain_all_cpus();
	return nr_free_pages() + READ_ONCE(kernel_pt_pages);
}

static const char *check_no_leak(unsigned long start, const char *what)
{
	unsigned long now = mm_baseline();
	struct mm_stats st;

	mm_stats_read(&st);
	if (now != start)
		return ktest_fail("%s: %lu pages free, %lu before (%ld lost)", what, now, start,
				  (long)(start - now));
	if (st.mm_live != 0 || st.pt_pages != 0)
		return ktest_fail("%s: %lu mm_structs, %lu user table pages left", what,
				  st.mm_live, st.pt_pages);
	return NULL;
}

/* A new mm, made this hart's active one; NULL on failure. */
static struct mm_struct *test_mm_enter(void)
{
	struct mm_struct *mm = mm_create();

	if (IS_ERR(mm))
		return NULL;
	mm_switch(mm);
	return mm;
}

/* Validate (if all went well), switch away, drop mm, check for leaks. */
static const char *test_mm_leave(struct mm_struct *mm, const char *why, unsigned long start,
				 const char *what)
{
	if (!mm)
		return why ? why : ktest_fail("%s: mm_create failed", what);
	if (!why)
		why = mm_validate(mm);
	mm_switch(NULL);
	mm_put(mm);
	return why ? why : check_no_leak(start, what);
}

/* ------------------------------------------------------------- helpers */

static void __user *uptr(unsigned long addr)
{
	return (void __user *)addr;
}

static long map_anon(struct mm_struct *mm, unsigned long addr, unsigned long pages,
		     unsigned long prot, unsigned long flags)
{
	return do_mmap(mm, addr, pages * PG, prot, ANON_PRIVATE | flags, NULL, 0);
}

static u8 pattern(unsigned long seed, size_t i)
{
	return (u8)(seed * 31 + i * 7 + (i >> 9) + 1);
}

static void fill(u8 *p, size_t n, unsigned long seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pattern(seed, i);
}

static bool holds(const u8 *p, size_t n, unsigned long seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != pattern(seed, i))
			return false;
	return true;
}

/* Write seed's pattern over the n (<= 2 pages) user bytes at addr. */
static int put_pattern(unsigned long addr, size_t n, unsigned long seed)
{
	fill(kbuf2, n, seed);
	return copy_to_user(uptr(addr), kbuf2, n);
}

/* Do the n (<= 2 pages) user bytes at addr hold seed's pattern? */
static bool has_pattern(unsigned long addr, size_t n, unsigned long seed)
{
	return copy_from_user(kbuf2, uptr(addr), n) == 0 && holds(kbuf2, n, seed);
}

/* Page i of the n pages at addr gets the pattern of seed + i. */
static int write_pages(unsigned long addr, unsigned long n, unsigned long seed)
{
	for (unsigned long i = 0; i < n; i++) {
		int err = put_pattern(addr + i * PG, PG, seed + i);

		if (err)
			return err;
	}
	return 0;
}

static bool pages_hold(unsigned long addr, unsigned long n, unsigned long seed)
{
	for (unsigned long i = 0; i < n; i++)
		if (!has_pattern(addr + i * PG, PG, seed + i))
			return false;
	return true;
}

/* Are the n (<= 2 pages) user bytes at addr readable and all zero? */
static bool user_zero(unsigned long addr, size_t n)
{
	if (copy_from_user(kbuf2, uptr(addr), n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (kbuf2[i])
			return false;
	return true;
}

static bool readable(unsigned long addr)
{
	return copy_from_user(kbuf, uptr(addr), 1) == 0;
}

static bool writable(unsigned long addr)
{
	return copy_to_user(uptr(addr), kbuf, 1) == 0;
}

/* ------------------------------------------------------ life, switch */

KTEST(mm_create_switch_destroy)
{
	unsigned long start = mm_baseline();
	u64 satp0 = tlb_stats.satp_writes;
	struct mm_struct *mm = mm_create();
	struct mm_stats st;

	if (IS_ERR(mm))
		return ktest_fail("mm_create: %ld", PTR_ERR(mm));
	if (memcmp(&mm->pgd[USER_PGD_ENTRIES], &kernel_pgd[USER_PGD_ENTRIES],
		   USER_PGD_ENTRIES * sizeof(pte_t)))
		return ktest_fail("kernel half not copied into the new root");
	mm_stats_read(&st);
	if (st.mm_live != 1 || st.pt_pages != 1 || mm->rss || mm->vmas.count)
		return ktest_fail("new mm: %lu live, %lu tables, rss %lu", st.mm_live, st.pt_pages,
				  mm->rss);
	mm_switch(mm);
	mm_switch(mm);   /* the same mm again: no satp write */
	if (tlb_stats.satp_writes != satp0 + 1 || mm->cpumask != 1UL << smp_processor_id())
		return ktest_fail("switch: %lu satp writes, cpumask %#lx",
				  (unsigned long)(tlb_stats.satp_writes - satp0), mm->cpumask);
	if ((csr_read(satp) & ((1UL << 44) - 1)) != __pa(mm->pgd) >> PAGE_SHIFT)
		return ktest_fail("satp does not point at the mm's root");
	mm_switch(NULL);
	if (mm->cpumask || tlb_stats.satp_writes != satp0 + 2 || csr_read(satp) != kernel_satp)
		return ktest_fail("switch back: cpumask %#lx, satp %#lx", mm->cpumask,
				  csr_read(satp));
	mm_switch(mm);
	return test_mm_leave(mm, NULL, start, "create/destroy");
}

/* The last user goes while the mm is loaded: the root lives until the switch away. */
KTEST(mm_put_while_active)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	if (!mm)
		return ktest_fail("mm_create failed");
	if (map_anon(mm, UBASE, 4, RW, 0) != (long)UBASE || write_pages(UBASE, 4, 1))
		return ktest_fail("map/write failed");
	mm_put(mm);   /* user half torn down, root still in satp */
	if (mm_active() != mm || readable(UBASE))
		return ktest_fail("a dead mm still maps user memory");
	mm_switch(NULL);   /* the last reference: root and struct freed */
	return check_no_leak(start, "put while active");
}

/* --------------------------------------------------- user copies, faults */

static const char *anon_roundtrip(struct mm_struct *mm)
{
	unsigned long addr = UBASE + 100;
	size_t n = PG + 500;
	struct mm_stats s0, s1;

	if (map_anon(mm, UBASE, 16, RW, 0) != (long)UBASE)
		return ktest_fail("mmap failed");
	mm_stats_read(&s0);
	if (!user_zero(UBASE + PG - 10, 2 * PG))   /* untouched memory reads zero */
		return ktest_fail("demand-zero pages are not zero");
	mm_stats_read(&s1);
	if (s1.faults_anon - s0.faults_anon != 3 || mm->rss != 3)
		return ktest_fail("3 pages read: %lu demand-zero faults, rss %lu",
				  s1.faults_anon - s0.faults_anon, mm->rss);
	/* Across the boundaries of pages 0/1 and 3/4 (page 3 untouched so far). */
	if (put_pattern(addr, n, 7) || put_pattern(UBASE + 4 * PG - 300, 600, 8))
		return ktest_fail("copy_to_user across pages failed");
	if (!has_pattern(addr, n, 7) || !has_pattern(UBASE + 4 * PG - 300, 600, 8))
		return ktest_fail("copy_from_user does not give back what was written");
	if (!user_zero(UBASE, 100) || !user_zero(addr + n, 2 * PG - 100 - n))
		return ktest_fail("bytes around the copy changed");
	mm_stats_read(&s0);
	if (mm->rss != 5 || s0.faults_anon - s1.faults_anon != 2)
		return ktest_fail("rss %lu after touching 5 pages", mm->rss);
	return NULL;
}

KTEST(mm_anon_copy_roundtrip)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? anon_roundtrip(mm) : NULL, start, "anon roundtrip");
}

static const char *get_put_user_body(struct mm_struct *mm)
{
	unsigned long a = UBASE + PG - 3;   /* straddles a page boundary */
	u8 b = 0;
	u16 h = 0;
	s32 w = 0;
	u64 d = 0;
	void *p = NULL;

	if (map_anon(mm, UBASE, 2, RW, 0) < 0)
		return ktest_fail("mmap failed");
	if (put_user((u64)0x1122334455667788ULL, (u64 __user *)uptr(a)) ||
	    get_user(d, (u64 __user *)uptr(a)) || d != 0x1122334455667788ULL)
		return ktest_fail("u64 across a page: %#lx", (unsigned long)d);
	if (put_user((s32)-5, (s32 __user *)uptr(a + 1)) ||
	    get_user(w, (s32 __user *)uptr(a + 1)) || w != -5)
		return ktest_fail("s32: %d", w);
	if (put_user((u16)0xbeef, (u16 __user *)uptr(a)) || get_user(h, (u16 __user *)uptr(a)) ||
	    h != 0xbeef || get_user(b, (const u8 __user *)uptr(a + 1)) || b != 0xbe)
		return ktest_fail("u16/u8: %#x %#x", h, b);
	if (put_user((void *)kbuf, (void *__user *)uptr(UBASE)) ||
	    get_user(p, (void *const __user *)uptr(UBASE)) || p != kbuf)
		return ktest_fail("pointer round trip");
	d = 1;
	if (get_user(d, (u64 __user *)uptr(UBASE + 2 * PG)) != -EFAULT || d != 0)
		return ktest_fail("get_user of an unmapped address: no -EFAULT or x not zeroed");
	if (put_user(d, (u64 __user *)uptr(UBASE + 2 * PG - 4)) != -EFAULT)
		return ktest_fail("put_user running off the mapping did not fail");
	return NULL;
}

KTEST(mm_get_put_user)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? get_put_user_body(mm) : NULL, start, "get/put_user");
}

static int kernel_variable = 42;

/* Every routine on [addr, addr + n) must give -EFAULT (and not touch kernel memory). */
static const char *all_fault(unsigned long addr, size_t n, const char *what)
{
	u64 v = 0;

	if (copy_from_user(kbuf2, uptr(addr), n) != -EFAULT)
		return ktest_fail("copy_from_user(%s) did not fail", what);
	if (copy_to_user(uptr(addr), kbuf, n) != -EFAULT)
		return ktest_fail("copy_to_user(%s) did not fail", what);
	if (clear_user(uptr(addr), n) != -EFAULT)
		return ktest_fail("clear_user(%s) did not fail", what);
	if (n <= 8 && get_user(v, (u64 __user *)uptr(addr)) != -EFAULT)
		return ktest_fail("get_user(%s) did not fail", what);
	if (n <= 8 && put_user(v, (u64 __user *)uptr(addr)) != -EFAULT)
		return ktest_fail("put_user(%s) did not fail", what);
	if (strncpy_from_user((char *)kbuf2, (const char __user *)uptr(addr), 64) != -EFAULT)
		return ktest_fail("strncpy_from_user(%s) did not fail", what);
	return NULL;
}

static const char *bad_pointers_body(struct mm_struct *mm)
{
	const char *why;

	if (map_anon(mm, UBASE, 2, RW, 0) < 0 ||
	    map_anon(mm, USER_TOP - PG, 1, RW, MAP_FIXED) < 0 || put_pattern(UBASE, PG, 3) ||
	    copy_to_user(uptr(USER_TOP - 1), "x", 1))   /* a string running into USER_TOP */
		return ktest_fail("mmap failed");
	if ((why = all_fault((unsigned long)&kernel_variable, sizeof(kernel_variable),
			     "kernel variable")) ||
	    (why = all_fault((unsigned long)kbuf, 8, "kernel buffer")) ||
	    (why = all_fault(0, 8, "NULL")) ||
	    (why = all_fault(USER_TOP - 1, 2, "USER_TOP-1, 2 bytes")) ||
	    (why = all_fault(USER_TOP, 1, "USER_TOP")) ||
	    (why = all_fault(~0UL - 3, 8, "wrapping")) ||
	    (why = all_fault(UBASE + 2 * PG, 8, "unmapped")))
		return why;
	/* Huge lengths: refused before anything is touched, the kernel buffer included. */
	if (copy_from_user(kbuf, uptr(UBASE), ~0UL) != -EFAULT ||
	    copy_from_user(kbuf, uptr(UBASE), USER_TOP) != -EFAULT ||
	    copy_to_user(uptr(UBASE), kbuf, ~0UL) != -EFAULT ||
	    copy_to_user(uptr(UBASE), kbuf, USER_TOP) != -EFAULT ||
	    clear_user(uptr(UBASE), ~0UL / 2) != -EFAULT ||
	    copy_to_user(uptr(UBASE + PG), kbuf, PG + 1) != -EFAULT)
		return ktest_fail("a huge or overrunning length did not fail");
	if (kernel_variable != 42 || !has_pattern(UBASE, PG, 3))
		return ktest_fail("a failed call changed memory it must not");
	if (!writable(USER_TOP - 1) || copy_from_user(kbuf, uptr(0), 0))
		return ktest_fail("the last user byte, or 0 bytes at NULL, failed");
	mm_switch(NULL);
	why = all_fault(UBASE, 8, "no active mm");
	mm_switch(mm);
	return why;
}

KTEST(mm_bad_user_pointers)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? bad_pointers_body(mm) : NULL, start, "bad pointers");
}

/* A failed copy_from_user zero-fills the rest of the kernel buffer. */
static const char *partial_copy_body(struct mm_struct *mm)
{
	if (map_anon(mm, UBASE, 1, RW, 0) < 0 || put_pattern(UBASE, PG, 4))
		return ktest_fail("setup failed");
	memset(kbuf2, 0xee, 2 * PG);
	if (copy_from_user(kbuf2, uptr(UBASE + 100), 2 * PG - 200) != -EFAULT)
		return ktest_fail("copy over the end of the mapping did not fail");
	fill(kbuf, PG, 4);
	if (memcmp(kbuf2, kbuf + 100, PG - 100))
		return ktest_fail("the readable part was not copied");
	for (size_t i = PG - 100; i < 2 * PG - 200; i++)
		if (kbuf2[i])
			return ktest_fail("byte %zu of the failed part not zeroed", i);
	return kbuf2[2 * PG - 200] == 0xee ? NULL : ktest_fail("zeroed past the length");
}

KTEST(mm_partial_copy)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? partial_copy_body(mm) : NULL, start, "partial copy");
}

static const char *strncpy_body(struct mm_struct *mm)
{
	static const char hello[] = "hello, kestrel";
	char *dst = (char *)kbuf;
	unsigned long cross = UBASE + PG - 5, tail = UBASE + 2 * PG - 6;

	if (map_anon(mm, UBASE, 2, RW, 0) < 0)
		return ktest_fail("mmap failed");
	if (copy_to_user(uptr(UBASE), hello, sizeof(hello)) ||
	    copy_to_user(uptr(cross), hello, sizeof(hello)))
		return ktest_fail("copy_to_user failed");
	if (strncpy_from_user(dst, uptr(UBASE), 64) != 14 || strcmp(dst, hello))
		return ktest_fail("plain string: '%s'", dst);
	if (strncpy_from_user(dst, uptr(cross), 64) != 14 || strcmp(dst, hello))
		return ktest_fail("string across pages: '%s'", dst);
	memset(dst, 'x', 16);
	if (strncpy_from_user(dst, uptr(UBASE), 5) != 5 || memcmp(dst, "hello", 5) || dst[5] != 'x')
		return ktest_fail("limit 5: not 5 unterminated bytes");
	if (strncpy_from_user(dst, uptr(UBASE), 15) != 14 || strncpy_from_user(dst, uptr(UBASE), 0))
		return ktest_fail("limit just past the NUL, or 0");
	/* No NUL before the end of the mapping: stops at the unmapped page. */
	if (copy_to_user(uptr(tail), "abcdef", 6) ||
	    strncpy_from_user(dst, uptr(tail), 100) != -EFAULT)
		return ktest_fail("a string running into an unmapped page did not fail");
	if (strncpy_from_user(dst, uptr(tail), 6) != 6 || memcmp(dst, "abcdef", 6))
		return ktest_fail("the 6 bytes before the unmapped page");
	return NULL;
}

KTEST(mm_strncpy_from_user)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? strncpy_body(mm) : NULL, start, "strncpy_from_user");
}

/* --------------------------------------------------------------- fork */

static unsigned long cow_copies(void)
{
	struct mm_stats st;

	mm_stats_read(&st);
	return st.cow_copies;
}

static unsigned long cow_reuses(void)
{
	struct mm_stats st;

	mm_stats_read(&st);
	return st.cow_reuses;
}

/* Parent and child each see only their own writes. */
static const char *fork_cow_both(struct mm_struct *parent, struct mm_struct **childp)
{
	struct mm_struct *child;
	unsigned long c0, r0;

	if (map_anon(parent, UBASE, 8, RW, 0) < 0 || write_pages(UBASE, 8, 10))
		return ktest_fail("parent setup failed");
	child = *childp = mm_dup(parent);
	if (IS_ERR(child)) {
		*childp = NULL;
		return ktest_fail("mm_dup: %ld", PTR_ERR(child));
	}
	if (child->rss != 8 || child->vmas.count != 1)
		return ktest_fail("child rss %lu, %lu VMAs", child->rss, child->vmas.count);
	/* The parent breaks COW on its page 0 (a copy), before the counting starts. */
	if (!writable(UBASE))
		return ktest_fail("parent write after fork failed");
	c0 = cow_copies();
	r0 = cow_reuses();
	mm_switch(child);
	if (put_pattern(UBASE + PG, PG, 20) || !pages_hold(UBASE + 2 * PG, 6, 12))
		return ktest_fail("child write/read failed");
	if (put_pattern(UBASE, 16, 21))   /* child page 0: the parent copied, so one owner */
		return ktest_fail("child write of page 0 failed");
	mm_switch(parent);
	if (!pages_hold(UBASE + PG, 7, 11) || put_pattern(UBASE + 2 * PG, PG, 22))
		return ktest_fail("the parent sees the child's write");
	mm_switch(child);
	if (!has_pattern(UBASE + PG, PG, 20) || !pages_hold(UBASE + 2 * PG, 6, 12) ||
	    !has_pattern(UBASE, 16, 21))
		return ktest_fail("the child sees the parent's write");
	/* Copies: child page 1, parent page 2. Reuse: child page 0. */
	if (cow_copies() - c0 != 2 || cow_reuses() - r0 != 1)
		return ktest_fail("COW: %lu copies, %lu reuses (want 2, 1)", cow_copies() - c0,
				  cow_reuses() - r0);
	return mm_validate(parent) ?: mm_validate(child);
}

/* The parent has gone: the child owns every page alone and copies nothing. */
static const char *fork_cow_orphan(struct mm_struct *child)
{
	unsigned long c0 = cow_copies(), r0 = cow_reuses();

	mm_switch(child);
	if (write_pages(UBASE + 3 * PG, 5, 30))
		return ktest_fail("child write after the parent left failed");
	if (cow_copies() != c0 || cow_reuses() - r0 != 5)
		return ktest_fail("after the parent left: %lu copies, %lu reuses (want 0, 5)",
				  cow_copies() - c0, cow_reuses() - r0);
	return mm_validate(child);
}

KTEST(mm_fork_cow)
{
	unsigned long start = mm_baseline();
	struct mm_struct *parent = test_mm_enter(), *child = NULL;
	const char *why = parent ? fork_cow_both(parent, &child) : ktest_fail("mm_create failed");

	mm_switch(NULL);
	if (parent)
		mm_put(parent);   /* the parent exits first */
	if (!why && child)
		why = fork_cow_orphan(child);
	mm_switch(NULL);
	if (child)
		mm_put(child);
	return why ? why : check_no_leak(start, "fork cow");
}

/* Shared anonymous memory stays shared (and writable) across fork. */
static const char *fork_shared_body(struct mm_struct *mm)
{
	long a = do_mmap(mm, 0, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, NULL, 0);
	unsigned long c0 = cow_copies();
	struct mm_struct *child;
	const char *why = NULL;

	if (a < 0 || write_pages((unsigned long)a, 2, 1))
		return ktest_fail("shared map failed: %ld", a);
	child = mm_dup(mm);
	if (IS_ERR(child))
		return ktest_fail("mm_dup failed");
	mm_switch(child);
	if (put_pattern((unsigned long)a + PG, PG, 9))
		why = ktest_fail("child write failed");
	mm_switch(mm);
	if (!why && (!has_pattern((unsigned long)a + PG, PG, 9) || !has_pattern((unsigned long)a, PG, 1)))
		why = ktest_fail("the parent does not see the child's write to shared memory");
	if (!why && cow_copies() != c0)
		why = ktest_fail("a shared page was copied");
	if (!why)
		why = mm_validate(child);
	mm_put(child);
	return why;
}

KTEST(mm_fork_shared_anon)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? fork_shared_body(mm) : NULL, start, "fork shared");
}

#define STORM_KIDS 24
#define STORM_PAGES 32

/* Each child writes its own pages; every third forks from the previous child. */
static const char *storm_fork(struct mm_struct *root, struct mm_struct **kids, int *n)
{
	for (*n = 0; *n < STORM_KIDS; (*n)++) {
		int i = *n;
		struct mm_struct *from = (i % 3 == 2) ? kids[i - 1] : root;

		kids[i] = mm_dup(from);
		if (IS_ERR(kids[i]))
			return ktest_fail("dup %d failed", i);
		mm_switch(kids[i]);
		if (put_pattern(UBASE + (i % 4) * PG, PG, 1000 + i) ||
		    put_pattern(UBASE + (4 + i % 28) * PG, 16, 2000 + i)) {
			(*n)++;   /* kids[i] exists: the caller puts it */
			return ktest_fail("write in child %d failed", i);
		}
	}
	return NULL;
}

static const char *storm_check(struct mm_struct *root, struct mm_struct **kids, int n)
{
	for (int i = 0; i < n; i++) {
		const char *why;

		mm_switch(kids[i]);
		if (!has_pattern(UBASE + (i % 4) * PG, PG, 1000 + i) ||
		    !has_pattern(UBASE + (4 + i % 28) * PG, 16, 2000 + i))
			return ktest_fail("child %d lost its write", i);
		if ((why = mm_validate(kids[i])))
			return why;
	}
	mm_switch(root);
	return pages_hold(UBASE, 4, 100) ? NULL : ktest_fail("the root sees a child's write");
}

static const char *fork_storm_body(struct mm_struct *root)
{
	static struct mm_struct *kids[STORM_KIDS];
	const char *why;
	int n = 0;

	if (map_anon(root, UBASE, STORM_PAGES, RW, 0) < 0 || write_pages(UBASE, 4, 100))
		return ktest_fail("setup failed");
	why = storm_fork(root, kids, &n);
	if (!why)
		why = storm_check(root, kids, n);
	mm_switch(root);
	for (int i = 0; i < n; i++)   /* in a scrambled order: 7 is prime to 24 */
		mm_put(kids[n == STORM_KIDS ? (i * 7) % STORM_KIDS : i]);
	return why;
}

KTEST(mm_fork_storm)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? fork_storm_body(mm) : NULL, start, "fork storm");
}

/* --------------------------------------------------------- protection */

static const char *prot_body(struct mm_struct *mm)
{
	if (map_anon(mm, UBASE, 2, PROT_READ, 0) < 0 ||
	    map_anon(mm, UBASE + 4 * PG, 2, PROT_NONE, 0) < 0 ||
	    map_anon(mm, UBASE + 8 * PG, 1, PROT_WRITE, 0) < 0 ||
	    map_anon(mm, UBASE + 12 * PG, 1, PROT_EXEC, 0) < 0)
		return ktest_fail("mmap failed");
	if (!user_zero(UBASE, 2 * PG))
		return ktest_fail("PROT_READ: read failed");
	if (writable(UBASE) || clear_user(uptr(UBASE + PG), 8) != -EFAULT)
		return ktest_fail("PROT_READ: a write succeeded");
	if (readable(UBASE + 4 * PG) || writable(UBASE + 5 * PG))
		return ktest_fail("PROT_NONE: an access succeeded");
	if (handle_mm_fault(mm, UBASE, FAULT_EXEC) != -EFAULT ||
	    handle_mm_fault(mm, UBASE, FAULT_WRITE) != -EFAULT || handle_mm_fault(mm, UBASE, FAULT_READ))
		return ktest_fail("handle_mm_fault on PROT_READ: wrong answers");
	if (put_pattern(UBASE + 8 * PG, 64, 3) || !has_pattern(UBASE + 8 * PG, 64, 3))
		return ktest_fail("PROT_WRITE alone: not readable and writable");
	if (handle_mm_fault(mm, UBASE + 12 * PG, FAULT_EXEC) || readable(UBASE + 12 * PG))
		return ktest_fail("PROT_EXEC alone: exec fault refused or data readable");
	if (handle_mm_fault(mm, UBASE + 20 * PG, FAULT_READ) != -EFAULT)
		return ktest_fail("a fault where nothing is mapped did not fail");
	return NULL;
}

KTEST(mm_protection)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? prot_body(mm) : NULL, start, "protection");
}

/* Split a 6-page region by mprotect; check each page; merge back. */
static const char *mprotect_body(struct mm_struct *mm)
{
	u64 flushes0;

	if (map_anon(mm, UBASE, 6, RW, 0) < 0 || write_pages(UBASE, 6, 1))
		return ktest_fail("setup failed");
	flushes0 = tlb_stats.local_flushes;
	if (do_mprotect(mm, UBASE + 2 * PG, 2 * PG, PROT_READ) || mm->vmas.count != 3)
		return ktest_fail("mprotect of the middle: %lu VMAs", mm->vmas.count);
	if (tlb_stats.local_flushes != flushes0 + 1)
		return ktest_fail("a downgrade of 2 pages: %lu local flushes, want 1",
				  (unsigned long)(tlb_stats.local_flushes - flushes0));
	for (unsigned long i = 0; i < 6; i++) {
		bool ro = i == 2 || i == 3;

		if (writable(UBASE + i * PG + 8) == ro)
			return ktest_fail("page %lu: write %s", i, ro ? "allowed" : "refused");
	}
	if (!pages_hold(UBASE + 2 * PG, 2, 3))
		return ktest_fail("read-only pages lost their data");
	if (do_mprotect(mm, UBASE + 3 * PG, PG, PROT_NONE) || readable(UBASE + 3 * PG) ||
	    mm->vmas.count != 4)
		return ktest_fail("PROT_NONE page still readable, or %lu VMAs", mm->vmas.count);
	flushes0 = tlb_stats.local_flushes;
	if (do_mprotect(mm, UBASE, 6 * PG, RW) || mm->vmas.count != 1)
		return ktest_fail("mprotect back: %lu VMAs (want 1, merged)", mm->vmas.count);
	if (tlb_stats.local_flushes != flushes0)
		return ktest_fail("an upgrade flushed the TLB");
	if (!pages_hold(UBASE + 2 * PG, 2, 3))   /* the PROT_NONE page kept its data */
		return ktest_fail("data lost across PROT_NONE");
	if (write_pages(UBASE + 2 * PG, 2, 40) || !pages_hold(UBASE + 2 * PG, 2, 40))
		return ktest_fail("writing after mprotect back failed");
	return NULL;
}

static const char *mprotect_errors(struct mm_struct *mm)
{
	if (do_mprotect(mm, UBASE + 1, PG, PROT_READ) != -EINVAL ||
	    do_mprotect(mm, UBASE, PG, 0x100) != -EINVAL ||
	    do_mprotect(mm, UBASE, PG, PROT_READ | PROT_GROWSDOWN) != -EINVAL)
		return ktest_fail("bad address or prot not -EINVAL");
	if (do_mprotect(mm, UBASE, 0, PROT_READ))
		return ktest_fail("len 0 not a success");
	if (do_mprotect(mm, UBASE + 200 * PG, PG, PROT_READ) != -ENOMEM ||
	    do_mprotect(mm, UBASE + 5 * PG, 2 * PG, PROT_READ) != -ENOMEM ||
	    do_mprotect(mm, USER_TOP - PG, 2 * PG, PROT_READ) != -ENOMEM)
		return ktest_fail("unmapped range not -ENOMEM");
	return writable(UBASE + 5 * PG) ? NULL : ktest_fail("a failed mprotect changed a page");
}

KTEST(mm_mprotect_split)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();
	const char *why = NULL;

	if (mm && !(why = mprotect_body(mm)))
		why = mprotect_errors(mm);
	return test_mm_leave(mm, why, start, "mprotect");
}

/* ----------------------------------------------------- munmap, FIXED */

static const char *munmap_body(struct mm_struct *mm)
{
	unsigned long tables;

	if (map_anon(mm, UBASE, 8, RW, 0) < 0 || write_pages(UBASE, 8, 1))
		return ktest_fail("setup failed");
	if (do_munmap(mm, UBASE + 3 * PG, 2 * PG) || mm->vmas.count != 2 || mm->rss != 6)
		return ktest_fail("munmap of the middle: %lu VMAs, rss %lu", mm->vmas.count, mm->rss);
	if (readable(UBASE + 3 * PG) || readable(UBASE + 5 * PG - 1))
		return ktest_fail("the unmapped middle is still readable");
	if (!pages_hold(UBASE, 3, 1) || !pages_hold(UBASE + 5 * PG, 3, 6))
		return ktest_fail("the neighbours changed");
	if (do_munmap(mm, UBASE + 1, PG) != -EINVAL || do_munmap(mm, UBASE, 0) != -EINVAL ||
	    do_munmap(mm, USER_TOP - PG, 2 * PG) != -EINVAL ||
	    do_munmap(mm, UBASE, ~0UL - PG) != -EINVAL || do_munmap(mm, UBASE + 100 * PG, PG))
		return ktest_fail("munmap argument errors");
	/* Everything away: the page tables of the hole go too. */
	tables = mm->pt_pages;
	if (do_munmap(mm, UBASE, 8 * PG) || mm->vmas.count || mm->rss || mm->pt_pages)
		return ktest_fail("after munmap of all: %lu VMAs, rss %lu, %lu of %lu tables",
				  mm->vmas.count, mm->rss, mm->pt_pages, tables);
	return NULL;
}

KTEST(mm_munmap_middle)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? munmap_body(mm) : NULL, start, "munmap");
}

/* Tables shared with a neighbour stay; tables only the hole used go. */
static const char *munmap_tables_body(struct mm_struct *mm)
{
	unsigned long big = UBASE + 0x200000 - 2 * PG;   /* 2 pages before a 2 MiB boundary */

	if (map_anon(mm, big, 4 + 512, RW, MAP_FIXED) < 0)
		return ktest_fail("mmap failed");
	for (unsigned long i = 0; i < 4 + 512; i += 64)
		if (!writable(big + i * PG))
			return ktest_fail("touch failed");
	if (!writable(big + (515 * PG)) || mm->pt_pages != 4)   /* pmd + 3 level-0 tables */
		return ktest_fail("%lu tables for 3 spans of 2 MiB", mm->pt_pages);
	/* The middle 2 MiB span exactly: its table is freed, the others stay. */
	if (do_munmap(mm, UBASE + 0x200000, 0x200000) || mm->pt_pages != 3)
		return ktest_fail("munmap of a whole span: %lu tables (want 3)", mm->pt_pages);
	if (!readable(big) || !readable(big + 515 * PG))
		return ktest_fail("the neighbours lost their pages");
	return NULL;
}

KTEST(mm_munmap_frees_tables)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? munmap_tables_body(mm) : NULL, start, "munmap tables");
}

static const char *map_fixed_body(struct mm_struct *mm)
{
	long a;

	if (map_anon(mm, UBASE, 4, RW, 0) != (long)UBASE || write_pages(UBASE, 4, 1))
		return ktest_fail("setup failed");
	if (map_anon(mm, UBASE + PG, 2, PROT_READ, MAP_FIXED_NOREPLACE) != -EEXIST ||
	    map_anon(mm, UBASE + 3 * PG, 2, PROT_READ, MAP_FIXED_NOREPLACE) != -EEXIST ||
	    !pages_hold(UBASE, 4, 1))
		return ktest_fail("MAP_FIXED_NOREPLACE over a mapping: not -EEXIST, or memory changed");
	if (map_anon(mm, UBASE + PG, 2, PROT_READ, MAP_FIXED) != (long)(UBASE + PG) ||
	    mm->vmas.count != 3 || mm->rss != 2)
		return ktest_fail("MAP_FIXED over the middle: %lu VMAs, rss %lu", mm->vmas.count,
				  mm->rss);
	if (!user_zero(UBASE + PG, 2 * PG) || !pages_hold(UBASE, 1, 1) ||
	    !pages_hold(UBASE + 3 * PG, 1, 4) || writable(UBASE + PG))
		return ktest_fail("MAP_FIXED did not replace exactly its range");
	a = map_anon(mm, UBASE + 4 * PG, 1, PROT_READ, MAP_FIXED_NOREPLACE);
	if (a != (long)(UBASE + 4 * PG))
		return ktest_fail("MAP_FIXED_NOREPLACE in a free range: %ld", a);
	/* A free hint is taken; a used one is not, and the kernel picks below mmap_base. */
	if (map_anon(mm, UBASE + 64 * PG, 1, PROT_READ, 0) != (long)(UBASE + 64 * PG))
		return ktest_fail("a free hint was not used");
	a = map_anon(mm, UBASE, 1, PROT_READ, 0);
	if (a < (long)MMAP_MIN_ADDR || (a >= (long)UBASE && a < (long)(UBASE + 5 * PG)) ||
	    (a & (PG - 1)) || a >= (long)mm->mmap_base)
		return ktest_fail("a used hint gave %#lx", a);
	return NULL;
}

static const char *mmap_errors(struct mm_struct *mm)
{
	static const struct { unsigned long addr, len, flags; long want; } cases[] = {
		{ UBASE + 1, PG, ANON_PRIVATE | MAP_FIXED, -EINVAL },
		{ UBASE, 0, ANON_PRIVATE, -EINVAL },
		{ UBASE, PG, MAP_ANONYMOUS, -EINVAL },                   /* no type */
		{ UBASE, PG, MAP_ANONYMOUS | 0x0f, -EINVAL },
		{ USER_TOP - PG, 2 * PG, ANON_PRIVATE | MAP_FIXED, -ENOMEM },
		{ USER_TOP, PG, ANON_PRIVATE | MAP_FIXED_NOREPLACE, -ENOMEM },
		{ 0, USER_TOP + 1, ANON_PRIVATE, -ENOMEM },
		{ 0, ~0UL, ANON_PRIVATE, -ENOMEM },
		{ 0x1000, PG, ANON_PRIVATE | MAP_FIXED, -EPERM },
		{ UBASE, PG, MAP_PRIVATE, -EBADF },                      /* a file mapping, no file */
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		long got = do_mmap(mm, cases[i].addr, cases[i].len, PROT_READ, cases[i].flags, NULL, 0);

		if (got != cases[i].want)
			return ktest_fail("mmap case %u: %ld, want %ld", i, got, cases[i].want);
	}
	return NULL;
}

KTEST(mm_map_fixed_replace)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();
	const char *why = NULL;

	if (mm && !(why = map_fixed_body(mm)))
		why = mmap_errors(mm);
	return test_mm_leave(mm, why, start, "map fixed");
}

static const char *populate_body(struct mm_struct *mm)
{
	struct mm_stats s0, s1;

	mm_stats_read(&s0);
	if (map_anon(mm, UBASE, 16, RW, MAP_POPULATE | MAP_NORESERVE) < 0 || mm->rss != 16)
		return ktest_fail("MAP_POPULATE: rss %lu of 16", mm->rss);
	if (write_pages(UBASE, 16, 3))
		return ktest_fail("write failed");
	mm_stats_read(&s1);
	if (s1.faults_anon - s0.faults_anon != 16 || s1.cow_copies != s0.cow_copies ||
	    s1.cow_reuses != s0.cow_reuses)
		return ktest_fail("populated pages faulted again");
	return NULL;
}

KTEST(mm_map_populate)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? populate_body(mm) : NULL, start, "populate");
}

/* --------------------------------------------------- brk, madvise, stack */

static const char *brk_body(struct mm_struct *mm)
{
	unsigned long b = UBASE + 0x100000, rss;

	mm_brk_init(mm, b);
	if (do_brk(mm, b + 3 * PG + 100) || mm->brk != b + 3 * PG + 100 || mm->vmas.count != 1)
		return ktest_fail("brk up: brk %#lx, %lu VMAs", mm->brk, mm->vmas.count);
	if (write_pages(b, 4, 4) || writable(b + 4 * PG))
		return ktest_fail("the heap is not exactly 4 pages");
	rss = mm->rss;
	if (do_brk(mm, b + PG) || mm->rss != rss - 3 || readable(b + PG))
		return ktest_fail("brk down: rss %lu (was %lu)", mm->rss, rss);
	if (do_brk(mm, b + 2 * PG) || !user_zero(b + PG, PG) || !pages_hold(b, 1, 4))
		return ktest_fail("the regrown heap is not zero, or the kept page changed");
	if (do_brk(mm, b - 1) != -EINVAL || mm->brk != b + 2 * PG)
		return ktest_fail("brk below its start");
	if (map_anon(mm, b + 8 * PG, 1, PROT_READ, MAP_FIXED) < 0 ||
	    do_brk(mm, b + 9 * PG) != -ENOMEM || mm->brk != b + 2 * PG || do_brk(mm, b + 8 * PG))
		return ktest_fail("brk into a mapping, or right up to it");
	if (do_brk(mm, USER_TOP + PG) != -ENOMEM || do_brk(mm, b))
		return ktest_fail("brk beyond USER_TOP, or back to empty");
	return mm->vmas.count == 1 ? NULL : ktest_fail("%lu VMAs after brk to empty", mm->vmas.count);
}

KTEST(mm_brk_up_down)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? brk_body(mm) : NULL, start, "brk");
}

static const char *madvise_body(struct mm_struct *mm)
{
	if (map_anon(mm, UBASE, 4, RW, 0) < 0 || write_pages(UBASE, 4, 6))
		return ktest_fail("setup failed");
	if (do_madvise_dontneed(mm, UBASE + PG, 2 * PG) || mm->rss != 2)
		return ktest_fail("DONTNEED: rss %lu", mm->rss);
	if (!user_zero(UBASE + PG, 2 * PG) || !pages_hold(UBASE, 1, 6) || !pages_hold(UBASE + 3 * PG, 1, 9))
		return ktest_fail("DONTNEED pages not zero-filled, or a neighbour changed");
	if (do_madvise_dontneed(mm, UBASE + 1, PG) != -EINVAL || do_madvise_dontneed(mm, UBASE, 0))
		return ktest_fail("unaligned or empty madvise");
	/* A hole in the range: the mapped part is dropped, then -ENOMEM. */
	if (do_madvise_dontneed(mm, UBASE, 8 * PG) != -ENOMEM || mm->rss != 0)
		return ktest_fail("madvise over a hole: rss %lu", mm->rss);
	return NULL;
}

KTEST(mm_madvise_dontneed)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? madvise_body(mm) : NULL, start, "madvise");
}

static const char *stack_body(struct mm_struct *mm)
{
	unsigned long top = UBASE + 0x4000000, s = top - 4 * PG;
	struct vm_area *vma;

	mm->stack_limit = 16 * PG;
	if (map_anon(mm, s, 4, RW, MAP_FIXED | MAP_GROWSDOWN) != (long)s)
		return ktest_fail("stack mmap failed");
	if (put_pattern(s - 3 * PG + 8, 16, 1) || mm->vmas.count != 1)
		return ktest_fail("an access below the stack did not grow it");
	vma = vma_find(&mm->vmas, s - PG);
	if (!vma || vma->start != s - 3 * PG || vma->end != top || !(vma->flags & VM_GROWSDOWN))
		return ktest_fail("the grown stack VMA is wrong");
	if (writable(top - 17 * PG))
		return ktest_fail("the stack grew past its limit");
	if (!writable(top - 16 * PG) || vma_find(&mm->vmas, top - 16 * PG)->start != top - 16 * PG)
		return ktest_fail("growth up to exactly the limit failed");
	/* A mapping inside the guard gap below stops growth. */
	mm->stack_limit = 1024 * PG;
	if (map_anon(mm, top - 17 * PG - MM_STACK_GUARD_GAP, 1, PROT_READ, MAP_FIXED) < 0)
		return ktest_fail("mapping below the stack failed");
	if (writable(top - 17 * PG))
		return ktest_fail("the stack grew into its guard gap");
	return NULL;
}

KTEST(mm_stack_growth)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? stack_body(mm) : NULL, start, "stack growth");
}

/* ------------------------------------------------------- file mappings */

#define TFILE_PAGES 4

/* A "file" whose pages the test's vm_operations hand out: its own page cache. */
struct test_file {
	struct page *pages[TFILE_PAGES];   /* one reference each: the "cache's" */
	int vmas;                           /* VMAs referring to it (open - close) */
};
static struct test_file tfile;

static int tfile_fault(struct vm_area *vma, unsigned long addr, struct page **page)
{
	struct test_file *f = vma->file;
	unsigned long idx = vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);

	if (idx >= TFILE_PAGES)
		return -EFAULT;   /* beyond the end of the file */
	if (!f->pages[idx]) {
		f->pages[idx] = alloc_page(__GFP_NOWARN);
		if (!f->pages[idx])
			return -ENOMEM;
		fill(page_address(f->pages[idx]), PG, 50 + idx);
	}
	get_page(f->pages[idx]);
	*page = f->pages[idx];
	return 0;
}

static void tfile_open(struct vm_area *vma)
{
	((struct test_file *)vma->file)->vmas++;
}

static void tfile_close(struct vm_area *vma)
{
	((struct test_file *)vma->file)->vmas--;
}

static const struct vm_operations tfile_ops = {
	.fault = tfile_fault,
	.open = tfile_open,
	.close = tfile_close,
};

static const char *file_private_body(struct mm_struct *mm, const struct mmap_file *mf)
{
	long a = do_mmap(mm, 0, 3 * PG, RW, MAP_PRIVATE, mf, 1);
	unsigned long c0;

	if (a < 0 || tfile.vmas != 1)
		return ktest_fail("private file mmap: %ld, %d VMAs", a, tfile.vmas);
	if (!has_pattern((unsigned long)a, PG, 51) || !has_pattern((unsigned long)a + PG, PG, 52))
		return ktest_fail("private file pages do not hold the file's data");
	c0 = cow_copies();
	if (put_pattern((unsigned long)a, 16, 9) || put_pattern((unsigned long)a + 2 * PG, 16, 9))
		return ktest_fail("private writes failed");
	/* One copy of a mapped file page, one straight from the file on a write fault. */
	if (cow_copies() - c0 != 2 || !holds(page_address(tfile.pages[1]), PG, 51) ||
	    !holds(page_address(tfile.pages[3]), PG, 53))
		return ktest_fail("a private write reached the file (%lu copies)", cow_copies() - c0);
	if (readable((unsigned long)a + 3 * PG))
		return ktest_fail("read past the mapping");
	if (do_munmap(mm, (unsigned long)a + PG, PG) || tfile.vmas != 2)
		return ktest_fail("split file VMA: %d VMAs refer to the file", tfile.vmas);
	return NULL;
}

static const char *file_shared_body(struct mm_struct *mm, const struct mmap_file *mf)
{
	long a = do_mmap(mm, 0, 2 * PG, RW, MAP_SHARED, mf, 2);
	long eof = do_mmap(mm, 0, 2 * PG, PROT_READ, MAP_SHARED, mf, TFILE_PAGES - 1);
	struct mm_struct *child;

	if (a < 0 || eof < 0)
		return ktest_fail("shared file mmap failed");
	if (put_pattern((unsigned long)a + PG, PG, 77) || !holds(page_address(tfile.pages[3]), PG, 77))
		return ktest_fail("a shared write did not reach the file");
	if (readable((unsigned long)eof + PG))
		return ktest_fail("a page beyond the end of the file was mapped");
	child = mm_dup(mm);
	if (IS_ERR(child))
		return ktest_fail("dup failed");
	mm_switch(child);
	if (put_pattern((unsigned long)a, PG, 78))
		return ktest_fail("child write failed");
	mm_switch(mm);
	mm_put(child);
	if (!has_pattern((unsigned long)a, PG, 78) || !holds(page_address(tfile.pages[2]), PG, 78))
		return ktest_fail("the child's shared write is not in the file");
	return NULL;
}

/* Release the test file's pages; they must be unmapped everywhere by now. */
static const char *tfile_release(const char *why)
{
	if (!why && tfile.vmas != 0)
		why = ktest_fail("%d VMAs still refer to the file", tfile.vmas);
	for (int i = 0; i < TFILE_PAGES; i++) {
		if (!tfile.pages[i])
			continue;
		if (!why && (atomic_read(&tfile.pages[i]->mapcount) ||
			     atomic_read(&tfile.pages[i]->refcount) != 1))
			why = ktest_fail("file page %d still mapped or referenced", i);
		put_page(tfile.pages[i]);
	}
	return why;
}

KTEST(mm_file_mapping)
{
	unsigned long start = mm_baseline();
	struct mmap_file mf = { .file = &tfile, .ops = &tfile_ops };
	struct mm_struct *mm = test_mm_enter();
	const char *why = mm ? NULL : ktest_fail("mm_create failed");

	memset(&tfile, 0, sizeof(tfile));
	if (!why && !(why = file_private_body(mm, &mf)))
		why = file_shared_body(mm, &mf);
	if (mm && !why)
		why = mm_validate(mm);
	mm_switch(NULL);
	if (mm)
		mm_put(mm);
	why = tfile_release(why);
	return why ? why : check_no_leak(start, "file mapping");
}

/* ------------------------------------------------------ out of memory */

static int oom_calls;
static struct page *oom_reserve;   /* given back by the hook on its first call */

static int test_oom_hook(void)
{
	oom_calls++;
	if (!oom_reserve)
		return 0;
	free_pages(oom_reserve, 1);
	oom_reserve = NULL;
	return 1;   /* memory freed: retry */
}

/* Take big blocks until about `leave` pages are free; chained through lru. */
static void hog_memory(struct list_head *held, unsigned long leave)
{
	for (int order = MAX_ORDER; order >= 0; order--) {
		while (nr_free_pages() > leave + (1UL << order)) {
			struct page *p = alloc_pages(__GFP_NOWARN, (unsigned int)order);

			if (!p)
				break;
			list_add(&p->lru, held);   /* an allocated page's lru is its owner's */
		}
	}
}

static void unhog_memory(struct list_head *held)
{
	struct page *p, *n;

	list_for_each_entry_safe(p, n, held, lru) {
		list_del(&p->lru);
		free_pages(p, page_flag_test(p, PG_head) ? p->order : 0);
	}
}

/* Touch a region bigger than memory until -ENOMEM; then fork that fails half-way. */
static const char *exhaust_body(struct mm_struct *mm)
{
	unsigned long pages = nr_free_pages() + 1024, touched = 0;
	long a = map_anon(mm, 0, pages, RW, MAP_NORESERVE);
	struct mm_struct *child;
	int err = 0;

	oom_reserve = alloc_pages(__GFP_NOWARN, 1);   /* 2 pages: a table and a page */
	if (a < 0 || !oom_reserve)
		return ktest_fail("MAP_NORESERVE mmap of %lu pages: %ld", pages, a);
	while (touched < pages && !(err = copy_to_user(uptr(a + touched * PG), kbuf, 1)))
		touched++;
	/* First failure: the hook frees the reserve, the retry succeeds; the second is final. */
	if (err != -ENOMEM || oom_calls != 2 || oom_reserve)
		return ktest_fail("exhaustion: %d after %lu of %lu pages, %d OOM hook calls", err,
				  touched, pages, oom_calls);
	if (mm->rss != touched || mm_validate(mm))
		return ktest_fail("rss %lu after %lu pages touched", mm->rss, touched);
	/* A few pages back: a dup gets its root and some tables, then fails and must unwind. */
	if (do_munmap(mm, (unsigned long)a, 6 * PG))
		return ktest_fail("munmap under memory pressure failed");
	child = mm_dup(mm);
	if (!IS_ERR(child)) {
		mm_put(child);
		return ktest_fail("mm_dup of %lu pages succeeded with no memory", mm->rss);
	}
	return PTR_ERR(child) == -ENOMEM ? NULL : ktest_fail("mm_dup: %ld", PTR_ERR(child));
}

KTEST(mm_exhaustion_oom)
{
	unsigned long start;
	LIST_HEAD(held);
	struct mm_struct *mm;
	const char *why;

	/* The OOM path frees caches (pages, dentries): empty them first, so the count is exact. */
	drop_caches_write(3);
	start = mm_baseline();

	hog_memory(&held, 4096);   /* keeps the test short on big machines */
	mm = test_mm_enter();
	int (*saved_hook)(void) = mm_oom_hook;   /* the OOM killer's */

	oom_calls = 0;
	mm_oom_hook = test_oom_hook;
	why = mm ? exhaust_body(mm) : ktest_fail("mm_create failed");
	mm_oom_hook = saved_hook;
	if (oom_reserve)
		free_pages(oom_reserve, 1);
	oom_reserve = NULL;
	mm_switch(NULL);
	if (mm)
		mm_put(mm);
	unhog_memory(&held);
	return why ? why : check_no_leak(start, "exhaustion");
}

/* ------------------------------------------------------------- SMP */

struct smp_read {
	struct mm_struct *mm;
	unsigned long addr;
	int result[NR_CPUS];   /* 1: read the data, 2: wrong data, <0: the error */
};
static struct smp_read smp_r;

/* On another hart (IPI handler): load the mm, read 64 bytes of page 3. */
static void smp_switch_and_read(void *arg)
{
	static u8 bufs[NR_CPUS][64];
	struct smp_read *r = arg;
	unsigned int me = smp_processor_id();
	int err;

	mm_switch(r->mm);
	err = copy_from_user(bufs[me], uptr(r->addr), 64);
	r->result[me] = err ? err : holds(bufs[me], 64, 12) ? 1 : 2;
}

static void smp_leave(void *arg)
{
	mm_switch(NULL);
}

static const char *smp_reads(int want, const char *when)
{
	for (unsigned int i = 1; i < nr_cpus; i++) {
		smp_r.result[i] = 99;
		if (ktest_call_on(i, smp_switch_and_read, &smp_r, true))
			return ktest_fail("call to cpu%u failed", i);
		if (smp_r.result[i] != want)
			return ktest_fail("%s: cpu%u read gives %d, want %d", when, i,
					  smp_r.result[i], want);
	}
	return NULL;
}

/* The mm active on every hart; munmap on cpu 0 must flush them all, once. */
static const char *smp_shootdown_body(struct mm_struct *mm)
{
	unsigned long all = (1UL << nr_cpus) - 1;
	u64 remote0, local0;
	struct mm_stats st;
	unsigned long shoot0;
	const char *why;

	if (map_anon(mm, UBASE, 8, RW, 0) < 0 || put_pattern(UBASE + 3 * PG, 64, 12))
		return ktest_fail("setup failed");
	smp_r.mm = mm;
	smp_r.addr = UBASE + 3 * PG;
	if ((why = smp_reads(1, "before munmap")))
		return why;
	if (mm->cpumask != all)
		return ktest_fail("cpumask %#lx, want %#lx", mm->cpumask, all);
	mm_stats_read(&st);
	shoot0 = st.tlb_shootdowns;
	remote0 = tlb_stats.remote_flushes;
	local0 = tlb_stats.local_flushes;
	if (do_munmap(mm, UBASE + 2 * PG, 4 * PG))
		return ktest_fail("munmap failed");
	mm_stats_read(&st);
	if (st.tlb_shootdowns - shoot0 != (nr_cpus > 1) ||
	    tlb_stats.remote_flushes - remote0 != (nr_cpus > 1) ||
	    tlb_stats.local_flushes - local0 != 1)
		return ktest_fail("munmap of 4 pages: %lu shootdowns, %lu RFENCE calls, %lu local flushes",
				  st.tlb_shootdowns - shoot0,
				  (unsigned long)(tlb_stats.remote_flushes - remote0),
				  (unsigned long)(tlb_stats.local_flushes - local0));
	if ((why = smp_reads(-EFAULT, "after munmap")))
		return why;
	for (unsigned int i = 1; i < nr_cpus; i++)
		ktest_call_on(i, smp_leave, NULL, true);
	return mm->cpumask == 1UL << smp_processor_id() ? NULL :
		ktest_fail("cpumask %#lx after the others left", mm->cpumask);
}

KTEST(mm_smp_shootdown)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? smp_shootdown_body(mm) : NULL, start, "smp shootdown");
}

/*
 * Readers on every other hart copy pages out while cpu 0 keeps replacing
 * and unmapping them. Each page of generation g holds the word
 * (page << 32 | g) throughout once written: a reader must see a whole page
 * of one word, 0 (a fresh page), or -EFAULT, and never an older
 * generation after a newer one.
 */
#define STRESS_PAGES 4
#define STRESS_MS 150

struct stress {
	struct mm_struct *mm;
	u64 deadline;
	unsigned long reads[NR_CPUS], faults[NR_CPUS];
	const char *bad[NR_CPUS];
	bool done[NR_CPUS];
};
static struct stress stress;
static u64 stress_buf[NR_CPUS][PAGE_SIZE / 8];

/* One read of page p; NULL or what was wrong. last[p] is the newest generation seen. */
static const char *stress_read_one(unsigned int me, unsigned int p, u64 *last)
{
	u64 *buf = stress_buf[me], v;
	int err = copy_from_user(buf, uptr(UBASE + p * PG), PG);

	if (err == -EFAULT) {
		stress.faults[me]++;
		return NULL;
	}
	if (err)
		return "copy_from_user error";
	v = buf[0];
	for (unsigned int j = 1; j < PG / 8; j++)
		if (buf[j] != v)
			return "a torn page";
	if (v && v >> 32 != p)
		return "another page's data";
	if (v && (v & 0xffffffff) < last[p])
		return "an older generation after a newer one";
	if (v)
		last[p] = v & 0xffffffff;
	stress.reads[me]++;
	return NULL;
}

static void stress_reader(void *arg)
{
	unsigned int me = smp_processor_id(), p = me;
	u64 last[STRESS_PAGES] = { 0 };

	mm_switch(stress.mm);
	do {   /* at least one read, however late this hart got here */
		p = (p + 1) % STRESS_PAGES;
		stress.bad[me] = stress_read_one(me, p, last);
	} while (rdtime() < stress.deadline && !stress.bad[me]);
	mm_switch(NULL);
	smp_store_release(&stress.done[me], true);
}

/* cpu 0: map generation gen afresh, fill it; every third generation unmap it too. */
static const char *stress_write_one(struct mm_struct *mm, unsigned long gen)
{
	u64 *words = (u64 *)kbuf;

	if (map_anon(mm, UBASE, STRESS_PAGES, RW, MAP_FIXED) != (long)UBASE)
		return "mmap failed";
	for (unsigned long p = 0; p < STRESS_PAGES; p++) {
		for (unsigned int j = 0; j < PG / 8; j++)
			words[j] = p << 32 | gen;
		if (copy_to_user(uptr(UBASE + p * PG), words, PG))
			return "copy_to_user failed";
	}
	if (gen % 3 == 0 && do_munmap(mm, UBASE, STRESS_PAGES * PG))
		return "munmap failed";
	return NULL;
}

static const char *stress_body(struct mm_struct *mm)
{
	unsigned long gen = 0, reads = 0;
	const char *bad = NULL;

	memset(&stress, 0, sizeof(stress));
	stress.mm = mm;
	stress.deadline = rdtime() + timebase_freq * STRESS_MS / 1000;
	for (unsigned int i = 1; i < nr_cpus; i++)
		if (ktest_call_on(i, stress_reader, NULL, false))
			return ktest_fail("call to cpu%u failed", i);
	/*
	 * At least two generations even past the deadline: with more harts than
	 * host cores each remote flush waits for every vCPU to be scheduled.
	 */
	while ((rdtime() < stress.deadline || gen < 2) && !bad)
		bad = stress_write_one(mm, ++gen);
	for (unsigned int i = 1; i < nr_cpus; i++) {
		u64 give_up = rdtime() + 2 * timebase_freq;

		while (!smp_load_acquire(&stress.done[i]) && rdtime() < give_up)
			cpu_relax();
		if (!stress.done[i])
			return ktest_fail("cpu%u reader did not finish", i);
		if (stress.bad[i])
			return ktest_fail("cpu%u read %s", i, stress.bad[i]);
		reads += stress.reads[i];
		if (!stress.reads[i] && !stress.faults[i])
			return ktest_fail("cpu%u made no read", i);
	}
	if (bad)
		return ktest_fail("writer: %s at generation %lu", bad, gen);
	printk("mm smp stress: %lu generations, %lu page reads on %u other harts\n", gen, reads,
	       nr_cpus - 1);
	return NULL;
}

KTEST(mm_smp_concurrent_access)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();

	return test_mm_leave(mm, mm ? stress_body(mm) : NULL, start, "smp stress");
}

/* --------------------------------------------------------- performance */

/* Time CSR cycles to write one byte into each of n pages from addr. */
static u64 touch_pages(unsigned long addr, unsigned long n)
{
	u64 t0 = rdtime();

	for (unsigned long i = 0; i < n; i++)
		copy_to_user(uptr(addr + i * PG), kbuf, 1);
	return rdtime() - t0;
}

static u64 ns(u64 cycles)
{
	return cycles_to_ns(cycles);
}

/* mm_dup then mm_put of the child (fork + exit of a process that did nothing): ns each. */
static const char *time_fork_exit(struct mm_struct *mm, u64 *dup_ns, u64 *put_ns)
{
	u64 t0 = rdtime(), t1;
	struct mm_struct *child = mm_dup(mm);

	t1 = rdtime();
	if (IS_ERR(child))
		return ktest_fail("mm_dup failed");
	mm_put(child);
	*dup_ns = ns(t1 - t0);
	*put_ns = ns(rdtime() - t1);
	return NULL;
}

/* Demand-zero faults and COW breaks, 256 pages each. */
static const char *perf_faults(struct mm_struct *mm, u64 *dz_ns, u64 *cow_ns)
{
	struct mm_struct *child;
	unsigned long c0;

	/* A first round untimed: QEMU translates the fault path's code the first time. */
	if (map_anon(mm, UBASE, 256, RW, 0) < 0 || (touch_pages(UBASE, 256), 0) ||
	    do_munmap(mm, UBASE, 256 * PG) || map_anon(mm, UBASE, 256, RW, 0) < 0)
		return ktest_fail("mmap failed");
	*dz_ns = ns(touch_pages(UBASE, 256)) / 256;
	child = mm_dup(mm);
	if (IS_ERR(child))
		return ktest_fail("mm_dup failed");
	c0 = cow_copies();
	*cow_ns = ns(touch_pages(UBASE, 256)) / 256;
	mm_put(child);
	if (cow_copies() - c0 != 256)
		return ktest_fail("%lu COW copies for 256 pages", cow_copies() - c0);
	return do_munmap(mm, UBASE, 256 * PG) ? ktest_fail("munmap failed") : NULL;
}

/* mmap + munmap of 1 MiB, untouched and with every page touched: ns per pair. */
static const char *perf_mmap(struct mm_struct *mm, u64 *plain_ns, u64 *touched_ns)
{
	u64 t0 = rdtime();

	for (int i = 0; i < 32; i++)
		if (map_anon(mm, UBASE, 256, RW, 0) < 0 || do_munmap(mm, UBASE, 256 * PG))
			return ktest_fail("mmap/munmap failed");
	*plain_ns = ns(rdtime() - t0) / 32;
	t0 = rdtime();
	for (int i = 0; i < 4; i++) {
		if (map_anon(mm, UBASE, 256, RW, 0) < 0)
			return ktest_fail("mmap failed");
		touch_pages(UBASE, 256);
		if (do_munmap(mm, UBASE, 256 * PG))
			return ktest_fail("munmap failed");
	}
	*touched_ns = ns(rdtime() - t0) / 4;
	return NULL;
}

#define BIG_PAGES (64UL << (20 - PAGE_SHIFT))

static const char *perf_fork(struct mm_struct *mm, u64 d[3], u64 p[3])
{
	const char *why;

	if (map_anon(mm, UBASE, 256, RW, 0) < 0)
		return ktest_fail("mmap failed");
	touch_pages(UBASE, 256);
	if ((why = time_fork_exit(mm, &d[0], &p[0])))
		return why;
	/* 64 MiB mapped, 1 MiB of it touched: the untouched part must cost nothing. */
	if (map_anon(mm, UBASE + 256 * PG, BIG_PAGES - 256, RW, MAP_FIXED) < 0)
		return ktest_fail("mmap of 64 MiB failed");
	if ((why = time_fork_exit(mm, &d[1], &p[1])))
		return why;
	touch_pages(UBASE, BIG_PAGES);
	return time_fork_exit(mm, &d[2], &p[2]);
}

static void print_us(const char *what, u64 nsec)
{
	printk("mm perf: %-44s %6llu.%02llu us\n", what, (unsigned long long)(nsec / 1000),
	       (unsigned long long)(nsec % 1000 / 10));
}

KTEST(mm_perf)
{
	unsigned long start = mm_baseline();
	struct mm_struct *mm = test_mm_enter();
	u64 dz = 0, cow = 0, mm_plain = 0, mm_touched = 0, d[3] = { 0 }, p[3] = { 0 };
	const char *why = mm ? perf_faults(mm, &dz, &cow) : NULL;

	if (mm && !why)
		why = perf_mmap(mm, &mm_plain, &mm_touched);
	if (mm && !why)
		why = perf_fork(mm, d, p);
	if (mm && !why) {
		print_us("demand-zero fault (copy_to_user 1 B/page)", dz);
		print_us("COW break, per page", cow);
		print_us("mm_dup, 1 MiB mapped and touched", d[0]);
		print_us("mm_dup, 64 MiB mapped, 1 MiB touched", d[1]);
		print_us("mm_dup, 64 MiB mapped and touched", d[2]);
		print_us("child mm_put, 1 MiB touched", p[0]);
		print_us("child mm_put, 64 MiB mapped, 1 MiB touched", p[1]);
		print_us("child mm_put, 64 MiB touched", p[2]);
		print_us("do_mmap + do_munmap 1 MiB, untouched", mm_plain);
		print_us("do_mmap + touch + do_munmap 1 MiB", mm_touched);
	}
	return test_mm_leave(mm, why, start, "perf");
}

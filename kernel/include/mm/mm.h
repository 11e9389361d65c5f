/*
 * User address spaces: struct mm_struct and its API (kernel/mm/mm.c,
 * fault.c, mmap.c; the user page tables in arch/uvm.h; user access in
 * mm/uaccess.h). docs/memory.md, "Address spaces" and after, tells the
 * whole story.
 *
 * Lifetime. users counts the address space's users (tasks later; tests
 * now): mm_get/mm_put. The last mm_put tears the user half down (every
 * VMA, page and page table below the root). count keeps the struct and
 * its root table alive: one reference for all the users together, plus
 * one per hart that has the mm in satp (mm_switch). A hart may keep a
 * dead mm loaded (its kernel half is all the kernel needs) until it
 * switches away; the last reference frees the root and the struct.
 *
 * Lock. mm->lock ("mm_lock", docs/locking.md) protects the VMA set, the
 * page tables below the root, brk, the stack fields and rss. It is a
 * spinlock taken with interrupts off for now: the SMP self-tests run
 * user accesses from IPI handlers, since there are no kernel threads yet.
 * It becomes a sleeping reader-writer lock (mmap_lock) with the
 * scheduler: faults and user copies take it shared, mmap and friends
 * exclusive. So nothing under it may sleep today, and nothing under it
 * would have to: allocations under it never wait, and the OOM hook is
 * called with it dropped.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <arch/atomic.h>
#include <arch/pgtable.h>
#include <kernel/types.h>
#include <locking/spinlock.h>
#include <mm/page.h>
#include <mm/vma.h>

/* The RLIMIT_STACK-like default of a new mm (mm->stack_limit). */
#define MM_STACK_LIMIT_DEFAULT (8UL << 20)
/* Free space a stack keeps below it when it grows (Linux's stack_guard_gap). */
#define MM_STACK_GUARD_GAP (256UL << 12)
/* No mapping below this (Linux's vm.mmap_min_addr as Debian sets it). */
#define MMAP_MIN_ADDR 0x10000UL
/* Non-fixed mmaps go top-down from here; the stack lives above. */
#define MM_MMAP_BASE_DEFAULT (USER_TOP - (1UL << 30))

/* handle_mm_fault access kinds (one of them). */
#define FAULT_READ  0x1u
#define FAULT_WRITE 0x2u
#define FAULT_EXEC  0x4u

struct mm_struct {
	atomic_t users;                 /* [a] address-space users */
	atomic_t count;                 /* [a] struct references (1 for all users + 1 per hart) */
	unsigned long cpumask;          /* [a] bit per logical cpu with this mm in satp */
	unsigned long icache_stale;     /* [a] bit per cpu that must fence.i before running this mm's code */
	pte_t *pgd;                     /* [I] root page table */
	struct spinlock lock;           /* mm_lock: the [L] fields and the page tables */

	struct vma_set vmas;            /* [L] limit USER_TOP */
	unsigned long brk_start;        /* [L] first byte of the heap (page aligned) */
	unsigned long brk;              /* [L] end of the heap as asked for; the VMA ends at PAGE_ALIGN(brk) */
	unsigned long start_stack;      /* [L] top of the initial stack (exec sets it) */
	unsigned long mmap_base;        /* [L] top of the area for non-fixed mmaps */
	unsigned long stack_limit;      /* [L] largest size a VM_GROWSDOWN VMA grows to */
	unsigned long stack_guard_gap;  /* [L] free bytes a growing stack keeps below it */
	unsigned long rss;              /* [L] pages mapped (READ_ONCE to read unlocked) */
	unsigned long pt_pages;         /* [L] page-table pages below the root */
	unsigned long vdso_base;        /* [L] the vDSO's ELF header (AT_SYSINFO_EHDR), 0: none */
};

/*
 * What a file-backed VMA needs from its file. Every method is called with
 * the mm's lock held and interrupts off: it must not sleep.
 *
 * fault  the page holding the file offset of addr (page aligned, inside
 *        vma: offset = vma->pgoff + (addr - vma->start) / PAGE_SIZE pages),
 *        in *page with one reference that the mapping takes over.
 *        Returns 0, -EFAULT (no such page), -EIO (no such page because it
 *        is beyond the end of the file, or it cannot be read: the task
 *        gets SIGBUS, as on Linux), -ENOMEM, or -EAGAIN after filling
 *        current->fault_defer
 *        (sched/task.h) with a pinned object and a wait method that makes
 *        the page available (reads it in): the fault path then drops the
 *        lock, waits, and retries (mm_fault_run_deferred).
 * open   may be NULL. A new VMA refers to vma->file (mmap, a split, fork):
 *        take a reference on it.
 * close  may be NULL. A VMA referring to vma->file goes away: drop it.
 * name   may be NULL. The path /proc/<pid>/maps shows for the VMA, into
 *        buf[size] (NUL-terminated).
 * ident  may be NULL (maps shows 00:00 0). The device (MKDEV, fs/fs.h) and
 *        inode number /proc/<pid>/maps shows for the VMA's file.
 */
struct vm_operations {
	int (*fault)(struct vm_area *vma, unsigned long addr, struct page **page);
	/*
	 * A write is about to make page (from fault) writable in a shared
	 * mapping: 0 to go on, or -EAGAIN with current->fault_defer set (as
	 * fault) when the owner must first do something that sleeps (give
	 * the page a disk block). mm_lock held, interrupts off. NULL: 0.
	 */
	int (*page_mkwrite)(struct vm_area *vma, struct page *page);
	void (*open)(struct vm_area *vma);
	void (*close)(struct vm_area *vma);
	void (*name)(const struct vm_area *vma, char *buf, size_t size);
	void (*ident)(const struct vm_area *vma, u32 *dev, unsigned long *ino);
};

static inline const struct vm_operations *vma_ops(const struct vm_area *vma)
{
	return vma->ops;
}

/*
 * A file to do_mmap: the object stored in vma->file and the operations
 * its VMAs get, as a file's f_op->mmap chooses them (fs/file.h), and the
 * VM_MAY* bits the VMAs must not get: VM_MAYWRITE for a shared mapping
 * of a file not open for writing, so mprotect cannot make it writable.
 */
struct mmap_file {
	void *file;
	const struct vm_operations *ops;
	unsigned long vm_deny;   /* VM_MAY* flags cleared from the VMAs */
};

/* ------------------------------------------------------------ mm.c */

void mm_init(void);   /* boot, after slab_init(): the slab caches */

/* An empty address space, users = 1. ERR_PTR(-ENOMEM). May sleep later. */
struct mm_struct *mm_create(void);

/*
 * fork: a new mm (users = 1) with copies of old's VMAs and page tables.
 * Private pages are shared copy-on-write: write permission is removed in
 * both, old's TLB is flushed once on every hart that has it active.
 * Shared (VM_SHARED) pages stay writable in both. Takes old's lock.
 * Returns the new mm or ERR_PTR(-ENOMEM) (nothing leaked; old keeps its
 * mappings, perhaps with more pages write-protected).
 */
struct mm_struct *mm_dup(struct mm_struct *old);

void mm_get(struct mm_struct *mm);
/* Drop a user; the last one tears the address space down. Takes the lock. */
void mm_put(struct mm_struct *mm);

/*
 * Make next (NULL: none, kernel_pgd) this hart's address space: writes
 * satp (and flushes this hart's TLB) only if it differs from the current
 * one, keeps the cpumask bits and the per-hart struct references. Call
 * with next kept alive by a user reference (or NULL). Interrupt context
 * is fine; takes no lock.
 */
void mm_switch(struct mm_struct *next);

/*
 * Code was written into mm's pages through the linear map (exec loading
 * an image): make every hart's instruction fetch see it before it runs
 * mm's code. This hart executes fence.i now; the others are marked in
 * mm->icache_stale and fence in mm_switch when they next load mm, so an
 * exec costs no IPI (Linux's flush_icache_mm does the same). Harts that
 * have mm loaded right now (other threads) get a remote fence at once.
 */
void mm_flush_icache(struct mm_struct *mm);

/* The mm whose page table is in this hart's satp, or NULL. */
struct mm_struct *mm_active(void);

/* mm_lock / mm_unlock: the mm's lock with interrupts off (see above). */
static inline unsigned long mm_lock(struct mm_struct *mm)
{
	return spin_lock_irqsave(&mm->lock);
}
static inline void mm_unlock(struct mm_struct *mm, unsigned long irq)
{
	spin_unlock_irqrestore(&mm->lock, irq);
}

/*
 * Debug: check mm against its invariants: every present PTE inside a VMA
 * with at most the VMA's permissions (none for PROT_NONE PTEs), rss equal
 * to the present PTEs, pt_pages to the tables, page references at least
 * the mapcount, the VMA set valid and fully merged, the root's kernel
 * half equal to kernel_pgd's. NULL, or what is wrong (a static buffer:
 * one caller at a time). Takes the lock; O(pages mapped + tables).
 */
const char *mm_validate(struct mm_struct *mm);

/* Global statistics (for /proc/vmstat): [a] relaxed counters. */
struct mm_stats {
	unsigned long faults;          /* handle_mm_fault calls, user accesses' included */
	unsigned long faults_anon;     /* demand-zero pages allocated */
	unsigned long faults_file;     /* pages a vm_operations fault supplied */
	unsigned long cow_copies;      /* write faults that copied a page */
	unsigned long cow_reuses;      /* write faults that found one owner: no copy */
	unsigned long stack_grows;     /* VM_GROWSDOWN VMAs extended */
	unsigned long faults_efault;   /* faults refused: no VMA or not allowed */
	unsigned long faults_oom;      /* faults that failed for memory */
	unsigned long oom_hook_calls;  /* mm_oom_hook invocations */
	unsigned long tlb_shootdowns;  /* flush_tlb_mm_range calls that reached another hart */
	unsigned long pt_pages;        /* user page-table pages now (roots included) */
	unsigned long mm_live;         /* mm_structs allocated now */
};
void mm_stats_read(struct mm_stats *st);

/* ---------------------------------------------------------- special.c */

/* One piece of a special mapping (mm_map_special). */
struct mm_special_area {
	unsigned long len;                 /* bytes, page aligned, > 0 */
	unsigned long vm_flags;            /* exactly the VM_* flags of the VMA */
	const struct mmap_file *file;      /* file->ops->fault supplies the pages */
	unsigned long pgoff;               /* "file" page offset of the first page */
};

/*
 * Map n pieces side by side (Linux's install_special_mapping): the first
 * at the top-most free range below mm->mmap_base that fits them all
 * (anywhere below USER_TOP if none), each with exactly the flags given,
 * so that a read-only piece can be kept from ever becoming writable
 * (no VM_MAYWRITE), which do_mmap cannot express. The pages come from
 * file->ops->fault on first touch, one reference per mapping, shared
 * copy-on-write if a VM_MAYWRITE piece is made writable. Returns the
 * start address (>= 0), or -ENOMEM (no room, or no memory for the VMAs;
 * nothing is mapped then). Takes the mm's lock.
 */
long mm_map_special(struct mm_struct *mm, const struct mm_special_area *areas, unsigned int n);

/* ---------------------------------------------------------- fault.c */

/*
 * Resolve a fault at addr for access (FAULT_READ/WRITE/EXEC) as a user
 * access would: grow a stack, allocate a zeroed page, ask a file VMA's
 * ops for its page, or break copy-on-write. Takes the lock.
 * Returns 0; -EFAULT if no VMA covers addr (after stack growth) or the VMA
 * does not allow the access (the caller makes it SIGSEGV or -EFAULT);
 * -EIO if a file mapping has no page there (beyond the end of the file)
 * or it could not be read (SIGBUS, or -EFAULT for a system call's copy);
 * -ENOMEM if memory ran out even after the OOM hook.
 * __handle_mm_fault is the same with the lock held and no OOM hook.
 */
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int access);
int __handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int access);

/*
 * Called (no lock held; may sleep later) once by a fault that ran out of
 * memory, before it returns -ENOMEM. Non-zero means memory was freed:
 * the fault is retried once. NULL: no hook. The task issue plugs the OOM
 * killer in here.
 */
extern int (*mm_oom_hook)(void);

/*
 * A fault method returned -EAGAIN (see struct vm_operations): with no
 * lock held, run current->fault_defer (wait, then put). 0: retry the
 * fault; -EIO: the page cannot be had (I/O error, SIGBUS). May sleep.
 */
int mm_fault_run_deferred(void);

/* ---------------------------------------------------------- mmap.c */

/*
 * The system calls' cores on a given mm, with Linux's semantics and
 * errnos (docs/memory.md, "mmap family"). Each takes the mm's lock.
 *
 * do_mmap: map len bytes (rounded up to pages) with prot (PROT_*) and
 * flags (MAP_*); file is NULL for MAP_ANONYMOUS (else it is ignored) or
 * the file to map from page offset pgoff. Returns the start address
 * (>= 0) or -Exxx. MAP_POPULATE faults the pages in afterwards, ignoring
 * failures as Linux does.
 */
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long prot, unsigned long flags,
	     const struct mmap_file *file, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len);
int do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long prot);
int do_madvise_dontneed(struct mm_struct *mm, unsigned long addr, unsigned long len);

/*
 * The heap. mm_brk_init sets brk_start = brk = start (page aligned; exec
 * calls it). do_brk moves the end of the heap to new_brk: 0, -EINVAL below
 * brk_start, -ENOMEM if the heap would run into a mapping (or a stack's
 * guard gap) or past USER_TOP, or memory ran out. mm->brk is then the
 * current break (the syscall returns it either way).
 */
void mm_brk_init(struct mm_struct *mm, unsigned long start);
int do_brk(struct mm_struct *mm, unsigned long new_brk);

/*
 * Return every hart's per-CPU page lists and slab object arrays to the
 * shared pools (an IPI call to each other online hart, then this one), so
 * that free-page counts are exact: the leak checks of the self-tests, and
 * the last step before the OOM killer. Cpu 0 context with interrupts on;
 * takes no lock itself.
 */
void mm_drain_all_cpus(void);
/*
 * Free pages once every cache that holds free memory has given it back:
 * exited tasks' last switches, the kernel-stack cache, every hart's page
 * and slab-object caches. For sysinfo (an exact freeram, which the
 * usertests leak check compares) and leak checks. May sleep (up to 1 s).
 */
unsigned long mm_free_pages_settled(void);

#endif /* MM_MM_H */

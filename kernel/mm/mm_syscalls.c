/*
 * The memory system calls: brk, mmap, munmap, mprotect, madvise, mincore,
 * msync -- thin
 * wrappers that find the caller's address space (current->mm) and call
 * the cores of mmap.c (mmap also the file's f_op->mmap), which check their arguments with Linux's errnos
 * (docs/memory.md, "mmap family"). No locks of their own.
 */
#include <arch/memlayout.h>
#include <arch/uvm.h>
#include <fs/file.h>
#include <kernel/syscall.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/pagemap.h>
#include <mm/shmem.h>
#include <mm/uaccess.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>
#include "mm_internal.h"

/*
 * brk(addr): move the break; returns the break afterwards, the old one if
 * the move failed or addr was 0 or below the heap (Linux never returns an
 * errno here: glibc compares the result with what it asked for).
 */
long sys_brk(const struct syscall_args *args)
{
	struct mm_struct *mm = current->mm;

	if (!mm)
		return -ENOMEM;
	if (args->a[0])
		do_brk(mm, args->a[0]);
	return (long)READ_ONCE(mm->brk);
}

/*
 * The file part of mmap: Linux's access checks on the open file f
 * (-EACCES: a shared writable mapping of a file not open for writing or
 * open for appending; any mapping of a file not open for reading;
 * -ENODEV: the file has no mmap), then its f_op->mmap and do_mmap.
 */
static long mmap_fd(struct mm_struct *mm, struct file *f, unsigned long addr,
		    unsigned long len, unsigned long prot, unsigned long flags,
		    unsigned long off)
{
	bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	struct mmap_file mf;
	int err;

	if (shared && (prot & PROT_WRITE) &&
	    (!(f->f_mode & FMODE_WRITE) || (READ_ONCE(f->f_flags) & O_APPEND)))
		return -EACCES;
	if (!(f->f_mode & FMODE_READ))
		return -EACCES;
	if (!f->f_op || !f->f_op->mmap)
		return -ENODEV;
	err = f->f_op->mmap(f, &mf);
	if (err)
		return err;
	if (!mf.file)   /* the file asks for anonymous memory (/dev/zero) */
		return shared ? shmem_mmap_anon(mm, addr, len, prot, flags)
			      : do_mmap(mm, addr, len, prot, flags | MAP_ANONYMOUS, NULL, 0);
	if (shared && !(f->f_mode & FMODE_WRITE))
		mf.vm_deny |= VM_MAYWRITE;   /* mprotect may never make it writable */
	return do_mmap(mm, addr, len, prot, flags, &mf, off >> PAGE_SHIFT);
}

/*
 * mmap(addr, len, prot, flags, fd, offset): offset in bytes, page aligned
 * (-EINVAL otherwise, checked first as riscv's sys_mmap does). Anonymous
 * memory (private, or a shmem object when shared), or a file: -EBADF if
 * fd is not open, else mmap_fd's rules.
 */
long sys_mmap(const struct syscall_args *args)
{
	unsigned long addr = args->a[0], len = args->a[1], prot = args->a[2];
	unsigned long flags = args->a[3], off = args->a[5];
	struct mm_struct *mm = current->mm;
	struct file *f;
	long ret;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget((int)args->a[4]);
		if (!f)
			return -EBADF;
		ret = mm ? mmap_fd(mm, f, addr, len, prot, flags, off) : -ENOMEM;
		fput(f);
		return ret;
	}
	if (!mm)
		return -ENOMEM;
	/* Shared anonymous memory needs an object every mapping (and fork) shares. */
	if ((flags & MAP_TYPE) == MAP_SHARED || (flags & MAP_TYPE) == MAP_SHARED_VALIDATE)
		return shmem_mmap_anon(mm, addr, len, prot, flags);
	return do_mmap(mm, addr, len, prot, flags, NULL, 0);
}

long sys_munmap(const struct syscall_args *args)
{
	return current->mm ? do_munmap(current->mm, args->a[0], args->a[1]) : -EINVAL;
}

long sys_mprotect(const struct syscall_args *args)
{
	return current->mm ? do_mprotect(current->mm, args->a[0], args->a[1], args->a[2]) : -ENOMEM;
}

/*
 * madvise(addr, len, advice). MADV_DONTNEED drops the pages (next touch
 * zero-fills or refetches), and so does MADV_FREE, which allows exactly
 * that. Pure hints are accepted and do nothing after the alignment check;
 * unlike Linux they do not report holes in the range with -ENOMEM. Other
 * advice (fork, KSM, huge-page and memory-failure controls): -EINVAL.
 */
long sys_madvise(const struct syscall_args *args)
{
	unsigned long addr = args->a[0], len = args->a[1];
	int advice = (int)args->a[2];

	switch (advice) {
	case MADV_DONTNEED:
	case MADV_FREE:
		return current->mm ? do_madvise_dontneed(current->mm, addr, len) : -ENOMEM;
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_COLD:
	case MADV_PAGEOUT:
		return (addr & ~PAGE_MASK) ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

/* Is the file page behind addr of a file VMA in the page cache (uptodate)? mm locked. */
static bool file_page_cached(struct vm_area *vma, unsigned long addr)
{
	struct page *page;
	bool cached;

	if (!vma_is_file_cache(vma))
		return false;
	page = find_get_page(file_inode(vma->file)->i_mapping,
			     vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT));
	cached = page && page_flag_test(page, PG_uptodate);
	if (page)
		put_page(page);   /* the cache keeps its own reference */
	return cached;
}

/*
 * mincore(addr, len, vec): one byte per page of [addr, addr + len), bit 0
 * set if the page is resident: mapped in this address space, or (as
 * Linux) for a file mapping, in the file's page cache. -EINVAL for
 * an unaligned addr, -ENOMEM if part of the range is not mapped, -EFAULT
 * for a bad vec. Filled in chunks so that nothing is copied under the lock.
 */
long sys_mincore(const struct syscall_args *args)
{
	unsigned long addr = args->a[0], len = args->a[1], vec = args->a[2];
	struct mm_struct *mm = current->mm;
	unsigned char chunk[256];

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (!mm || len > USER_TOP || addr > USER_TOP - ALIGN_UP(len, PAGE_SIZE))
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT;
	while (len) {
		size_t n = MIN(len, sizeof(chunk));
		unsigned long irq = mm_lock(mm);

		for (size_t i = 0; i < n; i++, addr += PAGE_SIZE) {
			struct vm_area *vma = vma_find(&mm->vmas, addr);
			pte_t *pte;

			if (!vma || vma->start > addr) {
				mm_unlock(mm, irq);
				return -ENOMEM;
			}
			pte = uvm_pte_lookup(mm->pgd, addr);
			chunk[i] = (pte && upte_present(*pte)) || file_page_cached(vma, addr);
		}
		mm_unlock(mm, irq);
		if (copy_to_user((void *)vec, chunk, n))
			return -EFAULT;
		vec += n;
		len -= n;
	}
	return 0;
}

/*
 * One step of msync over the VMA holding *start (mm locked on entry,
 * unlocked on return): for MS_SYNC on a shared mapping of a file's cache,
 * hand the PTEs' dirty bits to the pages and fsync the file's range.
 * Advances *start to the VMA's end. 0 or the fsync's -errno.
 */
static int msync_vma(struct mm_struct *mm, struct vm_area *vma, unsigned long *start,
		     unsigned long end, int flags, unsigned long irq)
{
	unsigned long stop = MIN(end, vma->end);
	loff_t fstart = (loff_t)((*start - vma->start) + (vma->pgoff << PAGE_SHIFT));
	loff_t fend = fstart + (loff_t)(stop - *start) - 1;
	struct file *file = NULL;
	int err = 0;

	if ((flags & MS_SYNC) && (vma->flags & VM_SHARED) && vma_is_file_cache(vma)) {
		mm_clean_shared_ptes(mm, vma, *start, stop);
		file = vma->file;
		file_get(file);
	}
	*start = vma->end;
	mm_unlock(mm, irq);
	if (file) {
		err = file->f_op && file->f_op->fsync ? file->f_op->fsync(file, fstart, fend, 1)
						       : -EINVAL;
		fput(file);
	}
	return err;
}

/*
 * msync(addr, len, flags), as Linux: -EINVAL for unknown flags, an
 * unaligned addr, or MS_SYNC with MS_ASYNC; -ENOMEM if part of the range
 * is not mapped (MS_SYNC stops at the first hole; the others go on and
 * report it at the end). MS_ASYNC does nothing more: stores to shared
 * mappings are already in the page cache and their pages are dirtied by
 * the write fault, so writeback finds them. MS_SYNC writes the pages of
 * shared file mappings in the range back and waits (->fsync of the range).
 * MS_INVALIDATE has nothing to drop (mappings map the cache itself); its
 * -EBUSY for locked pages does not apply (no mlock).
 */
long sys_msync(const struct syscall_args *args)
{
	unsigned long start = args->a[0], len = args->a[1], end, irq;
	int flags = (int)args->a[2], unmapped = 0;
	struct mm_struct *mm = current->mm;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	if (len > ~0UL - PAGE_SIZE)
		return -ENOMEM;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	if (!mm)
		return -ENOMEM;
	for (;;) {
		struct vm_area *vma;
		int err;

		irq = mm_lock(mm);
		vma = start < USER_TOP ? vma_find_next(&mm->vmas, start) : NULL;
		if (!vma || vma->start >= end) {
			mm_unlock(mm, irq);
			return -ENOMEM;
		}
		if (start < vma->start) {
			if (flags == MS_SYNC) {
				mm_unlock(mm, irq);
				return -ENOMEM;
			}
			start = vma->start;
			unmapped = -ENOMEM;
		}
		err = msync_vma(mm, vma, &start, end, flags, irq);
		if (err)
			return err;
		if (start >= end)
			return unmapped;
	}
}

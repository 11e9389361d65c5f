/*
 * Shared anonymous memory: the object behind MAP_SHARED|MAP_ANONYMOUS
 * (and later System V shared memory), so that every mapping of it --
 * in this address space, in forked children, in their children -- sees
 * the same pages, whether or not a page existed at fork time.
 *
 * A shmem object is an array of page pointers, one per page of its size,
 * filled on first fault (zeroed pages) and kept until the object goes.
 * Each VMA mapping it holds a reference (vm_operations open/close), and
 * so does the creator until do_mmap has taken its own. The array comes
 * straight from the page allocator (no vmalloc: the last close runs
 * under mm_lock with interrupts off).
 *
 * Lock: "shmem_lock", one per object, irqsave, taken inside mm_lock by
 * the fault method: the page array. The reference count is atomic.
 */
#include <arch/atomic.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <locking/spinlock.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/shmem.h>
#include <mm/slab.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define SHMEM_MAX_ORDER 10   /* the array: at most 2^10 pages of pointers (a 2 GiB object) */

struct shmem_object {
	atomic_t refs;               /* [a] mapping VMAs + the creator's */
	unsigned long npages;        /* [I] */
	unsigned int array_order;    /* [I] */
	struct spinlock lock;        /* shmem_lock: pages[] */
	struct page **pages;         /* [lock] NULL until first touched */
};

static unsigned int array_order_for(unsigned long npages)
{
	unsigned long bytes = npages * sizeof(struct page *);
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

struct shmem_object *shmem_create(unsigned long size)
{
	unsigned long npages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	struct shmem_object *obj;
	unsigned int order;

	if (!npages)
		return ERR_PTR(-EINVAL);
	order = array_order_for(npages);
	if (order > SHMEM_MAX_ORDER)
		return ERR_PTR(-ENOMEM);
	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return ERR_PTR(-ENOMEM);
	obj->pages = get_free_pages(__GFP_ZERO | __GFP_NOWARN, order);
	if (!obj->pages) {
		kfree(obj);
		return ERR_PTR(-ENOMEM);
	}
	atomic_set(&obj->refs, 1);
	obj->npages = npages;
	obj->array_order = order;
	spin_lock_init(&obj->lock, "shmem_lock");
	return obj;
}

void shmem_put(struct shmem_object *obj)
{
	if (!atomic_dec_and_test(&obj->refs))
		return;
	for (unsigned long i = 0; i < obj->npages; i++)
		if (obj->pages[i])
			put_page(obj->pages[i]);
	free_pages_addr(obj->pages, obj->array_order);
	kfree(obj);
}

void shmem_get(struct shmem_object *obj)
{
	atomic_inc(&obj->refs);
}

/* The page at the VMA's file offset of addr, allocated zeroed on first use. */
static int shmem_fault(struct vm_area *vma, unsigned long addr, struct page **pagep)
{
	return shmem_get_page(vma->file, vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT), pagep);
}

int shmem_get_page(struct shmem_object *obj, unsigned long idx, struct page **pagep)
{
	struct page *page, *fresh = NULL;
	unsigned long irq;

	if (idx >= obj->npages)
		return -EFAULT;
	if (!READ_ONCE(obj->pages[idx]))
		fresh = alloc_page(__GFP_ZERO | __GFP_NOWARN);
	irq = spin_lock_irqsave(&obj->lock);
	page = obj->pages[idx];
	if (!page && fresh) {
		page = obj->pages[idx] = fresh;
		fresh = NULL;
	}
	if (page)
		get_page(page);   /* the mapping's reference; the array keeps its own */
	spin_unlock_irqrestore(&obj->lock, irq);
	if (fresh)
		put_page(fresh);
	if (!page)
		return -ENOMEM;
	*pagep = page;
	return 0;
}

unsigned long shmem_resident_pages(struct shmem_object *obj)
{
	unsigned long n = 0, irq = spin_lock_irqsave(&obj->lock);

	for (unsigned long i = 0; i < obj->npages; i++)
		n += obj->pages[i] != NULL;
	spin_unlock_irqrestore(&obj->lock, irq);
	return n;
}

static void shmem_vma_open(struct vm_area *vma)
{
	atomic_inc(&((struct shmem_object *)vma->file)->refs);
}

static void shmem_vma_close(struct vm_area *vma)
{
	shmem_put(vma->file);
}

const struct vm_operations shmem_vm_ops = {
	.fault = shmem_fault,
	.open = shmem_vma_open,
	.close = shmem_vma_close,
};

long shmem_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags)
{
	struct shmem_object *obj = shmem_create(len);
	struct mmap_file file;
	long ret;

	if (IS_ERR(obj))
		return PTR_ERR(obj);
	file = (struct mmap_file){ .file = obj, .ops = &shmem_vm_ops };
	ret = do_mmap(mm, addr, len, prot, flags & ~MAP_ANONYMOUS, &file, 0);
	shmem_put(obj);   /* the creator's reference: the VMA holds its own */
	return ret;
}

/*
 * Shared anonymous memory objects (kernel/mm/shmem.c): the pages behind
 * MAP_SHARED|MAP_ANONYMOUS, shared by every mapping of the object.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <kernel/types.h>

struct mm_struct;
struct shmem_object;
struct page;

/* An object of size bytes (rounded up to pages) with one reference; ERR_PTR(-ENOMEM/-EINVAL). */
struct shmem_object *shmem_create(unsigned long size);
void shmem_put(struct shmem_object *obj);
void shmem_get(struct shmem_object *obj);
/*
 * Page idx of obj (allocated zeroed on first use) with a reference for
 * the caller's mapping, in *pagep: 0, -EFAULT past the end, -ENOMEM.
 * Any context that may allocate without sleeping (mm_lock is fine).
 * System V shared memory's fault method (kernel/ipc/shm.c) uses it.
 */
int shmem_get_page(struct shmem_object *obj, unsigned long idx, struct page **pagep);
/* Pages of obj that exist (touched at least once). Takes shmem_lock. */
unsigned long shmem_resident_pages(struct shmem_object *obj);
/* mmap(MAP_SHARED|MAP_ANONYMOUS) on mm: do_mmap's result (address or -errno). */
long shmem_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags);

#endif /* MM_SHMEM_H */

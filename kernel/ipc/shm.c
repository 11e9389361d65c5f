/*
 * System V shared memory: shmget, shmat, shmdt, shmctl.
 *
 * A segment (struct shm_seg) owns a shmem object (mm/shmem.h: the pages
 * behind MAP_SHARED|MAP_ANONYMOUS, allocated zeroed on first touch and
 * kept until the object goes). shmat maps it with do_mmap as a shared
 * file-like VMA whose file is the segment and whose operations are
 * shm_vm_ops, so everything the memory code does to VMAs works: fork
 * copies the VMA (attached in the child), exec and exit tear the address
 * space down (detached), munmap or mprotect may split it, and
 * /proc/<pid>/maps lists it (as "/SYSV<key> (deleted)" on device
 * SHM_DEV with the shmid as its inode number, as Linux). The VMA open/close methods keep shm_nattch:
 * one per VMA mapping the segment, as Linux counts it. IPC_RMID marks the
 * segment SHM_DEST and makes its key private; the segment leaves the
 * table at its last detach (or at once when nothing is attached).
 *
 * Locks: "ipc_ids" then the segment's "shm_seg" spinlock ([L]). The VMA
 * methods run under mm_lock with interrupts off (docs/locking.md: both
 * are below mm_lock); shmat and shmdt take no IPC lock across do_mmap or
 * do_munmap.
 */
#include <fs/fs.h>
#include <fs/procfs.h>
#include <ipc/ipc.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/shmem.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <sched/sched.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

/*
 * The device /proc/<pid>/maps shows for every attachment: Linux's is its
 * internal shm mount's anonymous device (00:01 on most systems); ours is a
 * fixed number of the small internal ones (fs/super.c kdevfs 0:1, pipes
 * 0:2, sockets 0:8, epoll 0:9; sget_anon counts from 0:16).
 */
#define SHM_DEV MKDEV(0, 5)

struct shm_seg {
	struct kern_ipc_perm perm;     /* first: the id layer's part; mode has SHM_DEST/SHM_LOCKED */
	unsigned long size;            /* [I] bytes asked for */
	struct shmem_object *obj;      /* [I] the pages */
	int cpid;                      /* [I] */
	int name_key;                  /* [I] the key at creation (its name in maps) */
	long atime, dtime, ctime;      /* [L] */
	int lpid;                      /* [L] */
	unsigned long nattch;          /* [L] VMAs mapping it */
};

static atomic_long_t shm_total_pages;   /* pages of every segment (SHMALL, SHM_INFO) */

static struct shm_seg *to_seg(struct kern_ipc_perm *p)
{
	return container_of(p, struct shm_seg, perm);
}

static unsigned long seg_pages(const struct shm_seg *seg)
{
	return (seg->size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* The last reference: may run under mm_lock (a VMA's close). */
static void shm_seg_free(struct kern_ipc_perm *p)
{
	struct shm_seg *seg = to_seg(p);

	atomic_long_add(&shm_total_pages, -(long)seg_pages(seg));
	shmem_put(seg->obj);
	kfree(seg);
}

static struct kern_ipc_perm *shm_seg_create(int key, int flags, unsigned long size)
{
	unsigned long pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	struct shm_seg *seg;

	(void)flags;
	if (size < SHMMIN || size > READ_ONCE(ipc_limits.shmmax))
		return ERR_PTR(-EINVAL);
	if (atomic_long_read(&shm_total_pages) + pages > READ_ONCE(ipc_limits.shmall))
		return ERR_PTR(-ENOSPC);
	seg = kzalloc(sizeof(*seg), GFP_KERNEL);
	if (!seg)
		return ERR_PTR(-ENOMEM);
	seg->obj = shmem_create(size);
	if (IS_ERR(seg->obj)) {
		long err = PTR_ERR(seg->obj);

		kfree(seg);
		return ERR_PTR(err == -EINVAL ? -ENOMEM : err);
	}
	seg->size = size;
	seg->cpid = ipc_current_pid();
	seg->name_key = key;
	seg->ctime = ipc_now();
	atomic_long_add(&shm_total_pages, (long)pages);
	return &seg->perm;
}

static int shm_seg_check(struct kern_ipc_perm *p, int flags, unsigned long size)
{
	(void)flags;
	return size > to_seg(p)->size ? -EINVAL : 0;
}

static unsigned int shm_limit(void)
{
	return READ_ONCE(ipc_limits.shmmni);
}

static const struct ipc_kind_ops shm_ops = {
	.create = shm_seg_create,
	.check = shm_seg_check,
	.free = shm_seg_free,
	.limit = shm_limit,
};

/* shmget(key, size, shmflg) */
long sys_shmget(const struct syscall_args *args)
{
	return ipc_getcall(&shm_ids, &shm_ops, (int)args->a[0], (int)args->a[2], args->a[1]);
}

static struct shm_seg *seg_get(int id)
{
	struct kern_ipc_perm *p = ipc_get(&shm_ids, id);

	return p ? to_seg(p) : NULL;
}

static void seg_put(struct shm_seg *seg)
{
	ipc_put(&seg->perm, shm_seg_free);
}

/* Take seg out of the table for good and drop the table's reference. */
static void shm_destroy(struct shm_seg *seg)
{
	if (!ipc_unlink(&shm_ids, &seg->perm))
		return;
	spin_lock(&seg->perm.lock);
	seg->perm.deleted = true;
	spin_unlock(&seg->perm.lock);
	seg_put(seg);
}

/* ------------------------------------------------------------ the VMAs */

static int shm_fault(struct vm_area *vma, unsigned long addr, struct page **pagep)
{
	struct shm_seg *seg = vma->file;

	return shmem_get_page(seg->obj, vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT), pagep);
}

/* A VMA maps seg: attach (shmat, fork, a split). mm_lock held. */
static void shm_vma_open(struct vm_area *vma)
{
	struct shm_seg *seg = vma->file;

	atomic_inc(&seg->perm.refs);
	spin_lock(&seg->perm.lock);
	seg->nattch++;
	seg->atime = ipc_now();
	seg->lpid = ipc_current_pid();
	spin_unlock(&seg->perm.lock);
}

/* A VMA leaves: detach; the last detach of a removed segment destroys it. */
static void shm_vma_close(struct vm_area *vma)
{
	struct shm_seg *seg = vma->file;
	bool destroy;

	spin_lock(&seg->perm.lock);
	seg->nattch--;
	seg->dtime = ipc_now();
	seg->lpid = ipc_current_pid();
	destroy = !seg->nattch && (seg->perm.mode & SHM_DEST);
	spin_unlock(&seg->perm.lock);
	if (destroy)
		shm_destroy(seg);
	seg_put(seg);
}

/* Linux's name for the segment's file: "/SYSV<key>", always unlinked. */
static void shm_vma_name(const struct vm_area *vma, char *buf, size_t size)
{
	const struct shm_seg *seg = vma->file;

	snprintf(buf, size, "/SYSV%08x (deleted)", (unsigned int)seg->name_key);
}

/* Linux's device and inode columns: the shm pseudo file system's device, the shmid. */
static void shm_vma_ident(const struct vm_area *vma, u32 *dev, unsigned long *ino)
{
	const struct shm_seg *seg = vma->file;

	*dev = SHM_DEV;
	*ino = (unsigned int)seg->perm.id;
}

static const struct vm_operations shm_vm_ops = {
	.fault = shm_fault,
	.open = shm_vma_open,
	.close = shm_vma_close,
	.name = shm_vma_name,
	.ident = shm_vma_ident,
};

/* ------------------------------------------------------------ shmat, shmdt */

/* Is anything mapped in [addr, addr + len)? */
static bool shm_range_busy(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long irq = mm_lock(mm);
	struct vm_area *v = vma_find_next(&mm->vmas, addr);
	bool busy = v && v->start < addr + len;

	mm_unlock(mm, irq);
	return busy;
}

static long do_shmat(struct shm_seg *seg, unsigned long addr, int flags)
{
	struct mmap_file file = { .file = seg, .ops = &shm_vm_ops };
	unsigned long prot = PROT_READ, mflags = MAP_SHARED;
	unsigned int need = 0444;
	unsigned long len = ALIGN_UP(seg->size, PAGE_SIZE);
	struct ipc_cred c;
	long err;

	if (flags & SHM_RDONLY)
		file.vm_deny = VM_MAYWRITE;
	else {
		prot |= PROT_WRITE;
		need |= 0222;
	}
	if (flags & SHM_EXEC) {
		prot |= PROT_EXEC;
		need |= 0111;
	}
	ipc_cred_current(&c);
	spin_lock(&seg->perm.lock);
	err = ipc_perm_check(&seg->perm, &c, need);
	spin_unlock(&seg->perm.lock);
	if (err)
		return err;
	if (addr) {
		mflags |= MAP_FIXED;
		if (!(flags & SHM_REMAP) && shm_range_busy(current->mm, addr, len))
			return -EINVAL;
	}
	return do_mmap(current->mm, addr, len, prot, mflags, &file, 0);
}

/* shmat(shmid, shmaddr, shmflg): the address, or -errno. */
long sys_shmat(const struct syscall_args *args)
{
	int id = (int)args->a[0], flags = (int)args->a[2];
	unsigned long addr = args->a[1];
	struct shm_seg *seg;
	long ret;

	if (id < 0)
		return -EINVAL;
	if (addr & (SHMLBA - 1)) {
		if (!(flags & SHM_RND))
			return -EINVAL;
		addr &= ~(unsigned long)(SHMLBA - 1);
	}
	if (!addr && (flags & SHM_REMAP))
		return -EINVAL;
	seg = seg_get(id);
	if (!seg)
		return -EINVAL;
	ret = do_shmat(seg, addr, flags);
	seg_put(seg);
	return ret;
}

/*
 * The next VMA of seg in [from, end) (mm_lock held): its range in
 * start and stop. False if none.
 */
static bool shm_next_vma(struct mm_struct *mm, struct shm_seg *seg, unsigned long from,
			 unsigned long end, unsigned long *start, unsigned long *stop)
{
	for (struct vm_area *v = vma_find_next(&mm->vmas, from); v && v->start < end;
	     v = vma_next(&mm->vmas, v)) {
		if (v->ops == &shm_vm_ops && v->file == seg) {
			*start = v->start < from ? from : v->start;
			*stop = v->end > end ? end : v->end;
			return true;
		}
	}
	return false;
}

/* shmdt(shmaddr): unmap the segment attached at shmaddr (its VMAs only). */
long sys_shmdt(const struct syscall_args *args)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = args->a[0], end, start, stop, irq;
	struct vm_area *v;
	struct shm_seg *seg;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	irq = mm_lock(mm);
	v = vma_find(&mm->vmas, addr);
	if (!v || v->start != addr || v->ops != &shm_vm_ops || v->pgoff != 0) {
		mm_unlock(mm, irq);
		return -EINVAL;
	}
	seg = v->file;
	atomic_inc(&seg->perm.refs);   /* seg stays comparable while we unmap */
	end = addr + ALIGN_UP(seg->size, PAGE_SIZE);
	mm_unlock(mm, irq);
	for (;;) {
		irq = mm_lock(mm);
		bool found = shm_next_vma(mm, seg, addr, end, &start, &stop);

		mm_unlock(mm, irq);
		if (!found)
			break;
		do_munmap(mm, start, stop - start);
		addr = stop;
	}
	seg_put(seg);
	return 0;
}

/* ------------------------------------------------------------ shmctl */

static long shmctl_info(int cmd, void __user *buf)
{
	unsigned int in_use, max_idx;
	long ret;

	ipc_ids_counts(&shm_ids, &in_use, &max_idx);
	ret = max_idx ? (long)max_idx - 1 : 0;
	if (cmd == IPC_INFO) {
		struct shminfo64 si = {
			.shmmax = READ_ONCE(ipc_limits.shmmax), .shmmin = SHMMIN,
			.shmmni = READ_ONCE(ipc_limits.shmmni), .shmseg = SHMSEG,
			.shmall = READ_ONCE(ipc_limits.shmall),
		};
		return copy_to_user(buf, &si, sizeof(si)) ? -EFAULT : ret;
	}
	struct shm_info info = {
		.used_ids = (int)in_use,
		.shm_tot = (unsigned long)atomic_long_read(&shm_total_pages),
	};
	info.shm_rss = info.shm_tot;   /* no swap: every page that exists is resident */
	return copy_to_user(buf, &info, sizeof(info)) ? -EFAULT : ret;
}

static long shmctl_stat(int idx_or_id, int cmd, void __user *buf)
{
	struct shmid64_ds ds;
	struct kern_ipc_perm *p;
	struct shm_seg *seg;
	struct ipc_cred c;
	long ret = 0;

	if (cmd == IPC_STAT)
		p = ipc_get(&shm_ids, idx_or_id);
	else
		p = idx_or_id < 0 ? NULL : ipc_get_at(&shm_ids, (unsigned int)idx_or_id);
	if (!p)
		return -EINVAL;
	seg = to_seg(p);
	memset(&ds, 0, sizeof(ds));
	ipc_cred_current(&c);
	spin_lock(&p->lock);
	if (cmd != SHM_STAT_ANY)
		ret = ipc_perm_check(p, &c, 0444);
	ipc_fill_perm(p, &ds.shm_perm);
	ds.shm_segsz = seg->size;
	ds.shm_atime = seg->atime;
	ds.shm_dtime = seg->dtime;
	ds.shm_ctime = seg->ctime;
	ds.shm_cpid = seg->cpid;
	ds.shm_lpid = seg->lpid;
	ds.shm_nattch = seg->nattch;
	spin_unlock(&p->lock);
	if (!ret && cmd != IPC_STAT)
		ret = p->id;
	seg_put(seg);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* IPC_RMID: private key, SHM_DEST; gone now if nothing is attached. */
static void shm_mark_removed(struct shm_seg *seg)
{
	bool now;

	write_lock(&shm_ids.lock);
	seg->perm.key = IPC_PRIVATE;
	write_unlock(&shm_ids.lock);
	spin_lock(&seg->perm.lock);
	seg->perm.mode |= SHM_DEST;
	now = !seg->nattch;
	spin_unlock(&seg->perm.lock);
	if (now)
		shm_destroy(seg);
}

/* IPC_SET, IPC_RMID, SHM_LOCK, SHM_UNLOCK: the owner (or root). */
static long shmctl_change(int id, int cmd, void __user *buf)
{
	struct shmid64_ds ds;
	struct shm_seg *seg;
	struct ipc_cred c;
	long ret = 0;

	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	seg = seg_get(id);
	if (!seg)
		return -EINVAL;
	ipc_cred_current(&c);
	spin_lock(&seg->perm.lock);
	if (!ipc_is_owner(&seg->perm, &c))
		ret = -EPERM;
	else if (cmd == IPC_SET) {
		ipc_set_perm(&seg->perm, &ds.shm_perm);
		seg->ctime = ipc_now();
	} else if (cmd == SHM_LOCK)
		seg->perm.mode |= SHM_LOCKED;   /* nothing is swapped: already resident */
	else if (cmd == SHM_UNLOCK)
		seg->perm.mode &= ~(unsigned int)SHM_LOCKED;
	spin_unlock(&seg->perm.lock);
	if (!ret && cmd == IPC_RMID)
		shm_mark_removed(seg);
	seg_put(seg);
	return ret;
}

/* shmctl(shmid, cmd, buf) */
long sys_shmctl(const struct syscall_args *args)
{
	int id = (int)args->a[0], cmd = (int)args->a[1] & ~IPC_64;
	void __user *buf = (void __user *)args->a[2];

	if (id < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO:
		return shmctl_info(cmd, buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shmctl_stat(id, cmd, buf);
	case IPC_SET:
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shmctl_change(id, cmd, buf);
	default:
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ /proc/sysvipc/shm */

/* rss: the segment's pages that exist (touched); nothing is ever swapped. */
static void shm_proc_row(struct seq_buf *s, struct kern_ipc_perm *p)
{
	struct shm_seg *seg = to_seg(p);
	unsigned long rss = shmem_resident_pages(seg->obj) << PAGE_SHIFT;

	spin_lock(&p->lock);
	seq_printf(s, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu "
		      "%21lu %21lu\n",
		   p->key, p->id, p->mode, seg->size, (unsigned int)seg->cpid,
		   (unsigned int)seg->lpid, seg->nattch, p->uid, p->gid, p->cuid, p->cgid,
		   (unsigned long long)seg->atime, (unsigned long long)seg->dtime,
		   (unsigned long long)seg->ctime, rss, 0UL);
	spin_unlock(&p->lock);
}

void shm_proc_show(struct seq_buf *s)
{
	seq_puts(s, "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  "
		    "cuid  cgid      atime      dtime      ctime                   rss                  "
		    "swap\n");
	ipc_proc_walk(s, &shm_ids, shm_proc_row, shm_seg_free);
}

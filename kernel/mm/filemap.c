/*
 * The page cache proper: finding, adding and removing cached pages, the
 * read path with sequential read-ahead, the buffered write path, and
 * truncation. Interface and object rules in <mm/pagemap.h>; writeback.c
 * owns dirtying and writeback, lru.c the LRU lists and reclaim,
 * page_lock.c the page lock.
 *
 * Read-ahead (per open file, struct file_ra_state): a read that starts at
 * the page after the last one read is sequential. The first sequential
 * miss reads a window of VM_READAHEAD_MIN_PAGES pages; when a read
 * reaches the window's last async_size pages the next window is started,
 * twice as large, up to VM_READAHEAD_MAX_PAGES. A random read reads only
 * the pages it needs. Pages of a window are added locked and handed to
 * ->readpage together, so the block layer can merge them into few
 * requests; readers wait on the page lock that the I/O completion drops.
 *
 * Locks: mapping->lock around every tree access (a spinlock: lookups run
 * in the fault path under mm_lock). The page lock is taken with no
 * spinlock held. Callers of the read and write paths hold the inode's
 * i_rwsem as the file system requires (shared for read, exclusive for
 * write); nothing here takes it.
 *
 * Known weakness: generic_perform_write copies from user memory with the
 * destination page locked; if that user memory is a mapping of the same
 * page, not yet uptodate, the fault would wait for the lock forever.
 * Linux avoids it by prefaulting and atomic copies; Kestrel does not yet.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/pagemap.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

static struct kmem_cache *radix_node_cache;

struct radix_node *radix_node_alloc(void)
{
	struct radix_node *node = kmem_cache_alloc(radix_node_cache, GFP_KERNEL);

	if (node)
		memset(node, 0, sizeof(*node));
	return node;
}

void radix_node_free(struct radix_node *node)
{
	kmem_cache_free(radix_node_cache, node);
}

void pagecache_init(void)
{
	radix_node_cache = kmem_cache_create("radix_node", sizeof(struct radix_node), 8, NULL);
	BUG_ON(!radix_node_cache);
	page_wait_init();
}

void address_space_init(struct address_space *mapping, struct inode *host,
			const struct address_space_operations *a_ops)
{
	mapping->host = host;
	mapping->a_ops = a_ops;
	mapping->flags = 0;
	spin_lock_init(&mapping->lock, "mapping_lock");
	radix_tree_init(&mapping->pages);
	mapping->nrpages = 0;
	INIT_LIST_HEAD(&mapping->dirty_node);
	mapping->dirtied_ns = 0;
	mapping->wb_busy = false;
	mapping->private_data = NULL;
}

/* ---------------------------------------------------------------- lookup and insertion */

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	unsigned long irq = spin_lock_irqsave(&mapping->lock);
	struct page *page = radix_tree_lookup(&mapping->pages, index);

	if (page)
		get_page(page);
	spin_unlock_irqrestore(&mapping->lock, irq);
	return page;
}

struct page *find_lock_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	for (;;) {
		page = find_get_page(mapping, index);
		if (!page)
			return NULL;
		lock_page(page);
		if (page->mapping == mapping)
			return page;
		/* Truncated or reclaimed while we waited: look again. */
		unlock_page(page);
		put_page(page);
	}
}

static unsigned long nr_cache_pages;   /* [a] pages in every mapping's tree */

unsigned long pagecache_nr_pages(void)
{
	return __atomic_load_n(&nr_cache_pages, __ATOMIC_RELAXED);
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index)
{
	unsigned long irq;
	int err;

	BUG_ON(!page_flag_test(page, PG_locked));
	get_page(page);   /* the cache's reference */
	page->mapping = mapping;
	page->index = index;
	irq = spin_lock_irqsave(&mapping->lock);
	err = radix_tree_insert(&mapping->pages, index, page);
	if (!err) {
		mapping->nrpages++;
		__atomic_add_fetch(&nr_cache_pages, 1, __ATOMIC_RELAXED);
	}
	spin_unlock_irqrestore(&mapping->lock, irq);
	if (err) {
		page->mapping = NULL;
		put_page(page);
		return err;
	}
	if (!(mapping->flags & AS_UNEVICTABLE))
		lru_add(page);
	return 0;
}

/* A new locked page (zeroed) for a mapping; NULL if out of memory. */
static struct page *page_cache_alloc_locked(void)
{
	struct page *page = alloc_page(__GFP_ZERO | __GFP_NOWARN);

	if (page) {
		page->mapping = NULL;
		page->index = 0;
		bool locked = trylock_page(page);   /* a new page: nobody else can hold it */

		BUG_ON(!locked);
	}
	return page;
}

struct page *find_or_create_page(struct address_space *mapping, unsigned long index)
{
	for (;;) {
		struct page *page = find_lock_page(mapping, index);
		int err;

		if (page)
			return page;
		page = page_cache_alloc_locked();
		if (!page)
			return ERR_PTR(-ENOMEM);
		err = add_to_page_cache_lru(page, mapping, index);
		if (!err)
			return page;
		unlock_page(page);
		put_page(page);
		if (err != -EEXIST)
			return ERR_PTR(err);
	}
}

/* Take page out of the tree (mapping lock held); the cache's reference is the caller's to put. */
static void __remove_from_tree(struct address_space *mapping, struct page *page)
{
	struct page *gone = radix_tree_delete(&mapping->pages, page->index);

	BUG_ON(gone != page);
	mapping->nrpages--;
	__atomic_sub_fetch(&nr_cache_pages, 1, __ATOMIC_RELAXED);
	page->mapping = NULL;
}

void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long irq;

	BUG_ON(!page_flag_test(page, PG_locked));
	BUG_ON(!mapping);
	if (page_flag_test(page, PG_dirty))
		clear_page_dirty_for_io(page);   /* discarded: keep the counts right */
	irq = spin_lock_irqsave(&mapping->lock);
	__remove_from_tree(mapping, page);
	spin_unlock_irqrestore(&mapping->lock, irq);
	lru_del(page);
	put_page(page);
}

/*
 * Reclaim's removal: take the locked, clean page out of mapping only if
 * nobody but the cache and the caller (refs == 2) holds it, atomically
 * with respect to find_get_page. True if removed (the cache's reference
 * is dropped; the caller still holds its own).
 */
bool remove_mapping_if_unused(struct address_space *mapping, struct page *page);
bool remove_mapping_if_unused(struct address_space *mapping, struct page *page)
{
	unsigned long irq = spin_lock_irqsave(&mapping->lock);
	bool ok = page->mapping == mapping && atomic_read(&page->refcount) == 2 &&
		  atomic_read(&page->mapcount) == 0 && !page_flag_test(page, PG_dirty) &&
		  !page_flag_test(page, PG_writeback);

	if (ok)
		__remove_from_tree(mapping, page);
	spin_unlock_irqrestore(&mapping->lock, irq);
	if (ok)
		put_page(page);
	return ok;
}

/* ---------------------------------------------------------------- reading */

/* Read the locked, not uptodate page and wait for it: 0 or -EIO. The page ends unlocked. */
static int read_page_sync(struct file *file, struct address_space *mapping, struct page *page)
{
	int err = mapping->a_ops->readpage(file, page);

	if (err)
		return err;
	wait_on_page_locked(page);
	return page_flag_test(page, PG_uptodate) ? 0 : -EIO;
}

/*
 * Start reading the pages [index, index + nr) that are not cached (and
 * not beyond last, the last page of the file); returns how many were
 * started. Out of memory stops early, quietly: read-ahead is a hint.
 */
static unsigned int readahead_pages(struct file *file, struct address_space *mapping,
				    unsigned long index, unsigned int nr, unsigned long last)
{
	unsigned int started = 0;

	if (!mapping->a_ops->readpage)
		return 0;
	for (unsigned int i = 0; i < nr && index + i <= last; i++) {
		struct page *page = find_get_page(mapping, index + i);

		if (page) {
			put_page(page);
			continue;
		}
		page = page_cache_alloc_locked();
		if (!page)
			break;
		if (add_to_page_cache_lru(page, mapping, index + i)) {
			unlock_page(page);
			put_page(page);
			continue;
		}
		if (mapping->a_ops->readpage(file, page) == 0)
			started++;
		put_page(page);   /* the cache keeps its own */
	}
	return started;
}

/* Update ra for a read that needs page index and decide what to read ahead. */
static void readahead_on_miss(struct file *file, struct address_space *mapping,
			      struct file_ra_state *ra, unsigned long index, unsigned long last,
			      unsigned int want)
{
	bool sequential = ra && (index == ra->prev_index + 1 || (index == 0 && ra->size == 0) ||
				 index == ra->prev_index);
	unsigned int size;

	if (!sequential) {
		readahead_pages(file, mapping, index, MIN(want, VM_READAHEAD_MAX_PAGES), last);
		return;
	}
	size = ra->size ? MIN(ra->size * 2, VM_READAHEAD_MAX_PAGES) : VM_READAHEAD_MIN_PAGES;
	size = MAX(size, MIN(want, VM_READAHEAD_MAX_PAGES));
	ra->start = index;
	ra->size = size;
	ra->async_size = size / 2;
	readahead_pages(file, mapping, index, size, last);
}

/* On a hit: if index entered the window's async part, start the next window. */
static void readahead_on_hit(struct file *file, struct address_space *mapping,
			     struct file_ra_state *ra, unsigned long index, unsigned long last)
{
	unsigned long next;

	if (!ra || !ra->size || index != ra->start + ra->size - ra->async_size)
		return;
	next = ra->start + ra->size;
	ra->start = next;
	ra->size = MIN(ra->size * 2, VM_READAHEAD_MAX_PAGES);
	ra->async_size = ra->size;
	readahead_pages(file, mapping, next, ra->size, last);
}

/* The uptodate page at index for a read, with a reference, or an ERR_PTR. */
static struct page *filemap_get_read_page(struct file *file, struct address_space *mapping,
					  struct file_ra_state *ra, unsigned long index,
					  unsigned long last, unsigned int want)
{
	struct page *page;
	int err;

	for (;;) {
		page = find_get_page(mapping, index);
		if (!page) {
			readahead_on_miss(file, mapping, ra, index, last, want);
			page = find_get_page(mapping, index);
		} else {
			readahead_on_hit(file, mapping, ra, index, last);
		}
		if (!page) {
			page = find_or_create_page(mapping, index);
			if (IS_ERR(page))
				return page;
			unlock_page(page);
		}
		if (page_flag_test(page, PG_uptodate))
			return page;
		lock_page(page);
		if (!page->mapping) {   /* truncated while we waited */
			unlock_page(page);
			put_page(page);
			continue;
		}
		if (page_flag_test(page, PG_uptodate)) {
			unlock_page(page);
			return page;
		}
		err = mapping->a_ops->readpage ? read_page_sync(file, mapping, page) : -EIO;
		if (err) {
			put_page(page);
			return ERR_PTR(err);
		}
		return page;
	}
}

struct page *read_mapping_page(struct address_space *mapping, unsigned long index,
			       struct file *file)
{
	return filemap_get_read_page(file, mapping, NULL, index, ~0UL, 1);
}

ssize_t filemap_read(struct file *file, struct address_space *mapping, struct file_ra_state *ra,
		     struct iov_iter *to, loff_t *pos, loff_t i_size)
{
	ssize_t copied = 0;
	int err = 0;

	if (*pos >= i_size || !to->count)
		return 0;
	unsigned long last = (unsigned long)((i_size - 1) >> PAGE_SHIFT);
	while (to->count && *pos < i_size) {
		unsigned long index = (unsigned long)(*pos >> PAGE_SHIFT);
		size_t offset = (size_t)(*pos & ~PAGE_MASK);
		size_t nr = MIN(MIN(PAGE_SIZE - offset, to->count), (size_t)(i_size - *pos));
		unsigned int want = (unsigned int)MIN((to->count + offset + PAGE_SIZE - 1) >> PAGE_SHIFT,
						      (size_t)VM_READAHEAD_MAX_PAGES);
		struct page *page = filemap_get_read_page(file, mapping, ra, index, last, want);
		size_t n;

		if (IS_ERR(page)) {
			err = (int)PTR_ERR(page);
			break;
		}
		n = copy_to_iter((char *)page_address(page) + offset, nr, to);
		mark_page_accessed(page);
		put_page(page);
		*pos += n;
		copied += n;
		if (ra)
			ra->prev_index = index;
		if (n < nr) {
			err = -EFAULT;
			break;
		}
	}
	return copied ? copied : err;
}

/* ---------------------------------------------------------------- writing */

ssize_t generic_perform_write(struct file *file, struct address_space *mapping,
			      struct iov_iter *from, loff_t pos)
{
	const struct address_space_operations *a_ops = mapping->a_ops;
	ssize_t written = 0;
	int err = 0;

	while (from->count) {
		size_t offset = (size_t)(pos & ~PAGE_MASK);
		unsigned int bytes = (unsigned int)MIN(PAGE_SIZE - offset, from->count);
		struct page *page;
		size_t n;
		int status;

		err = a_ops->write_begin(file, mapping, pos, bytes, &page);
		if (err)
			break;
		n = copy_from_iter((char *)page_address(page) + offset, bytes, from);
		status = a_ops->write_end(file, mapping, pos, bytes, (unsigned int)n, page);
		if (status < 0) {
			err = status;
			break;
		}
		pos += status;
		written += status;
		if (n < bytes) {
			err = -EFAULT;
			break;
		}
		balance_dirty_pages();
	}
	return written ? written : err;
}

int simple_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned int len, struct page **pagep)
{
	struct page *page = find_or_create_page(mapping, (unsigned long)(pos >> PAGE_SHIFT));

	(void)file;
	(void)len;
	if (IS_ERR(page))
		return page == ERR_PTR(-ENOMEM) ? -ENOSPC : (int)PTR_ERR(page);
	/* A page new to a memory-only file is zero-filled: that is its content. */
	page_flag_set(page, PG_uptodate);
	*pagep = page;
	return 0;
}

int simple_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		     unsigned int len, unsigned int copied, struct page *page)
{
	struct inode *inode = mapping->host;

	(void)file;
	(void)len;
	if (copied) {
		set_page_dirty(page);
		if (pos + copied > inode->i_size)
			inode->i_size = pos + copied;
	}
	unlock_page(page);
	put_page(page);
	return (int)copied;
}

/* ---------------------------------------------------------------- truncation */

/* Drop page (locked, with a reference) from mapping if it is still there. */
static void truncate_one(struct address_space *mapping, struct page *page)
{
	if (page->mapping != mapping)
		return;
	wait_on_page_writeback(page);
	if (mapping->a_ops && mapping->a_ops->invalidatepage)
		mapping->a_ops->invalidatepage(page);
	delete_from_page_cache(page);
}

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	unsigned long index = (unsigned long)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);
	struct page *pages[16];
	unsigned int n;

	if (lstart & ~PAGE_MASK) {
		struct page *page = find_lock_page(mapping, (unsigned long)(lstart >> PAGE_SHIFT));

		if (page) {
			size_t off = (size_t)(lstart & ~PAGE_MASK);

			wait_on_page_writeback(page);
			memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
			unlock_page(page);
			put_page(page);
		}
	}
	do {
		unsigned long irq = spin_lock_irqsave(&mapping->lock);
		unsigned long indices[16];

		n = radix_tree_gang_lookup(&mapping->pages, (void **)pages, indices, index, 16, -1);
		for (unsigned int i = 0; i < n; i++)
			get_page(pages[i]);
		spin_unlock_irqrestore(&mapping->lock, irq);
		for (unsigned int i = 0; i < n; i++) {
			lock_page(pages[i]);
			truncate_one(mapping, pages[i]);
			unlock_page(pages[i]);
			put_page(pages[i]);
			index = indices[i] + 1;
		}
	} while (n && index);
}

/* ---------------------------------------------------------------- mmap of files */

/*
 * A file VMA's vma->file is the struct file it was mapped from, with a
 * reference per VMA (open/close). The fault runs under mm_lock with
 * interrupts off, so it only looks: a page that is cached and uptodate is
 * mapped at once; any other is read in by the deferred half
 * (current->fault_defer: read_mapping_page, with the file pinned) after
 * the fault path dropped the lock, and the fault is retried.
 */

/* The deferred half: bring page pgoff of the pinned file into the cache. May sleep. */
static int filemap_defer_wait(void *obj, unsigned long pgoff)
{
	struct file *file = obj;
	struct page *page = read_mapping_page(file_inode(file)->i_mapping, pgoff, file);

	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	put_page(page);
	return 0;
}

static void filemap_defer_put(void *obj)
{
	fput(obj);
}

/*
 * vm_operations fault: the page holding addr's file offset, with a
 * reference, if cached and uptodate; -EAGAIN with current->fault_defer
 * set if not; -EIO beyond the end of the file (SIGBUS). mm_lock held,
 * interrupts off: takes mapping->lock only.
 */
static int filemap_fault(struct vm_area *vma, unsigned long addr, struct page **pagep)
{
	struct file *file = vma->file;
	struct inode *inode = file_inode(file);
	unsigned long index = vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);
	u64 size = (u64)READ_ONCE(inode->i_size);
	struct page *page;

	if (index >= (size + PAGE_SIZE - 1) >> PAGE_SHIFT)
		return -EIO;
	page = find_get_page(inode->i_mapping, index);
	if (page && page_flag_test(page, PG_uptodate)) {
		mark_page_accessed(page);
		*pagep = page;
		return 0;
	}
	if (page)
		put_page(page);
	file_get(file);
	current->fault_defer = (struct fault_defer){
		.wait = filemap_defer_wait, .put = filemap_defer_put, .obj = file, .pgoff = index,
	};
	return -EAGAIN;
}

/* The deferred half of page_mkwrite: the file system gives page pgoff its block. May sleep. */
static int filemap_defer_mkwrite(void *obj, unsigned long pgoff)
{
	struct file *file = obj;
	struct address_space *mapping = file_inode(file)->i_mapping;
	struct page *page = read_mapping_page(mapping, pgoff, file);
	int err = 0;

	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	/* Unlocked: the file system may start a transaction before locking it. */
	if (!page_flag_test(page, PG_mappedtodisk))
		err = mapping->a_ops->page_mkwrite(file, page);
	put_page(page);
	return err;
}

/*
 * vm_operations page_mkwrite: nothing to do if the file system has no
 * page_mkwrite or the page has its block already (PG_mappedtodisk); else
 * defer to filemap_defer_mkwrite and retry. mm_lock held.
 */
static int filemap_page_mkwrite(struct vm_area *vma, struct page *page)
{
	struct file *file = vma->file;
	const struct address_space_operations *a_ops = file_inode(file)->i_mapping->a_ops;

	if (!a_ops->page_mkwrite || page_flag_test(page, PG_mappedtodisk))
		return 0;
	file_get(file);
	current->fault_defer = (struct fault_defer){
		.wait = filemap_defer_mkwrite, .put = filemap_defer_put, .obj = file,
		.pgoff = page->index,
	};
	return -EAGAIN;
}

static void filemap_vma_open(struct vm_area *vma)
{
	file_get(vma->file);
}

/* Never under mm_lock: the VMA ops' release list (mm/mm_internal.h) runs it unlocked. */
static void filemap_vma_close(struct vm_area *vma)
{
	fput(vma->file);
}

static const struct vm_operations generic_file_vm_ops = {
	.fault = filemap_fault,
	.page_mkwrite = filemap_page_mkwrite,
	.open = filemap_vma_open,
	.close = filemap_vma_close,
};

int generic_file_mmap(struct file *file, struct mmap_file *mf)
{
	struct address_space *mapping = file_inode(file)->i_mapping;

	if (!mapping->a_ops || !mapping->a_ops->readpage)
		return -ENODEV;
	*mf = (struct mmap_file){ .file = file, .ops = &generic_file_vm_ops };
	return 0;
}

bool vma_is_file_cache(const struct vm_area *vma)
{
	return vma->file && vma->ops == &generic_file_vm_ops;
}

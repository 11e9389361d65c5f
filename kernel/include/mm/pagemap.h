/*
 * The page cache (kernel/mm/filemap.c, page_lock.c, lru.c, writeback.c):
 * file data and metadata blocks held in pages, indexed by (address
 * space, page index). docs/storage.md, "Page cache", is the long form.
 *
 * Objects:
 *   struct address_space  the cached pages of one file (or of one block
 *                         device: its metadata blocks), in a radix tree
 *                         tagged dirty/writeback, with the operations that
 *                         move pages to and from the backing store.
 *   struct page           page->mapping and page->index say where a cached
 *                         page belongs; flags PG_locked, PG_uptodate,
 *                         PG_dirty, PG_writeback, PG_referenced, PG_active,
 *                         PG_lru (mm/page.h) its state.
 *
 * Page states. A page enters the cache locked and not uptodate
 * (add_to_page_cache_lru), is read (->readpage, which unlocks it when the
 * I/O ends, uptodate set on success), is dirtied by writes
 * (set_page_dirty: PG_dirty and the tree's dirty tag), is written back
 * (the dirty bit moves to PG_writeback under the page lock, ->writepage
 * starts the I/O, end_page_writeback() ends it) and, when clean, unmapped
 * and otherwise unused, may be reclaimed (lru.c) or truncated away.
 *
 * References: the cache holds one reference on each of its pages;
 * find_get_page() and friends return another that the caller puts.
 * page->mapping is NULL once the page left the cache (truncate, reclaim):
 * holders of a reference check it after locking the page.
 *
 * The page lock (PG_locked, a bit, with hashed wait queues) serialises I/O
 * on a page and its removal from the cache; it is a sleeping lock taken
 * with lock_page() and never held across a return to user space. It is
 * taken before any spinlock below and before mm_lock.
 *
 * Locks (docs/locking.md): mapping->lock ("mapping_lock", irqsave
 * spinlock) guards the tree, nrpages and the tree's tags; it is a leaf
 * except for the page allocator. The fault path takes it under mm_lock.
 * "lru_lock" guards the LRU lists; "wb_lock" the list of dirty mappings.
 * Neither is held with mapping_lock.
 */
#ifndef MM_PAGEMAP_H
#define MM_PAGEMAP_H

#include <arch/atomic.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <lib/radix_tree.h>
#include <locking/spinlock.h>
#include <mm/page.h>

struct address_space;
struct file;
struct inode;
struct iov_iter;
struct vm_area;

typedef s64 loff_t;   /* as in fs/fs.h */

#define PAGECACHE_TAG_DIRTY 0
#define PAGECACHE_TAG_WRITEBACK 1

/* How much writeback a caller wants (writeback.c). */
struct writeback_control {
	long nr_to_write;        /* pages still wanted; decremented per page started */
	bool sync;               /* data integrity: wait for pages already under writeback */
	u64 range_start, range_end;  /* byte range, inclusive end (whole file: 0, ~0) */
};

/*
 * Address-space operations. Every method may sleep unless noted.
 *
 *  readpage     page is locked, in the cache, not uptodate: start reading
 *               it; when the read ends set PG_uptodate (on success) and
 *               unlock_page(). 0 if the I/O was started (or done), or
 *               -errno with the page unlocked and not uptodate.
 *  writepage    page is locked, was dirty, is now under writeback
 *               (PG_writeback set, PG_dirty clear): write it; unlock it
 *               once the I/O is queued; end_page_writeback() when it
 *               ends (with mapping_set_error() first on failure). 0 or
 *               -errno (then the caller redirties the page and ends the
 *               writeback). NULL: pages stay in memory (tmpfs).
 *  write_begin  prepare [pos, pos + len) (within one page) for a write:
 *               *pagep gets the page, locked, with a reference, and
 *               uptodate or about to be wholly overwritten. i_rwsem is
 *               held. 0 or -errno (-ENOSPC: no block for it).
 *  write_end    copied bytes (<= len) were copied into the page at pos:
 *               mark it uptodate if whole, dirty it, extend i_size, unlock
 *               and put the page. Returns copied or -errno.
 *  invalidatepage  page is leaving the cache (truncate): drop the file
 *               system's private state for it (NULL: nothing to drop).
 *  page_mkwrite a shared mapping is about to write the page for the first
 *               time (it was uptodate, in the cache, within i_size; it
 *               comes unlocked, with a reference): lock it, check it is
 *               still in the mapping and below i_size, give it the disk
 *               space writepage will need, set PG_mappedtodisk, unlock.
 *               May sleep and start a transaction (before the page lock).
 *               0, or -errno (-ENOSPC: the store gets SIGBUS). NULL: the
 *               page needs nothing (tmpfs, or blocks always there). A
 *               file system with page_mkwrite sets PG_mappedtodisk on
 *               every page it knows has a block (readpage, write_begin),
 *               so only holes take the slow path.
 */
struct address_space_operations {
	int (*readpage)(struct file *file, struct page *page);
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	int (*write_begin)(struct file *file, struct address_space *mapping, loff_t pos,
			   unsigned int len, struct page **pagep);
	int (*write_end)(struct file *file, struct address_space *mapping, loff_t pos,
			 unsigned int len, unsigned int copied, struct page *page);
	void (*invalidatepage)(struct page *page);
	int (*page_mkwrite)(struct file *file, struct page *page);
};

/* Flags in mapping->flags. */
#define AS_UNEVICTABLE 0x1u   /* pages never reclaimed, not on the LRU (tmpfs, ramfs) */
#define AS_EIO         0x2u   /* a writeback failed since the last fsync looked */
#define AS_ENOSPC      0x4u

struct address_space {
	struct inode *host;                              /* [I] owner (NULL for some internal ones) */
	const struct address_space_operations *a_ops;   /* [I] once set up */
	unsigned int flags;                              /* [a] AS_* */
	struct spinlock lock;                            /* "mapping_lock" */
	struct radix_tree_root pages;                    /* [lock] page index -> struct page */
	unsigned long nrpages;                           /* [lock] pages in the tree */
	/* [wb_lock] writeback bookkeeping */
	struct list_head dirty_node;                     /* on the dirty-mappings list, or empty */
	u64 dirtied_ns;                                  /* when the oldest dirty page was dirtied */
	bool wb_busy;                                    /* the writeback thread is writing it */
	void *private_data;                              /* the owner's own */
};

/* Sequential read-ahead state of an open file. */
struct file_ra_state {
	unsigned long start;       /* first page of the current window */
	unsigned int size;         /* pages in the window */
	unsigned int async_size;   /* the next window starts when this many remain */
	unsigned long prev_index;  /* the page the last read ended in */
};

#define VM_READAHEAD_MIN_PAGES 4
#define VM_READAHEAD_MAX_PAGES 32   /* 128 KiB, Linux's default read_ahead_kb */

/* ---------------------------------------------------------------- filemap.c */

/* Boot, after the slab allocator and before any file is read: caches and wait queues. */
void pagecache_init(void);

void address_space_init(struct address_space *mapping, struct inode *host,
			const struct address_space_operations *a_ops);

/* The page at index with a reference, or NULL. Any context; does not sleep. */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
/* The same, locked (sleeps for the lock); NULL if absent. The page may have been truncated: check page->mapping. */
struct page *find_lock_page(struct address_space *mapping, unsigned long index);
/*
 * The page at index, locked and with a reference; a new one (zeroed, not
 * uptodate) is added if absent. ERR_PTR(-ENOMEM). May sleep.
 */
struct page *find_or_create_page(struct address_space *mapping, unsigned long index);
/* Insert the locked page at index: 0, -EEXIST (someone was faster), -ENOMEM. */
int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index);
/* Take the locked page out of its mapping (drops the cache's reference). */
void delete_from_page_cache(struct page *page);

/*
 * The uptodate page at index, read through ->readpage if needed; with a
 * reference, unlocked. ERR_PTR(-EIO/-ENOMEM). May sleep.
 */
struct page *read_mapping_page(struct address_space *mapping, unsigned long index,
			       struct file *file);

/*
 * read(2) through the cache: copy from *pos into to, advancing *pos, at
 * most up to i_size (read under the inode's lock by the caller or as a
 * snapshot); read-ahead per ra. Bytes copied (0 at end of file), or -errno
 * if nothing was copied. May sleep.
 */
ssize_t filemap_read(struct file *file, struct address_space *mapping, struct file_ra_state *ra,
		     struct iov_iter *to, loff_t *pos, loff_t i_size);

/*
 * write(2) through the cache with ->write_begin/->write_end, from *pos.
 * The caller holds i_rwsem for writing. Bytes written (short if a user
 * page faulted or the fs ran out of space midway), or -errno if none.
 * Throttles the writer when too much memory is dirty. May sleep.
 */
ssize_t generic_perform_write(struct file *file, struct address_space *mapping,
			      struct iov_iter *from, loff_t pos);

/* write_begin/write_end for file systems with no blocks to allocate (tmpfs). */
int simple_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned int len, struct page **pagep);
int simple_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		     unsigned int len, unsigned int copied, struct page *page);

/*
 * Remove the pages from byte lstart on (waiting for their writeback;
 * dirty ones are discarded), zeroing the tail of a partial first page.
 * Used by truncate and eviction. May sleep.
 */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);

/*
 * f_op->mmap for files whose data lives in their page cache (the mapping
 * needs ->readpage): VMAs map the cached pages themselves -- MAP_SHARED
 * stores land in them (dirtied on the first write, or from the PTE's
 * dirty bit at unmap and msync), MAP_PRIVATE copies on write. Each VMA
 * holds a reference on file. A page not cached yet is read by the fault's
 * deferred half (mm/mm.h); a page beyond the end of the file is -EIO
 * (SIGBUS). 0 or -ENODEV.
 */
struct mmap_file;
int generic_file_mmap(struct file *file, struct mmap_file *mf);
/* Is vma a generic_file_mmap mapping (vma->file a struct file, pages from its cache)? */
bool vma_is_file_cache(const struct vm_area *vma);

/* ---------------------------------------------------------------- page_lock.c */

void page_wait_init(void);   /* pagecache_init() calls it */

void lock_page(struct page *page);
bool trylock_page(struct page *page);
void unlock_page(struct page *page);
void wait_on_page_locked(struct page *page);
/* PG_writeback: set under the page lock; ended (with waiters woken) from any context. */
void set_page_writeback(struct page *page);
void end_page_writeback(struct page *page);
void wait_on_page_writeback(struct page *page);

/* ---------------------------------------------------------------- writeback.c */

/*
 * Mark the page (in a mapping, any lock state) dirty: PG_dirty, the dirty
 * tag, the dirty-page count, and the mapping on the writeback list.
 * Returns true if it was clean. Any context.
 */
bool set_page_dirty(struct page *page);
/* Before writing a locked page: clear its dirty state; true if it was dirty. */
bool clear_page_dirty_for_io(struct page *page);
/* Record a writeback error for the next fsync. */
void mapping_set_error(struct address_space *mapping, int err);

/*
 * Start writeback of the dirty pages of mapping in wbc's range (up to
 * nr_to_write); with wbc->sync also wait for those already being written.
 * 0 or the first -errno. May sleep.
 */
int do_writepages(struct address_space *mapping, struct writeback_control *wbc);
/*
 * fsync's data part: write back [start, end] and wait for it; then report
 * (and clear) any writeback error seen since the last call. 0 or -EIO/-ENOSPC.
 */
int filemap_write_and_wait_range(struct address_space *mapping, loff_t start, loff_t end);
/* Write back every dirty mapping and wait (sync(2)'s data part). */
void writeback_all_sync(void);
/*
 * Called by writers after dirtying pages: if dirty memory is over the
 * limit, write some back (and wait) before returning. May sleep.
 */
void balance_dirty_pages(void);
/* Dirty and writeback page counts (for /proc/meminfo). */
unsigned long nr_dirty_pages(void);
unsigned long nr_writeback_pages(void);
/* Before freeing a mapping (its pages gone): off the dirty list, wait for the thread. May sleep. */
void writeback_forget(struct address_space *mapping);
/* Wake the writeback thread now. Any context but interrupts. */
void writeback_kick(void);
/* Start the writeback thread (boot, after the scheduler). */
void writeback_init(void);

/* ---------------------------------------------------------------- lru.c */

/* Put a page just added to a mapping on the inactive list (not for AS_UNEVICTABLE). */
void lru_add(struct page *page);
/* Take a page leaving the cache off its list. */
void lru_del(struct page *page);
/* A read or mapping touched the page: referenced, then active. */
void mark_page_accessed(struct page *page);
/*
 * Free up to nr clean, unmapped, unreferenced cache pages (starting
 * writeback of dirty ones as it goes); returns how many were freed.
 * May sleep. Called before the OOM killer.
 */
unsigned long reclaim_pages(unsigned long nr);
/* Pages of file cache on the LRU lists (for /proc/meminfo): active, inactive. */
void lru_counts(unsigned long *active, unsigned long *inactive);
/* Pages in the page cache, of every mapping (files, tmpfs, block devices). */
unsigned long pagecache_nr_pages(void);

#endif /* MM_PAGEMAP_H */

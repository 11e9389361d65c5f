/*
 * Dirty pages and writeback: set_page_dirty, the writeback of a mapping
 * (do_writepages), fsync's wait, writer throttling and the "writeback"
 * kernel thread. Interface in <mm/pagemap.h>; docs/storage.md.
 *
 * Accounting. nr_dirty counts pages with PG_dirty in mappings that can
 * write back (->writepage set); nr_writeback those with PG_writeback. A
 * mapping with dirty pages is on dirty_mappings (oldest first), stamped
 * with the time its first page was dirtied.
 *
 * Policy (Linux's defaults, in pages of the allocator's total):
 *   - the thread wakes every WB_INTERVAL_MS and writes back mappings
 *     dirtied more than WB_EXPIRE_MS ago;
 *   - above the background threshold (10%) it writes back everything;
 *   - above the hard threshold (20%) writers wait in balance_dirty_pages()
 *     for writeback to bring it down.
 *
 * Mapping lifetime: a mapping's owner must call writeback_forget() before
 * freeing it (its pages were truncated by then); that takes it off the
 * list and waits while the thread is writing it (mapping->wb_busy).
 *
 * Locks: "wb_lock" (irqsave spinlock) guards dirty_mappings, each
 * mapping's dirty_node, dirtied_ns and wb_busy. Taken after mapping_lock
 * is released (never nested with it). The page lock is taken with
 * neither held.
 */
#include <fs/fs.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/page_alloc.h>
#include <mm/pagemap.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <uapi/errno.h>

#define WB_INTERVAL_MS 5000
#define WB_EXPIRE_MS 30000
#define WB_BACKGROUND_PERCENT 10
#define WB_LIMIT_PERCENT 20
#define WB_BATCH 16

static struct spinlock wb_lock = SPINLOCK_INIT("wb_lock");
static LIST_HEAD(dirty_mappings);                 /* [wb_lock] oldest first */
static long nr_dirty, nr_writeback;               /* [a] */
static struct wait_queue_head wb_thread_wq = WAIT_QUEUE_HEAD_INIT(wb_thread_wq, "wb_wait");
static struct wait_queue_head wb_done_wq = WAIT_QUEUE_HEAD_INIT(wb_done_wq, "wb_wait");
static unsigned int wb_kick;                      /* [a] wake the thread now (0/1) */
static struct task *wb_task;

void __end_page_writeback_wake(struct page *page);   /* page_lock.c */

unsigned long nr_dirty_pages(void)
{
	long n = __atomic_load_n(&nr_dirty, __ATOMIC_RELAXED);

	return n > 0 ? (unsigned long)n : 0;
}

unsigned long nr_writeback_pages(void)
{
	long n = __atomic_load_n(&nr_writeback, __ATOMIC_RELAXED);

	return n > 0 ? (unsigned long)n : 0;
}

static bool mapping_can_writeback(const struct address_space *mapping)
{
	return mapping->a_ops && mapping->a_ops->writepage;
}

/* Put mapping on the dirty list if it is not there (first dirty page now). */
static void mapping_mark_dirty(struct address_space *mapping)
{
	unsigned long irq = spin_lock_irqsave(&wb_lock);

	if (list_empty(&mapping->dirty_node)) {
		mapping->dirtied_ns = ktime_get_ns();
		list_add_tail(&mapping->dirty_node, &dirty_mappings);
	}
	spin_unlock_irqrestore(&wb_lock, irq);
}

bool set_page_dirty(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long irq;

	if (__atomic_fetch_or(&page->flags, 1UL << PG_dirty, __ATOMIC_RELAXED) & (1UL << PG_dirty))
		return false;
	if (!mapping || !mapping_can_writeback(mapping))
		return true;
	irq = spin_lock_irqsave(&mapping->lock);
	if (page->mapping == mapping)
		radix_tree_tag_set(&mapping->pages, page->index, PAGECACHE_TAG_DIRTY);
	spin_unlock_irqrestore(&mapping->lock, irq);
	__atomic_add_fetch(&nr_dirty, 1, __ATOMIC_RELAXED);
	mapping_mark_dirty(mapping);
	return true;
}

bool clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long irq;

	if (!(__atomic_fetch_and(&page->flags, ~(1UL << PG_dirty), __ATOMIC_RELAXED) &
	      (1UL << PG_dirty)))
		return false;
	if (!mapping || !mapping_can_writeback(mapping))
		return true;
	irq = spin_lock_irqsave(&mapping->lock);
	radix_tree_tag_clear(&mapping->pages, page->index, PAGECACHE_TAG_DIRTY);
	spin_unlock_irqrestore(&mapping->lock, irq);
	__atomic_sub_fetch(&nr_dirty, 1, __ATOMIC_RELAXED);
	return true;
}

void set_page_writeback(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long irq;

	BUG_ON(!page_flag_test(page, PG_locked));
	BUG_ON(page_flag_test(page, PG_writeback));
	page_flag_set(page, PG_writeback);
	irq = spin_lock_irqsave(&mapping->lock);
	radix_tree_tag_set(&mapping->pages, page->index, PAGECACHE_TAG_WRITEBACK);
	spin_unlock_irqrestore(&mapping->lock, irq);
	__atomic_add_fetch(&nr_writeback, 1, __ATOMIC_RELAXED);
}

void end_page_writeback(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (mapping) {
		unsigned long irq = spin_lock_irqsave(&mapping->lock);

		radix_tree_tag_clear(&mapping->pages, page->index, PAGECACHE_TAG_WRITEBACK);
		spin_unlock_irqrestore(&mapping->lock, irq);
	}
	__atomic_sub_fetch(&nr_writeback, 1, __ATOMIC_RELAXED);
	__end_page_writeback_wake(page);
	if (wait_queue_active(&wb_done_wq))
		wake_up_all(&wb_done_wq);
}

void mapping_set_error(struct address_space *mapping, int err)
{
	__atomic_or_fetch(&mapping->flags, err == -ENOSPC ? AS_ENOSPC : AS_EIO, __ATOMIC_RELAXED);
}

/* Write back one locked page that was dirty: 0 or -errno. The page ends unlocked. */
static int writeback_page(struct address_space *mapping, struct page *page,
			  struct writeback_control *wbc)
{
	int err;

	set_page_writeback(page);
	err = mapping->a_ops->writepage(page, wbc);
	if (err) {
		mapping_set_error(mapping, err);
		set_page_dirty(page);
		end_page_writeback(page);
	}
	return err;
}

/* The next up to WB_BATCH pages tagged tag from *index on, with references. */
static unsigned int grab_tagged(struct address_space *mapping, unsigned long *index,
				unsigned int tag, struct page **pages)
{
	unsigned long indices[WB_BATCH];
	unsigned long irq = spin_lock_irqsave(&mapping->lock);
	unsigned int n = radix_tree_gang_lookup(&mapping->pages, (void **)pages, indices, *index,
						WB_BATCH, (int)tag);

	for (unsigned int i = 0; i < n; i++)
		get_page(pages[i]);
	spin_unlock_irqrestore(&mapping->lock, irq);
	if (n)
		*index = indices[n - 1] + 1;
	return n;
}

/* Take mapping off the dirty list if nothing in it is dirty any more. */
static void mapping_maybe_clean(struct address_space *mapping)
{
	unsigned long irq = spin_lock_irqsave(&mapping->lock);
	bool dirty = radix_tree_tagged(&mapping->pages, PAGECACHE_TAG_DIRTY);

	spin_unlock_irqrestore(&mapping->lock, irq);
	if (dirty)
		return;
	irq = spin_lock_irqsave(&wb_lock);
	/* Recheck under wb_lock's ordering: set_page_dirty tags before it lists. */
	if (!radix_tree_tagged(&mapping->pages, PAGECACHE_TAG_DIRTY))
		list_del_init(&mapping->dirty_node);
	spin_unlock_irqrestore(&wb_lock, irq);
}

/* Wait for the writeback of every page of mapping in [first, last]. */
static void wait_writeback_range(struct address_space *mapping, unsigned long first,
				 unsigned long last)
{
	struct page *pages[WB_BATCH];
	unsigned long index = first;
	unsigned int n;

	while (index <= last && (n = grab_tagged(mapping, &index, PAGECACHE_TAG_WRITEBACK, pages))) {
		for (unsigned int i = 0; i < n; i++) {
			if (pages[i]->index <= last)
				wait_on_page_writeback(pages[i]);
			put_page(pages[i]);
		}
		if (!index)
			break;
	}
}

int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	unsigned long first = (unsigned long)(wbc->range_start >> PAGE_SHIFT);
	unsigned long last = (unsigned long)(wbc->range_end >> PAGE_SHIFT);
	unsigned long index = first;
	struct page *pages[WB_BATCH];
	unsigned int n;
	int ret = 0;

	if (!mapping_can_writeback(mapping))
		return 0;
	while (wbc->nr_to_write > 0 && index <= last &&
	       (n = grab_tagged(mapping, &index, PAGECACHE_TAG_DIRTY, pages))) {
		for (unsigned int i = 0; i < n; i++) {
			struct page *page = pages[i];

			if (page->index > last || wbc->nr_to_write <= 0)
				goto next;
			lock_page(page);
			if (page->mapping != mapping || !page_flag_test(page, PG_dirty)) {
				unlock_page(page);
				goto next;
			}
			if (page_flag_test(page, PG_writeback)) {
				if (!wbc->sync) {
					unlock_page(page);
					goto next;
				}
				wait_on_page_writeback(page);
			}
			if (!clear_page_dirty_for_io(page)) {
				unlock_page(page);
				goto next;
			}
			int err = writeback_page(mapping, page, wbc);

			if (err && !ret)
				ret = err;
			wbc->nr_to_write--;
next:
			put_page(page);
		}
		if (!index)
			break;
	}
	if (wbc->sync)
		wait_writeback_range(mapping, first, last);
	mapping_maybe_clean(mapping);
	return ret;
}

int filemap_write_and_wait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	struct writeback_control wbc = {
		.nr_to_write = (long)(~0UL >> 1), .sync = true,
		.range_start = (u64)start, .range_end = (u64)end,
	};
	unsigned int errs;

	do_writepages(mapping, &wbc);
	errs = __atomic_fetch_and(&mapping->flags, ~(AS_EIO | AS_ENOSPC), __ATOMIC_RELAXED);
	if (errs & AS_ENOSPC)
		return -ENOSPC;
	if (errs & AS_EIO)
		return -EIO;
	return 0;
}

/* ---------------------------------------------------------------- the dirty list */

void writeback_forget(struct address_space *mapping)
{
	unsigned long irq = spin_lock_irqsave(&wb_lock);

	list_del_init(&mapping->dirty_node);
	while (mapping->wb_busy) {
		spin_unlock_irqrestore(&wb_lock, irq);
		wait_event(wb_done_wq, !__atomic_load_n(&mapping->wb_busy, __ATOMIC_ACQUIRE));
		irq = spin_lock_irqsave(&wb_lock);
	}
	spin_unlock_irqrestore(&wb_lock, irq);
}

/*
 * The oldest dirty mapping dirtied before cutoff_ns (any if cutoff is
 * ~0), marked busy and moved to the list's tail, or NULL.
 */
static struct address_space *pick_dirty_mapping(u64 cutoff_ns, unsigned long *gen)
{
	unsigned long irq = spin_lock_irqsave(&wb_lock);
	struct address_space *mapping = NULL;

	if (!list_empty(&dirty_mappings) && (*gen)--) {
		mapping = list_first_entry(&dirty_mappings, struct address_space, dirty_node);
		if (mapping->dirtied_ns > cutoff_ns || mapping->wb_busy) {
			mapping = NULL;
		} else {
			mapping->wb_busy = true;
			list_move_tail(&mapping->dirty_node, &dirty_mappings);
		}
	}
	spin_unlock_irqrestore(&wb_lock, irq);
	return mapping;
}

static void release_dirty_mapping(struct address_space *mapping)
{
	__atomic_store_n(&mapping->wb_busy, false, __ATOMIC_RELEASE);
	wake_up_all(&wb_done_wq);
}

/* One pass over the dirty mappings older than cutoff; sync waits for the I/O. */
static void writeback_pass(u64 cutoff_ns, bool sync)
{
	unsigned long budget;
	struct address_space *mapping;
	unsigned long irq = spin_lock_irqsave(&wb_lock);
	struct list_head *pos;

	budget = 0;
	list_for_each(pos, &dirty_mappings)
		budget++;
	spin_unlock_irqrestore(&wb_lock, irq);
	while ((mapping = pick_dirty_mapping(cutoff_ns, &budget))) {
		struct writeback_control wbc = {
			.nr_to_write = (long)(~0UL >> 1), .sync = sync,
			.range_start = 0, .range_end = ~0ULL,
		};

		do_writepages(mapping, &wbc);
		release_dirty_mapping(mapping);
	}
}

void writeback_all_sync(void)
{
	writeback_pass(~0ULL, true);
}

static unsigned long dirty_threshold(unsigned int percent)
{
	struct page_stats st;

	page_alloc_stats(&st);
	return st.total * percent / 100;
}

static bool over_background(void)
{
	return nr_dirty_pages() > dirty_threshold(WB_BACKGROUND_PERCENT);
}

void balance_dirty_pages(void)
{
	unsigned long limit = dirty_threshold(WB_LIMIT_PERCENT);

	if (nr_dirty_pages() + nr_writeback_pages() <= limit)
		return;
	__atomic_store_n(&wb_kick, 1, __ATOMIC_RELEASE);
	wake_up_all(&wb_thread_wq);
	/* Wait for the writeback thread; re-kick it every 100 ms. */
	while (nr_dirty_pages() + nr_writeback_pages() > limit) {
		wait_event_timeout(wb_done_wq,
				   nr_dirty_pages() + nr_writeback_pages() <= limit,
				   msecs_to_ticks(100));
		__atomic_store_n(&wb_kick, 1, __ATOMIC_RELEASE);
		wake_up_all(&wb_thread_wq);
	}
}

/* Ask the writeback thread to run now (reclaim found dirty pages). */
void writeback_kick(void)
{
	__atomic_store_n(&wb_kick, 1, __ATOMIC_RELEASE);
	wake_up_all(&wb_thread_wq);
}

/* Sleep until kicked or WB_INTERVAL_MS passed; interruptible, so it does not count in the load. */
static void writeback_thread_sleep(void)
{
	struct wait_queue_entry w;

	wait_entry_init(&w);
	prepare_to_wait(&wb_thread_wq, &w, TASK_INTERRUPTIBLE);
	if (!__atomic_load_n(&wb_kick, __ATOMIC_ACQUIRE) && !kthread_should_stop())
		schedule_timeout((long)msecs_to_ticks(WB_INTERVAL_MS));
	finish_wait(&wb_thread_wq, &w);
}

static int writeback_thread(void *arg)
{
	const u64 expire_ns = (u64)WB_EXPIRE_MS * 1000000;

	(void)arg;
	while (!kthread_should_stop()) {
		bool kicked;
		u64 now;

		writeback_thread_sleep();
		kicked = __atomic_exchange_n(&wb_kick, 0, __ATOMIC_ACQ_REL);
		now = ktime_get_ns();
		if (kicked || over_background())
			writeback_pass(~0ULL, false);
		else if (now > expire_ns)
			writeback_pass(now - expire_ns, false);
	}
	return 0;
}

void writeback_init(void)
{
	wb_task = kthread_run(writeback_thread, NULL, "writeback");
	if (IS_ERR(wb_task))
		panic("writeback: cannot start the writeback thread");
}

/*
 * The LRU lists of file pages and reclaim. Interface in <mm/pagemap.h>.
 *
 * Every evictable page-cache page is on one of two lists: inactive (new
 * pages, and pages not touched since they were demoted) or active (pages
 * touched twice: mark_page_accessed sets PG_referenced on the first
 * touch and promotes on the second). Reclaim takes pages from the
 * inactive tail: a mapped page (mapcount > 0) or a referenced one goes to
 * the active list -- mapped pages are never reclaimed while mapped; a
 * dirty or writeback page is rotated and the writeback thread is woken
 * to clean it (reclaim itself never writes: it may run inside a file
 * system that holds locks ->writepage would take); a clean page nobody
 * else holds is removed from its mapping and freed. When the inactive
 * list is shorter than the active one, the active tail is demoted.
 *
 * PG_lru says "on a list" and changes only under lru_lock; a page taken
 * off for a decision (isolated) has PG_lru clear, so lru_del() from a
 * concurrent truncate leaves it alone, and reclaim holds its own
 * reference. A page on a list always has its cache reference (truncation
 * and reclaim remove it from the list before putting that reference), so
 * get_page under lru_lock is safe.
 *
 * Locks: "lru_lock" (irqsave spinlock), a leaf: taken with no other
 * page-cache lock held.
 */
#include <kernel/panic.h>
#include <mm/page_alloc.h>
#include <fs/dcache.h>
#include <fs/procfs.h>
#include <mm/pagemap.h>

static struct spinlock lru_lock = SPINLOCK_INIT("lru_lock");
static LIST_HEAD(lru_active);      /* [lru_lock] most recent at the head */
static LIST_HEAD(lru_inactive);    /* [lru_lock] */
static unsigned long nr_active, nr_inactive;   /* [lru_lock] */

#define RECLAIM_BATCH 32

bool remove_mapping_if_unused(struct address_space *mapping, struct page *page);   /* filemap.c */

void lru_counts(unsigned long *active, unsigned long *inactive)
{
	*active = READ_ONCE(nr_active);
	*inactive = READ_ONCE(nr_inactive);
}

/* Put page on a list (lru_lock held, page off every list). */
static void __lru_add(struct page *page, bool active, bool tail)
{
	struct list_head *head = active ? &lru_active : &lru_inactive;

	if (tail)
		list_add_tail(&page->lru, head);
	else
		list_add(&page->lru, head);
	if (active) {
		page_flag_set(page, PG_active);
		nr_active++;
	} else {
		page_flag_clear(page, PG_active);
		nr_inactive++;
	}
	page_flag_set(page, PG_lru);
}

/* Take page off its list (lru_lock held, PG_lru set). */
static void __lru_remove(struct page *page)
{
	list_del_init(&page->lru);
	if (page_flag_test(page, PG_active))
		nr_active--;
	else
		nr_inactive--;
	page_flag_clear(page, PG_lru);
}

void lru_add(struct page *page)
{
	unsigned long irq = spin_lock_irqsave(&lru_lock);

	BUG_ON(page_flag_test(page, PG_lru));
	page_flag_clear(page, PG_referenced);
	__lru_add(page, false, false);
	spin_unlock_irqrestore(&lru_lock, irq);
}

void lru_del(struct page *page)
{
	unsigned long irq = spin_lock_irqsave(&lru_lock);

	if (page_flag_test(page, PG_lru))
		__lru_remove(page);
	spin_unlock_irqrestore(&lru_lock, irq);
}

void mark_page_accessed(struct page *page)
{
	unsigned long irq;

	if (!page_flag_test(page, PG_referenced)) {
		page_flag_set(page, PG_referenced);
		return;
	}
	/* Active already, or off the LRU (unevictable: tmpfs): nothing to move. */
	if (page_flag_test(page, PG_active) || !page_flag_test(page, PG_lru))
		return;
	irq = spin_lock_irqsave(&lru_lock);
	if (page_flag_test(page, PG_lru) && !page_flag_test(page, PG_active)) {
		__lru_remove(page);
		__lru_add(page, true, false);
		page_flag_clear(page, PG_referenced);
	}
	spin_unlock_irqrestore(&lru_lock, irq);
}

/* Move up to nr pages from the active tail to the inactive head (lru_lock held). */
static void __demote(unsigned long nr)
{
	while (nr-- && !list_empty(&lru_active)) {
		struct page *page = list_last_entry(&lru_active, struct page, lru);

		__lru_remove(page);
		page_flag_clear(page, PG_referenced);
		__lru_add(page, false, false);
	}
}

/* Take up to n pages off the inactive tail, with references, into pages[]. */
static unsigned int isolate_inactive(struct page **pages, unsigned int n)
{
	unsigned long irq = spin_lock_irqsave(&lru_lock);
	unsigned int got = 0;

	if (nr_inactive < nr_active)
		__demote(MIN((unsigned long)n, nr_active - nr_inactive));
	while (got < n && !list_empty(&lru_inactive)) {
		struct page *page = list_last_entry(&lru_inactive, struct page, lru);

		__lru_remove(page);
		get_page(page);
		pages[got++] = page;
	}
	spin_unlock_irqrestore(&lru_lock, irq);
	return got;
}

/* Return an isolated page to a list (if it is still in the cache). */
static void putback(struct page *page, bool active)
{
	unsigned long irq = spin_lock_irqsave(&lru_lock);

	if (page->mapping && !page_flag_test(page, PG_lru))
		__lru_add(page, active, !active);
	spin_unlock_irqrestore(&lru_lock, irq);
}

/*
 * Decide about one isolated page (with our reference): true if it was
 * freed from the cache. *dirty is set when a dirty page was seen.
 */
static bool reclaim_one(struct page *page, bool *dirty, bool force)
{
	struct address_space *mapping;
	bool freed = false;

	if (!trylock_page(page)) {
		putback(page, false);
		return false;
	}
	mapping = page->mapping;
	if (!mapping)
		goto out;   /* truncated meanwhile: nothing to put back */
	if (atomic_read(&page->mapcount) > 0 || (!force && page_flag_test(page, PG_referenced))) {
		page_flag_clear(page, PG_referenced);
		putback(page, true);
		goto out;
	}
	if (page_flag_test(page, PG_dirty) || page_flag_test(page, PG_writeback)) {
		*dirty = true;
		putback(page, false);
		goto out;
	}
	freed = remove_mapping_if_unused(mapping, page);
	if (!freed)
		putback(page, false);
out:
	unlock_page(page);
	return freed;
}

/*
 * Free up to nr clean, unmapped pages from the inactive tail; force
 * (drop_caches) first moves every active page to the inactive list and
 * ignores the referenced bit, so one call sees every page once.
 */
static unsigned long __reclaim(unsigned long nr, bool force)
{
	struct page *pages[RECLAIM_BATCH];
	unsigned long freed = 0, scanned = 0, limit;
	bool dirty = false;

	{
		unsigned long irq = spin_lock_irqsave(&lru_lock);

		if (force)
			__demote(nr_active);
		limit = (force ? 1 : 2) * (nr_active + nr_inactive);
		spin_unlock_irqrestore(&lru_lock, irq);
	}
	while (freed < nr && scanned < limit) {
		unsigned int n = isolate_inactive(pages, RECLAIM_BATCH);

		if (!n)
			break;
		scanned += n;
		for (unsigned int i = 0; i < n; i++) {
			if (reclaim_one(pages[i], &dirty, force))
				freed++;
			put_page(pages[i]);
		}
	}
	if (dirty)
		writeback_kick();
	return freed;
}

unsigned long reclaim_pages(unsigned long nr)
{
	return __reclaim(nr, false);
}

/*
 * /proc/sys/vm/drop_caches (fs/procfs.h): bit 0 frees every clean,
 * unmapped page-cache page (dirty ones stay: Linux asks for a sync
 * first); bit 1 frees every unused dentry (and the inodes only they held).
 */
int drop_caches_write(int what)
{
	if (what & 1)
		__reclaim(~0UL, true);
	if (what & 2)
		dcache_shrink(~0UL);
	return 0;
}

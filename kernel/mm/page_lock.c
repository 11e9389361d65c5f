/*
 * Sleeping on page state: the page lock (PG_locked) and the end of
 * writeback (PG_writeback). Interface in <mm/pagemap.h>.
 *
 * Waiters sleep on one of PAGE_WAIT_TABLE_SIZE wait queues chosen by
 * hashing the page's address, as Linux does: a struct page has no room
 * for a queue of its own, and few pages are waited on at once. A waker
 * clears the bit, issues a full barrier (pairing with the one in
 * prepare_to_wait) and wakes every waiter of the queue; each rechecks its
 * own page's bit. So unrelated pages sharing a queue cost spurious
 * wake-ups, never lost ones.
 *
 * Locks: the queues' own ("page_wait", irqsave, leaf but for the run
 * queues). unlock_page and end_page_writeback may be called from
 * interrupt handlers (I/O completion).
 */
#include <kernel/panic.h>
#include <mm/pagemap.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <arch/barrier.h>

#define PAGE_WAIT_TABLE_BITS 8
#define PAGE_WAIT_TABLE_SIZE (1u << PAGE_WAIT_TABLE_BITS)

static struct wait_queue_head page_wait_table[PAGE_WAIT_TABLE_SIZE];

void page_wait_init(void)
{
	for (unsigned int i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		wait_queue_head_init(&page_wait_table[i], "page_wait");
}

static struct wait_queue_head *page_waitqueue(const struct page *page)
{
	unsigned long h = (unsigned long)page * 0x9e3779b97f4a7c15UL;

	return &page_wait_table[h >> (64 - PAGE_WAIT_TABLE_BITS)];
}

/* Atomically set bit f; its old value. Acquire ordering for the lock. */
static bool page_test_and_set(struct page *page, enum page_flag f)
{
	return (__atomic_fetch_or(&page->flags, 1UL << f, __ATOMIC_ACQUIRE) >> f) & 1;
}

bool trylock_page(struct page *page)
{
	return !page_test_and_set(page, PG_locked);
}

void lock_page(struct page *page)
{
	struct wait_queue_head *wq;

	if (trylock_page(page))
		return;
	wq = page_waitqueue(page);
	wait_event(*wq, trylock_page(page));
}

/* Clear bit f with release ordering, then wake the hashed queue. */
static void page_clear_and_wake(struct page *page, enum page_flag f)
{
	__atomic_and_fetch(&page->flags, ~(1UL << f), __ATOMIC_RELEASE);
	smp_mb();   /* the bit clear before reading the queue; pairs with prepare_to_wait */
	wake_up_all(page_waitqueue(page));
}

void unlock_page(struct page *page)
{
	BUG_ON(!page_flag_test(page, PG_locked));
	page_clear_and_wake(page, PG_locked);
}

void wait_on_page_locked(struct page *page)
{
	if (page_flag_test(page, PG_locked))
		wait_event(*page_waitqueue(page), !page_flag_test(page, PG_locked));
}

void wait_on_page_writeback(struct page *page)
{
	if (page_flag_test(page, PG_writeback))
		wait_event(*page_waitqueue(page), !page_flag_test(page, PG_writeback));
}

/* The writeback half that needs the mapping (tags, counts) is in writeback.c. */
void __end_page_writeback_wake(struct page *page);
void __end_page_writeback_wake(struct page *page)
{
	BUG_ON(!page_flag_test(page, PG_writeback));
	page_clear_and_wake(page, PG_writeback);
}

/*
 * Self-tests of the page cache (filemap.c, writeback.c, lru.c,
 * page_lock.c) on a test mapping whose "disk" is an array of bytes in
 * memory: ->readpage fills a page from it (or from a pattern), ->writepage
 * copies a page back. Each test ends with every page truncated and the
 * free-page count back where it started (no leaks).
 */
#include <fs/file.h>
#include <kernel/err.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/pagemap.h>
#include <mm/vmalloc.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#define TDISK_PAGES 256

struct tdisk {
	struct address_space mapping;
	u8 *data;                        /* TDISK_PAGES pages */
	unsigned long reads, writes;     /* [a] readpage / writepage calls */
	int write_error;                 /* writepage fails with this (0: succeeds) */
};

static struct tdisk *TD(struct address_space *mapping)
{
	return mapping->private_data;
}

static int tdisk_readpage(struct file *file, struct page *page)
{
	struct tdisk *td = TD(page->mapping);

	(void)file;
	__atomic_add_fetch(&td->reads, 1, __ATOMIC_RELAXED);
	if (page->index >= TDISK_PAGES) {
		unlock_page(page);
		return -EIO;
	}
	memcpy(page_address(page), td->data + page->index * PAGE_SIZE, PAGE_SIZE);
	page_flag_set(page, PG_uptodate);
	unlock_page(page);
	return 0;
}

static int tdisk_writepage(struct page *page, struct writeback_control *wbc)
{
	struct tdisk *td = TD(page->mapping);

	(void)wbc;
	__atomic_add_fetch(&td->writes, 1, __ATOMIC_RELAXED);
	if (td->write_error) {
		unlock_page(page);
		return td->write_error;
	}
	memcpy(td->data + page->index * PAGE_SIZE, page_address(page), PAGE_SIZE);
	unlock_page(page);
	end_page_writeback(page);
	return 0;
}

static int tdisk_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			     unsigned int len, struct page **pagep)
{
	struct page *page = find_or_create_page(mapping, (unsigned long)(pos >> PAGE_SHIFT));

	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	if (!page_flag_test(page, PG_uptodate) && len != PAGE_SIZE) {
		int err = tdisk_readpage(file, page);

		lock_page(page);
		if (err || !page_flag_test(page, PG_uptodate)) {
			unlock_page(page);
			put_page(page);
			return -EIO;
		}
	}
	*pagep = page;
	return 0;
}

static int tdisk_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			   unsigned int len, unsigned int copied, struct page *page)
{
	(void)file;
	(void)mapping;
	(void)pos;
	if (copied == len)
		page_flag_set(page, PG_uptodate);
	if (copied)
		set_page_dirty(page);
	unlock_page(page);
	put_page(page);
	return (int)copied;
}

static const struct address_space_operations tdisk_aops = {
	.readpage = tdisk_readpage,
	.writepage = tdisk_writepage,
	.write_begin = tdisk_write_begin,
	.write_end = tdisk_write_end,
};

static struct tdisk *tdisk_create(void)
{
	struct tdisk *td = vmalloc(sizeof(*td));

	if (!td)
		return NULL;
	memset(td, 0, sizeof(*td));
	td->data = vmalloc(TDISK_PAGES * PAGE_SIZE);
	if (!td->data) {
		vfree(td);
		return NULL;
	}
	for (unsigned long i = 0; i < TDISK_PAGES * PAGE_SIZE; i++)
		td->data[i] = (u8)(i * 7 + i / PAGE_SIZE);
	address_space_init(&td->mapping, NULL, &tdisk_aops);
	td->mapping.private_data = td;
	return td;
}

static void tdisk_destroy(struct tdisk *td)
{
	truncate_inode_pages(&td->mapping, 0);
	writeback_forget(&td->mapping);
	vfree(td->data);
	vfree(td);
}

static u8 tdisk_byte(unsigned long off)
{
	return (u8)(off * 7 + off / PAGE_SIZE);
}

KTEST(pagecache_read_and_readahead)
{
	unsigned long free0 = mm_free_pages_settled();
	struct file_ra_state ra = { 0 };
	struct tdisk *td = tdisk_create();
	const char *why = NULL;
	u8 *buf = vmalloc(64 * PAGE_SIZE);
	struct iov_iter it;
	loff_t pos = 0;

	if (!td || !buf)
		return ktest_fail("no memory");
	/* Read 64 pages in 1-page reads: sequential, so read-ahead grows the windows. */
	for (int i = 0; i < 64; i++) {
		iov_iter_kernel(&it, buf + i * PAGE_SIZE, PAGE_SIZE);
		if (filemap_read(NULL, &td->mapping, &ra, &it, &pos, 100 * PAGE_SIZE) != PAGE_SIZE) {
			why = ktest_fail("short read at page %d", i);
			goto out;
		}
	}
	for (unsigned long i = 0; i < 64 * PAGE_SIZE; i++)
		if (buf[i] != tdisk_byte(i)) {
			why = ktest_fail("byte %lu wrong", i);
			goto out;
		}
	if (ra.size != VM_READAHEAD_MAX_PAGES)
		why = ktest_fail("read-ahead window %u pages, not grown to %d", ra.size,
				 VM_READAHEAD_MAX_PAGES);
	else if (td->mapping.nrpages <= 64)
		why = ktest_fail("nothing read ahead (%lu pages cached)", td->mapping.nrpages);
	/* A read across the end of the file stops at i_size. */
	pos = 99 * PAGE_SIZE + 100;
	iov_iter_kernel(&it, buf, 2 * PAGE_SIZE);
	if (!why && filemap_read(NULL, &td->mapping, &ra, &it, &pos, 100 * PAGE_SIZE) !=
			    (ssize_t)(PAGE_SIZE - 100))
		why = ktest_fail("read across the end not short");
out:
	vfree(buf);
	tdisk_destroy(td);
	if (!why && mm_free_pages_settled() != free0)
		why = ktest_fail("leaked %ld pages", (long)(free0 - mm_free_pages_settled()));
	return why;
}

KTEST(pagecache_write_fsync_truncate)
{
	unsigned long free0 = mm_free_pages_settled();
	struct tdisk *td = tdisk_create();
	const char *why = NULL;
	static u8 src[3 * PAGE_SIZE];
	unsigned long dirty0 = nr_dirty_pages();
	struct iov_iter it;
	struct page *page;

	if (!td)
		return ktest_fail("no memory");
	memset(src, 0xab, sizeof(src));
	/* An unaligned write over three pages: the partial ones are read first. */
	iov_iter_kernel(&it, src, 2 * PAGE_SIZE);
	if (generic_perform_write(NULL, &td->mapping, &it, 10 * PAGE_SIZE + 100) != 2 * PAGE_SIZE) {
		why = ktest_fail("write failed");
		goto out;
	}
	if (nr_dirty_pages() < dirty0 + 3 || td->data[10 * PAGE_SIZE + 100] == 0xab) {
		why = ktest_fail("pages not dirty, or written through");
		goto out;
	}
	if (filemap_write_and_wait_range(&td->mapping, 0, ~0ULL >> 1)) {
		why = ktest_fail("fsync failed");
		goto out;
	}
	for (unsigned long off = 10 * PAGE_SIZE; off < 13 * PAGE_SIZE; off++) {
		bool inside = off >= 10 * PAGE_SIZE + 100 && off < 12 * PAGE_SIZE + 100;

		if (td->data[off] != (inside ? 0xab : tdisk_byte(off))) {
			why = ktest_fail("disk byte %lu wrong after fsync", off);
			goto out;
		}
	}
	if (td->writes != 3 || radix_tree_tagged(&td->mapping.pages, PAGECACHE_TAG_DIRTY))
		why = ktest_fail("%lu writes, or still dirty", td->writes);
	/* Writeback errors reach fsync once. */
	page = find_lock_page(&td->mapping, 11);
	if (!why && page) {
		set_page_dirty(page);
		unlock_page(page);
		put_page(page);
		td->write_error = -EIO;
		if (filemap_write_and_wait_range(&td->mapping, 0, ~0ULL >> 1) != -EIO)
			why = ktest_fail("write error not reported");
		td->write_error = 0;
		if (!why && filemap_write_and_wait_range(&td->mapping, 0, ~0ULL >> 1) != 0)
			why = ktest_fail("error reported twice, or redirtied page not written");
	}
	/* Truncate in the middle of page 11 zeroes its tail and drops page 12. */
	truncate_inode_pages(&td->mapping, 11 * PAGE_SIZE + 5);
	page = find_get_page(&td->mapping, 11);
	if (!why && (!page || ((u8 *)page_address(page))[5] != 0 ||
		     ((u8 *)page_address(page))[4] != 0xab || find_get_page(&td->mapping, 12)))
		why = ktest_fail("truncate did not zero the tail / drop the rest");
	if (page)
		put_page(page);
out:
	tdisk_destroy(td);
	if (!why && mm_free_pages_settled() != free0)
		why = ktest_fail("leaked %ld pages", (long)(free0 - mm_free_pages_settled()));
	return why;
}

KTEST(pagecache_reclaim)
{
	unsigned long free0 = mm_free_pages_settled();
	struct tdisk *td = tdisk_create();
	const char *why = NULL;
	struct page *held, *mapped, *dirty;
	unsigned long freed = 0;

	if (!td)
		return ktest_fail("no memory");
	for (unsigned long i = 0; i < 64; i++) {
		struct page *page = read_mapping_page(&td->mapping, i, NULL);

		if (IS_ERR(page)) {
			why = ktest_fail("read page %lu", i);
			goto out;
		}
		put_page(page);
	}
	held = find_get_page(&td->mapping, 1);            /* a reference: not freeable */
	mapped = find_get_page(&td->mapping, 2);          /* pretend a user mapping */
	atomic_inc(&mapped->mapcount);
	dirty = find_lock_page(&td->mapping, 3);
	set_page_dirty(dirty);
	unlock_page(dirty);
	put_page(dirty);
	for (int round = 0; round < 4 && td->mapping.nrpages > 3; round++)
		freed += reclaim_pages(1000);
	if (td->mapping.nrpages > 4 || freed < 60)
		why = ktest_fail("reclaim left %lu pages (freed %lu)", td->mapping.nrpages, freed);
	else if (find_get_page(&td->mapping, 1) != held || find_get_page(&td->mapping, 2) != mapped)
		why = ktest_fail("a held or mapped page was reclaimed");
	else {
		put_page(held);
		put_page(mapped);
	}
	/* The dirty page is cleaned by the writeback thread (reclaim kicked it), then goes. */
	for (int i = 0; !why && i < 200; i++) {
		struct page *p3 = find_get_page(&td->mapping, 3);

		if (!p3)
			break;
		put_page(p3);
		reclaim_pages(10);
		msleep(10);
	}
	dirty = find_get_page(&td->mapping, 3);
	if (!why && dirty)
		why = ktest_fail("dirty page never cleaned and reclaimed (writes %lu)", td->writes);
	if (dirty)
		put_page(dirty);
	atomic_dec(&mapped->mapcount);
	put_page(held);
	put_page(mapped);
out:
	tdisk_destroy(td);
	if (!why && mm_free_pages_settled() != free0)
		why = ktest_fail("leaked %ld pages", (long)(free0 - mm_free_pages_settled()));
	return why;
}

struct race_arg {
	struct tdisk *td;
	unsigned int id;
	int last_round;      /* the last round this thread completed, -1: none */
	u64 deadline_ns;     /* stop starting rounds after this (8 vCPUs on 2 host cores are slow) */
	const char *why;
};

/* Each thread owns pages id, id+4, ...: writes its byte, reads it back, reclaim runs too. */
static int pagecache_race_thread(void *p)
{
	struct race_arg *a = p;
	u8 buf[64];

	a->last_round = -1;
	for (unsigned int round = 0; round < 40 && !a->why && ktime_get_ns() < a->deadline_ns;
	     round++) {
		for (unsigned long pg = a->id; pg < 64; pg += 4) {
			loff_t pos = (loff_t)(pg * PAGE_SIZE + round * 64);
			struct iov_iter it;

			memset(buf, (int)(round + a->id), sizeof(buf));
			iov_iter_kernel(&it, buf, sizeof(buf));
			if (generic_perform_write(NULL, &a->td->mapping, &it, pos) != sizeof(buf)) {
				a->why = "write failed";
				break;
			}
			memset(buf, 0, sizeof(buf));
			iov_iter_kernel(&it, buf, sizeof(buf));
			if (filemap_read(NULL, &a->td->mapping, NULL, &it, &pos, 64 * PAGE_SIZE) !=
				    sizeof(buf) || buf[0] != (u8)(round + a->id) ||
			    buf[63] != (u8)(round + a->id)) {
				a->why = "read back wrong";
				break;
			}
		}
		reclaim_pages(8);
		if (!a->why)
			a->last_round = (int)round;
	}
	return 0;
}

KTEST(pagecache_smp_race)
{
	unsigned long free0 = mm_free_pages_settled();
	struct tdisk *td = tdisk_create();
	struct race_arg args[4];
	struct task *t[4];
	const char *why = NULL;

	if (!td)
		return ktest_fail("no memory");
	for (unsigned int i = 0; i < 4; i++) {
		args[i] = (struct race_arg){ .td = td, .id = i,
					     .deadline_ns = ktime_get_ns() + 500000000ULL };
		t[i] = kthread_run(pagecache_race_thread, &args[i], "pc_race");
		if (IS_ERR(t[i]))
			return ktest_fail("kthread");
	}
	for (unsigned int i = 0; i < 4; i++) {
		kthread_join(t[i]);
		if (args[i].why && !why)
			why = ktest_fail("thread %u: %s", i, args[i].why);
	}
	if (!why && filemap_write_and_wait_range(&td->mapping, 0, ~0ULL >> 1))
		why = ktest_fail("fsync failed");
	for (unsigned long pg = 0; !why && pg < 64; pg++) {
		int last = args[pg % 4].last_round;

		if (last < 0)
			why = ktest_fail("thread %lu completed no round", pg % 4);
		else if (td->data[pg * PAGE_SIZE + (unsigned int)last * 64] != (u8)(last + pg % 4))
			why = ktest_fail("page %lu: last write lost", pg);
	}
	tdisk_destroy(td);
	if (!why && mm_free_pages_settled() != free0)
		why = ktest_fail("leaked %ld pages", (long)(free0 - mm_free_pages_settled()));
	return why;
}

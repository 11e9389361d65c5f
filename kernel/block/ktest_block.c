/*
 * Self-tests of the block layer and virtio-blk (ktest=boot). They need a
 * scratch disk as vda (tests/run.py attaches fresh zero images to the
 * boot jobs: vda 64 MiB, vdb 8 MiB); without vda they pass with a note.
 * Everything written here is scratch data.
 *
 * blk.bench_mib=N on the command line sets the size of the sequential
 * read/write measurement (default 8 MiB; docs/storage.md uses 64).
 */
#include <block/blkdev.h>
#include <fs/file.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define KB_NOTE "ktest block: no vda (no disk attached): skipped\n"

static u32 kb_word(u32 seed, u64 i)
{
	u64 x = (i + 1) * 0x9e3779b97f4a7c15ull ^ ((u64)seed << 32 | seed);

	x ^= x >> 29;
	return (u32)(x * 0xbf58476d1ce4e5b9ull >> 32);
}

/* Fill len bytes with the pattern of (seed, disk byte offset base). */
static void kb_fill(void *buf, size_t len, u32 seed, u64 base)
{
	u8 *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = (u8)(kb_word(seed, (base + i) / 4) >> (8 * ((base + i) % 4)));
}

/* Index of the first byte that differs from the pattern, or -1. */
static long kb_check(const void *buf, size_t len, u32 seed, u64 base)
{
	const u8 *p = buf;

	for (size_t i = 0; i < len; i++)
		if (p[i] != (u8)(kb_word(seed, (base + i) / 4) >> (8 * ((base + i) % 4))))
			return (long)i;
	return -1;
}

/* ---------------------------------------------------------------- async bios */

/* A set of bios in flight, waited for together. */
struct kb_batch {
	atomic_t pending;
	atomic_t errors;
	int last_error;
	struct completion done;
};

static void kb_batch_init(struct kb_batch *b)
{
	atomic_set(&b->pending, 1);
	atomic_set(&b->errors, 0);
	b->last_error = 0;
	init_completion(&b->done);
}

static void kb_endio(struct bio *bio)
{
	struct kb_batch *b = bio->bi_private;

	if (bio->bi_status) {
		atomic_inc(&b->errors);
		b->last_error = bio->bi_status;
	}
	for (unsigned int i = 0; i < bio->bi_vcnt; i++)
		put_page(bio->bi_io_vec[i].bv_page);
	bio_put(bio);
	if (atomic_dec_and_test(&b->pending))
		complete(&b->done);
}

/* Submit a one-page bio of op at sector; the page is the bio's (freed at the end). */
static int kb_submit_page(struct block_device *bdev, struct kb_batch *b, int op,
			  unsigned int opf, u64 sector, struct page *page)
{
	struct bio *bio = bio_alloc(bdev, 1, op, opf, GFP_KERNEL);

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = sector;
	bio->bi_end_io = kb_endio;
	bio->bi_private = b;
	get_page(page);
	bio_add_page(bio, page, PAGE_SIZE, 0);
	atomic_inc(&b->pending);
	submit_bio(bio);
	return 0;
}

/* Drop the submitter's count and wait; the number of failed bios. */
static int kb_batch_wait(struct kb_batch *b)
{
	if (atomic_dec_and_test(&b->pending))
		complete(&b->done);
	wait_for_completion(&b->done);
	return atomic_read(&b->errors);
}

static struct block_device *kb_vda(void)
{
	struct block_device *bdev = blkdev_get_by_name("vda");

	if (!bdev)
		printk(KB_NOTE);
	return bdev;
}

/* ---------------------------------------------------------------- tests */

/* Patterns through blkdev_rw_sync: a vmalloc buffer not sector-aligned in memory, > one bio. */
KTEST(blk_rw_pattern)
{
	struct block_device *bdev = kb_vda();
	size_t len = 600 * 1024;
	u8 *wbuf, *rbuf;
	const char *why = NULL;
	long bad;
	int err;

	if (!bdev)
		return NULL;
	if (bdev->dev != MKDEV(VIRTBLK_MAJOR, 0) || bdev->logical_block_size != 512)
		return ktest_fail("vda dev %#x block size %u", bdev->dev, bdev->logical_block_size);
	wbuf = vmalloc(len + PAGE_SIZE);
	rbuf = vmalloc(len + PAGE_SIZE);
	if (!wbuf || !rbuf) {
		why = "out of memory";
		goto out;
	}
	kb_fill(wbuf + 100, len, 1, 77 * 512);
	err = blkdev_rw_sync(bdev, REQ_OP_WRITE, 77, wbuf + 100, len);
	if (!err)
		err = blkdev_rw_sync(bdev, REQ_OP_READ, 77, rbuf + 300, len);
	if (err) {
		why = ktest_fail("rw_sync: %d", err);
		goto out;
	}
	bad = kb_check(rbuf + 300, len, 1, 77 * 512);
	if (bad >= 0)
		why = ktest_fail("byte %ld of %zu differs after the round trip", bad, len);
out:
	vfree(wbuf);
	vfree(rbuf);
	return why;
}

/* Past the end: -EIO at submit; malformed requests: -EINVAL. */
KTEST(blk_out_of_range)
{
	struct block_device *bdev = kb_vda();
	u8 *buf;
	int e1, e2, e3, e4;

	if (!bdev)
		return NULL;
	buf = kmalloc(1024, GFP_KERNEL);
	if (!buf)
		return "out of memory";
	e1 = blkdev_rw_sync(bdev, REQ_OP_READ, bdev->nr_sectors, buf, 512);
	e2 = blkdev_rw_sync(bdev, REQ_OP_WRITE, bdev->nr_sectors - 1, buf, 1024);
	e3 = blkdev_rw_sync(bdev, REQ_OP_READ, ~0ull - 1, buf, 1024);
	e4 = blkdev_rw_sync(bdev, REQ_OP_READ, 0, buf, 100);
	kfree(buf);
	if (e1 != -EIO || e2 != -EIO || e3 != -EIO || e4 != -EINVAL)
		return ktest_fail("past end %d, straddling %d, wrapping %d, short %d", e1, e2, e3, e4);
	return NULL;
}

/*
 * Plugging: 32 contiguous one-page writes (in order: back merges) and
 * then reads (in reverse: front merges) become as few requests as the
 * driver's limits allow (one, with virtio-blk's usual 128 segments).
 */
KTEST(blk_plug_merge)
{
	struct block_device *bdev = kb_vda();
	struct page *pages[32];
	struct blk_stats s0, s1, s2;
	struct kb_batch b;
	struct blk_plug plug;
	const u64 base = 8192;
	const char *why = NULL;
	unsigned int per_rq, ios;
	int i, n = 0;

	if (!bdev)
		return NULL;
	/* Pages one request can take, so the requests 32 contiguous pages make. */
	per_rq = MIN((unsigned int)bdev->queue->limits.max_segments,
		     bdev->queue->limits.max_sectors / 8);
	ios = (32 + per_rq - 1) / per_rq;
	for (n = 0; n < 32; n++) {
		pages[n] = alloc_page(GFP_KERNEL);
		if (!pages[n]) {
			why = "out of memory";
			goto out;
		}
		kb_fill(page_address(pages[n]), PAGE_SIZE, 2, (base + 8 * n) * 512);
	}
	blkdev_get_stats(bdev, &s0);
	kb_batch_init(&b);
	blk_start_plug(&plug);
	for (i = 0; i < 32; i++)
		kb_submit_page(bdev, &b, REQ_OP_WRITE, 0, base + 8 * i, pages[i]);
	blk_finish_plug(&plug);
	if (kb_batch_wait(&b))
		return ktest_fail("plugged writes failed: %d", b.last_error);
	blkdev_get_stats(bdev, &s1);
	for (i = 0; i < 32; i++)
		memset(page_address(pages[i]), 0, PAGE_SIZE);
	kb_batch_init(&b);
	blk_start_plug(&plug);
	for (i = 31; i >= 0; i--)
		kb_submit_page(bdev, &b, REQ_OP_READ, 0, base + 8 * i, pages[i]);
	blk_finish_plug(&plug);
	if (kb_batch_wait(&b)) {
		why = ktest_fail("plugged reads failed: %d", b.last_error);
		goto out;
	}
	blkdev_get_stats(bdev, &s2);
	if (s1.merges[1] - s0.merges[1] != 32 - ios || s1.ios[1] - s0.ios[1] != ios ||
	    s2.merges[0] - s1.merges[0] != 32 - ios || s2.ios[0] - s1.ios[0] != ios ||
	    s1.sectors[1] - s0.sectors[1] != 256 || s2.sectors[0] - s1.sectors[0] != 256) {
		why = ktest_fail("writes: %llu merges %llu ios %llu sectors; reads: %llu merges "
				 "%llu ios %llu sectors (want %u, %u, 256)",
				 (unsigned long long)(s1.merges[1] - s0.merges[1]),
				 (unsigned long long)(s1.ios[1] - s0.ios[1]),
				 (unsigned long long)(s1.sectors[1] - s0.sectors[1]),
				 (unsigned long long)(s2.merges[0] - s1.merges[0]),
				 (unsigned long long)(s2.ios[0] - s1.ios[0]),
				 (unsigned long long)(s2.sectors[0] - s1.sectors[0]), 32 - ios, ios);
		goto out;
	}
	for (i = 0; i < 32 && !why; i++)
		if (kb_check(page_address(pages[i]), PAGE_SIZE, 2, (base + 8 * i) * 512) >= 0)
			why = ktest_fail("page %d read back wrong", i);
out:
	while (n-- > 0)
		free_page(pages[n]);
	return why;
}

/* One thread's share of blk_many_threads: 32 scattered pages, written then read back. */
struct kb_worker {
	struct block_device *bdev;
	unsigned int id;
	const char *why;
};

#define KB_WORKER_PAGES 32

static const char *kb_worker_io(struct kb_worker *w, struct page **pages, int op)
{
	struct kb_batch b;
	struct blk_plug plug;

	kb_batch_init(&b);
	blk_start_plug(&plug);	/* non-contiguous: no merges, but all dispatched at once */
	for (int i = 0; i < KB_WORKER_PAGES; i++)
		kb_submit_page(w->bdev, &b, op, REQ_SYNC,
			       16384 + (u64)(i * 8 + w->id) * 16, pages[i]);
	blk_finish_plug(&plug);
	return kb_batch_wait(&b) ? "a bio failed" : NULL;
}

static int kb_worker_fn(void *arg)
{
	struct kb_worker *w = arg;
	struct page *pages[KB_WORKER_PAGES];
	int n;

	for (n = 0; n < KB_WORKER_PAGES; n++) {
		pages[n] = alloc_page(GFP_KERNEL);
		if (!pages[n]) {
			w->why = "out of memory";
			goto out;
		}
		kb_fill(page_address(pages[n]), PAGE_SIZE, 10 + w->id, (u64)n * PAGE_SIZE);
	}
	w->why = kb_worker_io(w, pages, REQ_OP_WRITE);
	for (int i = 0; i < n && !w->why; i++)
		memset(page_address(pages[i]), 0xee, PAGE_SIZE);
	if (!w->why)
		w->why = kb_worker_io(w, pages, REQ_OP_READ);
	for (int i = 0; i < n && !w->why; i++)
		if (kb_check(page_address(pages[i]), PAGE_SIZE, 10 + w->id, (u64)i * PAGE_SIZE) >= 0)
			w->why = "data read back differs";
out:
	while (n-- > 0)
		free_page(pages[n]);
	return 0;
}

/* Up to 8 threads on every hart with many bios each in flight at once. */
KTEST(blk_many_threads)
{
	struct block_device *bdev = kb_vda();
	struct kb_worker w[8];
	struct task *t[8];
	struct blk_stats st;
	unsigned int n = MIN(num_online_cpus() * 2, 8u);

	if (!bdev)
		return NULL;
	for (unsigned int i = 0; i < n; i++) {
		w[i] = (struct kb_worker){ .bdev = bdev, .id = i };
		t[i] = kthread_create(kb_worker_fn, &w[i], "kblk");
		if (IS_ERR(t[i]))
			panic("ktest blk_many_threads: no thread");
		set_cpus_allowed(t[i], cpumask_of(i % num_online_cpus()));
		wake_up_new_task(t[i]);
	}
	for (unsigned int i = 0; i < n; i++)
		kthread_join(t[i]);
	for (unsigned int i = 0; i < n; i++)
		if (w[i].why)
			return ktest_fail("thread %u: %s", i, w[i].why);
	blkdev_get_stats(bdev, &st);
	if (st.max_in_flight < 2 || st.in_flight != 0)
		return ktest_fail("at most %u requests were in flight (%u now)", st.max_in_flight,
				  st.in_flight);
	return NULL;
}

/* Flushes: blkdev_issue_flush, and a PREFLUSH|FUA write = flush, write, flush. */
KTEST(blk_flush)
{
	struct block_device *bdev = kb_vda();
	struct blk_stats s0, s1, s2;
	struct page *page;
	struct bio *bio;
	int err;

	if (!bdev)
		return NULL;
	if (!bdev->flush)
		return blkdev_issue_flush(bdev) == 0 ? NULL : "flush of a cacheless disk failed";
	blkdev_get_stats(bdev, &s0);
	err = blkdev_issue_flush(bdev);
	blkdev_get_stats(bdev, &s1);
	if (err || s1.flushes - s0.flushes != 1)
		return ktest_fail("flush: %d, %llu flushes", err,
				  (unsigned long long)(s1.flushes - s0.flushes));
	page = alloc_page(GFP_KERNEL);
	bio = bio_alloc(bdev, 1, REQ_OP_WRITE, REQ_PREFLUSH | REQ_FUA, GFP_KERNEL);
	if (!page || !bio)
		return "out of memory";
	kb_fill(page_address(page), PAGE_SIZE, 3, 0);
	bio->bi_sector = 24;
	bio_add_page(bio, page, PAGE_SIZE, 0);
	err = submit_bio_wait(bio);
	bio_put(bio);
	free_page(page);
	blkdev_get_stats(bdev, &s2);
	if (err || s2.flushes - s1.flushes != 2 || s2.ios[1] - s1.ios[1] != 1)
		return ktest_fail("PREFLUSH|FUA write: %d, %llu flushes, %llu writes", err,
				  (unsigned long long)(s2.flushes - s1.flushes),
				  (unsigned long long)(s2.ios[1] - s1.ios[1]));
	return NULL;
}

/* A second disk is a separate device: different data at the same sector. */
KTEST(blk_second_disk)
{
	struct block_device *a = kb_vda(), *b = blkdev_get_by_name("vdb");
	u8 *buf;
	const char *why = NULL;
	int err;

	if (!a)
		return NULL;
	if (!b) {
		printk("ktest block: no vdb (DISK2): second-disk test skipped\n");
		return NULL;
	}
	if (b->dev != MKDEV(VIRTBLK_MAJOR, 16) || blkdev_get_by_dev(b->dev) != b ||
	    blkdev_next(a) != b)
		return ktest_fail("vdb: dev %#x, registry order wrong", b->dev);
	buf = kmalloc(4096, GFP_KERNEL);
	if (!buf)
		return "out of memory";
	kb_fill(buf, 4096, 4, 0);
	err = blkdev_rw_sync(a, REQ_OP_WRITE, 0, buf, 4096);
	kb_fill(buf, 4096, 5, 0);
	if (!err)
		err = blkdev_rw_sync(b, REQ_OP_WRITE, 0, buf, 4096);
	if (!err)
		err = blkdev_rw_sync(a, REQ_OP_READ, 0, buf, 4096);
	if (!err && kb_check(buf, 4096, 4, 0) >= 0)
		why = "vda sector 0 changed by a write to vdb";
	if (!err && !why)
		err = blkdev_rw_sync(b, REQ_OP_READ, 0, buf, 4096);
	if (!err && !why && kb_check(buf, 4096, 5, 0) >= 0)
		why = "vdb sector 0 read back wrong";
	kfree(buf);
	return err ? ktest_fail("I/O error %d", err) : why;
}

/* blkdev_fops on a stand-in inode: unaligned write and read, SEEK_END. */
KTEST(blk_fops_rw)
{
	struct block_device *bdev = kb_vda();
	struct inode inode = { .i_rdev = MKDEV(VIRTBLK_MAJOR, 0) };
	struct file file = { .f_inode = &inode, .f_mode = FMODE_READ | FMODE_WRITE };
	u8 *wbuf, *rbuf;
	struct iov_iter it;
	loff_t pos = 4096 * 3 + 1000;
	const char *why = NULL;
	ssize_t w, r;

	if (!bdev)
		return NULL;
	if (blkdev_fops.open(&inode, &file))
		return "open failed";
	wbuf = kmalloc(8192, GFP_KERNEL);
	rbuf = kmalloc(8192, GFP_KERNEL);
	if (!wbuf || !rbuf) {
		why = "out of memory";
		goto out;
	}
	memset(rbuf, 0x5a, 8192);
	blkdev_rw_sync(bdev, REQ_OP_WRITE, 24, rbuf, 8192);	/* known bytes around the write */
	kb_fill(wbuf, 5000, 6, 0);
	iov_iter_kernel(&it, wbuf, 5000);
	w = blkdev_fops.write(&file, &it, &pos);
	pos = 4096 * 3;
	iov_iter_kernel(&it, rbuf, 7000);
	r = blkdev_fops.read(&file, &it, &pos);
	if (w != 5000 || r != 7000 || pos != 4096 * 3 + 7000) {
		why = ktest_fail("write %zd, read %zd, pos %lld", w, r, (long long)pos);
		goto out;
	}
	if (kb_check(rbuf + 1000, 5000, 6, 0) >= 0 || rbuf[999] != 0x5a || rbuf[6000] != 0x5a)
		why = "the unaligned write did not land exactly";
	else if (blkdev_fops.llseek(&file, 0, SEEK_END) != (loff_t)blkdev_size(bdev))
		why = "SEEK_END is not the device size";
	else if ((pos = (loff_t)blkdev_size(bdev)),
		 iov_iter_kernel(&it, rbuf, 10), blkdev_fops.read(&file, &it, &pos) != 0)
		why = "a read at the end did not return 0";
	else if (iov_iter_kernel(&it, rbuf, 10), blkdev_fops.write(&file, &it, &pos) != -ENOSPC)
		why = "a write at the end did not return -ENOSPC";
out:
	kfree(wbuf);
	kfree(rbuf);
	return why;
}

/* Sequential write then read of blk.bench_mib MiB (default 8) in 4 MiB calls; prints MB/s. */
KTEST(blk_bench)
{
	struct block_device *bdev = kb_vda();
	const char *arg = cmdline_get(&kernel_cmdline, "blk.bench_mib");
	unsigned long long mib = 8;
	u64 chunk = 4 << 20, t0, tw, tr;
	u8 *buf;
	int err = 0;

	if (!bdev)
		return NULL;
	if (arg && kstrtoull(arg, 10, &mib))
		mib = 8;
	mib = MIN(mib, blkdev_size(bdev) >> 20);
	buf = vmalloc(chunk);
	if (!buf)
		return "out of memory";
	memset(buf, 0xa5, chunk);
	t0 = ktime_get_ns();
	for (u64 off = 0; off < (mib << 20) && !err; off += chunk)
		err = blkdev_rw_sync(bdev, REQ_OP_WRITE, off >> SECTOR_SHIFT, buf, chunk);
	if (!err)
		err = blkdev_issue_flush(bdev);
	tw = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	for (u64 off = 0; off < (mib << 20) && !err; off += chunk)
		err = blkdev_rw_sync(bdev, REQ_OP_READ, off >> SECTOR_SHIFT, buf, chunk);
	tr = ktime_get_ns() - t0;
	vfree(buf);
	if (err)
		return ktest_fail("I/O error %d", err);
	printk("blk bench: %llu MiB sequential write %llu MB/s (with flush), read %llu MB/s\n",
	       (unsigned long long)mib, (unsigned long long)((mib << 20) * 1000 / (tw ? tw : 1)),
	       (unsigned long long)((mib << 20) * 1000 / (tr ? tr : 1)));
	return NULL;
}

/*
 * A device error becomes -EIO in the bio, and the device goes on working.
 * Runs when blk.errsector=N names a sector whose reads vda fails (the
 * harness's blkerr job puts QEMU's blkdebug error injection under vda);
 * otherwise passes with a note.
 */
KTEST(blk_device_error)
{
	const char *arg = cmdline_get(&kernel_cmdline, "blk.errsector");
	struct block_device *bdev = kb_vda();
	unsigned long long sector;
	struct blk_stats st;
	int bad, good, wr;
	u8 *buf;

	if (!bdev)
		return NULL;
	if (!arg || kstrtoull(arg, 10, &sector)) {
		printk("ktest block: no blk.errsector=: device-error test skipped\n");
		return NULL;
	}
	buf = kmalloc(4096, GFP_KERNEL);
	if (!buf)
		return "out of memory";
	kb_fill(buf, 4096, 7, 0);
	wr = blkdev_rw_sync(bdev, REQ_OP_WRITE, 0, buf, 4096);
	bad = blkdev_rw_sync(bdev, REQ_OP_READ, sector, buf, 512);
	good = blkdev_rw_sync(bdev, REQ_OP_READ, 0, buf, 4096);
	blkdev_get_stats(bdev, &st);
	printk("blk_device_error: read of sector %llu: %d; then sector 0: %d\n", sector, bad, good);
	if (wr || bad != -EIO || good || kb_check(buf, 4096, 7, 0) >= 0 || st.in_flight)
		return ktest_fail("write %d, bad read %d, good read %d, %u in flight", wr, bad, good,
				  st.in_flight);
	kfree(buf);
	return NULL;
}

/* The /proc/diskstats and /proc/partitions lines: Linux's field layout. */
KTEST(blk_proc_lines)
{
	struct block_device *bdev = kb_vda();
	char line[256], want[64];
	int n, fields = 0;

	if (!bdev)
		return NULL;
	n = blkdev_diskstats_line(bdev, line, sizeof(line));
	if (n <= 0 || n >= (int)sizeof(line) || line[n - 1] != '\n' ||
	    strncmp(line, " 254       0 vda ", 17) != 0)
		return ktest_fail("diskstats line '%s'", line);
	for (char *p = line; *p; p++)
		if (*p != ' ' && (p == line || p[-1] == ' '))
			fields++;
	if (fields != 20)
		return ktest_fail("diskstats has %d fields: '%s'", fields, line);
	blkdev_partitions_line(bdev, line, sizeof(line));
	snprintf(want, sizeof(want), " 254       0 %10llu vda\n",
		 (unsigned long long)(bdev->nr_sectors / 2));
	if (strcmp(line, want) != 0)
		return ktest_fail("partitions line '%s', want '%s'", line, want);
	return NULL;
}

/* A read-only device (vdc, QEMU readonly=on): reads work, writes are refused. */
KTEST(blk_read_only)
{
	struct block_device *bdev = blkdev_get_by_name("vdc");
	struct inode inode = { .i_rdev = MKDEV(VIRTBLK_MAJOR, 32) };
	struct file file = { .f_inode = &inode, .f_mode = FMODE_READ | FMODE_WRITE };
	int rd, wr, op;
	u8 *buf;

	if (!bdev) {
		printk("ktest block: no vdc: read-only test skipped\n");
		return NULL;
	}
	if (!bdev->read_only)
		return "vdc is not read-only";
	buf = kmalloc(512, GFP_KERNEL);
	if (!buf)
		return "out of memory";
	rd = blkdev_rw_sync(bdev, REQ_OP_READ, 0, buf, 512);
	wr = blkdev_rw_sync(bdev, REQ_OP_WRITE, 0, buf, 512);
	kfree(buf);
	op = blkdev_fops.open(&inode, &file);
	if (rd || wr != -EROFS || op != -EACCES)
		return ktest_fail("read %d, write %d (want -EROFS), open for writing %d", rd, wr, op);
	return NULL;
}

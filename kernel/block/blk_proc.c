/*
 * The block layer's /proc files: the rows of /proc/partitions and
 * /proc/diskstats (procfs prints the header and calls these; the hooks
 * are declared in <fs/procfs.h>). One row per registered disk, in
 * registration order, formatted by blk_dev.c. Kestrel has no partition
 * tables, so each disk is one row.
 */
#include <block/blkdev.h>
#include <fs/procfs.h>

typedef int (*blk_line_fn)(struct block_device *bdev, char *buf, size_t size);

static int blk_show_lines(struct seq_buf *s, blk_line_fn line)
{
	char buf[256];

	for (struct block_device *b = blkdev_next(NULL); b; b = blkdev_next(b)) {
		int n = line(b, buf, sizeof(buf));

		if (n < 0)
			return n;
		seq_puts(s, buf);
	}
	return 0;
}

int partitions_show(struct seq_buf *s)
{
	return blk_show_lines(s, blkdev_partitions_line);
}

int diskstats_show(struct seq_buf *s)
{
	return blk_show_lines(s, blkdev_diskstats_line);
}

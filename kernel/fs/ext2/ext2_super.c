/*
 * ext2 super blocks: the "ext2" and "ext3" file-system types, mount and
 * unmount, statfs and sync_fs.
 *
 * Mount reads block 0 through the device cache and checks the superblock
 * (magic, revision 1, 4 KiB blocks, 256-byte inodes, feature bits:
 * unknown INCOMPAT refuses the mount naming the bits, unknown RO_COMPAT
 * mounts read-only), derives the geometry with ext2_layout_from_super()
 * and checks that every group descriptor's bitmaps and inode table lie in
 * its group. The superblock page and the descriptor table's pages stay
 * referenced (pinned in the cache) while mounted. A read-write mount
 * clears EXT2_VALID_FS on disk at once (Linux's "not clean while
 * mounted"); the last unmount writes everything back, sets it again and
 * flushes the device. "ext3" is the same driver but insists on the
 * journal (has_journal). With a journal (either type) the mount loads it
 * first (ext2_jnl.c), replaying a crash's committed transactions and
 * re-reading the superblock and descriptors; a read-write mount keeps it
 * (metadata goes through it: ext2_txn.c) and marks the superblock RECOVER
 * instead of clearing VALID_FS; the unmount closes it and clears RECOVER.
 * A journal that needs recovery on a read-only device refuses (-EROFS).
 *
 * A device is mounted at most once: a second mount of it gets -EBUSY.
 *
 * Locks: "ext2_mounts_lock" (a spinlock, a leaf) guards the list of
 * mounted devices. Everything else: ext2.h.
 */
#include <block/blkdev.h>
#include <kernel/err.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#include "ext2.h"
#include "ext2_bmap.h"
#include "../internal.h"

static struct spinlock ext2_mounts_lock = SPINLOCK_INIT("ext2_mounts_lock");
static LIST_HEAD(ext2_mounts);   /* [ext2_mounts_lock] struct ext2_sb_info by node */

#define EXT2_DESC_PER_BLOCK (EXT2_BLOCK_SIZE / EXT2_DESC_SIZE)

struct page *ext2_gd_page(struct ext2_sb_info *sbi, u32 group)
{
	return sbi->gd_pages[group / EXT2_DESC_PER_BLOCK];
}

struct ext2_group_desc *ext2_gd(struct ext2_sb_info *sbi, u32 group)
{
	return (struct ext2_group_desc *)page_address(ext2_gd_page(sbi, group)) +
	       group % EXT2_DESC_PER_BLOCK;
}

int ext2_corrupt(struct super_block *sb, const char *what, u64 n)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	pr_err("ext2 %s: corrupt: %s (%llu)\n", sbi->bdev->name, what, (unsigned long long)n);
	return -EUCLEAN;
}

/* Write the superblock page now (mount and unmount state changes). */
static int ext2_write_super_sync(struct ext2_sb_info *sbi)
{
	sbi->es->s_wtime = (u32)current_time().tv_sec;
	return bdev_write_block_sync(sbi->bdev, sbi->sb_page);
}

/* Feature and geometry checks; sets *ro for an unknown RO_COMPAT feature. 0 or -EINVAL. */
static int ext2_check_super(struct block_device *bdev, const struct ext2_super_block *es,
			    struct ext2_layout *l, bool ext3, bool *ro)
{
	struct ext2_super_block copy;
	const char *why = NULL;

	if (es->s_magic != EXT2_SUPER_MAGIC) {
		pr_err("ext2 %s: no ext2 superblock (magic %#x)\n", bdev->name, es->s_magic);
		return -EINVAL;
	}
	if (es->s_log_block_size != EXT2_BLOCK_SIZE_BITS - EXT2_MIN_BLOCK_LOG_SIZE) {
		pr_err("ext2 %s: block size %u not supported (only 4096)\n", bdev->name,
		       es->s_log_block_size < 7 ? 1024u << es->s_log_block_size : 0);
		return -EINVAL;
	}
	if (es->s_feature_incompat & ~KESTREL_EXT2_INCOMPAT) {
		pr_err("ext2 %s: unsupported incompatible features %#x\n", bdev->name,
		       es->s_feature_incompat & ~KESTREL_EXT2_INCOMPAT);
		return -EINVAL;
	}
	if (es->s_feature_ro_compat & ~KESTREL_EXT2_RO_COMPAT) {
		pr_warn("ext2 %s: unsupported read-only features %#x: mounting read-only\n",
			bdev->name, es->s_feature_ro_compat & ~KESTREL_EXT2_RO_COMPAT);
		*ro = true;
	}
	if (ext3 && !(es->s_feature_compat & EXT3_FEATURE_COMPAT_HAS_JOURNAL)) {
		pr_err("ext3 %s: no journal (has_journal not set)\n", bdev->name);
		return -EINVAL;
	}
	copy = *es;
	copy.s_feature_ro_compat &= KESTREL_EXT2_RO_COMPAT;
	if (ext2_layout_from_super(l, &copy, &why)) {
		pr_err("ext2 %s: bad superblock: %s\n", bdev->name, why);
		return -EINVAL;
	}
	if ((u64)l->blocks_count << (EXT2_BLOCK_SIZE_BITS - SECTOR_SHIFT) > bdev->nr_sectors) {
		pr_err("ext2 %s: %u blocks do not fit the device\n", bdev->name, l->blocks_count);
		return -EINVAL;
	}
	return 0;
}

/* Does every group's metadata lie inside its group? 0 or -EUCLEAN. */
static int ext2_check_groups(struct ext2_sb_info *sbi)
{
	const struct ext2_layout *l = &sbi->layout;

	for (u32 g = 0; g < l->group_count; g++) {
		struct ext2_group_desc *gd = ext2_gd(sbi, g);
		u32 first = ext2_group_first_block(l, g), end = first + ext2_group_blocks(l, g);

		if (gd->bg_block_bitmap < first || gd->bg_block_bitmap >= end ||
		    gd->bg_inode_bitmap < first || gd->bg_inode_bitmap >= end ||
		    gd->bg_inode_table < first || gd->bg_inode_table + l->itable_blocks > end ||
		    gd->bg_free_blocks_count > ext2_group_blocks(l, g) ||
		    gd->bg_free_inodes_count > l->inodes_per_group) {
			pr_err("ext2 %s: group descriptor %u is corrupt\n", sbi->bdev->name, g);
			return -EUCLEAN;
		}
	}
	return 0;
}

static void ext2_release_pages(struct ext2_sb_info *sbi)
{
	for (u32 i = 0; sbi->gd_pages && i < sbi->layout.gdt_blocks; i++) {
		if (sbi->gd_pages[i])
			put_page(sbi->gd_pages[i]);
	}
	kfree(sbi->gd_pages);
	sbi->gd_pages = NULL;
	if (sbi->sb_page)
		put_page(sbi->sb_page);
	sbi->sb_page = NULL;
	sbi->es = NULL;
}

/* Are the pinned pages still in the device cache (not dropped by an unmount racing with us)? */
static bool ext2_pages_cached(struct ext2_sb_info *sbi)
{
	struct address_space *m = bdev_mapping(sbi->bdev);

	for (u32 i = 0; i < sbi->layout.gdt_blocks; i++) {
		if (sbi->gd_pages[i]->mapping != m)
			return false;
	}
	return sbi->sb_page->mapping == m;
}

/*
 * Read and check the superblock and descriptors into sbi (pinning their
 * pages; on error the caller releases them). 0 or -errno.
 */
static int ext2_read_meta(struct ext2_sb_info *sbi, bool ext3, bool *ro)
{
	struct block_device *bdev = sbi->bdev;
	struct page *page;
	int err;

	page = bdev_read_block(bdev, 0);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	sbi->sb_page = page;
	sbi->es = (struct ext2_super_block *)((char *)page_address(page) + EXT2_SUPERBLOCK_OFFSET);
	err = ext2_check_super(bdev, sbi->es, &sbi->layout, ext3, ro);
	if (err)
		return err;
	sbi->gd_pages = kzalloc(sizeof(struct page *) * sbi->layout.gdt_blocks, 0);
	if (!sbi->gd_pages)
		return -ENOMEM;
	for (u32 i = 0; i < sbi->layout.gdt_blocks; i++) {
		page = bdev_read_block(bdev, 1 + i);
		if (IS_ERR(page))
			return (int)PTR_ERR(page);
		sbi->gd_pages[i] = page;
	}
	err = ext2_check_groups(sbi);
	if (err)
		return err;
	sbi->first_ino = sbi->es->s_first_ino;
	sbi->mount_state = sbi->es->s_state;
	sbi->has_journal = sbi->es->s_feature_compat & EXT3_FEATURE_COMPAT_HAS_JOURNAL;
	sbi->max_bytes = ext2_max_file_size(EXT2_BLOCK_SIZE_BITS);
	return 0;
}

/* Read and check the superblock and descriptors into a new sbi. ERR_PTR(-errno). */
static struct ext2_sb_info *ext2_load(struct block_device *bdev, bool ext3, bool *ro)
{
	struct ext2_sb_info *sbi = kzalloc(sizeof(*sbi), 0);
	int err;

	if (!sbi)
		return ERR_PTR(-ENOMEM);
	sbi->bdev = bdev;
	mutex_init(&sbi->alloc_mutex, "ext2_alloc");
	err = ext2_read_meta(sbi, ext3, ro);
	if (err) {
		ext2_release_pages(sbi);
		kfree(sbi);
		return ERR_PTR(err);
	}
	return sbi;
}

/* Claim bdev for a mount: -EBUSY if it is mounted already. */
static int ext2_claim(struct ext2_sb_info *sbi)
{
	struct ext2_sb_info *o;
	int err = 0;

	spin_lock(&ext2_mounts_lock);
	list_for_each_entry(o, &ext2_mounts, node) {
		if (o->bdev == sbi->bdev)
			err = -EBUSY;
	}
	if (!err)
		list_add(&sbi->node, &ext2_mounts);
	spin_unlock(&ext2_mounts_lock);
	return err;
}

static void ext2_unclaim(struct ext2_sb_info *sbi)
{
	spin_lock(&ext2_mounts_lock);
	list_del(&sbi->node);
	spin_unlock(&ext2_mounts_lock);
}

/*
 * The mount-time state change: not clean while mounted read-write; with a
 * journal, load it first (a remount: it was closed cleanly, so nothing is
 * replayed) and set RECOVER instead. Written directly: no transaction has
 * started yet.
 */
static int ext2_mark_mounted(struct ext2_sb_info *sbi)
{
	struct ext2_super_block *es = sbi->es;
	bool replayed = false;
	int err;

	if (sbi->has_journal && !sbi->journal) {
		err = ext2_journal_open(sbi, &replayed);
		if (!err && replayed) {
			/* The cache under the mounted file system was dropped: refuse. */
			pr_err("ext2 %s: the journal needed recovery at remount\n", sbi->bdev->name);
			ext2_journal_close(sbi);
			err = -EIO;
		}
		if (err)
			return err;
	}
	if (!(es->s_state & EXT2_VALID_FS))
		pr_warn("ext2 %s: mounting a file system that was not cleanly unmounted; run e2fsck\n",
			sbi->bdev->name);
	else if (es->s_state & EXT2_ERROR_FS)
		pr_warn("ext2 %s: mounting a file system with errors; run e2fsck\n", sbi->bdev->name);
	mutex_lock(&sbi->alloc_mutex);
	/* Journaled: RECOVER marks "in use" (e2fsck replays after a crash); VALID_FS stays. */
	if (sbi->journal)
		es->s_feature_incompat |= EXT3_FEATURE_INCOMPAT_RECOVER;
	else
		es->s_state &= (u16)~EXT2_VALID_FS;
	es->s_mnt_count++;
	es->s_mtime = (u32)current_time().tv_sec;
	mutex_unlock(&sbi->alloc_mutex);
	sbi->rw_mounted = true;
	return ext2_write_super_sync(sbi);
}

/* Make the super block around a loaded sbi: root inode and dentry. 0 or -errno. */
static int ext2_fill(struct super_block *sb, struct ext2_sb_info *sbi, bool ro)
{
	struct inode *root;

	sb->s_dev = sbi->bdev->dev;
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_op = &ext2_sops;
	sb->s_fs_info = sbi;
	sbi->sb = sb;
	if (ro)
		sb->s_flags |= SB_RDONLY;
	root = ext2_iget(sb, EXT2_ROOT_INO);
	if (IS_ERR(root))
		return (int)PTR_ERR(root);
	if (!S_ISDIR(root->i_mode) || root->i_nlink < 2) {
		iput(root);
		return ext2_corrupt(sb, "root is not a directory", EXT2_ROOT_INO);
	}
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

/* May sbi be mounted (ro or not) as far as the RECOVER flag goes? 0 or -EROFS. */
static int ext2_recover_check(struct ext2_sb_info *sbi, bool ro)
{
	if (!(sbi->es->s_feature_incompat & EXT3_FEATURE_INCOMPAT_RECOVER))
		return 0;
	if (sbi->has_journal && !sbi->bdev->read_only)
		return 0;   /* ext2_replay recovers it */
	if (!sbi->has_journal && ro)
		return 0;
	pr_err("ext2 %s: the journal needs recovery and cannot be replayed (%s)\n",
	       sbi->bdev->name, sbi->has_journal ? "read-only device" : "no journal");
	return -EROFS;
}

/*
 * Load the journal of a has_journal image before anything else reads the
 * file system: always for a read-write mount (it stays loaded), and for a
 * read-only mount that needs recovery (replayed, then closed cleanly, as
 * Linux does). A replay dropped the device cache: read the superblock
 * and descriptors again. 0 or -errno (the journal then stays closed).
 */
static int ext2_replay(struct ext2_sb_info *sbi, bool ext3, bool ro)
{
	bool replayed = false, force = false;
	bool recover = sbi->es->s_feature_incompat & EXT3_FEATURE_INCOMPAT_RECOVER;
	int err;

	if (!sbi->has_journal || sbi->bdev->read_only || (ro && !recover))
		return 0;
	err = ext2_journal_open(sbi, &replayed);
	if (err)
		return err;
	if (replayed) {
		ext2_release_pages(sbi);
		err = ext2_read_meta(sbi, ext3, &force);
		if (err)
			goto err_close;
		if (force)
			sbi->force_ro = true;
	}
	if (!ro && !sbi->force_ro)
		return 0;
	err = ext2_journal_close(sbi);   /* clears RECOVER */
	if (!err)
		err = ext2_write_super_sync(sbi);
	return err;
err_close:
	ext2_journal_close(sbi);
	return err;
}

static struct dentry *ext2_mount_common(struct file_system_type *type, int flags,
					const char *source, bool ext3)
{
	struct ext2_sb_info *sbi;
	struct block_device *bdev;
	struct super_block *sb;
	bool ro = false;
	u32 dev;
	int err;

	if (!source)
		return ERR_PTR(-EINVAL);
	err = lookup_bdev(source, &dev);
	if (err)
		return ERR_PTR(err);
	bdev = blkdev_get_by_dev(dev);
	if (!bdev)
		return ERR_PTR(-ENXIO);
	if (bdev->read_only)
		ro = true;
	sbi = ext2_load(bdev, ext3, &ro);
	if (IS_ERR(sbi))
		return (struct dentry *)sbi;
	sbi->force_ro = ro;
	ro = ro || (flags & MS_RDONLY);
	err = ext2_recover_check(sbi, ro);
	if (err)
		goto err_sbi;
	err = ext2_claim(sbi);
	if (err)
		goto err_sbi;
	err = -EBUSY;   /* the last unmount of the device dropped its cache under us */
	if (!ext2_pages_cached(sbi))
		goto err_unclaim;
	err = ext2_replay(sbi, ext3, ro);
	if (err)
		goto err_unclaim;
	sb = sget_anon(type);
	err = -ENOMEM;
	if (!sb)
		goto err_unclaim;
	err = ext2_fill(sb, sbi, ro);
	if (!err && !ro)
		err = ext2_mark_mounted(sbi);
	if (err) {
		generic_shutdown_super(sb);   /* put_super releases sbi */
		kfree(sb);
		return ERR_PTR(err);
	}
	return dget(sb->s_root);
err_unclaim:
	ext2_journal_close(sbi);
	ext2_unclaim(sbi);
err_sbi:
	ext2_release_pages(sbi);
	kfree(sbi);
	return ERR_PTR(err);
}

static struct dentry *ext2_mount(struct file_system_type *type, int flags, const char *source,
				 void *data)
{
	(void)data;
	return ext2_mount_common(type, flags, source, false);
}

static struct dentry *ext3_mount(struct file_system_type *type, int flags, const char *source,
				 void *data)
{
	(void)data;
	return ext2_mount_common(type, flags, source, true);
}

/*
 * Write everything back, close the journal (commit, checkpoint, RECOVER
 * cleared) and put the state found at mount back on disk (clean if it was
 * clean: an unclean file system stays marked for e2fsck). The superblock
 * is written directly: no transaction is left.
 */
static int ext2_mark_unmounted(struct ext2_sb_info *sbi)
{
	int err, e;

	writeback_all_sync();
	e = ext2_journal_close(sbi);   /* everything committed and at home; RECOVER cleared */
	mutex_lock(&sbi->alloc_mutex);
	sbi->es->s_state = sbi->mount_state;
	mutex_unlock(&sbi->alloc_mutex);
	err = ext2_write_super_sync(sbi);
	err = err ? err : e;
	e = bdev_sync(sbi->bdev);
	sbi->rw_mounted = false;
	return err ? err : e;
}

/* mount -o remount: to read-only, write it all and mark it as at mount; to writable, as mount does. */
static int ext2_remount(struct super_block *sb, bool rdonly)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err;

	if (rdonly) {
		if (!sbi->rw_mounted)
			return 0;
		err = sync_inodes_sb(sb, true);
		return err ? err : ext2_mark_unmounted(sbi);
	}
	if (sbi->rw_mounted)
		return 0;
	if (sbi->force_ro || (!sbi->has_journal &&
			      (sbi->es->s_feature_incompat & EXT3_FEATURE_INCOMPAT_RECOVER))) {
		pr_err("ext2 %s: cannot be made writable\n", sbi->bdev->name);
		return -EROFS;
	}
	return ext2_mark_mounted(sbi);
}

/*
 * sync_fs: data, inodes (the VFS did them), then s_wtime in a transaction
 * and a commit; without a journal every metadata block and a flush.
 */
static int ext2_sync_fs(struct super_block *sb, bool wait)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_txn t;
	int err;

	(void)wait;
	if (!sbi->rw_mounted)
		return 0;
	writeback_all_sync();
	if (sbi->journal) {
		err = ext2_txn_start(sb, &t, 1);
		if (err)
			return err;
		mutex_lock(&sbi->alloc_mutex);
		err = ext2_meta_access(&t, sbi->sb_page);
		if (!err) {
			sbi->es->s_wtime = (u32)current_time().tv_sec;
			ext2_meta_dirty(&t, sbi->sb_page);
		}
		mutex_unlock(&sbi->alloc_mutex);
		ext2_txn_stop(&t);
		return err ? err : ext2_txn_commit(sbi);
	}
	mutex_lock(&sbi->alloc_mutex);
	sbi->es->s_wtime = (u32)current_time().tv_sec;
	set_page_dirty(sbi->sb_page);
	mutex_unlock(&sbi->alloc_mutex);
	return bdev_sync(sbi->bdev);
}

/* The last unmount, after the dentries and inodes were dropped: mark clean, write, flush. */
static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!sbi)
		return;
	if (sbi->rw_mounted && ext2_mark_unmounted(sbi))
		pr_err("ext2 %s: write errors at unmount\n", sbi->bdev->name);
	if (sbi->journal && ext2_journal_close(sbi))   /* a mount that failed half-way */
		pr_err("ext2 %s: journal errors at unmount\n", sbi->bdev->name);
	/*
	 * Drop the device's whole cache (clean now) before giving the device
	 * up: raw writes to it between mounts (blkdev_fops bypasses this
	 * cache) are then seen by the next mount, not stale cached blocks.
	 */
	ext2_release_pages(sbi);
	truncate_inode_pages(bdev_mapping(sbi->bdev), 0);
	ext2_unclaim(sbi);
	kfree(sbi);
	sb->s_fs_info = NULL;
}

static int ext2_statfs(struct dentry *root, struct statfs *st)
{
	struct ext2_sb_info *sbi = EXT2_SB(root->d_sb);
	u64 fb, fi;

	ext2_counts(sbi, &fb, &fi);
	st->f_type = EXT2_SUPER_MAGIC;
	st->f_bsize = EXT2_BLOCK_SIZE;
	st->f_frsize = EXT2_BLOCK_SIZE;
	st->f_blocks = sbi->layout.blocks_count;
	st->f_bfree = (long)fb;
	st->f_bavail = fb > sbi->es->s_r_blocks_count ? (long)(fb - sbi->es->s_r_blocks_count) : 0;
	st->f_files = sbi->layout.inodes_count;
	st->f_ffree = (long)fi;
	st->f_namelen = EXT2_NAME_LEN;
	return 0;
}

static void ext2_kill_sb(struct super_block *sb)
{
	generic_shutdown_super(sb);
	kfree(sb);
}

static struct file_system_type ext2_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV,
	.mount = ext2_mount,
	.kill_sb = ext2_kill_sb,
};

static struct file_system_type ext3_type = {
	.name = "ext3",
	.fs_flags = FS_REQUIRES_DEV,
	.mount = ext3_mount,
	.kill_sb = ext2_kill_sb,
};

const struct super_operations ext2_sops = {
	.evict_inode = ext2_evict_inode,
	.destroy_inode = ext2_destroy_inode,
	.write_inode = ext2_write_inode,
	.sync_fs = ext2_sync_fs,
	.statfs = ext2_statfs,
	.put_super = ext2_put_super,
	.remount_fs = ext2_remount,
};

void ext2_register(void)
{
	if (register_filesystem(&ext2_type) || register_filesystem(&ext3_type))
		pr_err("ext2: cannot register the file-system types\n");
}

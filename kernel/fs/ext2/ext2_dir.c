/*
 * ext2 directories and symlinks: lookup, getdents, create, mkdir, mknod,
 * symlink, link, unlink, rmdir, rename; symlink targets.
 *
 * A directory is a file of 4 KiB blocks of linked records
 * (ext2_dirent.c). Directory blocks are metadata: they are read and
 * changed in the device cache (bdev_mapping) within a transaction, never
 * through the directory inode's own page cache. Every block is checked
 * with ext2_dirent_validate() when read, so a corrupt block gives
 * -EUCLEAN, never a wild access. A new block is added at the end when no
 * block has room; blocks are never given back (as in Linux's ext2).
 *
 * getdents cookies are byte offsets in the directory: a record's offset,
 * or the next block's start. A resumed walk re-parses the block from its
 * start and skips records before the cookie, so entries that came or went
 * meanwhile cannot derail it.
 *
 * Link counts: a directory has 2 + its subdirectories ("." and the
 * parent's entry, plus each child's ".."); at most EXT2_LINK_MAX.
 * Every operation checks what can fail (room, link counts, emptiness)
 * before it changes anything on disk, or undoes (a new inode that could
 * not be entered is dropped with its blocks).
 *
 * Locks: the VFS holds the directories' i_rwsem (fs/fs.h) for every
 * method except iterate, which takes it for reading itself.
 */
#include <kernel/err.h>
#include <lib/string.h>
#include <uapi/errno.h>

#include "ext2.h"
#include "ext2_dirent.h"

#define EXT2_LINK_MAX 32000

/* A directory entry found: its block's page (referenced) and its offset. */
struct ext2_slot {
	struct page *page;
	unsigned int off;
	u32 ino;
};

static u64 ext2_dir_blocks(struct inode *dir)
{
	return (u64)dir->i_size >> EXT2_BLOCK_SIZE_BITS;
}

/* Block n of dir, read and validated: the page with a reference, or ERR_PTR. */
static struct page *ext2_dir_page(struct inode *dir, u64 n)
{
	struct ext2_txn t = { .sbi = EXT2_SB(dir->i_sb) };
	struct page *page;
	u32 pblk;
	int err = ext2_get_block(&t, dir, n, false, &pblk, NULL);

	if (err)
		return ERR_PTR(err);
	if (pblk == 0)
		return ERR_PTR(ext2_corrupt(dir->i_sb, "hole in a directory", dir->i_ino));
	page = bdev_read_block(t.sbi->bdev, pblk);
	if (IS_ERR(page))
		return page;
	if (ext2_dirent_validate(page_address(page), EXT2_BLOCK_SIZE, t.sbi->layout.inodes_count,
				 NULL)) {
		put_page(page);
		return ERR_PTR(ext2_corrupt(dir->i_sb, "bad directory block in inode", dir->i_ino));
	}
	return page;
}

/* Find name in dir: 0 and *s (s->page referenced), -ENOENT, or another -errno. */
static int ext2_find(struct inode *dir, const char *name, size_t len, struct ext2_slot *s)
{
	u64 n = ext2_dir_blocks(dir);

	for (u64 i = 0; i < n; i++) {
		struct page *page = ext2_dir_page(dir, i);
		struct ext2_dirent_view v;

		if (IS_ERR(page))
			return (int)PTR_ERR(page);
		if (ext2_dirent_find(page_address(page), EXT2_BLOCK_SIZE, name, (unsigned int)len,
				     &v) == 0) {
			s->page = page;
			s->off = v.off;
			s->ino = v.ino;
			return 0;
		}
		put_page(page);
	}
	return -ENOENT;
}

/* Add a fresh block to dir holding the one entry. */
static int ext2_add_block(struct ext2_txn *t, struct inode *dir, const char *name, size_t len,
			  u32 ino, u8 ft)
{
	u64 n = ext2_dir_blocks(dir);
	struct page *page;
	bool is_new;
	u32 pblk;
	int err = ext2_get_block(t, dir, n, true, &pblk, &is_new);

	if (err)
		return err;
	page = bdev_new_block(t->sbi->bdev, pblk);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	ext2_meta_access(t, page);
	ext2_dirent_init_empty(page_address(page), EXT2_BLOCK_SIZE);
	err = ext2_dirent_insert(page_address(page), EXT2_BLOCK_SIZE, name, (unsigned int)len, ino,
				 ft, NULL);
	ext2_meta_dirty(t, page);
	put_page(page);
	dir->i_size += EXT2_BLOCK_SIZE;
	return err;
}

/* Enter name -> ino (type ft) in dir (the name is known to be absent). */
static int ext2_add_entry(struct ext2_txn *t, struct inode *dir, const char *name, size_t len,
			  u32 ino, u8 ft)
{
	u64 n = ext2_dir_blocks(dir);
	int err;

	for (u64 i = 0; i < n; i++) {
		struct page *page = ext2_dir_page(dir, i);

		if (IS_ERR(page))
			return (int)PTR_ERR(page);
		if (ext2_dirent_free_space(page_address(page), EXT2_BLOCK_SIZE) >=
		    EXT2_DIR_REC_LEN(len)) {
			ext2_meta_access(t, page);
			err = ext2_dirent_insert(page_address(page), EXT2_BLOCK_SIZE, name,
						 (unsigned int)len, ino, ft, NULL);
			ext2_meta_dirty(t, page);
			put_page(page);
			if (err != -ENOSPC)
				goto done;
			continue;
		}
		put_page(page);
	}
	err = ext2_add_block(t, dir, name, len, ino, ft);
done:
	if (!err) {
		inode_touch_mc(dir);
		err = ext2_write_inode_txn(t, dir);
	}
	return err;
}

/* Remove the entry s from dir and put s->page. */
static int ext2_del_entry(struct ext2_txn *t, struct inode *dir, struct ext2_slot *s)
{
	int err;

	ext2_meta_access(t, s->page);
	err = ext2_dirent_delete(page_address(s->page), EXT2_BLOCK_SIZE, s->off);
	ext2_meta_dirty(t, s->page);
	put_page(s->page);
	if (err)
		return err;
	inode_touch_mc(dir);
	return ext2_write_inode_txn(t, dir);
}

/* Point the entry s at ino of type ft (rename over a victim; ".."); puts s->page. */
static void ext2_set_entry(struct ext2_txn *t, struct ext2_slot *s, u32 ino, u8 ft)
{
	struct ext2_dir_entry_2 *de =
		(struct ext2_dir_entry_2 *)((char *)page_address(s->page) + s->off);

	ext2_meta_access(t, s->page);
	de->inode = ino;
	de->file_type = ft;
	ext2_meta_dirty(t, s->page);
	put_page(s->page);
}

/* Does dir hold nothing but "." and ".."? 1, 0, or -errno. */
static int ext2_dir_empty(struct inode *dir)
{
	u64 n = ext2_dir_blocks(dir);

	for (u64 i = 0; i < n; i++) {
		struct page *page = ext2_dir_page(dir, i);
		bool empty;

		if (IS_ERR(page))
			return (int)PTR_ERR(page);
		empty = ext2_dirent_block_empty(page_address(page), EXT2_BLOCK_SIZE);
		put_page(page);
		if (!empty)
			return 0;
	}
	return 1;
}

int ext2_make_empty_dir(struct ext2_txn *t, struct inode *inode, struct inode *parent)
{
	struct page *page;
	bool is_new;
	u32 pblk;
	int err = ext2_get_block(t, inode, 0, true, &pblk, &is_new);

	if (err)
		return err;
	page = bdev_new_block(t->sbi->bdev, pblk);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	ext2_meta_access(t, page);
	ext2_dirent_init_dir(page_address(page), EXT2_BLOCK_SIZE, (u32)inode->i_ino,
			     (u32)parent->i_ino);
	ext2_meta_dirty(t, page);
	put_page(page);
	inode->i_size = EXT2_BLOCK_SIZE;
	return 0;
}

/* ---------------------------------------------------------------- lookup and getdents */

static struct inode *ext2_lookup(struct inode *dir, const char *name, size_t len)
{
	struct ext2_slot s;
	int err = ext2_find(dir, name, len, &s);

	if (err)
		return ERR_PTR(err);
	put_page(s.page);
	return ext2_iget(dir->i_sb, s.ino);
}

static unsigned int ext2_ft_to_dt(u8 ft)
{
	static const unsigned char dt[EXT2_FT_MAX] = {
		[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG,
		[EXT2_FT_DIR] = DT_DIR,         [EXT2_FT_CHRDEV] = DT_CHR,
		[EXT2_FT_BLKDEV] = DT_BLK,      [EXT2_FT_FIFO] = DT_FIFO,
		[EXT2_FT_SOCK] = DT_SOCK,       [EXT2_FT_SYMLINK] = DT_LNK,
	};

	return ft < EXT2_FT_MAX ? dt[ft] : DT_UNKNOWN;
}

/* Emit the entries of block n from in-block offset from on; false when emit() is full. */
static int ext2_emit_block(struct inode *dir, u64 n, unsigned int from, struct dir_context *ctx)
{
	struct page *page = ext2_dir_page(dir, n);
	loff_t base = (loff_t)n << EXT2_BLOCK_SIZE_BITS;
	struct ext2_dirent_view v;
	unsigned int p = 0;
	int r;

	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	while ((r = ext2_dirent_next(page_address(page), EXT2_BLOCK_SIZE, &p, &v)) == 1) {
		if (v.off < from)
			continue;
		if (!ctx->emit(ctx, v.name, v.name_len, v.ino, ext2_ft_to_dt(v.file_type))) {
			put_page(page);
			return 0;
		}
		ctx->pos = base + p;
	}
	put_page(page);
	if (r < 0)
		return r;
	ctx->pos = base + EXT2_BLOCK_SIZE;
	return 1;
}

static int ext2_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	int r = 1;

	if (ctx->pos < 0)
		return -EINVAL;
	down_read(&dir->i_rwsem);
	while (r == 1 && ctx->pos < dir->i_size) {
		u64 n = (u64)ctx->pos >> EXT2_BLOCK_SIZE_BITS;

		r = ext2_emit_block(dir, n, (unsigned int)(ctx->pos & (EXT2_BLOCK_SIZE - 1)), ctx);
	}
	up_read(&dir->i_rwsem);
	return r < 0 ? r : 0;
}

/* ---------------------------------------------------------------- making names */

/* Enter the new inode under name in dir, or drop it. 0 or -errno; *res keeps the reference. */
static int ext2_enter_new(struct ext2_txn *t, struct inode *dir, const char *name, size_t len,
			  struct inode *inode)
{
	int err = ext2_write_inode_txn(t, inode);

	if (!err)
		err = ext2_add_entry(t, dir, name, len, (u32)inode->i_ino,
				     ext2_mode_to_ft((u16)inode->i_mode));
	if (err) {
		inode->i_nlink = 0;   /* evict frees its blocks and number */
		iput(inode);
	}
	return err;
}

static int ext2_mknod_common(struct inode *dir, const char *name, size_t len, unsigned int mode,
			     u32 rdev, const char *target, struct inode **res)
{
	struct ext2_txn t;
	struct inode *inode;
	int err;

	if (dir->i_sb->s_flags & SB_RDONLY)
		return -EROFS;
	err = ext2_txn_start(dir->i_sb, &t, 8);
	if (err)
		return err;
	inode = ext2_new_inode(&t, dir, mode);
	err = IS_ERR(inode) ? (int)PTR_ERR(inode) : 0;
	if (err)
		goto out;
	if (S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode)) {
		ext2_encode_dev(EXT2_I(inode)->i_data, MAJOR(rdev), MINOR(rdev));
		init_special_inode(inode, inode->i_mode, rdev);
	}
	if (target) {
		size_t tlen = strlen(target);

		inode->i_size = (loff_t)tlen;
		if (tlen <= EXT2_FAST_SYMLINK_MAX) {
			memcpy(EXT2_I(inode)->i_data, target, tlen);
		} else {
			struct page *page;
			bool is_new;
			u32 pblk;

			err = ext2_get_block(&t, inode, 0, true, &pblk, &is_new);
			page = err ? NULL : bdev_new_block(t.sbi->bdev, pblk);
			if (!err && IS_ERR(page))
				err = (int)PTR_ERR(page);
			if (err) {
				inode->i_nlink = 0;
				iput(inode);
				goto out;
			}
			ext2_meta_access(&t, page);
			memcpy(page_address(page), target, tlen);
			ext2_meta_dirty(&t, page);
			put_page(page);
		}
	}
	err = ext2_enter_new(&t, dir, name, len, inode);
	if (!err && res)
		*res = inode;
	else if (!err)
		iput(inode);
out:
	ext2_txn_stop(&t);
	return err;
}

static int ext2_create(struct inode *dir, const char *name, size_t len, unsigned int mode,
		       struct inode **res)
{
	return ext2_mknod_common(dir, name, len, S_IFREG | (mode & 07777), 0, NULL, res);
}

static int ext2_mknod(struct inode *dir, const char *name, size_t len, unsigned int mode, u32 rdev)
{
	return ext2_mknod_common(dir, name, len, mode, rdev, NULL, NULL);
}

static int ext2_symlink(struct inode *dir, const char *name, size_t len, const char *target)
{
	if (strlen(target) >= EXT2_BLOCK_SIZE)
		return -ENAMETOOLONG;
	return ext2_mknod_common(dir, name, len, S_IFLNK | 0777, 0, target, NULL);
}

static int ext2_mkdir(struct inode *dir, const char *name, size_t len, unsigned int mode)
{
	struct ext2_txn t;
	struct inode *inode;
	int err;

	if (dir->i_sb->s_flags & SB_RDONLY)
		return -EROFS;
	if (dir->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_txn_start(dir->i_sb, &t, 8);
	if (err)
		return err;
	inode = ext2_new_inode(&t, dir, S_IFDIR | (mode & 07777));
	err = IS_ERR(inode) ? (int)PTR_ERR(inode) : 0;
	if (err)
		goto out;
	inode->i_nlink = 2;
	err = ext2_make_empty_dir(&t, inode, dir);
	if (err) {
		inode->i_nlink = 0;
		iput(inode);
		goto out;
	}
	err = ext2_enter_new(&t, dir, name, len, inode);
	if (!err) {
		dir->i_nlink++;
		ext2_write_inode_txn(&t, dir);
		iput(inode);
	}
out:
	ext2_txn_stop(&t);
	return err;
}

static int ext2_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	struct ext2_txn t;
	int err;

	if (dir->i_sb->s_flags & SB_RDONLY)
		return -EROFS;
	if (old->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_txn_start(dir->i_sb, &t, 4);
	if (err)
		return err;
	err = ext2_add_entry(&t, dir, name, len, (u32)old->i_ino, ext2_mode_to_ft((u16)old->i_mode));
	if (!err) {
		old->i_nlink++;
		old->i_ctime = current_time();
		err = ext2_write_inode_txn(&t, old);
	}
	ext2_txn_stop(&t);
	return err;
}

/* Find name in dir and check it still names victim. */
static int ext2_find_victim(struct inode *dir, const char *name, size_t len, struct inode *victim,
			    struct ext2_slot *s)
{
	int err = ext2_find(dir, name, len, s);

	if (!err && s->ino != victim->i_ino) {
		put_page(s->page);
		return -ENOENT;
	}
	return err;
}

static int ext2_remove(struct inode *dir, const char *name, size_t len, struct inode *victim,
		       bool is_dir)
{
	struct ext2_txn t;
	struct ext2_slot s;
	int err;

	if (dir->i_sb->s_flags & SB_RDONLY)
		return -EROFS;
	if (is_dir) {
		err = ext2_dir_empty(victim);
		if (err <= 0)
			return err ? err : -ENOTEMPTY;
	}
	err = ext2_txn_start(dir->i_sb, &t, 4);
	if (err)
		return err;
	err = ext2_find_victim(dir, name, len, victim, &s);
	if (err)
		goto out;
	err = ext2_del_entry(&t, dir, &s);
	if (err)
		goto out;
	victim->i_ctime = current_time();
	if (is_dir) {
		victim->i_nlink = 0;
		if (dir->i_nlink > 2)
			dir->i_nlink--;
		ext2_write_inode_txn(&t, dir);
	} else if (victim->i_nlink) {
		victim->i_nlink--;
	}
	err = ext2_write_inode_txn(&t, victim);
out:
	ext2_txn_stop(&t);
	return err;
}

static int ext2_unlink(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	return ext2_remove(dir, name, len, victim, false);
}

static int ext2_rmdir(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	return ext2_remove(dir, name, len, victim, true);
}

/* ---------------------------------------------------------------- rename */

/* Checks before rename changes anything. */
static int ext2_rename_check(struct inode *old, struct inode *new_dir, struct inode *old_dir,
			     struct inode *victim)
{
	if (victim && S_ISDIR(victim->i_mode)) {
		int e = ext2_dir_empty(victim);

		if (e <= 0)
			return e ? e : -ENOTEMPTY;
	}
	if (S_ISDIR(old->i_mode) && new_dir != old_dir && !victim && new_dir->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	return 0;
}

/* Give the victim of a rename up: one name fewer (a directory: gone). */
static void ext2_drop_victim(struct ext2_txn *t, struct inode *new_dir, struct inode *victim)
{
	victim->i_ctime = current_time();
	if (S_ISDIR(victim->i_mode)) {
		victim->i_nlink = 0;
		if (new_dir->i_nlink > 2)
			new_dir->i_nlink--;   /* its ".." is gone */
	} else if (victim->i_nlink) {
		victim->i_nlink--;
	}
	ext2_write_inode_txn(t, victim);
}

/* A directory moved to new_dir: its ".." and the parents' link counts. */
static int ext2_move_dotdot(struct ext2_txn *t, struct inode *old, struct inode *old_dir,
			    struct inode *new_dir)
{
	struct ext2_slot s;
	int err = ext2_find(old, "..", 2, &s);

	if (err)
		return err == -ENOENT ? ext2_corrupt(old->i_sb, "directory without ..", old->i_ino) : err;
	ext2_set_entry(t, &s, (u32)new_dir->i_ino, EXT2_FT_DIR);
	if (old_dir->i_nlink > 2)
		old_dir->i_nlink--;
	new_dir->i_nlink++;
	ext2_write_inode_txn(t, old_dir);
	return ext2_write_inode_txn(t, new_dir);
}

/*
 * RENAME_EXCHANGE: the two entries swap inodes; a directory that changes
 * parent gets its ".." pointed at the new one (and the parents' link
 * counts follow).
 */
static int ext2_exchange(struct inode *old_dir, const char *old_name, size_t old_len,
			 struct inode *old, struct inode *new_dir, const char *new_name,
			 size_t new_len, struct inode *other)
{
	bool cross = old_dir != new_dir;
	struct ext2_txn t;
	struct ext2_slot s;
	int err;

	if (cross && ((S_ISDIR(old->i_mode) && !S_ISDIR(other->i_mode) &&
		       new_dir->i_nlink >= EXT2_LINK_MAX) ||
		      (S_ISDIR(other->i_mode) && !S_ISDIR(old->i_mode) &&
		       old_dir->i_nlink >= EXT2_LINK_MAX)))
		return -EMLINK;
	err = ext2_txn_start(old_dir->i_sb, &t, 16);
	if (err)
		return err;
	err = ext2_find_victim(new_dir, new_name, new_len, other, &s);
	if (err)
		goto out;
	ext2_set_entry(&t, &s, (u32)old->i_ino, ext2_mode_to_ft((u16)old->i_mode));
	err = ext2_find_victim(old_dir, old_name, old_len, old, &s);
	if (err)
		goto out;
	ext2_set_entry(&t, &s, (u32)other->i_ino, ext2_mode_to_ft((u16)other->i_mode));
	if (cross && S_ISDIR(old->i_mode))
		err = ext2_move_dotdot(&t, old, old_dir, new_dir);
	if (!err && cross && S_ISDIR(other->i_mode))
		err = ext2_move_dotdot(&t, other, new_dir, old_dir);
	old->i_ctime = other->i_ctime = current_time();
	inode_touch_mc(old_dir);
	inode_touch_mc(new_dir);
	ext2_write_inode_txn(&t, old);
	ext2_write_inode_txn(&t, other);
	ext2_write_inode_txn(&t, old_dir);
	if (cross)
		ext2_write_inode_txn(&t, new_dir);
out:
	ext2_txn_stop(&t);
	return err;
}

static int ext2_rename(struct inode *old_dir, const char *old_name, size_t old_len,
		       struct inode *old, struct inode *new_dir, const char *new_name,
		       size_t new_len, struct inode *victim, unsigned int flags)
{
	u8 ft = ext2_mode_to_ft((u16)old->i_mode);
	struct ext2_txn t;
	struct ext2_slot s;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (old_dir->i_sb->s_flags & SB_RDONLY)
		return -EROFS;
	if (flags & RENAME_EXCHANGE)
		return victim ? ext2_exchange(old_dir, old_name, old_len, old, new_dir, new_name,
					      new_len, victim)
			      : -ENOENT;
	err = ext2_rename_check(old, new_dir, old_dir, victim);
	if (err)
		return err;
	err = ext2_txn_start(old_dir->i_sb, &t, 12);
	if (err)
		return err;
	if (victim) {
		err = ext2_find_victim(new_dir, new_name, new_len, victim, &s);
		if (err)
			goto out;
		ext2_set_entry(&t, &s, (u32)old->i_ino, ft);
		inode_touch_mc(new_dir);
		ext2_write_inode_txn(&t, new_dir);
		ext2_drop_victim(&t, new_dir, victim);
	} else {
		err = ext2_add_entry(&t, new_dir, new_name, new_len, (u32)old->i_ino, ft);
		if (err)
			goto out;
	}
	err = ext2_find_victim(old_dir, old_name, old_len, old, &s);
	if (!err)
		err = ext2_del_entry(&t, old_dir, &s);
	if (!err && S_ISDIR(old->i_mode) && old_dir != new_dir)
		err = ext2_move_dotdot(&t, old, old_dir, new_dir);
	old->i_ctime = current_time();
	ext2_write_inode_txn(&t, old);
out:
	ext2_txn_stop(&t);
	return err;
}

/* ---------------------------------------------------------------- symlinks */

static int ext2_get_link(struct inode *inode, char *buf, size_t size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	size_t len = (size_t)inode->i_size;
	struct ext2_txn t = { .sbi = EXT2_SB(inode->i_sb) };
	struct page *page;
	u32 pblk;
	int err;

	if (len >= EXT2_BLOCK_SIZE || size == 0)
		return -EUCLEAN;
	if (inode->i_blocks == (ei->i_file_acl ? EXT2_BLOCK_SIZE >> 9 : 0)) {
		if (len > EXT2_FAST_SYMLINK_MAX)
			return ext2_corrupt(inode->i_sb, "bad fast symlink", inode->i_ino);
		len = MIN(len, size - 1);
		memcpy(buf, ei->i_data, len);
		buf[len] = 0;
		return (int)len;
	}
	err = ext2_get_block(&t, inode, 0, false, &pblk, NULL);
	if (err || pblk == 0)
		return err ? err : ext2_corrupt(inode->i_sb, "symlink without a block", inode->i_ino);
	page = bdev_read_block(t.sbi->bdev, pblk);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	len = MIN(len, size - 1);
	memcpy(buf, page_address(page), len);
	buf[len] = 0;
	put_page(page);
	return (int)len;
}

const struct inode_operations ext2_dir_iops = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.mkdir = ext2_mkdir,
	.symlink = ext2_symlink,
	.mknod = ext2_mknod,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
	.setattr = ext2_setattr,
};

const struct inode_operations ext2_symlink_iops = {
	.get_link = ext2_get_link,
	.setattr = ext2_setattr,
};

const struct file_operations ext2_dir_fops = {
	.iterate = ext2_iterate,
	.llseek = generic_file_llseek,
	.fsync = ext2_fsync,
};

/*
 * ext2 directory block operations (interface and rules in ext2_dirent.h).
 *
 * Records start at multiples of 4 in a buffer the caller aligns to 4
 * bytes, so a record is accessed through struct ext2_dir_entry_2 directly.
 * Every walk checks a record's header fits before reading it.
 *
 * Pure: no locks, no allocation.
 */
#include "ext2_dirent.h"

#include <fs/ext2_fs.h>
#include <lib/string.h>

#define EXT2_DIR_MIN_REC	EXT2_DIR_REC_LEN(1)	/* the smallest legal rec_len */

static struct ext2_dir_entry_2 *rec_at(void *blk, unsigned int off)
{
	return (struct ext2_dir_entry_2 *)((u8 *)blk + off);
}

static const struct ext2_dir_entry_2 *crec_at(const void *blk, unsigned int off)
{
	return (const struct ext2_dir_entry_2 *)((const u8 *)blk + off);
}

/*
 * check_rec - is the record at @off (a multiple of 4, < @size) well formed?
 * Returns 0 or -EFSCORRUPTED.
 */
static int check_rec(const void *blk, unsigned int size, unsigned int off, u32 max_ino)
{
	const struct ext2_dir_entry_2 *de;

	if (size - off < EXT2_DIR_MIN_REC)
		return -EFSCORRUPTED;
	de = crec_at(blk, off);
	if (de->rec_len < EXT2_DIR_MIN_REC || de->rec_len % EXT2_DIR_PAD ||
	    de->rec_len > size - off)
		return -EFSCORRUPTED;
	if (EXT2_DIR_REC_LEN(de->name_len) > de->rec_len)
		return -EFSCORRUPTED;
	if (!de->inode)
		return 0;
	if (!de->name_len || de->file_type >= EXT2_FT_MAX || (max_ino && de->inode > max_ino))
		return -EFSCORRUPTED;
	if (memchr(de->name, '/', de->name_len) || memchr(de->name, '\0', de->name_len))
		return -EFSCORRUPTED;
	return 0;
}

/*
 * ext2_dirent_validate - check a whole block of @size bytes (a multiple of
 * 4, at most 65536). @max_ino: the largest valid inode number, 0 for no
 * check. Returns 0, or -EFSCORRUPTED with *@bad_off (if not NULL) set to
 * the offset of the first bad record.
 */
int ext2_dirent_validate(const void *blk, unsigned int size, u32 max_ino, unsigned int *bad_off)
{
	unsigned int off = 0;

	if (!size || size % EXT2_DIR_PAD || size > 65536) {
		if (bad_off)
			*bad_off = 0;
		return -EFSCORRUPTED;
	}
	while (off < size) {
		if (check_rec(blk, size, off, max_ino)) {
			if (bad_off)
				*bad_off = off;
			return -EFSCORRUPTED;
		}
		off += crec_at(blk, off)->rec_len;
	}
	return 0;
}

/* ext2_dirent_init_empty - make @blk one unused record covering it all. */
void ext2_dirent_init_empty(void *blk, unsigned int size)
{
	struct ext2_dir_entry_2 *de = rec_at(blk, 0);

	memset(blk, 0, size);
	de->rec_len = (u16)size;
}

/* ext2_dirent_init_dir - make @blk a new directory's first block: "." and "..". */
void ext2_dirent_init_dir(void *blk, unsigned int size, u32 self, u32 parent)
{
	struct ext2_dir_entry_2 *dot = rec_at(blk, 0), *dotdot;

	memset(blk, 0, size);
	dot->inode = self;
	dot->rec_len = EXT2_DIR_REC_LEN(1);
	dot->name_len = 1;
	dot->file_type = EXT2_FT_DIR;
	dot->name[0] = '.';
	dotdot = rec_at(blk, dot->rec_len);
	dotdot->inode = parent;
	dotdot->rec_len = (u16)(size - dot->rec_len);
	dotdot->name_len = 2;
	dotdot->file_type = EXT2_FT_DIR;
	memcpy(dotdot->name, "..", 2);
}

/*
 * ext2_dirent_next - the next in-use entry at or after *@pos (start with
 * 0). Returns 1 and fills @out (and advances *@pos past it), 0 at the end
 * of the block, -EFSCORRUPTED on a malformed record (the block need not
 * have been validated).
 */
int ext2_dirent_next(const void *blk, unsigned int size, unsigned int *pos,
		     struct ext2_dirent_view *out)
{
	while (*pos < size) {
		unsigned int off = *pos;
		const struct ext2_dir_entry_2 *de;

		if (off % EXT2_DIR_PAD || check_rec(blk, size, off, 0))
			return -EFSCORRUPTED;
		de = crec_at(blk, off);
		*pos = off + de->rec_len;
		if (!de->inode)
			continue;
		out->ino = de->inode;
		out->file_type = de->file_type;
		out->name_len = de->name_len;
		out->rec_len = de->rec_len;
		out->off = off;
		out->name = de->name;
		return 1;
	}
	return 0;
}

/*
 * ext2_dirent_find - look up @name (@len bytes) in a valid block.
 * Returns 0 and fills @out (if not NULL), or -ENOENT.
 */
int ext2_dirent_find(const void *blk, unsigned int size, const char *name, unsigned int len,
		     struct ext2_dirent_view *out)
{
	struct ext2_dirent_view v;
	unsigned int pos = 0;

	while (ext2_dirent_next(blk, size, &pos, &v) == 1) {
		if (v.name_len == len && !memcmp(v.name, name, len)) {
			if (out)
				*out = v;
			return 0;
		}
	}
	return -ENOENT;
}

static void fill_rec(struct ext2_dir_entry_2 *de, const char *name, unsigned int len, u32 ino,
		     u8 file_type)
{
	de->inode = ino;
	de->name_len = (u8)len;
	de->file_type = file_type;
	memcpy(de->name, name, len);
}

/*
 * ext2_dirent_insert - add the entry @name (@len bytes) -> @ino of type
 * @file_type to a valid block: into the first unused record big enough,
 * or by splitting the first in-use record with enough slack after its
 * name. Returns 0 with *@off_out (if not NULL) = the new record's offset;
 * -EINVAL for a bad name, inode 0 or file type; -EEXIST if the name is
 * already in this block; -ENOSPC if the block has no room.
 */
int ext2_dirent_insert(void *blk, unsigned int size, const char *name, unsigned int len,
		       u32 ino, u8 file_type, unsigned int *off_out)
{
	unsigned int need = EXT2_DIR_REC_LEN(len), off, fit = size;

	if (!len || len > EXT2_NAME_LEN || !ino || file_type >= EXT2_FT_MAX ||
	    memchr(name, '/', len) || memchr(name, '\0', len))
		return -EINVAL;
	for (off = 0; off < size; off += rec_at(blk, off)->rec_len) {
		struct ext2_dir_entry_2 *de = rec_at(blk, off);
		unsigned int used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;

		if (de->inode && de->name_len == len && !memcmp(de->name, name, len))
			return -EEXIST;
		if (fit == size && de->rec_len - used >= need)
			fit = off;
	}
	if (fit == size)
		return -ENOSPC;
	struct ext2_dir_entry_2 *de = rec_at(blk, fit);
	if (de->inode) {
		unsigned int used = EXT2_DIR_REC_LEN(de->name_len);
		struct ext2_dir_entry_2 *nde = rec_at(blk, fit + used);

		nde->rec_len = (u16)(de->rec_len - used);
		de->rec_len = (u16)used;
		de = nde;
		fit += used;
	}
	fill_rec(de, name, len, ino, file_type);
	if (off_out)
		*off_out = fit;
	return 0;
}

/*
 * ext2_dirent_delete - remove the in-use record starting at @off of a
 * valid block: its space joins the record before it, or, for the first
 * record, it is marked unused (inode 0). Returns 0, or -EINVAL if no
 * in-use record starts at @off.
 */
int ext2_dirent_delete(void *blk, unsigned int size, unsigned int off)
{
	unsigned int cur = 0, prev = size;

	while (cur < off && cur < size) {
		prev = cur;
		cur += rec_at(blk, cur)->rec_len;
	}
	if (cur != off || cur >= size || !rec_at(blk, cur)->inode)
		return -EINVAL;
	if (prev == size) {
		rec_at(blk, cur)->inode = 0;
		return 0;
	}
	rec_at(blk, prev)->rec_len += rec_at(blk, cur)->rec_len;
	return 0;
}

/* ext2_dirent_remove - delete @name from a valid block: 0 or -ENOENT. */
int ext2_dirent_remove(void *blk, unsigned int size, const char *name, unsigned int len)
{
	struct ext2_dirent_view v;
	int err = ext2_dirent_find(blk, size, name, len, &v);

	return err ? err : ext2_dirent_delete(blk, size, v.off);
}

/*
 * ext2_dirent_block_empty - does a valid block hold no entry other than
 * "." and ".."? (rmdir's test, block by block.)
 */
bool ext2_dirent_block_empty(const void *blk, unsigned int size)
{
	struct ext2_dirent_view v;
	unsigned int pos = 0;

	while (ext2_dirent_next(blk, size, &pos, &v) == 1) {
		if (v.name[0] != '.' || v.name_len > 2 || (v.name_len == 2 && v.name[1] != '.'))
			return false;
	}
	return true;
}

/*
 * ext2_dirent_free_space - the largest name record that
 * ext2_dirent_insert() could place in a valid block (bytes of rec_len), 0
 * if none fits.
 */
unsigned int ext2_dirent_free_space(const void *blk, unsigned int size)
{
	unsigned int off, best = 0;

	for (off = 0; off < size; off += crec_at(blk, off)->rec_len) {
		const struct ext2_dir_entry_2 *de = crec_at(blk, off);
		unsigned int used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;

		if (de->rec_len - used > best)
			best = de->rec_len - used;
	}
	return best;
}

/*
 * mkfs pass 2: lay out and write the image.
 *
 * fs_create() sets up the geometry (kernel/fs/ext2/ext2_layout.c), the
 * bitmaps with every group's metadata marked, the reserved inodes and the
 * journal (inode 8); fs_write_tree() writes the root, lost+found and the
 * host tree depth first; fs_finish() writes the bitmaps, inode tables,
 * group descriptors and superblocks (primary and sparse_super backups).
 *
 * Blocks are handed out in increasing order from a goal, so a file's
 * indirect block lands just before the data it maps, and the output
 * depends only on the tree and the options (docs/ext2.md,
 * "Deterministic output"). Inodes, bitmaps and indirect blocks live in
 * memory until written; file and directory data go straight to the image.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "mkfs.h"
#include <fs/jbd2_fs.h>
#include "ext2_bitmap.h"
#include "ext2_bmap.h"
#include "ext2_dirent.h"
#include "ext2_journal.h"

#define BS EXT2_BLOCK_SIZE
#define APB_BITS (EXT2_BLOCK_SIZE_BITS - 2)
#define LPF_BLOCKS 4	/* lost+found: 16 KiB, as mke2fs makes it */

static void pwrite_all(struct fs *fs, const void *buf, size_t len, uint64_t off)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = pwrite(fs->fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("%s: write at byte %llu: %s", fs->o->image, (unsigned long long)off,
			    n < 0 ? strerror(errno) : "short write");
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
}

static void write_block(struct fs *fs, uint32_t blk, const void *buf)
{
	pwrite_all(fs, buf, BS, (uint64_t)blk * BS);
}

/* ---- allocation */

/* The next free block at or after the goal (wrapping); dies when full (pass 1 checked). */
static uint32_t alloc_block(struct fs *fs)
{
	const struct ext2_layout *l = &fs->l;
	uint32_t g0 = fs->goal < l->blocks_count ? fs->goal / l->blocks_per_group : 0;

	for (uint32_t i = 0; i <= l->group_count; i++) {
		uint32_t g = (g0 + i) % l->group_count;
		uint32_t first = ext2_group_first_block(l, g);
		uint32_t local = (i == 0 && fs->goal > first) ? fs->goal - first : 0;
		int64_t b = ext2_bitmap_find_zero(fs->bmap[g], ext2_group_blocks(l, g), local);

		if (b < 0)
			continue;
		if (ext2_bitmap_set(fs->bmap[g], ext2_group_blocks(l, g), (uint32_t)b))
			die("internal error: block bitmap");
		fs->goal = first + (uint32_t)b + 1;
		return first + (uint32_t)b;
	}
	die("%s: out of blocks (the size check missed something)", fs->o->image);
}

static uint32_t alloc_inode(struct fs *fs, bool dir)
{
	uint32_t ino = fs->next_ino++;
	uint32_t g;

	if (ino > fs->l.inodes_count)
		die("%s: out of inodes (the size check missed something)", fs->o->image);
	g = ext2_ino_group(&fs->l, ino);
	if (ext2_bitmap_set(fs->imap[g], fs->l.inodes_per_group, ext2_ino_index(&fs->l, ino)))
		die("internal error: inode bitmap");
	if (dir)
		fs->dirs[g]++;
	return ino;
}

static struct ext2_inode *inode_of(struct fs *fs, uint32_t ino)
{
	return &fs->inodes[ino - 1];
}

uint32_t fs_free_blocks(const struct fs *fs)
{
	uint32_t free_blocks = 0;

	for (uint32_t g = 0; g < fs->l.group_count; g++)
		free_blocks += ext2_bitmap_count_free(fs->bmap[g], ext2_group_blocks(&fs->l, g));
	return free_blocks;
}

/* ---- mapping a file's blocks: i_block[] and in-memory indirect blocks */

struct ind {
	uint32_t blk;
	uint32_t slot[EXT2_ADDR_PER_BLOCK];
	struct ind *kid[];	/* non-leaf levels only */
};

struct fmap {
	struct fs *fs;
	struct ext2_inode *in;
	struct ind *root[3];	/* under i_block[12], [13], [14] */
	uint64_t blocks;	/* data and indirect blocks */
};

static struct ind *ind_new(struct fmap *m, bool has_kids)
{
	struct ind *n = xcalloc(1, sizeof(*n) + (has_kids ? EXT2_ADDR_PER_BLOCK * sizeof(n->kid[0]) : 0));

	n->blk = alloc_block(m->fs);
	m->blocks++;
	return n;
}

/*
 * fmap_add - give logical block @lbn of the file a new block (allocating
 * the indirect blocks on its path first) and return it.
 */
static uint32_t fmap_add(struct fmap *m, uint64_t lbn)
{
	struct ext2_bmap_path p;
	struct ind **slot, *node = NULL;
	uint32_t blk;

	if (ext2_bmap_path(lbn, APB_BITS, &p))
		die("%s: file too large for ext2", m->fs->o->image);
	if (p.depth > 1) {
		slot = &m->root[p.offsets[0] - EXT2_IND_BLOCK];
		for (int k = 1; k < p.depth; k++) {
			if (!*slot) {
				*slot = ind_new(m, k < p.depth - 1);
				if (node)
					node->slot[p.offsets[k - 1]] = (*slot)->blk;
				else
					m->in->i_block[p.offsets[0]] = (*slot)->blk;
			}
			node = *slot;
			if (k < p.depth - 1)
				slot = &node->kid[p.offsets[k]];
		}
	}
	blk = alloc_block(m->fs);
	m->blocks++;
	if (node)
		node->slot[p.offsets[p.depth - 1]] = blk;
	else
		m->in->i_block[p.offsets[0]] = blk;
	return blk;
}

static void ind_flush(struct fs *fs, struct ind *n, int levels)
{
	if (!n)
		return;
	write_block(fs, n->blk, n->slot);
	if (levels > 1)
		for (unsigned int i = 0; i < EXT2_ADDR_PER_BLOCK; i++)
			ind_flush(fs, n->kid[i], levels - 1);
	free(n);
}

/* Write the indirect blocks and set i_blocks (512-byte sectors). */
static void fmap_finish(struct fmap *m)
{
	for (int i = 0; i < 3; i++)
		ind_flush(m->fs, m->root[i], i + 1);
	m->in->i_blocks = (uint32_t)(m->blocks * (BS / 512));
}

/* ---- inodes */

static void set_size(struct ext2_inode *in, uint64_t size)
{
	in->i_size = (uint32_t)size;
	in->i_size_high = (uint32_t)(size >> 32);
}

static void set_times(struct ext2_inode *in, int64_t sec, uint32_t nsec)
{
	uint32_t extra = ext2_time_extra(sec, nsec);

	in->i_atime = in->i_ctime = in->i_mtime = in->i_crtime = (uint32_t)sec;
	in->i_atime_extra = in->i_ctime_extra = in->i_mtime_extra = in->i_crtime_extra = extra;
}

/* A fresh inode: mode, owner root, times from the node (mtime, clamped) or the fs time. */
static struct ext2_inode *inode_init(struct fs *fs, uint32_t ino, uint16_t mode,
				     const struct node *n)
{
	struct ext2_inode *in = inode_of(fs, ino);
	int64_t sec = fs->o->time;
	uint32_t nsec = 0;

	memset(in, 0, sizeof(*in));
	in->i_mode = mode;
	in->i_extra_isize = EXT2_EXTRA_ISIZE;
	if (n && n->st.st_mtime >= 0 && n->st.st_mtime < ((int64_t)1 << 34)) {
		sec = n->st.st_mtime;
		nsec = (uint32_t)n->st.st_mtim.tv_nsec;
		if (fs->o->clamp && sec >= fs->o->time) {
			sec = fs->o->time;
			nsec = 0;
		}
	}
	set_times(in, sec, nsec);
	return in;
}

/* ---- regular file data: the blocks holding non-zero bytes */

typedef void (*block_fn)(void *ctx, uint64_t lbn, const uint8_t *data);

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/*
 * for_each_data_block - call @fn for every block of the file at @path that
 * holds a non-zero byte, in increasing order, skipping holes with
 * SEEK_DATA/SEEK_HOLE. Returns 0 or -errno.
 */
static int for_each_data_block(const char *path, uint64_t size, block_fn fn, void *ctx)
{
	static uint8_t buf[64 * BS];
	uint64_t next = 0;	/* first byte not yet read */
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	while (next < size) {
		off_t data = lseek(fd, (off_t)next, SEEK_DATA), hole;
		if (data < 0 && errno == ENXIO)
			break;
		if (data < 0) {	/* no SEEK_DATA: read everything */
			data = (off_t)next;
			hole = (off_t)size;
		} else {
			hole = lseek(fd, data, SEEK_HOLE);
			if (hole < 0)
				hole = (off_t)size;
		}
		uint64_t pos = (uint64_t)data & ~(uint64_t)(BS - 1);
		if (pos < next)
			pos = next;
		while (pos < (uint64_t)hole) {
			ssize_t got = pread(fd, buf, sizeof(buf), (off_t)pos);
			if (got < 0) {
				int err = -errno;
				close(fd);
				return err;
			}
			if (got == 0)
				break;
			size_t len = ((size_t)got + BS - 1) & ~(size_t)(BS - 1);
			memset(buf + got, 0, len - (size_t)got);
			for (size_t off = 0; off < len; off += BS)
				if (!all_zero(buf + off, BS))
					fn(ctx, (pos + off) / BS, buf + off);
			pos += len;
		}
		next = pos > (uint64_t)hole ? pos : (uint64_t)hole;
	}
	close(fd);
	return 0;
}

struct count_ctx {
	struct ext2_bmap_path prev;
	bool any;
	uint64_t blocks;
	int err;
};

static void count_block(void *ctx, uint64_t lbn, const uint8_t *data)
{
	struct count_ctx *c = ctx;
	struct ext2_bmap_path p;

	(void)data;
	if (ext2_bmap_path(lbn, APB_BITS, &p)) {
		c->err = -EFBIG;
		return;
	}
	c->blocks += 1 + (uint64_t)ext2_bmap_new_meta(c->any ? &c->prev : NULL, &p);
	c->prev = p;
	c->any = true;
}

/*
 * scan_file_blocks - pass 1: the blocks (data and indirect) the regular
 * file @n will take. Returns 0, -EFBIG if it is too large for ext2, or
 * -errno if it cannot be read.
 */
int scan_file_blocks(const struct node *n, uint64_t *blocks)
{
	struct count_ctx c = { .any = false };
	int err;

	if ((uint64_t)n->st.st_size > ext2_max_file_size(EXT2_BLOCK_SIZE_BITS))
		return -EFBIG;
	err = for_each_data_block(n->path, (uint64_t)n->st.st_size, count_block, &c);
	*blocks = c.blocks;
	return err ? err : c.err;
}

static void write_data_block(void *ctx, uint64_t lbn, const uint8_t *data)
{
	struct fmap *m = ctx;

	write_block(m->fs, fmap_add(m, lbn), data);
}

static void write_regular(struct fs *fs, struct node *n, struct ext2_inode *in)
{
	struct fmap m = { .fs = fs, .in = in };
	int err = for_each_data_block(n->path, (uint64_t)n->st.st_size, write_data_block, &m);

	if (err)
		die("%s: %s", n->path, strerror(-err));
	fmap_finish(&m);
	set_size(in, (uint64_t)n->st.st_size);
}

static void write_symlink(struct fs *fs, struct node *n, struct ext2_inode *in)
{
	size_t len = strlen(n->target);

	set_size(in, len);
	if (len <= EXT2_FAST_SYMLINK_MAX) {
		memcpy(in->i_block, n->target, len);	/* fast: in i_block[], i_blocks 0 */
		return;
	}
	uint8_t blk[BS] = { 0 };
	struct fmap m = { .fs = fs, .in = in };
	memcpy(blk, n->target, len);
	write_block(fs, fmap_add(&m, 0), blk);
	fmap_finish(&m);
}

/* Create the inode for a non-directory node (or its hard-link primary); its number. */
static uint32_t make_leaf(struct fs *fs, struct node *n)
{
	struct node *p = n->primary ? n->primary : n;
	struct ext2_inode *in;
	mode_t fmt = p->st.st_mode & S_IFMT;

	if (p->ino)
		return p->ino;
	p->ino = alloc_inode(fs, false);
	in = inode_init(fs, p->ino, (uint16_t)(p->st.st_mode & (S_IFMT | 07777)), p);
	in->i_links_count = (uint16_t)p->links;
	if (fmt == S_IFREG)
		write_regular(fs, p, in);
	else if (fmt == S_IFLNK)
		write_symlink(fs, p, in);
	else if (fmt == S_IFCHR || fmt == S_IFBLK)
		ext2_encode_dev(in->i_block, major(p->st.st_rdev), minor(p->st.st_rdev));
	return p->ino;
}

/* ---- directories */

/* Add one entry to the growing block array of a directory. */
static void dir_add(uint8_t **blocks, uint32_t *n, const char *name, uint32_t ino, uint8_t ft)
{
	size_t len = strlen(name);
	int err = ext2_dirent_insert(*blocks + (size_t)(*n - 1) * BS, BS, name, (unsigned)len, ino,
				     ft, NULL);

	if (err == -ENOSPC) {
		*blocks = realloc(*blocks, (size_t)(*n + 1) * BS);
		if (!*blocks)
			die("out of memory");
		ext2_dirent_init_empty(*blocks + (size_t)*n * BS, BS);
		(*n)++;
		err = ext2_dirent_insert(*blocks + (size_t)(*n - 1) * BS, BS, name, (unsigned)len,
					 ino, ft, NULL);
	}
	if (err)
		die("directory entry '%s': %s", name, strerror(-err));
}

/* pass 1: the blocks of @dir's entries (same packing as dir_add), indirect ones included */
uint32_t fs_dir_blocks(const struct node *dir)
{
	bool root = !dir->name[0];	/* the root's first entry is lost+found */
	uint32_t blocks = 1, used = 2 * EXT2_DIR_REC_LEN(2);

	for (size_t i = 0; i < dir->nkids + root; i++) {
		const char *name = root && i == 0 ? "lost+found" : dir->kids[i - root]->name;
		uint32_t need = EXT2_DIR_REC_LEN(strlen(name));

		if (used + need > BS) {
			blocks++;
			used = 0;
		}
		used += need;
	}
	return blocks + (uint32_t)ext2_bmap_meta_blocks(blocks, APB_BITS);
}

/* Write a directory's blocks and finish its inode. */
static void dir_store(struct fs *fs, uint32_t ino, uint8_t *blocks, uint32_t n)
{
	struct ext2_inode *in = inode_of(fs, ino);
	struct fmap m = { .fs = fs, .in = in };

	for (uint32_t i = 0; i < n; i++)
		write_block(fs, fmap_add(&m, i), blocks + (size_t)i * BS);
	fmap_finish(&m);
	set_size(in, (uint64_t)n * BS);
}

static uint16_t dir_mode(const struct node *n)
{
	return (uint16_t)(S_IFDIR | (n ? n->st.st_mode & 07777 : 0755));
}

static void write_dir(struct fs *fs, struct node *dir, uint32_t parent, uint32_t lpf)
{
	uint8_t *blocks = xcalloc(1, BS);
	uint32_t n = 1;
	struct ext2_inode *in;

	ext2_dirent_init_dir(blocks, BS, dir->ino, parent);
	if (lpf)
		dir_add(&blocks, &n, "lost+found", lpf, EXT2_FT_DIR);
	for (size_t i = 0; i < dir->nkids; i++) {
		struct node *k = dir->kids[i];
		uint32_t ino;

		if (S_ISDIR(k->st.st_mode))
			ino = k->ino = alloc_inode(fs, true);
		else
			ino = make_leaf(fs, k);
		dir_add(&blocks, &n, k->name, ino,
			ext2_mode_to_ft((uint16_t)(k->st.st_mode & S_IFMT)));
	}
	in = inode_init(fs, dir->ino, dir_mode(dir), dir);
	in->i_links_count = (uint16_t)(2 + dir->subdirs + (lpf ? 1 : 0));
	dir_store(fs, dir->ino, blocks, n);
	free(blocks);
	for (size_t i = 0; i < dir->nkids; i++)
		if (S_ISDIR(dir->kids[i]->st.st_mode))
			write_dir(fs, dir->kids[i], dir->ino, 0);
}

static uint32_t make_lost_found(struct fs *fs)
{
	uint8_t *blocks = xcalloc(LPF_BLOCKS, BS);
	uint32_t ino = alloc_inode(fs, true);
	struct ext2_inode *in = inode_init(fs, ino, S_IFDIR | 0700, NULL);

	ext2_dirent_init_dir(blocks, BS, ino, EXT2_ROOT_INO);
	for (int i = 1; i < LPF_BLOCKS; i++)
		ext2_dirent_init_empty(blocks + (size_t)i * BS, BS);
	in->i_links_count = 2;
	dir_store(fs, ino, blocks, LPF_BLOCKS);
	free(blocks);
	return ino;
}

/* fs_write_tree - write lost+found, the root and everything under @root. */
int fs_write_tree(struct fs *fs, struct node *root)
{
	uint32_t lpf;

	fs->goal = 0;
	lpf = make_lost_found(fs);
	root->ino = EXT2_ROOT_INO;
	fs->dirs[0]++;
	write_dir(fs, root, EXT2_ROOT_INO, lpf);
	return 0;
}

/* ---- the journal */

static void make_journal(struct fs *fs, uint32_t nblocks)
{
	struct ext2_inode *in = inode_init(fs, EXT3_JOURNAL_INO, S_IFREG | 0600, NULL);
	struct fmap m = { .fs = fs, .in = in };
	uint8_t blk[BS] = { 0 };
	struct jbd2_superblock *jsb = (struct jbd2_superblock *)blk;
	uint32_t first = 0;

	fs->goal = ext2_group_first_block(&fs->l, fs->l.group_count / 2);
	for (uint32_t i = 0; i < nblocks; i++) {
		uint32_t b = fmap_add(&m, i);	/* the rest stays zero (fresh image) */
		if (i == 0)
			first = b;
	}
	fmap_finish(&m);
	set_size(in, (uint64_t)nblocks * BS);
	in->i_links_count = 1;
	jbd2_sb_init(jsb, BS, nblocks, fs->uuid);
	write_block(fs, first, blk);
	fs->journal_blocks = nblocks;
}

/* ---- setup and the final metadata */

/*
 * fs_create - open the image (truncated to o->size, so it starts all
 * zero), compute the layout for @blocks blocks and at least @inodes
 * inodes, mark the metadata and the reserved inodes, and write the journal
 * of o->journal blocks (0: none). Returns 0 or -errno / -ENOSPC from the
 * layout.
 */
int fs_create(struct fs *fs, const struct mkfs_opts *o, uint64_t blocks, uint64_t inodes)
{
	int err = ext2_layout_init(&fs->l, blocks, (uint32_t)inodes, BS, EXT2_INODE_SIZE);
	const struct ext2_layout *l = &fs->l;

	if (err)
		return err;
	fs->o = o;
	fs->fd = open(o->image, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fs->fd < 0 || ftruncate(fs->fd, (off_t)o->size))
		die("%s: %s", o->image, strerror(errno));
	fs->bmap = xcalloc(l->group_count, sizeof(*fs->bmap));
	fs->imap = xcalloc(l->group_count, sizeof(*fs->imap));
	fs->dirs = xcalloc(l->group_count, sizeof(*fs->dirs));
	fs->inodes = xcalloc(l->inodes_count, sizeof(*fs->inodes));
	for (uint32_t g = 0; g < l->group_count; g++) {
		fs->bmap[g] = xcalloc(1, BS);
		fs->imap[g] = xcalloc(1, BS);
		ext2_bitmap_pad(fs->bmap[g], ext2_group_blocks(l, g), BS * 8);
		ext2_bitmap_pad(fs->imap[g], l->inodes_per_group, BS * 8);
		if (ext2_bitmap_set_range(fs->bmap[g], ext2_group_blocks(l, g), 0,
					  ext2_group_overhead(l, g)))
			die("internal error: group %u metadata", g);
	}
	for (uint32_t ino = 1; ino < EXT2_FIRST_INO; ino++)
		ext2_bitmap_set(fs->imap[0], l->inodes_per_group, ino - 1);
	fs->next_ino = EXT2_FIRST_INO;
	if (o->journal > 0)
		make_journal(fs, (uint32_t)o->journal);
	return 0;
}

static void fill_super(struct fs *fs, struct ext2_super_block *sb, uint32_t free_blocks,
		       uint32_t free_inodes)
{
	const struct ext2_layout *l = &fs->l;
	const struct ext2_inode *j = inode_of(fs, EXT3_JOURNAL_INO);

	memset(sb, 0, sizeof(*sb));
	sb->s_inodes_count = l->inodes_count;
	sb->s_blocks_count = l->blocks_count;
	sb->s_free_blocks_count = free_blocks;
	sb->s_free_inodes_count = free_inodes;
	sb->s_first_data_block = l->first_data_block;
	sb->s_log_block_size = sb->s_log_frag_size = EXT2_BLOCK_SIZE_BITS - EXT2_MIN_BLOCK_LOG_SIZE;
	sb->s_blocks_per_group = sb->s_frags_per_group = l->blocks_per_group;
	sb->s_inodes_per_group = l->inodes_per_group;
	sb->s_wtime = sb->s_lastcheck = sb->s_mkfs_time = (uint32_t)fs->o->time;
	sb->s_max_mnt_count = -1;
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_state = EXT2_VALID_FS;
	sb->s_errors = EXT2_ERRORS_CONTINUE;
	sb->s_creator_os = EXT2_OS_LINUX;
	sb->s_rev_level = EXT2_DYNAMIC_REV;
	sb->s_first_ino = EXT2_FIRST_INO;
	sb->s_inode_size = EXT2_INODE_SIZE;
	sb->s_feature_incompat = EXT2_FEATURE_INCOMPAT_FILETYPE;
	sb->s_feature_ro_compat = EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER |
				  EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
	memcpy(sb->s_uuid, fs->uuid, sizeof(sb->s_uuid));
	strncpy(sb->s_volume_name, fs->o->label ? fs->o->label : "", sizeof(sb->s_volume_name));
	memcpy(sb->s_hash_seed, fs->hash_seed, sizeof(sb->s_hash_seed));
	sb->s_def_hash_version = EXT2_HASH_HALF_MD4;
	sb->s_min_extra_isize = sb->s_want_extra_isize = EXT2_EXTRA_ISIZE;
	if (fs->journal_blocks) {
		sb->s_feature_compat |= EXT3_FEATURE_COMPAT_HAS_JOURNAL;
		sb->s_journal_inum = EXT3_JOURNAL_INO;
		sb->s_jnl_backup_type = EXT3_JNL_BACKUP_BLOCKS;
		memcpy(sb->s_jnl_blocks, j->i_block, sizeof(j->i_block));
		sb->s_jnl_blocks[15] = j->i_size_high;
		sb->s_jnl_blocks[16] = j->i_size;
	}
}

/* fs_finish - write bitmaps, inode tables, descriptors and superblocks; close. */
int fs_finish(struct fs *fs)
{
	const struct ext2_layout *l = &fs->l;
	struct ext2_group_desc *gd = xcalloc((size_t)l->gdt_blocks * BS, 1);
	uint32_t free_blocks = 0, free_inodes = 0;
	uint8_t sbuf[BS];

	for (uint32_t g = 0; g < l->group_count; g++) {
		gd[g].bg_block_bitmap = ext2_group_block_bitmap(l, g);
		gd[g].bg_inode_bitmap = ext2_group_inode_bitmap(l, g);
		gd[g].bg_inode_table = ext2_group_inode_table(l, g);
		gd[g].bg_free_blocks_count =
			(uint16_t)ext2_bitmap_count_free(fs->bmap[g], ext2_group_blocks(l, g));
		gd[g].bg_free_inodes_count =
			(uint16_t)ext2_bitmap_count_free(fs->imap[g], l->inodes_per_group);
		gd[g].bg_used_dirs_count = fs->dirs[g];
		free_blocks += gd[g].bg_free_blocks_count;
		free_inodes += gd[g].bg_free_inodes_count;
		write_block(fs, gd[g].bg_block_bitmap, fs->bmap[g]);
		write_block(fs, gd[g].bg_inode_bitmap, fs->imap[g]);
		pwrite_all(fs, &fs->inodes[(size_t)g * l->inodes_per_group],
			   (size_t)l->inodes_per_group * EXT2_INODE_SIZE,
			   (uint64_t)gd[g].bg_inode_table * BS);
	}
	for (uint32_t g = 0; g < l->group_count; g++) {
		uint32_t at = ext2_group_first_block(l, g);
		struct ext2_super_block *sb = (struct ext2_super_block *)(sbuf + (g ? 0 : 1024));

		if (!ext2_group_has_super(g, l->sparse_super))
			continue;
		memset(sbuf, 0, sizeof(sbuf));
		fill_super(fs, sb, free_blocks, free_inodes);
		sb->s_block_group_nr = (uint16_t)g;
		if (g == 0)	/* keep the 1 KiB boot area as written (zero) */
			pwrite_all(fs, sb, sizeof(*sb), EXT2_SUPERBLOCK_OFFSET);
		else
			write_block(fs, at, sbuf);
		pwrite_all(fs, gd, (size_t)l->gdt_blocks * BS, (uint64_t)(at + 1) * BS);
	}
	free(gd);
	if (fsync(fs->fd) && errno != EINVAL)
		die("%s: fsync: %s", fs->o->image, strerror(errno));
	if (close(fs->fd))
		die("%s: close: %s", fs->o->image, strerror(errno));
	return 0;
}

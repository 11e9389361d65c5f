/*
 * mkfs internals shared by mkfs.c (options, the host tree, sizing) and
 * image.c (allocation and writing the image). See docs/ext2.md for the
 * format and the usage. Single-threaded host program: no locks.
 */
#ifndef MKFS_MKFS_H
#define MKFS_MKFS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <fs/ext2_fs.h>
#include "ext2_layout.h"

/* One name in the host tree (pass 1), written to the image in pass 2. */
struct node {
	char *name;		/* the entry name; "" for the root */
	char *path;		/* host path */
	struct stat st;
	struct node **kids;	/* directories: children sorted by name */
	size_t nkids;
	struct node *primary;	/* hard link: the node that owns the inode */
	char *target;		/* symlinks: the target, NUL-terminated */
	uint32_t links;		/* primary nodes: names in the tree */
	uint32_t subdirs;	/* directories: child directories */
	uint64_t blocks;	/* blocks its content takes, indirect ones included */
	uint32_t ino;		/* assigned in pass 2; 0 until then */
};

struct mkfs_opts {
	const char *image;
	const char *dir;	/* -d: tree to copy, or NULL */
	const char *label;
	const char *seed;	/* -U: UUID seed */
	uint64_t size;		/* bytes */
	uint64_t inodes;	/* -N, 0 = automatic */
	int64_t journal;	/* -J blocks, -1 = automatic */
	int64_t time;		/* SOURCE_DATE_EPOCH or 0 */
	bool clamp;		/* SOURCE_DATE_EPOCH was set: clamp mtimes to it */
	bool quiet;
};

/* The filesystem being written. */
struct fs {
	int fd;
	const struct mkfs_opts *o;
	struct ext2_layout l;
	uint8_t **bmap;			/* block bitmap per group */
	uint8_t **imap;			/* inode bitmap per group */
	struct ext2_inode *inodes;	/* inodes_count, index ino - 1 */
	uint16_t *dirs;			/* directories per group */
	uint32_t goal;			/* next block to try */
	uint32_t next_ino;
	uint32_t journal_blocks;
	uint8_t uuid[16];
	uint32_t hash_seed[4];
};

/* Blocks a file of these data blocks needs (see image.c). */
uint32_t fs_dir_blocks(const struct node *dir);
int scan_file_blocks(const struct node *n, uint64_t *blocks);

int fs_create(struct fs *fs, const struct mkfs_opts *o, uint64_t blocks, uint64_t inodes);
int fs_write_tree(struct fs *fs, struct node *root);
int fs_finish(struct fs *fs);
uint32_t fs_free_blocks(const struct fs *fs);

void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void warn_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xcalloc(size_t n, size_t size);

#endif /* MKFS_MKFS_H */

/*
 * mkfs: build a Kestrel ext2 image (with an ext3 journal) from a directory tree.
 *
 *   mkfs [-s SIZE] [-N INODES] [-L LABEL] [-J BLOCKS] [-U SEED] [-d DIR] [-q] IMAGE
 *
 * Pass 1 (this file) reads the host tree into memory -- names sorted,
 * hard links found by (st_dev, st_ino), symlink targets, the blocks every
 * file and directory will take -- and checks that it fits, so a tree too
 * big for the image fails before anything is written, saying how much
 * more is needed. Pass 2 (image.c) writes the image. The format, the
 * defaults and what is deterministic are in docs/ext2.md.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mkfs.h"
#include <fs/jbd2_fs.h>
#include "ext2_bmap.h"

#define MiB (1024ull * 1024)
#define DEFAULT_SIZE (128 * MiB)
#define BYTES_PER_INODE 16384		/* default inode ratio, as mke2fs */
#define JOURNAL_MIN_IMAGE (16 * MiB)	/* smaller images get no journal by default */
#define JOURNAL_DEFAULT 1024		/* blocks (4 MiB) below 128 MiB; see journal_default() */

static const char *prog = "mkfs";

void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void warn_msg(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: warning: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die("out of memory");
	return p;
}

/*
 * mke2fs's default journal size for an image of size bytes: a journal too
 * small for the metadata a busy minute dirties makes every few operations
 * wait for a commit and a checkpoint.
 */
static long journal_default(unsigned long long size)
{
	if (size < 128 * MiB)
		return JOURNAL_DEFAULT;
	if (size < 1024 * MiB)
		return 4096;
	if (size < 2048 * MiB)
		return 8192;
	return 16384;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s [-s SIZE[K|M|G]] [-N INODES] [-L LABEL] [-J JOURNAL-BLOCKS]\n"
		"            [-U UUID-SEED] [-d DIR] [-q] IMAGE\n"
		"  -s  image size in bytes, or K/M/G (default 128M)\n"
		"  -N  at least this many inodes (default: one per 16 KiB, more if the tree needs)\n"
		"  -L  volume label (up to 16 bytes)\n"
		"  -J  journal blocks: 0 = no journal, else >= %d (default from 16M up: %d,\n"
		"      4096 from 128M, 8192 from 1G, 16384 from 2G, as mke2fs)\n"
		"  -U  seed the UUID is derived from (default \"kestrel\")\n"
		"  -d  copy this directory tree into the root\n"
		"  -q  no summary line\n", prog, JBD2_MIN_JOURNAL_BLOCKS, JOURNAL_DEFAULT);
	exit(2);
}

static uint64_t parse_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		die("bad size '%s'", s);
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end)
		die("bad size '%s' (a number of bytes, or with K, M or G)", s);
	return v;
}

static int64_t parse_num(const char *s, const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		die("bad %s '%s'", what, s);
	return v;
}

/* ---- pass 1: the host tree */

struct link_slot {
	dev_t dev;
	ino_t ino;
	struct node *primary;
};

static struct {
	struct link_slot *slot;
	size_t cap, used;
} links;

/* The first node seen for a multiply-linked host inode, or NULL (and @n becomes it). */
static struct node *link_lookup(struct node *n)
{
	if (links.used * 2 >= links.cap) {
		struct link_slot *old = links.slot;
		size_t oldcap = links.cap;

		links.cap = oldcap ? oldcap * 2 : 1024;
		links.slot = xcalloc(links.cap, sizeof(*links.slot));
		links.used = 0;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].primary)
				link_lookup(old[i].primary);
		free(old);
	}
	size_t h = ((uint64_t)n->st.st_ino * 0x9e3779b97f4a7c15ull ^ (uint64_t)n->st.st_dev) %
		   links.cap;
	for (;; h = (h + 1) % links.cap) {
		struct link_slot *s = &links.slot[h];
		if (!s->primary) {
			*s = (struct link_slot){ n->st.st_dev, n->st.st_ino, n };
			links.used++;
			return NULL;
		}
		if (s->dev == n->st.st_dev && s->ino == n->st.st_ino)
			return s->primary;
	}
}

struct need {
	uint64_t blocks;
	uint64_t inodes;
};

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct node *const *)a)->name, (*(struct node *const *)b)->name);
}

static void scan(struct node *n, struct need *need);

static void scan_dir(struct node *dir, struct need *need)
{
	DIR *d = opendir(dir->path);
	struct dirent *e;
	size_t cap = 0;

	if (!d)
		die("%s: %s", dir->path, strerror(errno));
	while ((errno = 0, e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (strlen(e->d_name) > EXT2_NAME_LEN)
			die("%s/%s: name longer than %d bytes", dir->path, e->d_name, EXT2_NAME_LEN);
		if (!dir->name[0] && !strcmp(e->d_name, "lost+found"))
			die("%s/lost+found: mkfs makes lost+found itself; remove it from the tree",
			    dir->path);
		if (dir->nkids == cap) {
			cap = cap ? cap * 2 : 16;
			dir->kids = realloc(dir->kids, cap * sizeof(*dir->kids));
			if (!dir->kids)
				die("out of memory");
		}
		struct node *k = xcalloc(1, sizeof(*k));
		k->name = xstrdup(e->d_name);
		k->path = xcalloc(1, strlen(dir->path) + strlen(e->d_name) + 2);
		sprintf(k->path, "%s/%s", dir->path, e->d_name);
		dir->kids[dir->nkids++] = k;
	}
	if (errno)
		die("%s: %s", dir->path, strerror(errno));
	closedir(d);
	if (dir->nkids)
		qsort(dir->kids, dir->nkids, sizeof(*dir->kids), by_name);
	for (size_t i = 0; i < dir->nkids; i++) {
		scan(dir->kids[i], need);
		dir->subdirs += S_ISDIR(dir->kids[i]->st.st_mode);
	}
	if (dir->subdirs + 3 > 65000)
		die("%s: too many subdirectories for ext2 (%u)", dir->path, dir->subdirs);
	dir->blocks = fs_dir_blocks(dir);
	need->blocks += dir->blocks;
}

static void scan_leaf(struct node *n, struct need *need)
{
	mode_t fmt = n->st.st_mode & S_IFMT;
	int err;

	if (fmt == S_IFREG) {
		if ((err = scan_file_blocks(n, &n->blocks)))
			die("%s: %s", n->path, err == -EFBIG ? "too large for ext2" : strerror(-err));
	} else if (fmt == S_IFLNK) {
		char buf[PATH_MAX];
		ssize_t len = readlink(n->path, buf, sizeof(buf) - 1);
		if (len < 0)
			die("%s: %s", n->path, strerror(errno));
		buf[len] = 0;
		n->target = xstrdup(buf);
		n->blocks = (size_t)len > EXT2_FAST_SYMLINK_MAX;
	}
	need->blocks += n->blocks;
}

static void scan(struct node *n, struct need *need)
{
	if (lstat(n->path, &n->st))
		die("%s: %s", n->path, strerror(errno));
	if (S_ISDIR(n->st.st_mode)) {
		need->inodes++;
		scan_dir(n, need);
		return;
	}
	if (n->st.st_nlink > 1 && (n->primary = link_lookup(n))) {
		if (++n->primary->links > 65000)
			die("%s: too many hard links for ext2", n->path);
		return;
	}
	n->links = 1;
	need->inodes++;
	scan_leaf(n, need);
}

static struct node *scan_root(const char *dir, struct need *need, int64_t now)
{
	struct node *root = xcalloc(1, sizeof(*root));

	root->name = xstrdup("");
	if (!dir) {
		root->st.st_mode = S_IFDIR | 0755;
		root->st.st_mtime = now;
		root->blocks = fs_dir_blocks(root);
		need->blocks += root->blocks;
		return root;
	}
	root->path = xstrdup(dir);
	if (lstat(dir, &root->st))
		die("%s: %s", dir, strerror(errno));
	if (!S_ISDIR(root->st.st_mode))
		die("%s: not a directory", dir);
	scan_dir(root, need);
	return root;
}

/* ---- identity and sizing */

/* A 64-bit FNV-1a hash of @s, then stirred (splitmix64) with @salt. */
static uint64_t seed_hash(const char *s, uint64_t salt)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
	h += salt * 0x9e3779b97f4a7c15ull;
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
	return h ^ (h >> 31);
}

/* The UUID (a version-4-shaped UUID from the seed) and the directory hash seed. */
static void make_identity(struct fs *fs, const char *seed)
{
	for (int i = 0; i < 2; i++) {
		uint64_t h = seed_hash(seed, (uint64_t)i + 1);
		memcpy(fs->uuid + 8 * i, &h, 8);
	}
	fs->uuid[6] = (uint8_t)((fs->uuid[6] & 0x0f) | 0x40);
	fs->uuid[8] = (uint8_t)((fs->uuid[8] & 0x3f) | 0x80);
	for (int i = 0; i < 2; i++) {
		uint64_t h = seed_hash(seed, (uint64_t)i + 3);
		memcpy(fs->hash_seed + 2 * i, &h, 8);
	}
}

static void parse_env_time(struct mkfs_opts *o)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	if (!e || !*e)
		return;
	o->time = parse_num(e, "SOURCE_DATE_EPOCH");
	if (o->time > UINT32_MAX)
		die("SOURCE_DATE_EPOCH %s is past 2106", e);
	o->clamp = true;
}

static void parse_args(int argc, char **argv, struct mkfs_opts *o)
{
	int c;

	o->size = DEFAULT_SIZE;
	o->journal = -1;
	o->seed = "kestrel";
	while ((c = getopt(argc, argv, "s:N:L:J:U:d:q")) != -1) {
		switch (c) {
		case 's': o->size = parse_size(optarg); break;
		case 'N': o->inodes = (uint64_t)parse_num(optarg, "inode count"); break;
		case 'L': o->label = optarg; break;
		case 'J': o->journal = parse_num(optarg, "journal size"); break;
		case 'U': o->seed = optarg; break;
		case 'd': o->dir = optarg; break;
		case 'q': o->quiet = true; break;
		default: usage();
		}
	}
	if (optind != argc - 1)
		usage();
	o->image = argv[optind];
	if (o->label && strlen(o->label) > 16)
		die("label '%s' is longer than 16 bytes", o->label);
	if (o->journal < 0)
		o->journal = o->size >= JOURNAL_MIN_IMAGE ? journal_default(o->size) : 0;
	if (o->journal && o->journal < JBD2_MIN_JOURNAL_BLOCKS)
		die("a journal needs at least %d blocks (-J 0 for none)", JBD2_MIN_JOURNAL_BLOCKS);
	parse_env_time(o);
}

static uint64_t kib(uint64_t blocks)
{
	return blocks * (EXT2_BLOCK_SIZE / 1024);
}

/* Inodes to ask the layout for: -N, else one per 16 KiB, at least what the tree needs. */
static uint64_t pick_inodes(const struct mkfs_opts *o, uint64_t needed)
{
	uint64_t n = o->inodes ? o->inodes : o->size / BYTES_PER_INODE;

	if (!o->inodes && n < needed + needed / 8 + 16)
		n = needed + needed / 8 + 16;
	return n > UINT32_MAX ? UINT32_MAX : n;
}

/* Die (deleting the image) unless the tree's inodes and blocks fit; the free blocks. */
static uint64_t check_fit(struct fs *fs, const struct mkfs_opts *o, const struct need *need)
{
	uint64_t have = fs_free_blocks(fs);

	if (o->inodes > fs->l.inodes_count) {
		unlink(o->image);
		die("%s: -N %llu: at most %u inodes fit (%u per group of 128 MiB)", o->image,
		    (unsigned long long)o->inodes, fs->l.inodes_count, fs->l.inodes_per_group);
	}
	if (need->inodes > fs->l.inodes_count) {
		unlink(o->image);
		die("%s: the tree needs %llu inodes, the image has %u (-N, or a larger -s)", o->image,
		    (unsigned long long)need->inodes, fs->l.inodes_count);
	}
	if (need->blocks > have) {
		unlink(o->image);
		die("%s: the tree needs %llu KiB but only %llu KiB are free: %llu KiB (%llu MiB) more "
		    "needed", o->image, (unsigned long long)kib(need->blocks),
		    (unsigned long long)kib(have), (unsigned long long)kib(need->blocks - have),
		    (unsigned long long)((kib(need->blocks - have) + 1023) / 1024));
	}
	return have;
}

int main(int argc, char **argv)
{
	struct mkfs_opts o = { 0 };
	struct need need = { 0, EXT2_FIRST_INO };	/* reserved inodes 1-10 and lost+found */
	struct fs fs = { .fd = -1 };
	struct node *root;
	uint64_t blocks, have;
	int err;

	parse_args(argc, argv, &o);
	root = scan_root(o.dir, &need, o.time);
	need.blocks += 4;	/* lost+found */
	blocks = o.size / EXT2_BLOCK_SIZE;
	make_identity(&fs, o.seed);
	err = fs_create(&fs, &o, blocks, pick_inodes(&o, need.inodes));
	if (err == -ENOSPC)
		die("%s: %llu KiB is too small for an ext2 filesystem", o.image,
		    (unsigned long long)(o.size / 1024));
	if (err)
		die("%s: cannot lay out %llu blocks: %s", o.image, (unsigned long long)blocks,
		    strerror(-err));
	have = check_fit(&fs, &o, &need);
	fs_write_tree(&fs, root);
	/* pass 1's count is exact unless the tree changed under us */
	if (have - fs_free_blocks(&fs) != need.blocks || fs.next_ino - 1 != need.inodes)
		warn_msg("wrote %llu blocks and %u inodes, counted %llu and %llu (did the tree change?)",
			 (unsigned long long)(have - fs_free_blocks(&fs)), fs.next_ino - 1,
			 (unsigned long long)need.blocks, (unsigned long long)need.inodes);
	fs_finish(&fs);
	if (!o.quiet)
		printf("%s: %u blocks (%llu MiB), %u inodes, %u groups, journal %u blocks, "
		       "%llu blocks and %llu inodes used\n", o.image, fs.l.blocks_count,
		       (unsigned long long)(kib(fs.l.blocks_count) / 1024), fs.l.inodes_count,
		       fs.l.group_count, fs.journal_blocks,
		       (unsigned long long)(fs.l.blocks_count - have + need.blocks),
		       (unsigned long long)need.inodes);
	return 0;
}

/*
 * Helpers shared by the file layer's self-tests (ktest_fs.c, ktest_fs_sys.c).
 */
#ifndef FS_KTEST_FS_H
#define FS_KTEST_FS_H

#include <fs/fs.h>

/* The archive tests/initrd.py builds for the initrd job of tests/run.py. */
#define KTEST_BOOT_FILES 33
#define KTEST_BOOT_FSIZE (60 * 1024 + 17)

/* A private ramfs and the counters to find leaks in. */
struct ktest_fs {
	struct super_block *sb;
	struct vfsmount *mnt;      /* a detached mount of it: lr's paths are on it */
	struct lookup_root lr;
	unsigned long inodes, pages;
	long files;
};

int ktest_fs_begin(struct ktest_fs *t);
/* Remove the tree, free the ramfs, check for leaks; why (if set) wins. */
const char *ktest_fs_end(struct ktest_fs *t, const char *why);
int ktest_fs_rm_rf(const struct lookup_root *lr, const char *path);
/* The byte at offset i of test file number seed. */
u8 ktest_fs_pattern(u32 seed, u64 i);

struct ktest_cpio {
	u8 *buf;
	size_t len, cap;
};
bool ktest_cpio_add(struct ktest_cpio *a, const char *name, unsigned int mode, unsigned int ino,
		    unsigned int nlink, u64 mtime, const void *data, size_t size);

#endif /* FS_KTEST_FS_H */

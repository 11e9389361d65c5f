/*
 * Helpers shared by the file system calls (sys_rw.c, sys_path.c).
 */
#ifndef FS_SYS_FS_H
#define FS_SYS_FS_H

#include <fs/file.h>
#include <fs/fs.h>

/* Fill a Linux struct stat from st and copy it to the user address ubuf. 0 or -EFAULT. */
int copy_stat_to_user(const struct kstat *st, unsigned long ubuf);

/*
 * Copy the user path at upath into a new PATH_MAX buffer (*path; free it
 * with kfree). 0, -EFAULT, -ENAMETOOLONG (no NUL within PATH_MAX) or -ENOMEM.
 */
int getname(unsigned long upath, char **path);

/*
 * Where a *at() call's path starts: the current root, and the cwd
 * (dirfd == AT_FDCWD or an absolute path) or the directory open at dirfd.
 * With references: lookup_root_put() them. 0, -EBADF, -ENOTDIR.
 */
int lookup_root_at(int dirfd, const char *path, struct lookup_root *lr);

#endif /* FS_SYS_FS_H */

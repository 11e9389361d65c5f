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


/* The handlers (the table in build/generated/ refers to them by name). */
struct syscall_args;
long sys_read(const struct syscall_args *args);
long sys_write(const struct syscall_args *args);
long sys_readv(const struct syscall_args *args);
long sys_writev(const struct syscall_args *args);
long sys_pread64(const struct syscall_args *args);
long sys_pwrite64(const struct syscall_args *args);
long sys_preadv(const struct syscall_args *args);
long sys_pwritev(const struct syscall_args *args);
long sys_lseek(const struct syscall_args *args);
long sys_openat(const struct syscall_args *args);
long sys_close(const struct syscall_args *args);
long sys_dup(const struct syscall_args *args);
long sys_dup3(const struct syscall_args *args);
long sys_fcntl(const struct syscall_args *args);
long sys_ioctl(const struct syscall_args *args);
long sys_fstat(const struct syscall_args *args);
long sys_newfstatat(const struct syscall_args *args);
long sys_statx(const struct syscall_args *args);
long sys_getdents64(const struct syscall_args *args);
long sys_faccessat(const struct syscall_args *args);
long sys_faccessat2(const struct syscall_args *args);
long sys_readlinkat(const struct syscall_args *args);
long sys_mkdirat(const struct syscall_args *args);
long sys_mknodat(const struct syscall_args *args);
long sys_symlinkat(const struct syscall_args *args);
long sys_linkat(const struct syscall_args *args);
long sys_unlinkat(const struct syscall_args *args);
long sys_renameat2(const struct syscall_args *args);
long sys_truncate(const struct syscall_args *args);
long sys_ftruncate(const struct syscall_args *args);
long sys_chdir(const struct syscall_args *args);
long sys_fchdir(const struct syscall_args *args);
long sys_getcwd(const struct syscall_args *args);
long sys_umask(const struct syscall_args *args);
long sys_mount(const struct syscall_args *args);
long sys_umount2(const struct syscall_args *args);
long sys_statfs(const struct syscall_args *args);
long sys_fstatfs(const struct syscall_args *args);
long sys_chroot(const struct syscall_args *args);
long sys_syncfs(const struct syscall_args *args);
long sys_fchmod(const struct syscall_args *args);
long sys_fchmodat(const struct syscall_args *args);
long sys_fchown(const struct syscall_args *args);
long sys_fchownat(const struct syscall_args *args);
long sys_utimensat(const struct syscall_args *args);
long sys_fsync(const struct syscall_args *args);
long sys_fdatasync(const struct syscall_args *args);
long sys_fallocate(const struct syscall_args *args);

#endif /* FS_SYS_FS_H */

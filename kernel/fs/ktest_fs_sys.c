/*
 * Self-test of the file system calls (ktest=boot): a kernel thread gets an
 * address space with a scratch area, a descriptor table with the console
 * on 0-2 and an fs_struct, as the first process will, and calls the
 * handlers with user pointers exactly as syscall_dispatch() would. Checks
 * Linux's results and errnos, every bad pointer giving -EFAULT, and ends
 * with the usual leak checks (ramfs inodes/pages, struct files).
 */
#include <arch/irqflags.h>
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/syscall.h>
#include <kernel/user.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/mman.h>
#include <uapi/termios.h>

#include "internal.h"
#include "sys_fs.h"

#define UBASE 0x10000UL
#define USIZE (64 * 1024UL)
#define UPATH (UBASE)                 /* paths */
#define UPATH2 (UBASE + 0x1000)
#define UBUF (UBASE + 0x2000)         /* data, 16 KiB */
#define UIOV (UBASE + 0x6000)
#define UBAD 0x10UL                   /* unmapped */
#define UKERNEL 0xffffffc080200000UL  /* not a user address */

/* The memory calls (kernel/mm/mm_syscalls.c) have no header of their own. */
long sys_mmap(const struct syscall_args *args);
long sys_munmap(const struct syscall_args *args);
long sys_mprotect(const struct syscall_args *args);

static const char *sys_result;   /* what the test thread found */

static long call(long (*fn)(const struct syscall_args *), const unsigned long *a)
{
	struct syscall_args args;

	memcpy(args.a, a, sizeof(args.a));
	return fn(&args);
}

/* SYS(name, args...): the handler as syscall_dispatch() calls it; missing arguments are 0. */
#define SYS(fn, ...) call(sys_##fn, (const unsigned long[6]){ __VA_ARGS__ })
#define EXPECT(expr, want) do { \
	long _r = (long)(expr), _w = (long)(want); \
	if (_r != _w) \
		return ktest_fail("line %d: %s = %ld, want %ld", __LINE__, #expr, _r, _w); \
} while (0)

static unsigned long upath(unsigned long at, const char *s)
{
	return copy_to_user((void *)at, s, strlen(s) + 1) ? UBAD : at;
}

static const char *ubuf_is(unsigned long at, const char *want, size_t n)
{
	char k[64];

	if (n > sizeof(k) || copy_from_user(k, (const void *)at, n) || memcmp(k, want, n))
		return ktest_fail("user buffer is not '%.*s'", (int)n, want);
	return NULL;
}

static const char *rw_calls(int fd)
{
	struct iovec iov[3] = { { (void *)UBUF, 2 }, { (void *)(UBUF + 100), 0 },
				{ (void *)(UBUF + 2), 3 } };
	const char *why;
	struct stat st;

	EXPECT(SYS(write, fd, upath(UBUF, "hello world"), 11), 11);
	EXPECT(SYS(lseek, fd, 0, SEEK_CUR), 11);
	EXPECT(SYS(lseek, fd, 0, SEEK_SET), 0);
	EXPECT(SYS(read, fd, UBUF + 1000, 100), 11);
	if ((why = ubuf_is(UBUF + 1000, "hello world", 11)))
		return why;
	EXPECT(SYS(pread64, fd, UBUF + 1000, 5, 6), 5);
	if ((why = ubuf_is(UBUF + 1000, "world", 5)))
		return why;
	EXPECT(SYS(pwrite64, fd, upath(UBUF, "HELLO"), 5, 0), 5);
	EXPECT(SYS(pread64, fd, UBUF + 1000, 11, 0), 11);
	if ((why = ubuf_is(UBUF + 1000, "HELLO world", 11)))
		return why;
	EXPECT(copy_to_user((void *)UIOV, iov, sizeof(iov)), 0);
	EXPECT(SYS(lseek, fd, 0, SEEK_END), 11);
	EXPECT(SYS(writev, fd, UIOV, 3), 5);   /* "HE" + "LLO" */
	EXPECT(SYS(pread64, fd, UBUF + 1000, 16, 0), 16);
	if ((why = ubuf_is(UBUF + 1000, "HELLO worldHELLO", 16)))
		return why;
	EXPECT(SYS(lseek, fd, 11, SEEK_SET), 11);
	EXPECT(SYS(readv, fd, UIOV, 3), 5);
	EXPECT(SYS(pread64, fd, UBUF, 1, -1), -EINVAL);
	EXPECT(SYS(lseek, fd, -1, SEEK_SET), -EINVAL);
	EXPECT(SYS(lseek, fd, 0, 7), -EINVAL);
	EXPECT(SYS(readv, fd, UIOV, 1025), -EINVAL);
	EXPECT(SYS(fstat, fd, UBUF), 0);
	EXPECT(copy_from_user(&st, (void *)UBUF, sizeof(st)), 0);
	EXPECT(st.st_size, 16);
	EXPECT(st.st_mode, S_IFREG | 0644);   /* 0666 & ~022 */
	EXPECT(st.st_blksize, 4096);
	return NULL;
}

static const char *bad_pointers(int fd)
{
	EXPECT(SYS(write, fd, UBAD, 8), -EFAULT);
	EXPECT(SYS(read, fd, UKERNEL, 8), -EFAULT);   /* fd's position is not at the end: data */
	EXPECT(SYS(openat, AT_FDCWD, UBAD, O_RDONLY), -EFAULT);
	EXPECT(SYS(openat, AT_FDCWD, UKERNEL, O_RDONLY), -EFAULT);
	EXPECT(SYS(fstat, fd, UBAD), -EFAULT);
	EXPECT(SYS(newfstatat, AT_FDCWD, upath(UPATH, "f"), UKERNEL, 0), -EFAULT);
	EXPECT(SYS(readv, fd, UBAD, 2), -EFAULT);
	EXPECT(SYS(getcwd, UBAD, 100), -EFAULT);
	EXPECT(SYS(ioctl, 1, TCGETS, UBAD), -EFAULT);
	EXPECT(SYS(write, 1, UBAD, 8), -EFAULT);
	return NULL;
}

static const char *fd_calls(int fd)
{
	EXPECT(SYS(fcntl, fd, F_GETFD), FD_CLOEXEC);
	EXPECT(SYS(fcntl, fd, F_GETFL), O_RDWR);
	EXPECT(SYS(dup3, fd, 10, O_CLOEXEC), 10);
	EXPECT(SYS(fcntl, 10, F_GETFD), FD_CLOEXEC);
	EXPECT(SYS(fcntl, 10, F_SETFD, 0), 0);
	EXPECT(SYS(fcntl, 10, F_GETFD), 0);
	EXPECT(SYS(dup3, fd, fd, 0), -EINVAL);
	EXPECT(SYS(dup3, fd, 11, 1), -EINVAL);
	EXPECT(SYS(dup3, 99, 11, 0), -EBADF);
	EXPECT(SYS(fcntl, fd, F_DUPFD, 20), 20);
	EXPECT(SYS(fcntl, fd, F_DUPFD_CLOEXEC, 20), 21);
	EXPECT(SYS(fcntl, 21, F_GETFD), FD_CLOEXEC);
	EXPECT(SYS(fcntl, fd, F_DUPFD, 5000), -EINVAL);
	EXPECT(SYS(dup, fd), 4);
	EXPECT(SYS(close, 4), 0);
	EXPECT(SYS(close, 20), 0);
	EXPECT(SYS(close, 20), -EBADF);
	EXPECT(SYS(close, 21), 0);
	EXPECT(SYS(close, 10), 0);
	EXPECT(SYS(fcntl, 99, F_GETFD), -EBADF);
	EXPECT(SYS(fcntl, fd, 9999), -EINVAL);
	/* F_SETFL O_APPEND: writes go to the end; the access mode does not change */
	EXPECT(SYS(fcntl, fd, F_SETFL, O_APPEND | O_WRONLY), 0);
	EXPECT(SYS(fcntl, fd, F_GETFL), O_RDWR | O_APPEND);
	EXPECT(SYS(lseek, fd, 0, SEEK_SET), 0);
	EXPECT(SYS(write, fd, upath(UBUF, "!"), 1), 1);
	EXPECT(SYS(lseek, fd, 0, SEEK_CUR), 17);
	EXPECT(SYS(fcntl, fd, F_SETFL, 0), 0);
	return NULL;
}

static const char *console_calls(int fd)
{
	struct termios t;
	struct winsize ws;

	EXPECT(SYS(ioctl, 1, TCGETS, UBUF), 0);
	EXPECT(copy_from_user(&t, (void *)UBUF, sizeof(t)), 0);
	EXPECT(t.c_cflag & CS8, CS8);
	EXPECT(t.c_cc[VMIN], 1);
	EXPECT(SYS(ioctl, 2, TIOCGWINSZ, UBUF), 0);
	EXPECT(copy_from_user(&ws, (void *)UBUF, sizeof(ws)), 0);
	EXPECT(ws.ws_row * 1000 + ws.ws_col, 24080);
	EXPECT(SYS(ioctl, 1, TCGETS, UBUF), 0);   /* the console is a tty: TCSETS of what it says works */
	EXPECT(SYS(ioctl, 1, TCSETS, UBUF), 0);
	EXPECT(SYS(ioctl, fd, TCGETS, UBUF), -ENOTTY);
	EXPECT(SYS(lseek, 1, 0, SEEK_SET), -ESPIPE);
	EXPECT(SYS(pread64, 0, UBUF, 1, 0), -ESPIPE);
	EXPECT(SYS(write, 1, upath(UBUF, "fs: console write from a system call\n"), 37), 37);
	return NULL;
}

/* getdents64 of the cwd: ".", "..", and every name in want. */
static const char *dir_calls(const char *want1, const char *want2)
{
	char k[512];
	int dfd = (int)SYS(openat, AT_FDCWD, upath(UPATH, "/.ksys"), O_RDONLY | O_DIRECTORY);
	long n, total = 0;
	int found = 0;

	if (dfd < 0)
		return ktest_fail("open .: %d", dfd);
	EXPECT(SYS(getdents64, dfd, UBUF, 10), -EINVAL);
	EXPECT(SYS(read, dfd, UBUF, 10), -EISDIR);
	while ((n = SYS(getdents64, dfd, UBUF, sizeof(k))) > 0) {
		EXPECT(copy_from_user(k, (void *)UBUF, (size_t)n), 0);
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(k + off);

			found += !strcmp(d->d_name, ".") + !strcmp(d->d_name, "..") * 2 +
				 !strcmp(d->d_name, want1) * 4 + !strcmp(d->d_name, want2) * 8;
			if (!strcmp(d->d_name, want1) && d->d_type != DT_REG)
				return "d_type of a file";
			off += d->d_reclen;
		}
		total += n;
	}
	EXPECT(n, 0);
	EXPECT(found, 15);
	EXPECT(SYS(getdents64, 1, UBUF, sizeof(k)), -ENOTDIR);
	EXPECT(SYS(close, dfd), 0);
	return NULL;
}

static const char *path_calls(void)
{
	struct stat st;

	EXPECT(SYS(symlinkat, upath(UPATH, "f"), AT_FDCWD, upath(UPATH2, "l")), 0);
	EXPECT(SYS(readlinkat, AT_FDCWD, upath(UPATH, "l"), UBUF, 64), 1);
	EXPECT(SYS(readlinkat, AT_FDCWD, upath(UPATH, "f"), UBUF, 64), -EINVAL);
	EXPECT(SYS(readlinkat, AT_FDCWD, upath(UPATH, "l"), UBUF, 0), -EINVAL);
	EXPECT(SYS(newfstatat, AT_FDCWD, upath(UPATH, "l"), UBUF, 0), 0);
	EXPECT(copy_from_user(&st, (void *)UBUF, sizeof(st)), 0);
	EXPECT(S_ISREG(st.st_mode), 1);
	EXPECT(SYS(newfstatat, AT_FDCWD, upath(UPATH, "l"), UBUF, AT_SYMLINK_NOFOLLOW), 0);
	EXPECT(copy_from_user(&st, (void *)UBUF, sizeof(st)), 0);
	EXPECT(S_ISLNK(st.st_mode), 1);
	EXPECT(SYS(newfstatat, AT_FDCWD, upath(UPATH, ""), UBUF, AT_EMPTY_PATH), 0);
	EXPECT(SYS(newfstatat, AT_FDCWD, upath(UPATH, ""), UBUF, 0), -ENOENT);
	EXPECT(SYS(newfstatat, AT_FDCWD, upath(UPATH, "f"), UBUF, 0x8000), -EINVAL);
	EXPECT(SYS(statx, AT_FDCWD, upath(UPATH, "f"), 0, STATX_BASIC_STATS, UBUF), 0);
	EXPECT(SYS(faccessat, AT_FDCWD, upath(UPATH, "f"), R_OK | W_OK), 0);
	EXPECT(SYS(faccessat, AT_FDCWD, upath(UPATH, "nope"), F_OK), -ENOENT);
	EXPECT(SYS(faccessat, AT_FDCWD, upath(UPATH, "f"), 8), -EINVAL);
	EXPECT(SYS(openat, AT_FDCWD, upath(UPATH, "l"), O_RDONLY | O_NOFOLLOW), -ELOOP);
	EXPECT(SYS(openat, AT_FDCWD, upath(UPATH, "f"), O_CREAT | O_EXCL | O_RDWR, 0600), -EEXIST);
	EXPECT(SYS(openat, AT_FDCWD, upath(UPATH, "f/"), O_RDONLY), -ENOTDIR);
	EXPECT(SYS(openat, AT_FDCWD, upath(UPATH, "nope"), O_RDONLY), -ENOENT);
	EXPECT(SYS(renameat2, AT_FDCWD, upath(UPATH, "f"), AT_FDCWD, upath(UPATH2, "g"), 0), 0);
	EXPECT(SYS(renameat2, AT_FDCWD, upath(UPATH, "g"), AT_FDCWD, upath(UPATH2, "l"), 1),
	       -EEXIST);
	EXPECT(SYS(mkdirat, AT_FDCWD, upath(UPATH, "d"), 0777), 0);
	EXPECT(SYS(mkdirat, AT_FDCWD, upath(UPATH, "d"), 0777), -EEXIST);
	EXPECT(SYS(unlinkat, AT_FDCWD, upath(UPATH, "d"), 0), -EISDIR);
	EXPECT(SYS(unlinkat, AT_FDCWD, upath(UPATH, "d"), 1), -EINVAL);
	EXPECT(SYS(linkat, AT_FDCWD, upath(UPATH, "g"), AT_FDCWD, upath(UPATH2, "d/h"), 0), 0);
	EXPECT(SYS(truncate, upath(UPATH, "d/h"), 3), 0);
	EXPECT(SYS(newfstatat, AT_FDCWD, upath(UPATH, "g"), UBUF, 0), 0);
	EXPECT(copy_from_user(&st, (void *)UBUF, sizeof(st)), 0);
	EXPECT(st.st_size * 10 + st.st_nlink, 32);
	EXPECT(SYS(unlinkat, AT_FDCWD, upath(UPATH, "d/h"), 0), 0);
	EXPECT(SYS(unlinkat, AT_FDCWD, upath(UPATH, "d"), AT_REMOVEDIR), 0);
	/* mknod: a regular file opens; a console node is the console; a fifo opens (O_RDWR never blocks) */
	EXPECT(SYS(mknodat, AT_FDCWD, upath(UPATH, "n"), S_IFREG | 0600, 0), 0);
	EXPECT(SYS(mknodat, AT_FDCWD, upath(UPATH, "c"), S_IFCHR | 0600, dev_to_user(MKDEV(5, 1))), 0);
	EXPECT(SYS(mknodat, AT_FDCWD, upath(UPATH, "p"), S_IFIFO | 0600, 0), 0);
	EXPECT(SYS(mknodat, AT_FDCWD, upath(UPATH, "x"), S_IFDIR | 0600, 0), -EPERM);   /* Linux */
	long nfd = SYS(openat, AT_FDCWD, upath(UPATH, "n"), O_RDWR);
	long cfd = SYS(openat, AT_FDCWD, upath(UPATH, "c"), O_RDWR);
	EXPECT(nfd >= 0 && cfd >= 0, 1);
	EXPECT(SYS(ioctl, cfd, TIOCGWINSZ, UBUF), 0);
	EXPECT(SYS(ioctl, nfd, TIOCGWINSZ, UBUF), -ENOTTY);
	long pfd = SYS(openat, AT_FDCWD, upath(UPATH, "p"), O_RDWR);
	EXPECT(pfd >= 0, 1);
	EXPECT(SYS(close, nfd) + SYS(close, cfd) + SYS(close, pfd), 0);
	EXPECT(SYS(unlinkat, AT_FDCWD, upath(UPATH, "n"), 0) + SYS(unlinkat, AT_FDCWD, upath(UPATH, "c"), 0) +
	       SYS(unlinkat, AT_FDCWD, upath(UPATH, "p"), 0), 0);
	return NULL;
}

static const char *cwd_calls(void)
{
	const char *why;
	char *longpath;

	EXPECT(SYS(getcwd, UBUF, 64), 7);
	if ((why = ubuf_is(UBUF, "/.ksys", 7)))
		return why;
	EXPECT(SYS(getcwd, UBUF, 3), -ERANGE);
	EXPECT(SYS(umask, 077), 022);
	EXPECT(SYS(umask, 022), 077);
	EXPECT(SYS(chdir, upath(UPATH, "g")), -ENOTDIR);
	EXPECT(SYS(chdir, upath(UPATH, "/nope")), -ENOENT);
	longpath = kmalloc(PATH_MAX, 0);
	if (!longpath)
		return "out of memory";
	memset(longpath, 'a', PATH_MAX);
	EXPECT(copy_to_user((void *)UBUF, longpath, PATH_MAX), 0);
	kfree(longpath);
	EXPECT(SYS(openat, AT_FDCWD, UBUF, O_RDONLY), -ENAMETOOLONG);
	EXPECT(SYS(openat, AT_FDCWD, UBUF + PATH_MAX - 300, O_RDONLY), -ENAMETOOLONG);
	return NULL;
}

static const char *at_calls(void)
{
	int dfd = (int)SYS(openat, AT_FDCWD, upath(UPATH, "/.ksys"), O_RDONLY | O_DIRECTORY);
	int ffd = (int)SYS(openat, AT_FDCWD, upath(UPATH, "/.ksys/g"), O_RDONLY);

	if (dfd < 0 || ffd < 0)
		return "open for *at";
	EXPECT(SYS(chdir, upath(UPATH, "/")), 0);
	EXPECT(SYS(newfstatat, dfd, upath(UPATH, "g"), UBUF, 0), 0);
	EXPECT(SYS(newfstatat, ffd, upath(UPATH, "g"), UBUF, 0), -ENOTDIR);
	EXPECT(SYS(newfstatat, 99, upath(UPATH, "g"), UBUF, 0), -EBADF);
	EXPECT(SYS(newfstatat, 99, upath(UPATH, "/.ksys/g"), UBUF, 0), 0);   /* absolute: dirfd unused */
	EXPECT(SYS(fchdir, dfd), 0);
	EXPECT(SYS(fchdir, ffd), -ENOTDIR);
	EXPECT(SYS(unlinkat, AT_FDCWD, upath(UPATH, "l"), 0), 0);
	EXPECT(SYS(unlinkat, dfd, upath(UPATH, "g"), 0), 0);
	EXPECT(SYS(close, dfd), 0);
	EXPECT(SYS(close, ffd), 0);
	return NULL;
}

/* mmap of a ramfs file "m" (4102 bytes: "0123456789", "XY" at 4100) on fd. */
static const char *mmap_file_calls(int fd)
{
	unsigned long ro, pv, sh, ev;
	struct mm_struct *child;
	const char *why;
	char c;

	ro = (unsigned long)SYS(mmap, 0, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
	pv = (unsigned long)SYS(mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	sh = (unsigned long)SYS(mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ev = (unsigned long)SYS(mmap, 0, 12288, PROT_READ, MAP_PRIVATE, fd, 0);
	if ((long)ro < 0 || (long)pv < 0 || (long)sh < 0 || (long)ev < 0)
		return ktest_fail("mmap of a file: %ld %ld %ld %ld", (long)ro, (long)pv, (long)sh, (long)ev);
	if ((why = ubuf_is(ro, "0123456789", 10)) || (why = ubuf_is(ro + 4100, "XY", 2)))
		return why;
	/* private write: the mapping's own copy, the file unchanged */
	EXPECT(copy_to_user((void *)pv, "zz", 2), 0);
	EXPECT(SYS(pread64, fd, UBUF, 4, 0), 4);
	if ((why = ubuf_is(UBUF, "0123", 4)) || (why = ubuf_is(pv, "zz23", 4)))
		return why;
	/* shared write: into the file's page, seen by read() */
	EXPECT(copy_to_user((void *)(sh + 1), "S", 1), 0);
	EXPECT(SYS(pread64, fd, UBUF, 4, 0), 4);
	if ((why = ubuf_is(UBUF, "0S23", 4)))
		return why;
	/* and write() lands in the shared mapping */
	EXPECT(SYS(pwrite64, fd, upath(UBUF, "W"), 1, 4101), 1);
	if ((why = ubuf_is(sh + 4100, "XW", 2)))
		return why;
	/* a page wholly beyond the end of the file: no page (Linux: SIGBUS) */
	EXPECT(copy_from_user(&c, (void *)(ev + 8192), 1) != 0, 1);
	/* fork: shared stays shared, private stays private */
	child = mm_dup(current->mm);
	if (IS_ERR(child))
		return "mm_dup";
	EXPECT(copy_to_mm(child, (void *)(sh + 2), "C", 1), 0);
	EXPECT(copy_to_mm(child, (void *)pv, "k", 1), 0);
	mm_put(child);
	if ((why = ubuf_is(sh, "0SC3", 4)) || (why = ubuf_is(pv, "zz23", 4)))
		return why;
	EXPECT(SYS(munmap, ro, 8192), 0);
	EXPECT(SYS(munmap, pv, 4096), 0);
	EXPECT(SYS(munmap, ev, 12288), 0);
	EXPECT(SYS(munmap, sh, 8192), 0);
	return NULL;
}

/* The access checks and errnos of file mmap, then mappings outliving the file. */
static const char *mmap_file_checks(void)
{
	unsigned long sh;
	const char *why;
	int fd, rfd, wfd, dfd;

	fd = (int)SYS(openat, AT_FDCWD, upath(UPATH, "/.ksys/m"), O_CREAT | O_RDWR, 0644);
	EXPECT(fd >= 0, 1);
	EXPECT(SYS(write, fd, upath(UBUF, "0123456789"), 10), 10);
	EXPECT(SYS(pwrite64, fd, upath(UBUF, "XY"), 2, 4100), 2);
	if ((why = mmap_file_calls(fd)))
		return why;
	rfd = (int)SYS(openat, AT_FDCWD, upath(UPATH, "/.ksys/m"), O_RDONLY);
	wfd = (int)SYS(openat, AT_FDCWD, upath(UPATH, "/.ksys/m"), O_WRONLY);
	dfd = (int)SYS(openat, AT_FDCWD, upath(UPATH, "/.ksys"), O_RDONLY | O_DIRECTORY);
	EXPECT(rfd >= 0 && wfd >= 0 && dfd >= 0, 1);
	EXPECT(SYS(mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, rfd, 0), -EACCES);
	EXPECT(SYS(mmap, 0, 4096, PROT_READ, MAP_PRIVATE, wfd, 0), -EACCES);
	EXPECT(SYS(mmap, 0, 4096, PROT_READ, MAP_PRIVATE, dfd, 0), -ENODEV);
	EXPECT(SYS(mmap, 0, 4096, PROT_READ, MAP_PRIVATE, 77, 0), -EBADF);
	EXPECT(SYS(mmap, 0, 4096, PROT_READ, MAP_PRIVATE, rfd, 100), -EINVAL);
	/* read-only shared: never writable, not even by mprotect */
	sh = (unsigned long)SYS(mmap, 0, 4096, PROT_READ, MAP_SHARED, rfd, 0);
	EXPECT((long)sh > 0, 1);
	EXPECT(SYS(mprotect, sh, 4096, PROT_READ | PROT_WRITE), -EACCES);
	EXPECT(SYS(munmap, sh, 4096), 0);
	/* private read-only fd mappings may be written (copy-on-write) */
	sh = (unsigned long)SYS(mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, rfd, 0);
	EXPECT((long)sh > 0, 1);
	EXPECT(SYS(munmap, sh, 4096), 0);
	EXPECT(SYS(close, rfd), 0);
	EXPECT(SYS(close, wfd), 0);
	EXPECT(SYS(close, dfd), 0);
	/* the mapping keeps the file alive after close and unlink */
	sh = (unsigned long)SYS(mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT(SYS(close, fd), 0);
	EXPECT(SYS(unlinkat, AT_FDCWD, upath(UPATH, "/.ksys/m"), 0), 0);
	if ((why = ubuf_is(sh, "0SC3", 4)))
		return why;
	EXPECT(SYS(munmap, sh, 4096), 0);
	return NULL;
}

static const char *run_sys_checks(void)
{
	const char *why;
	int fd;

	EXPECT(SYS(mkdirat, AT_FDCWD, upath(UPATH, "/.ksys"), 0755), 0);
	EXPECT(SYS(chdir, upath(UPATH, "/.ksys")), 0);
	fd = (int)SYS(openat, AT_FDCWD, upath(UPATH, "f"), O_CREAT | O_RDWR | O_CLOEXEC, 0666);
	EXPECT(fd, 3);
	if ((why = rw_calls(fd)) || (why = bad_pointers(fd)) || (why = fd_calls(fd)) ||
	    (why = console_calls(fd)) || (why = dir_calls("f", "f")))
		return why;
	EXPECT(SYS(close, fd), 0);
	if ((why = path_calls()) || (why = cwd_calls()) || (why = at_calls()) ||
	    (why = mmap_file_checks()))
		return why;
	EXPECT(SYS(chdir, upath(UPATH, "/")), 0);
	EXPECT(SYS(unlinkat, AT_FDCWD, upath(UPATH, "/.ksys"), AT_REMOVEDIR), 0);
	return NULL;
}

static int sys_task_fn(void *arg)
{
	struct mm_struct *mm = mm_create();

	if (!mm)
		return 1;
	current->files = files_create();
	current->fs = fs_create_root();
	if (!current->files || !current->fs || files_install_console(current->files)) {
		sys_result = "setup";
		user_task_exit(1);
	}
	unsigned long irq = local_irq_save();
	current->mm = mm;
	mm_switch(mm);
	local_irq_restore(irq);
	if (do_mmap(mm, UBASE, USIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		    NULL, 0) < 0) {
		sys_result = "mmap";
		user_task_exit(1);
	}
	sys_result = run_sys_checks();
	user_task_exit(sys_result ? 1 : 0);
}

KTEST(fs_syscalls)
{
	unsigned long inodes = ramfs_inode_count(), pages = ramfs_data_pages();
	long files = nr_open_files();
	struct task *t = kthread_create(sys_task_fn, NULL, "fstest");
	int code;

	if (IS_ERR(t))
		return "kthread_create";
	sys_result = "did not run";
	wake_up_new_task(t);
	code = kthread_join(t);
	if (code || sys_result)
		return sys_result ? sys_result : "failed";
	if (ramfs_inode_count() != inodes || ramfs_data_pages() != pages || nr_open_files() != files)
		return ktest_fail("leak: ramfs inodes %lu -> %lu, pages %lu -> %lu, files %ld -> %ld",
				  inodes, ramfs_inode_count(), pages, ramfs_data_pages(), files,
				  nr_open_files());
	return NULL;
}

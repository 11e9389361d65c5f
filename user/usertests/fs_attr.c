/*
 * usertests: attributes and permissions in the scratch directory --
 * newfstatat/fstat/statx fields, faccessat, fchmod(at), fchown(at),
 * utimensat, umask, statfs/fstatfs, owner/group/other bits and the sticky
 * bit as a non-root user (uid/gid UT_USER_ID).
 */
#include "usertests.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void need_root(void)
{
	if (geteuid() != 0)
		ut_host_skip("needs root");
}

UTEST(fs_stat_fields, 0, NULL)
{
	char buf[8192];
	struct stat st, st2;
	struct statx sx;
	int fd;

	ut_scratch_dir();
	memset(buf, 'b', sizeof(buf));
	ut_write_file("f", buf, sizeof(buf), 0640);
	CHECK_SYS(fstatat(AT_FDCWD, "f", &st, 0));
	CHECK_EQ(st.st_size, 8192);
	CHECK(st.st_blocks >= 16); /* 512-byte units */
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_uid, geteuid());
	CHECK(st.st_blksize > 0);
	CHECK_SYS(link("f", "g"));
	CHECK_SYS(stat("f", &st2));
	CHECK_EQ(st2.st_nlink, 2);
	CHECK_SYS(unlink("g"));
	CHECK_SYS(stat("f", &st2));
	CHECK_EQ(st2.st_nlink, 1);
	/* AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH */
	CHECK_SYS(symlink("f", "s"));
	CHECK_SYS(fstatat(AT_FDCWD, "s", &st2, AT_SYMLINK_NOFOLLOW));
	CHECK(S_ISLNK(st2.st_mode));
	CHECK_EQ(st2.st_size, 1);
	CHECK_SYS(fstatat(AT_FDCWD, "s", &st2, 0));
	CHECK_EQ(st2.st_ino, st.st_ino);
	fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_SYS(fstatat(fd, "", &st2, AT_EMPTY_PATH));
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK_ERR(fstatat(fd, "x", &st2, 0), ENOTDIR);
	CHECK_ERR(fstatat(AT_FDCWD, "f", &st2, 0x4000000), EINVAL);
	CHECK_ERR(fstat(fd, ut_ptr(8)), EFAULT);
	/* statx agrees */
	CHECK_SYS(statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx));
	CHECK_EQ(sx.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	CHECK_EQ(sx.stx_ino, st.st_ino);
	CHECK_EQ(sx.stx_size, 8192);
	CHECK_EQ(sx.stx_nlink, 1);
	CHECK_EQ(sx.stx_mode, st.st_mode);
	CHECK_EQ(sx.stx_mtime.tv_sec, st.st_mtim.tv_sec);
	CHECK_EQ(sx.stx_mtime.tv_nsec, st.st_mtim.tv_nsec);
	CHECK_SYS(statx(AT_FDCWD, "s", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx));
	CHECK(S_ISLNK(sx.stx_mode));
	CHECK_ERR(statx(AT_FDCWD, "f", 0, 0x80000000U, &sx), EINVAL); /* STATX__RESERVED */
	CHECK_SYS(close(fd));
}

/* Times: set old ones, then see which ones an operation moves. */
UTEST(fs_stat_times, 0, NULL)
{
	struct timespec old[2] = { { 1000, 0 }, { 2000, 0 } };
	struct stat st;
	time_t now = time(NULL);
	int fd;

	ut_scratch_dir();
	ut_write_file("f", "x", 1, 0644);
	CHECK_SYS(utimensat(AT_FDCWD, "f", old, 0));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	CHECK_EQ(st.st_mtim.tv_sec, 2000);
	CHECK(st.st_ctim.tv_sec >= now - 5); /* utimensat moves ctime */
	/* write moves mtime and ctime, not atime */
	fd = (int)CHECK_SYS(open("f", O_WRONLY));
	CHECK_EQ(write(fd, "y", 1), 1);
	CHECK_SYS(close(fd));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	CHECK(st.st_mtim.tv_sec >= now - 5);
	/* chmod moves ctime only */
	CHECK_SYS(utimensat(AT_FDCWD, "f", old, 0));
	CHECK_SYS(chmod("f", 0600));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_mtim.tv_sec, 2000);
	CHECK(st.st_ctim.tv_sec >= now - 5);
	/* creating an entry moves the directory's mtime */
	CHECK_SYS(utimensat(AT_FDCWD, ".", old, 0));
	ut_write_file("g", "", 0, 0644);
	CHECK_SYS(stat(".", &st));
	CHECK(st.st_mtim.tv_sec >= now - 5);
}

UTEST(fs_utimensat, 0, NULL)
{
	struct timespec t[2];
	struct stat st, lst;
	time_t now = time(NULL);

	ut_scratch_dir();
	ut_write_file("f", "x", 1, 0644);
	t[0] = (struct timespec){ 1000, 5 };
	t[1] = (struct timespec){ 2000, 7 };
	CHECK_SYS(utimensat(AT_FDCWD, "f", t, 0));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	CHECK_EQ(st.st_mtim.tv_sec, 2000);
	t[0].tv_nsec = UTIME_OMIT;
	t[1].tv_nsec = UTIME_NOW;
	CHECK_SYS(utimensat(AT_FDCWD, "f", t, 0));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	CHECK(st.st_mtim.tv_sec >= now - 5);
	CHECK_SYS(utimensat(AT_FDCWD, "f", NULL, 0)); /* both now */
	CHECK_SYS(stat("f", &st));
	CHECK(st.st_atim.tv_sec >= now - 5);
	t[0] = (struct timespec){ 0, 1000000000 };
	CHECK_ERR(utimensat(AT_FDCWD, "f", t, 0), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "missing", NULL, 0), ENOENT);
	/* AT_SYMLINK_NOFOLLOW sets the link's times, not the target's */
	CHECK_SYS(symlink("f", "s"));
	t[0] = (struct timespec){ 3000, 0 };
	t[1] = (struct timespec){ 4000, 0 };
	CHECK_SYS(utimensat(AT_FDCWD, "s", t, AT_SYMLINK_NOFOLLOW));
	CHECK_SYS(lstat("s", &lst));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(lst.st_mtim.tv_sec, 4000);
	CHECK(st.st_mtim.tv_sec != 4000);
	/* futimens form */
	int fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_SYS(futimens(fd, t));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_mtim.tv_sec, 4000);
	CHECK_SYS(close(fd));
}

static void access_user(void *arg)
{
	(void)arg;
	ut_write_file("u/mine", "m", 1, 0600);
	CHECK_SYS(chdir("u"));
	CHECK_SYS(faccessat(AT_FDCWD, "mine", R_OK | W_OK, 0));
	CHECK_SYS(chdir(".."));
	CHECK_SYS(faccessat(AT_FDCWD, "u/mine", R_OK | W_OK, 0));
	CHECK_ERR(faccessat(AT_FDCWD, "u/mine", X_OK, 0), EACCES);
	CHECK_ERR(faccessat(AT_FDCWD, "rootfile", W_OK, 0), EACCES);
	CHECK_SYS(faccessat(AT_FDCWD, "rootfile", R_OK, 0));
	CHECK_SYS(faccessat(AT_FDCWD, "rootexec", X_OK, 0));
	CHECK_ERR(faccessat(AT_FDCWD, "rootsecret", R_OK, 0), EACCES);
	CHECK_SYS(faccessat(AT_FDCWD, "rootsecret", F_OK, 0));
	CHECK_ERR(faccessat(AT_FDCWD, "missing", F_OK, 0), ENOENT);
}

UTEST(fs_faccessat, 0, NULL)
{
	need_root();
	ut_scratch_dir();
	ut_write_file("rootfile", "r", 1, 0644);
	ut_write_file("rootexec", "r", 1, 0755);
	ut_write_file("rootsecret", "r", 1, 0600);
	/* root: everything but X_OK on a file with no x bit */
	CHECK_SYS(faccessat(AT_FDCWD, "rootsecret", R_OK | W_OK, 0));
	CHECK_ERR(faccessat(AT_FDCWD, "rootsecret", X_OK, 0), EACCES);
	CHECK_SYS(faccessat(AT_FDCWD, "rootexec", X_OK, 0));
	CHECK_ERR(faccessat(AT_FDCWD, "rootfile", 0x10, 0), EINVAL);
	umask(0);
	CHECK_SYS(mkdir("u", 0777));
	ut_run_as_user(access_user, NULL);
}

static void chmod_user(void *arg)
{
	(void)arg;
	CHECK_ERR(chmod("rootfile", 0777), EPERM);
	CHECK_SYS(chmod("mine", 0640));
	CHECK_ERR(chown("mine", 0, -1), EPERM);
	CHECK_ERR(chown("mine", -1, 0), EPERM); /* not one of our groups */
	CHECK_SYS(chown("mine", UT_USER_ID, UT_USER_ID)); /* no change: allowed */
	CHECK_SYS(chown("mine", -1, -1));
	CHECK_ERR(chown("rootfile", UT_USER_ID, -1), EPERM);
}

UTEST(fs_chmod_chown, 0, NULL)
{
	struct stat st;
	int fd;

	need_root();
	ut_scratch_dir();
	ut_write_file("rootfile", "r", 1, 0644);
	fd = (int)CHECK_SYS(open("rootfile", O_RDONLY));
	CHECK_SYS(fchmod(fd, 0600));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_SYS(fchmodat(AT_FDCWD, "rootfile", 01755, 0));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 07777, 01755);
	CHECK(S_ISREG(st.st_mode));
	CHECK_SYS(fchmod(fd, 0644));
	ut_write_file("mine", "m", 1, 0600);
	CHECK_SYS(fchownat(AT_FDCWD, "mine", UT_USER_ID, UT_USER_ID, 0));
	CHECK_SYS(stat("mine", &st));
	CHECK_EQ(st.st_uid, UT_USER_ID);
	CHECK_EQ(st.st_gid, UT_USER_ID);
	CHECK_SYS(fchown(fd, -1, UT_USER_ID)); /* the group only */
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_uid, 0);
	CHECK_EQ(st.st_gid, UT_USER_ID);
	CHECK_SYS(fchown(fd, 0, 0));
	/* AT_SYMLINK_NOFOLLOW changes the link, not its target */
	CHECK_SYS(symlink("rootfile", "s"));
	CHECK_SYS(fchownat(AT_FDCWD, "s", UT_USER_ID, -1, AT_SYMLINK_NOFOLLOW));
	CHECK_SYS(lstat("s", &st));
	CHECK_EQ(st.st_uid, UT_USER_ID);
	CHECK_SYS(stat("s", &st));
	CHECK_EQ(st.st_uid, 0);
	CHECK_ERR(fchmod(-1, 0644), EBADF);
	CHECK_ERR(fchmodat(AT_FDCWD, "missing", 0644, 0), ENOENT);
	CHECK_SYS(close(fd));
	ut_run_as_user(chmod_user, NULL);
}

UTEST(fs_umask, 0, NULL)
{
	struct stat st;

	ut_scratch_dir();
	umask(027);
	CHECK_EQ(umask(077), 027);
	CHECK_EQ(umask(0777 | 01000), 077); /* only the permission bits are kept */
	CHECK_EQ(umask(022), 0777);
	umask(077);
	ut_write_file("f", "", 0, 0666);
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_SYS(mkdir("d", 0777));
	CHECK_SYS(stat("d", &st));
	CHECK_EQ(st.st_mode & 07777, 0700);
	umask(0);
	CHECK_SYS(mkdir("e", 0777));
	CHECK_SYS(stat("e", &st));
	CHECK_EQ(st.st_mode & 07777, 0777);
}

UTEST(fs_statfs, 0, NULL)
{
	struct statfs a, b;
	int fd;

	ut_scratch_dir();
	CHECK_SYS(statfs(".", &a));
	CHECK(a.f_bsize > 0);
	CHECK_EQ(a.f_namelen, 255);
	CHECK(a.f_blocks >= a.f_bfree && a.f_bfree >= a.f_bavail);
	fd = (int)CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(fstatfs(fd, &b));
	CHECK_EQ(b.f_type, a.f_type);
	CHECK_EQ(b.f_bsize, a.f_bsize);
	CHECK_SYS(close(fd));
	CHECK_ERR(statfs("missing", &a), ENOENT);
	CHECK_ERR(fstatfs(-1, &a), EBADF);
	CHECK_ERR(statfs(".", ut_ptr(8)), EFAULT);
}

static void group_user(void *arg)
{
	(void)arg;
	CHECK_SYS(close((int)CHECK_SYS(open("grp_040", O_RDONLY))));
	CHECK_ERR(open("grp_004", O_RDONLY), EACCES); /* group class, no group bit */
	CHECK_ERR(open("grp_040", O_WRONLY), EACCES);
}

UTEST(fs_perm_group, 0, NULL)
{
	need_root();
	ut_scratch_dir();
	umask(0);
	ut_write_file("grp_040", "g", 1, 0040);
	ut_write_file("grp_004", "g", 1, 0004);
	CHECK_SYS(chown("grp_040", 0, UT_USER_ID));
	CHECK_SYS(chown("grp_004", 0, UT_USER_ID));
	ut_run_as_user(group_user, NULL);
}

static void owner_sticky_user(void *arg)
{
	(void)arg;
	/* the owner class decides for the owner, even when group would allow */
	ut_write_file("u/own_070", "o", 1, 0070);
	CHECK_ERR(open("u/own_070", O_RDONLY), EACCES);
	CHECK_SYS(close((int)CHECK_SYS(open("oth_004", O_RDONLY))));
	CHECK_ERR(open("oth_004", O_WRONLY), EACCES);
	CHECK_ERR(open("oth_000", O_RDONLY), EACCES);
	/* sticky directory: our own files go, root's do not */
	ut_write_file("sticky/mine", "m", 1, 0644);
	CHECK_ERR(unlink("sticky/roots"), EPERM);
	CHECK_ERR(rename("sticky/roots", "sticky/moved"), EPERM);
	CHECK_ERR(rename("sticky/mine", "sticky/roots"), EPERM);
	CHECK_SYS(rename("sticky/mine", "sticky/mine2"));
	CHECK_SYS(unlink("sticky/mine2"));
	/* a plain directory writable by us: root's files go too */
	CHECK_SYS(unlink("u/roots"));
}

UTEST(fs_perm_owner_sticky, 0, NULL)
{
	struct stat st;

	need_root();
	ut_scratch_dir();
	umask(0);
	ut_write_file("oth_004", "x", 1, 0004);
	ut_write_file("oth_000", "x", 1, 0);
	CHECK_SYS(mkdir("sticky", 01777));
	CHECK_SYS(stat("sticky", &st));
	CHECK_EQ(st.st_mode & 07777, 01777);
	ut_write_file("sticky/roots", "r", 1, 0666);
	CHECK_SYS(mkdir("u", 0777));
	ut_write_file("u/roots", "r", 1, 0644);
	ut_run_as_user(owner_sticky_user, NULL);
}

UTEST(fs_stat_empty_path, 0, NULL)
{
	struct stat st;
	int fd;

	ut_scratch_dir();
	ut_write_file("f", "x", 1, 0644);
	fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_ERR(fstatat(fd, "", &st, 0), ENOENT);
	CHECK_ERR(fstatat(AT_FDCWD, "", &st, 0), ENOENT);
	CHECK_SYS(close(fd));
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	CHECK_SYS(lstat(path, &st));
	return st.st_mode & 07777;
}

static void attr_errors_user(void *arg)
{
	struct timespec t[2] = { { 5000, 0 }, { 6000, 0 } };
	struct timespec nows[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };

	(void)arg;
	/* touching needs write permission (or ownership); set times, ownership */
	CHECK_SYS(utimensat(AT_FDCWD, "rw", NULL, 0));
	CHECK_SYS(utimensat(AT_FDCWD, "rw", nows, 0));
	CHECK_ERR(utimensat(AT_FDCWD, "rw", now_omit, 0), EPERM);
	CHECK_ERR(utimensat(AT_FDCWD, "rw", t, 0), EPERM);
	CHECK_ERR(utimensat(AT_FDCWD, "ro", NULL, 0), EACCES);
	CHECK_ERR(utimensat(AT_FDCWD, "ro", t, 0), EPERM);
	ut_write_file("u/mine", "m", 1, 0644);
	CHECK_SYS(utimensat(AT_FDCWD, "u/mine", t, 0));
	/* a non-member's chmod drops S_ISGID; a chown drops S_ISUID */
	CHECK_SYS(chmod("u/gid0", 02755));
	CHECK_EQ(mode_of("u/gid0"), 0755);
	CHECK_SYS(chmod("u/mine", 06755));
	CHECK_EQ(mode_of("u/mine"), 06755);
	CHECK_SYS(chown("u/mine", -1, -1));
	CHECK_EQ(mode_of("u/mine"), 0755);
	CHECK_ERR(chmod("rw", 0600), EPERM);
	CHECK_SYS(chown("rw", -1, -1)); /* Linux: no id changes, no ownership check */
	CHECK_ERR(fchownat(AT_FDCWD, "u/mine", -1, 0, 0), EPERM);
}

UTEST(fs_attr_errors, 0, NULL)
{
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	struct timespec bad[2] = { { 0, -1 }, { 0, 0 } };
	int fd, pfd;

	need_root();
	ut_scratch_dir();
	umask(0);
	ut_write_file("f", "x", 1, 0644);
	/* chown clears set-id bits of files (S_ISGID only with group execute), not of directories */
	CHECK_SYS(chmod("f", 06755));
	CHECK_SYS(chown("f", -1, -1));
	CHECK_EQ(mode_of("f"), 0755);
	CHECK_SYS(chmod("f", 02745));
	CHECK_SYS(chown("f", 0, 0));
	CHECK_EQ(mode_of("f"), 02745);
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(chmod("d", 06755));
	CHECK_SYS(chown("d", -1, -1));
	CHECK_EQ(mode_of("d"), 06755);
	/* errors of the path and descriptor forms */
	CHECK_ERR(fchown(-1, 0, 0), EBADF);
	CHECK_ERR(fchmodat(AT_FDCWD, "", 0644, 0), ENOENT);
	CHECK_ERR(chmod("f/x", 0644), ENOTDIR);
	CHECK_ERR(chown("missing/x", 0, 0), ENOENT);
	CHECK_SYS(symlink("loop", "loop"));
	CHECK_ERR(chmod("loop", 0644), ELOOP);
	CHECK_ERR(fchownat(AT_FDCWD, "f", 0, 0, 0x8000), EINVAL);
	fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_SYS(fchownat(fd, "", 0, 0, AT_EMPTY_PATH));
	CHECK_ERR(fchownat(fd, "", 0, 0, 0), ENOENT);
	pfd = (int)CHECK_SYS(open("f", O_PATH));
	CHECK_ERR(fchmod(pfd, 0644), EBADF);
	CHECK_ERR(fchown(pfd, 0, 0), EBADF);
	CHECK_SYS(fchownat(pfd, "", 0, 0, AT_EMPTY_PATH));
	CHECK_SYS(close(pfd));
	/* utimensat: both UTIME_OMIT is done before anything is checked */
	CHECK_SYS(utimensat(AT_FDCWD, "missing", omit, 0x8000));
	CHECK_ERR(utimensat(AT_FDCWD, "missing", bad, 0), ENOENT);
	CHECK_ERR(utimensat(AT_FDCWD, "f", bad, 0), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "f", NULL, 0x8000), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "", NULL, 0), ENOENT);
	CHECK_SYS(utimensat(fd, "", NULL, AT_EMPTY_PATH));
	/* faccessat2 with AT_EMPTY_PATH checks dirfd itself */
	CHECK_SYS(chmod("f", 0644));
	CHECK_SYS(syscall(SYS_faccessat2, fd, "", R_OK | W_OK, AT_EMPTY_PATH));
	CHECK_ERR(syscall(SYS_faccessat2, fd, "", X_OK, AT_EMPTY_PATH), EACCES);
	CHECK_ERR(syscall(SYS_faccessat2, fd, "", R_OK, 0), ENOENT);
	CHECK_ERR(syscall(SYS_faccessat2, -1, "", R_OK, AT_EMPTY_PATH), EBADF);
	CHECK_ERR(syscall(SYS_utimensat, fd, NULL, NULL, AT_SYMLINK_NOFOLLOW), EINVAL);
	CHECK_ERR(syscall(SYS_utimensat, -1, NULL, NULL, 0), EBADF);
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, NULL, NULL, 0), EFAULT);
	CHECK_SYS(syscall(SYS_utimensat, fd, NULL, NULL, 0));
	CHECK_SYS(close(fd));
	/* as a user */
	ut_write_file("rw", "r", 1, 0666);
	ut_write_file("ro", "r", 1, 0644);
	CHECK_SYS(mkdir("u", 0777));
	ut_write_file("u/gid0", "g", 1, 0644);
	CHECK_SYS(chown("u/gid0", UT_USER_ID, 0));
	ut_run_as_user(attr_errors_user, NULL);
}

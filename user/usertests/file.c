/*
 * usertests: files on the initramfs -- open/read an ELF, fstat/stat,
 * getdents64 of /bin, lseek, dup/dup2/dup3/fcntl and close-on-exec, create
 * + write + read back + unlink in /tmp, the descriptor limit (EMFILE), and
 * mmap of files (private copy-on-write, shared writes seen by read()).
 */
#include "usertests.h"

#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int open_ok(const char *path, int flags, mode_t mode)
{
	int fd = open(path, flags, mode);

	if (fd < 0)
		FAIL("open(%s, 0x%x): %s", path, flags, ulib_errname(errno));
	return fd;
}

UTEST(file_elf_magic, 0, NULL)
{
	int fd = open_ok(ut_path("/bin/usertests"), O_RDONLY, 0);
	Elf64_Ehdr eh;

	CHECK_EQ(read(fd, &eh, sizeof(eh)), sizeof(eh));
	CHECK(memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0);
	CHECK_EQ(eh.e_ident[EI_CLASS], ELFCLASS64);
	CHECK_EQ(eh.e_machine, EM_RISCV);
	CHECK(eh.e_type == ET_EXEC || eh.e_type == ET_DYN);
	CHECK_SYS(close(fd));
	CHECK_ERR(close(fd), EBADF);
	CHECK_ERR(read(fd, &eh, 1), EBADF);
}

UTEST(file_stat, 0, NULL)
{
	char buf[4096];
	struct stat st, st2;
	off_t total = 0;
	ssize_t n;
	int fd = open_ok(ut_path("/bin/echoargs"), O_RDONLY, 0);

	CHECK_SYS(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0755);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	CHECK_EQ(n, 0);
	CHECK_EQ(st.st_size, total);
	CHECK_EQ(lseek(fd, 0, SEEK_END), total);
	CHECK_SYS(stat(ut_path("/bin/echoargs"), &st2));
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK_EQ(st2.st_dev, st.st_dev);
	CHECK_EQ(st2.st_size, st.st_size);
	close(fd);

	CHECK_SYS(stat(ut_path("/bin/noexec"), &st));
	CHECK_EQ(st.st_mode & 07777, 0644);
	CHECK_SYS(stat(ut_path("/bin"), &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_SYS(stat(ut_path("/tmp"), &st));
	CHECK_EQ(st.st_mode & 07777, 01777);
	CHECK_SYS(lstat(ut_path("/bin/echolink"), &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_SYS(stat(ut_path("/bin/echolink"), &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_ERR(stat(ut_path("/bin/no-such-file"), &st), ENOENT);
	CHECK_ERR(stat(ut_path("/bin/hello/x"), &st), ENOTDIR);
	CHECK_ERR(fstat(-1, &st), EBADF);
}

static const char *type_name(unsigned char t)
{
	return t == DT_REG ? "reg" : t == DT_DIR ? "dir" : t == DT_LNK ? "lnk" : "other";
}

UTEST(file_getdents, 0, NULL)
{
	static const struct {
		const char *name;
		unsigned char type;
	} want[] = { { ".", DT_DIR },       { "..", DT_DIR },      { "usertests", DT_REG },
		     { "exitcode", DT_REG }, { "echoargs", DT_REG }, { "true", DT_REG },
		     { "t.sh", DT_REG },     { "echolink", DT_LNK } };
	int found[sizeof(want) / sizeof(want[0])] = { 0 };
	char buf[1024];
	long n;
	int fd = open_ok(ut_path("/bin"), O_RDONLY | O_DIRECTORY, 0);

	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			CHECK(d->d_reclen > 0 && off + d->d_reclen <= n);
			for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
				if (strcmp(d->d_name, want[i].name) != 0)
					continue;
				if (d->d_type != want[i].type)
					FAIL("/bin/%s has d_type %s, expected %s", d->d_name,
					     type_name(d->d_type), type_name(want[i].type));
				found[i]++;
			}
			off += d->d_reclen;
		}
	}
	CHECK_EQ(n, 0);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (found[i] != 1)
			FAIL("getdents64 of /bin listed '%s' %d times", want[i].name, found[i]);
	/* After the end: 0 again; rewound: entries again. */
	CHECK_EQ(syscall(SYS_getdents64, fd, buf, sizeof(buf)), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK(syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, 8), EINVAL); /* too small for one entry */
	close(fd);
	fd = open_ok(ut_path("/bin/true"), O_RDONLY, 0);
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	close(fd);
	CHECK_ERR(open(ut_path("/bin/true"), O_RDONLY | O_DIRECTORY), ENOTDIR);
}

UTEST(file_lseek, 0, NULL)
{
	size_t len;
	char *all = ut_read_file(ut_path("/bin/hello"), &len);
	char buf[64];
	int fd = open_ok(ut_path("/bin/hello"), O_RDONLY, 0);

	CHECK(len > 1000);
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
	CHECK_EQ(read(fd, buf, 64), 64);
	CHECK(memcmp(buf, all + 100, 64) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 164);
	CHECK_EQ(lseek(fd, -64, SEEK_CUR), 100);
	CHECK_EQ(lseek(fd, -10, SEEK_END), (off_t)len - 10);
	CHECK_EQ(read(fd, buf, 64), 10);
	CHECK(memcmp(buf, all + len - 10, 10) == 0);
	CHECK_EQ(read(fd, buf, 64), 0);
	CHECK_EQ(lseek(fd, (off_t)len + 5000, SEEK_SET), (off_t)len + 5000); /* past the end */
	CHECK_EQ(read(fd, buf, 64), 0);
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR(lseek(fd, -(off_t)len - 1, SEEK_END), EINVAL);
	CHECK_ERR(lseek(fd, 0, 77), EINVAL);
	CHECK_EQ(pread(fd, buf, 16, 200), 16);
	CHECK(memcmp(buf, all + 200, 16) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), (off_t)len + 5000); /* pread moved nothing */
	close(fd);
	CHECK_ERR(lseek(fd, 0, SEEK_SET), EBADF);
	free(all);
}

UTEST(file_dup_fcntl, 0, NULL)
{
	int fd = open_ok(ut_path("/bin/hello"), O_RDONLY, 0);
	int d, d2, low;
	char c;

	/* dup takes the lowest free descriptor. */
	low = dup(fd);
	CHECK(low >= 0);
	close(low);
	d = (int)CHECK_SYS(dup(fd));
	CHECK_EQ(d, low);
	CHECK_EQ(fcntl(d, F_GETFD), 0); /* dup clears close-on-exec */
	/* Duplicates share the file offset. */
	CHECK_EQ(lseek(fd, 10, SEEK_SET), 10);
	CHECK_EQ(lseek(d, 0, SEEK_CUR), 10);
	CHECK_EQ(read(d, &c, 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 11);

	CHECK_EQ(dup2(fd, 100), 100);
	CHECK_EQ(fcntl(100, F_GETFD), 0);
	CHECK_EQ(dup2(fd, fd), fd); /* dup2 onto itself: fine */
	CHECK_ERR(dup3(fd, fd, O_CLOEXEC), EINVAL);
	CHECK_ERR(dup3(fd, 101, O_RDWR), EINVAL);
	CHECK_EQ(dup3(fd, 101, O_CLOEXEC), 101);
	CHECK_EQ(fcntl(101, F_GETFD), FD_CLOEXEC);
	CHECK_SYS(fcntl(101, F_SETFD, 0));
	CHECK_EQ(fcntl(101, F_GETFD), 0);
	d2 = (int)CHECK_SYS(fcntl(fd, F_DUPFD_CLOEXEC, 50));
	CHECK(d2 >= 50);
	CHECK_EQ(fcntl(d2, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd, F_DUPFD, 100), 102); /* 100 and 101 are taken */
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_ERR(dup2(fd, -1), EBADF);
	CHECK_ERR(dup(-1), EBADF);
	CHECK_ERR(fcntl(-1, F_GETFD), EBADF);
	CHECK_ERR(fcntl(fd, 12345), EINVAL);
	for (int x = 100; x <= 102; x++)
		CHECK_SYS(close(x));
	close(d2);
	close(d);
	close(fd);
}

/* Is fd in echoargs' "fds=a,b,c" line? */
static int fd_listed(const char *text, int fd)
{
	const char *p = strstr(text, "\nfds=");

	if (!p)
		FAIL("no fds= line in echoargs' output '%.200s'", text);
	for (p += 5; *p && *p != '\n';) {
		char *end;
		long n = strtol(p, &end, 10);

		if (end == p)
			break;
		if (n == fd)
			return 1;
		p = *end == ',' ? end + 1 : end;
	}
	return 0;
}

UTEST(file_cloexec_exec, UT_EXEC, NULL)
{
	char *argv[] = { "echoargs", NULL }, *envp[] = { NULL };
	char out[512], *text;
	int keep = open_ok(ut_path("/bin/hello"), O_RDONLY, 0);
	int gone = open_ok(ut_path("/bin/hello"), O_RDONLY | O_CLOEXEC, 0);
	int status;

	snprintf(out, sizeof(out), "%s", ut_path("/tmp/ut-cloexec.out"));
	status = ut_spawn(ut_path("/bin/echoargs"), argv, envp, out);
	if (status != 0)
		FAIL("echoargs: wait status 0x%x", status);
	text = ut_read_file(out, NULL);
	unlink(out);
	if (!fd_listed(text, keep))
		FAIL("fd %d (no O_CLOEXEC) was closed by exec", keep);
	if (fd_listed(text, gone))
		FAIL("fd %d (O_CLOEXEC) survived exec", gone);
	free(text);
}

UTEST(file_create_rw, 0, NULL)
{
	char path[512], buf[10000], back[10000];
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "%s/ut-file-%d", ut_path("/tmp"), getpid());
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7 + 3);
	fd = open_ok(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK_EQ(write(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, sizeof(buf));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, back, sizeof(back)), sizeof(back));
	CHECK(memcmp(buf, back, sizeof(buf)) == 0);
	CHECK_ERR(open(path, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	close(fd);

	/* O_APPEND writes at the end, O_TRUNC empties. */
	fd = open_ok(path, O_WRONLY | O_APPEND, 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "xyz", 3), 3);
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, sizeof(buf) + 3);
	CHECK_ERR(read(fd, back, 1), EBADF); /* write-only */
	close(fd);
	fd = open_ok(path, O_RDONLY, 0);
	CHECK_ERR(write(fd, "x", 1), EBADF); /* read-only */
	CHECK_EQ(pread(fd, back, 3, sizeof(buf)), 3);
	CHECK(memcmp(back, "xyz", 3) == 0);
	close(fd);
	fd = open_ok(path, O_RDWR | O_TRUNC, 0);
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
	close(fd);

	CHECK_SYS(unlink(path));
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
	CHECK_ERR(unlink(path), ENOENT);
	CHECK_ERR(open(ut_path("/bin"), O_WRONLY), EISDIR);
	memset(buf, 'n', 300);
	buf[300] = 0;
	CHECK_ERR(open(ut_path(buf), O_RDONLY), ENAMETOOLONG);
}

UTEST(file_emfile, 0, NULL)
{
	struct rlimit r;
	int opened = 0, free_below = 0, fd;
	rlim_t limit;

	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &r));
	if (r.rlim_cur > 4096) { /* a host with a huge limit: use Linux's default */
		r.rlim_cur = 1024;
		CHECK_SYS(setrlimit(RLIMIT_NOFILE, &r));
	}
	limit = r.rlim_cur;
	for (fd = 0; fd < (int)limit; fd++)
		free_below += fcntl(fd, F_GETFD) < 0;
	while ((fd = open(ut_path("/bin/true"), O_RDONLY)) >= 0) {
		if ((rlim_t)fd >= limit)
			FAIL("open returned fd %d, at or above RLIMIT_NOFILE %llu", fd,
			     (unsigned long long)limit);
		opened++;
	}
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(opened, free_below);
	/* Closing one makes room for exactly one, at that number. */
	CHECK_SYS(close((int)limit - 1));
	CHECK_EQ(open(ut_path("/bin/true"), O_RDONLY), (int)limit - 1);
	CHECK_ERR(open(ut_path("/bin/true"), O_RDONLY), EMFILE);
	ut_note("%d descriptors opened before EMFILE (limit %llu)", opened,
		(unsigned long long)limit);
}

UTEST(file_mmap, 0, NULL)
{
	static char back[3 * 4096];
	char path[512];
	unsigned char *p, *q;
	struct stat st;
	size_t len;
	int fd;

	/* a program from /bin, mapped privately, matches read() */
	fd = open_ok(ut_path("/bin/usertests"), O_RDONLY, 0);
	CHECK_SYS(fstat(fd, &st));
	len = (size_t)st.st_size < sizeof(back) ? (size_t)st.st_size : sizeof(back);
	CHECK_EQ(pread(fd, back, len, 0), (ssize_t)len);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK(memcmp(p, back, len) == 0);
	/* a private write is the mapping's own: the file is unchanged */
	p[1] ^= 0xff;
	CHECK_EQ(pread(fd, back, 4, 0), 4);
	CHECK(memcmp(back, ELFMAG, 4) == 0);
	CHECK_EQ(p[1], (unsigned char)(ELFMAG[1] ^ 0xff));
	CHECK_SYS(munmap(p, len));
	CHECK_ERR(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EACCES);
	close(fd);
	CHECK_ERR(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0), EBADF);

	/* a shared write on a /tmp file is seen by read(); write() by the mapping */
	snprintf(path, sizeof(path), "%s/ut-mmap-%d", ut_path("/tmp"), getpid());
	fd = open_ok(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	memset(back, 'a', 8192);
	CHECK_EQ(write(fd, back, 8192), 8192);
	q = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(q != MAP_FAILED);
	memcpy(q + 4095, "shared", 6);
	CHECK_EQ(pread(fd, back, 6, 4095), 6);
	CHECK(memcmp(back, "shared", 6) == 0);
	CHECK_EQ(pwrite(fd, "W", 1, 0), 1);
	CHECK_EQ(q[0], 'W');
	CHECK_SYS(munmap(q, 8192));
	close(fd);
	CHECK_SYS(unlink(path));
}

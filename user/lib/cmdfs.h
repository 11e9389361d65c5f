/*
 * cmdfs: helpers shared by the file and text commands of /bin (user/cmd/).
 *
 * Ordinary C over glibc; every command stays one readable file and calls
 * these for the parts they all need:
 *
 *   cmd_warn(fmt, ...)        "prog: <fmt>: strerror(errno)" on stderr
 *   cmd_warnx(fmt, ...)       "prog: <fmt>" on stderr (no errno text)
 *   cmd_usage(text)           "usage: text" on stderr, exit(2)
 *   cmd_read(fd, buf, n)      read(2) that resumes after EINTR
 *   cmd_write_all(fd, buf, n) write(2) until done (short writes, EINTR)
 *   cmd_copy_fd(in, out)      stream in to out in 64 KiB chunks
 *   cmd_open_in(path)         open for reading; "-" is stdin
 *   cmd_mode_string(m, buf)   "-rwxr-xr-x" (11 bytes with the NUL)
 *   cmd_human(n, buf)         GNU -h sizes: 999, 1.0K, 12K, 1.5M, ...
 *   cmd_join(dir, name)       malloc'd "dir/name" (no doubled '/')
 *   cmd_stream_byte(s)        the operands as one byte stream (od, hexdump)
 *   cmd_to_target(...)        cp/mv/ln's SOURCE... TARGET: into a directory or onto a name
 *   cmd_user_name(uid)        name from /etc/passwd, else the number
 *   cmd_group_name(gid)       name from /etc/group, else the number
 *   cmd_format_time(t, buf)   ls -l's "Nov 22 08:49" / "Nov 22  2025"
 *   cmd_walk(path, ...)       depth-first tree walk (rm -r, cp -r, find, du)
 *   cmd_copy_file(src, dst)   copy a regular file, mode kept
 *   cmd_copy_tree(src, dst)   cp -r: a file, symlink, device or whole tree
 *   cmd_remove_tree(path)     rm -r of one operand (no symlink followed)
 *   cmd_sum_main(...)         md5sum/sha256sum's shared main (print, -c)
 *
 * Every function that can fail returns -1 with errno set, and prints
 * nothing: the caller decides how to name the failure.  The warning
 * functions flush stdout first so that output and errors keep their order
 * when both go to one pipe.
 */
#ifndef CMDFS_H
#define CMDFS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#define CMD_BUFSZ (64 * 1024)

void cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cmd_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cmd_usage(const char *text) __attribute__((noreturn));

ssize_t cmd_read(int fd, void *buf, size_t n);
int cmd_write_all(int fd, const void *buf, size_t n);
int cmd_copy_fd(int in, int out);
int cmd_open_in(const char *path);

char *cmd_mode_string(mode_t mode, char buf[11]);
char *cmd_human(uint64_t n, char buf[24]);
char *cmd_join(const char *dir, const char *name);
/*
 * The operands (none: "-", stdin) as one stream of bytes, for od and
 * hexdump: cmd_stream_byte gives the next one, or -1 after the last. A
 * file that cannot be opened or read is reported and skipped, and
 * s->status becomes 1.
 */
struct cmd_stream {
	char **files;
	int nfiles, cur, fd, status;
	ssize_t len, pos;
	unsigned char buf[CMD_BUFSZ];
};
void cmd_stream_init(struct cmd_stream *s, char **files, int nfiles);
int cmd_stream_byte(struct cmd_stream *s);

/*
 * Run one(src, dst) for the n sources: dst is target itself, or with
 * target_is_dir target/basename(src) for each. More than one source and
 * no directory: "prog: target 'T': Not a directory". 0, or 1 if any
 * call (which prints its own error) returned non-zero.
 */
int cmd_to_target(char **srcs, int n, const char *target, int target_is_dir,
		  int (*one)(const char *src, const char *dst));

/* Names are read from /etc/passwd and /etc/group directly (a static
 * binary has no NSS modules to load); the result is a static buffer
 * valid until the next call. */
const char *cmd_user_name(uid_t uid);
const char *cmd_group_name(gid_t gid);

/* ls -l's time: "Mon DD HH:MM", or "Mon DD  YYYY" for a time more than
 * six months in the past or in the future (local time). */
char *cmd_format_time(time_t t, char buf[16]);

/*
 * cmd_walk: visit path and, if it is a directory (not followed through a
 * symlink unless follow is set), everything below it, depth first.
 * fn(path, st, phase, depth, arg) is called with phase CMD_WALK_PRE for
 * every entry (before a directory's children) and CMD_WALK_POST for a
 * directory after its children.  fn returns 0 to go on, CMD_WALK_SKIP (at
 * PRE) not to enter a directory, or -1 to stop.  max_depth < 0 means no
 * limit.  An unreadable entry or directory calls err(path, errno, arg) and
 * the walk goes on.  Returns 0, or -1 if fn stopped it; *failed (if not
 * NULL) is set when err was called.
 */
enum { CMD_WALK_PRE, CMD_WALK_POST };
#define CMD_WALK_SKIP 1
struct cmd_walk_ops {
	int (*fn)(const char *path, const struct stat *st, int phase, int depth, void *arg);
	void (*err)(const char *path, int err, void *arg);
	int follow;    /* stat instead of lstat (find -L, du -L) */
	int max_depth; /* < 0: unlimited */
};
int cmd_walk(const char *path, const struct cmd_walk_ops *ops, void *arg);

/* Copy the regular file src to dst (created or truncated) with src's mode. */
int cmd_copy_file(const char *src, const char *dst, mode_t mode);

/*
 * cmd_copy_tree: copy src (not following it if it is a symlink, unless
 * CMD_COPY_DEREF) to dst, which must not exist or (for a directory) may
 * already be a directory.  Directories are copied recursively, symlinks
 * as symlinks, fifos and devices by mknod; modes are kept; with
 * CMD_COPY_TIMES also access/modify times (and owners, where permitted).
 * Errors are reported (via cmd_warn) per file and the copy goes on.
 * Returns 0 if everything was copied, 1 otherwise.
 */
#define CMD_COPY_DEREF 1
#define CMD_COPY_TIMES 2
#define CMD_COPY_VERBOSE 4
int cmd_copy_tree(const char *src, const char *dst, int flags);

/* Remove path and, if it is a directory, everything below it (children
 * first, symlinks not followed); errors reported per file.  0 or 1. */
int cmd_remove_tree(const char *path);

/* Do a and b name the same file (device and inode)?  0 if either is missing. */
int cmd_same_file(const char *a, const char *b);

/*
 * A message digest for cmd_sum_main: ctx_size bytes of state, fed by
 * update() in any pieces, final() writes digest_len bytes.
 */
struct cmd_hash {
	const char *usage;
	size_t digest_len, ctx_size;
	void (*init)(void *ctx);
	void (*update)(void *ctx, const void *p, size_t n);
	void (*final)(void *ctx, unsigned char *out);
};

/*
 * The whole of md5sum/sha256sum: "DIGEST  NAME" per FILE ("-" or none:
 * stdin); -b marks binary ("DIGEST *NAME"; the digest is the same), -t
 * text; -c reads such lines from the FILEs and prints "NAME: OK" or
 * "NAME: FAILED" (-q leaves out the OKs, -s prints nothing), with GNU's
 * WARNING lines at the end.  Returns the exit status.
 */
int cmd_sum_main(int argc, char **argv, const struct cmd_hash *h);

#endif

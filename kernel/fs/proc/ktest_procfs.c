/*
 * Self-tests of procfs and the character devices (ktest=boot), through
 * the inode and file operations directly: nothing is mounted.
 *
 *   procfs_root     the root's names, lookups, a few files' first lines, readdir
 *   procfs_pid      a kernel thread made a process reads its own <pid>/ files
 *   chrdev_registry registration rules and /proc/devices
 */
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/procfs.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/user.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "../../proc/ktest_proc.h"

#define KT_BUF 8192

/* Walk path ("a/b/c", relative) from dir through ->lookup; the inode or ERR_PTR. */
static struct inode *kt_walk(struct inode *dir, const char *path)
{
	struct inode *cur = dir;

	iget(cur);
	while (*path) {
		const char *end = strchr(path, '/');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		struct inode *next;

		if (!S_ISDIR(cur->i_mode) || !cur->i_op || !cur->i_op->lookup) {
			iput(cur);
			return ERR_PTR(-ENOTDIR);
		}
		down_read(&cur->i_rwsem);
		next = cur->i_op->lookup(cur, path, len);
		up_read(&cur->i_rwsem);
		iput(cur);
		if (IS_ERR(next))
			return next;
		cur = next;
		path += len + (end ? 1 : 0);
	}
	return cur;
}

/* The text of dir/path into buf (NUL-terminated); its length or -errno. */
static long kt_read(struct inode *dir, const char *path, char *buf, size_t size)
{
	struct inode *inode = kt_walk(dir, path);
	struct file *f;
	loff_t pos = 0;
	long n, total = 0;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	f = file_alloc_open(inode, O_RDONLY);
	iput(inode);
	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((size_t)total < size - 1 &&
	       (n = kernel_read(f, buf + total, MIN(size - 1 - (size_t)total, 100), &pos)) > 0)
		total += n;   /* small reads: the snapshot must come out whole */
	fput(f);
	buf[total] = 0;
	return total;
}

static long kt_readlink(struct inode *dir, const char *path, char *buf, size_t size)
{
	struct inode *inode = kt_walk(dir, path);
	long n;

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	n = S_ISLNK(inode->i_mode) ? inode->i_op->get_link(inode, buf, size) : -EINVAL;
	iput(inode);
	return n;
}

struct kt_names {
	struct dir_context ctx;
	char text[1024];
	size_t len;
};

static bool kt_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino,
		    unsigned int type)
{
	struct kt_names *kn = container_of(ctx, struct kt_names, ctx);

	(void)ino;
	(void)type;
	if (kn->len + len + 2 >= sizeof(kn->text))
		return false;
	memcpy(kn->text + kn->len, name, len);
	kn->len += len;
	kn->text[kn->len++] = ' ';
	kn->text[kn->len] = 0;
	return true;
}

/* " name1 name2 ... " of directory dir/path into kn (leading space added). */
static long kt_list(struct inode *dir, const char *path, struct kt_names *kn)
{
	struct inode *inode = kt_walk(dir, path);
	struct file *f;
	long err;

	memset(kn, 0, sizeof(*kn));
	kn->ctx.emit = kt_emit;
	kn->text[kn->len++] = ' ';
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	f = file_alloc_open(inode, O_RDONLY | O_DIRECTORY);
	iput(inode);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = f->f_op->iterate(f, &kn->ctx);
	fput(f);
	return err;
}

static const char *root_files(struct inode *root, char *buf)
{
	static const char *const first[][2] = {
		{ "meminfo", "MemTotal:" }, { "version", "Linux version 6.1.0-kestrel" },
		{ "cpuinfo", "processor\t: 0\nhart\t\t: " }, { "stat", "cpu  " },
		{ "devices", "Character devices:\n  1 mem\n  4 ttyS\n  5 /dev/tty\n  5 /dev/console\n  5 /dev/ptmx\n136 pts\n" },
		{ "sys/kernel/ostype", "Linux\n" }, { "sys/kernel/pid_max", "32768\n" },
		{ "mounts", "rootfs / ramfs rw" }, { "partitions", "major minor" },
		{ "interrupts", "    " }, { "vmstat", "nr_free_pages " },
	};
	long n;

	for (size_t i = 0; i < ARRAY_SIZE(first); i++) {
		n = kt_read(root, first[i][0], buf, KT_BUF);
		if (n < 0)
			return ktest_fail("read %s: %ld", first[i][0], n);
		if (strncmp(buf, first[i][1], strlen(first[i][1])))
			return ktest_fail("%s starts \"%.40s\"", first[i][0], buf);
	}
	n = kt_read(root, "meminfo", buf, KT_BUF);
	if (!strstr(buf, "\nMemFree:        ") || buf[n - 1] != '\n')
		return ktest_fail("meminfo format: \"%.60s\"", buf);
	return NULL;
}

KTEST(procfs_root)
{
	struct super_block *sb = procfs_create();
	char *buf = kmalloc(KT_BUF, 0);
	struct kt_names *kn = kmalloc(sizeof(*kn), 0);
	const char *why = NULL;
	struct inode *inode;

	if (!sb || !buf || !kn) {
		why = "out of memory";
		goto out;
	}
	why = root_files(sb->s_root->d_inode, buf);
	if (why)
		goto out;
	inode = kt_walk(sb->s_root->d_inode, "nosuchfile");
	if (!IS_ERR(inode) || PTR_ERR(inode) != -ENOENT)
		why = ktest_fail("lookup nosuchfile: %ld", IS_ERR(inode) ? PTR_ERR(inode) : 0L);
	else if (kt_walk(sb->s_root->d_inode, "99999") != ERR_PTR(-ENOENT))
		why = "lookup of an unused pid found something";
	else if (kt_list(sb->s_root->d_inode, "", kn) || !strstr(kn->text, " meminfo ") ||
		 !strstr(kn->text, " self ") || !strstr(kn->text, " . .. "))
		why = ktest_fail("readdir /: \"%.200s\"", kn->text);
	else if (kt_read(sb->s_root->d_inode, "sys/vm/drop_caches", buf, KT_BUF) != -EACCES)
		why = "drop_caches is readable";
out:
	kfree(buf);
	kfree(kn);
	if (sb)
		procfs_destroy(sb);
	return why;
}

/* Inside a process: its own /proc/<pid> files. Exit code 0 or the failing step. */
static int pid_checks(struct inode *root, char *buf, struct kt_names *kn)
{
	int tgid = current->proc->tgid;
	char path[48], want[48];

	snprintf(path, sizeof(path), "%d/stat", tgid);
	snprintf(want, sizeof(want), "%d (", tgid);
	if (kt_read(root, path, buf, KT_BUF) <= 0 || strncmp(buf, want, strlen(want)))
		return 1;
	if (!strstr(buf, ") R "))
		return 2;
	snprintf(path, sizeof(path), "%d/status", tgid);
	snprintf(want, sizeof(want), "\nPid:\t%d\n", tgid);
	if (kt_read(root, path, buf, KT_BUF) <= 0 || strncmp(buf, "Name:\t", 6) ||
	    !strstr(buf, want) || !strstr(buf, "\nState:\tR (running)\n"))
		return 3;
	if (kt_readlink(root, "self", buf, 32) != (long)snprintf(want, sizeof(want), "%d", tgid) ||
	    strcmp(buf, want))
		return 4;
	snprintf(path, sizeof(path), "%d/fd", tgid);
	if (kt_list(root, path, kn) || strcmp(kn->text, " . .. 0 1 2 "))
		return 5;
	snprintf(path, sizeof(path), "%d/fd/1", tgid);
	if (kt_readlink(root, path, buf, 64) != 12 || strcmp(buf, "/dev/console"))
		return 6;
	snprintf(path, sizeof(path), "%d/task", tgid);
	snprintf(want, sizeof(want), " . .. %d ", tgid);
	if (kt_list(root, path, kn) || strcmp(kn->text, want))
		return 7;
	snprintf(path, sizeof(path), "%d/task/%d/stat", tgid, tgid);
	snprintf(want, sizeof(want), "%d (procfs) R %d ", tgid, 0);
	if (kt_read(root, path, buf, KT_BUF) <= 0 || strncmp(buf, want, strlen(want)))
		return 9;
	snprintf(path, sizeof(path), "%d/cwd", tgid);
	if (kt_readlink(root, path, buf, 64) != 1 || strcmp(buf, "/"))
		return 8;
	return 0;
}

static int pid_task_fn(void *arg)
{
	struct super_block *sb = procfs_create();
	char *buf = kmalloc(KT_BUF, 0);
	struct kt_names *kn = kmalloc(sizeof(*kn), 0);
	int code = 100;

	(void)arg;
	if (sb && buf && kn && !proc_become_user()) {
		current->files = files_create();
		current->fs = fs_create_root();
		code = 101;
		if (current->files && current->fs && !files_install_console(current->files))
			code = pid_checks(sb->s_root->d_inode, buf, kn);
	}
	kfree(buf);
	kfree(kn);
	if (sb)
		procfs_destroy(sb);
	user_task_exit(code);
}

KTEST(procfs_pid)
{
	struct task *t = kthread_create(pid_task_fn, NULL, "procfs");
	int code;

	if (IS_ERR(t))
		return ktest_fail("kthread_create: %ld", PTR_ERR(t));
	code = ktest_proc_run(t);
	return code ? ktest_fail("step %d failed", code) : NULL;
}

static const struct file_operations kt_fops;

KTEST(chrdev_registry)
{
	char *buf = kmalloc(KT_BUF, 0);
	const char *why = NULL;

	if (!buf)
		return "out of memory";
	if (register_chrdev_region(0, 0, 1, "x", &kt_fops) != -EINVAL ||
	    register_chrdev_region(4000, 0, 0, "x", &kt_fops) != -EINVAL ||
	    register_chrdev_region(1, 255, 2, "x", &kt_fops) != -EBUSY)
		why = "bad registrations accepted";
	else if (register_chrdev_region(4000, 10, 5, "ktest", &kt_fops))
		why = "registration failed";
	else if (chrdev_lookup(MKDEV(4000, 14)) != &kt_fops || chrdev_lookup(MKDEV(4000, 15)) ||
		 chrdev_lookup(MKDEV(4000, 9)) || !chrdev_lookup(MKDEV(1, 3)))
		why = "lookup by minor";
	else if (chrdev_show(buf, KT_BUF) == 0 || !strstr(buf, "\n4000 ktest\n"))
		why = ktest_fail("/proc/devices: \"%.200s\"", buf);
	else if (unregister_chrdev_region(4000, 10, 5) || chrdev_lookup(MKDEV(4000, 12)))
		why = "unregister";
	else if (dev_to_user(MKDEV(1, 3)) != 0x103 || dev_from_user(0x103) != MKDEV(1, 3) ||
		 dev_from_user(dev_to_user(MKDEV(300, 0x12345))) != MKDEV(300, 0x12345))
		why = "dev_t encoding";
	kfree(buf);
	return why;
}

/*
 * The console as a file: what fds 0, 1 and 2 of the first process are.
 *
 * The console is a tty now (kernel/drivers/tty/, <tty/tty.h>): the
 * console inode (chrdev 5:1) opens through the character-device registry
 * into tty_fops, the line discipline over the UART. This file keeps the
 * two entry points the file layer has always had:
 *
 *   console_file_open()        a new O_RDWR file on the console (the
 *                              first process's fds 0-2, self-tests);
 *   console_chrdev_register()  boot (chrdev_init): the console tty, its
 *                              input thread, and the tty device numbers
 *                              5:0, 5:1 and 4:64.
 *
 * Locks: none.
 */
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <tty/tty.h>
#include <uapi/errno.h>

#include "internal.h"

struct file *console_file_open(void)
{
	struct inode *inode = console_inode_get();
	struct file *f;

	if (!inode)
		return ERR_PTR(-ENODEV);
	f = file_alloc_open(inode, O_RDWR);
	iput(inode);
	return f;
}

int console_chrdev_register(void)
{
	tty_console_init();
	return tty_chrdev_register();
}

/*
 * Block-device ioctls (Linux <linux/fs.h>, asm-generic _IO encoding:
 * _IO(0x12, nr) = 0x1200 | nr; _IOR adds the read direction (2 << 30) and
 * the argument size << 16).
 */
#ifndef UAPI_BLK_IOCTL_H
#define UAPI_BLK_IOCTL_H

#define BLKROGET	0x125e		/* _IO(0x12, 94): int *arg = read-only? */
#define BLKGETSIZE	0x1260		/* _IO(0x12, 96): unsigned long *arg = size / 512 */
#define BLKFLSBUF	0x1261		/* _IO(0x12, 97): flush buffers */
#define BLKSSZGET	0x1268		/* _IO(0x12, 104): int *arg = logical sector size */
#define BLKGETSIZE64	0x80081272u	/* _IOR(0x12, 114, size_t): u64 *arg = size in bytes */

#endif /* UAPI_BLK_IOCTL_H */

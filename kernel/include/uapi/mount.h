/*
 * Linux mount ABI for riscv64: mount(2) flags (linux/mount.h), umount2(2)
 * flags, struct statfs (asm-generic/statfs.h with a 64-bit word) with its
 * f_flags bits, and the f_type magic numbers Kestrel's file systems report
 * (linux/magic.h). Written for Kestrel from those headers' values.
 */
#ifndef UAPI_MOUNT_H
#define UAPI_MOUNT_H

#include <kernel/types.h>

#define MS_RDONLY     0x1u
#define MS_NOSUID     0x2u
#define MS_NODEV      0x4u
#define MS_NOEXEC     0x8u
#define MS_REMOUNT    0x20u
#define MS_NOATIME    0x400u
#define MS_BIND       0x1000u
#define MS_MOVE       0x2000u
#define MS_REC        0x4000u
#define MS_SILENT     0x8000u
#define MS_MGC_VAL    0xC0ED0000u   /* old magic in the top half: ignored */
#define MS_MGC_MSK    0xffff0000u

#define MNT_FORCE       0x1u   /* umount2 flags */
#define MNT_DETACH      0x2u
#define MNT_EXPIRE      0x4u
#define UMOUNT_NOFOLLOW 0x8u

/* statfs f_flags */
#define ST_RDONLY 0x1u
#define ST_NOSUID 0x2u
#define ST_NODEV  0x4u
#define ST_NOEXEC 0x8u
#define ST_VALID  0x20u

#define RAMFS_MAGIC 0x858458f6u
#define TMPFS_MAGIC 0x01021994u
#define PROC_SUPER_MAGIC 0x9fa0u
#define EXT2_SUPER_MAGIC 0xEF53u

struct statfs {
	long f_type;
	long f_bsize;
	long f_blocks;
	long f_bfree;
	long f_bavail;
	long f_files;
	long f_ffree;
	int f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};
_Static_assert(sizeof(struct statfs) == 120, "struct statfs is 120 bytes on riscv64");

#endif /* UAPI_MOUNT_H */

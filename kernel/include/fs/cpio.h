/*
 * A reader for cpio archives in the "newc" format (kernel/fs/cpio.c),
 * the format of Linux initramfs images.
 *
 * Pure code: no allocation, no locks; the host unit tests run it under
 * ASan on good, corrupt, truncated and random archives. The archive is
 * read in place: names and data point into it.
 *
 * Format: each member is a 110-byte ASCII header ("070701" or "070702",
 * then 13 fields of 8 hex digits: ino, mode, uid, gid, nlink, mtime,
 * filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check),
 * the name (namesize bytes, NUL included), padding to a multiple of 4,
 * the data (filesize bytes), padding to 4. A member named "TRAILER!!!"
 * ends an archive. Like Linux, the reader accepts several archives one
 * after another, with zero bytes between them (any number, in steps of 4
 * is not required).
 */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include <kernel/types.h>

#define CPIO_HEADER_SIZE 110
#define CPIO_NAME_MAX 4096     /* namesize limit, NUL included (PATH_MAX) */

struct cpio_entry {
	const char *name;      /* NUL-terminated, inside the archive */
	size_t namelen;        /* strlen(name) */
	u32 ino, mode, uid, gid, nlink;
	u64 mtime;             /* seconds since the epoch */
	u32 devmajor, devminor, rdevmajor, rdevminor;
	const void *data;      /* filesize bytes inside the archive */
	size_t size;
};

struct cpio_reader {
	const u8 *buf;
	size_t len;
	size_t off;            /* next header (or padding) */
	const char *error;     /* after -EINVAL: what was wrong */
	size_t error_off;      /* and where */
};

void cpio_reader_init(struct cpio_reader *r, const void *buf, size_t len);

/*
 * The next member into *e. Returns 1 for a member, 0 at the end (nothing
 * but zero bytes left after a trailer, or an empty input), -EINVAL for a
 * corrupt archive (bad magic, a field that is not hex, a name without its
 * NUL or with an inner NUL, an empty or over-long name, a size running
 * past the end, a compressed image): r->error says which. Trailers are
 * consumed, not returned. After 0 or -EINVAL it keeps returning the same.
 */
int cpio_next(struct cpio_reader *r, struct cpio_entry *e);

#endif /* FS_CPIO_H */

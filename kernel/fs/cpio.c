/*
 * cpio "newc" reader (interface and format in <fs/cpio.h>).
 *
 * Every length is checked against what is left of the buffer before it is
 * used, with arithmetic that cannot overflow (sizes are compared with the
 * remaining length, never added to an offset first), so a hostile archive
 * gets -EINVAL and never an access outside [buf, buf + len).
 *
 * Pure: no locks, no allocation.
 */
#include <fs/cpio.h>
#include <kernel/compiler.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define CPIO_TRAILER "TRAILER!!!"

void cpio_reader_init(struct cpio_reader *r, const void *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->off = 0;
	r->error = NULL;
	r->error_off = 0;
}

static int cpio_fail(struct cpio_reader *r, const char *why)
{
	r->error = why;
	r->error_off = r->off;
	r->off = r->len;   /* nothing more is read */
	return -EINVAL;
}

/* Eight hex digits at p; false if any is not a hex digit. */
static bool cpio_hex8(const u8 *p, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		u8 c = p[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* Skip zero bytes (padding between archives). */
static void cpio_skip_zeros(struct cpio_reader *r)
{
	while (r->off < r->len && r->buf[r->off] == 0)
		r->off++;
}

/* Parse the 13 header fields at r->off into e; namesize into *namesize. */
static int cpio_parse_header(struct cpio_reader *r, struct cpio_entry *e, u32 *namesize,
			     u32 *filesize)
{
	const u8 *h = r->buf + r->off;
	u32 f[13];

	if (r->len - r->off >= 2 && h[0] == 0x1f && h[1] == 0x8b)
		return cpio_fail(r, "compressed (gzip) archive: not supported, use an uncompressed cpio");
	if (r->len - r->off < CPIO_HEADER_SIZE)
		return cpio_fail(r, "truncated header");
	if (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0)
		return cpio_fail(r, "bad magic (not a newc cpio archive)");
	for (int i = 0; i < 13; i++) {
		if (!cpio_hex8(h + 6 + 8 * i, &f[i]))
			return cpio_fail(r, "header field is not hexadecimal");
	}
	e->ino = f[0];
	e->mode = f[1];
	e->uid = f[2];
	e->gid = f[3];
	e->nlink = f[4];
	e->mtime = f[5];
	*filesize = f[6];
	e->devmajor = f[7];
	e->devminor = f[8];
	e->rdevmajor = f[9];
	e->rdevminor = f[10];
	*namesize = f[11];
	return 0;
}

/* The name and data of the member whose header is at r->off. */
static int cpio_parse_body(struct cpio_reader *r, struct cpio_entry *e, u32 namesize,
			   u32 filesize)
{
	size_t name_off = r->off + CPIO_HEADER_SIZE;
	size_t left = r->len - name_off;
	size_t data_off, pad;

	if (namesize == 0 || namesize > CPIO_NAME_MAX)
		return cpio_fail(r, "name size 0 or over PATH_MAX");
	if (namesize > left)
		return cpio_fail(r, "truncated name");
	e->name = (const char *)r->buf + name_off;
	e->namelen = strnlen(e->name, namesize);
	if (e->namelen != namesize - 1)
		return cpio_fail(r, e->namelen == namesize ? "name not NUL-terminated"
							   : "NUL inside the name");
	if (e->namelen == 0)
		return cpio_fail(r, "empty name");
	/* Header + name are padded to 4; the header is 110 = 2 mod 4. */
	pad = (4 - (CPIO_HEADER_SIZE + namesize) % 4) % 4;
	if (pad > left - namesize)
		return cpio_fail(r, "truncated name padding");
	data_off = name_off + namesize + pad;
	if (filesize > r->len - data_off)
		return cpio_fail(r, "file data runs past the end of the archive");
	e->data = r->buf + data_off;
	e->size = filesize;
	r->off = data_off + filesize;
	pad = (4 - filesize % 4) % 4;
	r->off += MIN(pad, r->len - r->off);   /* the last member's padding may be cut */
	return 0;
}

int cpio_next(struct cpio_reader *r, struct cpio_entry *e)
{
	u32 namesize, filesize;
	int err;

	for (;;) {
		if (r->error)
			return -EINVAL;
		cpio_skip_zeros(r);
		if (r->off >= r->len)
			return 0;
		err = cpio_parse_header(r, e, &namesize, &filesize);
		if (!err)
			err = cpio_parse_body(r, e, namesize, filesize);
		if (err)
			return err;
		if (strcmp(e->name, CPIO_TRAILER) != 0)
			return 1;
	}
}

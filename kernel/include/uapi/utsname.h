/*
 * uname's structure in the Linux ABI (linux/utsname.h: struct
 * new_utsname, what the riscv64 uname system call fills in): six
 * NUL-terminated strings of at most 64 characters.
 */
#ifndef UAPI_UTSNAME_H
#define UAPI_UTSNAME_H

#define __NEW_UTS_LEN 64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

_Static_assert(sizeof(struct new_utsname) == 390, "new_utsname is 6 x 65 bytes");

#endif /* UAPI_UTSNAME_H */

/*
 * AF_UNIX addresses (linux/un.h). Shared with user space.
 *
 * sun_path is a NUL-terminated file-system path, or an abstract name
 * when sun_path[0] is NUL (its length is then the address length minus
 * offsetof(sun_path); the bytes need not be text).
 */
#ifndef UAPI_UN_H
#define UAPI_UN_H

#include <uapi/socket.h>

#define UNIX_PATH_MAX 108

struct sockaddr_un {
	sa_family_t sun_family;    /* AF_UNIX */
	char sun_path[UNIX_PATH_MAX];
};

#define UNIX_PATH_OFFSET 2   /* offsetof(struct sockaddr_un, sun_path) */

#endif /* UAPI_UN_H */

/*
 * struct iovec (linux/uio.h) for readv/writev, and IOV_MAX (UIO_MAXIOV).
 */
#ifndef UAPI_UIO_H
#define UAPI_UIO_H

#include <kernel/types.h>

struct iovec {
	void *iov_base;   /* a user address */
	size_t iov_len;
};

#define IOV_MAX 1024

#endif /* UAPI_UIO_H */

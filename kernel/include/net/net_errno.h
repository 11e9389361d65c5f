/*
 * The Linux errno values the network stack returns that uapi/errno.h
 * does not list yet (asm-generic/errno.h's numbers). Kept apart so that
 * branches adding them to uapi/errno.h merge without a conflict: an
 * identical macro redefinition is legal C. The integrator may fold these
 * into uapi/errno.h and delete this file.
 */
#ifndef NET_NET_ERRNO_H
#define NET_NET_ERRNO_H

#include <uapi/errno.h>

#define EPROTO		71
#define EDESTADDRREQ	89
#define EMSGSIZE	90
#define EADDRINUSE	98
#define EADDRNOTAVAIL	99
#define ENETDOWN	100
#define ENETUNREACH	101
#define ENOBUFS		105
#define ECONNREFUSED	111
#define EHOSTUNREACH	113

#endif /* NET_NET_ERRNO_H */

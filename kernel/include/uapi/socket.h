/*
 * The BSD socket ABI as Linux riscv64 defines it (linux/socket.h,
 * asm-generic/socket.h, bits/socket.h): address families, socket types and
 * their flags, message flags, socket options, struct msghdr and cmsghdr
 * (64-bit layouts), struct ucred. Shared with user space.
 */
#ifndef UAPI_SOCKET_H
#define UAPI_SOCKET_H

#include <kernel/types.h>

typedef unsigned short sa_family_t;

#define AF_UNSPEC 0
#define AF_UNIX   1
#define AF_LOCAL  AF_UNIX
#define AF_INET   2
#define AF_INET6  10
#define AF_NETLINK 16
#define AF_PACKET 17
#define AF_MAX    46
#define PF_UNIX   AF_UNIX
#define PF_INET   AF_INET

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_RDM       4
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_CLOEXEC   02000000   /* O_CLOEXEC */
#define SOCK_NONBLOCK  00004000   /* O_NONBLOCK */

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

#define SOCKADDR_STORAGE_SIZE 128   /* struct sockaddr_storage: the largest address */

/* Message flags (send/recv families). */
#define MSG_OOB          0x1
#define MSG_PEEK         0x2
#define MSG_DONTROUTE    0x4
#define MSG_CTRUNC       0x8
#define MSG_TRUNC        0x20
#define MSG_DONTWAIT     0x40
#define MSG_EOR          0x80
#define MSG_WAITALL      0x100
#define MSG_ERRQUEUE     0x2000
#define MSG_NOSIGNAL     0x4000
#define MSG_MORE         0x8000
#define MSG_CMSG_CLOEXEC 0x40000000

/* Levels and options. */
#define SOL_SOCKET 1
#define SO_DEBUG        1
#define SO_REUSEADDR    2
#define SO_TYPE         3
#define SO_ERROR        4
#define SO_DONTROUTE    5
#define SO_BROADCAST    6
#define SO_SNDBUF       7
#define SO_RCVBUF       8
#define SO_KEEPALIVE    9
#define SO_OOBINLINE    10
#define SO_NO_CHECK     11
#define SO_PRIORITY     12
#define SO_LINGER       13
#define SO_REUSEPORT    15
#define SO_PASSCRED     16
#define SO_PEERCRED     17
#define SO_RCVLOWAT     18
#define SO_SNDLOWAT     19
#define SO_RCVTIMEO_OLD 20
#define SO_BINDTODEVICE 25
#define SO_SNDTIMEO_OLD 21
#define SO_ACCEPTCONN   30
#define SO_SNDBUFFORCE  32
#define SO_RCVBUFFORCE  33
#define SO_PROTOCOL     38
#define SO_DOMAIN       39
#define SO_RCVTIMEO_NEW 66
#define SO_SNDTIMEO_NEW 67

#define SCM_RIGHTS      1
#define SCM_CREDENTIALS 2

#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

#define SOMAXCONN 4096

/* Linux's defaults (net.core.{w,r}mem_default and _max) and minima. */
#define SOCK_BUF_DEFAULT 212992
#define SOCK_BUF_MAX     212992
#define SOCK_MIN_SNDBUF  4608
#define SOCK_MIN_RCVBUF  2304

struct linger {
	int l_onoff;
	int l_linger;
};

struct ucred {
	u32 pid;
	u32 uid;
	u32 gid;
};

/* struct timeval of SO_RCVTIMEO/SO_SNDTIMEO (64-bit: both option numbers use it). */
struct sock_timeval {
	s64 tv_sec;
	s64 tv_usec;
};

/* The user's struct msghdr (64-bit layout). */
struct user_msghdr {
	u64 msg_name;          /* void __user * */
	int msg_namelen;
	int __pad1;
	u64 msg_iov;           /* struct iovec __user * */
	u64 msg_iovlen;
	u64 msg_control;       /* void __user * */
	u64 msg_controllen;
	unsigned int msg_flags;
	int __pad2;
};

struct cmsghdr {
	u64 cmsg_len;          /* header and data, not padded */
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len) (((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_HDR_LEN    CMSG_ALIGN(sizeof(struct cmsghdr))
#define CMSG_SPACE(len) (CMSG_HDR_LEN + CMSG_ALIGN(len))
#define CMSG_LEN(len)   (CMSG_HDR_LEN + (len))

_Static_assert(sizeof(struct user_msghdr) == 56, "struct msghdr is 56 bytes on riscv64");
_Static_assert(sizeof(struct cmsghdr) == 16, "struct cmsghdr is 16 bytes on riscv64");

#endif /* UAPI_SOCKET_H */

/*
 * epoll (linux/eventpoll.h) as riscv64 lays it out: struct epoll_event is
 * not packed there (16 bytes). Shared with user space.
 */
#ifndef UAPI_EVENTPOLL_H
#define UAPI_EVENTPOLL_H

#include <kernel/types.h>

#define EPOLL_CLOEXEC 02000000   /* O_CLOEXEC */

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

/* The event bits are the POLL* bits (uapi/poll.h) plus these. */
#define EPOLLIN        0x00000001u
#define EPOLLPRI       0x00000002u
#define EPOLLOUT       0x00000004u
#define EPOLLERR       0x00000008u
#define EPOLLHUP       0x00000010u
#define EPOLLNVAL      0x00000020u
#define EPOLLRDNORM    0x00000040u
#define EPOLLRDBAND    0x00000080u
#define EPOLLWRNORM    0x00000100u
#define EPOLLWRBAND    0x00000200u
#define EPOLLMSG       0x00000400u
#define EPOLLRDHUP     0x00002000u
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP    (1u << 29)
#define EPOLLONESHOT   (1u << 30)
#define EPOLLET        (1u << 31)

#define EP_MAX_EVENTS (0x7fffffff / 16)   /* maxevents above: -EINVAL (Linux's INT_MAX / sizeof) */

struct epoll_event {
	u32 events;
	u64 data;
};

_Static_assert(sizeof(struct epoll_event) == 16, "struct epoll_event is 16 bytes on riscv64");

#endif /* UAPI_EVENTPOLL_H */

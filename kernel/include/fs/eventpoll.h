/*
 * epoll (kernel/fs/eventpoll.c): epoll_create1, epoll_ctl, epoll_pwait,
 * epoll_pwait2 over every file with ->poll; docs/net.md, "epoll".
 *
 * The one hook the rest of the kernel needs: the last fput of a file
 * calls eventpoll_release() before ->release, which takes the file out
 * of every epoll set watching it (as close does on Linux), so that no
 * epoll callback entry outlives the wait queues of the file.
 */
#ifndef FS_EVENTPOLL_H
#define FS_EVENTPOLL_H

struct file;

/*
 * Remove f from every epoll set (f->f_ep_links). Called by fput with the
 * last reference gone, before ->release. Cheap when f is in none. May sleep.
 */
void eventpoll_release(struct file *f);

#endif /* FS_EVENTPOLL_H */

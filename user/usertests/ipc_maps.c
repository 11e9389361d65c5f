/*
 * A System V shm attachment's line in /proc/<pid>/maps (docs/ipc.md), as
 * Linux writes it: shared ("s"), offset 0, the shm file system's device
 * (one device for every segment, a non-zero anonymous one: major 0), the
 * shmid as the inode number, and the name "/SYSV<key as %08x> (deleted)"
 * (the segment's file is never linked: "(deleted)" before IPC_RMID and
 * after it, while attached, with the key it was created with). A forked
 * child inherits the attachment: the same line in its maps.
 */
#include "usertests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

/* One maps line's columns. */
struct maps_row {
	unsigned long start, end, off, ino;
	char perms[5];
	unsigned int major, minor;
	char name[128];
};

/*
 * The /proc/<pid>/maps line of the mapping that starts at addr, parsed
 * into *row; 1 if there is one, 0 if not.
 */
static int maps_find(pid_t pid, const void *addr, struct maps_row *row)
{
	char path[64], *maps, *line, *save = NULL;
	int found = 0, n;
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	maps = ut_read_file(path, &len);
	for (line = strtok_r(maps, "\n", &save); line && !found; line = strtok_r(NULL, "\n", &save)) {
		memset(row, 0, sizeof(*row));
		n = 0;
		if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &row->start, &row->end, row->perms,
			   &row->off, &row->major, &row->minor, &row->ino, &n) != 7 || !n)
			continue;
		if (row->start != (unsigned long)addr)
			continue;
		found = 1;
		snprintf(row->name, sizeof(row->name), "%s", line + n);
	}
	free(maps);
	return found;
}

/* row is the line of an attachment of segment id (key, bytes long, read-write). */
static void check_row(const struct maps_row *row, int id, key_t key, size_t bytes)
{
	char want[64];

	snprintf(want, sizeof(want), "/SYSV%08x (deleted)", (unsigned int)key);
	CHECK_EQ(row->end - row->start, bytes);
	CHECK(!strcmp(row->perms, "rw-s"));
	CHECK_EQ(row->off, 0);
	CHECK_EQ(row->major, 0);
	CHECK(row->minor != 0);
	CHECK_EQ(row->ino, (unsigned long)id);
	CHECK(!strcmp(row->name, want));
}

UTEST(ipc_shm_maps_ident, UT_NEEDS_PROC, NULL)
{
	key_t key = (key_t)(0x6d000000 | (getpid() & 0xffffff));
	int a = CHECK_SYS(shmget(key, 3 * 4096, IPC_CREAT | IPC_EXCL | 0600));
	int b = CHECK_SYS(shmget(IPC_PRIVATE, 4096, 0600));
	char *pa = shmat(a, NULL, 0), *pb = shmat(b, NULL, 0);
	struct maps_row ra, rb, rc;
	pid_t child;

	CHECK(pa != (void *)-1 && pb != (void *)-1);
	CHECK(maps_find(getpid(), pa, &ra));
	check_row(&ra, a, key, 3 * 4096);
	CHECK(maps_find(getpid(), pb, &rb));
	check_row(&rb, b, IPC_PRIVATE, 4096);
	CHECK_EQ(rb.minor, ra.minor);   /* one device for every segment */

	CHECK_SYS(shmctl(a, IPC_RMID, NULL));   /* attached: stays, named as before */
	CHECK(maps_find(getpid(), pa, &ra));
	check_row(&ra, a, key, 3 * 4096);

	child = ut_fork();
	if (!child) {
		CHECK(maps_find(getpid(), pa, &rc));
		check_row(&rc, a, key, 3 * 4096);
		_exit(0);
	}
	ut_wait_ok(child);

	CHECK_SYS(shmdt(pa));
	CHECK(!maps_find(getpid(), pa, &ra));
	CHECK_ERR(shmctl(a, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);   /* gone at the last detach */
	CHECK_SYS(shmdt(pb));
	CHECK_SYS(shmctl(b, IPC_RMID, NULL));
}

/*
 * System V IPC ids and permissions: the pure part of the id layer
 * (interface and invariants in kernel/include/ipc/ipc.h). No locks, no
 * allocation: the caller holds its table's lock and supplies memory, so
 * the host unit tests (tests/unit/test_ipc.c) run this file as is.
 *
 * Invariants (ipc_table_validate): in_use counts the non-NULL slots;
 * max_idx is one past the highest non-NULL slot; each object's id names
 * its slot and carries its seq.
 */
#include <ipc/ipc.h>
#include <lib/string.h>
#include <uapi/errno.h>

void ipc_table_init(struct ipc_table *t)
{
	memset(t, 0, sizeof(*t));
}

int ipc_table_insert(struct ipc_table *t, struct kern_ipc_perm *p, unsigned int limit)
{
	unsigned int idx;

	if (t->in_use >= limit || t->in_use >= IPCMNI)
		return -ENOSPC;
	for (idx = 0; idx < t->nslots && t->slots[idx]; idx++)
		;
	if (idx == t->nslots)
		return -EAGAIN;
	p->seq = t->seq;
	p->id = ipc_make_id(idx, t->seq);
	t->seq = (unsigned short)((t->seq + 1) % IPC_SEQ_MAX);
	t->slots[idx] = p;
	t->in_use++;
	if (idx >= t->max_idx)
		t->max_idx = idx + 1;
	return (int)idx;
}

struct kern_ipc_perm **ipc_table_grow(struct ipc_table *t, struct kern_ipc_perm **slots,
				      unsigned int n)
{
	struct kern_ipc_perm **old = t->slots;

	memset(slots, 0, n * sizeof(*slots));
	if (old)
		memcpy(slots, old, t->nslots * sizeof(*slots));
	t->slots = slots;
	t->nslots = n;
	return old;
}

struct kern_ipc_perm *ipc_table_at(const struct ipc_table *t, unsigned int idx)
{
	return idx < t->nslots ? t->slots[idx] : NULL;
}

struct kern_ipc_perm *ipc_table_lookup(const struct ipc_table *t, int id)
{
	struct kern_ipc_perm *p;

	if (id < 0)
		return NULL;
	p = ipc_table_at(t, ipc_id_idx(id));
	return p && p->id == id ? p : NULL;
}

struct kern_ipc_perm *ipc_table_find_key(const struct ipc_table *t, int key)
{
	if (key == IPC_PRIVATE)
		return NULL;
	for (unsigned int i = 0; i < t->max_idx; i++)
		if (t->slots[i] && t->slots[i]->key == key)
			return t->slots[i];
	return NULL;
}

void ipc_table_remove(struct ipc_table *t, struct kern_ipc_perm *p)
{
	unsigned int idx = ipc_id_idx(p->id);

	t->slots[idx] = NULL;
	t->in_use--;
	while (t->max_idx && !t->slots[t->max_idx - 1])
		t->max_idx--;
}

int ipc_table_validate(const struct ipc_table *t)
{
	unsigned int used = 0, top = 0;

	if (t->nslots > IPCMNI || (t->nslots && !t->slots))
		return -1;
	for (unsigned int i = 0; i < t->nslots; i++) {
		const struct kern_ipc_perm *p = t->slots[i];

		if (!p)
			continue;
		used++;
		top = i + 1;
		if (ipc_id_idx(p->id) != i || ipc_id_seq(p->id) != p->seq)
			return -2;
	}
	if (used != t->in_use)
		return -3;
	if (top != t->max_idx)
		return -4;
	return 0;
}

static bool ipc_in_group(const struct ipc_cred *c, unsigned int gid)
{
	if (c->egid == gid)
		return true;
	for (unsigned int i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

int ipc_perm_check(const struct kern_ipc_perm *p, const struct ipc_cred *c, unsigned int flag)
{
	unsigned int requested = (flag >> 6) | (flag >> 3) | flag;
	unsigned int granted = p->mode;

	if (c->euid == p->cuid || c->euid == p->uid)
		granted >>= 6;
	else if (ipc_in_group(c, p->cgid) || ipc_in_group(c, p->gid))
		granted >>= 3;
	if ((requested & ~granted & 0007) && c->euid != 0)
		return -EACCES;
	return 0;
}

bool ipc_is_owner(const struct kern_ipc_perm *p, const struct ipc_cred *c)
{
	return c->euid == 0 || c->euid == p->uid || c->euid == p->cuid;
}

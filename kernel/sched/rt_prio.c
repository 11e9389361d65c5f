/*
 * The real-time run queue's priority array: pure code, no locks, no tasks
 * (interface and invariants in <sched/rt.h>).
 */
#include <kernel/panic.h>
#include <lib/list.h>
#include <sched/rt.h>

void rt_array_init(struct rt_prio_array *a)
{
	a->bitmap[0] = a->bitmap[1] = 0;
	a->nr = 0;
	for (int p = 0; p < RT_PRIO_LEVELS; p++)
		INIT_LIST_HEAD(&a->queue[p]);
}

static void bit_set(struct rt_prio_array *a, int prio)
{
	a->bitmap[prio / 64] |= 1ULL << (prio % 64);
}

static void bit_clear(struct rt_prio_array *a, int prio)
{
	a->bitmap[prio / 64] &= ~(1ULL << (prio % 64));
}

void rt_array_enqueue(struct rt_prio_array *a, struct list_head *node, int prio, bool head)
{
	BUG_ON(prio < RT_PRIO_MIN || prio > RT_PRIO_MAX);
	if (head)
		list_add(node, &a->queue[prio]);
	else
		list_add_tail(node, &a->queue[prio]);
	bit_set(a, prio);
	a->nr++;
}

void rt_array_dequeue(struct rt_prio_array *a, struct list_head *node, int prio)
{
	list_del_init(node);
	if (list_empty(&a->queue[prio]))
		bit_clear(a, prio);
	a->nr--;
}

void rt_array_requeue_tail(struct rt_prio_array *a, struct list_head *node, int prio)
{
	list_move_tail(node, &a->queue[prio]);
}

/* The index of the highest set bit of x != 0, by halving (no clz: rv64imac, no libgcc). */
static int highest_bit(u64 x)
{
	int r = 0;

	for (int shift = 32; shift; shift /= 2) {
		if (x >> shift) {
			x >>= shift;
			r += shift;
		}
	}
	return r;
}

int rt_array_highest(const struct rt_prio_array *a)
{
	if (a->bitmap[1])
		return 64 + highest_bit(a->bitmap[1]);
	if (a->bitmap[0])
		return highest_bit(a->bitmap[0]);
	return 0;
}

struct list_head *rt_array_first(const struct rt_prio_array *a)
{
	int prio = rt_array_highest(a);

	return prio ? a->queue[prio].next : NULL;
}

bool rt_array_alone(const struct rt_prio_array *a, const struct list_head *node, int prio)
{
	return a->queue[prio].next == node && a->queue[prio].prev == node;
}

int rt_array_validate(const struct rt_prio_array *a)
{
	unsigned int n = 0;

	if (a->bitmap[0] & 1)
		return -1;   /* priority 0 is not a real-time priority */
	for (int p = 0; p < RT_PRIO_LEVELS; p++) {
		const struct list_head *h = &a->queue[p], *pos;
		bool bit = (a->bitmap[p / 64] >> (p % 64)) & 1;

		if (bit == list_empty(h))
			return -2;
		for (pos = h->next; pos != h; pos = pos->next) {
			if (pos->next->prev != pos || pos->prev->next != pos)
				return -3;
			n++;
		}
	}
	if (a->bitmap[1] >> (RT_PRIO_LEVELS - 64))
		return -4;   /* bits beyond 99 */
	return n == a->nr ? 0 : -5;
}

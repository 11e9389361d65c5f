/*
 * The real-time scheduling class's run queue, pure part
 * (kernel/sched/rt_prio.c; the class itself is kernel/sched/rt.c).
 *
 * One list per priority 1..99 and a bitmap of the non-empty ones, so the
 * highest priority with a runnable task is found with one count of
 * leading zeros per word: O(1) whatever the number of tasks. Higher
 * numbers run first (SCHED_FIFO/SCHED_RR's sched_priority). Within a
 * priority the list is FIFO; the running task stays at the head of its
 * list until it blocks, yields or (SCHED_RR) uses up its slice, which
 * move it to the tail.
 *
 * No locks taken: the caller holds the run-queue lock. The host unit test
 * tests/unit/test_rt.c runs this file against a model, calling
 * rt_array_validate() after every operation.
 */
#ifndef SCHED_RT_H
#define SCHED_RT_H

#include <kernel/types.h>
#include <lib/list.h>

#define RT_PRIO_MIN    1
#define RT_PRIO_MAX    99
#define RT_PRIO_LEVELS (RT_PRIO_MAX + 1)   /* index 0 unused */

struct rt_prio_array {
	u64 bitmap[2];                           /* bit p: queue[p] is not empty */
	struct list_head queue[RT_PRIO_LEVELS];
	unsigned int nr;                         /* nodes queued */
};

void rt_array_init(struct rt_prio_array *a);
/* Queue node at priority prio (1..99): at the tail, or the head if head. */
void rt_array_enqueue(struct rt_prio_array *a, struct list_head *node, int prio, bool head);
/* Take node (queued at prio) off. */
void rt_array_dequeue(struct rt_prio_array *a, struct list_head *node, int prio);
/* Move node (queued at prio) to the tail of its list. */
void rt_array_requeue_tail(struct rt_prio_array *a, struct list_head *node, int prio);
/* The highest priority with a queued node, or 0 if none. */
int rt_array_highest(const struct rt_prio_array *a);
/* The node to run: the head of the highest non-empty list, or NULL. */
struct list_head *rt_array_first(const struct rt_prio_array *a);
/* Is node the only one at its priority? */
bool rt_array_alone(const struct rt_prio_array *a, const struct list_head *node, int prio);
/*
 * Check the bitmap against the lists and nr against their lengths (and
 * every list's links). 0, or a negative code naming the violation.
 */
int rt_array_validate(const struct rt_prio_array *a);

#endif /* SCHED_RT_H */

/*
 * Intrusive doubly-linked lists.
 *
 * struct list_head: a circular list with a sentinel head. An empty list is
 * a head whose next and prev point at itself. Embed a list_head in your
 * struct and get back to the struct with list_entry().
 *
 * struct hlist_head / hlist_node: a NULL-terminated list whose head is a
 * single pointer, for hash-table buckets. Each node keeps pprev, the
 * address of the pointer that points at it, so deletion needs no head.
 *
 * Nothing here locks: the caller protects each list with whatever lock
 * owns it. A deleted node's pointers are poisoned (non-canonical addresses
 * that fault on use) so a use after list_del is caught, not silent.
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <kernel/compiler.h>
#include <kernel/types.h>

/* Non-canonical in Sv39 and on x86-64 hosts: any dereference faults. */
#define LIST_POISON1 ((void *)0xdead000000000100UL)
#define LIST_POISON2 ((void *)0xdead000000000122UL)

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Link node between two known-consecutive entries prev and next. */
static inline void __list_add(struct list_head *node, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = node;
	node->next = next;
	node->prev = prev;
	prev->next = node;
}

/* Insert node right after head (stack order). */
static inline void list_add(struct list_head *node, struct list_head *head)
{
	__list_add(node, head, head->next);
}

/* Insert node right before head, i.e. at the tail (queue order). */
static inline void list_add_tail(struct list_head *node, struct list_head *head)
{
	__list_add(node, head->prev, head);
}

/* Unlink the entry between prev and next. */
static inline void __list_unlink(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	prev->next = next;
}

/* Remove entry from its list; entry is poisoned and must not be used. */
static inline void list_del(struct list_head *entry)
{
	__list_unlink(entry->prev, entry->next);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/* Remove entry from its list and make it an empty list of its own. */
static inline void list_del_init(struct list_head *entry)
{
	__list_unlink(entry->prev, entry->next);
	INIT_LIST_HEAD(entry);
}

static inline bool list_empty(const struct list_head *head)
{
	return READ_ONCE(head->next) == head;
}

static inline bool list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && head->next == head->prev;
}

static inline bool list_is_last(const struct list_head *entry,
				const struct list_head *head)
{
	return entry->next == head;
}

/* Move entry from its list to just after head. */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
	__list_unlink(entry->prev, entry->next);
	list_add(entry, head);
}

/* Move entry from its list to the tail of head. */
static inline void list_move_tail(struct list_head *entry,
				  struct list_head *head)
{
	__list_unlink(entry->prev, entry->next);
	list_add_tail(entry, head);
}

/* Insert the (non-empty) list between prev and next. */
static inline void __list_splice(const struct list_head *list,
				 struct list_head *prev, struct list_head *next)
{
	struct list_head *first = list->next, *last = list->prev;

	first->prev = prev;
	prev->next = first;
	last->next = next;
	next->prev = last;
}

/* Move every entry of list to the front of head; list becomes empty. */
static inline void list_splice_init(struct list_head *list,
				    struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head, head->next);
		INIT_LIST_HEAD(list);
	}
}

/* Move every entry of list to the tail of head; list becomes empty. */
static inline void list_splice_tail_init(struct list_head *list,
					 struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head->prev, head);
		INIT_LIST_HEAD(list);
	}
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* The first/last entry; the list must not be empty. */
#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) \
	list_entry((head)->prev, type, member)

/* The first entry, or NULL if the list is empty. */
#define list_first_entry_or_null(head, type, member) ({ \
	struct list_head *__head = (head); \
	struct list_head *__next = READ_ONCE(__head->next); \
	__next != __head ? list_entry(__next, type, member) : NULL; })

#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)
#define list_prev_entry(pos, member) \
	list_entry((pos)->member.prev, __typeof__(*(pos)), member)

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

/* Iterate where the body may delete pos; n is scratch. */
#define list_for_each_safe(pos, n, head) \
	for (pos = (head)->next, n = pos->next; pos != (head); \
	     pos = n, n = pos->next)

#define list_for_each_entry(pos, head, member) \
	for (pos = list_first_entry(head, __typeof__(*(pos)), member); \
	     &pos->member != (head); \
	     pos = list_next_entry(pos, member))

#define list_for_each_entry_reverse(pos, head, member) \
	for (pos = list_last_entry(head, __typeof__(*(pos)), member); \
	     &pos->member != (head); \
	     pos = list_prev_entry(pos, member))

/* Iterate entries where the body may delete pos; n is scratch. */
#define list_for_each_entry_safe(pos, n, head, member) \
	for (pos = list_first_entry(head, __typeof__(*(pos)), member), \
	     n = list_next_entry(pos, member); \
	     &pos->member != (head); \
	     pos = n, n = list_next_entry(n, member))

/* ------------------------------------------------------------------ hlist */

struct hlist_node {
	struct hlist_node *next;
	struct hlist_node **pprev;	/* &previous->next, or &head->first */
};

struct hlist_head {
	struct hlist_node *first;
};

#define HLIST_HEAD_INIT { .first = NULL }
#define HLIST_HEAD(name) struct hlist_head name = HLIST_HEAD_INIT

static inline void INIT_HLIST_HEAD(struct hlist_head *h)
{
	h->first = NULL;
}

static inline void INIT_HLIST_NODE(struct hlist_node *n)
{
	n->next = NULL;
	n->pprev = NULL;
}

/* True if n is on no list (never added, or removed with hlist_del_init). */
static inline bool hlist_unhashed(const struct hlist_node *n)
{
	return n->pprev == NULL;
}

static inline bool hlist_empty(const struct hlist_head *h)
{
	return READ_ONCE(h->first) == NULL;
}

static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	if (first)
		first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

static inline void __hlist_unlink(struct hlist_node *n)
{
	struct hlist_node *next = n->next;

	*n->pprev = next;
	if (next)
		next->pprev = n->pprev;
}

/* Remove n from its list; n is poisoned and must not be used. */
static inline void hlist_del(struct hlist_node *n)
{
	__hlist_unlink(n);
	n->next = LIST_POISON1;
	n->pprev = LIST_POISON2;
}

/* Remove n if it is on a list, and mark it unhashed. */
static inline void hlist_del_init(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_unlink(n);
		INIT_HLIST_NODE(n);
	}
}

#define hlist_entry(ptr, type, member) container_of(ptr, type, member)

/* The entry containing ptr, or NULL if ptr is NULL. */
#define hlist_entry_safe(ptr, type, member) ({ \
	struct hlist_node *__ptr = (ptr); \
	__ptr ? hlist_entry(__ptr, type, member) : NULL; })

#define hlist_for_each(pos, head) \
	for (pos = (head)->first; pos; pos = pos->next)

#define hlist_for_each_entry(pos, head, member) \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     pos; \
	     pos = hlist_entry_safe((pos)->member.next, __typeof__(*(pos)), member))

/* Iterate entries where the body may delete pos; n is a hlist_node *. */
#define hlist_for_each_entry_safe(pos, n, head, member) \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     pos && ({ n = pos->member.next; 1; }); \
	     pos = hlist_entry_safe(n, __typeof__(*(pos)), member))

#endif /* LIB_LIST_H */

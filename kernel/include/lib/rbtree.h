/*
 * Intrusive red-black trees (kernel/lib/rbtree.c).
 *
 * The tree does not know your keys. To insert, walk down from the root
 * yourself comparing keys, then link the new node where the walk fell off
 * and let the tree rebalance:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *	while (*link) {
 *		parent = *link;
 *		if (key < rb_entry(parent, struct thing, node)->key)
 *			link = &parent->rb_left;
 *		else
 *			link = &parent->rb_right;
 *	}
 *	rb_link_node(&new->node, parent, link);
 *	rb_insert_color(&new->node, root);
 *
 * Lookups are the same walk, read-only. rb_first/rb_next walk in order.
 * struct rb_root_cached also remembers the leftmost node, so that
 * rb_first_cached is O(1) (the CFS run queue picks its leftmost task on
 * every schedule). Its users must pass "leftmost" to rb_insert_color_cached:
 * true if the walk never went right.
 *
 * Nothing here locks; the owner of the tree serializes all access to it.
 */
#ifndef LIB_RBTREE_H
#define LIB_RBTREE_H

#include <kernel/compiler.h>
#include <kernel/types.h>

/*
 * A node. The parent pointer and the colour share one word: nodes are at
 * least 4-byte aligned, so bit 0 of the parent's address is free and holds
 * the colour (0 red, 1 black). Use rb_parent() and rb_is_black() to read it.
 */
struct rb_node {
	uintptr_t __parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_RED   0UL
#define RB_BLACK 1UL

#define RB_ROOT (struct rb_root) { NULL }
#define RB_ROOT_CACHED (struct rb_root_cached) { { NULL }, NULL }

#define rb_entry(ptr, type, member) container_of(ptr, type, member)

/* The entry containing ptr, or NULL if ptr is NULL. */
#define rb_entry_safe(ptr, type, member) ({ \
	struct rb_node *__ptr = (ptr); \
	__ptr ? rb_entry(__ptr, type, member) : NULL; })

#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)

/* A node that is on no tree points at itself (see RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(node) \
	((node)->__parent_color == (uintptr_t)(node))
#define RB_CLEAR_NODE(node) \
	((node)->__parent_color = (uintptr_t)(node))

static inline struct rb_node *rb_parent(const struct rb_node *node)
{
	return (struct rb_node *)(node->__parent_color & ~3UL);
}

static inline bool rb_is_black(const struct rb_node *node)
{
	return node->__parent_color & RB_BLACK;
}

static inline bool rb_is_red(const struct rb_node *node)
{
	return !rb_is_black(node);
}

/*
 * Attach node as a red leaf under parent at *link (&parent->rb_left or
 * &parent->rb_right, or &root->rb_node with parent NULL). The tree is not
 * valid again until rb_insert_color.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->__parent_color = (uintptr_t)parent | RB_RED;
	node->rb_left = NULL;
	node->rb_right = NULL;
	*link = node;
}

/* Rebalance after rb_link_node. O(log n). */
void rb_insert_color(struct rb_node *node, struct rb_root *root);

/* Remove node from the tree and rebalance. O(log n). */
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order walk: NULL past either end or on an empty tree. O(log n). */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/* Cached-leftmost variants; leftmost as described at the top. */
void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
			    bool leftmost);
void rb_erase_cached(struct rb_node *node, struct rb_root_cached *root);

static inline struct rb_node *rb_first_cached(const struct rb_root_cached *root)
{
	return root->rb_leftmost;
}

/* Violations reported (negated) by rb_validate. */
enum rb_violation {
	RB_BAD_ROOT = 1,	/* root is red, or has a parent */
	RB_RED_RED,		/* a red node has a red child */
	RB_BLACK_HEIGHT,	/* two paths with different black counts */
	RB_BAD_PARENT,		/* a child's parent pointer is wrong */
	RB_BAD_ORDER,		/* in-order walk not sorted by cmp */
	RB_TOO_DEEP,		/* deeper than any valid tree can be */
	RB_BAD_LEFTMOST,	/* rb_root_cached's leftmost is stale */
};

/*
 * Check every red-black invariant: black root with no parent, no red node
 * with a red child, the same number of black nodes on every root-to-leaf
 * path, parent pointers matching child pointers, and (when cmp is not
 * NULL) cmp(a, b) <= 0 for each node a and its in-order successor b.
 * Returns 0, or -RB_xxx (enum rb_violation) for the first violation found.
 * Recursion depth is bounded, so a corrupt tree cannot overflow the stack.
 */
int rb_validate(const struct rb_root *root,
		int (*cmp)(const struct rb_node *, const struct rb_node *));

/* rb_validate, plus rb_leftmost == rb_first(). */
int rb_validate_cached(const struct rb_root_cached *root,
		       int (*cmp)(const struct rb_node *, const struct rb_node *));

#endif /* LIB_RBTREE_H */

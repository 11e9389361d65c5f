/*
 * Red-black tree rebalancing, erase, in-order walk and validation
 * (see <lib/rbtree.h> for how callers insert and look up).
 *
 * Invariants kept between calls:
 *   1. the root is black;
 *   2. a red node has only black children (NULL leaves count as black);
 *   3. every path from a node down to a NULL leaf has the same number of
 *      black nodes;
 * so the longest path is at most twice the shortest and the height is at
 * most 2 log2(n + 1).
 *
 * Each rebalancing case exists in two mirror images. Rather than write
 * each twice, the code names a side by a number, dir: 0 = left, 1 = right,
 * !dir = the other side, and rb_rotate(x, dir) moves x down towards dir.
 *
 * No locks: the tree's owner serializes access.
 */
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <lib/rbtree.h>

#define RB_LEFT  0
#define RB_RIGHT 1

/* No valid tree of fewer than 2^48 nodes is deeper than this. */
#define RB_MAX_DEPTH 96

static inline struct rb_node **rb_link(struct rb_node *n, int dir)
{
	return dir == RB_LEFT ? &n->rb_left : &n->rb_right;
}

static inline void rb_set_parent(struct rb_node *n, struct rb_node *parent)
{
	n->__parent_color = (uintptr_t)parent | (n->__parent_color & RB_BLACK);
}

static inline void rb_set_color(struct rb_node *n, uintptr_t color)
{
	n->__parent_color = (n->__parent_color & ~RB_BLACK) | color;
}

static inline bool rb_is_black_or_null(const struct rb_node *n)
{
	return !n || rb_is_black(n);
}

/* Make whatever pointed at old (parent's child link, or the root) point at
 * new instead. */
static void rb_replace_child(struct rb_root *root, struct rb_node *parent,
			     struct rb_node *old, struct rb_node *new)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/* Put v (possibly NULL) where u is; u's own links are left as they were. */
static void rb_transplant(struct rb_root *root, struct rb_node *u,
			  struct rb_node *v)
{
	rb_replace_child(root, rb_parent(u), u, v);
	if (v)
		rb_set_parent(v, rb_parent(u));
}

/*
 * Rotate x down towards dir: its child y on the other side takes its
 * place, x becomes y's dir child, and y's old dir subtree becomes x's
 * !dir subtree. In-order sequence and colours are unchanged.
 */
static void rb_rotate(struct rb_root *root, struct rb_node *x, int dir)
{
	struct rb_node *y = *rb_link(x, !dir);
	struct rb_node *inner = *rb_link(y, dir);

	*rb_link(x, !dir) = inner;
	if (inner)
		rb_set_parent(inner, x);
	rb_transplant(root, x, y);
	*rb_link(y, dir) = x;
	rb_set_parent(x, y);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;
	int side;

	/* node is red; the only possible violation is a red parent. */
	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		gparent = rb_parent(parent);	/* exists: the root is black */
		side = parent == gparent->rb_left ? RB_LEFT : RB_RIGHT;
		uncle = *rb_link(gparent, !side);
		if (uncle && rb_is_red(uncle)) {
			/* Push gparent's blackness down; retry from gparent. */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(uncle, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == *rb_link(parent, !side)) {
			/* Inner grandchild: rotate it to the outside first. */
			rb_rotate(root, parent, side);
			node = parent;
			parent = rb_parent(node);
		}
		rb_rotate(root, gparent, !side);
		rb_set_color(parent, RB_BLACK);
		rb_set_color(gparent, RB_RED);
		break;
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/*
 * Restore the black height after a black node was removed from above x
 * (x may be NULL; parent is x's parent). x's side of parent is one black
 * short; borrow from the sibling's side or move the deficit upwards.
 */
static void rb_erase_fixup(struct rb_root *root, struct rb_node *x,
			   struct rb_node *parent)
{
	struct rb_node *sib;
	int side;

	while (x != root->rb_node && rb_is_black_or_null(x)) {
		side = x == parent->rb_left ? RB_LEFT : RB_RIGHT;
		sib = *rb_link(parent, !side);	/* non-NULL: it has black height */
		if (rb_is_red(sib)) {
			rb_set_color(sib, RB_BLACK);
			rb_set_color(parent, RB_RED);
			rb_rotate(root, parent, side);
			sib = *rb_link(parent, !side);
		}
		if (rb_is_black_or_null(sib->rb_left) &&
		    rb_is_black_or_null(sib->rb_right)) {
			rb_set_color(sib, RB_RED);
			x = parent;
			parent = rb_parent(x);
			continue;
		}
		if (rb_is_black_or_null(*rb_link(sib, !side))) {
			/* Near nephew red: turn it into the far one. */
			rb_set_color(*rb_link(sib, side), RB_BLACK);
			rb_set_color(sib, RB_RED);
			rb_rotate(root, sib, !side);
			sib = *rb_link(parent, !side);
		}
		rb_set_color(sib, rb_is_black(parent) ? RB_BLACK : RB_RED);
		rb_set_color(parent, RB_BLACK);
		rb_set_color(*rb_link(sib, !side), RB_BLACK);
		rb_rotate(root, parent, side);
		x = root->rb_node;
	}
	if (x)
		rb_set_color(x, RB_BLACK);
}

static struct rb_node *rb_leftmost(struct rb_node *n)
{
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

static struct rb_node *rb_rightmost(struct rb_node *n)
{
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent, *succ;
	bool black_removed;

	if (!node->rb_left || !node->rb_right) {
		/* At most one child: it takes node's place. */
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		black_removed = rb_is_black(node);
		rb_transplant(root, node, child);
	} else {
		/* Two children: the in-order successor takes node's place. */
		succ = rb_leftmost(node->rb_right);
		black_removed = rb_is_black(succ);
		child = succ->rb_right;
		if (rb_parent(succ) == node) {
			parent = succ;
		} else {
			parent = rb_parent(succ);
			rb_transplant(root, succ, child);
			succ->rb_right = node->rb_right;
			rb_set_parent(succ->rb_right, succ);
		}
		rb_transplant(root, node, succ);
		succ->rb_left = node->rb_left;
		rb_set_parent(succ->rb_left, succ);
		rb_set_color(succ, rb_is_black(node) ? RB_BLACK : RB_RED);
	}
	if (black_removed)
		rb_erase_fixup(root, child, parent);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return root->rb_node ? rb_leftmost(root->rb_node) : NULL;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return root->rb_node ? rb_rightmost(root->rb_node) : NULL;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right)
		return rb_leftmost(node->rb_right);
	/* Climb until we come up from a left child. */
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left)
		return rb_rightmost(node->rb_left);
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
			    bool leftmost)
{
	if (leftmost)
		root->rb_leftmost = node;
	rb_insert_color(node, &root->rb_root);
}

void rb_erase_cached(struct rb_node *node, struct rb_root_cached *root)
{
	if (root->rb_leftmost == node)
		root->rb_leftmost = rb_next(node);
	rb_erase(node, &root->rb_root);
}

struct rb_check {
	int (*cmp)(const struct rb_node *, const struct rb_node *);
	const struct rb_node *prev;	/* last node visited in order */
};

/*
 * Check the subtree at n, whose parent must be parent, in order. On
 * success store its black height (counting the NULL leaves) in *bh.
 */
static int rb_check_subtree(struct rb_check *c, const struct rb_node *n,
			    const struct rb_node *parent, int depth, int *bh)
{
	int lbh, rbh, err;

	if (!n) {
		*bh = 1;
		return 0;
	}
	if (depth > RB_MAX_DEPTH)
		return -RB_TOO_DEEP;
	if (rb_parent(n) != parent || (n->rb_left && n->rb_left == n->rb_right))
		return -RB_BAD_PARENT;
	if (rb_is_red(n) && (!rb_is_black_or_null(n->rb_left) ||
			     !rb_is_black_or_null(n->rb_right)))
		return -RB_RED_RED;
	err = rb_check_subtree(c, n->rb_left, n, depth + 1, &lbh);
	if (err)
		return err;
	if (c->cmp && c->prev && c->cmp(c->prev, n) > 0)
		return -RB_BAD_ORDER;
	c->prev = n;
	err = rb_check_subtree(c, n->rb_right, n, depth + 1, &rbh);
	if (err)
		return err;
	if (lbh != rbh)
		return -RB_BLACK_HEIGHT;
	*bh = lbh + (rb_is_black(n) ? 1 : 0);
	return 0;
}

int rb_validate(const struct rb_root *root,
		int (*cmp)(const struct rb_node *, const struct rb_node *))
{
	struct rb_check c = { .cmp = cmp, .prev = NULL };
	int bh;

	if (root->rb_node && (rb_is_red(root->rb_node) ||
			      rb_parent(root->rb_node) != NULL))
		return -RB_BAD_ROOT;
	return rb_check_subtree(&c, root->rb_node, NULL, 0, &bh);
}

int rb_validate_cached(const struct rb_root_cached *root,
		       int (*cmp)(const struct rb_node *, const struct rb_node *))
{
	int err = rb_validate(&root->rb_root, cmp);

	if (err)
		return err;
	if (root->rb_leftmost != rb_first(&root->rb_root))
		return -RB_BAD_LEFTMOST;
	return 0;
}

/*
 * Radix tree (interface and rules in <lib/radix_tree.h>).
 *
 * Level numbering: the root node of a tree of height h selects index bits
 * [(h-1)*6, h*6), its children the next 6 bits down, and the nodes of
 * the last level hold the items. A tag bit in a node is set exactly when
 * the slot's item carries the tag (last level) or some item below the
 * slot's child does (other levels); every change keeps this so, and
 * radix_tree_validate() checks it.
 *
 * Insertion allocates every node it may need before it changes anything,
 * so running out of memory leaves the tree as it was.
 */
#include <kernel/types.h>
#include <lib/radix_tree.h>
#include <uapi/errno.h>

#define BITS_PER_ULONG (sizeof(unsigned long) * 8)

/* The largest index a tree of height h can hold. */
static unsigned long height_max_index(unsigned int height)
{
	if (height * RADIX_TREE_MAP_SHIFT >= BITS_PER_ULONG)
		return ~0UL;
	return (1UL << (height * RADIX_TREE_MAP_SHIFT)) - 1;
}

static unsigned int slot_of(unsigned long index, unsigned int level)
{
	return (index >> (level * RADIX_TREE_MAP_SHIFT)) & RADIX_TREE_MAP_MASK;
}

static bool node_any_tag(const struct radix_node *node, unsigned int tag)
{
	return node->tags[tag] != 0;
}

void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_node *node = root->rnode;

	if (!node || index > height_max_index(root->height))
		return NULL;
	for (unsigned int level = root->height - 1;; level--) {
		void *slot = node->slots[slot_of(index, level)];

		if (level == 0 || !slot)
			return slot;
		node = slot;
	}
}

/*
 * Nodes an insert at index needs: the levels added on top (new root nodes
 * whose slot 0 leads down to the old root) plus the nodes missing on the
 * path to index; *new_height gets the height the tree must have.
 */
static unsigned int insert_nodes_needed(const struct radix_tree_root *root, unsigned long index,
					unsigned int *new_height)
{
	unsigned int height = root->height ? root->height : 1;
	const struct radix_node *node = root->rnode;
	unsigned int need;

	while (index > height_max_index(height))
		height++;
	*new_height = height;
	if (!node)
		return height;
	need = height - root->height;
	for (unsigned int level = height - 1; level > 0; level--) {
		if (level >= root->height) {
			/* A new top node: its slot 0 is the way to the old root. */
			if (slot_of(index, level) != 0)
				return need + level;
			continue;
		}
		node = node->slots[slot_of(index, level)];
		if (!node)
			return need + level;
	}
	return need;
}

/* Add levels on top until the tree has height h (rnode non-NULL); nodes from *next. */
static void grow_to(struct radix_tree_root *root, unsigned int h, struct radix_node ***next)
{
	while (root->height < h) {
		struct radix_node *top = *(*next)++;

		top->slots[0] = root->rnode;
		top->count = 1;
		for (unsigned int t = 0; t < RADIX_TREE_MAX_TAGS; t++)
			if (node_any_tag(root->rnode, t))
				top->tags[t] = 1;
		root->rnode = top;
		root->height++;
	}
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_node *spare[RADIX_TREE_MAX_HEIGHT + 1] = { NULL };
	struct radix_node **next = spare;
	unsigned int height, need;
	struct radix_node *node;

	if (radix_tree_lookup(root, index))
		return -EEXIST;
	need = insert_nodes_needed(root, index, &height);
	for (unsigned int i = 0; i < need; i++) {
		spare[i] = radix_node_alloc();
		if (!spare[i]) {
			while (i--)
				radix_node_free(spare[i]);
			return -ENOMEM;
		}
	}
	if (!root->rnode) {
		root->rnode = *next++;
		root->height = height;
	} else {
		grow_to(root, height, &next);
	}
	node = root->rnode;
	for (unsigned int level = root->height - 1; level > 0; level--) {
		unsigned int s = slot_of(index, level);

		if (!node->slots[s]) {
			node->slots[s] = *next++;
			node->count++;
		}
		node = node->slots[s];
	}
	node->slots[slot_of(index, 0)] = item;
	node->count++;
	return 0;
}

/*
 * The path to index: path[level] is the node at each level (path[height-1]
 * the root), or false if index has no item.
 */
static bool find_path(const struct radix_tree_root *root, unsigned long index,
		      struct radix_node **path)
{
	struct radix_node *node = root->rnode;

	if (!node || index > height_max_index(root->height))
		return false;
	for (unsigned int level = root->height - 1;; level--) {
		void *slot = node->slots[slot_of(index, level)];

		path[level] = node;
		if (!slot)
			return false;
		if (level == 0)
			return true;
		node = slot;
	}
}

/* After slot s of path[0] lost tag t: clear the summaries above that no longer hold. */
static void tag_clear_path(struct radix_node **path, unsigned int height, unsigned long index,
			   unsigned int tag)
{
	for (unsigned int level = 0; level < height; level++) {
		path[level]->tags[tag] &= ~(1ULL << slot_of(index, level));
		if (node_any_tag(path[level], tag))
			return;
	}
}

/* Drop levels while the root has only slot 0 used; an empty root goes. */
static void shrink(struct radix_tree_root *root)
{
	while (root->height > 1 && root->rnode->count == 1 && root->rnode->slots[0]) {
		struct radix_node *old = root->rnode;

		root->rnode = old->slots[0];
		root->height--;
		radix_node_free(old);
	}
	if (root->rnode && root->rnode->count == 0) {
		radix_node_free(root->rnode);
		root->rnode = NULL;
		root->height = 0;
	}
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_node *path[RADIX_TREE_MAX_HEIGHT];
	void *item;

	if (!find_path(root, index, path))
		return NULL;
	item = path[0]->slots[slot_of(index, 0)];
	for (unsigned int t = 0; t < RADIX_TREE_MAX_TAGS; t++)
		if (path[0]->tags[t] & (1ULL << slot_of(index, 0)))
			tag_clear_path(path, root->height, index, t);
	path[0]->slots[slot_of(index, 0)] = NULL;
	path[0]->count--;
	/* Free emptied nodes bottom-up (the root is left to shrink()). */
	for (unsigned int level = 0; level + 1 < root->height && path[level]->count == 0; level++) {
		struct radix_node *parent = path[level + 1];

		parent->slots[slot_of(index, level + 1)] = NULL;
		parent->count--;
		radix_node_free(path[level]);
	}
	shrink(root);
	return item;
}

void *radix_tree_replace(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_node *path[RADIX_TREE_MAX_HEIGHT];
	void *old;

	if (!find_path(root, index, path) || !item)
		return NULL;
	old = path[0]->slots[slot_of(index, 0)];
	path[0]->slots[slot_of(index, 0)] = item;
	return old;
}

void radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_node *path[RADIX_TREE_MAX_HEIGHT];

	if (tag >= RADIX_TREE_MAX_TAGS || !find_path(root, index, path))
		return;
	for (unsigned int level = 0; level < root->height; level++)
		path[level]->tags[tag] |= 1ULL << slot_of(index, level);
}

void radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_node *path[RADIX_TREE_MAX_HEIGHT];

	if (tag >= RADIX_TREE_MAX_TAGS || !find_path(root, index, path))
		return;
	if (path[0]->tags[tag] & (1ULL << slot_of(index, 0)))
		tag_clear_path(path, root->height, index, tag);
}

bool radix_tree_tag_get(const struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_node *path[RADIX_TREE_MAX_HEIGHT];

	if (tag >= RADIX_TREE_MAX_TAGS || !find_path(root, index, path))
		return false;
	return (path[0]->tags[tag] >> slot_of(index, 0)) & 1;
}

bool radix_tree_tagged(const struct radix_tree_root *root, unsigned int tag)
{
	return tag < RADIX_TREE_MAX_TAGS && root->rnode && node_any_tag(root->rnode, tag);
}

struct gang {
	void **items;
	unsigned long *indices;
	unsigned int max, found;
	int tag;
};

/* Collect from node (at level, covering indices from base) the items at >= first. */
static void gang_walk(const struct radix_node *node, unsigned int level, unsigned long base,
		      unsigned long first, struct gang *g)
{
	unsigned int shift = level * RADIX_TREE_MAP_SHIFT;
	unsigned int s = 0;

	if (first > base)
		s = (first - base) >> shift;
	for (; s < RADIX_TREE_MAP_SIZE && g->found < g->max; s++) {
		unsigned long start = base + ((unsigned long)s << shift);
		void *slot = node->slots[s];

		if (!slot || (g->tag >= 0 && !((node->tags[g->tag] >> s) & 1)))
			continue;
		if (level) {
			gang_walk(slot, level - 1, start, first, g);
			continue;
		}
		g->items[g->found] = slot;
		if (g->indices)
			g->indices[g->found] = start;
		g->found++;
	}
}

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **items,
				    unsigned long *indices, unsigned long first, unsigned int max,
				    int tag)
{
	struct gang g = { .items = items, .indices = indices, .max = max, .tag = tag };

	if (!root->rnode || first > height_max_index(root->height) ||
	    tag >= RADIX_TREE_MAX_TAGS)
		return 0;
	gang_walk(root->rnode, root->height - 1, 0, first, &g);
	return g.found;
}

/* Validate the subtree node at level; *tags gets the union of its items' tags. */
static const char *validate_node(const struct radix_node *node, unsigned int level, bool is_root)
{
	unsigned int count = 0;

	for (unsigned int s = 0; s < RADIX_TREE_MAP_SIZE; s++) {
		const struct radix_node *child = node->slots[s];

		for (unsigned int t = 0; t < RADIX_TREE_MAX_TAGS; t++) {
			bool bit = (node->tags[t] >> s) & 1;

			if (!child && bit)
				return "tag on an empty slot";
			if (child && level && bit != node_any_tag(child, t))
				return "tag summary does not match the child";
		}
		if (!child)
			continue;
		count++;
		if (level) {
			const char *why = validate_node(child, level - 1, false);

			if (why)
				return why;
		}
	}
	if (count != node->count)
		return "node count does not match its slots";
	if (!count && !is_root)
		return "empty node below the root";
	if (!count)
		return "empty root node";
	return NULL;
}

const char *radix_tree_validate(const struct radix_tree_root *root)
{
	if (!root->rnode)
		return root->height ? "height without a root node" : NULL;
	if (root->height == 0 || root->height > RADIX_TREE_MAX_HEIGHT)
		return "bad height";
	if (root->height > 1 && root->rnode->count == 1 && root->rnode->slots[0])
		return "root not shrunk";
	return validate_node(root->rnode, root->height - 1, true);
}

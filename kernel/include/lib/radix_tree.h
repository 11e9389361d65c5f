/*
 * A radix tree: a sparse array from unsigned long index to pointer, with
 * two tag bits per slot that are summarised up the tree so that "the next
 * dirty page from index i on" is found without visiting clean subtrees
 * (kernel/lib/radix_tree.c). The page cache keeps each file's pages in
 * one (mm/pagemap.h): tag 0 marks dirty pages, tag 1 pages under
 * writeback.
 *
 * Shape: nodes of 64 slots (RADIX_TREE_MAP_SHIFT bits of index per
 * level); a tree of height h covers indices below 64^h, and grows a level
 * on top when a larger index is inserted; emptied nodes are freed as
 * deleting goes. An empty tree (height 0) holds nothing, a tree of height
 * 1 is one node.
 *
 * Memory: nodes come from radix_node_alloc() and go back through
 * radix_node_free(), which the user of the code provides (the page cache
 * in the kernel, calloc/free in host tests); allocation may fail
 * (-ENOMEM) but never sleeps, so the tree can be changed under a
 * spinlock.
 *
 * Locks: none inside. The caller serialises every operation on a tree
 * (lookups included: there is no RCU).
 *
 * Items are any non-NULL pointers; NULL means "no item".
 */
#ifndef LIB_RADIX_TREE_H
#define LIB_RADIX_TREE_H

#include <kernel/types.h>

#define RADIX_TREE_MAP_SHIFT 6
#define RADIX_TREE_MAP_SIZE (1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK (RADIX_TREE_MAP_SIZE - 1)
#define RADIX_TREE_MAX_TAGS 2
#define RADIX_TREE_MAX_HEIGHT ((sizeof(unsigned long) * 8 + RADIX_TREE_MAP_SHIFT - 1) / RADIX_TREE_MAP_SHIFT)

struct radix_node {
	unsigned int count;                           /* non-NULL slots */
	void *slots[RADIX_TREE_MAP_SIZE];             /* items (leaf level) or child nodes */
	u64 tags[RADIX_TREE_MAX_TAGS];                /* bit i: slot i (or something below it) tagged */
};

struct radix_tree_root {
	struct radix_node *rnode;
	unsigned int height;
};

#define RADIX_TREE_INIT { .rnode = NULL, .height = 0 }

static inline void radix_tree_init(struct radix_tree_root *root)
{
	root->rnode = NULL;
	root->height = 0;
}

/* Provided by the user of the tree: a zeroed node or NULL; and its release. */
struct radix_node *radix_node_alloc(void);
void radix_node_free(struct radix_node *node);

/* The item at index, or NULL. */
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);

/* Put item (non-NULL) at index: 0, -EEXIST if taken, -ENOMEM (the tree unchanged). */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);

/* Remove and return the item at index (NULL if none); its tags go with it. */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);

/* Replace the item at index (which must exist) by item; tags are kept. Returns the old one. */
void *radix_tree_replace(struct radix_tree_root *root, unsigned long index, void *item);

/* Tags of an existing item (setting one on an absent index does nothing). */
void radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag);
void radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag);
bool radix_tree_tag_get(const struct radix_tree_root *root, unsigned long index, unsigned int tag);
/* Does any item carry tag? */
bool radix_tree_tagged(const struct radix_tree_root *root, unsigned int tag);

/*
 * Up to max items at indices >= first, in index order, into items[] (and
 * their indices into indices[] if not NULL); with tag >= 0 only items
 * carrying that tag. Returns how many were found.
 */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **items,
				    unsigned long *indices, unsigned long first, unsigned int max,
				    int tag);

/*
 * Check the tree: node counts match their slots, no empty node below the
 * root, each tag bit set exactly where something below carries the tag,
 * nothing beyond the height's range. NULL if sound, else what is wrong.
 */
const char *radix_tree_validate(const struct radix_tree_root *root);

#endif /* LIB_RADIX_TREE_H */

/*
 * Flattened device tree (DTB, version 17) reader (kernel/lib/fdt.c).
 *
 * A read-only view of a blob in memory: no allocation, no copying; every
 * pointer returned points into the blob. The blob is untrusted: every
 * offset and length is checked against the header's sizes before it is
 * used, and every walk moves strictly forward, so a corrupt or malicious
 * blob yields an error, never an out-of-bounds read or an endless loop.
 *
 * Nodes and properties are named by offsets (>= 0) into the structure
 * block, as in libfdt; the root node is offset 0. Functions that return an
 * offset return -ENOENT when there is no such node or property and -EINVAL
 * when the offset passed in is not a node/property or the blob is corrupt.
 * Cell values in the blob are big-endian: use fdt32_to_cpu/fdt_read_cells.
 */
#ifndef LIB_FDT_H
#define LIB_FDT_H

#include <kernel/types.h>

#define FDT_MAGIC 0xd00dfeedU
#define FDT_HEADER_SIZE 40

/* Structure-block tokens. */
#define FDT_BEGIN_NODE 1U
#define FDT_END_NODE   2U
#define FDT_PROP       3U
#define FDT_NOP        4U
#define FDT_END        9U

/* An opened blob; fields are checked by fdt_open and then read-only. */
struct fdt {
	const u8 *base;
	u32 totalsize;
	u32 off_struct, size_struct, off_strings, size_strings, off_memrsv;
};

/*
 * Check the header of the blob at blob (which must be readable for maxlen
 * bytes) and fill *fdt. Returns 0, or -EINVAL for a bad magic, an
 * unsupported version, blocks outside totalsize, totalsize > maxlen, or a
 * structure block that does not start with a node.
 */
int fdt_open(struct fdt *fdt, const void *blob, size_t maxlen);

/*
 * The node at path: "/", "/chosen", "/soc/serial@10000000". A component
 * without "@unit" also matches a node named "component@unit" if exactly one
 * sibling does ("/soc/serial"). A path not starting with '/' starts with an
 * alias from /aliases ("serial0/..."). A ':' ends the path, so a
 * stdout-path such as "/soc/serial@10000000:115200" works as is.
 * Returns the node offset, or -ENOENT.
 */
int fdt_path_offset(const struct fdt *fdt, const char *path);

/* The first child / next sibling of node: an offset, or -ENOENT. */
int fdt_first_child(const struct fdt *fdt, int node);
int fdt_next_sibling(const struct fdt *fdt, int node);

/* The node's name ("" for the root), or NULL if node is not a node. */
const char *fdt_get_name(const struct fdt *fdt, int node);

/*
 * The value of node's property name, with its length in *lenp (if lenp is
 * not NULL). NULL if there is no such property (*lenp is then -ENOENT, or
 * -EINVAL for a bad node).
 */
const void *fdt_getprop(const struct fdt *fdt, int node, const char *name,
			int *lenp);

/*
 * The property's value if it is a string or string list (non-empty and
 * ending in NUL): the (first) string. NULL otherwise.
 */
const char *fdt_getprop_str(const struct fdt *fdt, int node, const char *name);

/*
 * A u32 (1 cell) or u64 (2 cells) property in *val. Returns 0, -ENOENT if
 * absent, -EINVAL if its length is neither 4 nor 8.
 */
int fdt_getprop_u64(const struct fdt *fdt, int node, const char *name,
		    u64 *val);

/* Iterate a node's properties: offsets, -ENOENT after the last one. */
int fdt_first_prop(const struct fdt *fdt, int node);
int fdt_next_prop(const struct fdt *fdt, int prop);

/*
 * The value, name (*name) and length (*lenp) of the property at offset
 * prop. NULL if prop is not a valid property. name and lenp may be NULL.
 */
const void *fdt_prop_at(const struct fdt *fdt, int prop, const char **name,
			int *lenp);

/* The parent of node (a full scan from the root): offset, or -ENOENT for
 * the root, -EINVAL for a bad node. */
int fdt_parent_offset(const struct fdt *fdt, int node);

/*
 * Pre-order walk: the node after node, adding 1 to *depth when it is a
 * child, subtracting 1 for each level climbed. Returns -ENOENT when the
 * walk climbs above the starting level, i.e. *depth drops below 0 (start
 * with *depth = 0: from the root this walks the whole tree, from another
 * node just its subtree), -EINVAL on a corrupt blob.
 * Walk the whole tree: for (d = 0, n = 0; n >= 0; n = fdt_next_node(f, n, &d)).
 */
int fdt_next_node(const struct fdt *fdt, int node, int *depth);

/* node's "phandle" (or "linux,phandle") value, 0 if it has none. */
u32 fdt_get_phandle(const struct fdt *fdt, int node);

/* The node whose "phandle" (or "linux,phandle") is phandle, or -ENOENT. */
int fdt_node_by_phandle(const struct fdt *fdt, u32 phandle);

/* True if any string of node's "compatible" string list equals compat. */
bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compat);

/*
 * The memory reservation block: the number of entries (or -EINVAL if it
 * runs off the blob), and entry i in *addr, *size (0, or -ENOENT if i is
 * out of range, -EINVAL for a corrupt block).
 */
int fdt_num_memrsv(const struct fdt *fdt);
int fdt_get_memrsv(const struct fdt *fdt, int i, u64 *addr, u64 *size);

/* A big-endian 32-bit value as loaded from the blob, in CPU order. */
u32 fdt32_to_cpu(u32 be);

/*
 * The big-endian cells at p (ncells of them, normally 1 or 2) as a number;
 * with more than 2 cells only the last two count. p need not be aligned.
 */
u64 fdt_read_cells(const void *p, int ncells);

#endif /* LIB_FDT_H */

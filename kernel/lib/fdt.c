/*
 * Flattened device tree reader (see <lib/fdt.h>).
 *
 * Blob layout: a 40-byte header of big-endian u32s, a memory reservation
 * block of (address, size) u64 pairs ended by (0, 0), a structure block of
 * 4-byte-aligned tokens, and a strings block of NUL-terminated property
 * names. The structure block is a pre-order walk of the tree:
 *
 *	BEGIN_NODE name\0 [pad]  PROP len nameoff value [pad] ...
 *	    (child nodes) ...  END_NODE  ...  END
 *
 * Safety rules kept by every function here, because the blob is untrusted:
 *   - fdt_open checks that each block lies inside totalsize, and after that
 *     only fdt_tag() reads the structure block: it checks the token's
 *     offset, its name's NUL or its property length against size_struct
 *     before anyone looks at them;
 *   - every loop advances the offset strictly (each token's "next" is past
 *     the token), so every walk ends within size_struct / 4 steps;
 *   - strings from the strings block are used only after finding their
 *     NUL inside the block.
 * All reads are bytewise, so the blob may sit at any alignment.
 *
 * Pure code: no locks, no allocation, no recursion.
 */
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <lib/fdt.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* The largest blob accepted; keeps every offset sum inside an int. */
#define FDT_MAX_TOTALSIZE 0x7ffffff0U

/* Header field offsets. */
#define FDT_H_MAGIC         0
#define FDT_H_TOTALSIZE     4
#define FDT_H_OFF_STRUCT    8
#define FDT_H_OFF_STRINGS   12
#define FDT_H_OFF_MEMRSV    16
#define FDT_H_VERSION       20
#define FDT_H_LAST_COMP     24
#define FDT_H_SIZE_STRINGS  32
#define FDT_H_SIZE_STRUCT   36

/* One decoded token of the structure block. */
struct fdt_tag {
	u32 type;		/* FDT_BEGIN_NODE, FDT_PROP, ... */
	int next;		/* offset of the token after this one */
	const char *name;	/* BEGIN_NODE: the node's name */
	const u8 *value;	/* PROP: the value */
	u32 len;		/* PROP: the value's length */
	u32 nameoff;		/* PROP: name offset in the strings block */
};

static u32 fdt_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

u32 fdt32_to_cpu(u32 be)
{
	return fdt_be32((const u8 *)&be);
}

u64 fdt_read_cells(const void *p, int ncells)
{
	const u8 *c = p;
	u64 v = 0;
	int i;

	for (i = 0; i < ncells; i++)
		v = v << 32 | fdt_be32(c + 4 * i);
	return v;
}

static const u8 *fdt_struct(const struct fdt *fdt)
{
	return fdt->base + fdt->off_struct;
}

/* A NUL-terminated name starting at off in a block of size bytes. */
static const char *fdt_string_in(const u8 *block, u32 size, u32 off)
{
	if (off >= size || !memchr(block + off, '\0', size - off))
		return NULL;
	return (const char *)block + off;
}

/* The property name at nameoff in the strings block, or NULL if bad. */
static const char *fdt_string(const struct fdt *fdt, u32 nameoff)
{
	return fdt_string_in(fdt->base + fdt->off_strings, fdt->size_strings,
			     nameoff);
}

/*
 * Decode the token at structure offset off into *t, checking that it and
 * its payload lie inside the structure block. Returns 0 or -EINVAL.
 */
static int fdt_tag(const struct fdt *fdt, int off, struct fdt_tag *t)
{
	const u8 *s = fdt_struct(fdt);
	u32 size = fdt->size_struct, o = (u32)off;

	if (off < 0 || (o & 3) || o + 4 > size)
		return -EINVAL;
	t->type = fdt_be32(s + o);
	t->next = (int)o + 4;
	if (t->type == FDT_BEGIN_NODE) {
		t->name = fdt_string_in(s, size, o + 4);
		if (!t->name)
			return -EINVAL;
		t->next = (int)ALIGN_UP(o + 4 + strlen(t->name) + 1, 4);
	} else if (t->type == FDT_PROP) {
		if (o + 12 > size)
			return -EINVAL;
		t->len = fdt_be32(s + o + 4);
		t->nameoff = fdt_be32(s + o + 8);
		if (t->len > size - (o + 12))
			return -EINVAL;
		t->value = s + o + 12;
		t->next = (int)ALIGN_UP(o + 12 + t->len, 4);
	} else if (t->type != FDT_END_NODE && t->type != FDT_NOP &&
		   t->type != FDT_END) {
		return -EINVAL;
	}
	return 0;
}

/* Decode the token at off, skipping NOPs; *off is moved to it. */
static int fdt_tag_skip_nops(const struct fdt *fdt, int *off,
			     struct fdt_tag *t)
{
	int err;

	while ((err = fdt_tag(fdt, *off, t)) == 0 && t->type == FDT_NOP)
		*off = t->next;
	return err;
}

int fdt_open(struct fdt *fdt, const void *blob, size_t maxlen)
{
	const u8 *h = blob;
	struct fdt_tag t;

	if (!blob || maxlen < FDT_HEADER_SIZE ||
	    fdt_be32(h + FDT_H_MAGIC) != FDT_MAGIC)
		return -EINVAL;
	if (fdt_be32(h + FDT_H_VERSION) < 17 ||
	    fdt_be32(h + FDT_H_LAST_COMP) > 17)
		return -EINVAL;
	fdt->base = h;
	fdt->totalsize = fdt_be32(h + FDT_H_TOTALSIZE);
	fdt->off_struct = fdt_be32(h + FDT_H_OFF_STRUCT);
	fdt->size_struct = fdt_be32(h + FDT_H_SIZE_STRUCT);
	fdt->off_strings = fdt_be32(h + FDT_H_OFF_STRINGS);
	fdt->size_strings = fdt_be32(h + FDT_H_SIZE_STRINGS);
	fdt->off_memrsv = fdt_be32(h + FDT_H_OFF_MEMRSV);
	if (fdt->totalsize < FDT_HEADER_SIZE || fdt->totalsize > maxlen ||
	    fdt->totalsize > FDT_MAX_TOTALSIZE)
		return -EINVAL;
	if ((fdt->off_struct & 3) || (fdt->off_memrsv & 7) ||
	    (u64)fdt->off_struct + fdt->size_struct > fdt->totalsize ||
	    (u64)fdt->off_strings + fdt->size_strings > fdt->totalsize ||
	    (u64)fdt->off_memrsv + 16 > fdt->totalsize)
		return -EINVAL;
	if (fdt_tag(fdt, 0, &t) || t.type != FDT_BEGIN_NODE)
		return -EINVAL;
	return 0;
}

/* The offset just past node's name, or -EINVAL if node is not a node. */
static int fdt_node_body(const struct fdt *fdt, int node)
{
	struct fdt_tag t;

	if (fdt_tag(fdt, node, &t) || t.type != FDT_BEGIN_NODE)
		return -EINVAL;
	return t.next;
}

const char *fdt_get_name(const struct fdt *fdt, int node)
{
	struct fdt_tag t;

	if (fdt_tag(fdt, node, &t) || t.type != FDT_BEGIN_NODE)
		return NULL;
	return node == 0 ? "" : t.name;
}

/*
 * From off (inside a node's body), skip properties and NOPs. Returns the
 * offset of the first child's BEGIN_NODE, -ENOENT at the node's END_NODE,
 * -EINVAL on anything else.
 */
static int fdt_skip_props(const struct fdt *fdt, int off)
{
	struct fdt_tag t;

	for (;;) {
		if (fdt_tag_skip_nops(fdt, &off, &t))
			return -EINVAL;
		if (t.type == FDT_BEGIN_NODE)
			return off;
		if (t.type == FDT_END_NODE)
			return -ENOENT;
		if (t.type != FDT_PROP)
			return -EINVAL;
		off = t.next;
	}
}

int fdt_first_child(const struct fdt *fdt, int node)
{
	int off = fdt_node_body(fdt, node);

	return off < 0 ? off : fdt_skip_props(fdt, off);
}

/* The offset just past node's END_NODE, or -EINVAL. */
static int fdt_node_end(const struct fdt *fdt, int node)
{
	struct fdt_tag t;
	int depth = 0, off = node;

	do {
		if (fdt_tag(fdt, off, &t) || t.type == FDT_END)
			return -EINVAL;
		if (t.type == FDT_BEGIN_NODE)
			depth++;
		else if (t.type == FDT_END_NODE)
			depth--;
		off = t.next;
	} while (depth > 0);
	return depth == 0 ? off : -EINVAL;
}

int fdt_next_sibling(const struct fdt *fdt, int node)
{
	struct fdt_tag t;
	int off;

	if (fdt_node_body(fdt, node) < 0)
		return -EINVAL;
	off = fdt_node_end(fdt, node);
	if (off < 0 || fdt_tag_skip_nops(fdt, &off, &t))
		return -EINVAL;
	if (t.type == FDT_BEGIN_NODE)
		return off;
	if (t.type == FDT_END_NODE || (t.type == FDT_END && node == 0))
		return -ENOENT;
	return -EINVAL;
}

/* From off, skip NOPs: the offset of a PROP there, or -ENOENT/-EINVAL. */
static int fdt_prop_from(const struct fdt *fdt, int off)
{
	struct fdt_tag t;

	if (fdt_tag_skip_nops(fdt, &off, &t))
		return -EINVAL;
	if (t.type == FDT_PROP)
		return off;
	if (t.type == FDT_BEGIN_NODE || t.type == FDT_END_NODE)
		return -ENOENT;
	return -EINVAL;
}

int fdt_first_prop(const struct fdt *fdt, int node)
{
	int off = fdt_node_body(fdt, node);

	return off < 0 ? off : fdt_prop_from(fdt, off);
}

int fdt_next_prop(const struct fdt *fdt, int prop)
{
	struct fdt_tag t;

	if (fdt_tag(fdt, prop, &t) || t.type != FDT_PROP)
		return -EINVAL;
	return fdt_prop_from(fdt, t.next);
}

const void *fdt_prop_at(const struct fdt *fdt, int prop, const char **name,
			int *lenp)
{
	struct fdt_tag t;
	const char *pname;

	if (fdt_tag(fdt, prop, &t) || t.type != FDT_PROP)
		return NULL;
	pname = fdt_string(fdt, t.nameoff);
	if (!pname)
		return NULL;
	if (name)
		*name = pname;
	if (lenp)
		*lenp = (int)t.len;
	return t.value;
}

const void *fdt_getprop(const struct fdt *fdt, int node, const char *name,
			int *lenp)
{
	const char *pname;
	const void *val;
	int prop, len;

	for (prop = fdt_first_prop(fdt, node); prop >= 0;
	     prop = fdt_next_prop(fdt, prop)) {
		val = fdt_prop_at(fdt, prop, &pname, &len);
		if (val && strcmp(pname, name) == 0) {
			if (lenp)
				*lenp = len;
			return val;
		}
	}
	if (lenp)
		*lenp = prop;
	return NULL;
}

const char *fdt_getprop_str(const struct fdt *fdt, int node, const char *name)
{
	int len;
	const char *s = fdt_getprop(fdt, node, name, &len);

	if (!s || len <= 0 || s[len - 1] != '\0')
		return NULL;
	return s;
}

int fdt_getprop_u64(const struct fdt *fdt, int node, const char *name,
		    u64 *val)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return -ENOENT;
	if (len != 4 && len != 8)
		return -EINVAL;
	*val = fdt_read_cells(p, len / 4);
	return 0;
}

bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compat)
{
	int len;
	const char *p = fdt_getprop(fdt, node, "compatible", &len);
	const char *end, *nul;

	if (!p || len <= 0)
		return false;
	for (end = p + len; p < end; p = nul + 1) {
		nul = memchr(p, '\0', (size_t)(end - p));
		if (!nul)
			return false;
		if (strcmp(p, compat) == 0)
			return true;
	}
	return false;
}

/*
 * The child of parent named by the path component comp[0..len): an exact
 * name match, or else the only child whose name is "comp@...". -ENOENT if
 * there is none or several.
 */
static int fdt_find_child(const struct fdt *fdt, int parent, const char *comp,
			  size_t len)
{
	bool has_unit = memchr(comp, '@', len) != NULL;
	int child, match = -ENOENT, nmatch = 0;
	const char *name;

	for (child = fdt_first_child(fdt, parent); child >= 0;
	     child = fdt_next_sibling(fdt, child)) {
		name = fdt_get_name(fdt, child);
		if (strncmp(name, comp, len) != 0)
			continue;
		if (name[len] == '\0')
			return child;
		if (!has_unit && name[len] == '@') {
			match = child;
			nmatch++;
		}
	}
	return nmatch == 1 ? match : -ENOENT;
}

/* Walk the components of path (up to NUL or ':') down from node. */
static int fdt_walk_path(const struct fdt *fdt, int node, const char *path)
{
	const char *p = path;
	size_t len;

	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0' || *p == ':')
			return node;
		for (len = 0; p[len] && p[len] != '/' && p[len] != ':'; len++)
			;
		node = fdt_find_child(fdt, node, p, len);
		if (node < 0)
			return -ENOENT;
		p += len;
	}
}

/* Resolve a path that starts with an alias name. */
static int fdt_alias_path(const struct fdt *fdt, const char *path)
{
	const char *name, *target = NULL;
	const void *val;
	int aliases, prop, len;
	size_t n;

	for (n = 0; path[n] && path[n] != '/' && path[n] != ':'; n++)
		;
	aliases = fdt_find_child(fdt, 0, "aliases", 7);
	for (prop = fdt_first_prop(fdt, aliases); prop >= 0 && !target;
	     prop = fdt_next_prop(fdt, prop)) {
		val = fdt_prop_at(fdt, prop, &name, &len);
		if (val && strncmp(name, path, n) == 0 && name[n] == '\0' &&
		    len > 0 && ((const char *)val)[len - 1] == '\0')
			target = val;
	}
	if (!target || target[0] != '/')
		return -ENOENT;
	/* The alias names a full path; the rest of ours continues from it. */
	aliases = fdt_walk_path(fdt, 0, target);
	return aliases < 0 ? -ENOENT : fdt_walk_path(fdt, aliases, path + n);
}

int fdt_path_offset(const struct fdt *fdt, const char *path)
{
	if (!path || !path[0])
		return -ENOENT;
	if (path[0] != '/')
		return fdt_alias_path(fdt, path);
	return fdt_walk_path(fdt, 0, path);
}

int fdt_parent_offset(const struct fdt *fdt, int node)
{
	int cur = 0, child, best;

	if (fdt_node_body(fdt, node) < 0)
		return -EINVAL;
	if (node == 0)
		return -ENOENT;
	/* Descend through the last child at or before node each time. */
	for (;;) {
		best = -1;
		for (child = fdt_first_child(fdt, cur);
		     child >= 0 && child <= node;
		     child = fdt_next_sibling(fdt, child))
			best = child;
		if (best < 0)
			return -EINVAL;
		if (best == node)
			return cur;
		cur = best;
	}
}

u32 fdt_get_phandle(const struct fdt *fdt, int node)
{
	int len;
	const void *p = fdt_getprop(fdt, node, "phandle", &len);

	if (!p)
		p = fdt_getprop(fdt, node, "linux,phandle", &len);
	return p && len == 4 ? fdt_be32(p) : 0;
}

int fdt_next_node(const struct fdt *fdt, int node, int *depth)
{
	struct fdt_tag t;
	int off = fdt_node_body(fdt, node);

	if (off < 0)
		return off;
	for (;; off = t.next) {
		if (fdt_tag(fdt, off, &t))
			return -EINVAL;
		if (t.type == FDT_BEGIN_NODE) {
			(*depth)++;
			return off;
		}
		if (t.type == FDT_END_NODE && --(*depth) < 0)
			return -ENOENT;
		if (t.type == FDT_END)
			return -EINVAL;	/* a node was never closed */
	}
}

int fdt_node_by_phandle(const struct fdt *fdt, u32 phandle)
{
	struct fdt_tag t;
	int off = 0;

	if (phandle == 0 || phandle == 0xffffffffU)
		return -ENOENT;
	while (fdt_tag(fdt, off, &t) == 0 && t.type != FDT_END) {
		if (t.type == FDT_BEGIN_NODE && fdt_get_phandle(fdt, off) == phandle)
			return off;
		off = t.next;
	}
	return -ENOENT;
}

int fdt_num_memrsv(const struct fdt *fdt)
{
	const u8 *e;
	u32 off;
	int n = 0;

	for (off = fdt->off_memrsv; (u64)off + 16 <= fdt->totalsize;
	     off += 16, n++) {
		e = fdt->base + off;
		if (fdt_read_cells(e, 2) == 0 && fdt_read_cells(e + 8, 2) == 0)
			return n;
	}
	return -EINVAL;
}

int fdt_get_memrsv(const struct fdt *fdt, int i, u64 *addr, u64 *size)
{
	int n = fdt_num_memrsv(fdt);
	const u8 *e;

	if (n < 0)
		return n;
	if (i < 0 || i >= n)
		return -ENOENT;
	e = fdt->base + fdt->off_memrsv + 16 * (u32)i;
	*addr = fdt_read_cells(e, 2);
	*size = fdt_read_cells(e + 8, 2);
	return 0;
}

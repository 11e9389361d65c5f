/*
 * Machine description from the device tree (see <lib/dt.h>).
 *
 * One pre-order walk over every node (fdt_next_node). A small stack holds,
 * for each level of the current path, what children inherit: the node's
 * #address-cells/#size-cells (for decoding the children's "reg") and the
 * interrupt-parent in force. Which part of the tree a node is in is decided
 * by its top-level ancestor: /cpus, /reserved-memory, /chosen or other.
 *
 * All reads go through the bounds-checked fdt_* accessors, so a corrupt
 * blob gives -EINVAL or odd-but-bounded values, never a bad access.
 *
 * Pure code: no locks, no allocation; run once at boot.
 */
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <lib/dt.h>
#include <lib/fdt.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* Defaults when a node has no #address-cells / #size-cells. */
#define DT_DEFAULT_ADDR_CELLS 2
#define DT_DEFAULT_SIZE_CELLS 1
/* Cell counts above this are treated as corrupt (reg then ignored). */
#define DT_MAX_CELLS 4

/* The part of the tree a node lies in, from its top-level ancestor. */
enum dt_zone {
	DT_ZONE_OTHER,
	DT_ZONE_CPUS,		/* /cpus and below */
	DT_ZONE_RSVMEM,		/* /reserved-memory and below */
	DT_ZONE_CHOSEN,		/* /chosen and below */
};

/* What a node passes down to its children. */
struct dt_level {
	u32 addr_cells, size_cells;
	u32 irq_parent;
};

/* A u32 property (exactly one cell), or dflt if absent or malformed. */
static u32 dt_prop_u32(const struct fdt *fdt, int node, const char *name,
		       u32 dflt)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	return p && len == 4 ? (u32)fdt_read_cells(p, 1) : dflt;
}

/* A string property, or "" if absent or not NUL-terminated. */
static const char *dt_prop_str(const struct fdt *fdt, int node,
			       const char *name)
{
	const char *s = fdt_getprop_str(fdt, node, name);

	return s ? s : "";
}

static bool dt_status_ok(const struct fdt *fdt, int node)
{
	const char *s = fdt_getprop_str(fdt, node, "status");

	return !s || strcmp(s, "okay") == 0 || strcmp(s, "ok") == 0;
}

/*
 * Decode up to max (base, size) pairs of node's "reg" into out, using the
 * parent's cell counts. Returns the number stored; sets *overflow if
 * there were more.
 */
static int dt_read_reg(const struct fdt *fdt, int node,
		       const struct dt_level *parent, struct dt_range *out,
		       int max, bool *overflow)
{
	u32 ac = parent->addr_cells, sc = parent->size_cells;
	const u8 *p;
	int len, i, n;

	p = fdt_getprop(fdt, node, "reg", &len);
	if (!p || ac + sc == 0 || ac > DT_MAX_CELLS || sc > DT_MAX_CELLS)
		return 0;
	n = len / (int)(4 * (ac + sc));
	if (n > max) {
		*overflow = true;
		n = max;
	}
	for (i = 0; i < n; i++) {
		out[i].base = fdt_read_cells(p, (int)ac);
		out[i].size = fdt_read_cells(p + 4 * ac, (int)sc);
		p += 4 * (ac + sc);
	}
	return n;
}

/* Append r to a range table of max entries, or note the overflow. */
static void dt_add_range(struct dt_range *table, int *n, int max,
			 struct dt_range r, bool *overflow)
{
	if (*n < max)
		table[(*n)++] = r;
	else
		*overflow = true;
}

/* A node's reg ranges appended to a table (memory or reserved). */
static void dt_add_reg_ranges(struct dt_info *info, const struct fdt *fdt,
			      int node, const struct dt_level *parent,
			      struct dt_range *table, int *n, int max)
{
	struct dt_range r[DT_MAX_REG];
	int i, nr = dt_read_reg(fdt, node, parent, r, DT_MAX_REG,
				&info->truncated);

	for (i = 0; i < nr; i++) {
		if (r[i].size)
			dt_add_range(table, n, max, r[i], &info->truncated);
	}
}

static void dt_parse_chosen(struct dt_info *info, const struct fdt *fdt,
			    int node)
{
	u64 v;

	info->bootargs = dt_prop_str(fdt, node, "bootargs");
	info->stdout_path = dt_prop_str(fdt, node, "stdout-path");
	if (fdt_getprop_u64(fdt, node, "linux,initrd-start", &v) == 0)
		info->initrd_start = v;
	if (fdt_getprop_u64(fdt, node, "linux,initrd-end", &v) == 0)
		info->initrd_end = v;
}

/* The phandle of a cpu node's interrupt-controller child, 0 if none. */
static u32 dt_cpu_intc(const struct fdt *fdt, int cpu)
{
	int child;

	for (child = fdt_first_child(fdt, cpu); child >= 0;
	     child = fdt_next_sibling(fdt, child)) {
		if (fdt_getprop(fdt, child, "interrupt-controller", NULL))
			return fdt_get_phandle(fdt, child);
	}
	return 0;
}

/* A child of /cpus: a hart if its device_type is "cpu" and it has a reg. */
static void dt_parse_cpu(struct dt_info *info, const struct fdt *fdt,
			 int node, const struct dt_level *cpus)
{
	struct dt_range reg;
	struct dt_hart *h;
	bool overflow = false;
	u64 tb;

	if (strcmp(dt_prop_str(fdt, node, "device_type"), "cpu") != 0)
		return;
	if (dt_read_reg(fdt, node, cpus, &reg, 1, &overflow) != 1)
		return;
	if (info->nharts == DT_MAX_HARTS) {
		info->truncated = true;
		return;
	}
	h = &info->harts[info->nharts++];
	h->hartid = (u32)reg.base;
	h->phandle = fdt_get_phandle(fdt, node);
	h->intc_phandle = dt_cpu_intc(fdt, node);
	h->enabled = dt_status_ok(fdt, node);
	h->isa = dt_prop_str(fdt, node, "riscv,isa");
	if (!info->timebase_freq &&
	    fdt_getprop_u64(fdt, node, "timebase-frequency", &tb) == 0)
		info->timebase_freq = tb;
}

static bool dt_is_device(const struct fdt *fdt, int node)
{
	return fdt_getprop(fdt, node, "reg", NULL) ||
	       fdt_getprop(fdt, node, "interrupts", NULL) ||
	       fdt_getprop(fdt, node, "interrupts-extended", NULL);
}

static void dt_parse_device(struct dt_info *info, const struct fdt *fdt,
			    int node, const struct dt_level *parent,
			    u32 irq_parent)
{
	struct dt_device *d;
	const u8 *irqs;
	int len, i;

	if (info->ndev == DT_MAX_DEVICES) {
		info->truncated = true;
		return;
	}
	d = &info->dev[info->ndev++];
	d->name = fdt_get_name(fdt, node);
	d->compatible = dt_prop_str(fdt, node, "compatible");
	d->node = node;
	d->phandle = fdt_get_phandle(fdt, node);
	d->irq_parent = irq_parent;
	d->enabled = dt_status_ok(fdt, node);
	d->nreg = dt_read_reg(fdt, node, parent, d->reg, DT_MAX_REG,
			      &info->truncated);
	irqs = fdt_getprop(fdt, node, "interrupts", &len);
	d->nirq = irqs ? len / 4 : 0;
	if (d->nirq > DT_MAX_IRQS) {
		d->nirq = DT_MAX_IRQS;
		info->truncated = true;
	}
	for (i = 0; i < d->nirq; i++)
		d->irq[i] = (u32)fdt_read_cells(irqs + 4 * i, 1);
}

/* The zone of a top-level node (a child of the root). */
static enum dt_zone dt_top_zone(const struct fdt *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node);

	if (strcmp(name, "cpus") == 0)
		return DT_ZONE_CPUS;
	if (strcmp(name, "reserved-memory") == 0)
		return DT_ZONE_RSVMEM;
	if (strcmp(name, "chosen") == 0)
		return DT_ZONE_CHOSEN;
	return DT_ZONE_OTHER;
}

/*
 * Handle one non-root node at depth (>= 1) in zone, given its parent's
 * level; fill in the level its own children will see.
 */
static void dt_visit(struct dt_info *info, const struct fdt *fdt, int node,
		     int depth, enum dt_zone zone,
		     const struct dt_level *parent, struct dt_level *self)
{
	self->addr_cells = dt_prop_u32(fdt, node, "#address-cells",
				       DT_DEFAULT_ADDR_CELLS);
	self->size_cells = dt_prop_u32(fdt, node, "#size-cells",
				       DT_DEFAULT_SIZE_CELLS);
	self->irq_parent = dt_prop_u32(fdt, node, "interrupt-parent",
				       parent->irq_parent);

	if (zone == DT_ZONE_CPUS) {
		u64 tb;

		if (depth == 1 &&
		    fdt_getprop_u64(fdt, node, "timebase-frequency", &tb) == 0)
			info->timebase_freq = tb;
		if (depth == 2)
			dt_parse_cpu(info, fdt, node, parent);
		return;
	}
	if (zone == DT_ZONE_RSVMEM) {
		if (depth == 2)
			dt_add_reg_ranges(info, fdt, node, parent, info->rsv,
					  &info->nrsv, DT_MAX_RSV);
		return;
	}
	if (zone == DT_ZONE_CHOSEN && depth == 1)
		dt_parse_chosen(info, fdt, node);
	if (strcmp(dt_prop_str(fdt, node, "device_type"), "memory") == 0)
		dt_add_reg_ranges(info, fdt, node, parent, info->mem,
				  &info->nmem, DT_MAX_MEM);
	else if (dt_is_device(fdt, node))
		dt_parse_device(info, fdt, node, parent, self->irq_parent);
}

/* Start the table of reserved ranges with the /memreserve/ entries. */
static int dt_parse_memrsv(struct dt_info *info, const struct fdt *fdt)
{
	struct dt_range r;
	int i, n = fdt_num_memrsv(fdt);

	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (fdt_get_memrsv(fdt, i, &r.base, &r.size) == 0 && r.size)
			dt_add_range(info->rsv, &info->nrsv, DT_MAX_RSV, r,
				     &info->truncated);
	}
	return 0;
}

int dt_parse(struct dt_info *info, const struct fdt *fdt)
{
	struct dt_level level[DT_MAX_DEPTH];
	enum dt_zone zone = DT_ZONE_OTHER;
	int node = 0, depth = 0;

	memset(info, 0, sizeof(*info));
	info->bootargs = "";
	info->stdout_path = "";
	if (dt_parse_memrsv(info, fdt) < 0 || !fdt_get_name(fdt, 0))
		return -EINVAL;
	level[0].addr_cells = dt_prop_u32(fdt, 0, "#address-cells",
					  DT_DEFAULT_ADDR_CELLS);
	level[0].size_cells = dt_prop_u32(fdt, 0, "#size-cells",
					  DT_DEFAULT_SIZE_CELLS);
	level[0].irq_parent = dt_prop_u32(fdt, 0, "interrupt-parent", 0);
	while ((node = fdt_next_node(fdt, node, &depth)) >= 0) {
		if (depth >= DT_MAX_DEPTH) {
			info->truncated = true;
			continue;
		}
		if (depth == 1)
			zone = dt_top_zone(fdt, node);
		dt_visit(info, fdt, node, depth, zone, &level[depth - 1],
			 &level[depth]);
	}
	return node == -ENOENT ? 0 : -EINVAL;
}

const struct dt_device *dt_find_compatible(const struct dt_info *info,
					   const struct fdt *fdt,
					   const char *compat, int nth)
{
	int i;

	for (i = 0; i < info->ndev; i++) {
		if (fdt_is_compatible(fdt, info->dev[i].node, compat) &&
		    nth-- == 0)
			return &info->dev[i];
	}
	return NULL;
}

int dt_hart_index(const struct dt_info *info, u32 hartid)
{
	int i;

	for (i = 0; i < info->nharts; i++) {
		if (info->harts[i].hartid == hartid)
			return i;
	}
	return -ENOENT;
}

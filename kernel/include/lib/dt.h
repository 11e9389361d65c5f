/*
 * Machine description from the device tree (kernel/lib/dt.c).
 *
 * dt_parse walks the whole tree once and fills a fixed-size struct dt_info
 * with what boot needs: RAM, reserved ranges, harts, the timebase, the
 * /chosen settings and every device node's registers and interrupts. No
 * allocation: struct dt_info is large (~10 KiB) and belongs in .bss.
 * Strings point into the blob, which must stay mapped while they are used.
 *
 * "reg" values are decoded with the parent's #address-cells/#size-cells
 * (defaults 2 and 1); "ranges" are not applied, which is exact for QEMU
 * virt, whose buses map 1:1. Cells beyond 64 bits keep the low 64 bits.
 */
#ifndef LIB_DT_H
#define LIB_DT_H

#include <kernel/types.h>
#include <lib/fdt.h>

#define DT_MAX_MEM 8
#define DT_MAX_RSV 16
#define DT_MAX_HARTS 16
#define DT_MAX_DEVICES 64
#define DT_MAX_REG 4
#define DT_MAX_IRQS 8
#define DT_MAX_DEPTH 16		/* deeper nodes are skipped (truncated) */

struct dt_range {
	u64 base, size;
};

struct dt_hart {
	u32 hartid;		/* "reg" */
	u32 phandle;
	u32 intc_phandle;	/* its interrupt-controller child, 0 if none */
	bool enabled;		/* "status" absent, "okay" or "ok" */
	const char *isa;	/* "riscv,isa", or "" */
};

struct dt_device {
	const char *name;	/* node name, e.g. "serial@10000000" */
	const char *compatible;	/* first compatible string, or "" */
	int node;		/* fdt node offset */
	u32 phandle;		/* 0 if none */
	u32 irq_parent;		/* interrupt-parent, inherited; 0 if none */
	bool enabled;		/* "status" absent, "okay" or "ok" */
	int nreg;
	struct dt_range reg[DT_MAX_REG];
	int nirq;
	u32 irq[DT_MAX_IRQS];	/* "interrupts", one cell each */
};

struct dt_info {
	int nmem;
	struct dt_range mem[DT_MAX_MEM];	/* device_type = "memory" reg */
	int nrsv;
	struct dt_range rsv[DT_MAX_RSV];	/* /memreserve/, then
						 * /reserved-memory children */
	int nharts;
	struct dt_hart harts[DT_MAX_HARTS];	/* /cpus device_type = "cpu"
						 * children, tree order */
	u64 timebase_freq;			/* /cpus, else the first cpu's */
	const char *bootargs;			/* /chosen, or "" */
	const char *stdout_path;		/* /chosen, or "" */
	u64 initrd_start, initrd_end;		/* /chosen linux,initrd-*, or 0 */
	int ndev;
	/*
	 * Every other node with "reg", "interrupts" or "interrupts-extended",
	 * in tree order; not the root, memory nodes, or anything under /cpus
	 * or /reserved-memory.
	 */
	struct dt_device dev[DT_MAX_DEVICES];
	bool truncated;				/* some table or depth overflowed */
};

/*
 * Fill *info from the opened tree. Entries that do not fit are dropped and
 * info->truncated set. Returns 0, or -EINVAL if the blob is corrupt (info
 * then holds what was read before the corruption).
 */
int dt_parse(struct dt_info *info, const struct fdt *fdt);

/*
 * The nth (0-based) device whose compatible list contains compat, or NULL.
 */
const struct dt_device *dt_find_compatible(const struct dt_info *info,
					   const struct fdt *fdt,
					   const char *compat, int nth);

/* The index in info->harts of the hart with this hartid, or -ENOENT. */
int dt_hart_index(const struct dt_info *info, u32 hartid);

#endif /* LIB_DT_H */

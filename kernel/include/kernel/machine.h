/*
 * What the device tree says about this machine, parsed once at boot by
 * start_kernel() and read-only afterwards.
 */
#ifndef KERNEL_MACHINE_H
#define KERNEL_MACHINE_H

#include <lib/cmdline.h>
#include <lib/dt.h>
#include <lib/fdt.h>

extern struct fdt machine_fdt;       /* [I] */
extern struct dt_info machine_dt;    /* [I] */
extern struct cmdline kernel_cmdline;/* [I] */
extern u64 memory_total;             /* [I] bytes of RAM */
extern u64 boot_time_start;          /* [I] time CSR at kernel entry */

const struct dt_device *machine_find(const char *compatible, int nth);

#endif /* KERNEL_MACHINE_H */

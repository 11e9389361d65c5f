/*
 * Unit tests for kernel/lib/dt.c: the machine description of the QEMU
 * virt fixtures, a hand-built tree exercising every rule (cell sizes,
 * inheritance of interrupt-parent, /memreserve/ and /reserved-memory,
 * /chosen, disabled and non-dense harts), table overflow, and dt_parse on
 * truncated and randomly corrupted blobs (ASan-checked, results sane).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>

#include "fdt_builder.h"
#include "unit_util.h"
#include "host_rename.h"
#include <lib/dt.h>
#include <lib/fdt.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* dt_info is ~10 KiB; keep it off the test's stack as the kernel does. */
static struct dt_info info;

struct fixture {
	const char *file;
	int nharts;
	u64 memsize;
};

static const struct fixture fixtures[] = {
	{ "virt-1hart-2g.dtb", 1, 2ULL << 30 },
	{ "virt-4hart-512m.dtb", 4, 512ULL << 20 },
	{ "virt-8hart-2g.dtb", 8, 2ULL << 30 },
};

static void *open_blob(const char *file, struct fdt *f)
{
	size_t len;
	void *blob = unit_load_fixture(file, &len);

	assert_int_equal(fdt_open(f, blob, len), 0);
	return blob;
}

static void check_harts(const struct fdt *f, int nharts)
{
	int i, intc;

	assert_int_equal(info.nharts, nharts);
	for (i = 0; i < nharts; i++) {
		const struct dt_hart *h = &info.harts[i];

		assert_int_equal(h->hartid, i);
		assert_true(h->enabled);
		assert_true(h->phandle != 0);
		assert_true(str_has_prefix(h->isa, "rv64imafdc"));
		intc = fdt_node_by_phandle(f, h->intc_phandle);
		assert_true(intc > 0);
		assert_int_equal(fdt_parent_offset(f, intc),
				 fdt_node_by_phandle(f, h->phandle));
		assert_int_equal(dt_hart_index(&info, (u32)i), i);
	}
	assert_int_equal(dt_hart_index(&info, (u32)nharts), -ENOENT);
}

static const struct dt_device *find_one(const struct fdt *f, const char *compat)
{
	const struct dt_device *d = dt_find_compatible(&info, f, compat, 0);

	assert_non_null(d);
	assert_null(dt_find_compatible(&info, f, compat, 1));
	return d;
}

static void check_devices(const struct fdt *f)
{
	const struct dt_device *uart, *rtc, *plic, *d;
	unsigned irqs_seen = 0;
	int i;

	plic = find_one(f, "riscv,plic0");
	assert_string_equal(plic->name, "plic@c000000");
	assert_string_equal(plic->compatible, "sifive,plic-1.0.0");
	assert_true(plic->phandle != 0);
	assert_int_equal(fdt_node_by_phandle(f, plic->phandle), plic->node);
	assert_int_equal(plic->nreg, 1);
	assert_true(plic->reg[0].base == 0xc000000 && plic->reg[0].size == 0x600000);
	assert_int_equal(plic->nirq, 0);	/* interrupts-extended only */

	uart = find_one(f, "ns16550a");
	assert_string_equal(uart->name, "serial@10000000");
	assert_int_equal(uart->nreg, 1);
	assert_true(uart->reg[0].base == 0x10000000 && uart->reg[0].size == 0x100);
	assert_int_equal(uart->nirq, 1);
	assert_int_equal(uart->irq[0], 10);
	assert_int_equal(uart->irq_parent, plic->phandle);
	assert_true(uart->enabled);

	rtc = find_one(f, "google,goldfish-rtc");
	assert_true(rtc->reg[0].base == 0x101000 && rtc->reg[0].size == 0x1000);
	assert_int_equal(rtc->nirq, 1);
	assert_int_equal(rtc->irq[0], 11);
	assert_int_equal(rtc->irq_parent, plic->phandle);

	for (i = 0; (d = dt_find_compatible(&info, f, "virtio,mmio", i)); i++) {
		assert_int_equal(d->nreg, 1);
		assert_int_equal(d->nirq, 1);
		assert_true(d->irq[0] >= 1 && d->irq[0] <= 8);
		assert_true(d->reg[0].base == 0x10000000 + 0x1000ULL * d->irq[0]);
		assert_true(d->reg[0].size == 0x1000);
		irqs_seen |= 1u << d->irq[0];
	}
	assert_int_equal(i, 8);
	assert_int_equal(irqs_seen, 0x1fe);

	assert_int_equal(find_one(f, "cfi-flash")->nreg, 2);
	find_one(f, "riscv,clint0");
	find_one(f, "qemu,fw-cfg-mmio");
	find_one(f, "pci-host-ecam-generic");
	find_one(f, "syscon");
	assert_null(dt_find_compatible(&info, f, "riscv,cpu-intc", 0));
	assert_null(dt_find_compatible(&info, f, "qemu,platform", 0));
	assert_int_equal(info.ndev, 16);
	for (i = 0; i < info.ndev; i++) {
		assert_false(str_has_prefix(info.dev[i].name, "cpu"));
		assert_false(str_has_prefix(info.dev[i].name, "memory"));
		assert_false(str_has_prefix(info.dev[i].name, "interrupt-controller"));
	}
}

static void test_fixtures(void **state)
{
	struct fdt f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		void *blob = open_blob(fixtures[i].file, &f);

		assert_int_equal(dt_parse(&info, &f), 0);
		assert_false(info.truncated);
		assert_int_equal(info.nmem, 1);
		assert_true(info.mem[0].base == 0x80000000);
		assert_true(info.mem[0].size == fixtures[i].memsize);
		assert_int_equal(info.nrsv, 0);
		assert_true(info.timebase_freq == 10000000);
		assert_string_equal(info.bootargs, "");
		assert_string_equal(info.stdout_path, "/soc/serial@10000000");
		assert_int_equal(fdt_path_offset(&f, info.stdout_path),
				 find_one(&f, "ns16550a")->node);
		assert_true(info.initrd_start == 0 && info.initrd_end == 0);
		check_harts(&f, fixtures[i].nharts);
		check_devices(&f);
		free(blob);
	}
}

/*
 * QEMU's own blob for "-machine virt -m 512M -initrd FILE" with a
 * 300000-byte FILE (dumped with dumpdtb, compacted by dtc): /chosen gives
 * the initrd range in 32-bit cells, and it lies inside RAM.
 */
static void test_fixture_initrd(void **state)
{
	struct fdt f;
	void *blob;

	(void)state;
	blob = open_blob("virt-1hart-512m-initrd.dtb", &f);
	assert_int_equal(dt_parse(&info, &f), 0);
	assert_false(info.truncated);
	assert_true(info.initrd_start == 0x88200000);
	assert_true(info.initrd_end == 0x88200000 + 300000);
	assert_true(info.initrd_start >= info.mem[0].base &&
		    info.initrd_end <= info.mem[0].base + info.mem[0].size);
	assert_true(info.mem[0].size == 512ULL << 20);
	assert_int_equal(info.nharts, 1);
	free(blob);
}

/*
 * A tree that touches every rule of dt_parse, in three parts: /chosen,
 * memory and reserved memory; /cpus; devices on buses.
 */
static void machine_memory(struct fdtb *b)
{
	fdtb_begin_node(b, "chosen");
	fdtb_prop_str(b, "bootargs", "console=ttyS0 loglevel=7");
	fdtb_prop_str(b, "stdout-path", "serial0:115200n8");
	fdtb_prop_u32(b, "linux,initrd-start", 0x84000000);
	fdtb_prop_u64(b, "linux,initrd-end", 0x184100000ULL);
	fdtb_end_node(b);

	fdtb_begin_node(b, "memory@80000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 8, (uint32_t[]){ 0, 0x80000000, 0, 0x40000000,
						   1, 0, 0, 0x40000000 });
	fdtb_end_node(b);

	fdtb_begin_node(b, "reserved-memory");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_begin_node(b, "mmode@80000000");
	fdtb_prop_cells(b, "reg", 4, (uint32_t[]){ 0, 0x80000000, 0, 0x40000 });
	fdtb_prop_empty(b, "no-map");
	fdtb_end_node(b);
	fdtb_begin_node(b, "dynamic");			/* size only: no range */
	fdtb_prop_u64(b, "size", 0x100000);
	fdtb_end_node(b);
	fdtb_end_node(b);
}

static void machine_cpus(struct fdtb *b)
{
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	fdtb_begin_node(b, "cpu@1");
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u32(b, "reg", 1);
	fdtb_prop_str(b, "status", "okay");
	fdtb_prop_str(b, "riscv,isa", "rv64imac");
	fdtb_prop_u32(b, "timebase-frequency", 1000000);
	fdtb_prop_u32(b, "phandle", 0x10);
	fdtb_begin_node(b, "interrupt-controller");
	fdtb_prop_empty(b, "interrupt-controller");
	fdtb_prop_u32(b, "phandle", 0x11);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_begin_node(b, "cpu@3");
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u32(b, "reg", 3);
	fdtb_prop_str(b, "status", "disabled");
	fdtb_prop_u32(b, "timebase-frequency", 2000000);	/* not first */
	fdtb_end_node(b);
	fdtb_begin_node(b, "cpu@5");			/* no device_type */
	fdtb_prop_u32(b, "reg", 5);
	fdtb_end_node(b);
	fdtb_begin_node(b, "cpu-map");
	fdtb_begin_node(b, "cluster0");
	fdtb_begin_node(b, "core0");
	fdtb_prop_u32(b, "cpu", 0x10);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
}

static void machine_devices(struct fdtb *b)
{
	fdtb_begin_node(b, "bus@40000000");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 1);
	fdtb_prop_u32(b, "interrupt-parent", 0x20);
	fdtb_begin_node(b, "uart@1000");
	fdtb_prop_cells(b, "reg", 2, (uint32_t[]){ 0x1000, 0x100 });
	fdtb_prop_u32(b, "interrupts", 5);
	fdtb_prop(b, "compatible", "vendor,uart\0ns16550a", 21);
	fdtb_end_node(b);
	fdtb_begin_node(b, "sub");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 1);
	fdtb_begin_node(b, "dev@2000");
	fdtb_prop_cells(b, "reg", 4, (uint32_t[]){ 0x2000, 0x10, 0x3000, 0x10 });
	fdtb_prop_cells(b, "interrupts", 3, (uint32_t[]){ 1, 2, 3 });
	fdtb_prop_str(b, "status", "disabled");
	fdtb_end_node(b);
	fdtb_begin_node(b, "irqonly");
	fdtb_prop_cells(b, "interrupts-extended", 2, (uint32_t[]){ 0x11, 9 });
	fdtb_prop_u32(b, "interrupt-parent", 0x30);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);

	fdtb_begin_node(b, "intc@c000000");
	fdtb_prop_u32(b, "phandle", 0x20);
	fdtb_prop_cells(b, "reg", 4, (uint32_t[]){ 0, 0xc000000, 0, 0x1000 });
	fdtb_prop_empty(b, "interrupt-controller");
	fdtb_prop_str(b, "compatible", "riscv,plic0");
	fdtb_end_node(b);

	fdtb_begin_node(b, "weird-cells");
	fdtb_prop_u32(b, "#address-cells", 5);
	fdtb_begin_node(b, "child");
	fdtb_prop_cells(b, "reg", 6, (uint32_t[]){ 1, 2, 3, 4, 5, 6 });
	fdtb_end_node(b);
	fdtb_end_node(b);
}

static void *build_machine(size_t *len)
{
	struct fdtb b;

	fdtb_init(&b);
	fdtb_memrsv(&b, 0x80000000, 0x200000);
	fdtb_memrsv(&b, 0x90000000, 0);		/* empty: ignored */
	fdtb_begin_node(&b, "");
	fdtb_prop_u32(&b, "#address-cells", 2);
	fdtb_prop_u32(&b, "#size-cells", 2);
	machine_memory(&b);
	machine_cpus(&b);
	machine_devices(&b);
	fdtb_end_node(&b);
	return fdtb_finish(&b, len);
}

static void check_machine_memory(void)
{
	assert_int_equal(info.nrsv, 2);
	assert_true(info.rsv[0].base == 0x80000000 && info.rsv[0].size == 0x200000);
	assert_true(info.rsv[1].base == 0x80000000 && info.rsv[1].size == 0x40000);
	assert_int_equal(info.nmem, 2);
	assert_true(info.mem[0].base == 0x80000000 && info.mem[0].size == 1ULL << 30);
	assert_true(info.mem[1].base == 1ULL << 32 && info.mem[1].size == 1ULL << 30);

	assert_string_equal(info.bootargs, "console=ttyS0 loglevel=7");
	assert_string_equal(info.stdout_path, "serial0:115200n8");
	assert_true(info.initrd_start == 0x84000000);
	assert_true(info.initrd_end == 0x184100000ULL);
}

static void check_machine_harts(void)
{
	assert_int_equal(info.nharts, 2);
	assert_int_equal(info.harts[0].hartid, 1);
	assert_true(info.harts[0].enabled);
	assert_string_equal(info.harts[0].isa, "rv64imac");
	assert_int_equal(info.harts[0].phandle, 0x10);
	assert_int_equal(info.harts[0].intc_phandle, 0x11);
	assert_int_equal(info.harts[1].hartid, 3);
	assert_false(info.harts[1].enabled);
	assert_string_equal(info.harts[1].isa, "");
	assert_int_equal(info.harts[1].phandle, 0);
	assert_int_equal(info.harts[1].intc_phandle, 0);
	assert_true(info.timebase_freq == 1000000);
	assert_int_equal(dt_hart_index(&info, 3), 1);
	assert_int_equal(dt_hart_index(&info, 0), -ENOENT);
}

static void check_machine_devices(const struct fdt *f)
{
	const struct dt_device *d;

	assert_int_equal(info.ndev, 5);
	d = &info.dev[0];
	assert_string_equal(d->name, "uart@1000");
	assert_string_equal(d->compatible, "vendor,uart");
	assert_ptr_equal(dt_find_compatible(&info, f, "ns16550a", 0), d);
	assert_int_equal(d->nreg, 1);
	assert_true(d->reg[0].base == 0x1000 && d->reg[0].size == 0x100);
	assert_int_equal(d->irq_parent, 0x20);
	assert_int_equal(d->nirq, 1);
	assert_int_equal(d->irq[0], 5);
	d = &info.dev[1];
	assert_string_equal(d->name, "dev@2000");
	assert_string_equal(d->compatible, "");
	assert_false(d->enabled);
	assert_int_equal(d->nreg, 2);
	assert_true(d->reg[1].base == 0x3000 && d->reg[1].size == 0x10);
	assert_int_equal(d->nirq, 3);
	assert_int_equal(d->irq[2], 3);
	assert_int_equal(d->irq_parent, 0x20);	/* inherited from bus@ */
	d = &info.dev[2];
	assert_string_equal(d->name, "irqonly");
	assert_int_equal(d->nreg, 0);
	assert_int_equal(d->nirq, 0);
	assert_int_equal(d->irq_parent, 0x30);
	d = &info.dev[3];
	assert_string_equal(d->name, "intc@c000000");
	assert_int_equal(d->phandle, 0x20);
	assert_int_equal(d->irq_parent, 0);
	assert_true(d->reg[0].base == 0xc000000);
	d = &info.dev[4];
	assert_string_equal(d->name, "child");
	assert_int_equal(d->nreg, 0);		/* #address-cells 5: ignored */
}

static void test_machine(void **state)
{
	size_t len;
	void *blob = build_machine(&len);
	struct fdt f;

	(void)state;
	assert_int_equal(fdt_open(&f, blob, len), 0);
	assert_int_equal(dt_parse(&info, &f), 0);
	assert_false(info.truncated);
	check_machine_memory();
	check_machine_harts();
	check_machine_devices(&f);
	free(blob);
}

/* Defaults (#address-cells 2, #size-cells 1) and the timebase on /cpus. */
static void test_defaults(void **state)
{
	struct fdtb b;
	struct fdt f;
	size_t len;
	void *blob;

	(void)state;
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	fdtb_begin_node(&b, "cpus");
	fdtb_prop_u64(&b, "timebase-frequency", 0x100000000ULL);
	fdtb_end_node(&b);
	fdtb_begin_node(&b, "dev@1000");
	fdtb_prop_cells(&b, "reg", 3, (uint32_t[]){ 0, 0x1000, 0x10 });
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	blob = fdtb_finish(&b, &len);
	assert_int_equal(fdt_open(&f, blob, len), 0);
	assert_int_equal(dt_parse(&info, &f), 0);
	assert_true(info.timebase_freq == 0x100000000ULL);
	assert_int_equal(info.nharts, 0);
	assert_int_equal(info.ndev, 1);
	assert_true(info.dev[0].reg[0].base == 0x1000);
	assert_true(info.dev[0].reg[0].size == 0x10);
	assert_string_equal(info.bootargs, "");
	assert_string_equal(info.stdout_path, "");
	free(blob);
}

/* Every table overflowing: keep what fits and say so. */
static void test_overflow(void **state)
{
	struct fdtb b;
	struct fdt f;
	size_t len;
	void *blob;
	int i;

	(void)state;
	fdtb_init(&b);
	for (i = 0; i < 20; i++)
		fdtb_memrsv(&b, 0x1000 * (uint64_t)(i + 1), 0x1000);
	fdtb_begin_node(&b, "");
	fdtb_begin_node(&b, "cpus");
	fdtb_prop_u32(&b, "#address-cells", 1);
	fdtb_prop_u32(&b, "#size-cells", 0);
	for (i = 0; i < 20; i++) {
		fdtb_begin_node(&b, "cpu");
		fdtb_prop_str(&b, "device_type", "cpu");
		fdtb_prop_u32(&b, "reg", (uint32_t)i);
		fdtb_end_node(&b);
	}
	fdtb_end_node(&b);
	for (i = 0; i < 12; i++) {
		fdtb_begin_node(&b, "memory");
		fdtb_prop_str(&b, "device_type", "memory");
		fdtb_prop_cells(&b, "reg", 3, (uint32_t[]){ (uint32_t)i, 0, 0x1000 });
		fdtb_end_node(&b);
	}
	for (i = 0; i < 70; i++) {
		fdtb_begin_node(&b, "dev");
		fdtb_prop_u32(&b, "interrupts", (uint32_t)i);
		fdtb_end_node(&b);
	}
	fdtb_end_node(&b);
	blob = fdtb_finish(&b, &len);
	assert_int_equal(fdt_open(&f, blob, len), 0);
	assert_int_equal(dt_parse(&info, &f), 0);
	assert_true(info.truncated);
	assert_int_equal(info.nrsv, DT_MAX_RSV);
	assert_int_equal(info.nharts, DT_MAX_HARTS);
	assert_int_equal(info.harts[DT_MAX_HARTS - 1].hartid, DT_MAX_HARTS - 1);
	assert_int_equal(info.nmem, DT_MAX_MEM);
	assert_int_equal(info.ndev, DT_MAX_DEVICES);
	assert_int_equal(info.dev[DT_MAX_DEVICES - 1].irq[0], DT_MAX_DEVICES - 1);
	free(blob);
}

/* Too deep: nodes below DT_MAX_DEPTH are skipped. */
static void test_overflow_depth(void **state)
{
	struct fdtb b;
	struct fdt f;
	size_t len;
	void *blob;
	int i;

	(void)state;
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	for (i = 1; i <= DT_MAX_DEPTH + 4; i++) {
		fdtb_begin_node(&b, "n");
		fdtb_prop_u32(&b, "interrupts", (uint32_t)i);
	}
	for (i = 1; i <= DT_MAX_DEPTH + 4; i++)
		fdtb_end_node(&b);
	fdtb_begin_node(&b, "after");
	fdtb_prop_u32(&b, "interrupts", 99);
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	blob = fdtb_finish(&b, &len);
	assert_int_equal(fdt_open(&f, blob, len), 0);
	assert_int_equal(dt_parse(&info, &f), 0);
	assert_true(info.truncated);
	assert_int_equal(info.ndev, DT_MAX_DEPTH);	/* depths 1..15, "after" */
	assert_int_equal(info.dev[DT_MAX_DEPTH - 1].irq[0], 99);
	free(blob);
}

/* s is "" or a NUL-terminated string inside the blob. */
static void assert_sane_string(const struct fdt *f, const char *s)
{
	const u8 *p = (const u8 *)s, *end = f->base + f->totalsize;

	assert_non_null(s);
	if (s[0] == '\0')
		return;
	assert_true(p >= f->base && p < end);
	assert_non_null(memchr(s, '\0', (size_t)(end - p)));
}

/* Whatever dt_parse returned, the info must be in range and pointers sane. */
static void check_sane(const struct fdt *f)
{
	int i;

	assert_true(info.nmem >= 0 && info.nmem <= DT_MAX_MEM);
	assert_true(info.nrsv >= 0 && info.nrsv <= DT_MAX_RSV);
	assert_true(info.nharts >= 0 && info.nharts <= DT_MAX_HARTS);
	assert_true(info.ndev >= 0 && info.ndev <= DT_MAX_DEVICES);
	assert_sane_string(f, info.bootargs);
	assert_sane_string(f, info.stdout_path);
	for (i = 0; i < info.nharts; i++)
		assert_sane_string(f, info.harts[i].isa);
	for (i = 0; i < info.ndev; i++) {
		const struct dt_device *d = &info.dev[i];

		assert_sane_string(f, d->name);
		assert_sane_string(f, d->compatible);
		assert_non_null(fdt_get_name(f, d->node));
		assert_true(d->nreg >= 0 && d->nreg <= DT_MAX_REG);
		assert_true(d->nirq >= 0 && d->nirq <= DT_MAX_IRQS);
	}
	dt_find_compatible(&info, f, "virtio,mmio", 3);
	dt_hart_index(&info, 0);
}

static void test_truncated(void **state)
{
	size_t i, len, l;
	struct fdt f;
	int parsed = 0;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		uint8_t *blob = unit_load_fixture(fixtures[i].file, &len);

		for (l = 0; l <= len; l++) {
			uint8_t *cut = fdtb_truncate(blob, l);

			if (fdt_open(&f, cut, l) == 0) {
				int err = dt_parse(&info, &f);

				assert_true(err == 0 || err == -EINVAL);
				parsed += err == 0;
				check_sane(&f);
			}
			free(cut);
		}
		free(blob);
	}
	assert_true(parsed >= 3);	/* at least the untruncated ones */
}

static void test_random_corruption(void **state)
{
	size_t i, len;
	struct unit_rng rng;
	struct fdt f;
	int iter, parsed = 0;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		uint8_t *blob = unit_load_fixture(fixtures[i].file, &len);

		unit_rng_seed(&rng, 77 + i);
		for (iter = 0; iter < 1500; iter++) {
			uint8_t *bad = malloc(len);

			memcpy(bad, blob, len);
			fdtb_mutate(bad, len, &rng);
			if (fdt_open(&f, bad, len) == 0) {
				int err = dt_parse(&info, &f);

				assert_true(err == 0 || err == -EINVAL);
				parsed += err == 0;
				check_sane(&f);
			}
			free(bad);
		}
		free(blob);
	}
	assert_true(parsed > 500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_fixture_initrd),
		cmocka_unit_test(test_machine),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_overflow_depth),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_random_corruption),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

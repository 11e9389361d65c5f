/*
 * Unit tests for kernel/lib/fdt.c.
 *
 * The fixtures are QEMU virt device trees (1, 4 and 8 harts). Besides the
 * API on real trees, the reader is attacked: blobs truncated at every
 * length, thousands of random corruptions with fixed seeds, and
 * hand-built malicious blobs. Every blob lives in a malloc'd buffer of
 * exactly its size, so AddressSanitizer reports any read outside it; every
 * walk is capped and the cap asserted, so a loop that does not end fails
 * instead of hanging.
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
#include <lib/fdt.h>
#include <lib/string.h>
#include <uapi/errno.h>

static const char *const fixtures[] = {
	"virt-1hart-2g.dtb", "virt-4hart-512m.dtb", "virt-8hart-2g.dtb",
};

static void put_be32(void *p, uint32_t v)
{
	uint8_t *b = p;

	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static uint32_t get_be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

static void *dup_exact(const void *src, size_t len)
{
	void *p = malloc(len ? len : 1);

	memcpy(p, src, len);
	return p;
}

static void open_fixture(const char *name, struct fdt *f, void **blob,
			 size_t *len)
{
	*blob = unit_load_fixture(name, len);
	assert_int_equal(fdt_open(f, *blob, *len), 0);
}

/* p[0..len) lies inside the opened blob. */
static void assert_in_blob(const struct fdt *f, const void *p, size_t len)
{
	const uint8_t *b = p;

	assert_true(b >= f->base && b <= f->base + f->totalsize);
	assert_true(len <= (size_t)(f->base + f->totalsize - b));
}

static void assert_string_in_blob(const struct fdt *f, const char *s)
{
	assert_in_blob(f, s, 1);
	assert_non_null(memchr(s, '\0', (size_t)(f->base + f->totalsize -
						  (const uint8_t *)s)));
}

/* ------------------------------------------------------------- fixtures */

static void test_open(void **state)
{
	size_t i, len;
	struct fdt f;
	uint8_t *blob, *bad;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		open_fixture(fixtures[i], &f, (void **)&blob, &len);
		assert_int_equal(f.totalsize, len);
		assert_int_equal(fdt_open(&f, blob, len - 1), -EINVAL);
		assert_int_equal(fdt_open(&f, blob, 39), -EINVAL);
		assert_int_equal(fdt_open(&f, NULL, len), -EINVAL);
		assert_int_equal(fdt_open(&f, blob, len + 100), 0);

		bad = dup_exact(blob, len);
		bad[0] ^= 1;				/* magic */
		assert_int_equal(fdt_open(&f, bad, len), -EINVAL);
		memcpy(bad, blob, len);
		put_be32(bad + 20, 16);			/* version */
		assert_int_equal(fdt_open(&f, bad, len), -EINVAL);
		memcpy(bad, blob, len);
		put_be32(bad + 24, 18);			/* last_comp_version */
		assert_int_equal(fdt_open(&f, bad, len), -EINVAL);
		memcpy(bad, blob, len);
		put_be32(bad + 36, (uint32_t)len);	/* size_dt_struct */
		assert_int_equal(fdt_open(&f, bad, len), -EINVAL);
		memcpy(bad, blob, len);
		put_be32(bad + 8, 0xfffffff0);		/* off_dt_struct */
		assert_int_equal(fdt_open(&f, bad, len), -EINVAL);
		memcpy(bad, blob, len);
		put_be32(bad + 12, 0xffffffff);		/* off_dt_strings */
		assert_int_equal(fdt_open(&f, bad, len), -EINVAL);
		memcpy(bad, blob, len);
		put_be32(bad + 16, (uint32_t)len - 8);	/* off_mem_rsvmap */
		assert_int_equal(fdt_open(&f, bad, len), -EINVAL);
		free(bad);
		free(blob);
	}
}

static void test_paths(void **state)
{
	struct fdt f;
	void *blob;
	size_t len;
	int serial, soc, cpu0;

	(void)state;
	open_fixture("virt-4hart-512m.dtb", &f, &blob, &len);
	assert_int_equal(fdt_path_offset(&f, "/"), 0);
	assert_string_equal(fdt_get_name(&f, 0), "");
	assert_true(fdt_path_offset(&f, "/chosen") > 0);
	soc = fdt_path_offset(&f, "/soc");
	assert_true(soc > 0);
	serial = fdt_path_offset(&f, "/soc/serial@10000000");
	assert_true(serial > soc);
	assert_string_equal(fdt_get_name(&f, serial), "serial@10000000");
	/* Unit address may be left out when unambiguous. */
	assert_int_equal(fdt_path_offset(&f, "/soc/serial"), serial);
	assert_int_equal(fdt_path_offset(&f, "/soc/virtio_mmio"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/cpus/cpu"), -ENOENT);
	cpu0 = fdt_path_offset(&f, "/cpus/cpu@0");
	assert_true(cpu0 > 0);
	assert_true(fdt_path_offset(&f, "/cpus/cpu@3/interrupt-controller") >
		    fdt_path_offset(&f, "/cpus/cpu@3"));
	assert_true(fdt_path_offset(&f, "/soc/virtio_mmio@10008000") > 0);
	/* Separators, trailing options, failures. */
	assert_int_equal(fdt_path_offset(&f, "//soc//serial@10000000/"), serial);
	assert_int_equal(fdt_path_offset(&f, "/soc/serial@10000000:115200n8"),
			 serial);
	assert_int_equal(fdt_path_offset(&f, "/soc/serial@1000000"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/soc/seria"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/nonexistent"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/soc/serial@10000000/x"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, ""), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "serial0"), -ENOENT);	/* no aliases */
	assert_int_equal(fdt_parent_offset(&f, serial), soc);
	assert_int_equal(fdt_parent_offset(&f, soc), 0);
	assert_int_equal(fdt_parent_offset(&f, 0), -ENOENT);
	assert_int_equal(fdt_parent_offset(&f, serial + 4), -EINVAL);
	free(blob);
}

static void test_props(void **state)
{
	struct fdt f;
	void *blob;
	size_t len;
	int serial, cpus, prop, n = 0, plen;
	const void *val;
	const char *name;
	u64 v;

	(void)state;
	open_fixture("virt-1hart-2g.dtb", &f, &blob, &len);
	serial = fdt_path_offset(&f, "/soc/serial@10000000");
	val = fdt_getprop(&f, serial, "interrupts", &plen);
	assert_non_null(val);
	assert_int_equal(plen, 4);
	assert_int_equal(fdt_read_cells(val, 1), 10);
	val = fdt_getprop(&f, serial, "reg", &plen);
	assert_int_equal(plen, 16);
	assert_true(fdt_read_cells(val, 2) == 0x10000000);
	assert_true(fdt_read_cells((const u8 *)val + 8, 2) == 0x100);
	assert_null(fdt_getprop(&f, serial, "no-such-prop", &plen));
	assert_int_equal(plen, -ENOENT);
	assert_null(fdt_getprop(&f, serial + 1, "reg", &plen));
	assert_int_equal(plen, -EINVAL);
	assert_string_equal(fdt_getprop_str(&f, serial, "compatible"), "ns16550a");
	assert_null(fdt_getprop_str(&f, serial, "interrupts")); /* no NUL */
	cpus = fdt_path_offset(&f, "/cpus");
	assert_int_equal(fdt_getprop_u64(&f, cpus, "timebase-frequency", &v), 0);
	assert_true(v == 10000000);
	assert_int_equal(fdt_getprop_u64(&f, cpus, "nope", &v), -ENOENT);
	assert_int_equal(fdt_getprop_u64(&f, serial, "compatible", &v), -EINVAL);
	/* Empty property. */
	val = fdt_getprop(&f, fdt_path_offset(&f, "/fw-cfg@10100000"),
			  "dma-coherent", &plen);
	assert_non_null(val);
	assert_int_equal(plen, 0);

	for (prop = fdt_first_prop(&f, serial); prop >= 0;
	     prop = fdt_next_prop(&f, prop)) {
		val = fdt_prop_at(&f, prop, &name, &plen);
		assert_non_null(val);
		assert_ptr_equal(fdt_getprop(&f, serial, name, NULL), val);
		n++;
	}
	assert_int_equal(prop, -ENOENT);
	assert_int_equal(n, 5);
	assert_null(fdt_prop_at(&f, serial, &name, &plen));	/* a node */
	assert_int_equal(fdt_next_prop(&f, serial), -EINVAL);
	free(blob);
}

/* Count the subtree at node by first_child/next_sibling recursion,
 * checking fdt_parent_offset on the way. */
static int count_subtree(const struct fdt *f, int node, int parent)
{
	int child, n = 1;

	if (parent >= 0)
		assert_int_equal(fdt_parent_offset(f, node), parent);
	for (child = fdt_first_child(f, node); child >= 0;
	     child = fdt_next_sibling(f, child))
		n += count_subtree(f, child, node);
	assert_int_equal(child, -ENOENT);
	return n;
}

static void test_walk(void **state)
{
	static const int nodes[] = { 30, 39, 51 };	/* 3 per extra hart */
	struct fdt f;
	void *blob;
	size_t len, i;
	int node, depth, n, soc, child, nsoc = 0, maxdepth = 0;

	(void)state;
	for (i = 0; i < 3; i++) {
		open_fixture(fixtures[i], &f, &blob, &len);
		assert_int_equal(count_subtree(&f, 0, -1), nodes[i]);
		n = 0;
		depth = 0;
		for (node = 0; node >= 0; node = fdt_next_node(&f, node, &depth)) {
			n++;
			maxdepth = depth > maxdepth ? depth : maxdepth;
		}
		assert_int_equal(node, -ENOENT);
		assert_int_equal(n, nodes[i]);
		assert_int_equal(maxdepth, 4);	/* cpu-map/cluster0/core0 */
		free(blob);
	}
	open_fixture("virt-4hart-512m.dtb", &f, &blob, &len);
	soc = fdt_path_offset(&f, "/soc");
	for (child = fdt_first_child(&f, soc); child >= 0;
	     child = fdt_next_sibling(&f, child))
		nsoc++;
	assert_int_equal(nsoc, 14);
	/* Subtree walk of /soc: its 14 children, then -ENOENT. */
	depth = 0;
	n = 0;
	for (node = fdt_next_node(&f, soc, &depth); node >= 0;
	     node = fdt_next_node(&f, node, &depth))
		n++;
	assert_int_equal(n, 14);
	assert_int_equal(fdt_first_child(&f, fdt_path_offset(&f, "/soc/rtc")),
			 -ENOENT);
	assert_int_equal(fdt_next_sibling(&f, 0), -ENOENT);
	assert_int_equal(fdt_first_child(&f, 3), -EINVAL);
	assert_int_equal(fdt_first_child(&f, -1), -EINVAL);
	assert_int_equal(fdt_next_sibling(&f, 1 << 30), -EINVAL);
	assert_null(fdt_get_name(&f, 4));
	free(blob);
}

static void test_phandles_and_compatible(void **state)
{
	struct fdt f;
	void *blob;
	size_t len;
	int plic, serial, node, depth = 0, nph = 0;
	u32 ph;

	(void)state;
	open_fixture("virt-8hart-2g.dtb", &f, &blob, &len);
	plic = fdt_path_offset(&f, "/soc/plic@c000000");
	serial = fdt_path_offset(&f, "/soc/serial");
	ph = fdt_get_phandle(&f, plic);
	assert_true(ph != 0);
	assert_int_equal(ph, fdt_read_cells(fdt_getprop(&f, serial,
				"interrupt-parent", NULL), 1));
	assert_int_equal(fdt_node_by_phandle(&f, ph), plic);
	for (node = 0; node >= 0; node = fdt_next_node(&f, node, &depth)) {
		ph = fdt_get_phandle(&f, node);
		if (ph) {
			assert_int_equal(fdt_node_by_phandle(&f, ph), node);
			nph++;
		}
	}
	assert_int_equal(nph, 8 * 2 + 2);	/* cpu + intc per hart, plic, test */
	assert_int_equal(fdt_get_phandle(&f, serial), 0);
	assert_int_equal(fdt_node_by_phandle(&f, 0), -ENOENT);
	assert_int_equal(fdt_node_by_phandle(&f, 0xffffffff), -ENOENT);
	assert_int_equal(fdt_node_by_phandle(&f, 0x7777), -ENOENT);

	assert_true(fdt_is_compatible(&f, plic, "sifive,plic-1.0.0"));
	assert_true(fdt_is_compatible(&f, plic, "riscv,plic0"));
	assert_false(fdt_is_compatible(&f, plic, "riscv,plic"));
	assert_false(fdt_is_compatible(&f, plic, "riscv,plic00"));
	assert_false(fdt_is_compatible(&f, plic, ""));
	assert_true(fdt_is_compatible(&f, serial, "ns16550a"));
	assert_false(fdt_is_compatible(&f, fdt_path_offset(&f, "/cpus"), "x"));
	assert_true(fdt_is_compatible(&f, fdt_path_offset(&f, "/soc/test"),
				      "syscon"));
	free(blob);
}

static void test_cells(void **state)
{
	uint8_t raw[16] = { 0xff, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde,
			    0xf0, 0x11, 0x22, 0x33, 0x44 };
	u32 be;

	(void)state;
	memcpy(&be, raw + 1, 4);
	assert_int_equal(fdt32_to_cpu(be), 0x12345678);
	assert_int_equal(fdt_read_cells(raw + 1, 1), 0x12345678);	/* unaligned */
	assert_true(fdt_read_cells(raw + 1, 2) == 0x123456789abcdef0ULL);
	assert_true(fdt_read_cells(raw + 1, 3) == 0x9abcdef011223344ULL);
	assert_true(fdt_read_cells(raw, 0) == 0);
}

/* ------------------------------------------------------- built blobs */

/* A small tree with aliases, NOPs and memory reservations. */
static void *build_sample(size_t *len)
{
	struct fdtb b;

	fdtb_init(&b);
	fdtb_memrsv(&b, 0x80000000, 0x200000);
	fdtb_memrsv(&b, 0x88000000, 0x1000);
	fdtb_begin_node(&b, "");
	fdtb_raw32(&b, FDT_NOP);
	fdtb_prop_u32(&b, "#address-cells", 1);
	fdtb_begin_node(&b, "aliases");
	fdtb_prop_str(&b, "serial0", "/soc/uart@1000");
	fdtb_prop_str(&b, "bad", "soc/uart@1000");
	fdtb_prop(&b, "unterminated", "/soc", 4);
	fdtb_end_node(&b);
	fdtb_begin_node(&b, "soc");
	fdtb_raw32(&b, FDT_NOP);
	fdtb_begin_node(&b, "uart@1000");
	fdtb_prop_str(&b, "compatible", "ns16550a");
	fdtb_raw32(&b, FDT_NOP);
	fdtb_prop_empty(&b, "empty");
	fdtb_begin_node(&b, "child");
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	fdtb_raw32(&b, FDT_NOP);
	fdtb_begin_node(&b, "uart");	/* exact match beats uart@1000 */
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	return fdtb_finish(&b, len);
}

static void test_built_blob(void **state)
{
	struct fdt f;
	size_t len;
	void *blob = build_sample(&len);
	int uart, exact, plen;
	u64 addr, size;

	(void)state;
	assert_int_equal(fdt_open(&f, blob, len), 0);
	uart = fdt_path_offset(&f, "/soc/uart@1000");
	exact = fdt_path_offset(&f, "/soc/uart");
	assert_true(uart > 0 && exact > uart);
	assert_string_equal(fdt_get_name(&f, exact), "uart");
	assert_int_equal(fdt_path_offset(&f, "serial0"), uart);
	assert_int_equal(fdt_path_offset(&f, "serial0:9600"), uart);
	assert_int_equal(fdt_path_offset(&f, "serial0/child"),
			 fdt_path_offset(&f, "/soc/uart@1000/child"));
	assert_int_equal(fdt_path_offset(&f, "bad"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "unterminated"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "nosuch"), -ENOENT);
	assert_non_null(fdt_getprop(&f, uart, "empty", &plen));
	assert_int_equal(plen, 0);
	assert_int_equal(fdt_first_prop(&f, fdt_path_offset(&f, "/soc")), -ENOENT);
	assert_int_equal(fdt_next_sibling(&f, uart), exact);
	assert_int_equal(fdt_num_memrsv(&f), 2);
	assert_int_equal(fdt_get_memrsv(&f, 1, &addr, &size), 0);
	assert_true(addr == 0x88000000 && size == 0x1000);
	assert_int_equal(fdt_get_memrsv(&f, 2, &addr, &size), -ENOENT);
	assert_int_equal(fdt_get_memrsv(&f, -1, &addr, &size), -ENOENT);
	free(blob);
}

/* ---------------------------------------------------------- robustness */

/*
 * Call every reader function over whatever the blob holds, checking that
 * results point inside it and that every walk ends well within its cap.
 */
static void exercise(const struct fdt *f)
{
	int node, depth = 0, count = 0, prop, nprop, child, nchild, plen;
	const char *name;
	const void *val;
	u64 a, s;

	for (node = 0; node >= 0; node = fdt_next_node(f, node, &depth)) {
		assert_true(++count < 100000);
		name = fdt_get_name(f, node);
		assert_non_null(name);
		if (node != 0)		/* the root's is a constant "" */
			assert_string_in_blob(f, name);
		nprop = 0;
		for (prop = fdt_first_prop(f, node); prop >= 0;
		     prop = fdt_next_prop(f, prop)) {
			assert_true(++nprop < 100000);
			val = fdt_prop_at(f, prop, &name, &plen);
			if (!val)
				continue;
			assert_true(plen >= 0);
			assert_in_blob(f, val, (size_t)plen);
			assert_string_in_blob(f, name);
		}
		fdt_is_compatible(f, node, "ns16550a");
		fdt_getprop_str(f, node, "compatible");
		fdt_get_phandle(f, node);
		nchild = 0;
		for (child = fdt_first_child(f, node); child >= 0;
		     child = fdt_next_sibling(f, child))
			assert_true(++nchild < 100000);
		if (count < 40)
			fdt_parent_offset(f, node);
	}
	fdt_path_offset(f, "/soc/serial");
	fdt_path_offset(f, "/cpus/cpu@0/interrupt-controller");
	fdt_path_offset(f, "serial0");
	fdt_node_by_phandle(f, 1);
	fdt_node_by_phandle(f, 9);
	if (fdt_num_memrsv(f) > 0)
		assert_int_equal(fdt_get_memrsv(f, 0, &a, &s), 0);
}

/* Every truncation: fdt_open must refuse a maxlen below totalsize. */
static void test_truncated_maxlen(void **state)
{
	size_t i, len, l;
	struct fdt f;

	(void)state;
	for (i = 0; i < 3; i++) {
		uint8_t *blob = unit_load_fixture(fixtures[i], &len);

		for (l = 0; l < len; l++) {
			uint8_t *cut = dup_exact(blob, l);

			assert_int_equal(fdt_open(&f, cut, l), -EINVAL);
			free(cut);
		}
		free(blob);
	}
}

/*
 * Every truncation with the header patched to match (totalsize = length,
 * blocks clipped), so the reader gets past fdt_open and meets a structure
 * block that stops mid-token.
 */
static void test_truncated_patched(void **state)
{
	size_t i, len, l;
	struct fdt f;
	int opened = 0;

	(void)state;
	for (i = 0; i < 3; i++) {
		uint8_t *blob = unit_load_fixture(fixtures[i], &len);

		for (l = 40; l <= len; l++) {
			uint8_t *cut = fdtb_truncate(blob, l);

			if (fdt_open(&f, cut, l) == 0) {
				opened++;
				exercise(&f);
			}
			free(cut);
		}
		free(blob);
	}
	assert_true(opened > 1000);
}

static void test_random_corruption(void **state)
{
	size_t i, len;
	struct unit_rng rng;
	struct fdt f;
	int iter, opened = 0;

	(void)state;
	for (i = 0; i < 3; i++) {
		uint8_t *blob = unit_load_fixture(fixtures[i], &len);

		unit_rng_seed(&rng, 1000 + i);
		for (iter = 0; iter < 1500; iter++) {
			uint8_t *bad = dup_exact(blob, len);

			fdtb_mutate(bad, len, &rng);
			if (fdt_open(&f, bad, len) == 0) {
				opened++;
				exercise(&f);
			}
			free(bad);
		}
		free(blob);
	}
	assert_true(opened > 1000);
}

/* Build a blob from a builder, open it exactly and exercise it. */
static int open_and_exercise(struct fdtb *b)
{
	size_t len;
	void *blob = fdtb_finish(b, &len);
	struct fdt f;
	int err = fdt_open(&f, blob, len);

	if (err == 0)
		exercise(&f);
	free(blob);
	return err;
}

/* Properties whose length or name offset point outside their block. */
static void test_malicious_props(void **state)
{
	struct fdtb b;

	(void)state;
	/* Property length far beyond the block. */
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	fdtb_raw32(&b, FDT_PROP);
	fdtb_raw32(&b, 0xfffffff0);
	fdtb_raw32(&b, fdtb_string(&b, "reg"));
	fdtb_end_node(&b);
	assert_int_equal(open_and_exercise(&b), 0);

	/* Name offset outside the strings block. */
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	fdtb_raw32(&b, FDT_PROP);
	fdtb_raw32(&b, 0);
	fdtb_raw32(&b, 0xffffff00);
	fdtb_begin_node(&b, "child");
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	assert_int_equal(open_and_exercise(&b), 0);
}

/* Tokens in the wrong place or of the wrong kind. */
static void test_malicious_tokens(void **state)
{
	struct fdtb b;

	(void)state;
	/* Unknown token, missing END_NODEs, END in the middle. */
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	fdtb_begin_node(&b, "a");
	fdtb_raw32(&b, 7);
	assert_int_equal(open_and_exercise(&b), 0);
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	fdtb_begin_node(&b, "a");
	fdtb_raw32(&b, FDT_END);
	fdtb_begin_node(&b, "b");
	fdtb_end_node(&b);
	assert_int_equal(open_and_exercise(&b), 0);

	/* Too many END_NODEs. */
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	fdtb_end_node(&b);
	assert_int_equal(open_and_exercise(&b), 0);

	/* The structure block must start with a node. */
	fdtb_init(&b);
	fdtb_prop_u32(&b, "x", 1);
	fdtb_begin_node(&b, "");
	fdtb_end_node(&b);
	assert_int_equal(open_and_exercise(&b), -EINVAL);
}

/* Extreme but well-formed shapes. */
static void test_malicious_shapes(void **state)
{
	struct fdtb b;
	int i;

	(void)state;
	/* Very deep nesting and a very wide node. */
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	for (i = 0; i < 1000; i++)
		fdtb_begin_node(&b, "d");
	for (i = 0; i < 1000; i++)
		fdtb_end_node(&b);
	for (i = 0; i < 3000; i++) {
		fdtb_begin_node(&b, "w@1");
		fdtb_end_node(&b);
	}
	fdtb_end_node(&b);
	assert_int_equal(open_and_exercise(&b), 0);

	/* A NOP-only structure block after the root's name. */
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	for (i = 0; i < 100; i++)
		fdtb_raw32(&b, FDT_NOP);
	assert_int_equal(open_and_exercise(&b), 0);
}

/* A node name that runs to the very end of the structure block. */
static void test_unterminated_name(void **state)
{
	struct fdtb b;
	size_t len;
	uint8_t *blob;
	struct fdt f;
	uint32_t off_st, size_st;

	(void)state;
	fdtb_init(&b);
	fdtb_begin_node(&b, "");
	fdtb_begin_node(&b, "abc");	/* "abc\0" fills one word exactly */
	blob = fdtb_finish(&b, &len);
	off_st = get_be32(blob + 8);
	size_st = get_be32(blob + 36);
	/* Cut the block before the END token and the name's NUL. */
	put_be32(blob + 36, size_st - 5);
	assert_int_equal(blob[off_st + size_st - 5], '\0');
	assert_int_equal(fdt_open(&f, blob, len), 0);
	assert_int_equal(fdt_first_child(&f, 0), -EINVAL);
	exercise(&f);
	free(blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_props),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_phandles_and_compatible),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_built_blob),
		cmocka_unit_test(test_truncated_maxlen),
		cmocka_unit_test(test_truncated_patched),
		cmocka_unit_test(test_random_corruption),
		cmocka_unit_test(test_malicious_props),
		cmocka_unit_test(test_malicious_tokens),
		cmocka_unit_test(test_malicious_shapes),
		cmocka_unit_test(test_unterminated_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

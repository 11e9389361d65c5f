/*
 * Unit tests for the pure parts of exec: the ELF64 loader
 * (kernel/proc/elf.c) over good images, one corrupt variant per rule and
 * a fuzz loop, loaded into a fake address space that checks every write
 * lands in a mapped page; the initial-stack table
 * (kernel/proc/exec_stack.c) read back the way a C runtime reads it; and
 * the "#!" parser (kernel/proc/binfmt_script.c) on the cases checked
 * against a Linux 6.x host; AT_HWCAP from riscv,isa strings
 * (kernel/arch/riscv/hwcap.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "host_rename.h"
#include "unit_util.h"
#include <kernel/compiler.h>
#include <arch/hwcap.h>
#include <kernel/machine.h>
#include <lib/string.h>
#include <proc/binfmt.h>
#include <proc/elf.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define MIN_ADDR 0x10000ULL
#define LIMIT    (USER_TOP - (16ULL << 20))

/* ------------------------------------------------------------ in-memory source */

struct mem_file {
	u8 *data;
	size_t size;
};

static ssize_t mem_read(void *ctx, void *buf, size_t n, u64 off)
{
	struct mem_file *f = ctx;

	if (off >= f->size)
		return 0;
	n = n < f->size - off ? n : f->size - off;
	memcpy(buf, f->data + off, n);
	return (ssize_t)n;
}

static struct exec_source mem_source(struct mem_file *f)
{
	return (struct exec_source){ .read = mem_read, .ctx = f, .size = f->size };
}

/* ------------------------------------------------------------ fake address space */

#define FAKE_RANGES 256
#define FAKE_PAGES  64

struct fake_mm {
	unsigned int nranges;
	struct { u64 start, end; } ranges[FAKE_RANGES];
	unsigned int npages;
	struct { u64 addr; unsigned int prot; bool protected; u8 data[PAGE_SIZE]; } *pages;
	unsigned int nprotects;
};

static bool fake_mapped(struct fake_mm *mm, u64 addr)
{
	for (unsigned int i = 0; i < mm->nranges; i++)
		if (addr >= mm->ranges[i].start && addr < mm->ranges[i].end)
			return true;
	return false;
}

/* The page at addr (mapped), created zeroed on first use; NULL if there is no room. */
static u8 *fake_page(struct fake_mm *mm, u64 addr, unsigned int **prot)
{
	u64 pg = addr & PAGE_MASK;

	for (unsigned int i = 0; i < mm->npages; i++)
		if (mm->pages[i].addr == pg) {
			*prot = &mm->pages[i].prot;
			return mm->pages[i].data;
		}
	if (mm->npages == FAKE_PAGES)
		return NULL;
	mm->pages[mm->npages].addr = pg;
	mm->pages[mm->npages].prot = PROT_READ | PROT_WRITE;
	*prot = &mm->pages[mm->npages].prot;
	return mm->pages[mm->npages++].data;
}

static int fake_map(void *ctx, u64 start, u64 len)
{
	struct fake_mm *mm = ctx;

	assert_int_equal(start & ~PAGE_MASK, 0);
	assert_int_equal(len & ~PAGE_MASK, 0);
	assert_true(len > 0);
	assert_true(start >= MIN_ADDR && start + len <= LIMIT);
	for (unsigned int i = 0; i < mm->nranges; i++)   /* never mapped twice */
		assert_true(start + len <= mm->ranges[i].start || start >= mm->ranges[i].end);
	assert_true(mm->nranges < FAKE_RANGES);
	mm->ranges[mm->nranges].start = start;
	mm->ranges[mm->nranges++].end = start + len;
	return 0;
}

static int fake_write(void *ctx, u64 addr, const void *buf, size_t n)
{
	struct fake_mm *mm = ctx;

	for (size_t i = 0; i < n; i++) {
		unsigned int *prot;
		u8 *pg;

		assert_true(fake_mapped(mm, addr + i));
		pg = fake_page(mm, addr + i, &prot);
		if (!pg)
			return -ENOMEM;
		pg[(addr + i) & ~PAGE_MASK] = ((const u8 *)buf)[i];
	}
	return 0;
}

static int fake_protect(void *ctx, u64 start, u64 len, unsigned int prot)
{
	struct fake_mm *mm = ctx;

	assert_int_equal(start & ~PAGE_MASK, 0);
	assert_int_equal(len & ~PAGE_MASK, 0);
	mm->nprotects++;
	for (u64 a = start; a < start + len; a += PAGE_SIZE) {
		assert_true(fake_mapped(mm, a));
		for (unsigned int i = 0; i < mm->npages; i++)
			if (mm->pages[i].addr == a) {
				assert_false(mm->pages[i].protected);   /* each page once */
				mm->pages[i].prot = prot;
				mm->pages[i].protected = true;
			}
		if (len > 64 * PAGE_SIZE)
			break;   /* huge fuzzed bss: the first pages are enough */
	}
	return 0;
}

static void fake_init(struct fake_mm *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->pages = calloc(FAKE_PAGES, sizeof(*mm->pages));
	assert_non_null(mm->pages);
}

static struct elf_mapper fake_mapper(struct fake_mm *mm)
{
	return (struct elf_mapper){ .map = fake_map, .write = fake_write, .protect = fake_protect, .ctx = mm };
}

/* Byte addr of the fake mm, 0 if never written; *prot its page's protection. */
static u8 fake_byte(struct fake_mm *mm, u64 addr, unsigned int *prot)
{
	unsigned int *p;
	u8 *pg;

	assert_true(fake_mapped(mm, addr));
	pg = fake_page(mm, addr, &p);
	assert_non_null(pg);
	if (prot)
		*prot = *p;
	return pg[addr & ~PAGE_MASK];
}

/* ------------------------------------------------------------ images */

/*
 * A static executable shaped like the linker's: text R-X at 0x10000
 * (0x1800 bytes from offset 0), data RW at 0x11900 (0x300 file bytes from
 * offset 0x1900, 0x2000 in memory), GNU_STACK; every file byte non-zero,
 * including the 0x500 bytes after the data (they must not show in bss).
 */
#define IMG_SIZE 0x2000
#define TEXT_VA  0x10000ULL
#define DATA_VA  0x11900ULL
#define DATA_OFF 0x1900ULL

static u8 file_byte(size_t off)
{
	return (u8)(off * 7 % 251 + 1);
}

static Elf64_Phdr *img_phdr(u8 *img, int i)
{
	return (Elf64_Phdr *)(img + sizeof(Elf64_Ehdr)) + i;
}

static void build_image(u8 *img, int type, u64 base)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;

	for (size_t i = 0; i < IMG_SIZE; i++)
		img[i] = file_byte(i);
	memset(eh, 0, sizeof(*eh));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = (u16)type;
	eh->e_machine = EM_RISCV;
	eh->e_version = EV_CURRENT;
	eh->e_entry = base + 0x100;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 3;
	*img_phdr(img, 0) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
		.p_vaddr = base, .p_filesz = 0x1800, .p_memsz = 0x1800, .p_align = 0x1000 };
	*img_phdr(img, 1) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = DATA_OFF,
		.p_vaddr = base + 0x1900, .p_filesz = 0x300, .p_memsz = 0x2000, .p_align = 0x1000 };
	*img_phdr(img, 2) = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W, .p_align = 16 };
}

static int parse(u8 *img, size_t size, struct elf_info *info)
{
	struct mem_file f = { img, size };
	struct exec_source src = mem_source(&f);

	return elf_parse(&src, info, MIN_ADDR, LIMIT);
}

static int parse_and_load(u8 *img, size_t size, struct elf_info *info, struct fake_mm *mm)
{
	struct mem_file f = { img, size };
	struct exec_source src = mem_source(&f);
	struct elf_mapper m = fake_mapper(mm);
	u8 scratch[512];   /* small: segments take several reads */
	int err = elf_parse(&src, info, MIN_ADDR, LIMIT);

	return err ? err : elf_load(info, &src, &m, scratch, sizeof(scratch));
}

/* The loaded image at base matches the file, bss is zero, protections right. */
static void check_loaded(struct fake_mm *mm, u64 base, const u8 *img)
{
	unsigned int prot;

	for (u64 off = 0; off < 0x1800; off++)
		assert_int_equal(fake_byte(mm, base + off, NULL), img[off]);
	for (u64 off = 0x1800; off < 0x1900; off++)
		assert_int_equal(fake_byte(mm, base + off, NULL), 0);
	for (u64 off = 0; off < 0x300; off++)
		assert_int_equal(fake_byte(mm, base + 0x1900 + off, NULL), file_byte(DATA_OFF + off));
	for (u64 a = base + 0x1c00; a < base + 0x4000; a++)
		assert_int_equal(fake_byte(mm, a, NULL), 0);
	fake_byte(mm, base, &prot);
	assert_int_equal(prot, PROT_READ | PROT_EXEC);
	fake_byte(mm, base + 0x1000, &prot);   /* shared by text and data */
	assert_int_equal(prot, PROT_READ | PROT_WRITE | PROT_EXEC);
	fake_byte(mm, base + 0x3000, &prot);
	assert_int_equal(prot, PROT_READ | PROT_WRITE);
	assert_false(fake_mapped(mm, base + 0x4000));
	assert_false(fake_mapped(mm, base - 1));
}

static void test_elf_exec_loads(void **state)
{
	static u8 img[IMG_SIZE];
	static struct elf_info info;
	struct fake_mm mm;
	(void)state;

	fake_init(&mm);
	build_image(img, ET_EXEC, TEXT_VA);
	assert_int_equal(parse_and_load(img, sizeof(img), &info, &mm), 0);
	assert_int_equal(info.bias, 0);
	assert_int_equal(info.entry, TEXT_VA + 0x100);
	assert_int_equal(info.phdr_addr, TEXT_VA + sizeof(Elf64_Ehdr));
	assert_int_equal(info.nload, 2);
	assert_int_equal(info.lo, TEXT_VA);
	assert_int_equal(info.hi, TEXT_VA + 0x4000);
	assert_int_equal(info.brk_start, TEXT_VA + 0x4000);
	assert_false(info.exec_stack);
	check_loaded(&mm, TEXT_VA, img);
	assert_int_equal(mm.nranges, 2);   /* the shared page is mapped once */
	free(mm.pages);
}

static void test_elf_dyn_bias(void **state)
{
	static u8 img[IMG_SIZE];
	static struct elf_info info;
	struct fake_mm mm;
	(void)state;

	fake_init(&mm);
	build_image(img, ET_DYN, 0);
	assert_int_equal(parse_and_load(img, sizeof(img), &info, &mm), 0);
	assert_int_equal(info.bias, 0x2aaaaaa000ULL);
	assert_int_equal(ELF_ET_DYN_BASE, 0x2aaaaaa000ULL);
	assert_int_equal(info.entry, 0x2aaaaaa100ULL);
	assert_int_equal(info.phdr_addr, 0x2aaaaaa040ULL);
	assert_int_equal(info.brk_start, 0x2aaaaae000ULL);
	check_loaded(&mm, info.bias, img);
	free(mm.pages);

	/* A 64 KiB p_align aligns the bias down to it. */
	fake_init(&mm);
	build_image(img, ET_DYN, 0);
	img_phdr(img, 0)->p_align = 0x10000;
	assert_int_equal(parse_and_load(img, sizeof(img), &info, &mm), 0);
	assert_int_equal(info.bias, 0x2aaaaa0000ULL);
	check_loaded(&mm, info.bias, img);
	free(mm.pages);
}

/* One corruption of the good image and the errno it must give. */
struct corruption {
	const char *what;
	void (*apply)(u8 *img);
	int err;
	size_t size;   /* 0: the whole image */
};

#define EH(img) ((Elf64_Ehdr *)(img))
static void c_magic(u8 *i) { i[1] = 'e'; }
static void c_class(u8 *i) { i[EI_CLASS] = 1; }
static void c_data(u8 *i) { i[EI_DATA] = 2; }
static void c_ident_version(u8 *i) { i[EI_VERSION] = 0; }
static void c_version(u8 *i) { EH(i)->e_version = 2; }
static void c_type_rel(u8 *i) { EH(i)->e_type = 1; }
static void c_type_core(u8 *i) { EH(i)->e_type = 4; }
static void c_machine(u8 *i) { EH(i)->e_machine = 62; }
static void c_phentsize(u8 *i) { EH(i)->e_phentsize = 32; }
static void c_phnum0(u8 *i) { EH(i)->e_phnum = 0; }
static void c_phnum_big(u8 *i) { EH(i)->e_phnum = ELF_MAX_PHNUM + 1; }
static void c_phoff_past(u8 *i) { EH(i)->e_phoff = IMG_SIZE + 8; }
static void c_phoff_cut(u8 *i) { EH(i)->e_phoff = IMG_SIZE - 100; }
static void c_phoff_wrap(u8 *i) { EH(i)->e_phoff = ~0ULL - 8; }
static void c_interp(u8 *i) { img_phdr(i, 2)->p_type = PT_INTERP; }
static void c_no_load(u8 *i) { img_phdr(i, 0)->p_type = PT_NOTE; img_phdr(i, 1)->p_type = PT_NOTE; }
static void c_zero_loads(u8 *i) { img_phdr(i, 0)->p_memsz = img_phdr(i, 0)->p_filesz = 0;
				  img_phdr(i, 1)->p_memsz = img_phdr(i, 1)->p_filesz = 0; }
static void c_filesz(u8 *i) { img_phdr(i, 1)->p_filesz = 0x2001; }
static void c_vaddr_top(u8 *i) { img_phdr(i, 1)->p_vaddr = USER_TOP; }
static void c_memsz_huge(u8 *i) { img_phdr(i, 1)->p_memsz = USER_TOP + PAGE_SIZE; }
static void c_memsz_wrap(u8 *i) { img_phdr(i, 1)->p_memsz = USER_TOP - 0x1000; }
static void c_incongruent(u8 *i) { img_phdr(i, 1)->p_offset = DATA_OFF + 8; }
static void c_data_past_eof(u8 *i) { img_phdr(i, 1)->p_filesz = 0x800; }
static void c_offset_huge(u8 *i) { img_phdr(i, 1)->p_offset = ~0ULL - 0xfff + 0x900; }
static void c_overlap(u8 *i) { img_phdr(i, 1)->p_vaddr = TEXT_VA + 0x1700; img_phdr(i, 1)->p_offset = 0x1700; }
static void c_unsorted(u8 *i) { Elf64_Phdr t = *img_phdr(i, 0); *img_phdr(i, 0) = *img_phdr(i, 1); *img_phdr(i, 1) = t; }
static void c_low(u8 *i) { img_phdr(i, 0)->p_vaddr = 0x1000; img_phdr(i, 1)->p_vaddr = 0x2900; EH(i)->e_entry = 0x1100; }
static void c_high(u8 *i) { img_phdr(i, 1)->p_memsz = LIMIT - DATA_VA + 1; }
static void c_entry_data(u8 *i) { EH(i)->e_entry = DATA_VA + 8; }
static void c_entry_outside(u8 *i) { EH(i)->e_entry = 0x400000; }
static void c_entry_zero(u8 *i) { EH(i)->e_entry = 0; }

static const struct corruption corruptions[] = {
	{ "short file", NULL, -ENOEXEC, 63 },
	{ "empty file", NULL, -ENOEXEC, 1 },
	{ "magic", c_magic, -ENOEXEC, 0 },
	{ "ELFCLASS32", c_class, -ENOEXEC, 0 },
	{ "big-endian", c_data, -ENOEXEC, 0 },
	{ "EI_VERSION 0", c_ident_version, -ENOEXEC, 0 },
	{ "e_version 2", c_version, -ENOEXEC, 0 },
	{ "ET_REL", c_type_rel, -ENOEXEC, 0 },
	{ "ET_CORE", c_type_core, -ENOEXEC, 0 },
	{ "EM_X86_64", c_machine, -ENOEXEC, 0 },
	{ "e_phentsize 32", c_phentsize, -ENOEXEC, 0 },
	{ "no program headers", c_phnum0, -ENOEXEC, 0 },
	{ "74 program headers", c_phnum_big, -ENOEXEC, 0 },
	{ "headers past the end", c_phoff_past, -EIO, 0 },
	{ "headers cut by the end", c_phoff_cut, -EIO, 0 },
	{ "e_phoff wraps", c_phoff_wrap, -EIO, 0 },
	{ "truncated in the headers", NULL, -EIO, 100 },
	{ "PT_INTERP", c_interp, -ENOEXEC, 0 },
	{ "no PT_LOAD", c_no_load, -ENOEXEC, 0 },
	{ "only empty PT_LOADs", c_zero_loads, -ENOEXEC, 0 },
	{ "p_filesz > p_memsz", c_filesz, -EINVAL, 0 },
	{ "p_vaddr at USER_TOP", c_vaddr_top, -EINVAL, 0 },
	{ "p_memsz beyond user space", c_memsz_huge, -EINVAL, 0 },
	{ "p_vaddr + p_memsz beyond user space", c_memsz_wrap, -EINVAL, 0 },
	{ "p_offset not congruent to p_vaddr", c_incongruent, -EINVAL, 0 },
	{ "segment bytes past the end", c_data_past_eof, -EIO, 0 },
	{ "p_offset + p_filesz wraps", c_offset_huge, -EIO, 0 },
	{ "truncated in the data", NULL, -EIO, 0x1a00 },
	{ "overlapping PT_LOADs", c_overlap, -EINVAL, 0 },
	{ "unsorted PT_LOADs", c_unsorted, -EINVAL, 0 },
	{ "below MMAP_MIN_ADDR", c_low, -EPERM, 0 },
	{ "into the stack's room", c_high, -ENOMEM, 0 },
	{ "entry in a data segment", c_entry_data, -EINVAL, 0 },
	{ "entry outside the image", c_entry_outside, -EINVAL, 0 },
	{ "entry 0", c_entry_zero, -EINVAL, 0 },
};

static void test_elf_corrupt(void **state)
{
	static u8 img[IMG_SIZE];
	static struct elf_info info;
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(corruptions); i++) {
		const struct corruption *c = &corruptions[i];
		int err;

		build_image(img, ET_EXEC, TEXT_VA);
		if (c->apply)
			c->apply(img);
		err = parse(img, c->size ? c->size : sizeof(img), &info);
		if (err != c->err)
			fail_msg("%s: got %d, want %d", c->what, err, c->err);
	}
}

static void test_elf_exec_stack_flag(void **state)
{
	static u8 img[IMG_SIZE];
	static struct elf_info info;
	(void)state;

	build_image(img, ET_EXEC, TEXT_VA);
	img_phdr(img, 2)->p_flags |= PF_X;
	assert_int_equal(parse(img, sizeof(img), &info), 0);
	assert_true(info.exec_stack);
}

/* Three segments in one page, then one beyond: one map per page range, unions right. */
static void test_elf_shared_pages(void **state)
{
	static u8 img[IMG_SIZE];
	static struct elf_info info;
	struct fake_mm mm;
	unsigned int prot;
	(void)state;

	fake_init(&mm);
	build_image(img, ET_EXEC, TEXT_VA);
	EH(img)->e_phnum = 4;
	*img_phdr(img, 0) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R, .p_offset = 0x100,
		.p_vaddr = TEXT_VA + 0x100, .p_filesz = 0x100, .p_memsz = 0x100 };
	*img_phdr(img, 1) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0x300,
		.p_vaddr = TEXT_VA + 0x300, .p_filesz = 0x100, .p_memsz = 0x100 };
	*img_phdr(img, 2) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = 0x500,
		.p_vaddr = TEXT_VA + 0x500, .p_filesz = 0x100, .p_memsz = 0x1000 };
	*img_phdr(img, 3) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R, .p_offset = 0x1800,
		.p_vaddr = TEXT_VA + 0x3800, .p_filesz = 0x100, .p_memsz = 0x100 };
	EH(img)->e_entry = TEXT_VA + 0x300;
	assert_int_equal(parse_and_load(img, sizeof(img), &info, &mm), 0);
	assert_int_equal(mm.nranges, 3);   /* 0x10000-0x12000 (two pages), 0x13000 */
	fake_byte(&mm, TEXT_VA, &prot);
	assert_int_equal(prot, PROT_READ | PROT_WRITE | PROT_EXEC);
	assert_int_equal(fake_byte(&mm, TEXT_VA + 0x300, NULL), file_byte(0x300));
	assert_int_equal(fake_byte(&mm, TEXT_VA + 0x200, NULL), 0);
	assert_int_equal(fake_byte(&mm, TEXT_VA + 0x1000, &prot), 0);
	assert_int_equal(prot, PROT_READ | PROT_WRITE);
	assert_int_equal(fake_byte(&mm, TEXT_VA + 0x3800, &prot), file_byte(0x1800));
	assert_int_equal(prot, PROT_READ);
	assert_false(fake_mapped(&mm, TEXT_VA + 0x2000));
	free(mm.pages);
}

/* Random damage to the headers: never a crash; what parses also loads cleanly. */
static void test_elf_fuzz(void **state)
{
	static u8 img[IMG_SIZE];
	static struct elf_info info;
	struct unit_rng rng;
	unsigned int loaded = 0;
	(void)state;

	unit_rng_seed(&rng, 12345);
	for (int iter = 0; iter < 20000; iter++) {
		struct fake_mm mm;
		int flips = 1 + (int)unit_rng_below(&rng, 6);
		size_t size = sizeof(img);
		int err;

		build_image(img, iter & 1 ? ET_DYN : ET_EXEC, iter & 1 ? 0 : TEXT_VA);
		for (int k = 0; k < flips; k++) {
			size_t at = unit_rng_below(&rng, sizeof(Elf64_Ehdr) + 3 * sizeof(Elf64_Phdr));
			img[at] = (u8)(unit_rng_below(&rng, 4) ? unit_rng_next(&rng) : img[at] ^ 0x80);
		}
		if (unit_rng_below(&rng, 16) == 0)
			size = unit_rng_below(&rng, sizeof(img));
		fake_init(&mm);
		err = parse_and_load(img, size, &info, &mm);
		assert_true(err == 0 || err == -ENOEXEC || err == -EINVAL || err == -EIO ||
			    err == -EPERM || err == -ENOMEM);
		if (!err) {
			loaded++;
			for (unsigned int i = 0; i < info.nload; i++) {
				assert_true(info.load[i].vaddr >= MIN_ADDR);
				assert_true(info.load[i].vaddr + info.load[i].memsz <= LIMIT);
				assert_true(info.load[i].filesz <= info.load[i].memsz);
			}
			assert_true(info.entry >= info.lo && info.entry < info.hi);
		}
		free(mm.pages);
	}
	assert_true(loaded > 100);   /* the fuzz also reached the loader */
}

/* ------------------------------------------------------------ initial stack */

#define STK_TOP  0x4000000000ULL
#define STK_SIZE (64 * 1024)

struct fake_stack {
	u8 mem[STK_SIZE];
};

static u8 *stk_at(struct fake_stack *s, u64 addr)
{
	assert_true(addr >= STK_TOP - STK_SIZE && addr < STK_TOP);
	return &s->mem[addr - (STK_TOP - STK_SIZE)];
}

static u64 stk_word(struct fake_stack *s, u64 addr)
{
	u64 v;

	memcpy(&v, stk_at(s, addr), sizeof(v));
	return v;
}

/* Push like exec.c: execfn, envp reversed, argv reversed; returns the execfn address. */
static u64 push_all(struct exec_stack *st, struct fake_stack *s, const char *execfn,
		    const char *const *argv, int argc, const char *const *envp, int envc)
{
	u64 fn = exec_stack_push(st, strlen(execfn) + 1);

	assert_true(fn);
	memcpy(stk_at(s, fn), execfn, strlen(execfn) + 1);
	for (int i = envc - 1; i >= 0; i--) {
		u64 a = exec_stack_push(st, strlen(envp[i]) + 1);
		assert_true(a);
		memcpy(stk_at(s, a), envp[i], strlen(envp[i]) + 1);
		*exec_stack_envp(st, (u64)i) = a;
	}
	for (int i = argc - 1; i >= 0; i--) {
		u64 a = exec_stack_push(st, strlen(argv[i]) + 1);
		assert_true(a);
		memcpy(stk_at(s, a), argv[i], strlen(argv[i]) + 1);
		*exec_stack_argv(st, (u64)i) = a;
	}
	return fn;
}

static void test_stack_layout(void **state)
{
	static const char *const argv[] = { "prog", "alpha", "", "gamma" };
	static const char *const envp[] = { "A=1", "PATH=/bin" };
	static const struct exec_auxv aux[] = {
		{ AT_PAGESZ, 4096 }, { AT_RANDOM, 0 }, { AT_EXECFN, 0 }, { AT_ENTRY, 0x10078 },
	};
	static struct fake_stack s;
	struct exec_stack st;
	u64 *table = calloc(1, exec_stack_table_size(4, 2));
	u64 fn, rnd, sp, a;
	size_t len;
	(void)state;

	for (int odd = 0; odd < 16; odd++) {   /* every alignment of the strings */
		memset(&s, 0xee, sizeof(s));
		memset(stk_at(&s, STK_TOP - 8), 0, 8);
		exec_stack_init(&st, STK_TOP, 32768, 4, 2, table);
		assert_true(exec_stack_push(&st, (size_t)odd + 1));   /* shift the strings */
		fn = push_all(&st, &s, "/bin/prog", argv, 4, envp, 2);
		sp = exec_stack_finish(&st, aux, ARRAY_SIZE(aux), fn, &rnd, &len);
		memcpy(stk_at(&s, sp), table, len);
		memset(stk_at(&s, rnd), 0x5a, 16);

		assert_int_equal(sp & 15, 0);
		assert_int_equal(sp + len, rnd);
		assert_true(rnd + 16 <= st.p);
		assert_true(st.p - (rnd + 16) < 16);
		/* Linux's formula for sp */
		assert_int_equal(sp, (rnd - (1 + 5 + 3 + 2 * 5) * 8) & ~15ULL);
		assert_int_equal(stk_word(&s, sp), 4);
		for (int i = 0; i < 4; i++) {
			a = stk_word(&s, sp + 8 + 8 * (u64)i);
			assert_string_equal((char *)stk_at(&s, a), argv[i]);
			if (i)   /* contiguous, ascending */
				assert_int_equal(a, stk_word(&s, sp + 8 * (u64)i) + strlen(argv[i - 1]) + 1);
		}
		assert_int_equal(stk_word(&s, sp + 8 * 5), 0);
		for (int i = 0; i < 2; i++)
			assert_string_equal((char *)stk_at(&s, stk_word(&s, sp + 8 * (6 + (u64)i))), envp[i]);
		assert_int_equal(stk_word(&s, sp + 8 * 8), 0);
		/* the env strings follow the last arg string; execfn follows them and ends 8 below top */
		a = stk_word(&s, sp + 8 * 4) + strlen(argv[3]) + 1;
		assert_int_equal(a, stk_word(&s, sp + 8 * 6));
		assert_int_equal(fn + strlen("/bin/prog") + 1 + (u64)odd + 1, STK_TOP - 8);
		assert_int_equal(stk_word(&s, STK_TOP - 8), 0);
		/* auxv */
		u64 av = sp + 8 * 9;
		assert_int_equal(stk_word(&s, av), AT_PAGESZ);
		assert_int_equal(stk_word(&s, av + 8), 4096);
		assert_int_equal(stk_word(&s, av + 16), AT_RANDOM);
		assert_int_equal(stk_word(&s, av + 24), rnd);
		assert_int_equal(*stk_at(&s, rnd), 0x5a);
		assert_int_equal(stk_word(&s, av + 32), AT_EXECFN);
		assert_string_equal((char *)stk_at(&s, stk_word(&s, av + 40)), "/bin/prog");
		assert_int_equal(stk_word(&s, av + 48), AT_ENTRY);
		assert_int_equal(stk_word(&s, av + 56), 0x10078);
		assert_int_equal(stk_word(&s, av + 64), AT_NULL);
		assert_int_equal(stk_word(&s, av + 72), 0);
		/* the padding, if any, is zero */
		for (u64 p = av + 80; p < rnd; p++)
			assert_int_equal(*stk_at(&s, p), 0);
	}
	free(table);
}

static void test_stack_limits(void **state)
{
	struct exec_stack st;
	u64 table[64];
	(void)state;

	exec_stack_init(&st, STK_TOP, 100, 1, 0, table);
	assert_int_equal(exec_stack_push(&st, 60), STK_TOP - 8 - 60);
	assert_int_equal(exec_stack_push(&st, 40), STK_TOP - 8 - 100);
	assert_int_equal(exec_stack_push(&st, 1), 0);   /* E2BIG */
	/* Linux's limits: 3/4 of 8 MiB, 1/4 of the rlimit, at least 128 KiB */
	assert_int_equal(exec_arg_limit(8UL << 20), 2UL << 20);
	assert_int_equal(exec_arg_limit(~0UL), 6UL << 20);
	assert_int_equal(exec_arg_limit(64UL << 10), 128UL << 10);
}

/* ------------------------------------------------------------ "#!" */

static int parse_line(const char *text, char *buf, const char **interp, const char **arg)
{
	size_t n = strlen(text);

	n = n < BINPRM_BUF_SIZE ? n : BINPRM_BUF_SIZE;
	memcpy(buf, text, n);
	return script_parse(buf, n, interp, arg);
}

static void test_script_lines(void **state)
{
	char buf[BINPRM_BUF_SIZE], line[400];
	const char *interp, *arg;
	(void)state;

	assert_int_equal(parse_line("#!/bin/sh\necho hi\n", buf, &interp, &arg), 0);
	assert_string_equal(interp, "/bin/sh");
	assert_null(arg);
	assert_int_equal(parse_line("#! /bin/echo   a b  \t \nrest", buf, &interp, &arg), 0);
	assert_string_equal(interp, "/bin/echo");
	assert_string_equal(arg, "a b");
	assert_int_equal(parse_line("#!/bin/echo", buf, &interp, &arg), 0);   /* no newline */
	assert_string_equal(interp, "/bin/echo");
	assert_null(arg);
	assert_int_equal(parse_line("#!\t/x\targ\n", buf, &interp, &arg), 0);
	assert_string_equal(interp, "/x");
	assert_string_equal(arg, "arg");
	assert_int_equal(parse_line("#!   \t  \n", buf, &interp, &arg), -ENOEXEC);
	assert_int_equal(parse_line("#x/bin/sh\n", buf, &interp, &arg), -ENOEXEC);
	assert_int_equal(parse_line("#", buf, &interp, &arg), -ENOEXEC);
	assert_int_equal(parse_line("\177ELF", buf, &interp, &arg), -ENOEXEC);

	/* A long argument is cut at the buffer's end (243 bytes here), as on Linux. */
	strcpy(line, "#!/bin/echo ");
	memset(line + 12, 'a', 300);
	strcpy(line + 312, "\n");
	assert_int_equal(parse_line(line, buf, &interp, &arg), 0);
	assert_string_equal(interp, "/bin/echo");
	assert_int_equal(strlen(arg), BINPRM_BUF_SIZE - 1 - 12);
	/* An interpreter name that does not end inside the buffer: -ENOEXEC. */
	memset(line, '/', sizeof(line));
	line[0] = '#';
	line[1] = '!';
	strcpy(line + 300, "bin/echo x\n");
	assert_int_equal(parse_line(line, buf, &interp, &arg), -ENOEXEC);
	/* ... even when it ends exactly at the last byte */
	memset(line, 'Z', sizeof(line));
	memcpy(line, "#!", 2);
	memset(line + 2, '/', BINPRM_BUF_SIZE - 3);
	line[300] = '\0';
	assert_int_equal(parse_line(line, buf, &interp, &arg), -ENOEXEC);
	/* A NUL ends the line like the end of the file. */
	memcpy(buf, "#!/bin/sh\0junk\n", 15);
	assert_int_equal(script_parse(buf, 15, &interp, &arg), 0);
	assert_string_equal(interp, "/bin/sh");
	assert_null(arg);
}

/* ------------------------------------------------------------ AT_HWCAP */

struct dt_info machine_dt;   /* what elf_hwcap() reads */

static void test_hwcap(void **state)
{
	const unsigned long imafdc = HWCAP_ISA('i') | HWCAP_ISA('m') | HWCAP_ISA('a') |
				     HWCAP_ISA('f') | HWCAP_ISA('d') | HWCAP_ISA('c');
	(void)state;

	assert_int_equal(imafdc, 0x112d);   /* Linux's value for rv64imafdc */
	assert_int_equal(riscv_isa_hwcap("rv64imafdch_zicsr_zifencei_zba_sstc"), imafdc);
	assert_int_equal(riscv_isa_hwcap("rv64gc"), imafdc);
	assert_int_equal(riscv_isa_hwcap("RV64IMAC"), imafdc & ~(HWCAP_ISA('f') | HWCAP_ISA('d')));
	assert_int_equal(riscv_isa_hwcap("rv64i2p1m2p0a2p1c2p0_zicsr2p0"),
			 HWCAP_ISA('i') | HWCAP_ISA('m') | HWCAP_ISA('a') | HWCAP_ISA('c'));
	assert_int_equal(riscv_isa_hwcap("rv64imafdcv"), imafdc);   /* no V: no vector state */
	assert_int_equal(riscv_isa_hwcap("x86"), 0);
	assert_int_equal(riscv_isa_hwcap(""), 0);
	/* the AND over enabled harts; the default without any */
	machine_dt.nharts = 3;
	machine_dt.harts[0] = (struct dt_hart){ .enabled = true, .isa = "rv64imafdc" };
	machine_dt.harts[1] = (struct dt_hart){ .enabled = true, .isa = "rv64imac" };
	machine_dt.harts[2] = (struct dt_hart){ .enabled = false, .isa = "rv64i" };
	assert_int_equal(elf_hwcap(), imafdc & ~(HWCAP_ISA('f') | HWCAP_ISA('d')));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elf_exec_loads),
		cmocka_unit_test(test_elf_dyn_bias),
		cmocka_unit_test(test_elf_corrupt),
		cmocka_unit_test(test_elf_exec_stack_flag),
		cmocka_unit_test(test_elf_shared_pages),
		cmocka_unit_test(test_elf_fuzz),
		cmocka_unit_test(test_stack_layout),
		cmocka_unit_test(test_stack_limits),
		cmocka_unit_test(test_script_lines),
		cmocka_unit_test(test_hwcap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

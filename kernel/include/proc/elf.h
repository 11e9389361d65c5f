/*
 * The ELF64 loader (kernel/proc/elf.c): parse and validate an executable
 * read through an abstract source, plan where its segments go, and load
 * them through an abstract address space. Pure code -- no mm, no files --
 * so the host unit tests run it under ASan with corrupt and fuzzed images;
 * exec.c supplies a file (or in-memory) source and an mm-backed mapper.
 * docs/proc.md, "exec", has the rules and the errnos.
 */
#ifndef PROC_ELF_H
#define PROC_ELF_H

#include <arch/memlayout.h>
#include <kernel/types.h>
#include <uapi/elf.h>

struct mmap_file;   /* mm/mm.h */

/*
 * Where an executable's bytes come from. read copies up to n bytes at
 * offset off into buf and returns how many it copied (fewer only at the
 * end of the file) or -errno. size is the file's length. mmap (NULL: the
 * source cannot be mapped, e.g. the self-tests' in-memory images) fills
 * *mf so that segments can be mapped from the file instead of copied
 * (0 or -errno; the source keeps the object alive while open). May sleep.
 */
struct exec_source {
	ssize_t (*read)(void *ctx, void *buf, size_t n, u64 off);
	int (*mmap)(void *ctx, struct mmap_file *mf);
	void *ctx;
	u64 size;
};

/*
 * Read exactly n bytes at off: 0, -EIO if the file ends first (Linux's
 * answer to a short read of headers), or the source's error.
 */
int exec_source_read(const struct exec_source *src, void *buf, size_t n, u64 off);

/* The most program headers Linux accepts: the table must fit in a page. */
#define ELF_MAX_PHNUM (PAGE_SIZE / sizeof(Elf64_Phdr))

/*
 * Where a static-PIE (ET_DYN) image goes: 2/3 of the user address space,
 * page aligned -- Linux riscv64's ELF_ET_DYN_BASE for Sv39 without
 * randomization (0x2aaaaaa000), then aligned down to the largest p_align.
 */
#define ELF_ET_DYN_BASE (((USER_TOP / 3) * 2) & PAGE_MASK)

/* One PT_LOAD to load, at its final (biased) address. */
struct elf_segment {
	u64 vaddr;            /* first byte in memory */
	u64 memsz;            /* bytes in memory; the last memsz - filesz are zero (bss) */
	u64 filesz;           /* bytes copied from the file */
	u64 offset;           /* file offset of the first byte */
	unsigned int prot;    /* PROT_READ/WRITE/EXEC */
};

/* What elf_parse found (~7 KiB: allocate it, do not put it on a stack). */
struct elf_info {
	Elf64_Ehdr ehdr;
	unsigned int nload;
	struct elf_segment load[ELF_MAX_PHNUM];   /* ascending, disjoint */
	u64 bias;             /* added to every p_vaddr (0 for ET_EXEC) */
	u64 entry;            /* e_entry + bias */
	u64 phdr_addr;        /* AT_PHDR: the headers in memory, or 0 if no segment holds them */
	u64 lo, hi;           /* page-aligned span of the image */
	u64 brk_start;        /* first page after the highest segment */
	bool exec_stack;      /* PT_GNU_STACK asks for PF_X */
};

/*
 * Read and check the headers of src and plan the load. Segments must lie
 * in [min, limit): min is MMAP_MIN_ADDR, limit the highest address
 * (exclusive) a segment may reach (the caller keeps the stack's room
 * above it). Returns 0 and fills *info, or:
 *   -ENOEXEC  not an ELF64 little-endian RISC-V ET_EXEC/ET_DYN executable
 *             of version 1; e_phentsize != 56; no or more than
 *             ELF_MAX_PHNUM program headers; a PT_INTERP (no dynamic
 *             linking); nothing to load
 *   -EIO      the program headers or a segment's file bytes lie past the
 *             end of the file
 *   -EINVAL   a PT_LOAD with p_filesz > p_memsz, a range that wraps or
 *             leaves user space, p_vaddr and p_offset not congruent modulo
 *             the page size, PT_LOADs out of order or overlapping, or an
 *             entry point outside every executable segment
 *   -EPERM    a segment below min (what mmap says below MMAP_MIN_ADDR)
 *   -ENOMEM   a segment reaching limit
 *   or the source's read error.
 */
int elf_parse(const struct exec_source *src, struct elf_info *info, u64 min, u64 limit);

/*
 * The address space elf_load fills, as callbacks on ctx:
 * map      map [start, start + len) (page aligned) anonymous, zeroed,
 *          readable and writable; nothing is mapped there yet
 * write    copy n bytes to user address addr (inside a mapped range)
 * protect  set [start, start + len) (page aligned) to prot (PROT_*)
 * map_file (optional; used only if src->mmap is set) map [start, start +
 *          len) private, readable and writable, from src at file offset
 *          off (page aligned); nothing is mapped there yet. -ENODEV: the
 *          source cannot be mapped after all, copy instead.
 * Each returns 0 or -errno.
 */
struct elf_mapper {
	int (*map)(void *ctx, u64 start, u64 len);
	int (*map_file)(void *ctx, const struct exec_source *src, u64 start, u64 len, u64 off);
	int (*write)(void *ctx, u64 addr, const void *buf, size_t n);
	int (*protect)(void *ctx, u64 start, u64 len, unsigned int prot);
	void *ctx;
};

/*
 * Load the segments elf_parse planned: map each page range once (a page
 * shared by two segments is mapped by the first), copy the file bytes
 * through buf (bufsize bytes of scratch), leave the rest zero (bss,
 * including the tail of the last file page). A segment whose first page
 * is its own is mapped from the file instead when src and m can
 * (src->mmap, m->map_file): its file pages privately, the tail of the
 * last one zeroed through m->write if the segment has bss (Linux's
 * padzero), anonymous pages for the rest. Then give each page its
 * segment's protection (a shared page the union of both). Returns 0 or
 * the first error of the source or the mapper; the caller throws the
 * half-built address space away.
 */
int elf_load(const struct elf_info *info, const struct exec_source *src,
	     const struct elf_mapper *m, void *buf, size_t bufsize);

#endif /* PROC_ELF_H */

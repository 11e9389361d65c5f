/*
 * The ELF64 loader's pure part (interface in <proc/elf.h>): header
 * checks, the load plan, and loading through a struct elf_mapper. It
 * touches no address space and no file itself, so tests/unit/test_elf.c
 * runs it under ASan over good, corrupt and fuzzed images.
 *
 * Rules, after Linux's load_elf_binary (docs/proc.md, "exec"):
 *  - ELF64, little-endian, version 1, EM_RISCV, ET_EXEC or ET_DYN
 *    (static PIE, loaded at ELF_ET_DYN_BASE); anything else -ENOEXEC.
 *    (Linux checks only class and machine; a big-endian or version-0
 *    file fails there too, just later.)
 *  - e_phentsize 56, 1..73 headers, all inside the file (-EIO if not).
 *  - PT_INTERP: -ENOEXEC, since there is no dynamic linking.
 *    PT_GNU_STACK: PF_X makes the stack executable. PT_TLS, PT_PHDR,
 *    PT_NOTE, PT_GNU_RELRO, PT_GNU_PROPERTY, PT_DYNAMIC: ignored
 *    (user space sets tp and protects RELRO itself).
 *  - PT_LOAD checks are Linux's "set_brk can never work" ones (-EINVAL)
 *    plus what its mmap calls would refuse (congruent offset, -EINVAL;
 *    below MMAP_MIN_ADDR, -EPERM), and two Linux leaves to fault at run
 *    time: overlapping or unsorted PT_LOADs and an entry point outside
 *    every executable segment (-EINVAL). File bytes past the end of the
 *    file: -EIO (Linux would SIGBUS or SIGSEGV after the point of no
 *    return; Kestrel refuses before it).
 * No locks; no allocation.
 */
#include <kernel/compiler.h>
#include <lib/string.h>
#include <proc/elf.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define ELF_PAGE_DOWN(x) ((x) & ~(u64)(PAGE_SIZE - 1))
#define ELF_PAGE_UP(x)   ELF_PAGE_DOWN((x) + PAGE_SIZE - 1)

int exec_source_read(const struct exec_source *src, void *buf, size_t n, u64 off)
{
	size_t done = 0;

	while (done < n) {
		ssize_t got = src->read(src->ctx, (char *)buf + done, n - done, off + done);

		if (got < 0)
			return (int)got;
		if (got == 0)
			return -EIO;
		done += (size_t)got;
	}
	return 0;
}

/* The identification and type checks: 0 or -ENOEXEC. */
static int elf_check_ehdr(const Elf64_Ehdr *eh)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (eh->e_machine != EM_RISCV)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	return 0;
}

static unsigned int elf_prot(u32 flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) | ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}

/* One PT_LOAD's own fields (before the bias): 0, -EINVAL or -EIO. */
static int elf_check_load(const Elf64_Phdr *ph, u64 file_size)
{
	if (ph->p_filesz > ph->p_memsz || ph->p_memsz > USER_TOP || ph->p_vaddr >= USER_TOP ||
	    USER_TOP - ph->p_memsz < ph->p_vaddr)
		return -EINVAL;
	if ((ph->p_vaddr - ph->p_offset) & (PAGE_SIZE - 1))
		return -EINVAL;
	if (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
		return -EIO;
	return 0;
}

/* Collect PT_LOADs (unbiased) and the flags of the others. */
static int elf_scan_phdrs(const Elf64_Phdr *ph, unsigned int n, u64 file_size, struct elf_info *info)
{
	for (unsigned int i = 0; i < n; i++, ph++) {
		int err;

		switch (ph->p_type) {
		case PT_INTERP:
			return -ENOEXEC;
		case PT_GNU_STACK:
			info->exec_stack = ph->p_flags & PF_X;
			break;
		case PT_LOAD:
			err = elf_check_load(ph, file_size);
			if (err)
				return err;
			if (!ph->p_memsz)
				break;
			info->load[info->nload++] = (struct elf_segment){
				.vaddr = ph->p_vaddr, .memsz = ph->p_memsz, .filesz = ph->p_filesz,
				.offset = ph->p_offset, .prot = elf_prot(ph->p_flags),
			};
			if (!info->phdr_addr && ph->p_offset <= info->ehdr.e_phoff &&
			    info->ehdr.e_phoff - ph->p_offset < ph->p_filesz)
				info->phdr_addr = info->ehdr.e_phoff - ph->p_offset + ph->p_vaddr;
			break;
		}
	}
	return info->nload ? 0 : -ENOEXEC;
}

/* The largest power-of-two p_align of the PT_LOADs, at least a page. */
static u64 elf_max_align(const Elf64_Phdr *ph, unsigned int n)
{
	u64 align = PAGE_SIZE;

	for (unsigned int i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_align > align &&
		    !(ph[i].p_align & (ph[i].p_align - 1)) && ph[i].p_align <= USER_TOP / 4)
			align = ph[i].p_align;
	return align;
}

/* Bias, order, overlap, bounds and entry checks over the collected segments. */
static int elf_place(struct elf_info *info, u64 align, u64 min, u64 limit)
{
	u64 first = ELF_PAGE_DOWN(info->load[0].vaddr), prev_end = 0;
	bool entry_ok = false;

	info->bias = 0;
	if (info->ehdr.e_type == ET_DYN && first < ELF_ET_DYN_BASE)
		info->bias = (ELF_ET_DYN_BASE - first) & ~(align - 1);
	for (unsigned int i = 0; i < info->nload; i++) {
		struct elf_segment *s = &info->load[i];

		if (s->vaddr < prev_end)
			return -EINVAL;   /* unsorted or overlapping */
		prev_end = s->vaddr + s->memsz;
		if (s->vaddr + s->memsz > USER_TOP - info->bias)
			return -EINVAL;   /* the bias pushed it out of user space */
		s->vaddr += info->bias;
		if (ELF_PAGE_DOWN(s->vaddr) < min)
			return -EPERM;
		if (ELF_PAGE_UP(s->vaddr + s->memsz) > limit)
			return -ENOMEM;
		if ((s->prot & PROT_EXEC) && info->ehdr.e_entry - (s->vaddr - info->bias) < s->memsz)
			entry_ok = true;
	}
	if (!entry_ok)
		return -EINVAL;
	info->entry = info->ehdr.e_entry + info->bias;
	if (info->phdr_addr)
		info->phdr_addr += info->bias;
	info->lo = ELF_PAGE_DOWN(info->load[0].vaddr);
	info->hi = ELF_PAGE_UP(info->load[info->nload - 1].vaddr + info->load[info->nload - 1].memsz);
	info->brk_start = info->hi;
	return 0;
}

int elf_parse(const struct exec_source *src, struct elf_info *info, u64 min, u64 limit)
{
	Elf64_Phdr ph[ELF_MAX_PHNUM];
	u64 table;
	int err;

	memset(info, 0, sizeof(*info));
	if (src->size < sizeof(Elf64_Ehdr))
		return -ENOEXEC;
	err = exec_source_read(src, &info->ehdr, sizeof(info->ehdr), 0);
	if (err)
		return err;
	err = elf_check_ehdr(&info->ehdr);
	if (err)
		return err;
	table = (u64)info->ehdr.e_phnum * sizeof(Elf64_Phdr);
	if (info->ehdr.e_phoff > src->size || table > src->size - info->ehdr.e_phoff)
		return -EIO;
	err = exec_source_read(src, ph, table, info->ehdr.e_phoff);
	if (err)
		return err;
	err = elf_scan_phdrs(ph, info->ehdr.e_phnum, src->size, info);
	if (err)
		return err;
	return elf_place(info, elf_max_align(ph, info->ehdr.e_phnum), min, limit);
}

/* ------------------------------------------------------------------ load */

/* Copy segment s's file bytes into place through buf. */
static int elf_copy_segment(const struct elf_segment *s, const struct exec_source *src,
			    const struct elf_mapper *m, void *buf, size_t bufsize)
{
	for (u64 done = 0; done < s->filesz;) {
		size_t n = (size_t)MIN((u64)bufsize, s->filesz - done);
		int err = exec_source_read(src, buf, n, s->offset + done);

		if (!err)
			err = m->write(m->ctx, s->vaddr + done, buf, n);
		if (err)
			return err;
		done += n;
	}
	return 0;
}

static int elf_protect(const struct elf_mapper *m, u64 start, u64 end, unsigned int prot)
{
	return start < end ? m->protect(m->ctx, start, end - start, prot) : 0;
}

/*
 * Give every page its protection. Segments are ascending and disjoint, so
 * only the last page of one may be the first of the next (or hold several
 * small segments): that page is held back in (page, page_prot) gathering
 * the union until a segment starts beyond it.
 */
static int elf_protect_all(const struct elf_info *info, const struct elf_mapper *m)
{
	u64 page = 0;                /* the held page, if held */
	unsigned int page_prot = 0;
	bool held = false;
	int err = 0;

	for (unsigned int i = 0; i < info->nload && !err; i++) {
		const struct elf_segment *s = &info->load[i];
		u64 start = ELF_PAGE_DOWN(s->vaddr), end = ELF_PAGE_UP(s->vaddr + s->memsz);

		if (held && start <= page) {
			page_prot |= s->prot;        /* shares the held page */
			start = page + PAGE_SIZE;
		}
		if (end <= start)
			continue;                    /* ends inside the held page */
		/* s goes beyond the held page, so no later segment can share it */
		if (held)
			err = elf_protect(m, page, page + PAGE_SIZE, page_prot);
		if (!err)
			err = elf_protect(m, start, end - PAGE_SIZE, s->prot);
		page = end - PAGE_SIZE;
		page_prot = s->prot;
		held = true;
	}
	return err || !held ? err : elf_protect(m, page, page + PAGE_SIZE, page_prot);
}

/* Zero [addr, addr + n) through the mapper, buf as a zero source. */
static int elf_zero(const struct elf_mapper *m, u64 addr, u64 n, void *buf, size_t bufsize)
{
	memset(buf, 0, MIN((u64)bufsize, n));
	for (u64 done = 0; done < n;) {
		size_t k = (size_t)MIN((u64)bufsize, n - done);
		int err = m->write(m->ctx, addr + done, buf, k);

		if (err)
			return err;
		done += k;
	}
	return 0;
}

/*
 * Map segment s (first page its own) from the file: its file pages, then
 * zeros after p_filesz in the last one if it has bss, then anonymous
 * pages up to end. -ENODEV: not mappable, the caller copies.
 */
static int elf_map_segment(const struct elf_segment *s, const struct exec_source *src,
			   const struct elf_mapper *m, void *buf, size_t bufsize)
{
	u64 start = ELF_PAGE_DOWN(s->vaddr), fend = ELF_PAGE_UP(s->vaddr + s->filesz);
	u64 end = ELF_PAGE_UP(s->vaddr + s->memsz);
	int err = m->map_file(m->ctx, src, start, fend - start, ELF_PAGE_DOWN(s->offset));

	if (!err && s->memsz > s->filesz && fend > s->vaddr + s->filesz)
		err = elf_zero(m, s->vaddr + s->filesz, fend - (s->vaddr + s->filesz), buf, bufsize);
	if (!err && fend < end)
		err = m->map(m->ctx, fend, end - fend);
	return err;
}

int elf_load(const struct elf_info *info, const struct exec_source *src,
	     const struct elf_mapper *m, void *buf, size_t bufsize)
{
	u64 prev_end = 0;

	for (unsigned int i = 0; i < info->nload; i++) {
		const struct elf_segment *s = &info->load[i];
		u64 start = MAX(ELF_PAGE_DOWN(s->vaddr), prev_end), end = ELF_PAGE_UP(s->vaddr + s->memsz);
		int err = -ENODEV;

		/* p_offset and p_vaddr are congruent (elf_check_load) */
		if (src->mmap && m->map_file && s->filesz && start == ELF_PAGE_DOWN(s->vaddr))
			err = elf_map_segment(s, src, m, buf, bufsize);
		if (err == -ENODEV) {
			err = start < end ? m->map(m->ctx, start, end - start) : 0;
			if (!err)
				err = elf_copy_segment(s, src, m, buf, bufsize);
		}
		if (err)
			return err;
		prev_end = MAX(prev_end, end);
	}
	return elf_protect_all(info, m);
}

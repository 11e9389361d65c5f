/*
 * Self-tests of the vDSO (ktest=boot):
 *
 *  - vdso_map_fresh_mm: vdso_map() into a new address space; through
 *    copy_from_user only, as a user would see it: the ELF header and
 *    program headers (one PT_LOAD at 0, a PT_DYNAMIC), the dynamic
 *    section's DT_HASH, DT_GNU_HASH, DT_SYMTAB, DT_STRTAB, DT_VERSYM, and
 *    a DT_HASH lookup of each exported function landing on the offset
 *    the build recorded; the data page below it with the kernel's clock
 *    data. The data page cannot be written nor made writable; the code
 *    can be made writable, and writing it then changes a private copy,
 *    never the kernel's page. fork (mm_dup) keeps the mapping. The
 *    kernel's pages get back every reference the mappings took.
 *  - vdso_user_mode: a user program (ktest_vdso_prog.S) calls
 *    __vdso_clock_gettime, __vdso_clock_getres and __vdso_gettimeofday
 *    in user mode; their answers agree with the system call and with
 *    each other; prints the cost of a call through the vDSO against the
 *    system call.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/time.h>
#include <kernel/user.h>
#include <kernel/vdso.h>
#include <kernel/vdso_data.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#include "ktest_umm.h"

/* The few ELF64 structures the test reads (the ELF specification's layouts). */
struct elf_ehdr {
	u8 ident[16];
	u16 type, machine;
	u32 version;
	u64 entry, phoff, shoff;
	u32 flags;
	u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf_phdr {
	u32 type, flags;
	u64 offset, vaddr, paddr, filesz, memsz, align;
};
struct elf_dyn {
	s64 tag;
	u64 val;
};
struct elf_sym {
	u32 name;
	u8 info, other;
	u16 shndx;
	u64 value, size;
};
_Static_assert(sizeof(struct elf_ehdr) == 64 && sizeof(struct elf_phdr) == 56 &&
	       sizeof(struct elf_sym) == 24, "ELF64 layouts");

#define ET_DYN 3
#define EM_RISCV 243
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define DT_NULL 0
#define DT_HASH 4
#define DT_STRTAB 5
#define DT_SYMTAB 6
#define DT_GNU_HASH 0x6ffffef5
#define DT_VERSYM 0x6ffffff0

/* The dynamic table's addresses (0 if absent), read from user memory. */
struct vdso_dyn {
	u64 hash, gnu_hash, strtab, symtab, versym;
};

static const char *read_headers(unsigned long base, struct vdso_dyn *d)
{
	struct elf_ehdr eh;
	struct elf_phdr ph;
	struct elf_dyn dyn;
	unsigned long dynamic = 0;
	int loads = 0;

	if (copy_from_user(&eh, (void *)base, sizeof(eh)))
		return ktest_fail("the ELF header is not readable");
	if (memcmp(eh.ident, "\177ELF\2\1", 6) || eh.type != ET_DYN || eh.machine != EM_RISCV ||
	    eh.phentsize != sizeof(ph))
		return ktest_fail("not a RISC-V ELF64 shared object (type %u machine %u)",
				  eh.type, eh.machine);
	for (unsigned int i = 0; i < eh.phnum; i++) {
		if (copy_from_user(&ph, (void *)(base + eh.phoff + i * sizeof(ph)), sizeof(ph)))
			return ktest_fail("program header %u not readable", i);
		if (ph.type == PT_LOAD && (loads++ || ph.vaddr || ph.offset || ph.filesz != ph.memsz))
			return ktest_fail("PT_LOAD %u at %#llx", loads, (unsigned long long)ph.vaddr);
		if (ph.type == PT_DYNAMIC)
			dynamic = base + ph.vaddr;
	}
	if (loads != 1 || !dynamic)
		return ktest_fail("%d PT_LOAD, PT_DYNAMIC at %#lx", loads, dynamic);
	memset(d, 0, sizeof(*d));
	for (unsigned long a = dynamic;; a += sizeof(dyn)) {
		if (copy_from_user(&dyn, (void *)a, sizeof(dyn)))
			return ktest_fail("dynamic section not readable");
		if (dyn.tag == DT_NULL)
			break;
		if (dyn.tag == DT_HASH) d->hash = dyn.val;
		if (dyn.tag == DT_GNU_HASH) d->gnu_hash = dyn.val;
		if (dyn.tag == DT_STRTAB) d->strtab = dyn.val;
		if (dyn.tag == DT_SYMTAB) d->symtab = dyn.val;
		if (dyn.tag == DT_VERSYM) d->versym = dyn.val;
	}
	if (!d->hash || !d->gnu_hash || !d->strtab || !d->symtab || !d->versym)
		return ktest_fail("missing dynamic tags");
	return NULL;
}

/* The System V ELF hash of a symbol name. */
static u32 elf_hash(const char *name)
{
	u32 h = 0, g;

	for (; *name; name++) {
		h = (h << 4) + (u8)*name;
		g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

/* Look name up through DT_HASH as a dynamic linker would: its value, or 0. */
static u64 hash_lookup(unsigned long base, const struct vdso_dyn *d, const char *name)
{
	u32 nbucket, idx;
	char buf[32];
	struct elf_sym sym;

	if (copy_from_user(&nbucket, (void *)(base + d->hash), 4) || !nbucket ||
	    copy_from_user(&idx, (void *)(base + d->hash + 8 + 4 * (elf_hash(name) % nbucket)), 4))
		return 0;
	for (int guard = 0; idx && guard < 64; guard++) {
		u32 nchain_off = 8 + 4 * nbucket;   /* chains follow the buckets */

		if (copy_from_user(&sym, (void *)(base + d->symtab + idx * sizeof(sym)), sizeof(sym)) ||
		    strncpy_from_user(buf, (void *)(base + d->strtab + sym.name), sizeof(buf)) < 0)
			return 0;
		buf[sizeof(buf) - 1] = '\0';
		if (strcmp(buf, name) == 0)
			return sym.value;
		if (copy_from_user(&idx, (void *)(base + d->hash + nchain_off + 4 * idx), 4))
			return 0;
	}
	return 0;
}

static const char *check_symbols(unsigned long base)
{
	static const char *const names[VDSO_NR_FUNCS] = {
		[VDSO_RT_SIGRETURN] = "__vdso_rt_sigreturn",
		[VDSO_GETTIMEOFDAY] = "__vdso_gettimeofday",
		[VDSO_CLOCK_GETTIME] = "__vdso_clock_gettime",
		[VDSO_CLOCK_GETRES] = "__vdso_clock_getres",
		[VDSO_GETCPU] = "__vdso_getcpu",
		[VDSO_FLUSH_ICACHE] = "__vdso_flush_icache",
	};
	struct vdso_dyn d;
	const char *why = read_headers(base, &d);
	u32 insn[2];

	if (why)
		return why;
	for (int f = 0; f < VDSO_NR_FUNCS; f++) {
		u64 v = hash_lookup(base, &d, names[f]);

		if (!v || v != vdso_func_offset(f))
			return ktest_fail("%s at %#llx, the build says %#lx", names[f],
					  (unsigned long long)v, vdso_func_offset(f));
	}
	/* The trampoline is li a7, 139; ecall. */
	if (copy_from_user(insn, (void *)vdso_sigreturn(base), sizeof(insn)) ||
	    insn[0] != 0x08b00893 || insn[1] != 0x00000073)
		return ktest_fail("__vdso_rt_sigreturn is %08x %08x", insn[0], insn[1]);
	return NULL;
}

static const char *check_protection(struct mm_struct *mm, unsigned long base)
{
	struct vdso_data vd;
	size_t size;
	const u8 *image = vdso_image(&size);
	u8 byte = 0x5a;

	if (copy_from_user(&vd, (void *)(base - PAGE_SIZE), sizeof(vd)) ||
	    vd.timebase_freq != timebase_freq || vd.coarse_ns != NSEC_PER_TICK ||
	    vd.realtime_offset_ns != clock_realtime_offset_ns() || (vd.seq.sequence & 1))
		return ktest_fail("data page: freq %llu, offset %llu",
				  (unsigned long long)vd.timebase_freq,
				  (unsigned long long)vd.realtime_offset_ns);
	if (copy_to_user((void *)(base - PAGE_SIZE), &byte, 1) != -EFAULT ||
	    do_mprotect(mm, base - PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE) != -EACCES ||
	    copy_to_user((void *)base, &byte, 1) != -EFAULT)
		return ktest_fail("the vDSO pages are writable");
	/* A debugger's breakpoint: allowed, and private. */
	if (do_mprotect(mm, base, PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC) ||
	    copy_to_user((void *)base, &byte, 1) ||
	    copy_from_user(&byte, (void *)base, 1) || byte != 0x5a || image[0] != 0x7f)
		return ktest_fail("writing the vDSO after mprotect: %#x, image %#x", byte, image[0]);
	return NULL;
}

static const char *map_body(struct mm_struct *mm, void *arg)
{
	unsigned long base = 0;
	const char *why;
	struct mm_struct *child;

	if (vdso_map(mm, &base))
		return ktest_fail("vdso_map failed");
	if (base % PAGE_SIZE || base >= mm->mmap_base || mm->vdso_base != base)
		return ktest_fail("vDSO at %#lx (mmap_base %#lx)", base, mm->mmap_base);
	if ((why = check_symbols(base)))
		return why;
	child = mm_dup(mm);
	if (IS_ERR(child))
		return ktest_fail("mm_dup failed");
	why = child->vdso_base != base ? "the child lost the vDSO" : mm_validate(child);
	mm_put(child);
	if (why)
		return why;
	if ((why = check_protection(mm, base)))
		return why;
	return mm_validate(mm);
}

KTEST(vdso_map_fresh_mm)
{
	struct page *data = vdso_page(0), *code = vdso_page(1);
	int refs_data = atomic_read(&data->refcount), refs_code = atomic_read(&code->refcount);
	const char *why = ktest_in_user_mm(map_body, NULL);

	if (why)
		return why;
	if (vdso_page(vdso_mapping_size() / PAGE_SIZE) != NULL)
		return ktest_fail("a page past the image");
	if (atomic_read(&data->refcount) != refs_data || atomic_read(&code->refcount) != refs_code)
		return ktest_fail("page references %d/%d after, %d/%d before",
				  atomic_read(&data->refcount), atomic_read(&code->refcount),
				  refs_data, refs_code);
	return NULL;
}

/* ---------------------------------------------------------------- in user mode */

#define VDSO_PROG_BASE 0x10000UL
#define VDSO_PROG_DATA 0x40000UL   /* as in ktest_vdso_prog.S */
#define VDSO_STACK_TOP 0x3fff000000UL
#define VDSO_LOOPS 1000

extern const char ktest_vdso_prog_start[], ktest_vdso_prog_end[];

/* The user task: a process of its own (a user task's exit needs one), on the test's mm. */
static int vdso_user_task(void *mm)
{
	unsigned long irq;

	if (proc_become_user()) {
		mm_put(mm);
		return 199;
	}
	irq = local_irq_save();
	current->mm = mm;
	mm_switch(mm);
	local_irq_restore(irq);
	user_enter(VDSO_PROG_BASE, VDSO_STACK_TOP);
}

/* Map the program, its data page and stack, and the vDSO; fill the data page. */
static int user_setup(struct mm_struct *mm)
{
	size_t size = (size_t)(ktest_vdso_prog_end - ktest_vdso_prog_start);
	unsigned long base, data[15] = { 0 };

	if (do_mmap(mm, VDSO_PROG_BASE, size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0 ||
	    copy_to_user((void *)VDSO_PROG_BASE, ktest_vdso_prog_start, size) ||
	    do_mprotect(mm, VDSO_PROG_BASE, size, PROT_READ | PROT_EXEC) ||
	    do_mmap(mm, VDSO_PROG_DATA, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0 ||
	    do_mmap(mm, VDSO_STACK_TOP - 4 * PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, NULL, 0) < 0 ||
	    vdso_map(mm, &base))
		return -ENOMEM;
	data[0] = base + vdso_func_offset(VDSO_CLOCK_GETTIME);
	data[1] = base + vdso_func_offset(VDSO_GETTIMEOFDAY);
	data[2] = base + vdso_func_offset(VDSO_CLOCK_GETRES);
	data[3] = VDSO_LOOPS;
	data[14] = NSEC_PER_TICK;
	return copy_to_user((void *)VDSO_PROG_DATA, data, sizeof(data));
}

static const char *user_body(struct mm_struct *mm, void *arg)
{
	unsigned long data[15];
	struct task *t;
	int code;

	if (user_setup(mm))
		return ktest_fail("setting up the user program failed");
	mm_get(mm);   /* the user task's; it drops it when it exits */
	t = kthread_create(vdso_user_task, mm, "vdso_user");
	if (IS_ERR(t)) {
		mm_put(mm);
		return ktest_fail("kthread_create failed");
	}
	set_cpus_allowed(t, cpumask_of(nr_cpus - 1));   /* the hart user_enter fence.i's */
	wake_up_new_task(t);
	code = kthread_join(t);   /* a wait status: the exit code is in bits 8..15 */
	if (code)
		return ktest_fail("the user program failed: wait status %#x (check %d)", code,
				  (code >> 8) & 0xff);
	if (copy_from_user(data, (void *)VDSO_PROG_DATA, sizeof(data)))
		return ktest_fail("the results are not readable");
	printk("vdso: clock_gettime(MONOTONIC) in user mode: %llu ns through the vDSO, "
	       "%llu ns through the system call\n",
	       (unsigned long long)(cycles_to_ns(data[4]) / VDSO_LOOPS),
	       (unsigned long long)(cycles_to_ns(data[5]) / VDSO_LOOPS));
	return mm_validate(mm);
}

KTEST(vdso_user_mode)
{
	return ktest_in_user_mm(user_body, NULL);
}

# Kestrel top-level Makefile.
#
#   make qemu        build everything and boot to the console (Ctrl-A X quits)
#   make test        everything CI checks; ends with "N passed, M failed"
#
# Variables: CPUS (4), MEM (512M), BOOTARGS, HZ (100), DEBUG (1), GDBPORT, DISK, DISK2, HOSTFWD (8080),
# INITRD (build/initramfs.cpio: a newc cpio archive, unpacked into the root at boot;
# INITRD= boots without one).
# See README.md for every target.

CPUS     ?= 4
MEM      ?= 512M
BOOTARGS ?= root=/dev/vda ip=off
HZ       ?= 100
DEBUG    ?= 1
GDBPORT  ?= 1234

CROSS    ?= riscv64-unknown-elf-
CC       := $(CROSS)gcc
LD       := $(CROSS)ld
OBJCOPY  := $(CROSS)objcopy
NM       := $(CROSS)nm
HOSTCC   ?= gcc
PYTHON   ?= python3
QEMU     ?= qemu-system-riscv64
OPENSBI  ?= /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin

B := build

# ---------------------------------------------------------------- kernel
KCFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdlib \
	-fno-common -fno-pie -fno-stack-protector \
	-fno-tree-loop-distribute-patterns \
	-mcmodel=medany -march=rv64imac_zicsr_zifencei -mabi=lp64 -mno-relax \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls \
	-Wall -Wextra -Werror -Wno-unused-parameter \
	-Ikernel/include -I$(B)/include -MMD -MP \
	-DHZ=$(HZ)
ifeq ($(DEBUG),1)
KCFLAGS += -DCONFIG_DEBUG=1
endif
KLDFLAGS := -nostdlib --no-relax -z noexecstack -T kernel.ld

# kernel/arch/riscv/vdso/ is user code (the vDSO, below), not the kernel's.
KSRCS := $(shell find kernel -path kernel/arch/riscv/vdso -prune -o \
	\( -name '*.c' -o -name '*.S' \) -print | LC_ALL=C sort)
KOBJS := $(patsubst %,$(B)/%.o,$(KSRCS)) $(B)/generated/syscall_table.c.o

# The system-call table and docs/abi.md come from kernel/syscalls.list and
# the Linux UAPI header (scripts/gensyscalls.py).
SYSCALL_LISTS := kernel/syscalls.list $(sort $(wildcard kernel/*/syscalls*.list))
$(B)/generated/syscall_table.c: $(SYSCALL_LISTS) scripts/gensyscalls.py
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	@$(PYTHON) scripts/gensyscalls.py table $(SYSCALL_LISTS) > $@.tmp && mv $@.tmp $@

$(B)/generated/syscall_table.c.o: $(B)/generated/syscall_table.c $(B)/kflags
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

abi-doc: $(SYSCALL_LISTS) scripts/gensyscalls.py
	@$(PYTHON) scripts/gensyscalls.py doc $(SYSCALL_LISTS) > docs/abi.md
	@echo "  GEN     docs/abi.md"

# The version string: rewritten only when it changes, so a rebuild with no
# change relinks nothing.
KVERSION := 0.1.0-$(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD 2>/dev/null || echo -dirty)
$(B)/include/generated/version.h: FORCE
	@mkdir -p $(@D)
	@printf '#define KESTREL_VERSION "%s"\n#define KESTREL_HZ_CONFIG %s\n' '$(KVERSION)' '$(HZ)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

# Everything compiled depends on the flags: a change of HZ or DEBUG rebuilds.
$(B)/kflags: FORCE
	@mkdir -p $(@D)
	@echo '$(KCFLAGS)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(B)/kernel/%.c.o: kernel/%.c $(B)/kflags | $(B)/include/generated/version.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(B)/kernel/%.S.o: kernel/%.S $(B)/kflags
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(CC) $(KCFLAGS) -D__ASSEMBLY__ -c $< -o $@

# Two-pass link: the first image gives the symbol addresses, the second
# carries the table (in .ksyms, placed after all code so no function moves).
# scripts/ksyms.py --check proves the text symbols did not move.
$(B)/kernel.elf: $(KOBJS) kernel.ld scripts/ksyms.py
	@echo "  LD      $@"
	@$(PYTHON) scripts/ksyms.py < /dev/null > $(B)/ksyms0.S
	@$(CC) $(KCFLAGS) -D__ASSEMBLY__ -c $(B)/ksyms0.S -o $(B)/ksyms0.o
	@$(LD) $(KLDFLAGS) -o $(B)/kernel.pass1.elf $(KOBJS) $(B)/ksyms0.o
	@$(NM) -n $(B)/kernel.pass1.elf | $(PYTHON) scripts/ksyms.py > $(B)/ksyms.S
	@$(CC) $(KCFLAGS) -D__ASSEMBLY__ -c $(B)/ksyms.S -o $(B)/ksyms.o
	@$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(B)/ksyms.o
	@$(NM) -n $(B)/kernel.pass1.elf > $(B)/pass1.syms
	@$(NM) -n $@ | $(PYTHON) scripts/ksyms.py --check $(B)/pass1.syms
	@$(OBJCOPY) -O binary $@ $(B)/kernel.bin

kernel: $(B)/kernel.elf
.PHONY: kernel

# ---------------------------------------------------------------- the vDSO
# An ELF shared object for user space (docs/time.md), built by the Linux
# cross compiler, checked (scripts/vdso_check.py: one PT_LOAD, DT_HASH and
# DT_GNU_HASH, the LINUX_4.15 versions glibc asks for, no relocations),
# then embedded in the kernel by kernel/arch/riscv/vdso_image.S.
VDSO_CC := riscv64-linux-gnu-gcc
VDSO_OBJCOPY := riscv64-linux-gnu-objcopy
VDSO_DIR := kernel/arch/riscv/vdso
VDSO_CFLAGS := -std=gnu11 -O2 -g -fPIC -ffreestanding -fno-builtin -nostdlib \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fno-common -fvisibility=hidden -march=rv64gc -mabi=lp64d \
	-Wall -Wextra -Werror -Wno-unused-parameter -Ikernel/include -MMD -MP
VDSO_LDFLAGS := -shared -nostdlib -Wl,-soname=linux-vdso.so.1 -Wl,--hash-style=both \
	-Wl,--version-script=$(VDSO_DIR)/vdso.map -Wl,-T,$(VDSO_DIR)/vdso.lds \
	-Wl,-Bsymbolic -Wl,--no-undefined -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
	-Wl,-z,noexecstack
VDSO_OBJS := $(B)/vdso/vclock.o $(B)/vdso/sigreturn.o

$(B)/vdso/%.o: $(VDSO_DIR)/%.c Makefile
	@mkdir -p $(@D)
	@echo "  VDSOCC  $<"
	@$(VDSO_CC) $(VDSO_CFLAGS) -c $< -o $@

$(B)/vdso/%.o: $(VDSO_DIR)/%.S Makefile
	@mkdir -p $(@D)
	@echo "  VDSOAS  $<"
	@$(VDSO_CC) $(VDSO_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(B)/vdso/vdso.so: $(VDSO_OBJS) $(VDSO_DIR)/vdso.lds $(VDSO_DIR)/vdso.map
	@echo "  VDSOLD  $@"
	@$(VDSO_CC) $(VDSO_CFLAGS) $(VDSO_LDFLAGS) $(VDSO_OBJS) -o $@.dbg
	@$(VDSO_OBJCOPY) --strip-all $@.dbg $@

$(B)/include/generated/vdso_offsets.h: $(B)/vdso/vdso.so scripts/vdso_check.py
	@mkdir -p $(@D)
	@echo "  CHECK   $<"
	@$(PYTHON) scripts/vdso_check.py $< > $@.tmp && mv $@.tmp $@

$(B)/kernel/arch/riscv/vdso.c.o: $(B)/include/generated/vdso_offsets.h
$(B)/kernel/arch/riscv/vdso_image.S.o: $(B)/vdso/vdso.so $(B)/include/generated/vdso_offsets.h
$(B)/kernel/arch/riscv/vdso_image.S.o: KCFLAGS += -DVDSO_IMAGE_PATH='"$(B)/vdso/vdso.so"'

vdso: $(B)/include/generated/vdso_offsets.h
.PHONY: vdso

# glibc's own loader must find the vDSO's versioned symbols (tests/vdso/):
# a dynamic riscv64 program under qemu-riscv64. Not part of make test.
vdso-glibc-check: $(B)/include/generated/vdso_offsets.h tests/vdso/glibc_dlvsym.c
	@$(VDSO_CC) -O2 -Ikernel/include tests/vdso/glibc_dlvsym.c -o $(B)/vdso/glibc_dlvsym
	qemu-riscv64 -L /usr/riscv64-linux-gnu $(B)/vdso/glibc_dlvsym $(B)/vdso/vdso.so
.PHONY: vdso-glibc-check

# ---------------------------------------------------------------- exec test programs
# User programs that the exec self-tests (kernel/proc/ktest_exec.c) load
# from memory, built with the Linux cross compiler and embedded in the
# kernel by kernel/proc/ktest_exec_images.S (.incbin): tests/exec/exec_check.c
# as a static ET_EXEC, a static PIE (ET_DYN, no relocations) and an
# ~800 KiB variant (the exec timing), a static glibc "hello", and a static
# glibc program on the vDSO and the time calls (tests/exec/clock.c).
UCC := riscv64-linux-gnu-gcc
EXEC_TEST_CFLAGS := -O2 -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns \
	-fno-stack-protector -nostdlib -march=rv64gc -mabi=lp64d -Wall -Wextra -Werror
EXEC_TEST_SRCS := tests/exec/start.S tests/exec/exec_check.c
ET := $(B)/exec-tests
EXEC_TEST_ELFS := $(ET)/check.elf $(ET)/check_pie.elf $(ET)/check_big.elf $(ET)/hello.elf \
	$(ET)/clock.elf

$(ET)/check.elf: $(EXEC_TEST_SRCS)
	@mkdir -p $(@D)
	@echo "  UCC     $@"
	@$(UCC) $(EXEC_TEST_CFLAGS) -static -o $@ $^
$(ET)/check_pie.elf: $(EXEC_TEST_SRCS)
	@mkdir -p $(@D)
	@echo "  UCC     $@"
	@$(UCC) $(EXEC_TEST_CFLAGS) -fPIE -static-pie -Wl,--no-dynamic-linker -o $@ $^
$(ET)/check_big.elf: $(EXEC_TEST_SRCS)
	@mkdir -p $(@D)
	@echo "  UCC     $@"
	@$(UCC) $(EXEC_TEST_CFLAGS) -DBIG -static -o $@ $^
$(ET)/hello.elf: tests/exec/hello.c
	@mkdir -p $(@D)
	@echo "  UCC     $@"
	@$(UCC) -static -O2 -o $@ $<
$(ET)/clock.elf: tests/exec/clock.c
	@mkdir -p $(@D)
	@echo "  UCC     $@"
	@$(UCC) -static -O2 -Wall -Wextra -Werror -o $@ $<

$(B)/kernel/proc/ktest_exec_images.S.o: $(EXEC_TEST_ELFS)
$(B)/kernel/proc/ktest_exec_images.S.o: KCFLAGS += -Wa,-I$(ET)

# ---------------------------------------------------------------- host unit tests
include tests/unit/unit.mk

# ---------------------------------------------------------------- user space
include user/user.mk

# ---------------------------------------------------------------- mkfs, fs.img
include mkfs/mkfs.mk

# ---------------------------------------------------------------- running
# By default the machine boots the root image (build/fs.img, user/rootfs.list)
# with ip=off (init's DHCP client configures eth0, /etc/rc),
# as vda with root=/dev/vda and no initramfs; INITRD=build/initramfs.cpio
# BOOTARGS= boots the initramfs the tests use instead.
INITRD   ?=
QEMU_OPTS := -machine virt -cpu rv64 -smp $(CPUS) -m $(MEM) \
	-bios $(OPENSBI) -kernel $(B)/kernel.elf -append "$(BOOTARGS)" \
	$(if $(INITRD),-initrd $(INITRD))
# Disks: DISK (vda; the root image by default, made if missing or older
# than the programs) and DISK2 (vdb, optional), virtio-blk on the modern
# (virtio 1.0) MMIO transport.
DISK     ?= $(B)/fs.img
DISK2    ?=
# (A comma inside $(if ...) would end its "then" part: hence $(comma).)
comma := ,
QEMU_OPTS += -global virtio-mmio.force-legacy=false \
	$(if $(DISK),-drive file=$(DISK)$(comma)if=none$(comma)format=raw$(comma)id=hd0 \
		-device virtio-blk-device$(comma)drive=hd0) \
	$(if $(DISK2),-drive file=$(DISK2)$(comma)if=none$(comma)format=raw$(comma)id=hd1 \
		-device virtio-blk-device$(comma)drive=hd1)
# Network: a virtio-net card on QEMU's user network (guest 10.0.2.15/24,
# gateway 10.0.2.2, DNS 10.0.2.3; the kernel's ip= default), with the host's
# 127.0.0.1:HOSTFWD forwarded to the guest's port 80 (make qemu HOSTFWD=8080).
HOSTFWD  ?= 8080
QEMU_OPTS += -netdev user,id=n0,hostfwd=tcp:127.0.0.1:$(HOSTFWD)-:80 \
	-device virtio-net-device,netdev=n0

deps:
	@sh scripts/deps.sh

QEMU_PREREQS = kernel $(filter $(B)/fs.img,$(DISK)) $(if $(INITRD),initramfs)

qemu: deps
	@$(MAKE) --no-print-directory $(QEMU_PREREQS)
	$(QEMU) $(QEMU_OPTS) -nographic

qemu-gdb: deps
	@$(MAKE) --no-print-directory $(QEMU_PREREQS)
	@echo "*** QEMU waits for GDB: in another terminal run 'make gdb' (port $(GDBPORT))"
	$(QEMU) $(QEMU_OPTS) -nographic -S -gdb tcp::$(GDBPORT)

gdb: deps
	gdb-multiarch -q -x .gdbinit -ex 'target remote localhost:$(GDBPORT)'

# ---------------------------------------------------------------- tests
test: deps
	@$(MAKE) --no-print-directory kernel unit-tests user initramfs mkfs $(FS_IMG)
	@$(MAKE) --no-print-directory B=$(B)-rel DEBUG=0 kernel
	@$(PYTHON) tests/run.py --kernel $(B)/kernel.elf --release-kernel $(B)-rel/kernel.elf \
		--unit $(UNIT_TESTS)

# Crash tests only (docs/crash.md), with ext2 required: CRASH=1 turns the
# suite's "SKIP: needs the ext2 driver" notes into failures.
crash: deps
	@$(MAKE) --no-print-directory kernel user initramfs mkfs
	@CRASH=1 $(PYTHON) tests/run.py --kernel $(B)/kernel.elf --only crash

# The same user-space checks on the host, Linux being the reference: usertests
# under qemu-riscv64, init and bench there, the shell and command transcripts.
test-host: deps
	@$(MAKE) --no-print-directory user initramfs
	@$(PYTHON) tests/run.py --only host/

# Benchmarks (README.md, "User space"): a DEBUG=0 kernel boots a copy of the root image
# and runs /bin/bench BENCHARGS (default: file rows on ext3 in /root);
# ICOUNT=1 counts instructions instead of time (-icount shift=0).
BENCH_CPUS ?= 1
BENCHARGS  ?= -d /root
ICOUNT     ?=
bench: deps
	@$(MAKE) --no-print-directory B=$(B)-rel DEBUG=0 kernel
	@$(MAKE) --no-print-directory $(FS_IMG)
	@$(PYTHON) scripts/bench.py --kernel $(B)-rel/kernel.elf --image $(FS_IMG) \
		--cpus $(BENCH_CPUS) $(if $(ICOUNT),--icount) --args "$(BENCHARGS)"

# Boot-time figures (not a test): median of 5 boots at 1 and 4 harts.
boottime: deps
	@$(MAKE) --no-print-directory kernel
	@$(PYTHON) tests/boottime.py --kernel $(B)/kernel.elf

format:
	clang-format -i $$(find kernel tests/unit -name '*.[ch]')

clean:
	rm -rf $(B)

.PHONY: deps qemu qemu-gdb gdb test test-host bench crash boottime abi-doc format clean FORCE
FORCE:

-include $(shell find $(B) -name '*.d' 2>/dev/null)

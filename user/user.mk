# User space -- a fragment for the top-level Makefile (included with the
# repository root as the current directory; $(B) is the build directory).
#
#   make user        build every program into build/user/
#   make initramfs   build build/initramfs.cpio from user/initramfs.list
#
# Programs are ordinary static glibc binaries for Linux riscv64, so they
# run on Kestrel and, unchanged, under qemu-riscv64 on the host.
# To add a program: write user/NAME.c (or a folder like user/usertests/)
# and add NAME to USER_PROGS (and a line to user/initramfs.list).
# The commands of /bin (docs/commands.md) need no list: every
# user/cmd/NAME.c becomes build/user/bin/NAME, and the shell's sources
# (user/sh/*.c) build/user/bin/sh; the root image puts them all in /bin.

UCC      ?= riscv64-linux-gnu-gcc
UAR      ?= riscv64-linux-gnu-ar
UCFLAGS  := -std=gnu11 -static -O2 -g -Wall -Wextra -Werror -MMD -MP -Iuser/lib
ULDLIBS  := -lpthread

UB := $(B)/user

# One-file programs: user/NAME.c -> build/user/NAME.
USER_SIMPLE := init bench exitcode echoargs hello
USER_SIMPLE += crashwriter crashcheck
USER_SIMPLE += netpeer_guest
USER_PROGS  := $(USER_SIMPLE) usertests
USER_BINS   := $(addprefix $(UB)/,$(USER_PROGS))

ULIB_SRCS := $(sort $(wildcard user/lib/*.c))
ULIB      := $(UB)/obj/libulib.a
USERTESTS_SRCS := $(sort $(wildcard user/usertests/*.c))

$(UB)/obj/%.o: user/%.c $(wildcard user/lib/*.h)
	@mkdir -p $(@D)
	@echo "  UCC     $<"
	@$(UCC) $(UCFLAGS) -c $< -o $@

$(ULIB): $(patsubst user/%.c,$(UB)/obj/%.o,$(ULIB_SRCS))
	@echo "  UAR     $@"
	@rm -f $@ && $(UAR) rcs $@ $^

$(addprefix $(UB)/,$(USER_SIMPLE)): $(UB)/%: $(UB)/obj/%.o $(ULIB)
	@echo "  ULD     $@"
	@$(UCC) $(UCFLAGS) -o $@ $< $(ULIB) $(ULDLIBS)

$(UB)/usertests: $(patsubst user/%.c,$(UB)/obj/%.o,$(USERTESTS_SRCS)) $(ULIB)
	@echo "  ULD     $@"
	@$(UCC) $(UCFLAGS) -o $@ $(filter %.o,$^) $(ULIB) $(ULDLIBS)

# The commands: one file each, plus the shell.
CMD_SRCS := $(sort $(wildcard user/cmd/*.c))
CMD_BINS := $(patsubst user/cmd/%.c,$(UB)/bin/%,$(CMD_SRCS))
SH_SRCS  := $(sort $(wildcard user/sh/*.c))
SH_BIN   := $(if $(SH_SRCS),$(UB)/bin/sh)

$(CMD_BINS): $(UB)/bin/%: $(UB)/obj/cmd/%.o $(ULIB)
	@mkdir -p $(@D)
	@echo "  ULD     $@"
	@$(UCC) $(UCFLAGS) -o $@ $< $(ULIB) $(ULDLIBS)

$(UB)/bin/sh: $(patsubst user/%.c,$(UB)/obj/%.o,$(SH_SRCS)) $(ULIB)
	@mkdir -p $(@D)
	@echo "  ULD     $@"
	@$(UCC) $(UCFLAGS) -o $@ $(filter %.o,$^) $(ULIB) $(ULDLIBS)

user: $(USER_BINS) $(CMD_BINS) $(SH_BIN)

# The initramfs: every program above plus the files user/initramfs.list names.
INITRAMFS := $(B)/initramfs.cpio
MKCPIO_DEFS := -D UB=$(UB) -D US=user

$(INITRAMFS): user/initramfs.list scripts/mkcpio.py $(USER_BINS) $(CMD_BINS) $(SH_BIN) user/t.sh user/garbage.txt user/motd
	@echo "  CPIO    $@"
	@$(PYTHON) scripts/mkcpio.py -o $@ $(MKCPIO_DEFS) user/initramfs.list

initramfs: $(INITRAMFS)

.PHONY: user initramfs

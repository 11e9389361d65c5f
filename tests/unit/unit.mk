# Host unit tests of pure kernel code -- a fragment for the top-level
# Makefile, which includes it with the repository root as the current
# directory.
#
#   make unit-tests   build every test program (UNIT_TESTS)
#   make unit-run     build and run them, TAP output (CMOCKA_MESSAGE_OUTPUT=TAP)
#
# Kernel sources are compiled by the host compiler under AddressSanitizer
# and UBSan, with tests/unit/host_rename.h force-included so that their
# memcpy, snprintf, ... become k_memcpy, k_snprintf, ... and do not clash
# with the host libc. -fno-builtin and -fno-tree-loop-distribute-patterns
# keep gcc from turning kernel code into calls to the host's libc.
#
# To add a test: write tests/unit/test_foo.c (cmocka), add test_foo to
# UNIT_NAMES and list the sources it needs in UNIT_test_foo_SRCS.
# Only variables prefixed UNIT_ (and HOSTCC) are defined here.

HOSTCC ?= gcc

UNIT_DIR := build/unit
UNIT_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer $(UNIT_SANITIZE) \
	-Wall -Wextra -Werror -MMD -MP
# Kernel code: the kernel's headers, the rename header, no builtins.
UNIT_KCFLAGS := $(UNIT_CFLAGS) -fno-builtin -fno-tree-loop-distribute-patterns \
	-include tests/unit/host_rename.h -Itests/unit/hostinc -Ikernel/include
# Test code: cmocka and the host libc, plus the kernel's headers.
UNIT_TCFLAGS := $(UNIT_CFLAGS) -Itests/unit/hostinc -Ikernel/include -Itests/unit \
	-DUNIT_FIXTURES_DIR='"$(CURDIR)/tests/fixtures"'
UNIT_LDLIBS := -lcmocka

UNIT_NAMES := test_string test_vsnprintf test_list test_rbtree test_fdt \
	test_dt test_cmdline test_time test_buddy test_slab test_vma test_cfs \
	test_lockdep test_futex test_rt test_cpio test_fdtable test_chacha20 test_exec \
	test_seqlock test_rwlock test_loadavg test_wait test_radix_tree \
	test_ext2_bmap test_ext2_dirent test_ext2_bitmap test_ext2_journal \
	test_blk_merge test_blk_vring
UNIT_NAMES += test_ipc test_ipc_sem
UNIT_test_ipc_sem_SRCS := kernel/ipc/sem_ops.c
UNIT_test_ipc_SRCS := kernel/ipc/ipc_ids.c kernel/lib/string.c tests/unit/unit_util.c

# Sources each test links besides tests/unit/<name>.c.
UNIT_test_string_SRCS := kernel/lib/string.c
UNIT_test_vsnprintf_SRCS := kernel/lib/vsnprintf.c kernel/lib/string.c \
	tests/unit/ref_printf.c
UNIT_test_list_SRCS := tests/unit/unit_util.c
UNIT_test_rbtree_SRCS := kernel/lib/rbtree.c tests/unit/unit_util.c
UNIT_test_fdt_SRCS := kernel/lib/fdt.c kernel/lib/string.c \
	tests/unit/fdt_builder.c tests/unit/unit_util.c
UNIT_test_dt_SRCS := kernel/lib/dt.c kernel/lib/fdt.c kernel/lib/string.c \
	tests/unit/fdt_builder.c tests/unit/unit_util.c
UNIT_test_cmdline_SRCS := kernel/lib/cmdline.c kernel/lib/string.c
UNIT_test_time_SRCS := kernel/lib/time.c tests/unit/unit_util.c
UNIT_test_lockdep_SRCS := kernel/locking/lockdep.c kernel/lib/vsnprintf.c kernel/lib/string.c tests/unit/kernel_stubs.c tests/unit/unit_util.c
UNIT_test_buddy_SRCS := kernel/mm/buddy.c kernel/lib/string.c kernel/lib/vsnprintf.c \
	tests/unit/kernel_stubs.c tests/unit/unit_util.c
$(UNIT_DIR)/kernel/mm/buddy.o: UNIT_KCFLAGS += -DCONFIG_DEBUG=1
UNIT_test_slab_SRCS := kernel/mm/slab.c kernel/lib/string.c tests/unit/fake_page_alloc.c \
	tests/unit/kernel_stubs.c tests/unit/unit_util.c
$(UNIT_DIR)/kernel/mm/slab.o: UNIT_KCFLAGS += -DCONFIG_DEBUG=1
UNIT_test_vma_SRCS := kernel/mm/vma.c kernel/lib/rbtree.c tests/unit/unit_util.c
UNIT_test_cpio_SRCS := kernel/fs/cpio.c kernel/lib/string.c tests/unit/unit_util.c
UNIT_test_fdtable_SRCS := kernel/fs/fdtable.c kernel/lib/string.c kernel/lib/vsnprintf.c \
	tests/unit/kernel_stubs.c tests/unit/unit_util.c
$(UNIT_DIR)/kernel/fs/fdtable.o: UNIT_KCFLAGS += -DCONFIG_DEBUG=1
# The line discipline (kernel/drivers/tty/n_tty.c), pure: no stubs needed.
UNIT_NAMES += test_n_tty
UNIT_test_n_tty_SRCS := kernel/drivers/tty/n_tty.c kernel/lib/string.c
# <tty/tty.h> brings in sched/wait.h, which needs HZ and the host `current`.
$(UNIT_DIR)/kernel/drivers/tty/n_tty.o: UNIT_KCFLAGS += -DHZ=100 -include tests/unit/current_host.h
$(UNIT_DIR)/tests/unit/test_n_tty.o: UNIT_TCFLAGS += -DHZ=100 -include tests/unit/current_host.h

# The pure signal code: sets, the pending queue and its order, the thread choice.
UNIT_NAMES += test_signal
UNIT_test_signal_SRCS := kernel/proc/signal_set.c kernel/lib/string.c tests/unit/unit_util.c

UNIT_NAMES += test_procdev
UNIT_test_procdev_SRCS := kernel/fs/proc/seq.c kernel/fs/char_dev.c kernel/lib/string.c \
	kernel/lib/vsnprintf.c tests/unit/kernel_stubs.c tests/unit/unit_util.c
UNIT_test_cfs_SRCS := kernel/sched/fair.c kernel/lib/rbtree.c tests/unit/unit_util.c
UNIT_test_rt_SRCS := kernel/sched/rt_prio.c tests/unit/kernel_stubs.c tests/unit/unit_util.c
UNIT_test_futex_SRCS := kernel/proc/futex_queue.c tests/unit/kernel_stubs.c tests/unit/unit_util.c
UNIT_test_radix_tree_SRCS := kernel/lib/radix_tree.c tests/unit/unit_util.c
UNIT_test_chacha20_SRCS := kernel/lib/chacha20.c kernel/lib/string.c
UNIT_test_exec_SRCS := kernel/proc/elf.c kernel/proc/exec_stack.c kernel/proc/binfmt_script.c \
	kernel/arch/riscv/hwcap.c kernel/lib/string.c tests/unit/unit_util.c
# The pure ext2 helpers (kernel/fs/ext2/), shared with mkfs/.
UNIT_test_ext2_bmap_SRCS := kernel/fs/ext2/ext2_bmap.c tests/unit/unit_util.c
UNIT_test_ext2_dirent_SRCS := kernel/fs/ext2/ext2_dirent.c kernel/lib/string.c \
	tests/unit/unit_util.c
UNIT_test_ext2_bitmap_SRCS := kernel/fs/ext2/ext2_bitmap.c kernel/fs/ext2/ext2_layout.c \
	tests/unit/unit_util.c
UNIT_test_ext2_journal_SRCS := kernel/fs/ext2/ext2_journal.c kernel/lib/string.c \
	tests/unit/unit_util.c
# Pure lock code run by real threads (header-only: nothing of kernel/ to link).
UNIT_test_seqlock_SRCS := tests/unit/kernel_stubs.c
UNIT_test_seqlock_LDLIBS := -pthread
UNIT_test_rwlock_SRCS := tests/unit/unit_util.c
UNIT_test_rwlock_LDLIBS := -pthread
UNIT_test_loadavg_SRCS :=
UNIT_test_loadavg_LDLIBS := -lm
# The block layer's merge decisions and the virtio split-ring code.
UNIT_test_blk_merge_SRCS := kernel/block/blk_merge.c
UNIT_test_blk_vring_SRCS := kernel/drivers/virtio/virtqueue.c kernel/lib/string.c
# wait.c against a fake scheduler in the test; current_host.h replaces the
# riscv `current` (both sides, so they agree on struct task and HZ).
UNIT_test_wait_SRCS := kernel/sched/wait.c tests/unit/kernel_stubs.c tests/unit/unit_util.c
UNIT_WAIT_FLAGS := -DHZ=100 -DCONFIG_DEBUG=1 -include tests/unit/current_host.h
$(UNIT_DIR)/kernel/sched/wait.o: UNIT_KCFLAGS += $(UNIT_WAIT_FLAGS)
$(UNIT_DIR)/tests/unit/test_wait.o: UNIT_TCFLAGS += $(UNIT_WAIT_FLAGS)

# The JBD2 log: block formats and recovery (kernel/fs/jbd2/jbd2_log.c).
UNIT_NAMES += test_jbd2
UNIT_test_jbd2_SRCS := kernel/fs/jbd2/jbd2_log.c kernel/lib/string.c tests/unit/unit_util.c

# The pure IPv4 code (kernel/net/ipv4/): checksum, header validation, ip=,
# and the fragment bookkeeping against a byte-map model.
UNIT_NAMES += test_inet_csum test_ipfrag
UNIT_test_inet_csum_SRCS := kernel/net/ipv4/inet_csum.c kernel/net/ipv4/ip_hdr.c kernel/lib/string.c
UNIT_test_ipfrag_SRCS := kernel/net/ipv4/ipfrag_core.c kernel/lib/string.c

# The network commands' pure packet code (user/lib/, host libc, not kernel code).
UNIT_NAMES += test_resolv test_dhcp
UNIT_test_resolv_SRCS := user/lib/resolv.c
UNIT_test_dhcp_SRCS := user/lib/dhcp.c
$(UNIT_DIR)/tests/unit/test_resolv.o $(UNIT_DIR)/tests/unit/test_dhcp.o: UNIT_TCFLAGS += -Iuser/lib

# TCP's pure parts (kernel/net/ipv4/tcp_cc.c, net/tcp_seq.h): sequence
# arithmetic, the state table, the RTO estimator, NewReno, SYN cookies.
UNIT_NAMES += test_tcp
UNIT_test_tcp_SRCS := kernel/net/ipv4/tcp_cc.c kernel/net/ipv4/tcp_cookie.c kernel/lib/chacha20.c kernel/lib/string.c

UNIT_TESTS := $(addprefix $(UNIT_DIR)/,$(UNIT_NAMES))

# build/unit/<path>.o for each source path
UNIT_OBJS_OF = $(patsubst %.c,$(UNIT_DIR)/%.o,$(1))

define UNIT_LINK_RULE
$(UNIT_DIR)/$(1): $(call UNIT_OBJS_OF,tests/unit/$(1).c $(UNIT_$(1)_SRCS))
	@echo "  HOSTLD  $$@"
	@$(HOSTCC) $(UNIT_SANITIZE) -o $$@ $$^ $(UNIT_LDLIBS) $(UNIT_$(1)_LDLIBS)
endef
$(foreach t,$(UNIT_NAMES),$(eval $(call UNIT_LINK_RULE,$(t))))

$(UNIT_DIR)/kernel/%.o: kernel/%.c tests/unit/host_rename.h tests/unit/unit.mk
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(UNIT_KCFLAGS) -c $< -o $@

$(UNIT_DIR)/tests/unit/%.o: tests/unit/%.c tests/unit/unit.mk
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(UNIT_TCFLAGS) -c $< -o $@

$(UNIT_DIR)/user/lib/%.o: user/lib/%.c tests/unit/unit.mk
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(UNIT_CFLAGS) -Iuser/lib -c $< -o $@

unit-tests: $(UNIT_TESTS)

# Run every test; the exit status is non-zero if any failed.
unit-run: $(UNIT_TESTS)
	@UNIT_FAILED=0; for t in $(UNIT_TESTS); do \
		CMOCKA_MESSAGE_OUTPUT=TAP ./$$t || UNIT_FAILED=1; \
	done; exit $$UNIT_FAILED

unit-clean:
	rm -rf $(UNIT_DIR)

.PHONY: unit-tests unit-run unit-clean

-include $(wildcard $(UNIT_DIR)/kernel/*/*.d $(UNIT_DIR)/kernel/*/*/*.d $(UNIT_DIR)/tests/unit/*.d \
	$(UNIT_DIR)/user/lib/*.d)

# mkfs, the host tool that builds ext2 images (mkfs/mkfs.c, docs/ext2.md) --
# a fragment the top-level Makefile includes with the repository root as
# the current directory. Built by the host compiler with the pure ext2
# helpers of kernel/fs/ext2/ (the same code the kernel runs).
#
#   make mkfs      build/mkfs/mkfs
#   make fs.img    build/fs.img, the root file system `make qemu` boots:
#                  the tree user/rootfs.list names (/bin with every command,
#                  /sbin/init, /etc) plus EXTRA=dir at the root, FS_SIZE
#                  (256M) big

MKFS := $(B)/mkfs/mkfs
MKFS_SRCS := mkfs/mkfs.c mkfs/image.c kernel/fs/ext2/ext2_bmap.c \
	kernel/fs/ext2/ext2_bitmap.c kernel/fs/ext2/ext2_dirent.c kernel/fs/ext2/ext2_layout.c \
	kernel/fs/ext2/ext2_journal.c
MKFS_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE \
	-Ikernel/include -Ikernel/fs/ext2

$(MKFS): $(MKFS_SRCS) mkfs/mkfs.h $(wildcard kernel/fs/ext2/*.h) kernel/include/fs/ext2_fs.h \
		kernel/include/fs/jbd2_fs.h mkfs/mkfs.mk
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	@$(HOSTCC) $(MKFS_CFLAGS) -o $@ $(MKFS_SRCS)

mkfs: $(MKFS)

FS_IMG := $(B)/fs.img
FS_SIZE ?= 256M
FS_STAGE := $(B)/fs-stage
EXTRA ?=

# Rebuilt (from scratch: what was written into the old image is lost) when
# a program or the list changed; `make fs.img` rebuilds it always.
$(FS_IMG): $(MKFS) user/rootfs.list $(USER_BINS) $(CMD_BINS) $(SH_BIN) user/etc/rc user/etc/motd user/etc/passwd user/etc/group
	@rm -rf $(FS_STAGE)
	@$(PYTHON) scripts/mkcpio.py --stage $(FS_STAGE) $(MKCPIO_DEFS) user/rootfs.list
	$(if $(EXTRA),@cp -a $(EXTRA)/. $(FS_STAGE)/)
	@echo "  MKFS    $@"
	@$(MKFS) -q -s $(FS_SIZE) -L kestrel -d $(FS_STAGE) $@

fs.img:
	@rm -f $(FS_IMG)
	@$(MAKE) --no-print-directory $(FS_IMG)

.PHONY: mkfs fs.img

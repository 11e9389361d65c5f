#!/bin/sh
# Check for every tool the build and the tests need; install what is missing
# from Debian's packages (we run as root on CI and developer machines).
# Each line: the file or command that proves the package is there, then the
# package. Prints what it installs; silent when nothing is missing.
set -eu

need="
cmd:riscv64-unknown-elf-gcc        gcc-riscv64-unknown-elf
cmd:riscv64-linux-gnu-gcc          gcc-riscv64-linux-gnu
file:/usr/riscv64-linux-gnu/include/stdio.h  libc6-dev-riscv64-cross
cmd:qemu-system-riscv64            qemu-system-misc
file:/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin  opensbi
cmd:qemu-riscv64                   qemu-user
cmd:e2fsck                         e2fsprogs
cmd:gdb-multiarch                  gdb-multiarch
cmd:python3                        python3
file:/usr/include/cmocka.h         libcmocka-dev
cmd:gcc                            gcc
cmd:curl                           curl
file:/usr/lib/python3/dist-packages/scapy/__init__.py python3-scapy
"

missing=""
echo "$need" | while read -r probe pkg; do
	[ -n "$probe" ] || continue
	case "$probe" in
	cmd:*)  command -v "${probe#cmd:}" >/dev/null 2>&1 || echo "$pkg" ;;
	file:*) [ -e "${probe#file:}" ] || echo "$pkg" ;;
	esac
done > /tmp/kestrel-missing.$$
missing=$(cat /tmp/kestrel-missing.$$)
rm -f /tmp/kestrel-missing.$$

if [ -n "$missing" ]; then
	echo "deps: installing missing Debian packages:" $missing
	if [ "$(id -u)" != 0 ]; then
		echo "deps: not root; please run: apt-get install -y" $missing >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing
fi

# QEMU 7.0 or later: the virt machine's device tree, SBI HSM/SRST through
# OpenSBI and virtio 1.0 MMIO behave as docs/boot.md describes from there on.
ver=$(qemu-system-riscv64 --version | sed -n 's/^QEMU emulator version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
major=${ver% *}
if [ -z "$major" ] || [ "$major" -lt 7 ]; then
	echo "deps: qemu-system-riscv64 7.0 or later is needed (found: ${ver:-none})" >&2
	exit 1
fi

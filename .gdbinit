# Kestrel GDB setup: `make qemu-gdb` in one terminal, `make gdb` in another.
set architecture riscv:rv64
set confirm off
set pagination off
file build/kernel.elf


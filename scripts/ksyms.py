#!/usr/bin/env python3
"""Generate the kernel symbol table used by backtraces (kernel/lib/ksyms.c).

    nm -n kernel.elf | ksyms.py > ksyms.S         table for the final link
    ksyms.py < /dev/null > ksyms0.S               empty table for pass one
    nm -n kernel.elf | ksyms.py --check pass1.syms verify no text symbol moved

Layout of section .ksyms (all little-endian):
    u64 count
    struct { u64 addr; u64 name_offset; } entries[count]   sorted by addr
    char names[]                                          NUL-terminated
Only text symbols (nm types t/T) are kept; _etext closes the last function.
"""
import sys


def text_symbols(lines):
    syms = []
    for line in lines:
        parts = line.split()
        if len(parts) != 3:
            continue
        addr, kind, name = parts
        if kind in "tT" and not name.startswith(".L") and not name.startswith("$"):
            syms.append((int(addr, 16), name))
    syms.sort()
    return syms


def emit(syms):
    out = ['\t.section .ksyms, "a"', "\t.balign 8", "\t.globl __ksyms", "__ksyms:"]
    out.append(f"\t.quad {len(syms)}")
    offset = 0
    for addr, name in syms:
        out.append(f"\t.quad 0x{addr:x}, {offset}")
        offset += len(name) + 1
    for _, name in syms:
        out.append(f'\t.asciz "{name}"')
    print("\n".join(out))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            before = text_symbols(f)
        after = text_symbols(sys.stdin)
        if before != after:
            sys.exit("ksyms: text symbols moved between link passes")
        return
    emit(text_symbols(sys.stdin))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build the initramfs that the initrd job of tests/run.py boots with.

    python3 tests/initrd.py OUT.cpio

A newc cpio archive, made with the standard library only, holding the
tree that the in-kernel test fs_initramfs_boot (kernel/fs/ktest_fs.c)
checks: the same members, in the same order, as its build_sample(), with
KTEST_BOOT_FILES files of KTEST_BOOT_FSIZE pattern bytes (~2 MiB in all),
a symlink, a hard-link pair, /dev/console. Keep the three in step.
"""
import sys

FILES = 33                  # KTEST_BOOT_FILES
FSIZE = 60 * 1024 + 17      # KTEST_BOOT_FSIZE

S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR = 0o040000, 0o100000, 0o120000, 0o020000


def pattern(seed, n):
    """ktest_fs_pattern(seed, i) for i in [0, n): (i*131 + seed*7 + (i>>9)) & 0xff."""
    return bytes((i * 131 + seed * 7 + (i >> 9)) & 0xff for i in range(n))


def member(name, mode, ino, nlink, mtime, data=b""):
    chr_dev = (mode & 0o170000) == S_IFCHR
    name_b = name.encode() + b"\0"
    fields = (ino, mode, 1000, 100 + ino % 3, nlink, mtime, len(data), 0, 0,
              5 if chr_dev else 0, 1 if chr_dev else 0, len(name_b), 0)
    out = b"070701" + b"".join(b"%08X" % f for f in fields) + name_b
    out += b"\0" * (-len(out) % 4)
    out += data + b"\0" * (-len(data) % 4)
    return out


def archive():
    parts = [member(".", S_IFDIR | 0o755, 1, 2, 1000),
             member("./bin", S_IFDIR | 0o711, 2, 2, 2000),
             member("etc", S_IFDIR | 0o755, 3, 2, 3000),
             member("etc/motd", S_IFREG | 0o644, 4, 1, 4000, b"hello kestrel\n"),
             member("bin/sh", S_IFLNK | 0o777, 5, 1, 5000, b"/bin/prog")]
    for i in range(FILES):
        name = "etc/data%d" % i if i else "bin/prog"
        parts.append(member(name, S_IFREG | (0o600 if i else 0o755), 100 + i, 1,
                            6000, pattern(i, FSIZE)))
    parts += [member("etc/l1", S_IFREG | 0o640, 50, 2, 7000),
              member("etc/l2", S_IFREG | 0o640, 50, 2, 7000, b"linked"),
              member("dev", S_IFDIR | 0o755, 6, 2, 1000),
              member("dev/console", S_IFCHR | 0o600, 7, 1, 1000),
              member("TRAILER!!!", 0, 0, 1, 0)]
    data = b"".join(parts)
    return data + b"\0" * (-len(data) % 512)


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(archive())

/*
 * mmap/mprotect/madvise constants of the Linux riscv64 ABI, shared by the
 * kernel and user/. The values are the ones in the riscv64 UAPI headers
 * (asm-generic/mman-common.h, asm-generic/mman.h via glibc's
 * bits/mman-linux.h and bits/mman-map-flags-generic.h).
 */
#ifndef UAPI_MMAN_H
#define UAPI_MMAN_H

/* prot */
#define PROT_NONE      0x0
#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define PROT_EXEC      0x4
#define PROT_SEM       0x8
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP   0x02000000

/* flags: the mapping type (exactly one) */
#define MAP_SHARED          0x01
#define MAP_PRIVATE         0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE            0x0f

/* flags: modifiers */
#define MAP_FIXED           0x10
#define MAP_ANONYMOUS       0x20
#define MAP_ANON            MAP_ANONYMOUS
#define MAP_FILE            0
#define MAP_GROWSDOWN       0x0100
#define MAP_DENYWRITE       0x0800
#define MAP_EXECUTABLE      0x1000
#define MAP_LOCKED          0x2000
#define MAP_NORESERVE       0x4000
#define MAP_POPULATE        0x8000
#define MAP_NONBLOCK        0x10000
#define MAP_STACK           0x20000
#define MAP_HUGETLB         0x40000
#define MAP_SYNC            0x80000
#define MAP_FIXED_NOREPLACE 0x100000

#define MAP_FAILED ((void *)-1)

/* madvise advice */
#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4
#define MADV_FREE       8
#define MADV_REMOVE     9
#define MADV_DONTFORK   10
#define MADV_DOFORK     11
#define MADV_DONTDUMP   16
#define MADV_DODUMP     17
#define MADV_COLD       20
#define MADV_PAGEOUT    21

/* msync */
#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC       4

#endif /* UAPI_MMAN_H */

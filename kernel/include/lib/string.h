/*
 * Memory and string routines for the kernel (kernel/lib/string.c).
 *
 * The C names and semantics of <string.h>, plus the kernel's safer copies
 * (strlcpy, strscpy), number parsing (kstrtoull, kstrtoll) and a prefix
 * test. gcc emits calls to memcpy, memmove, memset and memcmp on its own
 * (struct copies, zeroing), so those four must exist and be fast.
 *
 * In the host unit-test build, tests/unit/host_rename.h renames every one of
 * these symbols to k_<name> so they do not collide with the host libc.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <kernel/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);

/*
 * Copy src into dst[size] NUL-terminated (when size > 0), truncating if
 * needed. Returns strlen(src); truncation happened if that is >= size.
 */
size_t strlcpy(char *dst, const char *src, size_t size);

/*
 * Copy src into dst[size] NUL-terminated. Returns the number of characters
 * copied (excluding the NUL), or -E2BIG if src did not fit (dst then holds
 * the truncated string, unless size is 0). Never reads src past size bytes.
 */
ssize_t strscpy(char *dst, const char *src, size_t size);

/* If s starts with prefix, the length of prefix; otherwise 0. */
size_t str_has_prefix(const char *s, const char *prefix);

/*
 * Parse the whole of s as an unsigned number in base (2..36, or 0: "0x" or
 * "0X" means 16, a leading "0" means 8, otherwise 10; base 16 also accepts
 * a "0x" prefix). A leading '+' and one trailing newline are allowed.
 * Returns 0 and stores *res, -EINVAL for an empty or malformed string or a
 * bad base, -ERANGE if the value does not fit; *res is untouched on error.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);

/* As kstrtoull, for a signed value with an optional leading '-' or '+'. */
int kstrtoll(const char *s, unsigned int base, long long *res);

#endif /* LIB_STRING_H */

/*
 * Memory and string routines (see <lib/string.h>).
 *
 * Pure code: no locks, no allocation, safe from any context. memcpy,
 * memmove, memset and memcmp move a machine word at a time once the
 * pointers are (mutually) word aligned, and fall back to bytes otherwise:
 * rv64 traps on misaligned word accesses, which the firmware then emulates
 * very slowly, so an unaligned word path would be slower than bytes.
 *
 * This file must be compiled with -fno-builtin and
 * -fno-tree-loop-distribute-patterns, or gcc may turn the byte loops below
 * into calls to memcpy/memset, i.e. into themselves.
 */
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* A word that may alias any other type (the buffers are often char[]). */
typedef unsigned long __attribute__((may_alias)) word_t;

#define WORD_SIZE   sizeof(word_t)
#define WORD_MASK   (WORD_SIZE - 1)
#define WORD_ONES   (~0UL / 0xff)  /* 0x0101...01 */

static inline bool word_aligned(const void *p)
{
	return ((uintptr_t)p & WORD_MASK) == 0;
}

/*
 * Copy n bytes upwards, lowest address first. Also correct for overlapping
 * buffers when dst < src, which memmove relies on.
 */
static void copy_forward(u8 *d, const u8 *s, size_t n)
{
	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0) {
		while (n && !word_aligned(d)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= 4 * WORD_SIZE; n -= 4 * WORD_SIZE) {
			word_t *dw = (word_t *)d;
			const word_t *sw = (const word_t *)s;

			dw[0] = sw[0];
			dw[1] = sw[1];
			dw[2] = sw[2];
			dw[3] = sw[3];
			d += 4 * WORD_SIZE;
			s += 4 * WORD_SIZE;
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = *(const word_t *)s;
			d += WORD_SIZE;
			s += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = *s++;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

/* Copy n bytes from the end downwards; for an overlapping dst > src. */
static void copy_backward(u8 *d, const u8 *s, size_t n)
{
	d += n;
	s += n;
	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0) {
		while (n && !word_aligned(d)) {
			*--d = *--s;
			n--;
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			d -= WORD_SIZE;
			s -= WORD_SIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
}

void *memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		copy_forward(dst, src, n);	/* dst below src, or disjoint */
	else
		copy_backward(dst, src, n);
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;
	u8 byte = (u8)c;

	if (n >= WORD_SIZE) {
		word_t pattern = WORD_ONES * byte;

		while (!word_aligned(d)) {
			*d++ = byte;
			n--;
		}
		for (; n >= 4 * WORD_SIZE; n -= 4 * WORD_SIZE) {
			word_t *dw = (word_t *)d;

			dw[0] = pattern;
			dw[1] = pattern;
			dw[2] = pattern;
			dw[3] = pattern;
			d += 4 * WORD_SIZE;
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = pattern;
			d += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = byte;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *p = a, *q = b;

	if (word_aligned(p) && word_aligned(q)) {
		while (n >= WORD_SIZE &&
		       *(const word_t *)p == *(const word_t *)q) {
			p += WORD_SIZE;
			q += WORD_SIZE;
			n -= WORD_SIZE;
		}
	}
	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p < *q ? -1 : 1;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const u8 *p = s;

	for (; n; n--, p++) {
		if (*p == (u8)c)
			return (void *)p;
	}
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const u8 *p = (const u8 *)a, *q = (const u8 *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p == *q ? 0 : (*p < *q ? -1 : 1);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const u8 *p = (const u8 *)a, *q = (const u8 *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p < *q ? -1 : 1;
		if (!*p)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return (char *)haystack;
	for (; *haystack; haystack++) {
		if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	}
	return NULL;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		;
	return dst;
}

/* C semantics: at most n bytes, the rest of dst[n] zero-filled. */
char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t i;

	if (size == 0)
		return -E2BIG;
	for (i = 0; i < size; i++) {
		dst[i] = src[i];
		if (!src[i])
			return (ssize_t)i;
	}
	dst[size - 1] = '\0';
	return -E2BIG;
}

size_t str_has_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(s, prefix, n) == 0 ? n : 0;
}

/* The value of digit character c, or 36 (too big for any base) if none. */
static unsigned int kstrto_digit(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned int)(c - 'a') + 10;
	if (c >= 'A' && c <= 'Z')
		return (unsigned int)(c - 'A') + 10;
	return 36;
}

/* Resolve base 0 and skip a "0x" prefix where allowed; *sp is advanced. */
static unsigned int kstrto_base(const char **sp, unsigned int base)
{
	const char *s = *sp;
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
		   kstrto_digit(s[2]) < 16;

	if (base == 0)
		base = hex ? 16 : (s[0] == '0' ? 8 : 10);
	if (base == 16 && hex)
		*sp = s + 2;
	return base;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long val = 0;
	const char *start;

	if (base == 1 || base > 36)
		return -EINVAL;
	if (*s == '+')
		s++;
	base = kstrto_base(&s, base);
	for (start = s; kstrto_digit(*s) < base; s++) {
		unsigned int d = kstrto_digit(*s);

		if (val > (~0ULL - d) / base)
			return -ERANGE;
		val = val * base + d;
	}
	if (s == start)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = val;
	return 0;
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long mag;
	bool neg = *s == '-';
	int err;

	if (neg && s[1] == '+')
		return -EINVAL;	/* "-+5" */
	err = kstrtoull(s + neg, base, &mag);
	if (err)
		return err;
	if (neg) {
		if (mag > (unsigned long long)INT64_MAX + 1)
			return -ERANGE;
		*res = (long long)(0 - mag);
	} else {
		if (mag > (unsigned long long)INT64_MAX)
			return -ERANGE;
		*res = (long long)mag;
	}
	return 0;
}

/*
 * Host unit-test build: rename the kernel's libc-named functions.
 *
 * kernel/lib defines memcpy, strlen, snprintf, ... with the C library's
 * names. Linked into a host test program these would clash with the host
 * libc and with AddressSanitizer's interceptors. tests/unit/unit.mk
 * force-includes this header (-include) when compiling kernel/lib sources
 * for the host, so every definition and call there becomes k_memcpy,
 * k_strlen, k_snprintf, ...; the tests include it too (after their system
 * headers), so a test that calls memcpy() calls the kernel's version.
 *
 * Keep this list in step with <lib/string.h> and <lib/printf.h>.
 */
#ifndef TESTS_UNIT_HOST_RENAME_H
#define TESTS_UNIT_HOST_RENAME_H

/*
 * glibc's <sys/cdefs.h> (pulled in by <stdint.h>) defines __always_inline,
 * and so does the kernel's <kernel/compiler.h>. Whichever order a source
 * includes them in, let the host's definition come first (include guards
 * keep it from coming back) and drop it, so the kernel's is the only one.
 */
#include <stdint.h>
#undef __always_inline

#define memcpy		k_memcpy
#define memmove		k_memmove
#define memset		k_memset
#define memcmp		k_memcmp
#define memchr		k_memchr
#define strlen		k_strlen
#define strnlen		k_strnlen
#define strcmp		k_strcmp
#define strncmp		k_strncmp
#define strchr		k_strchr
#define strrchr		k_strrchr
#define strstr		k_strstr
#define strcpy		k_strcpy
#define strncpy		k_strncpy
#define strcat		k_strcat
#define strlcpy		k_strlcpy
#define strscpy		k_strscpy
#define str_has_prefix	k_str_has_prefix
#define kstrtoull	k_kstrtoull
#define kstrtoll	k_kstrtoll

#define vsnprintf	k_vsnprintf
#define snprintf	k_snprintf
#define vscnprintf	k_vscnprintf
#define scnprintf	k_scnprintf

#endif /* TESTS_UNIT_HOST_RENAME_H */

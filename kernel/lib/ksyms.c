/*
 * Symbol lookup over the table that scripts/ksyms.py links into .ksyms:
 * a count, then (address, name offset) pairs sorted by address, then the
 * names. Read-only after link time; no locks.
 */
#include <kernel/ksyms.h>
#include <lib/string.h>

struct ksym_entry {
	u64 addr;
	u64 name_off;
};

extern const u64 __ksyms[];
extern char _text[], _etext[];

static const struct ksym_entry *ksym_table(void) { return (const struct ksym_entry *)&__ksyms[1]; }
static const char *ksym_names(void) { return (const char *)(ksym_table() + __ksyms[0]); }

bool ksym_is_text(uintptr_t addr)
{
	return addr >= (uintptr_t)_text && addr < (uintptr_t)_etext;
}

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	u64 n = __ksyms[0];
	const struct ksym_entry *t = ksym_table();

	if (n == 0 || !ksym_is_text(addr) || addr < t[0].addr)
		return NULL;
	/* Last entry whose address is <= addr. */
	u64 lo = 0, hi = n;
	while (hi - lo > 1) {
		u64 mid = lo + (hi - lo) / 2;
		if (t[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - t[lo].addr;
	return ksym_names() + t[lo].name_off;
}

uintptr_t ksym_address(const char *name)
{
	const struct ksym_entry *t = ksym_table();

	for (u64 i = 0; i < __ksyms[0]; i++)
		if (strcmp(ksym_names() + t[i].name_off, name) == 0)
			return t[i].addr;
	return 0;
}

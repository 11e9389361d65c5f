/*
 * AT_HWCAP from the device tree (interface in <arch/hwcap.h>). Pure but
 * for elf_hwcap(), which reads machine_dt once. No locks: the cached value
 * is computed idempotently (two harts racing compute the same word).
 */
#include <arch/hwcap.h>
#include <kernel/compiler.h>
#include <kernel/machine.h>

/* What Linux reports of the single-letter extensions (no V: no vector state here). */
#define HWCAP_REPORTED (HWCAP_ISA('i') | HWCAP_ISA('m') | HWCAP_ISA('a') | HWCAP_ISA('f') | \
			HWCAP_ISA('d') | HWCAP_ISA('c'))

unsigned long riscv_isa_hwcap(const char *isa)
{
	unsigned long bits = 0;

	if ((isa[0] != 'r' && isa[0] != 'R') || (isa[1] != 'v' && isa[1] != 'V'))
		return 0;
	if (!((isa[2] == '6' && isa[3] == '4') || (isa[2] == '3' && isa[3] == '2')))
		return 0;
	for (const char *p = isa + 4; *p && *p != '_'; p++) {
		char c = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;

		if (c >= '0' && c <= '9') {   /* a version: 2 or 2p1 */
			while (p[1] >= '0' && p[1] <= '9')
				p++;
			if (p[1] == 'p' && p[2] >= '0' && p[2] <= '9')
				p++;
			continue;
		}
		if (c == 'g')   /* G = IMAFD (+ Zicsr, Zifencei) */
			bits |= HWCAP_ISA('i') | HWCAP_ISA('m') | HWCAP_ISA('a') | HWCAP_ISA('f') |
				HWCAP_ISA('d');
		else if (c >= 'a' && c <= 'z')
			bits |= HWCAP_ISA(c);
		else
			break;   /* garbage ends the letters */
	}
	return bits & HWCAP_REPORTED;
}

unsigned long elf_hwcap(void)
{
	static unsigned long cached;   /* 0: not computed */
	unsigned long bits = ~0UL;
	bool any = false;

	if (READ_ONCE(cached))
		return cached;
	for (int i = 0; i < machine_dt.nharts; i++) {
		const struct dt_hart *h = &machine_dt.harts[i];

		if (!h->enabled || !h->isa || !h->isa[0])
			continue;
		bits &= riscv_isa_hwcap(h->isa);
		any = true;
	}
	if (!any)
		bits = riscv_isa_hwcap("rv64imafdc");
	WRITE_ONCE(cached, bits ? bits : HWCAP_ISA('i'));
	return cached;
}

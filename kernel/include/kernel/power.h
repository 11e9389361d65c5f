/*
 * Ending the machine.
 *
 * machine_power_off(status): status 0 powers off through SBI SRST and QEMU
 * exits 0; any other status makes QEMU exit with that status, through the
 * virt machine's test device ("sifive,test0", found in the device tree),
 * because SRST's reason code does not reach QEMU's exit status.
 */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

#include <kernel/compiler.h>

#define EXIT_OK      0
#define EXIT_FAILED  1   /* tests failed */
#define EXIT_PANIC   3   /* kernel panic */

void power_init(void);
void __noreturn machine_power_off(int status);
void __noreturn machine_reboot(void);

#endif /* KERNEL_POWER_H */

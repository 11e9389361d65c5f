/*
 * poweroff: power the machine off (sync, then reboot(2) with RB_POWER_OFF).
 *
 *   poweroff [-f] [-n]   -f is accepted (it always acts at once), -n skips the sync
 *
 * Root only (EPERM otherwise). See cs_reboot_main in user/lib/cmdsys.c.
 */
#include <sys/reboot.h>

#include "cmdsys.h"

int main(int argc, char **argv)
{
	return cs_reboot_main(argc, argv, "poweroff", RB_POWER_OFF);
}

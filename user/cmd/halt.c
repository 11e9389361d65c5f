/*
 * halt: halt the machine (sync, then reboot(2) with RB_HALT_SYSTEM).
 *
 *   halt [-f] [-n]   -f is accepted (it always acts at once), -n skips the sync
 *
 * Root only (EPERM otherwise). See cs_reboot_main in user/lib/cmdsys.c.
 */
#include <sys/reboot.h>

#include "cmdsys.h"

int main(int argc, char **argv)
{
	return cs_reboot_main(argc, argv, "halt", RB_HALT_SYSTEM);
}

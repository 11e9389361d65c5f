/*
 * clear: clear the terminal (ANSI/VT100: home, erase the screen and the
 * scroll-back).
 */
#include <stdio.h>
#include <unistd.h>

#include "cmdsys.h"
#include "ulib.h"

int main(int argc, char **argv)
{
	static const char seq[] = "\033[H\033[2J\033[3J";

	(void)argv;
	if (argc > 1)
		cs_usage("clear");
	return ulib_write_all(1, seq, sizeof(seq) - 1) == 0 ? 0 : 1;
}

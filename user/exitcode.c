/*
 * exitcode N: exit with status N (0..255; anything else is taken mod 256,
 * as _exit does). With no argument, exits 0. Used by usertests to check
 * that exec passes argv and that wait reports exit codes.
 */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	_exit(argc > 1 ? atoi(argv[1]) : 0);
}

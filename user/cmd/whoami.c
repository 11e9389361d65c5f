/*
 * whoami: the name of the effective user (/etc/passwd), or its number.
 */
#include <stdio.h>
#include <unistd.h>

#include "cmdsys.h"

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		cs_usage("whoami");
	printf("%s\n", cs_user_name(geteuid()));
	return 0;
}

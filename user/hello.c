/* hello: print a greeting; the smallest program that uses stdio. */
#include <stdio.h>

int main(void)
{
	printf("hello from Kestrel user space\n");
	return 0;
}

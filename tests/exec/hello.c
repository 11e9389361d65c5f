/*
 * A real static glibc program for the exec self-test: printf through
 * stdio, then exit 0 only if the write reached fd 1 (fflush reports a
 * failed write).
 */
#include <stdio.h>

int main(void)
{
	printf("hello\n");
	return fflush(stdout) == 0 ? 0 : 1;
}

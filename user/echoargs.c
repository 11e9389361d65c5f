/*
 * echoargs: print what exec handed us, one item per line, so a test can
 * compare it exactly:
 *
 *   argc=N
 *   argv[i]=<string>        for each argument
 *   envc=M
 *   envp[i]=<string>        for each environment string
 *   fds=a,b,...             descriptors 3..63 that are open (fcntl F_GETFD)
 *
 * It is also the interpreter of /bin/t.sh (a `#!` script), so a test sees
 * the argv Linux builds for scripts. Exit status 0.
 */
#include <fcntl.h>
#include <stdio.h>

int main(int argc, char **argv, char **envp)
{
	int envc = 0, first = 1;

	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	while (envp[envc])
		envc++;
	printf("envc=%d\n", envc);
	for (int i = 0; i < envc; i++)
		printf("envp[%d]=%s\n", i, envp[i]);
	printf("fds=");
	for (int fd = 3; fd < 64; fd++) {
		if (fcntl(fd, F_GETFD) >= 0) {
			printf("%s%d", first ? "" : ",", fd);
			first = 0;
		}
	}
	printf("\n");
	return 0;
}

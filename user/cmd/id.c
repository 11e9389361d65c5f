/*
 * id: print the user and group ids of this process.
 *
 *   id            uid=0(root) gid=0(root) groups=0(root)   (euid=/egid= when
 *                 they differ from the real ids)
 *   id -u | -g | -G [-n] [-r]   just the effective (or, with -r, real) uid,
 *                 gid, or all group ids; -n prints names
 *
 * Names come from /etc/passwd and /etc/group; an id without a name is
 * printed as the bare number (no parentheses).
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdsys.h"

#define ID_USAGE "id [-u|-g|-G [-n] [-r]]"
#define ID_MAX_GROUPS 256

/* "0(root)" or "1000" when the name is only the number again. */
static void put_id(unsigned id, const char *name)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", id);
	if (strcmp(num, name) == 0)
		printf("%u", id);
	else
		printf("%u(%s)", id, name);
}

static void id_full(void)
{
	gid_t groups[ID_MAX_GROUPS];
	int n = getgroups(ID_MAX_GROUPS, groups);

	printf("uid=");
	put_id(getuid(), cs_user_name(getuid()));
	printf(" gid=");
	put_id(getgid(), cs_group_name(getgid()));
	if (geteuid() != getuid()) {
		printf(" euid=");
		put_id(geteuid(), cs_user_name(geteuid()));
	}
	if (getegid() != getgid()) {
		printf(" egid=");
		put_id(getegid(), cs_group_name(getegid()));
	}
	printf(" groups=");
	put_id(getegid(), cs_group_name(getegid()));
	for (int i = 0; i < n; i++) {
		if (groups[i] == getegid())
			continue;
		putchar(',');
		put_id(groups[i], cs_group_name(groups[i]));
	}
	putchar('\n');
}

static void id_groups(int names)
{
	gid_t groups[ID_MAX_GROUPS];
	int n = getgroups(ID_MAX_GROUPS, groups);
	gid_t eg = getegid();

	printf("%s", names ? cs_group_name(eg) : "");
	if (!names)
		printf("%u", (unsigned)eg);
	for (int i = 0; i < n; i++)
		if (groups[i] != eg) {
			if (names)
				printf(" %s", cs_group_name(groups[i]));
			else
				printf(" %u", (unsigned)groups[i]);
		}
	putchar('\n');
}

int main(int argc, char **argv)
{
	int opt, what = 0, names = 0, real = 0;

	while ((opt = getopt(argc, argv, "ugGnr")) != -1) {
		if (opt == 'u' || opt == 'g' || opt == 'G') {
			if (what && what != opt)
				cs_usage(ID_USAGE);
			what = opt;
		} else if (opt == 'n') {
			names = 1;
		} else if (opt == 'r') {
			real = 1;
		} else {
			cs_usage(ID_USAGE);
		}
	}
	if (optind < argc || ((names || real) && !what))
		cs_usage(ID_USAGE);
	if (what == 'u') {
		uid_t u = real ? getuid() : geteuid();

		names ? printf("%s\n", cs_user_name(u)) : printf("%u\n", (unsigned)u);
	} else if (what == 'g') {
		gid_t g = real ? getgid() : getegid();

		names ? printf("%s\n", cs_group_name(g)) : printf("%u\n", (unsigned)g);
	} else if (what == 'G') {
		id_groups(names);
	} else {
		id_full();
	}
	return 0;
}

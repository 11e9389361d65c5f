/*
 * usertests: terminals -- the console as a tty (termios, window size),
 * and a controlling terminal's rules: /dev/tty, TIOCSCTTY, foreground
 * groups (TIOCGPGRP/TIOCSPGRP and their errnos), background reads and
 * TOSTOP writes with the job-control signals ignored, TIOCNOTTY.
 *
 * Nobody types during usertests, so the line discipline's input side is
 * tested by the kernel self-tests (kernel/drivers/tty/ktest_tty.c). These
 * open /dev/console, which on a host is the host's (not ours to take):
 * guest only.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "usertests.h"

#define HOST_CONSOLE "opens /dev/console, the host's"

UTEST(tty_console_termios, 0, HOST_CONSOLE)
{
	struct termios t, t2;
	struct winsize ws;
	int fd = CHECK_SYS(open("/dev/console", O_RDWR | O_NOCTTY));
	int n = -1;

	CHECK(isatty(fd));
	CHECK_SYS(tcgetattr(fd, &t));
	/* Linux's defaults for a console */
	CHECK_EQ(t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN), ICANON | ECHO | ISIG | IEXTEN);
	CHECK(t.c_iflag & ICRNL);
	CHECK_EQ(t.c_oflag & (OPOST | ONLCR), OPOST | ONLCR);
	CHECK_EQ(t.c_cc[VINTR], 3);
	CHECK_EQ(t.c_cc[VEOF], 4);
	CHECK_EQ(t.c_cc[VERASE], 0177);
	/* a change reads back, and goes back */
	t2 = t;
	t2.c_lflag &= ~(tcflag_t)ECHO;
	t2.c_cc[VMIN] = 0;
	t2.c_cc[VTIME] = 3;
	CHECK_SYS(tcsetattr(fd, TCSANOW, &t2));
	memset(&t2, 0, sizeof(t2));
	CHECK_SYS(tcgetattr(fd, &t2));
	CHECK_EQ(t2.c_lflag & ECHO, 0);
	CHECK_EQ(t2.c_cc[VTIME], 3);
	CHECK_SYS(tcsetattr(fd, TCSADRAIN, &t));
	CHECK_SYS(ioctl(fd, TIOCGWINSZ, &ws));
	CHECK(ws.ws_row > 0 && ws.ws_col > 0);
	CHECK_SYS(ioctl(fd, TIOCSWINSZ, &ws));
	CHECK_SYS(ioctl(fd, FIONREAD, &n));
	CHECK(n >= 0);
	CHECK_SYS(tcdrain(fd));
	CHECK_ERR(tcflush(fd, 7), EINVAL);
	CHECK_SYS(tcflush(fd, TCIFLUSH));
	CHECK_ERR(ioctl(fd, TCGETS, (void *)8), EFAULT);
	CHECK_ERR(ioctl(fd, 0x54ff, 0), ENOTTY);
	CHECK_EQ(write(fd, "", 0), 0);
	CHECK_SYS(close(fd));
}

/* In a new session: the console becomes our controlling terminal. */
static int take_console(void)
{
	int fd;

	CHECK_SYS(setsid());
	CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);   /* no controlling terminal yet */
	fd = CHECK_SYS(open("/dev/console", O_RDWR));
	CHECK_ERR(tcgetpgrp(fd), ENOTTY);             /* opening the console does not make it ours */
	CHECK_SYS(ioctl(fd, TIOCSCTTY, 0));
	CHECK_SYS(ioctl(fd, TIOCSCTTY, 0));           /* already ours: fine */
	return fd;
}

/* A background group's read and TOSTOP write with SIGTTIN/SIGTTOU ignored. */
static void background_child(int fd)
{
	struct termios t;
	char c;

	CHECK_SYS(setpgid(0, 0));
	signal(SIGTTIN, SIG_IGN);   /* Kestrel: no handlers yet, the stop signals count as ignored */
	signal(SIGTTOU, SIG_IGN);
	CHECK(tcgetpgrp(fd) != getpgrp());
	CHECK_ERR(read(fd, &c, 1), EIO);
	CHECK_SYS(tcgetattr(fd, &t));
	t.c_lflag |= TOSTOP;
	CHECK_SYS(tcsetattr(fd, TCSANOW, &t));   /* SIGTTOU ignored: allowed */
	CHECK_EQ(write(fd, "", 0), 0);
	t.c_lflag &= ~(tcflag_t)TOSTOP;
	CHECK_SYS(tcsetattr(fd, TCSANOW, &t));
	_exit(0);
}

static void session_leader(void)
{
	int fd = take_console(), tfd, sid = -1, status;
	pid_t me = getpid(), bg, pg = -1;
	sigset_t ttou;

	/* as a shell does: tcsetpgrp from the background must not stop us (Kestrel: no masks yet) */
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, NULL);

	tfd = CHECK_SYS(open("/dev/tty", O_RDWR));
	CHECK(isatty(tfd));
	CHECK_EQ(tcgetpgrp(tfd), me);
	CHECK_SYS(ioctl(fd, TIOCGSID, &sid));
	CHECK_EQ(sid, me);
	pg = 0x7ffffff0;
	CHECK_ERR(ioctl(fd, TIOCSPGRP, &pg), ESRCH);
	pg = -2;
	CHECK_ERR(ioctl(fd, TIOCSPGRP, &pg), EINVAL);
	pg = 1;   /* init's group: another session */
	CHECK_ERR(ioctl(fd, TIOCSPGRP, &pg), EPERM);
	bg = ut_fork();
	if (bg == 0)
		background_child(fd);
	ut_wait_ok(bg);
	/* a group of our session becomes the foreground, then we take it back */
	bg = ut_fork();
	if (bg == 0) {
		CHECK_SYS(setpgid(0, 0));
		sleep(30);   /* until the SIGHUP below */
		_exit(0);
	}
	setpgid(bg, bg);   /* either of us may win the race */
	CHECK_SYS(tcsetpgrp(fd, bg));
	CHECK_EQ(tcgetpgrp(fd), bg);
	CHECK_SYS(tcsetpgrp(fd, me));   /* from the background: SIGTTOU is blocked */
	CHECK_SYS(tcsetpgrp(fd, bg));
	CHECK_SYS(close(tfd));
	/* the leader gives the terminal up: its foreground group gets SIGHUP */
	CHECK_SYS(ioctl(fd, TIOCNOTTY));
	CHECK_SYS(waitpid(bg, &status, 0));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP);
	CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
	CHECK_ERR(ioctl(fd, TIOCNOTTY), ENOTTY);
	CHECK_SYS(close(fd));
	_exit(0);
}

UTEST(tty_controlling_terminal, 0, HOST_CONSOLE)
{
	pid_t pid = ut_fork();

	if (pid == 0)
		session_leader();
	ut_wait_ok(pid);
}

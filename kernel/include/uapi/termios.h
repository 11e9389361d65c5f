/*
 * Linux terminal layouts for riscv64 (asm-generic/termbits.h,
 * termbits-common.h, ioctls.h): struct termios as TCGETS returns it,
 * struct winsize, the c_cc indices, the flag bits of the four modes and
 * the terminal ioctl numbers (the tty layer, kernel/drivers/tty/).
 */
#ifndef UAPI_TERMIOS_H
#define UAPI_TERMIOS_H

#define NCCS 19

struct termios {
	unsigned int c_iflag;
	unsigned int c_oflag;
	unsigned int c_cflag;
	unsigned int c_lflag;
	unsigned char c_line;
	unsigned char c_cc[NCCS];
};
_Static_assert(sizeof(struct termios) == 36, "Linux struct termios is 36 bytes");

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};
_Static_assert(sizeof(struct winsize) == 8, "Linux struct winsize is 8 bytes");

/* c_cc indices */
#define VINTR    0
#define VQUIT    1
#define VERASE   2
#define VKILL    3
#define VEOF     4
#define VTIME    5
#define VMIN     6
#define VSWTC    7
#define VSTART   8
#define VSTOP    9
#define VSUSP    10
#define VEOL     11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE  14
#define VLNEXT   15
#define VEOL2    16

/* c_iflag */
#define IGNBRK  0x0001
#define BRKINT  0x0002
#define IGNPAR  0x0004
#define PARMRK  0x0008
#define INPCK   0x0010
#define ISTRIP  0x0020
#define INLCR   0x0040
#define IGNCR   0x0080
#define ICRNL   0x0100
#define IUCLC   0x0200
#define IXON    0x0400
#define IXANY   0x0800
#define IXOFF   0x1000
#define IMAXBEL 0x2000
#define IUTF8   0x4000

/* c_oflag */
#define OPOST  0x00001
#define OLCUC  0x00002
#define ONLCR  0x00004
#define OCRNL  0x00008
#define ONOCR  0x00010
#define ONLRET 0x00020
#define OFILL  0x00040
#define OFDEL  0x00080
#define TABDLY 0x01800
#define XTABS  0x01800

/* c_cflag */
#define CBAUD   0x0000100f
#define B9600   0x0000000d
#define B38400  0x0000000f
#define B115200 0x00001002
#define CSIZE   0x00000030
#define CS8     0x00000030
#define CSTOPB  0x00000040
#define CREAD   0x00000080
#define PARENB  0x00000100
#define HUPCL   0x00000400
#define CLOCAL  0x00000800

/* c_lflag */
#define ISIG    0x00001
#define ICANON  0x00002
#define ECHO    0x00008
#define ECHOE   0x00010
#define ECHOK   0x00020
#define ECHONL  0x00040
#define NOFLSH  0x00080
#define TOSTOP  0x00100
#define ECHOCTL 0x00200
#define ECHOPRT 0x00400
#define ECHOKE  0x00800
#define FLUSHO  0x01000
#define PENDIN  0x04000
#define IEXTEN  0x08000

/* tcflow (TCXONC) and tcflush (TCFLSH) arguments */
#define TCOOFF    0
#define TCOON     1
#define TCIOFF    2
#define TCION     3
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

/* ioctls */
#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TCSBRK     0x5409
#define TCXONC     0x540A
#define TCFLSH     0x540B
#define TIOCSCTTY  0x540E
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCOUTQ   0x5411
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B
#define TIOCNOTTY  0x5422
#define TIOCGSID   0x5429

#endif /* UAPI_TERMIOS_H */

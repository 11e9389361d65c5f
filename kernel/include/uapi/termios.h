/*
 * Linux terminal layouts for riscv64 (asm-generic/termbits.h, ioctls.h):
 * struct termios as TCGETS returns it, struct winsize, and the few flag
 * and ioctl numbers Kestrel's console reports.
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

/* c_cc indices */
#define VINTR  0
#define VQUIT  1
#define VERASE 2
#define VKILL  3
#define VEOF   4
#define VTIME  5
#define VMIN   6
#define VSTART 8
#define VSTOP  9
#define VSUSP  10

/* c_iflag */
#define ICRNL 0x100
#define IXON  0x400
/* c_oflag */
#define OPOST 0x01
#define ONLCR 0x04
/* c_cflag */
#define B115200 0x00001002
#define CS8     0x00000030
#define CREAD   0x00000080
#define HUPCL   0x00000400
#define CLOCAL  0x00000800
/* c_lflag */
#define ISIG   0x001
#define ICANON 0x002
#define ECHO   0x008

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGWINSZ 0x5413

#endif /* UAPI_TERMIOS_H */

/*
 * vsnprintf and friends (see <lib/printf.h> for the supported formats).
 *
 * The format is read left to right; each conversion is parsed into a
 * struct fmt_spec, its argument fetched with the right width, and the text
 * emitted through a struct fmt_out. The output sink counts every character
 * the full result would have, but stores only what fits before the final
 * NUL, so truncation is exact and the return value is C99's.
 *
 * Pure code: no locks, no allocation, no recursion; a few hundred bytes
 * of stack.
 */
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <lib/printf.h>
#include <lib/string.h>

/* Largest width or precision honoured; larger values are clamped. */
#define FMT_MAX_FIELD 100000000

enum fmt_flags {
	FMT_LEFT = 1 << 0,	/* '-' */
	FMT_ZERO = 1 << 1,	/* '0' */
	FMT_PLUS = 1 << 2,	/* '+' */
	FMT_SPACE = 1 << 3,	/* ' ' */
	FMT_ALT = 1 << 4,	/* '#' */
};

enum fmt_length {
	LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG,
	LEN_SIZE, LEN_PTRDIFF, LEN_INTMAX,
};

struct fmt_spec {
	unsigned int flags;	/* enum fmt_flags */
	int width;		/* 0 if none */
	int prec;		/* -1 if none */
	enum fmt_length length;
	char conv;		/* conversion character, '\0' at end of format */
};

struct fmt_out {
	char *buf;
	size_t size;		/* capacity of buf, including the NUL */
	size_t len;		/* characters produced so far, stored or not */
};

static void out_char(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* Room left in buf before the byte reserved for the final NUL. */
static size_t out_room(const struct fmt_out *o)
{
	return o->len + 1 < o->size ? o->size - 1 - o->len : 0;
}

static void out_mem(struct fmt_out *o, const char *s, size_t n)
{
	size_t room = out_room(o);

	if (room)
		memcpy(o->buf + o->len, s, n < room ? n : room);
	o->len += n;
}

static void out_repeat(struct fmt_out *o, char c, size_t n)
{
	size_t room = out_room(o);

	if (room)
		memset(o->buf + o->len, c, n < room ? n : room);
	o->len += n;
}

/* Spaces before a field of len characters, unless left-justified. */
static void pad_left(struct fmt_out *o, const struct fmt_spec *sp, size_t len)
{
	if (!(sp->flags & FMT_LEFT) && (size_t)sp->width > len)
		out_repeat(o, ' ', (size_t)sp->width - len);
}

/* Spaces after a field of len characters, if left-justified. */
static void pad_right(struct fmt_out *o, const struct fmt_spec *sp, size_t len)
{
	if ((sp->flags & FMT_LEFT) && (size_t)sp->width > len)
		out_repeat(o, ' ', (size_t)sp->width - len);
}

/* A string field: width and '-' apply, the '0' flag does not (as glibc). */
static void put_field(struct fmt_out *o, const struct fmt_spec *sp,
		      const char *s, size_t len)
{
	pad_left(o, sp, len);
	out_mem(o, s, len);
	pad_right(o, sp, len);
}

/*
 * Write v in base (8, 10 or 16) into the end of buf[24]; return the number
 * of digits, which start at buf + 24 - result. v == 0 gives one '0'.
 */
static int fmt_digits(char buf[24], u64 v, unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		buf[23 - n++] = digits[v % base];
		v /= base;
	} while (v);
	return n;
}

/*
 * An integer conversion: mag is the magnitude, neg its sign (signed
 * conversions only). Layout: [spaces][sign|0x][zeros][digits][spaces].
 */
static void put_number(struct fmt_out *o, const struct fmt_spec *sp,
		       u64 mag, bool neg, unsigned int base)
{
	char digits[24], prefix[2];
	bool upper = sp->conv == 'X';
	int ndig = fmt_digits(digits, mag, base, upper);
	size_t npre = 0, zeros = 0, len;

	if (sp->prec == 0 && mag == 0)
		ndig = 0;
	if (sp->prec > ndig)
		zeros = (size_t)(sp->prec - ndig);
	if (neg)
		prefix[npre++] = '-';
	else if (sp->conv == 'd' || sp->conv == 'i') {
		if (sp->flags & FMT_PLUS)
			prefix[npre++] = '+';
		else if (sp->flags & FMT_SPACE)
			prefix[npre++] = ' ';
	}
	if ((sp->flags & FMT_ALT) && base == 16 && mag != 0) {
		prefix[npre++] = '0';
		prefix[npre++] = upper ? 'X' : 'x';
	}
	/* "#o" forces a leading zero digit. */
	if ((sp->flags & FMT_ALT) && base == 8 && zeros == 0 &&
	    (ndig == 0 || digits[24 - ndig] != '0'))
		zeros = 1;
	len = npre + zeros + (size_t)ndig;
	if ((sp->flags & (FMT_ZERO | FMT_LEFT)) == FMT_ZERO && sp->prec < 0 &&
	    (size_t)sp->width > len) {
		zeros += (size_t)sp->width - len;
		len = (size_t)sp->width;
	}
	pad_left(o, sp, len);
	out_mem(o, prefix, npre);
	out_repeat(o, '0', zeros);
	out_mem(o, digits + 24 - ndig, (size_t)ndig);
	pad_right(o, sp, len);
}

/* %p: "0x" and exactly 16 hex digits, padded to the width. */
static void put_pointer(struct fmt_out *o, const struct fmt_spec *sp,
			uintptr_t addr)
{
	char text[18];
	int i;

	text[0] = '0';
	text[1] = 'x';
	for (i = 0; i < 16; i++)
		text[2 + i] = "0123456789abcdef"[((u64)addr >> (60 - 4 * i)) & 0xf];
	put_field(o, sp, text, sizeof(text));
}

__attribute__((weak)) const char *ksym_lookup(uintptr_t addr,
					      uintptr_t *offset)
{
	(void)addr;
	(void)offset;
	return NULL;
}

/* %pS: "name+0xoff", or the %p form when the address has no symbol. */
static void put_symbol(struct fmt_out *o, const struct fmt_spec *sp,
		       uintptr_t addr)
{
	uintptr_t off = 0;
	const char *name = ksym_lookup(addr, &off);
	char digits[24];
	size_t nlen, len;
	int ndig;

	if (!name) {
		put_pointer(o, sp, addr);
		return;
	}
	ndig = fmt_digits(digits, off, 16, false);
	nlen = strlen(name);
	len = nlen + 3 + (size_t)ndig;
	pad_left(o, sp, len);
	out_mem(o, name, nlen);
	out_mem(o, "+0x", 3);
	out_mem(o, digits + 24 - ndig, (size_t)ndig);
	pad_right(o, sp, len);
}

static void put_string(struct fmt_out *o, const struct fmt_spec *sp,
		       const char *s)
{
	if (!s)
		s = "(null)";
	put_field(o, sp, s, strnlen(s, sp->prec < 0 ? (size_t)-1 :
				    (size_t)sp->prec));
}

/* Read a decimal field at *fmtp, advancing it; clamp at FMT_MAX_FIELD. */
static int parse_decimal(const char **fmtp)
{
	const char *f = *fmtp;
	int v = 0;

	for (; *f >= '0' && *f <= '9'; f++) {
		if (v < FMT_MAX_FIELD)
			v = v * 10 + (*f - '0');
	}
	*fmtp = f;
	return v < FMT_MAX_FIELD ? v : FMT_MAX_FIELD;
}

static unsigned int parse_flags(const char **fmtp)
{
	unsigned int flags = 0;

	for (;; (*fmtp)++) {
		switch (**fmtp) {
		case '-': flags |= FMT_LEFT; break;
		case '0': flags |= FMT_ZERO; break;
		case '+': flags |= FMT_PLUS; break;
		case ' ': flags |= FMT_SPACE; break;
		case '#': flags |= FMT_ALT; break;
		default: return flags;
		}
	}
}

static enum fmt_length parse_length(const char **fmtp)
{
	const char *f = *fmtp;
	enum fmt_length len = LEN_INT;

	switch (*f) {
	case 'h': len = f[1] == 'h' ? LEN_CHAR : LEN_SHORT; break;
	case 'l': len = f[1] == 'l' ? LEN_LLONG : LEN_LONG; break;
	case 'z': len = LEN_SIZE; break;
	case 't': len = LEN_PTRDIFF; break;
	case 'j': len = LEN_INTMAX; break;
	default: return LEN_INT;
	}
	*fmtp = f + ((len == LEN_CHAR || len == LEN_LLONG) ? 2 : 1);
	return len;
}

/*
 * Parse one conversion specification; *fmtp points just past the '%' and
 * is left just past the conversion character (or at the final NUL).
 * '*' fields are taken from ap.
 */
static void parse_spec(const char **fmtp, va_list *ap, struct fmt_spec *sp)
{
	sp->flags = parse_flags(fmtp);
	sp->width = 0;
	sp->prec = -1;
	if (**fmtp == '*') {
		int w = va_arg(*ap, int);

		(*fmtp)++;
		if (w < 0) {
			sp->flags |= FMT_LEFT;
			w = w < -FMT_MAX_FIELD ? FMT_MAX_FIELD : -w;
		}
		sp->width = w < FMT_MAX_FIELD ? w : FMT_MAX_FIELD;
	} else {
		sp->width = parse_decimal(fmtp);
	}
	if (**fmtp == '.') {
		(*fmtp)++;
		if (**fmtp == '*') {
			int p = va_arg(*ap, int);

			(*fmtp)++;
			sp->prec = p < 0 ? -1 : (p < FMT_MAX_FIELD ? p : FMT_MAX_FIELD);
		} else {
			sp->prec = parse_decimal(fmtp);
		}
	}
	sp->length = parse_length(fmtp);
	sp->conv = **fmtp;
	if (sp->conv)
		(*fmtp)++;
}

static s64 fetch_signed(va_list *ap, enum fmt_length len)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG: return va_arg(*ap, long);
	case LEN_LLONG: return va_arg(*ap, long long);
	case LEN_SIZE: return va_arg(*ap, ssize_t);
	case LEN_PTRDIFF: return va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX: return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

static u64 fetch_unsigned(va_list *ap, enum fmt_length len)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG: return va_arg(*ap, unsigned long);
	case LEN_LLONG: return va_arg(*ap, unsigned long long);
	case LEN_SIZE: return va_arg(*ap, size_t);
	case LEN_PTRDIFF: return (u64)va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX: return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned int);
	}
}

/* The numeric base of an integer conversion, 0 if conv is not one. */
static unsigned int conv_base(char conv)
{
	switch (conv) {
	case 'd': case 'i': case 'u': return 10;
	case 'x': case 'X': return 16;
	case 'o': return 8;
	default: return 0;
	}
}

/*
 * Emit one parsed conversion. start..end is its text in the format, which
 * is copied literally if the conversion is unknown. *fmtp is advanced past
 * a %p extension letter that is consumed ('S').
 */
static void put_conversion(struct fmt_out *o, const struct fmt_spec *sp,
			   va_list *ap, const char *start, const char **fmtp)
{
	unsigned int base = conv_base(sp->conv);
	char c;

	if (base && (sp->conv == 'd' || sp->conv == 'i')) {
		s64 v = fetch_signed(ap, sp->length);

		put_number(o, sp, v < 0 ? 0 - (u64)v : (u64)v, v < 0, base);
	} else if (base) {
		put_number(o, sp, fetch_unsigned(ap, sp->length), false, base);
	} else if (sp->conv == 'c') {
		c = (char)va_arg(*ap, int);
		put_field(o, sp, &c, 1);
	} else if (sp->conv == 's') {
		put_string(o, sp, va_arg(*ap, const char *));
	} else if (sp->conv == 'p' && **fmtp == 'S') {
		(*fmtp)++;
		put_symbol(o, sp, (uintptr_t)va_arg(*ap, void *));
	} else if (sp->conv == 'p') {
		put_pointer(o, sp, (uintptr_t)va_arg(*ap, void *));
	} else if (sp->conv == '%') {
		out_char(o, '%');
	} else {
		out_mem(o, start, (size_t)(*fmtp - start));
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { .buf = buf, .size = size, .len = 0 };
	struct fmt_spec spec;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt;

		if (*fmt != '%') {
			while (*fmt && *fmt != '%')
				fmt++;
			out_mem(&o, start, (size_t)(fmt - start));
			continue;
		}
		fmt++;
		parse_spec(&fmt, &args, &spec);
		put_conversion(&o, &spec, &args, start, &fmt);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (size == 0)
		return 0;
	return (size_t)n < size ? n : (int)(size - 1);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * The 16550 UART ("ns16550a" in the device tree): the system console.
 *
 * Output goes into a transmit ring that the transmit-holding-register-empty
 * interrupt drains 16 bytes (one FIFO) at a time; when the ring is full the
 * writer drains it by polling, so printk never drops output. Input bytes
 * arrive by the receive interrupt into a receive ring that console_getc()
 * reads; the interrupt then wakes uart_rx_wait, where the console tty's
 * input thread (tty_console.c) sleeps: the ring is the tty's flip buffer.
 * The console tty writes its processed output through
 * uart16550_tty_write() (raw: no NL translation). Panic output is polled
 * and lock-free.
 *
 * Lock: uart_lock (irqsave; docs/locking.md) guards both rings and the
 * registers; taken inside log_lock. uart_rx_wait's lock ("uart_rx_wait")
 * is taken by the interrupt after uart_lock is dropped.
 */
#include <arch/mmio.h>
#include <arch/pgtable.h>
#include <drivers/irq.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <locking/spinlock.h>
#include <proc/process.h>
#include <sched/wait.h>
#include <tty/tty.h>
#include <uapi/errno.h>

#define UART_RBR 0   /* receive buffer (read) */
#define UART_THR 0   /* transmit holding (write) */
#define UART_DLL 0   /* divisor latch low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5

#define IER_RDI   0x01   /* receive data available */
#define IER_THRI  0x02   /* transmit holding register empty */
#define FCR_ENABLE_CLEAR 0x07
#define LCR_8N1   0x03
#define LCR_DLAB  0x80
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_DR    0x01
#define LSR_THRE  0x20
#define FIFO_SIZE 16

#define TX_RING 4096
#define RX_RING 1024

static u8 *uart;                       /* [I] registers */
static struct spinlock uart_lock = SPINLOCK_INIT("uart_lock");
static char tx_ring[TX_RING];          /* [uart_lock] */
static unsigned int tx_head, tx_tail;  /* [uart_lock] head = next to send */
static char rx_ring[RX_RING];          /* [uart_lock] */
static unsigned int rx_head, rx_tail;  /* [uart_lock] */
static u8 ier;                         /* [uart_lock] shadow of UART_IER */
static u64 rx_dropped;                 /* [uart_lock] */
static struct wait_queue_head uart_rx_wait = WAIT_QUEUE_HEAD_INIT(uart_rx_wait, "uart_rx_wait");

static u8 reg_read(int r) { return readb(uart + r); }
static void reg_write(int r, u8 v) { writeb(v, uart + r); }

static void set_ier(u8 v)
{
	if (v != ier) {
		ier = v;
		reg_write(UART_IER, v);
	}
}

/* Fill the FIFO from the ring if the transmitter is idle. uart_lock held. */
static void tx_kick(void)
{
	if (reg_read(UART_LSR) & LSR_THRE)
		for (int i = 0; i < FIFO_SIZE && tx_head != tx_tail; i++)
			reg_write(UART_THR, tx_ring[tx_head++ % TX_RING]);
	set_ier(tx_head != tx_tail ? (ier | IER_THRI) : (ier & ~IER_THRI));
}

static void uart_write(const char *s, size_t n)
{
	unsigned long flags = spin_lock_irqsave(&uart_lock);
	for (size_t i = 0; i < n; i++) {
		while (tx_tail - tx_head == TX_RING)
			tx_kick();   /* ring full: drain by polling */
		tx_ring[tx_tail++ % TX_RING] = s[i];
	}
	tx_kick();
	spin_unlock_irqrestore(&uart_lock, flags);
}

bool uart16550_tty_write(const char *s, size_t n)
{
	if (!uart)
		return false;
	uart_write(s, n);
	return true;
}

static void poll_putc(char c)
{
	while (!(reg_read(UART_LSR) & LSR_THRE))
		;
	reg_write(UART_THR, (u8)c);
}

/*
 * Panic path: never waits for uart_lock. Bytes still in the ring go out
 * first if the lock is free; if a stopped hart holds it they are abandoned
 * rather than risk reading a ring it was changing.
 */
static void uart_write_panic(const char *s, size_t n)
{
	if (tx_head != tx_tail && spin_trylock(&uart_lock)) {
		while (tx_head != tx_tail)
			poll_putc(tx_ring[tx_head++ % TX_RING]);
		spin_unlock(&uart_lock);
	}
	for (size_t i = 0; i < n; i++)
		poll_putc(s[i]);
}

static void uart_flush(void)
{
	unsigned long flags = spin_lock_irqsave(&uart_lock);
	while (tx_head != tx_tail)
		tx_kick();
	while (!(reg_read(UART_LSR) & LSR_THRE))
		;
	spin_unlock_irqrestore(&uart_lock, flags);
}

static int uart_getc(void)
{
	int c = -1;
	unsigned long flags = spin_lock_irqsave(&uart_lock);
	if (rx_head != rx_tail)
		c = (unsigned char)rx_ring[rx_head++ % RX_RING];
	spin_unlock_irqrestore(&uart_lock, flags);
	return c;
}

/* Ctrl-T prints every task (docs/debugging.md), as BSD's status key does. */
#define UART_DUMP_KEY 0x14

static void uart_interrupt(unsigned int irq, void *arg)
{
	bool received = false, dump = false;

	spin_lock(&uart_lock);
	while (reg_read(UART_LSR) & LSR_DR) {
		char c = (char)reg_read(UART_RBR);
		if (c == UART_DUMP_KEY) {
			dump = true;   /* consumed: a debugging key, not input */
			continue;
		}
		if (rx_tail - rx_head < RX_RING)
			rx_ring[rx_tail++ % RX_RING] = c;
		else
			rx_dropped++;
		received = true;
	}
	tx_kick();
	spin_unlock(&uart_lock);
	/* After the bytes are in the ring: a reader rechecks it after it queued itself. */
	if (received)
		wake_up_all(&uart_rx_wait);
	if (dump)
		pid_dump_tasks();
}

static const struct console uart_console = {
	.name = "ttyS0",
	.write = uart_write,
	.write_panic = uart_write_panic,
	.getc = uart_getc,
	.flush = uart_flush,
	.rx_wait = &uart_rx_wait,
};

/* Program 8N1, FIFOs, 115200 baud if the clock is known; take over the console. */
int uart16550_init(void)
{
	const struct dt_device *dev = machine_find("ns16550a", 0);

	if (!dev || dev->nreg < 1)
		return -ENODEV;
	uart = ioremap(dev->reg[0].base, dev->reg[0].size);
	if (!uart)
		return -ENOMEM;

	int len;
	const u32 *clk = fdt_getprop(&machine_fdt, dev->node, "clock-frequency", &len);
	u32 divisor = clk && len == 4 ? fdt32_to_cpu(*clk) / (16 * 115200) : 0;

	reg_write(UART_IER, 0);
	if (divisor) {
		reg_write(UART_LCR, LCR_DLAB);
		reg_write(UART_DLL, divisor & 0xff);
		reg_write(UART_DLM, (divisor >> 8) & 0xff);
	}
	reg_write(UART_LCR, LCR_8N1);
	reg_write(UART_FCR, FCR_ENABLE_CLEAR);
	reg_write(UART_MCR, MCR_DTR_RTS_OUT2);
	ier = 0;
	if (dev->nirq > 0 && irq_request(dev->irq[0], uart_interrupt, NULL, "uart") == 0)
		set_ier(IER_RDI);
	else
		pr_warn("uart: no interrupt; input disabled\n");
	console_register(&uart_console);
	return 0;
}

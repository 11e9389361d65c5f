/*
 * Bring-up entry points that start_kernel() calls, one per subsystem.
 */
#ifndef KERNEL_INIT_H
#define KERNEL_INIT_H

int uart16550_init(void);
int goldfish_rtc_init(void);
void monitor_run(void);
int ktest_run_all(void);
void ktest_panic(void);

#endif /* KERNEL_INIT_H */

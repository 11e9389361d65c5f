/*
 * Unit tests for the pure signal code, kernel/proc/signal_set.c.
 *
 * Signal sets (SIGMASK, sigset_has, sigset_first over all 64 bits and
 * random sets against a loop), the default actions, the pending queue
 * (standard signals coalesce, real-time ones queue once per send and come
 * out in arrival order with their values, a bit without an entry gives
 * SI_USER zeroes, the bit goes with the last entry), the dequeue order
 * (faults first, then the lowest number, blocked ones never), and the
 * choice of the thread that takes a process-directed signal (the current
 * thread if it can, else the first that neither blocks it nor exits).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"
#include <proc/signal.h>

static void test_sigset_ops(void **state)
{
	struct unit_rng r;

	(void)state;
	for (int sig = 1; sig <= _NSIG; sig++) {
		ksigset_t s = SIGMASK(sig);

		assert_true(sigset_has(s, sig));
		assert_false(sigset_has(s, sig == 1 ? 2 : sig - 1));
		assert_int_equal(sigset_first(s), sig);
		assert_int_equal(sigset_first(s | SIGMASK(_NSIG)), sig);
		assert_int_equal(sig_is_rt(sig), sig >= 32);
	}
	unit_rng_seed(&r, 7);
	for (int i = 0; i < 10000; i++) {
		ksigset_t s = unit_rng_next(&r) >> unit_rng_below(&r, 64);
		int want = 1;

		if (!s)
			continue;
		while (!(s & SIGMASK(want)))
			want++;
		assert_int_equal(sigset_first(s), want);
	}
	assert_true(SIG_UNBLOCKABLE == (SIGMASK(9) | SIGMASK(19)));
	assert_false(sig_valid(0));
	assert_true(sig_valid(64));
	assert_false(sig_valid(65));
}

static void test_default_actions(void **state)
{
	(void)state;
	assert_int_equal(sig_default_action(SIGCHLD), SIGDFL_IGNORE);
	assert_int_equal(sig_default_action(SIGWINCH), SIGDFL_IGNORE);
	assert_int_equal(sig_default_action(SIGCONT), SIGDFL_CONT);
	assert_int_equal(sig_default_action(SIGTSTP), SIGDFL_STOP);
	assert_int_equal(sig_default_action(SIGSTOP), SIGDFL_STOP);
	assert_int_equal(sig_default_action(SIGSEGV), SIGDFL_CORE);
	assert_int_equal(sig_default_action(SIGQUIT), SIGDFL_CORE);
	assert_int_equal(sig_default_action(SIGTERM), SIGDFL_TERM);
	assert_int_equal(sig_default_action(SIGKILL), SIGDFL_TERM);
	assert_int_equal(sig_default_action(SIGRTMIN), SIGDFL_TERM);
	assert_int_equal(sig_default_action(64), SIGDFL_TERM);
}

/* Send sig with value v as the signal code does: coalesce, else queue an entry. */
static bool send(struct sigpending *sp, int sig, u64 v)
{
	struct sigqueue *q;

	if (sigpending_coalesces(sp, sig))
		return false;
	q = calloc(1, sizeof(*q));
	assert_non_null(q);
	q->info.si_code = SI_QUEUE;
	q->info.f.kill.value = v;
	sigpending_add(sp, sig, q);
	return true;
}

/* Take the next signal outside blocked: its number, value in *v. */
static int take(struct sigpending *sp, ksigset_t blocked, u64 *v)
{
	struct siginfo_k info;
	int sig = sigpending_next(sp, blocked);

	if (sig) {
		free(sigpending_take(sp, sig, &info));
		assert_int_equal(info.si_signo, sig);
		*v = info.f.kill.value;
	}
	return sig;
}

static void test_pending_order(void **state)
{
	struct sigpending sp;
	u64 v;

	(void)state;
	sigpending_init(&sp);
	/* Standard signals coalesce: the first send's siginfo stays. */
	assert_true(send(&sp, SIGUSR1, 1));
	assert_false(send(&sp, SIGUSR1, 2));
	/* Real-time ones queue, each with its value. */
	for (u64 i = 0; i < 5; i++)
		assert_true(send(&sp, SIGRTMIN + 1, 100 + i));
	assert_true(send(&sp, SIGRTMIN, 50));
	assert_true(send(&sp, SIGTERM, 3));
	assert_true(send(&sp, SIGSEGV, 4));
	/* Blocked ones never come out. */
	assert_int_equal(sigpending_next(&sp, ~0ULL), 0);
	/* The fault first, then the lowest number, real-time ones in arrival order. */
	assert_int_equal(take(&sp, 0, &v), SIGSEGV);
	assert_int_equal(v, 4);
	assert_int_equal(take(&sp, SIGMASK(SIGUSR1), &v), SIGTERM);
	assert_int_equal(take(&sp, 0, &v), SIGUSR1);
	assert_int_equal(v, 1);
	assert_int_equal(take(&sp, 0, &v), SIGRTMIN);
	assert_int_equal(v, 50);
	for (u64 i = 0; i < 5; i++) {
		assert_true(sigset_has(sp.set, SIGRTMIN + 1));
		assert_int_equal(take(&sp, 0, &v), SIGRTMIN + 1);
		assert_int_equal(v, 100 + i);
	}
	assert_int_equal(sp.set, 0);
	assert_true(list_empty(&sp.list));
	assert_int_equal(take(&sp, 0, &v), 0);
}

static void test_pending_lost_info(void **state)
{
	struct sigpending sp;
	struct siginfo_k info;

	(void)state;
	sigpending_init(&sp);
	sigpending_add(&sp, SIGRTMIN + 3, NULL);   /* the queue was full: bit only */
	assert_int_equal(sigpending_next(&sp, 0), SIGRTMIN + 3);
	assert_null(sigpending_take(&sp, SIGRTMIN + 3, &info));
	assert_int_equal(info.si_signo, SIGRTMIN + 3);
	assert_int_equal(info.si_code, SI_USER);
	assert_int_equal(info.f.kill.pid, 0);
	assert_int_equal(sp.set, 0);
}

/* Random sends and takes against a model: per signal, a FIFO of values. */
static void test_pending_random(void **state)
{
	enum { OPS = 20000, DEPTH = 64 };
	static u64 model[_NSIG + 1][DEPTH];
	static int count[_NSIG + 1];
	struct sigpending sp;
	struct unit_rng r;
	u64 v;

	(void)state;
	sigpending_init(&sp);
	unit_rng_seed(&r, 12345);
	for (int op = 0; op < OPS; op++) {
		int sig = 1 + (int)unit_rng_below(&r, _NSIG);

		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		if (unit_rng_below(&r, 2) && count[sig] < DEPTH) {
			bool queued = send(&sp, sig, (u64)op);

			assert_int_equal(queued, sig_is_rt(sig) || count[sig] == 0);
			if (queued)
				model[sig][count[sig]++] = (u64)op;
		} else {
			ksigset_t blocked = unit_rng_next(&r) & unit_rng_next(&r);
			int want = 0, got;

			for (int s = 1; s <= _NSIG && !want; s++)
				if (count[s] && !sigset_has(blocked, s) &&
				    (SIGMASK(s) & (SIGMASK(SIGSEGV) | SIGMASK(SIGBUS) | SIGMASK(SIGILL) |
						   SIGMASK(SIGTRAP) | SIGMASK(SIGFPE) | SIGMASK(SIGSYS))))
					want = s;
			for (int s = 1; s <= _NSIG && !want; s++)
				if (count[s] && !sigset_has(blocked, s))
					want = s;
			got = take(&sp, blocked, &v);
			assert_int_equal(got, want);
			if (got) {
				assert_int_equal(v, model[got][0]);
				memmove(model[got], model[got] + 1, sizeof(u64) * (size_t)--count[got]);
			}
		}
		for (int s = 1; s <= _NSIG; s++)
			assert_int_equal(sigset_has(sp.set, s), count[s] > 0);
	}
	while (take(&sp, 0, &v))
		;
	assert_true(list_empty(&sp.list));
}

/* A stand-in thread: its list node and its signal state. */
struct fake_thread {
	struct list_head node;
	struct task_signal sig;
};

static void test_choose_thread(void **state)
{
	struct fake_thread t[4];
	struct list_head threads;
	const long off = (long)offsetof(struct fake_thread, sig) - (long)offsetof(struct fake_thread, node);

	(void)state;
	memset(t, 0, sizeof(t));
	INIT_LIST_HEAD(&threads);
	for (int i = 0; i < 4; i++)
		list_add_tail(&t[i].node, &threads);
	/* The current thread is preferred when it can take it. */
	assert_ptr_equal(sig_choose_thread(&threads, off, &t[2].sig, SIGUSR1), &t[2].sig);
	/* Else the first one that does not block it. */
	t[2].sig.blocked = SIGMASK(SIGUSR1);
	assert_ptr_equal(sig_choose_thread(&threads, off, &t[2].sig, SIGUSR1), &t[0].sig);
	t[0].sig.blocked = SIGMASK(SIGUSR1) | SIGMASK(SIGUSR2);
	assert_ptr_equal(sig_choose_thread(&threads, off, &t[2].sig, SIGUSR1), &t[1].sig);
	assert_ptr_equal(sig_choose_thread(&threads, off, NULL, SIGUSR2), &t[1].sig);
	/* An exiting thread is not a target. */
	t[1].sig.exiting = true;
	assert_ptr_equal(sig_choose_thread(&threads, off, NULL, SIGUSR1), &t[3].sig);
	t[3].sig.blocked = ~0ULL;
	assert_null(sig_choose_thread(&threads, off, &t[2].sig, SIGUSR1));
	/* A signal nobody blocks goes to the current thread even if others could. */
	assert_ptr_equal(sig_choose_thread(&threads, off, &t[2].sig, SIGTERM), &t[2].sig);
	assert_true(sig_wanted_by(&t[2].sig, SIGTERM));
	assert_false(sig_wanted_by(&t[1].sig, SIGTERM));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigset_ops),
		cmocka_unit_test(test_default_actions),
		cmocka_unit_test(test_pending_order),
		cmocka_unit_test(test_pending_lost_info),
		cmocka_unit_test(test_pending_random),
		cmocka_unit_test(test_choose_thread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

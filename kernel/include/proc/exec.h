/*
 * execve (kernel/proc/exec.c): replace the calling task's program.
 * docs/proc.md, "exec", tells the whole story; the pure parts are in
 * <proc/elf.h> (the ELF loader) and <proc/binfmt.h> (initial stack, "#!").
 *
 * Everything that can fail happens first, into a new address space the
 * caller never sees: open and read the file (and any "#!" interpreters),
 * validate the ELF, copy argv/envp, build the initial stack, load the
 * segments, map the vDSO. Any error returns -errno with the caller
 * untouched. Then the point of no return swaps the address space and
 * resets the task for the new image.
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

#include <kernel/syscall.h>
#include <kernel/types.h>
#include <proc/elf.h>

struct mm_struct;
struct pt_regs;
struct task;

/*
 * How exec finds files: open fills *src for path (0, or -ENOENT, -EACCES,
 * ... as open would say); close releases it. do_execve/sys_execve use the
 * file layer (exec_file.c); the self-tests use in-memory images.
 */
struct exec_opener {
	int (*open)(void *ctx, const char *path, struct exec_source *src);
	void (*close)(void *ctx, struct exec_source *src);
	void *ctx;
};

/* argv or envp: a NULL-terminated vector of strings, in kernel or user memory. */
struct exec_strings {
	const void *vec;   /* char *const[]; NULL: empty */
	bool user;         /* vec and the strings are user addresses of the caller */
};

/* Where the new program starts. */
struct exec_entry {
	unsigned long pc, sp;
};

/*
 * Run filename (a kernel string) as the calling task's new program.
 * Returns 0 after the point of no return: current->mm is the new image,
 * *entry says where it starts, and if regs is not NULL (the caller's user
 * trap frame: sys_execve) that frame now starts it -- every register zero
 * but pc and sp, FP state initial. A kernel thread (regs NULL: its stack
 * top is still in use) then calls user_start(entry->pc, entry->sp).
 * Otherwise -errno with nothing changed: the opener's errors, -EFAULT
 * (bad vector or string pointer), -E2BIG (strings too long or too many),
 * -ENOEXEC/-EINVAL/-EIO/-EPERM/-ENOMEM (elf_parse's rules, or memory),
 * -ELOOP (more than EXEC_MAX_DEPTH "#!" levels). May sleep.
 */
int exec_run(const struct exec_opener *op, const char *filename, struct exec_strings argv,
	     struct exec_strings envp, struct pt_regs *regs, struct exec_entry *entry);

/*
 * exec_run through the file layer with kernel vectors, from a kernel
 * thread: for the first process (proc_start_init), which then calls
 * user_start(entry->pc, entry->sp).
 */
int do_execve(const char *filename, char *const argv[], char *const envp[],
	      struct exec_entry *entry);

/* execve(path, argv, envp) from user space. */
long sys_execve(const struct syscall_args *args);

/* Self-tests only: when set, sys_execve opens files through it (exec.c). */
extern const struct exec_opener *exec_test_opener;

/* ------------------------------------------------------------ hooks */

/*
 * Implemented elsewhere (the vDSO's vdso_map is in kernel/vdso.h):
 *   exec_kill_other_threads  end the caller's other threads (de_thread)
 *   fpu_forget           <arch/fpu.h>
 *   exec_file_open/close/exec_close_on_exec  kernel/proc/exec_file.c
 */
void exec_kill_other_threads(void);
int exec_file_open(const char *path, struct exec_source *src);
void exec_file_close(struct exec_source *src);
void exec_close_on_exec(struct task *t);

#endif /* PROC_EXEC_H */

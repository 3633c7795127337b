// SPDX-License-Identifier: GPL-2.0
/*
 * ior.bpf.c: capture every syscall enter and exit plus process lifecycle
 * events into one ring buffer. Record layouts live in ior_records.h.
 *
 * The recorder (recorder/.../bpf/BpfCapture.java) sets the const volatile
 * settings and fills the capture table before load, then copies the ring
 * buffer to disk verbatim. Nothing here prints; every record that cannot be
 * written is counted in the per-CPU stats map.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "ior_records.h"

/* Written by the recorder into .rodata before load; the verifier then prunes unused filters. */
const volatile struct ior_settings settings = {};
#define self_pid settings.self_pid
#define filter_pids settings.filter_pids
#define filter_comm settings.filter_comm
#define target_comm settings.target_comm
#define wakeup_bytes settings.wakeup_bytes
#define clock_offset settings.clock_offset

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 << 20);	/* resized by --ringbuf-size */
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, IOR_MAX_SYSCALLS);
	__type(key, __u32);
	__type(value, struct ior_capture);
} capture SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);	/* tgid */
	__type(value, __u8);
} traced_pids SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, IOR_STAT_COUNT);
	__type(key, __u32);
	__type(value, __u64);
} stats SEC(".maps");

/* Threads whose enter could not read a path (page not yet faulted in): retried at exit,
 * when the kernel has touched the page itself. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);	/* tid */
	__type(value, __u8);
} str_retry SEC(".maps");

/*
 * The enter of a call written as one IOR_SYS_CALL record at its exit. Syscalls do not nest within
 * a task, so one slot per task is enough; it is allocated on the task's first such call and freed
 * with the task. live is cleared when the exit (or the stop-time dump) takes it.
 */
struct ior_inflight {
	__u64 ts;
	__u64 args[6];
	__u32 pid;
	__u16 nr;
	__u8 nargs;
	__u8 live;
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct ior_inflight);
} inflight SEC(".maps");

/* One staging buffer per program kind per CPU: [0] enter, [1] exit, [2] lifecycle. */
struct scratch_buf {
	__u8 b[IOR_SCRATCH];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, struct scratch_buf);
} scratch SEC(".maps");

/*
 * Record timestamps: CLOCK_MONOTONIC plus the boot-minus-monotonic offset the recorder took at
 * start, so they read as CLOCK_BOOTTIME. bpf_ktime_get_boot_ns() itself measured ~10 ns slower a
 * read on 6.18, two reads per syscall (docs/benchmarks.md). The two clocks part only if the host
 * suspends while recording; the recorder stamps its own blocks on the same clock.
 */
static __always_inline __u64 ior_now(void)
{
	return bpf_ktime_get_ns() + clock_offset;
}

/* __USER32_CS: the syscall came in through the ia32 entry, nr is from the 32-bit table */
static __always_inline __u8 compat_flag(struct pt_regs *regs)
{
	return regs->cs == 0x23 ? IOR_F_COMPAT : 0;
}

/* The header every syscall record starts with. */
static __always_inline void put_sys_hdr(struct ior_hdr *h, __u64 pid_tgid, __u16 type, __u32 nr)
{
	h->ts = ior_now();
	h->tid = (__u32)pid_tgid;
	h->type = type;
	h->nr = nr;
}

static __always_inline void count(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&stats, &idx);

	if (v)
		__sync_fetch_and_add(v, 1);
}

/* Batch wake-ups: the reader polls; it is woken only when far behind. */
static __always_inline __u64 submit_flags(void)
{
	if (!wakeup_bytes)
		return 0;
	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > wakeup_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

static __always_inline int comm_matches(void)
{
	char comm[IOR_COMM_LEN];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < IOR_COMM_LEN; i++) {
		if (comm[i] != target_comm[i])
			return 0;
		if (!comm[i])
			return 1;
	}
	return 1;
}

/* The filters every record passes; pid is the thread group id. */
static __always_inline int task_traced(__u32 pid)
{
	if (pid == self_pid)
		return 0;
	if (filter_pids && !bpf_map_lookup_elem(&traced_pids, &pid))
		return 0;
	if (filter_comm && !comm_matches())
		return 0;
	return 1;
}

static __always_inline void *scratch_get(__u32 slot)
{
	return bpf_map_lookup_elem(&scratch, &slot);
}

/* tp_btf hands us a trusted pt_regs: plain loads, no probe-read helper call per register */
static __always_inline __u64 arg_of(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}

/*
 * Append one item {kind, arg, len, bytes} at *off. Returns the record flags
 * to add. Offsets are masked so the verifier can bound every write.
 */
static __always_inline __u8 put_str(__u8 *buf, __u32 *off, __u8 arg, __u64 uptr, int final)
{
	__u32 o = *off & (IOR_SCRATCH / 2 - 1);

	if (!uptr)	/* NULL is a legal "no path" (utimensat, acct): nothing to copy, no failure */
		return 0;
	long n = bpf_probe_read_user_str(buf + o + 4, IOR_STR_MAX, (const void *)uptr);

	if (n <= 0) {
		if (final)	/* an enter's failure is retried at exit, counted only if that fails too */
			count(IOR_STAT_READ_FAIL);
		return IOR_F_READ_FAIL;
	}
	/* zero the item's 1-3 pad bytes so no stale staging bytes reach the file */
	for (int i = 0; i < 3; i++)
		buf[(o + 4 + n + i) & (IOR_SCRATCH - 1)] = 0;
	buf[o] = IOR_ITEM_STR;
	buf[o + 1] = arg;
	*(__u16 *)(buf + o + 2) = n;
	*off = o + ((4 + n + 3) & ~3);
	return n == IOR_STR_MAX ? IOR_F_STR_TRUNC : 0;
}

static __always_inline __u8 put_buf(__u8 *buf, __u32 *off, __u8 arg, __u64 uptr, __u32 len)
{
	__u32 o = *off & (IOR_SCRATCH / 2 - 1);

	if (len > IOR_BUF_MAX)
		len = IOR_BUF_MAX;
	if (len == 0 || !uptr)
		return 0;
	/* clang drops a bound it can prove; hide len so the mask reaches the verifier */
	asm volatile("" : "+r"(len));
	len &= 2 * IOR_BUF_MAX - 1;
	if (bpf_probe_read_user(buf + o + 4, len, (const void *)uptr)) {
		count(IOR_STAT_READ_FAIL);
		return IOR_F_READ_FAIL;
	}
	for (int i = 0; i < 3; i++)
		buf[(o + 4 + len + i) & (IOR_SCRATCH - 1)] = 0;
	buf[o] = IOR_ITEM_BUF;
	buf[o + 1] = arg;
	*(__u16 *)(buf + o + 2) = len;
	*off = o + ((4 + len + 3) & ~3);
	return 0;
}

static __always_inline void emit(void *rec, __u32 len, __u32 drop_stat)
{
	/* syscall records end 4-aligned: zero the 4-byte pad to 8 (exec records zero their own
	 * pad, and their length is not 4-aligned, so this must not touch them) */
	if ((len & 7) == 4)
		*(__u32 *)((__u8 *)rec + (len & (IOR_SCRATCH - 4))) = 0;
	len = (len + 7) & ~7;
	if (len > IOR_SCRATCH)
		len = IOR_SCRATCH;
	if (bpf_ringbuf_output(&events, rec, len, submit_flags()))
		count(drop_stat);
}

/*
 * Most syscalls copy no user memory: their records have a size fixed by nargs, so they are
 * reserved in the ring and written in place, without the staging buffer and its copy.
 * One reserve per nargs because the verifier wants a constant size; ARG(i) is where the
 * arguments come from (the registers, or a call's stored enter).
 */
#define RESERVE_CASE(n, ARG)							\
	case n:									\
		r = bpf_ringbuf_reserve(&events, sizeof(*r) + 8 * (n), 0);	\
		if (!r)								\
			break;							\
		for (int i = 0; i < (n); i++)					\
			r->args[i] = ARG(i);					\
		break;

#define RESERVE_BY_NARGS(nargs, ARG)		\
	switch (nargs) {			\
	RESERVE_CASE(0, ARG)			\
	RESERVE_CASE(1, ARG)			\
	RESERVE_CASE(2, ARG)			\
	RESERVE_CASE(3, ARG)			\
	RESERVE_CASE(4, ARG)			\
	RESERVE_CASE(5, ARG)			\
	default:				\
		nargs = 6;			\
		/* fall through */		\
	RESERVE_CASE(6, ARG)			\
	}

#define REG_ARG(i) arg_of(regs, i)
#define STORED_ARG(i) st->args[i]

static __always_inline int enter_in_place(struct pt_regs *regs, __u64 pid_tgid, __u32 nr, __u8 nargs)
{
	struct ior_sys_enter *r = NULL;

	RESERVE_BY_NARGS(nargs, REG_ARG)	/* the capture table never says more than 6 */
	if (!r) {
		count(IOR_STAT_DROP_ENTER);
		return 0;
	}
	put_sys_hdr(&r->h, pid_tgid, IOR_SYS_ENTER, nr);
	r->pid = pid_tgid >> 32;
	r->nargs = nargs;
	r->flags = compat_flag(regs);
	r->items_len = 0;
	bpf_ringbuf_submit(r, submit_flags());
	return 0;
}

/* A stored enter written as an ior_sys_enter: a long call, or one in flight at stop. */
static __always_inline void enter_from_storage(struct ior_inflight *st, __u32 tid)
{
	struct ior_sys_enter *r = NULL;
	__u8 nargs = st->nargs;

	RESERVE_BY_NARGS(nargs, STORED_ARG)
	if (!r) {
		count(IOR_STAT_DROP_ENTER);
		return;
	}
	r->h.ts = st->ts;
	r->h.tid = tid;
	r->h.type = IOR_SYS_ENTER;
	r->h.nr = st->nr;
	r->pid = st->pid;
	r->nargs = nargs;
	r->flags = 0;
	r->items_len = 0;
	bpf_ringbuf_submit(r, submit_flags());
}

static __always_inline void exit_in_place(__u64 pid_tgid, __u32 nr, long ret)
{
	struct ior_sys_exit *r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);

	if (!r) {
		count(IOR_STAT_DROP_EXIT);
		return;
	}
	put_sys_hdr(&r->h, pid_tgid, IOR_SYS_EXIT, nr);
	r->ret = ret;
	bpf_ringbuf_submit(r, submit_flags());
}

/* The enter of a call that copies no user memory: kept in the task's slot, no record yet. */
static __always_inline int enter_pair(struct pt_regs *regs, __u32 pid, __u32 nr, __u8 nargs)
{
	struct ior_inflight *st = bpf_task_storage_get(&inflight, bpf_get_current_task_btf(), 0,
						       BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (!st)
		return 0;	/* no memory for the slot: the caller writes an ior_sys_enter */
	st->ts = ior_now();
	st->args[0] = regs->di;	/* all six: cheaper than branching on nargs */
	st->args[1] = regs->si;
	st->args[2] = regs->dx;
	st->args[3] = regs->r10;
	st->args[4] = regs->r8;
	st->args[5] = regs->r9;
	st->pid = pid;
	st->nr = nr;
	st->nargs = nargs > 6 ? 6 : nargs;
	st->live = 1;
	return 1;
}

/* The exit of a call whose enter is in st: one ior_sys_call record. */
static __always_inline int exit_pair(struct ior_inflight *st, __u64 pid_tgid, __u32 nr, long ret)
{
	struct ior_sys_call *r = NULL;
	__u64 now = ior_now();
	__u64 latency = now - st->ts;
	__u8 nargs = st->nargs;

	st->live = 0;
	if (st->nr != nr || latency >> 32) {
		/* too long for the u32 latency (or, never seen, not this call's enter): two records */
		enter_from_storage(st, (__u32)pid_tgid);
		exit_in_place(pid_tgid, nr, ret);
		return 0;
	}
	RESERVE_BY_NARGS(nargs, STORED_ARG)
	if (!r) {
		count(IOR_STAT_DROP_CALL);
		return 0;
	}
	r->h.ts = st->ts;
	r->h.tid = (__u32)pid_tgid;
	r->h.type = IOR_SYS_CALL;
	r->h.nr = nr;
	r->pid = st->pid;
	r->latency = latency;
	r->ret = ret;
	bpf_ringbuf_submit(r, submit_flags());
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(ior_sys_enter, struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 pid = pid_tgid >> 32;
	__u32 nr = id;
	struct ior_capture *cap;
	struct ior_sys_enter *r;
	__u32 off;
	__u8 flags = 0;

	if (nr >= IOR_MAX_SYSCALLS || !task_traced(pid))
		return 0;
	cap = bpf_map_lookup_elem(&capture, &nr);
	if (!cap || !(cap->flags & IOR_CAP_TRACE))
		return 0;
	if ((cap->flags & IOR_CAP_PAIR) && !compat_flag(regs) && enter_pair(regs, pid, nr, cap->nargs))
		return 0;
	if (!cap->str_arg[0] && !cap->in_arg)
		return enter_in_place(regs, pid_tgid, nr, cap->nargs);
	r = scratch_get(0);
	if (!r)
		return 0;

	put_sys_hdr(&r->h, pid_tgid, IOR_SYS_ENTER, nr);
	r->pid = pid;
	flags |= compat_flag(regs);

	__u8 nargs = cap->nargs > 6 ? 6 : cap->nargs;
	for (int i = 0; i < 6; i++) {
		if (i >= nargs)
			break;
		r->args[i] = arg_of(regs, i);
	}
	r->nargs = nargs;

	off = sizeof(*r) + nargs * 8;
	__u32 items = off;
	__u8 *buf = (__u8 *)r;
	__u8 sflags = 0;
	if (cap->str_arg[0])
		sflags |= put_str(buf, &off, cap->str_arg[0] - 1, arg_of(regs, cap->str_arg[0] - 1), 0);
	if (cap->str_arg[1])
		sflags |= put_str(buf, &off, cap->str_arg[1] - 1, arg_of(regs, cap->str_arg[1] - 1), 0);
	flags |= sflags;
	if (cap->in_arg) {
		__u32 len = cap->in_len;
		if (cap->in_len_arg) {
			__u64 want = arg_of(regs, cap->in_len_arg - 1);
			if (want < len)
				len = want;
		}
		flags |= put_buf(buf, &off, cap->in_arg - 1, arg_of(regs, cap->in_arg - 1), len);
	}
	if (sflags & IOR_F_READ_FAIL) {
		__u32 tid = (__u32)pid_tgid;
		__u8 one = 1;
		bpf_map_update_elem(&str_retry, &tid, &one, BPF_ANY);
	}
	r->flags = flags;
	r->items_len = off - items;
	emit(r, off, IOR_STAT_DROP_ENTER);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(ior_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 pid = pid_tgid >> 32;
	__u32 nr = regs->orig_ax;
	struct ior_capture *cap;
	struct ior_sys_exit *r;
	__u32 off = sizeof(*r);

	__u8 retry = 0;

	if (nr >= IOR_MAX_SYSCALLS || pid == self_pid)
		return 0;
	cap = bpf_map_lookup_elem(&capture, &nr);
	if (!cap || !(cap->flags & IOR_CAP_TRACE))
		return 0;
	if (cap->flags & IOR_CAP_PAIR) {
		/* the enter passed the filters when it was stored: no need to ask them again */
		struct ior_inflight *st = bpf_task_storage_get(&inflight, bpf_get_current_task_btf(), 0, 0);

		if (st && st->live)
			return exit_pair(st, pid_tgid, nr, ret);
	}
	if (cap->str_arg[0]) {
		/* take the mark before filtering, so an untraced exit cannot leave it behind */
		__u32 tid = (__u32)pid_tgid;
		if (bpf_map_lookup_elem(&str_retry, &tid)) {
			bpf_map_delete_elem(&str_retry, &tid);
			retry = 1;
		}
	}
	if (!task_traced(pid))
		return 0;
	if (!retry && !(cap->out_arg && ret >= 0)) {
		/* nothing to copy: written in place, as enter_in_place does */
		exit_in_place(pid_tgid, nr, ret);
		return 0;
	}
	r = scratch_get(1);
	if (!r)
		return 0;

	put_sys_hdr(&r->h, pid_tgid, IOR_SYS_EXIT, nr);
	r->ret = ret;
	/* Results written to user memory (pipe fds, peer address) exist only now;
	 * the argument registers still hold the caller's pointers at exit. */
	if (cap->out_arg && ret >= 0) {
		__u32 len = cap->out_len;
		if (cap->out_len_arg) {
			int want = 0;
			__u64 lp = arg_of(regs, cap->out_len_arg - 1);
			if (lp && !bpf_probe_read_user(&want, sizeof(want), (const void *)lp) &&
			    want >= 0 && (__u32)want < len)
				len = want;
		}
		__u64 up = arg_of(regs, cap->out_arg - 1);
		if (up)
			put_buf((__u8 *)r, &off, cap->out_arg - 1, up, len);
	}
	if (retry) {
		put_str((__u8 *)r, &off, cap->str_arg[0] - 1, arg_of(regs, cap->str_arg[0] - 1), 1);
		if (cap->str_arg[1])
			put_str((__u8 *)r, &off, cap->str_arg[1] - 1, arg_of(regs, cap->str_arg[1] - 1), 1);
	}
	emit(r, off, IOR_STAT_DROP_EXIT);
	return 0;
}

/* Lifecycle records are small and fixed: reserve them in place. */

SEC("tp_btf/sched_process_fork")
int BPF_PROG(ior_proc_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ppid = BPF_CORE_READ(parent, tgid);
	__u32 cpid = BPF_CORE_READ(child, tgid);
	struct ior_proc_fork *r;

	if (ppid == self_pid)
		return 0;
	if (filter_pids) {
		if (!bpf_map_lookup_elem(&traced_pids, &ppid))
			return 0;
		if (cpid != ppid) {	/* follow descendants */
			__u8 one = 1;
			bpf_map_update_elem(&traced_pids, &cpid, &one, BPF_ANY);
		}
	}
	if (filter_comm && !comm_matches())
		return 0;

	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		count(IOR_STAT_DROP_PROC);
		return 0;
	}
	r->h.ts = ior_now();
	r->h.tid = BPF_CORE_READ(parent, pid);
	r->h.type = IOR_PROC_FORK;
	r->h.nr = 0;
	r->parent_pid = ppid;
	r->child_pid = cpid;
	r->child_tid = BPF_CORE_READ(child, pid);
	r->flags = (cpid == ppid ? IOR_FORK_THREAD : 0) |
		   (BPF_CORE_READ(child, files) == BPF_CORE_READ(parent, files) ? IOR_FORK_SHARES_FILES : 0);
	__builtin_memset(r->comm, 0, sizeof(r->comm));
	BPF_CORE_READ_STR_INTO(&r->comm, child, comm);
	bpf_ringbuf_submit(r, submit_flags());
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(ior_proc_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 pid = BPF_CORE_READ(p, tgid);
	struct ior_proc_exec *r;
	__u32 slot = 2;

	if (!task_traced(pid))
		return 0;
	r = bpf_map_lookup_elem(&scratch, &slot);
	if (!r)
		return 0;
	r->h.ts = ior_now();
	r->h.tid = BPF_CORE_READ(p, pid);
	r->h.type = IOR_PROC_EXEC;
	r->h.nr = 0;
	r->pid = pid;
	r->old_tid = old_pid;
	r->reserved = 0;
	__builtin_memset(r->comm, 0, sizeof(r->comm));
	BPF_CORE_READ_STR_INTO(&r->comm, p, comm);

	__u8 *buf = (__u8 *)r;
	long n = bpf_probe_read_kernel_str(buf + sizeof(*r), IOR_STR_MAX, BPF_CORE_READ(bprm, filename));
	if (n < 0)
		n = 0;
	r->filename_len = n;

	/* argv as laid out at the top of the new stack, NUL-separated */
	__u64 start = BPF_CORE_READ(p, mm, arg_start);
	__u64 end = BPF_CORE_READ(p, mm, arg_end);
	__u32 alen = end > start ? end - start : 0;
	if (alen > IOR_ARGV_MAX)
		alen = IOR_ARGV_MAX;
	__u32 aoff = (sizeof(*r) + n) & (IOR_SCRATCH / 2 - 1);
	asm volatile("" : "+r"(alen));
	alen &= 2 * IOR_ARGV_MAX - 1;
	if (alen && bpf_probe_read_user(buf + aoff, alen, (const void *)start))
		alen = 0;
	r->argv_len = alen;
	for (int i = 0; i < 7; i++)	/* zero the pad to 8 after argv */
		buf[(aoff + alen + i) & (IOR_SCRATCH - 1)] = 0;
	emit(r, aoff + alen, IOR_STAT_DROP_PROC);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(ior_proc_exit, struct task_struct *p)
{
	__u32 pid = BPF_CORE_READ(p, tgid);
	struct ior_proc_exit *r;
	int group_dead = BPF_CORE_READ(p, signal, live.counter) == 0;

	if (!task_traced(pid))
		return 0;
	if (group_dead && filter_pids)
		bpf_map_delete_elem(&traced_pids, &pid);

	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		count(IOR_STAT_DROP_PROC);
		return 0;
	}
	r->h.ts = ior_now();
	r->h.tid = BPF_CORE_READ(p, pid);
	r->h.type = IOR_PROC_EXIT;
	r->h.nr = 0;
	r->pid = pid;
	r->exit_code = BPF_CORE_READ(p, exit_code);
	r->flags = group_dead ? IOR_EXIT_GROUP_DEAD : 0;
	r->reserved = 0;
	bpf_ringbuf_submit(r, submit_flags());
	return 0;
}

SEC("tp_btf/task_rename")
int BPF_PROG(ior_task_rename, struct task_struct *task, const char *comm)
{
	__u32 pid = BPF_CORE_READ(task, tgid);
	struct ior_task_rename *r;

	if (!task_traced(pid))
		return 0;
	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		count(IOR_STAT_DROP_PROC);
		return 0;
	}
	r->h.ts = ior_now();
	r->h.tid = BPF_CORE_READ(task, pid);
	r->h.type = IOR_TASK_RENAME;
	r->h.nr = 0;
	r->pid = pid;
	r->reserved = 0;
	__builtin_memset(r->comm, 0, sizeof(r->comm));
	bpf_probe_read_kernel_str(&r->comm, sizeof(r->comm), comm);
	bpf_ringbuf_submit(r, submit_flags());
	return 0;
}

/*
 * Run once by the recorder after it detaches the programs above: calls still in flight (their
 * enter stored, no exit yet) are written as ior_sys_enter records, so the trace shows them as
 * calls without a return, as it would had they been written at enter.
 */
SEC("iter/task")
int ior_dump_inflight(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	struct ior_inflight *st;

	if (!task)
		return 0;
	st = bpf_task_storage_get(&inflight, task, 0, 0);
	if (!st || !st->live)
		return 0;
	st->live = 0;
	enter_from_storage(st, task->pid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

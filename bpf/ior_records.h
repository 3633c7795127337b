/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ior_records.h: the one place that defines what the BPF programs write into
 * the ring buffer, and the capture table the recorder fills before load.
 * Java reads these layouts at constant offsets (ior.format.Records); the test
 * RecordLayoutTest compiles this header and checks every offset against Java.
 *
 * Everything is little endian, naturally aligned, and every record is a
 * multiple of 8 bytes. In the ring buffer (and so in the trace file) each
 * record is preceded by the kernel's 8-byte header {u32 len|BUSY|DISCARD,
 * u32 pg_off}; len is the record's exact size.
 *
 *   every record starts with            ior_hdr (16 bytes)
 *   +--------+--------+--------+--------+--------+--------+--------+--------+
 *   |                        ts (boot-clock ns)                             |
 *   +--------+--------+--------+--------+--------+--------+--------+--------+
 *   |              tid                  |      type       |       nr        |
 *   +--------+--------+--------+--------+--------+--------+--------+--------+
 *
 * Syscall records carry only the bytes a syscall needs: nargs raw args (from
 * the capture table), then "items": user memory copied at enter or at exit.
 *
 *   item: { u8 kind; u8 arg; u16 len; u8 bytes[len] } padded to 4 bytes;
 *   kind IOR_ITEM_STR is a NUL-terminated string (len counts the NUL),
 *   kind IOR_ITEM_BUF a struct copied verbatim (sockaddr, open_how, ...).
 */
#ifndef IOR_RECORDS_H
#define IOR_RECORDS_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define IOR_FORMAT_RECORDS 2	/* bump when a layout below changes (2: IOR_SYS_CALL) */

/* record types (ior_hdr.type) */
#define IOR_SYS_ENTER	1
#define IOR_SYS_EXIT	2
#define IOR_PROC_FORK	3
#define IOR_PROC_EXEC	4
#define IOR_PROC_EXIT	5
#define IOR_TASK_RENAME	6
#define IOR_SYS_CALL	7	/* a whole call (enter and exit) paired in the kernel */

#define IOR_MAX_SYSCALLS 512	/* capture table size; x86_64 numbers are below it */
#define IOR_STR_MAX	4096	/* longest user string copied (PATH_MAX) */
#define IOR_BUF_MAX	128	/* longest user struct copied (sockaddr_storage) */
#define IOR_ARGV_MAX	512	/* bytes of argv kept per exec */
#define IOR_COMM_LEN	16
#define IOR_SCRATCH	16384	/* per-CPU staging buffer for one record */

/* item kinds */
#define IOR_ITEM_STR	1
#define IOR_ITEM_BUF	2

/* ior_sys_enter.flags */
#define IOR_F_STR_TRUNC	0x01	/* a string filled IOR_STR_MAX and was cut */
#define IOR_F_READ_FAIL	0x02	/* a user read failed; its item is missing */
#define IOR_F_COMPAT	0x04	/* ia32 syscall: nr is from the 32-bit table */

/* ior_proc_fork.flags */
#define IOR_FORK_THREAD		0x01	/* child joins the parent's thread group */
#define IOR_FORK_SHARES_FILES	0x02	/* child shares the fd table (CLONE_FILES) */

/* ior_proc_exit.flags */
#define IOR_EXIT_GROUP_DEAD	0x01	/* last thread of the process */

/* capture table flags */
#define IOR_CAP_TRACE	0x01	/* record this syscall */
#define IOR_CAP_KEEP	0x02	/* changes fd state: recorded whatever --syscalls says */
#define IOR_CAP_PAIR	0x04	/* copies no user memory and returns: one IOR_SYS_CALL record per call */

/* per-CPU counters (stats map index) */
#define IOR_STAT_DROP_ENTER	0	/* enter records the ring buffer had no room for */
#define IOR_STAT_DROP_EXIT	1	/* exit records dropped */
#define IOR_STAT_DROP_PROC	2	/* lifecycle records dropped */
#define IOR_STAT_READ_FAIL	3	/* failed user-memory reads (item missing) */
#define IOR_STAT_DROP_CALL	4	/* whole-call records (IOR_SYS_CALL) dropped: enter and exit lost */
#define IOR_STAT_COUNT		5

struct ior_hdr {
	__u64 ts;	/* ior_now(): CLOCK_BOOTTIME ns, unless the host suspends mid-recording */
	__u32 tid;	/* thread that ran the event (fork: the parent) */
	__u16 type;	/* IOR_SYS_ENTER ... */
	__u16 nr;	/* syscall number; 0 for lifecycle records */
};

struct ior_sys_enter {
	struct ior_hdr h;
	__u32 pid;	/* thread group id */
	__u8 nargs;
	__u8 flags;	/* IOR_F_* */
	__u16 items_len;	/* bytes of items after args */
	__u64 args[];	/* nargs raw args, then items */
};

struct ior_sys_exit {
	struct ior_hdr h;
	__s64 ret;
	/* then items copied at exit: results (pipe fds, accepted address ...),
	 * and strings the enter could not read (retried once the kernel faulted
	 * the page in; they complete the enter's items of the same arg) */
};

/*
 * A call of an IOR_CAP_PAIR syscall: its enter is kept in per-task storage and written with its
 * exit as one record, 40 + 8 * nargs bytes on disk instead of two records of 64 + 8 * nargs.
 * h.ts is the enter time. A call that takes 2^32 ns or more, or enters through the ia32 entry,
 * is written as an ior_sys_enter and an ior_sys_exit instead; so is one still in flight when the
 * recording stops (its enter alone, from a task iterator).
 */
struct ior_sys_call {
	struct ior_hdr h;
	__u32 pid;	/* thread group id (at the offset of ior_sys_enter.pid) */
	__u32 latency;	/* exit - enter, ns */
	__s64 ret;
	__u64 args[];	/* (record length - 32) / 8 raw args */
};

struct ior_proc_fork {
	struct ior_hdr h;	/* tid: the parent thread */
	__u32 parent_pid;
	__u32 child_pid;
	__u32 child_tid;
	__u32 flags;		/* IOR_FORK_* */
	char comm[IOR_COMM_LEN];	/* the child's */
};

struct ior_proc_exec {
	struct ior_hdr h;	/* tid: the thread after exec (== pid) */
	__u32 pid;
	__u32 old_tid;		/* thread that called execve */
	__u16 filename_len;	/* incl. NUL */
	__u16 argv_len;		/* NUL-separated argv, possibly cut */
	__u32 reserved;
	char comm[IOR_COMM_LEN];
	/* then filename, then argv, padded to 8 */
};

struct ior_proc_exit {
	struct ior_hdr h;
	__u32 pid;
	__s32 exit_code;	/* task->exit_code: status << 8 | signal */
	__u32 flags;		/* IOR_EXIT_* */
	__u32 reserved;
};

struct ior_task_rename {
	struct ior_hdr h;	/* tid: the renamed thread */
	__u32 pid;
	__u32 reserved;
	char comm[IOR_COMM_LEN];	/* the new name */
};

/* Settings the recorder writes into .rodata before load (the only .rodata object). */
struct ior_settings {
	__u32 self_pid;		/* the recorder: never traced */
	__u8 filter_pids;	/* only pids in traced_pids (grown on fork) */
	__u8 filter_comm;	/* only tasks whose comm equals target_comm */
	__u16 reserved;
	char target_comm[IOR_COMM_LEN];
	__u64 wakeup_bytes;	/* wake the reader only past this backlog; 0 = every record */
	__s64 clock_offset;	/* CLOCK_BOOTTIME - CLOCK_MONOTONIC at start: see ior_now() */
};

/* One entry per syscall number, filled by the recorder from the syscall table. */
struct ior_capture {
	__u8 nargs;		/* raw args recorded at enter (0..6) */
	__u8 flags;		/* IOR_CAP_* */
	__u8 str_arg[2];	/* user strings read at enter: 1 + arg index; 0 = none */
	__u8 in_arg;		/* user struct read at enter: 1 + arg index; 0 = none */
	__u8 in_len_arg;	/* 1 + arg index whose value is its length (capped at in_len); 0 = in_len fixed */
	__u16 in_len;
	__u8 out_arg;		/* user struct read at exit when ret >= 0: 1 + arg index; 0 = none */
	__u8 out_len_arg;	/* 1 + arg index pointing at an int holding its length (capped at out_len); 0 = fixed */
	__u16 out_len;
	__u32 reserved;
};

#ifdef __bpf__
_Static_assert(sizeof(struct ior_hdr) == 16, "ior_hdr");
_Static_assert(sizeof(struct ior_sys_enter) == 24, "ior_sys_enter");
_Static_assert(sizeof(struct ior_sys_exit) == 24, "ior_sys_exit");
_Static_assert(sizeof(struct ior_sys_call) == 32, "ior_sys_call");
_Static_assert(sizeof(struct ior_proc_fork) == 48, "ior_proc_fork");
_Static_assert(sizeof(struct ior_proc_exec) == 48, "ior_proc_exec");
_Static_assert(sizeof(struct ior_proc_exit) == 32, "ior_proc_exit");
_Static_assert(sizeof(struct ior_task_rename) == 40, "ior_task_rename");
_Static_assert(sizeof(struct ior_capture) == 16, "ior_capture");
_Static_assert(sizeof(struct ior_settings) == 40, "ior_settings");
#endif

#endif /* IOR_RECORDS_H */

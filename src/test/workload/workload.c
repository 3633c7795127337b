/* SPDX-License-Identifier: GPL-2.0 */
/*
 * workload.c: the program the ior integration tests record.
 *
 * THIS COMMENT IS THE CONTRACT the integration tests assert on: the exact
 * syscalls each scenario makes, with their arguments and expected results.
 * Change the code and this comment together.
 *
 * Build (x86_64 Linux, glibc >= 2.34; -pthread is accepted but not needed):
 *   gcc -O1 -Wall -Wextra -o workload workload.c
 *
 * Usage:
 *   workload scenarios DIR [NAME...]  run the named scenarios (all when none)
 *                                     inside the existing, empty directory DIR;
 *                                     prints "done <pid>" on stdout at the end
 *   workload patterns DIR             the I/O, error, fd, signal and memory shapes
 *                                     the canned queries look for (see "patterns"
 *                                     below), in the existing, empty directory DIR;
 *                                     prints "done <pid>"
 *   workload getppid N                N getppid() calls; prints "calls N"
 *   workload spin N                   N getppid() calls in a tight loop;
 *                                     prints exactly "calls N" (drop counting)
 *   workload open N PATH              N openat(AT_FDCWD, PATH, O_RDONLY) + close
 *                                     pairs; prints "calls 2N"
 *   workload children K               fork K children; each makes 100 getppid()
 *                                     calls and exits with status 3; the parent
 *                                     waits for all (in fork order), prints
 *                                     "child <pid>" per child, exits 0
 *   workload exitcode N               exit(N) at once (N in 0..255)
 * Exit status: 0 success, 1 a call returned something unexpected (a message
 * "workload: scenario NAME: ..." goes to stderr), 2 usage error.
 *
 * ---------------------------------------------------------------------------
 * Conventions
 * ---------------------------------------------------------------------------
 * - Names are the x86_64 kernel syscall names (the recorded nr). Every call
 *   listed below is made with syscall(2) directly, so glibc does not swap it
 *   for another one (open stays open, not openat; stat stays stat, ...).
 *   Exceptions, all marked below: fork() (glibc -> clone), pthread_create /
 *   pthread_join (glibc internals, clone3), stdio output (write).
 * - DIR is the directory argument exactly as given, minus trailing '/'s.
 *   "DIR/x" is the string DIR + "/x". Paths shown in quotes are literal.
 * - "= fd" is a new descriptor: the lowest free number (3 when the process
 *   starts with only 0-2 open; every scenario closes what it opens, except
 *   where noted, so each scenario starts again with 3 free).
 * - "= -1 EXXX" means the kernel returned -EXXX.
 * - Flag values are x86_64: O_WRONLY 0x1, O_RDWR 0x2, O_CREAT 0x40,
 *   O_TRUNC 0x200, O_APPEND 0x400, O_NONBLOCK 0x800, O_DIRECTORY 0x10000,
 *   O_CLOEXEC 0x80000, AT_FDCWD -100. Modes are octal.
 * - Scenario boundaries: before each scenario the program calls
 *     faccessat(AT_FDCWD, "/ior-marker/NAME", F_OK) = -1 ENOENT
 *   (the kernel faccessat has 3 args: dirfd, path, mode=0). After the last
 *   selected scenario it calls faccessat(AT_FDCWD, "/ior-marker/end", F_OK)
 *   = -1 ENOENT, then prints "done <pid>" (getpid, fstat/newfstatat of
 *   stdout by stdio, write) and exits (exit_group(0)). Everything before the
 *   first marker (dynamic loader, a stat of DIR) is not part of the contract.
 * - A scenario makes exactly the calls listed between its marker and the
 *   next one, in this order, all from the main thread -- except `fork`
 *   (child process), `thread` (second thread plus glibc thread plumbing) and
 *   `io_uring` (a warning write when skipped); see there.
 * - Scenarios always run in the order below. Naming a scenario whose
 *   prerequisites (files made by an earlier scenario) are not named adds them:
 *     close, dup, stat, errors need open; link needs rename;
 *     truncate needs fsync; mmap needs rw.
 *   DIR must be empty (a rerun in the same DIR fails, e.g. mkdir = EEXIST).
 *
 * ---------------------------------------------------------------------------
 * Scenarios
 * ---------------------------------------------------------------------------
 * open
 *   open(DIR/a.txt, O_WRONLY|O_CREAT|O_TRUNC (0x241), 0644)      = fd
 *   close(fd)                                                   = 0
 *   creat(DIR/b.txt, 0600)                                      = fd
 *   close(fd)                                                   = 0
 *   open(DIR, O_RDONLY|O_DIRECTORY (0x10000))                   = dfd
 *   openat(dfd, "c.txt", O_RDWR|O_CREAT (0x42), 0640)           = fd (dfd+1)
 *   close(fd)                                                   = 0
 *   close(dfd)                                                  = 0
 *   openat2(AT_FDCWD, DIR/a.txt, {flags=O_RDONLY, mode=0,
 *           resolve=RESOLVE_NO_SYMLINKS (0x4)}, 24)             = fd
 *   close(fd)                                                   = 0
 *   open(DIR/missing.txt, O_RDONLY)                             = -1 ENOENT
 *
 * rw    (data: bytes 'A'..'Z' repeating, byte i = 'A' + i % 26)
 *   open(DIR/data.bin, O_RDWR|O_CREAT|O_TRUNC (0x242), 0644)     = fd
 *   write(fd, data, 4096)                                       = 4096
 *   pwrite64(fd, data, 100, 8192)                               = 100
 *   lseek(fd, 0, SEEK_SET)                                      = 0
 *   read(fd, buf, 4096)                                         = 4096
 *   pread64(fd, buf, 100, 8192)                                 = 100
 *   writev(fd, [{data,10}, {data,20}, {data,30}], 3)            = 60
 *     (at file offset 4096; file is now 8292 bytes)
 *   lseek(fd, 0, SEEK_SET)                                      = 0
 *   readv(fd, [{buf,16}, {buf+16,16}], 2)                       = 32
 *   close(fd)                                                   = 0
 *
 * close
 *   open(DIR/a.txt, O_RDONLY)                                   = fd1
 *   open(DIR/a.txt, O_RDONLY)                                   = fd2 (fd1+1)
 *   open(DIR/a.txt, O_RDONLY)                                   = fd3 (fd1+2)
 *   close_range(fd1, fd3, 0)                                    = 0
 *   open(DIR/a.txt, O_RDONLY)                                   = fd (== fd1)
 *   close_range(fd, fd, CLOSE_RANGE_CLOEXEC (0x4))              = 0
 *   close(fd)                                                   = 0
 *   close(fd)                                                   = -1 EBADF
 *
 * dup
 *   open(DIR/a.txt, O_RDONLY)                                   = fd
 *   dup(fd)                                                     = d1 (fd+1)
 *   dup2(fd, 100)                                               = 100
 *   dup3(fd, 101, O_CLOEXEC (0x80000))                          = 101
 *   fcntl(fd, F_DUPFD (0), 200)                                 = 200
 *   fcntl(fd, F_DUPFD_CLOEXEC (1030), 300)                      = 300
 *   fcntl(fd, F_SETFD (2), FD_CLOEXEC (1))                      = 0
 *   fcntl(fd, F_SETFL (4), O_NONBLOCK|O_APPEND (0xc00))         = 0
 *   fcntl(fd, F_GETFL (3))                                      = 0x8c00
 *     (O_LARGEFILE|O_NONBLOCK|O_APPEND|O_RDONLY; the kernel adds O_LARGEFILE)
 *   open(DIR/b.txt, O_RDONLY)                                   = fd2 (fd+2)
 *   dup2(fd, fd2)                                               = fd2
 *     (fd2 was open: dup2 closes it implicitly)
 *   close(fd2), close(300), close(200), close(101), close(100),
 *   close(d1), close(fd)                                        = 0 each
 *
 * rename
 *   open(DIR/r1, O_WRONLY|O_CREAT|O_TRUNC (0x241), 0644)         = fd
 *   close(fd)                                                   = 0
 *   rename(DIR/r1, DIR/r2)                                      = 0
 *   renameat(AT_FDCWD, DIR/r2, AT_FDCWD, DIR/r3)                = 0
 *   renameat2(AT_FDCWD, DIR/r3, AT_FDCWD, DIR/r4,
 *             RENAME_NOREPLACE (1))                             = 0
 *   rename(DIR/missing, DIR/r5)                                 = -1 ENOENT
 *
 * link  (leaves DIR/l2 and DIR/s2 in place)
 *   link(DIR/r4, DIR/l1)                                        = 0
 *   symlink("r4", DIR/s1)                                       = 0
 *   readlink(DIR/s1, buf, 4096)                                 = 2 ("r4")
 *   linkat(AT_FDCWD, DIR/r4, AT_FDCWD, DIR/l2, 0)               = 0
 *   symlinkat("r4", AT_FDCWD, DIR/s2)                           = 0
 *   unlink(DIR/l1)                                              = 0
 *   unlinkat(AT_FDCWD, DIR/s1, 0)                               = 0
 *   unlink(DIR/missing)                                         = -1 ENOENT
 *
 * dir
 *   mkdir(DIR/sub, 0755)                                        = 0
 *   mkdirat(AT_FDCWD, DIR/sub2, 0755)                           = 0
 *   open(DIR/sub/f1, O_WRONLY|O_CREAT|O_TRUNC (0x241), 0644)     = fd
 *   close(fd)                                                   = 0
 *     (the same open+close for DIR/sub/f2, then DIR/sub/f3)
 *   open(DIR/sub, O_RDONLY|O_DIRECTORY (0x10000))               = fd
 *   getdents64(fd, buf, 4096)                                   = n > 0
 *     (5 entries: ".", "..", "f1", "f2", "f3", in any order)
 *   getdents64(fd, buf, 4096)                                   = 0
 *   close(fd)                                                   = 0
 *   rmdir(DIR/sub)                                              = -1 ENOTEMPTY
 *   rmdir(DIR/sub2)                                             = 0
 *
 * stat  (DIR/a.txt is an empty regular file)
 *   stat(DIR/a.txt, &st)                                        = 0
 *   lstat(DIR/a.txt, &st)                                       = 0
 *   open(DIR/a.txt, O_RDONLY)                                   = fd
 *   fstat(fd, &st)                                              = 0
 *   close(fd)                                                   = 0
 *   newfstatat(AT_FDCWD, DIR/a.txt, &st, 0)                     = 0
 *   statx(AT_FDCWD, DIR/a.txt, 0, STATX_BASIC_STATS (0x7ff), &stx) = 0
 *   access(DIR/a.txt, R_OK (4))                                 = 0
 *   stat(DIR/missing, &st)                                      = -1 ENOENT
 *
 * fsync
 *   open(DIR/f.bin, O_WRONLY|O_CREAT|O_TRUNC (0x241), 0644)      = fd
 *   write(fd, data, 1000)                                       = 1000
 *   fsync(fd)                                                   = 0
 *   fdatasync(fd)                                               = 0
 *   sync_file_range(fd, 0, 1000, SYNC_FILE_RANGE_WRITE (2))     = 0
 *   close(fd)                                                   = 0
 *
 * truncate
 *   truncate(DIR/f.bin, 10)                                     = 0
 *   open(DIR/f.bin, O_WRONLY)                                   = fd
 *   ftruncate(fd, 5)                                            = 0
 *   close(fd)                                                   = 0
 *
 * pipe
 *   pipe([p0, p1])                                              = 0
 *   write(p1, "hello", 5)                                       = 5
 *   read(p0, buf, 5)                                            = 5
 *   pipe2([q0, q1], O_CLOEXEC|O_NONBLOCK (0x80800))             = 0
 *   read(q0, buf, 5)                                            = -1 EAGAIN
 *   close(p0), close(p1), close(q0), close(q1)                  = 0 each
 *
 * socket  (addresses are 127.0.0.1; PORT is the kernel-chosen port)
 *   socket(AF_INET, SOCK_STREAM, 0)                             = srv
 *   setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, [1], 4)           = 0
 *   bind(srv, {AF_INET, 127.0.0.1:0}, 16)                       = 0
 *   listen(srv, 4)                                              = 0
 *   getsockname(srv, &addr, [16])                               = 0 (-> PORT)
 *   socket(AF_INET, SOCK_STREAM, 0)                             = cli
 *   connect(cli, {AF_INET, 127.0.0.1:PORT}, 16)                 = 0
 *   accept4(srv, &addr, [16], SOCK_CLOEXEC (0x80000))           = acc
 *   sendto(cli, "hello world", 11, 0, NULL, 0)                  = 11
 *   recvfrom(acc, buf, 11, MSG_WAITALL (0x100), NULL, NULL)     = 11
 *   shutdown(cli, SHUT_RDWR (2))                                = 0
 *   close(acc), close(cli), close(srv)                          = 0 each
 *   socketpair(AF_UNIX, SOCK_STREAM, 0, [u0, u1])               = 0
 *   sendto(u0, "abc", 3, 0, NULL, 0)                            = 3
 *   recvfrom(u1, buf, 3, MSG_WAITALL (0x100), NULL, NULL)       = 3
 *   close(u0), close(u1)                                        = 0 each
 *   socket(AF_INET, SOCK_DGRAM, 0)                              = udp
 *   sendto(udp, "ping", 4, 0, {AF_INET, 127.0.0.1:9}, 16)       = 4
 *   close(udp)                                                  = 0
 *   socket(AF_INET, SOCK_STREAM, 0)                             = s
 *   connect(s, {AF_INET, 127.0.0.1:1}, 16)                      = -1 ECONNREFUSED
 *   close(s)                                                    = 0
 *   socket(AF_UNIX, SOCK_STREAM, 0)                             = s
 *   bind(s, {AF_UNIX, DIR/sock}, 2 + strlen(DIR/sock) + 1)      = 0
 *   close(s)                                                    = 0  (DIR/sock stays)
 *
 * epoll
 *   epoll_create1(0)                                            = ep
 *   pipe([p0, p1])                                              = 0
 *   epoll_ctl(ep, EPOLL_CTL_ADD (1), p0, {EPOLLIN, u64=42})     = 0
 *   write(p1, "x", 1)                                           = 1
 *   epoll_wait(ep, evs, 4, 1000)                                = 1
 *     (evs[0] = {EPOLLIN, u64=42})
 *   epoll_ctl(ep, EPOLL_CTL_DEL (2), p0, NULL)                  = 0
 *   close(p0), close(p1), close(ep)                             = 0 each
 *
 * eventfd
 *   eventfd2(0, EFD_CLOEXEC (0x80000))                          = fd
 *   write(fd, [1 as u64], 8)                                    = 8
 *   read(fd, buf, 8)                                            = 8 (value 1)
 *   close(fd)                                                   = 0
 *   timerfd_create(CLOCK_MONOTONIC (1), 0)                      = fd
 *   timerfd_settime(fd, 0, {interval 0, value 1 ms}, NULL)      = 0
 *   read(fd, buf, 8)                                            = 8 (1 expiry)
 *   close(fd)                                                   = 0
 *   signalfd4(-1, [SIGUSR1] (mask 0x200), 8, 0)                 = fd
 *   close(fd)                                                   = 0
 *   memfd_create("ior-memfd", 0)                                = fd
 *   write(fd, data, 10)                                         = 10
 *   close(fd)                                                   = 0
 *   inotify_init1(0)                                            = fd
 *   inotify_add_watch(fd, DIR, IN_CREATE (0x100))               = 1
 *   close(fd)                                                   = 0
 *
 * timers
 *   nanosleep({0 s, 1000000 ns}, NULL)                          = 0
 *   clock_nanosleep(CLOCK_MONOTONIC (1), 0, {0 s, 2000000 ns}, NULL) = 0
 *   clock_gettime(CLOCK_MONOTONIC (1), &ts)                     = 0
 *     (a real syscall, not the vDSO)
 *   getitimer(ITIMER_REAL (0), &it)                             = 0
 *   alarm(0)                                                    = 0
 *
 * aio
 *   io_setup(8, &ctx)                                           = 0
 *   open(DIR/aio.bin, O_RDWR|O_CREAT (0x42), 0644)              = fd
 *   io_submit(ctx, 1, [{IOCB_CMD_PWRITE, fd, buf, 512, offset 0}]) = 1
 *   io_getevents(ctx, 1, 1, evs, NULL)                          = 1 (res 512)
 *   io_destroy(ctx)                                             = 0
 *   close(fd)                                                   = 0
 *
 * io_uring
 *   io_uring_setup(4, &params (zeroed))                         = fd
 *   close(fd)                                                   = 0
 *   If io_uring_setup fails with ENOSYS or EPERM (not built, or disabled by
 *   sysctl kernel.io_uring_disabled), the scenario instead makes
 *   write(2, "skip io_uring: EPERM\n", 21)  (or "...ENOSYS\n", 22) and goes on.
 *
 * fork  (the child is a new process; its calls carry the child's pid)
 *   parent: clone(flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD,
 *           ...) = child pid   (glibc fork(); not the fork syscall)
 *   child:  set_robust_list(...)      (glibc fork, not asserted)
 *           getppid()                                           = parent pid
 *           open(DIR/child.txt, O_WRONLY|O_CREAT (0x41), 0644)  = fd
 *           write(fd, "abc", 3)                                 = 3
 *           close(fd)                                           = 0
 *           execve("/bin/true", ["true"], envp)                 = 0
 *           (then /bin/true's own loader calls, exit_group(0))
 *   parent: wait4(child pid, &status, 0, NULL)                  = child pid
 *           (status: exited, code 0)
 *
 * thread
 *   main: pthread_create = glibc plumbing, not asserted; seen with glibc
 *         2.36: rt_sigaction(SIGRT_1), rt_sigprocmask, mmap(8 MiB + guard,
 *         PROT_NONE, MAP_STACK), mprotect, getrandom + brk (first malloc),
 *         rt_sigprocmask, clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|
 *         CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|
 *         CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, ...}) = tid,
 *         rt_sigprocmask; then pthread_join: futex(FUTEX_WAIT...) or nothing.
 *   new thread (tid != pid), after glibc's own rseq/set_robust_list/
 *   rt_sigprocmask:
 *         prctl(PR_SET_NAME (15), "ior-worker")                 = 0
 *         open(DIR/thread.txt, O_WRONLY|O_CREAT|O_TRUNC (0x241), 0644) = fd
 *         close(fd)                                             = 0
 *         (then glibc thread exit: rt_sigprocmask, madvise, exit(0))
 *
 * errors
 *   read(-1, buf, 1)                                            = -1 EBADF
 *   open(DIR/a.txt, O_RDONLY|O_DIRECTORY (0x10000))             = -1 ENOTDIR
 *   mkdir(DIR, 0755)                                            = -1 EEXIST
 *
 * mmap
 *   mmap(NULL, 1048576, PROT_READ|PROT_WRITE (3),
 *        MAP_PRIVATE|MAP_ANONYMOUS (0x22), -1, 0)               = addr
 *   munmap(addr, 1048576)                                       = 0
 *   open(DIR/data.bin, O_RDONLY)                                = fd
 *   mmap(NULL, 4096, PROT_READ (1), MAP_PRIVATE (2), fd, 0)     = addr
 *   munmap(addr, 4096)                                          = 0
 *   close(fd)                                                   = 0
 *   brk(NULL)                                                   = current break (> 0)
 *
 * ---------------------------------------------------------------------------
 * patterns DIR  (not a scenario: a command of its own, so adding to it never
 * changes what `scenarios` makes; tests of the canned queries assert on it)
 * ---------------------------------------------------------------------------
 *   faccessat(AT_FDCWD, "/ior-marker/patterns", F_OK)           = -1 ENOENT
 *   seq:      open(DIR/seq.bin, O_RDWR|O_CREAT|O_TRUNC, 0644)    = fd
 *             64 x write(fd, data, 4096)                        = 4096 (offsets 0..)
 *             lseek(fd, 0, SEEK_SET)                            = 0
 *             64 x read(fd, buf, 4096)                          = 4096 (sequential)
 *             read(fd, buf, 4096)                               = 0 (EOF)
 *             close(fd)
 *   random:   open(DIR/seq.bin, O_RDONLY)                       = fd
 *             for i in 0..31: pread64(fd, buf, 4096, ((i*37)%64)*4096) = 4096
 *             for i in 0..15: lseek(fd, ((i*23+5)%64)*4096, SEEK_SET),
 *                             read(fd, buf, 4096)               = 4096
 *             close(fd)
 *             (reads of seq.bin: 112 moving bytes, 65 sequential, 47 random)
 *   small:    open(DIR/small.log, O_WRONLY|O_CREAT|O_TRUNC|O_APPEND, 0644) = fd
 *             200 x write(fd, data, 16) = 16, with fdatasync(fd) = 0 after
 *             every 40th write (5 fdatasync); then 3 x fsync(fd) = 0; close(fd)
 *   stat:     100 x stat(DIR/seq.bin)                           = 0
 *   errors:   150 x open(DIR/nope.conf, O_RDONLY)               = -1 ENOENT
 *             50 x faccessat(AT_FDCWD, DIR/seq.bin, X_OK)       = -1 EACCES
 *             (no execute bit: EACCES for root too)
 *   dir:      mkdir(DIR/tree, 0755); 50 x open+close DIR/tree/f00..f49
 *             3 scans: open(DIR/tree, O_RDONLY|O_DIRECTORY) = fd,
 *             getdents64(fd, buf, 1024) until it returns 0 (52 entries of 24
 *             bytes = 1248 bytes per scan), close(fd)
 *   leak:     open(DIR/leak0..leak4, O_WRONLY|O_CREAT, 0644)    = 5 fds, never
 *             closed (released when the process exits)
 *   sleep:    3 x nanosleep(2 ms) = 0; 3 x poll(NULL, 0, 5) = 0 (timeouts);
 *             epoll_create1(0) = ep, 2 x epoll_wait(ep, evs, 4, 3) = 0, close(ep)
 *   signals:  rt_sigaction(SIGUSR1) and rt_sigaction(SIGALRM), SA_RESTART
 *             handlers (glibc sigaction); 3 x kill(getpid(), SIGUSR1) = 0 (each
 *             followed by the handler's rt_sigreturn); fork() a child that
 *             loops on pause(); kill(child, SIGTERM) = 0; wait4(child) = child
 *             (killed by SIGTERM)
 *   restart:  pipe([p0, p1]); a thread "ior-late" sleeps 200 ms
 *             (nanosleep) then write(p1, "x", 1); the main thread arms
 *             setitimer(ITIMER_REAL, 20 ms) and calls read(p0, buf, 1): the
 *             SIGALRM interrupts it (= -512 ERESTARTSYS, restarted), then the
 *             restarted read returns 1; close(p0), close(p1)
 *   socket:   TCP on 127.0.0.1, kernel-chosen PORT: srv = socket, bind, listen,
 *             getsockname; cli = socket, connect(cli, PORT); acc = accept4(srv,
 *             &peer, ..., SOCK_CLOEXEC); 10 x sendto(cli, 1000) = 1000;
 *             recvfrom(acc, 10000, MSG_WAITALL) = 10000; 4 x sendto(acc, 500);
 *             recvfrom(cli, 2000, MSG_WAITALL) = 2000; close acc, cli, srv;
 *             udp = socket(AF_INET, SOCK_DGRAM); 5 x sendto(udp, "ping", 4,
 *             127.0.0.1:9) = 4; close(udp)
 *   mmap:     8 x mmap(NULL, 1 MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|
 *             MAP_ANONYMOUS) (never unmapped: 4 MiB), then munmap of the first 4
 *   threads:  2 threads "ior-io-1", "ior-io-2" (prctl PR_SET_NAME): each
 *             open(DIR/tN.bin, O_WRONLY|O_CREAT|O_TRUNC), 50 x write(4096),
 *             close; joined
 *   faccessat(AT_FDCWD, "/ior-marker/end", F_OK)                = -1 ENOENT
 *   then "done <pid>" on stdout and exit_group(0) with the leak fds open.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <linux/aio_abi.h>
#include <linux/io_uring.h>
#include <linux/openat2.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif

extern char **environ;

/* ------------------------------------------------------------------ */
/* checking helpers                                                    */

static const char *cur = "setup";	/* scenario being run, for messages */
static char dir[PATH_MAX];		/* DIR without trailing '/' */

static const char *errname(int e)
{
	const char *n = strerrorname_np(e);
	return n ? n : "E?";
}

static void die(const char *what, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

static void die(const char *what, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (dir[0])
		fprintf(stderr, "workload: scenario %s: %s: ", cur, what);
	else
		fprintf(stderr, "workload: %s: %s: ", cur, what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (dir[0])
		fprintf(stderr, " [DIR=%s]", dir);
	fputc('\n', stderr);
	exit(1);
}

/* r must be >= 0 (success); returns r */
static long ok(const char *what, long r)
{
	if (r < 0) {
		int e = errno;
		die(what, "failed: %s (%s)", errname(e), strerror(e));
	}
	return r;
}

/* r must be exactly want */
static long eq(const char *what, long r, long want)
{
	if (r != want) {
		int e = errno;
		if (r == -1)
			die(what, "failed: %s (%s), expected %ld", errname(e), strerror(e), want);
		die(what, "returned %ld, expected %ld", r, want);
	}
	return r;
}

/* r must be -1 with errno want */
static void fails(const char *what, long r, int want)
{
	int e = errno;

	if (r != -1)
		die(what, "returned %ld, expected -1 %s", r, errname(want));
	if (e != want)
		die(what, "failed with %s (%s), expected %s", errname(e), strerror(e), errname(want));
}

/* "DIR/name" in one of a few rotating buffers (a call may need several) */
static const char *P(const char *name)
{
	static char bufs[4][PATH_MAX];
	static int next;
	char *b = bufs[next++ % 4];

	if ((size_t)snprintf(b, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		die("path", "DIR/%s is longer than PATH_MAX", name);
	return b;
}

static void fill(unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = 'A' + i % 26;
}

static void same(const char *what, const void *a, const void *b, size_t n)
{
	if (memcmp(a, b, n) != 0)
		die(what, "read back different bytes than were written");
}

static unsigned char data[8192];	/* 'A'..'Z' pattern, filled in main */

static void sys_close(const char *what, long fd)
{
	eq(what, syscall(SYS_close, fd), 0);
}

static long open_create(const char *path, const char *what)
{
	return ok(what, syscall(SYS_open, path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
}

static void marker(const char *name)
{
	char path[128];

	snprintf(path, sizeof path, "/ior-marker/%s", name);
	fails("faccessat(marker)", syscall(SYS_faccessat, AT_FDCWD, path, F_OK), ENOENT);
}

/* ------------------------------------------------------------------ */
/* scenarios                                                           */

static void sc_open(void)
{
	long fd, dfd;
	struct open_how how;

	fd = ok("open(DIR/a.txt, O_WRONLY|O_CREAT|O_TRUNC, 0644)",
		syscall(SYS_open, P("a.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644));
	sys_close("close(a.txt)", fd);

	fd = ok("creat(DIR/b.txt, 0600)", syscall(SYS_creat, P("b.txt"), 0600));
	sys_close("close(b.txt)", fd);

	dfd = ok("open(DIR, O_RDONLY|O_DIRECTORY)",
		 syscall(SYS_open, dir, O_RDONLY | O_DIRECTORY));
	fd = ok("openat(dfd, c.txt, O_RDWR|O_CREAT, 0640)",
		syscall(SYS_openat, dfd, "c.txt", O_RDWR | O_CREAT, 0640));
	sys_close("close(c.txt)", fd);
	sys_close("close(dfd)", dfd);

	memset(&how, 0, sizeof how);
	how.flags = O_RDONLY;
	how.resolve = RESOLVE_NO_SYMLINKS;
	fd = ok("openat2(AT_FDCWD, DIR/a.txt, RESOLVE_NO_SYMLINKS)",
		syscall(SYS_openat2, AT_FDCWD, P("a.txt"), &how, sizeof how));
	sys_close("close(openat2 fd)", fd);

	fails("open(DIR/missing.txt, O_RDONLY)",
	      syscall(SYS_open, P("missing.txt"), O_RDONLY), ENOENT);
}

static void sc_rw(void)
{
	unsigned char buf[4096], a[16], b[16];
	struct iovec wv[3], rv[2];
	long fd;

	fd = ok("open(DIR/data.bin, O_RDWR|O_CREAT|O_TRUNC, 0644)",
		syscall(SYS_open, P("data.bin"), O_RDWR | O_CREAT | O_TRUNC, 0644));
	eq("write(4096)", syscall(SYS_write, fd, data, 4096), 4096);
	eq("pwrite64(100, 8192)", syscall(SYS_pwrite64, fd, data, 100, 8192), 100);
	eq("lseek(0, SEEK_SET)", syscall(SYS_lseek, fd, 0, SEEK_SET), 0);
	eq("read(4096)", syscall(SYS_read, fd, buf, 4096), 4096);
	same("read(4096)", buf, data, 4096);
	eq("pread64(100, 8192)", syscall(SYS_pread64, fd, buf, 100, 8192), 100);
	same("pread64(100, 8192)", buf, data, 100);

	wv[0].iov_base = data; wv[0].iov_len = 10;
	wv[1].iov_base = data; wv[1].iov_len = 20;
	wv[2].iov_base = data; wv[2].iov_len = 30;
	eq("writev(10+20+30)", syscall(SYS_writev, fd, wv, 3), 60);

	eq("lseek(0, SEEK_SET)", syscall(SYS_lseek, fd, 0, SEEK_SET), 0);
	rv[0].iov_base = a; rv[0].iov_len = sizeof a;
	rv[1].iov_base = b; rv[1].iov_len = sizeof b;
	eq("readv(16+16)", syscall(SYS_readv, fd, rv, 2), 32);
	same("readv(16+16)", a, data, 16);
	same("readv(16+16)", b, data + 16, 16);
	sys_close("close(data.bin)", fd);
}

static void sc_close(void)
{
	long fd1, fd2, fd3, fd;

	fd1 = ok("open(DIR/a.txt) #1", syscall(SYS_open, P("a.txt"), O_RDONLY));
	fd2 = ok("open(DIR/a.txt) #2", syscall(SYS_open, P("a.txt"), O_RDONLY));
	fd3 = ok("open(DIR/a.txt) #3", syscall(SYS_open, P("a.txt"), O_RDONLY));
	if (fd2 != fd1 + 1 || fd3 != fd1 + 2)
		die("open x3", "fds %ld %ld %ld are not consecutive", fd1, fd2, fd3);
	eq("close_range(fd1, fd3, 0)", syscall(SYS_close_range, fd1, fd3, 0), 0);

	fd = ok("open(DIR/a.txt) #4", syscall(SYS_open, P("a.txt"), O_RDONLY));
	eq("close_range(fd, fd, CLOSE_RANGE_CLOEXEC)",
	   syscall(SYS_close_range, fd, fd, CLOSE_RANGE_CLOEXEC), 0);
	sys_close("close(fd)", fd);
	fails("close(fd) again", syscall(SYS_close, fd), EBADF);
}

static void sc_dup(void)
{
	long fd, d1, d200, d300, fd2, fl;

	fd = ok("open(DIR/a.txt)", syscall(SYS_open, P("a.txt"), O_RDONLY));
	d1 = ok("dup(fd)", syscall(SYS_dup, fd));
	eq("dup2(fd, 100)", syscall(SYS_dup2, fd, 100), 100);
	eq("dup3(fd, 101, O_CLOEXEC)", syscall(SYS_dup3, fd, 101, O_CLOEXEC), 101);
	d200 = ok("fcntl(fd, F_DUPFD, 200)", syscall(SYS_fcntl, fd, F_DUPFD, 200));
	if (d200 < 200)
		die("fcntl(fd, F_DUPFD, 200)", "returned %ld < 200", d200);
	d300 = ok("fcntl(fd, F_DUPFD_CLOEXEC, 300)", syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 300));
	if (d300 < 300)
		die("fcntl(fd, F_DUPFD_CLOEXEC, 300)", "returned %ld < 300", d300);
	eq("fcntl(fd, F_SETFD, FD_CLOEXEC)", syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC), 0);
	eq("fcntl(fd, F_SETFL, O_NONBLOCK|O_APPEND)",
	   syscall(SYS_fcntl, fd, F_SETFL, O_NONBLOCK | O_APPEND), 0);
	fl = ok("fcntl(fd, F_GETFL)", syscall(SYS_fcntl, fd, F_GETFL));
	if ((fl & (O_NONBLOCK | O_APPEND | O_ACCMODE)) != (O_NONBLOCK | O_APPEND | O_RDONLY))
		die("fcntl(fd, F_GETFL)", "returned %#lx, O_NONBLOCK|O_APPEND not set", fl);

	fd2 = ok("open(DIR/b.txt)", syscall(SYS_open, P("b.txt"), O_RDONLY));
	eq("dup2(fd, fd2)", syscall(SYS_dup2, fd, fd2), fd2);

	sys_close("close(fd2)", fd2);
	sys_close("close(300)", d300);
	sys_close("close(200)", d200);
	sys_close("close(101)", 101);
	sys_close("close(100)", 100);
	sys_close("close(dup)", d1);
	sys_close("close(fd)", fd);
}

static void sc_rename(void)
{
	sys_close("close(r1)", open_create(P("r1"), "open(DIR/r1, O_CREAT)"));
	eq("rename(DIR/r1, DIR/r2)", syscall(SYS_rename, P("r1"), P("r2")), 0);
	eq("renameat(DIR/r2, DIR/r3)",
	   syscall(SYS_renameat, AT_FDCWD, P("r2"), AT_FDCWD, P("r3")), 0);
	eq("renameat2(DIR/r3, DIR/r4, RENAME_NOREPLACE)",
	   syscall(SYS_renameat2, AT_FDCWD, P("r3"), AT_FDCWD, P("r4"), RENAME_NOREPLACE), 0);
	fails("rename(DIR/missing, DIR/r5)", syscall(SYS_rename, P("missing"), P("r5")), ENOENT);
}

static void sc_link(void)
{
	char buf[4096];

	eq("link(DIR/r4, DIR/l1)", syscall(SYS_link, P("r4"), P("l1")), 0);
	eq("symlink(r4, DIR/s1)", syscall(SYS_symlink, "r4", P("s1")), 0);
	eq("readlink(DIR/s1)", syscall(SYS_readlink, P("s1"), buf, sizeof buf), 2);
	same("readlink(DIR/s1)", buf, "r4", 2);
	eq("linkat(DIR/r4, DIR/l2)",
	   syscall(SYS_linkat, AT_FDCWD, P("r4"), AT_FDCWD, P("l2"), 0), 0);
	eq("symlinkat(r4, DIR/s2)", syscall(SYS_symlinkat, "r4", AT_FDCWD, P("s2")), 0);
	eq("unlink(DIR/l1)", syscall(SYS_unlink, P("l1")), 0);
	eq("unlinkat(DIR/s1)", syscall(SYS_unlinkat, AT_FDCWD, P("s1"), 0), 0);
	fails("unlink(DIR/missing)", syscall(SYS_unlink, P("missing")), ENOENT);
}

struct dirent64_raw {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static void sc_dir(void)
{
	static const char *const files[] = { "sub/f1", "sub/f2", "sub/f3" };
	char buf[4096] __attribute__((aligned(8)));
	int entries = 0, seen = 0;
	long fd, n;

	eq("mkdir(DIR/sub, 0755)", syscall(SYS_mkdir, P("sub"), 0755), 0);
	eq("mkdirat(AT_FDCWD, DIR/sub2, 0755)", syscall(SYS_mkdirat, AT_FDCWD, P("sub2"), 0755), 0);
	for (int i = 0; i < 3; i++)
		sys_close("close(DIR/sub/fN)", open_create(P(files[i]), "open(DIR/sub/fN, O_CREAT)"));

	fd = ok("open(DIR/sub, O_DIRECTORY)", syscall(SYS_open, P("sub"), O_RDONLY | O_DIRECTORY));
	while ((n = ok("getdents64(DIR/sub)", syscall(SYS_getdents64, fd, buf, sizeof buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64_raw *d = (struct dirent64_raw *)(buf + off);

			entries++;
			if (d->d_name[0] == 'f' && d->d_name[1] >= '1' && d->d_name[1] <= '3' &&
			    d->d_name[2] == 0)
				seen |= 1 << (d->d_name[1] - '1');
			off += d->d_reclen;
		}
	}
	if (entries != 5 || seen != 7)
		die("getdents64(DIR/sub)", "saw %d entries (want 5: ., .., f1, f2, f3)", entries);
	sys_close("close(DIR/sub)", fd);
	fails("rmdir(DIR/sub)", syscall(SYS_rmdir, P("sub")), ENOTEMPTY);
	eq("rmdir(DIR/sub2)", syscall(SYS_rmdir, P("sub2")), 0);
}

static void sc_stat(void)
{
	struct stat st;
	struct statx stx;
	long fd;

	eq("stat(DIR/a.txt)", syscall(SYS_stat, P("a.txt"), &st), 0);
	if (!S_ISREG(st.st_mode) || st.st_size != 0)
		die("stat(DIR/a.txt)", "not an empty regular file");
	eq("lstat(DIR/a.txt)", syscall(SYS_lstat, P("a.txt"), &st), 0);
	fd = ok("open(DIR/a.txt)", syscall(SYS_open, P("a.txt"), O_RDONLY));
	eq("fstat(fd)", syscall(SYS_fstat, fd, &st), 0);
	sys_close("close(a.txt)", fd);
	eq("newfstatat(AT_FDCWD, DIR/a.txt, 0)",
	   syscall(SYS_newfstatat, AT_FDCWD, P("a.txt"), &st, 0), 0);
	eq("statx(AT_FDCWD, DIR/a.txt, 0, STATX_BASIC_STATS)",
	   syscall(SYS_statx, AT_FDCWD, P("a.txt"), 0, STATX_BASIC_STATS, &stx), 0);
	if (stx.stx_size != 0)
		die("statx(DIR/a.txt)", "size %llu, expected 0", (unsigned long long)stx.stx_size);
	eq("access(DIR/a.txt, R_OK)", syscall(SYS_access, P("a.txt"), R_OK), 0);
	fails("stat(DIR/missing)", syscall(SYS_stat, P("missing"), &st), ENOENT);
}

static void sc_fsync(void)
{
	long fd = open_create(P("f.bin"), "open(DIR/f.bin, O_CREAT)");

	eq("write(1000)", syscall(SYS_write, fd, data, 1000), 1000);
	eq("fsync", syscall(SYS_fsync, fd), 0);
	eq("fdatasync", syscall(SYS_fdatasync, fd), 0);
	eq("sync_file_range(0, 1000, SYNC_FILE_RANGE_WRITE)",
	   syscall(SYS_sync_file_range, fd, 0, 1000, SYNC_FILE_RANGE_WRITE), 0);
	sys_close("close(f.bin)", fd);
}

static void sc_truncate(void)
{
	long fd;

	eq("truncate(DIR/f.bin, 10)", syscall(SYS_truncate, P("f.bin"), 10), 0);
	fd = ok("open(DIR/f.bin, O_WRONLY)", syscall(SYS_open, P("f.bin"), O_WRONLY));
	eq("ftruncate(fd, 5)", syscall(SYS_ftruncate, fd, 5), 0);
	sys_close("close(f.bin)", fd);
}

static void sc_pipe(void)
{
	int p[2], q[2];
	char buf[8];

	eq("pipe", syscall(SYS_pipe, p), 0);
	eq("write(p[1], 5)", syscall(SYS_write, p[1], "hello", 5), 5);
	eq("read(p[0], 5)", syscall(SYS_read, p[0], buf, 5), 5);
	same("read(p[0], 5)", buf, "hello", 5);
	eq("pipe2(O_CLOEXEC|O_NONBLOCK)", syscall(SYS_pipe2, q, O_CLOEXEC | O_NONBLOCK), 0);
	fails("read(empty q[0])", syscall(SYS_read, q[0], buf, 5), EAGAIN);
	sys_close("close(p[0])", p[0]);
	sys_close("close(p[1])", p[1]);
	sys_close("close(q[0])", q[0]);
	sys_close("close(q[1])", q[1]);
}

static struct sockaddr_in inet_lo(int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void sc_socket(void)
{
	struct sockaddr_in a;
	struct sockaddr_un un;
	socklen_t alen;
	long srv, cli, acc, udp, s;
	int one = 1, sv[2];
	char buf[16];
	const char *sock = P("sock");

	srv = ok("socket(AF_INET, SOCK_STREAM)", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	eq("setsockopt(SO_REUSEADDR)",
	   syscall(SYS_setsockopt, srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), 0);
	a = inet_lo(0);
	eq("bind(127.0.0.1:0)", syscall(SYS_bind, srv, &a, sizeof a), 0);
	eq("listen(4)", syscall(SYS_listen, srv, 4), 0);
	alen = sizeof a;
	eq("getsockname", syscall(SYS_getsockname, srv, &a, &alen), 0);

	cli = ok("socket(AF_INET, SOCK_STREAM) client", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	eq("connect(127.0.0.1:PORT)", syscall(SYS_connect, cli, &a, sizeof a), 0);
	alen = sizeof a;
	acc = ok("accept4(SOCK_CLOEXEC)", syscall(SYS_accept4, srv, &a, &alen, SOCK_CLOEXEC));
	eq("sendto(11)", syscall(SYS_sendto, cli, "hello world", 11, 0, NULL, 0), 11);
	eq("recvfrom(11)", syscall(SYS_recvfrom, acc, buf, 11, MSG_WAITALL, NULL, NULL), 11);
	same("recvfrom(11)", buf, "hello world", 11);
	eq("shutdown(cli, SHUT_RDWR)", syscall(SYS_shutdown, cli, SHUT_RDWR), 0);
	sys_close("close(acc)", acc);
	sys_close("close(cli)", cli);
	sys_close("close(srv)", srv);

	eq("socketpair(AF_UNIX, SOCK_STREAM)",
	   syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0);
	eq("sendto(sv[0], 3)", syscall(SYS_sendto, sv[0], "abc", 3, 0, NULL, 0), 3);
	eq("recvfrom(sv[1], 3)", syscall(SYS_recvfrom, sv[1], buf, 3, MSG_WAITALL, NULL, NULL), 3);
	same("recvfrom(sv[1], 3)", buf, "abc", 3);
	sys_close("close(sv[0])", sv[0]);
	sys_close("close(sv[1])", sv[1]);

	udp = ok("socket(AF_INET, SOCK_DGRAM)", syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0));
	a = inet_lo(9);
	eq("sendto(udp, 127.0.0.1:9, 4)", syscall(SYS_sendto, udp, "ping", 4, 0, &a, sizeof a), 4);
	sys_close("close(udp)", udp);

	s = ok("socket(AF_INET, SOCK_STREAM) refused", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	a = inet_lo(1);
	fails("connect(127.0.0.1:1)", syscall(SYS_connect, s, &a, sizeof a), ECONNREFUSED);
	sys_close("close(refused)", s);

	memset(&un, 0, sizeof un);
	un.sun_family = AF_UNIX;
	if (strlen(sock) >= sizeof un.sun_path)
		die("bind(AF_UNIX, DIR/sock)", "DIR/sock is longer than %zu bytes",
		    sizeof un.sun_path - 1);
	strcpy(un.sun_path, sock);
	s = ok("socket(AF_UNIX, SOCK_STREAM)", syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0));
	eq("bind(AF_UNIX, DIR/sock)",
	   syscall(SYS_bind, s, &un, offsetof(struct sockaddr_un, sun_path) + strlen(sock) + 1), 0);
	sys_close("close(unix)", s);
}

static void sc_epoll(void)
{
	struct epoll_event ev, evs[4];
	int p[2];
	long ep;

	ep = ok("epoll_create1(0)", syscall(SYS_epoll_create1, 0));
	eq("pipe", syscall(SYS_pipe, p), 0);
	memset(&ev, 0, sizeof ev);
	ev.events = EPOLLIN;
	ev.data.u64 = 42;
	eq("epoll_ctl(ADD)", syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	eq("write(p[1], 1)", syscall(SYS_write, p[1], "x", 1), 1);
	eq("epoll_wait(4, 1000)", syscall(SYS_epoll_wait, ep, evs, 4, 1000), 1);
	if (evs[0].data.u64 != 42 || !(evs[0].events & EPOLLIN))
		die("epoll_wait", "wrong event");
	eq("epoll_ctl(DEL)", syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], NULL), 0);
	sys_close("close(p[0])", p[0]);
	sys_close("close(p[1])", p[1]);
	sys_close("close(ep)", ep);
}

static void sc_eventfd(void)
{
	uint64_t one = 1, v = 0, mask;
	struct itimerspec its;
	long fd;

	fd = ok("eventfd2(0, EFD_CLOEXEC)", syscall(SYS_eventfd2, 0, EFD_CLOEXEC));
	eq("write(eventfd, 8)", syscall(SYS_write, fd, &one, 8), 8);
	eq("read(eventfd, 8)", syscall(SYS_read, fd, &v, 8), 8);
	if (v != 1)
		die("read(eventfd)", "value %llu, expected 1", (unsigned long long)v);
	sys_close("close(eventfd)", fd);

	fd = ok("timerfd_create(CLOCK_MONOTONIC, 0)", syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0));
	memset(&its, 0, sizeof its);
	its.it_value.tv_nsec = 1000000;
	eq("timerfd_settime(1 ms)", syscall(SYS_timerfd_settime, fd, 0, &its, NULL), 0);
	v = 0;
	eq("read(timerfd, 8)", syscall(SYS_read, fd, &v, 8), 8);
	if (v != 1)
		die("read(timerfd)", "%llu expirations, expected 1", (unsigned long long)v);
	sys_close("close(timerfd)", fd);

	mask = 1ULL << (SIGUSR1 - 1);
	fd = ok("signalfd4(-1, [SIGUSR1], 8, 0)", syscall(SYS_signalfd4, -1, &mask, 8, 0));
	sys_close("close(signalfd)", fd);

	fd = ok("memfd_create(ior-memfd, 0)", syscall(SYS_memfd_create, "ior-memfd", 0));
	eq("write(memfd, 10)", syscall(SYS_write, fd, data, 10), 10);
	sys_close("close(memfd)", fd);

	fd = ok("inotify_init1(0)", syscall(SYS_inotify_init1, 0));
	eq("inotify_add_watch(DIR, IN_CREATE)", syscall(SYS_inotify_add_watch, fd, dir, IN_CREATE), 1);
	sys_close("close(inotify)", fd);
}

static void sc_timers(void)
{
	struct timespec t1 = { 0, 1000000 }, t2 = { 0, 2000000 }, now;
	struct itimerval it;

	eq("nanosleep(1 ms)", syscall(SYS_nanosleep, &t1, NULL), 0);
	eq("clock_nanosleep(CLOCK_MONOTONIC, 2 ms)",
	   syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &t2, NULL), 0);
	eq("clock_gettime(CLOCK_MONOTONIC)", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now), 0);
	eq("getitimer(ITIMER_REAL)", syscall(SYS_getitimer, ITIMER_REAL, &it), 0);
	eq("alarm(0)", syscall(SYS_alarm, 0), 0);
}

static void sc_aio(void)
{
	aio_context_t ctx = 0;
	struct iocb cb, *cbs[1] = { &cb };
	struct io_event evs[1];
	long fd;

	eq("io_setup(8)", syscall(SYS_io_setup, 8, &ctx), 0);
	fd = ok("open(DIR/aio.bin, O_RDWR|O_CREAT, 0644)",
		syscall(SYS_open, P("aio.bin"), O_RDWR | O_CREAT, 0644));
	memset(&cb, 0, sizeof cb);
	cb.aio_lio_opcode = IOCB_CMD_PWRITE;
	cb.aio_fildes = fd;
	cb.aio_buf = (uintptr_t)data;
	cb.aio_nbytes = 512;
	cb.aio_offset = 0;
	eq("io_submit(1 PWRITE of 512)", syscall(SYS_io_submit, ctx, 1, cbs), 1);
	eq("io_getevents(1, 1)", syscall(SYS_io_getevents, ctx, 1, 1, evs, NULL), 1);
	if (evs[0].res != 512)
		die("io_getevents", "event res %lld, expected 512", (long long)evs[0].res);
	eq("io_destroy", syscall(SYS_io_destroy, ctx), 0);
	sys_close("close(aio.bin)", fd);
}

static void sc_io_uring(void)
{
	struct io_uring_params params;
	long fd;

	memset(&params, 0, sizeof params);
	fd = syscall(SYS_io_uring_setup, 4, &params);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM)) {
		char msg[64];
		int n = snprintf(msg, sizeof msg, "skip io_uring: %s\n", errname(errno));

		if (syscall(SYS_write, 2, msg, n) != n)
			die("write(2, skip io_uring)", "short write");
		return;
	}
	ok("io_uring_setup(4)", fd);
	sys_close("close(io_uring)", fd);
}

static void sc_fork(void)
{
	char *const argv[] = { "true", NULL };
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		ok("fork", pid);
	if (pid == 0) {
		long fd;

		cur = "fork (child)";
		ok("getppid", syscall(SYS_getppid));
		fd = ok("open(DIR/child.txt, O_WRONLY|O_CREAT, 0644)",
			syscall(SYS_open, P("child.txt"), O_WRONLY | O_CREAT, 0644));
		eq("write(3)", syscall(SYS_write, fd, "abc", 3), 3);
		sys_close("close(child.txt)", fd);
		syscall(SYS_execve, "/bin/true", argv, environ);
		fprintf(stderr, "workload: scenario fork (child): execve(/bin/true) failed: %s\n",
			errname(errno));
		_exit(1);
	}
	eq("wait4(child)", syscall(SYS_wait4, pid, &status, 0, NULL), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("wait4(child)", "child status %#x, expected exit 0", status);
}

static void *worker(void *arg)
{
	long fd;

	(void)arg;
	eq("prctl(PR_SET_NAME, ior-worker)", syscall(SYS_prctl, PR_SET_NAME, "ior-worker", 0, 0, 0), 0);
	fd = open_create(P("thread.txt"), "open(DIR/thread.txt, O_CREAT)");
	sys_close("close(thread.txt)", fd);
	return NULL;
}

static void sc_thread(void)
{
	pthread_t t;
	int e;

	e = pthread_create(&t, NULL, worker, NULL);
	if (e)
		die("pthread_create", "failed: %s", errname(e));
	e = pthread_join(t, NULL);
	if (e)
		die("pthread_join", "failed: %s", errname(e));
}

static void sc_errors(void)
{
	char buf[1];

	fails("read(-1)", syscall(SYS_read, -1, buf, 1), EBADF);
	fails("open(DIR/a.txt, O_DIRECTORY)",
	      syscall(SYS_open, P("a.txt"), O_RDONLY | O_DIRECTORY), ENOTDIR);
	fails("mkdir(DIR)", syscall(SYS_mkdir, dir, 0755), EEXIST);
}

static void sc_mmap(void)
{
	const size_t big = 1 << 20;
	long addr, fd;

	addr = syscall(SYS_mmap, NULL, big, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (addr == -1)
		ok("mmap(1 MiB anon)", -1);
	eq("munmap(1 MiB)", syscall(SYS_munmap, addr, big), 0);

	fd = ok("open(DIR/data.bin)", syscall(SYS_open, P("data.bin"), O_RDONLY));
	addr = syscall(SYS_mmap, NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	if (addr == -1)
		ok("mmap(DIR/data.bin, 4096)", -1);
	same("mmap(DIR/data.bin)", (const void *)addr, data, 16);
	eq("munmap(4096)", syscall(SYS_munmap, addr, 4096), 0);
	sys_close("close(data.bin)", fd);
	if (syscall(SYS_brk, 0) <= 0)
		die("brk(0)", "returned no break");
}

/* ------------------------------------------------------------------ */

struct scenario {
	const char *name;
	void (*run)(void);
	const char *needs;	/* prerequisite scenario, or NULL */
};

static const struct scenario scenarios[] = {
	{ "open", sc_open, NULL },
	{ "rw", sc_rw, NULL },
	{ "close", sc_close, "open" },
	{ "dup", sc_dup, "open" },
	{ "rename", sc_rename, NULL },
	{ "link", sc_link, "rename" },
	{ "dir", sc_dir, NULL },
	{ "stat", sc_stat, "open" },
	{ "fsync", sc_fsync, NULL },
	{ "truncate", sc_truncate, "fsync" },
	{ "pipe", sc_pipe, NULL },
	{ "socket", sc_socket, NULL },
	{ "epoll", sc_epoll, NULL },
	{ "eventfd", sc_eventfd, NULL },
	{ "timers", sc_timers, NULL },
	{ "aio", sc_aio, NULL },
	{ "io_uring", sc_io_uring, NULL },
	{ "fork", sc_fork, NULL },
	{ "thread", sc_thread, NULL },
	{ "errors", sc_errors, "open" },
	{ "mmap", sc_mmap, "rw" },
};
#define NSCEN ((int)(sizeof scenarios / sizeof scenarios[0]))

static int find(const char *name)
{
	for (int i = 0; i < NSCEN; i++)
		if (strcmp(scenarios[i].name, name) == 0)
			return i;
	return -1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: workload scenarios DIR [NAME...]\n"
		"       workload patterns DIR\n"
		"       workload getppid N\n"
		"       workload spin N\n"
		"       workload open N PATH\n"
		"       workload children K\n"
		"       workload exitcode N\n"
		"scenarios:");
	for (int i = 0; i < NSCEN; i++)
		fprintf(stderr, " %s", scenarios[i].name);
	fprintf(stderr, "\n");
	exit(2);
}

static long number(const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max) {
		fprintf(stderr, "workload: bad number '%s' (0..%ld)\n", s, max);
		exit(2);
	}
	return v;
}

static int run_scenarios(int argc, char **argv)
{
	char sel[NSCEN] = { 0 };
	struct stat st;
	size_t len;

	if (argc < 3)
		usage();
	len = strlen(argv[2]);
	if (len == 0 || len >= sizeof dir)
		usage();
	memcpy(dir, argv[2], len + 1);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = 0;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "workload: %s is not an existing directory\n", dir);
		return 2;
	}

	if (argc == 3)
		memset(sel, 1, sizeof sel);
	for (int i = 3; i < argc; i++) {
		int k = find(argv[i]);

		if (k < 0) {
			fprintf(stderr, "workload: unknown scenario '%s'\n", argv[i]);
			usage();
		}
		sel[k] = 1;
	}
	/* add prerequisites (they come earlier in the table) */
	for (int i = NSCEN - 1; i >= 0; i--)
		if (sel[i] && scenarios[i].needs)
			sel[find(scenarios[i].needs)] = 1;

	for (int i = 0; i < NSCEN; i++) {
		if (!sel[i])
			continue;
		cur = scenarios[i].name;
		marker(cur);
		scenarios[i].run();
	}
	cur = "end";
	marker("end");
	printf("done %ld\n", (long)getpid());
	return fflush(stdout) ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* patterns: the shapes the canned queries look for (see the top comment) */

static volatile sig_atomic_t signals_seen;

static void on_signal(int sig)
{
	(void)sig;
	signals_seen++;
}

static void *pattern_writer(void *arg)
{
	long n = (long)arg, fd;
	char name[32], comm[16];

	snprintf(comm, sizeof comm, "ior-io-%ld", n);
	eq("prctl(PR_SET_NAME)", syscall(SYS_prctl, PR_SET_NAME, comm, 0, 0, 0), 0);
	snprintf(name, sizeof name, "t%ld.bin", n);
	fd = open_create(P(name), "open(DIR/tN.bin)");
	for (int i = 0; i < 50; i++)
		eq("write(tN.bin, 4096)", syscall(SYS_write, fd, data, 4096), 4096);
	sys_close("close(tN.bin)", fd);
	return NULL;
}

static void *late_writer(void *arg)
{
	long p1 = (long)arg;
	struct timespec ts = { 0, 200000000 };

	eq("prctl(PR_SET_NAME, ior-late)", syscall(SYS_prctl, PR_SET_NAME, "ior-late", 0, 0, 0), 0);
	eq("nanosleep(200 ms)", syscall(SYS_nanosleep, &ts, NULL), 0);
	eq("write(pipe, 1)", syscall(SYS_write, p1, "x", 1), 1);
	return NULL;
}

static int patterns(const char *d)
{
	static unsigned char buf[16384];
	long fd, ep, srv, cli, acc, udp;
	long maps[8];
	int pfd[2], status, e;
	struct sockaddr_in sa, to, peer;
	socklen_t slen = sizeof sa;
	struct timespec two_ms = { 0, 2000000 };
	struct epoll_event evs[4];
	struct sigaction act;
	struct itimerval it;
	pthread_t th[2];
	pid_t child;
	size_t len = strlen(d);

	if (len == 0 || len >= sizeof dir)
		usage();
	memcpy(dir, d, len + 1);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = 0;
	marker("patterns");

	cur = "patterns: seq";
	fd = ok("open(DIR/seq.bin)", syscall(SYS_open, P("seq.bin"), O_RDWR | O_CREAT | O_TRUNC, 0644));
	for (int i = 0; i < 64; i++)
		eq("write(seq.bin, 4096)", syscall(SYS_write, fd, data, 4096), 4096);
	eq("lseek(0)", syscall(SYS_lseek, fd, 0, SEEK_SET), 0);
	for (int i = 0; i < 64; i++)
		eq("read(seq.bin, 4096)", syscall(SYS_read, fd, buf, 4096), 4096);
	eq("read(seq.bin) at EOF", syscall(SYS_read, fd, buf, 4096), 0);
	sys_close("close(seq.bin)", fd);

	cur = "patterns: random";
	fd = ok("open(DIR/seq.bin, O_RDONLY)", syscall(SYS_open, P("seq.bin"), O_RDONLY));
	for (int i = 0; i < 32; i++)
		eq("pread64(seq.bin)", syscall(SYS_pread64, fd, buf, 4096, (long)((i * 37) % 64) * 4096), 4096);
	for (int i = 0; i < 16; i++) {
		long off = (long)((i * 23 + 5) % 64) * 4096;

		eq("lseek(seq.bin)", syscall(SYS_lseek, fd, off, SEEK_SET), off);
		eq("read(seq.bin) after lseek", syscall(SYS_read, fd, buf, 4096), 4096);
	}
	sys_close("close(seq.bin)", fd);

	cur = "patterns: small";
	fd = ok("open(DIR/small.log)", syscall(SYS_open, P("small.log"), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644));
	for (int i = 0; i < 200; i++) {
		eq("write(small.log, 16)", syscall(SYS_write, fd, data, 16), 16);
		if (i % 40 == 39)
			eq("fdatasync(small.log)", syscall(SYS_fdatasync, fd), 0);
	}
	for (int i = 0; i < 3; i++)
		eq("fsync(small.log)", syscall(SYS_fsync, fd), 0);
	sys_close("close(small.log)", fd);

	cur = "patterns: stat";
	for (int i = 0; i < 100; i++) {
		struct stat st;

		eq("stat(DIR/seq.bin)", syscall(SYS_stat, P("seq.bin"), &st), 0);
	}

	cur = "patterns: errors";
	for (int i = 0; i < 150; i++)
		fails("open(DIR/nope.conf)", syscall(SYS_open, P("nope.conf"), O_RDONLY), ENOENT);
	for (int i = 0; i < 50; i++)
		fails("faccessat(DIR/seq.bin, X_OK)", syscall(SYS_faccessat, AT_FDCWD, P("seq.bin"), X_OK), EACCES);

	cur = "patterns: dir";
	eq("mkdir(DIR/tree)", syscall(SYS_mkdir, P("tree"), 0755), 0);
	for (int i = 0; i < 50; i++) {
		char name[32];

		snprintf(name, sizeof name, "tree/f%02d", i);
		fd = open_create(P(name), "open(DIR/tree/fNN)");
		sys_close("close(DIR/tree/fNN)", fd);
	}
	for (int scan = 0; scan < 3; scan++) {
		long n, total = 0;

		fd = ok("open(DIR/tree, O_DIRECTORY)", syscall(SYS_open, P("tree"), O_RDONLY | O_DIRECTORY));
		while ((n = ok("getdents64(DIR/tree)", syscall(SYS_getdents64, fd, buf, 1024))) > 0)
			total += n;
		eq("getdents64 total", total, 52 * 24);
		sys_close("close(DIR/tree)", fd);
	}

	cur = "patterns: leak";
	for (int i = 0; i < 5; i++) {
		char name[32];

		snprintf(name, sizeof name, "leak%d", i);
		ok("open(DIR/leakN)", syscall(SYS_open, P(name), O_WRONLY | O_CREAT, 0644));
	}

	cur = "patterns: sleep";
	for (int i = 0; i < 3; i++)
		eq("nanosleep(2 ms)", syscall(SYS_nanosleep, &two_ms, NULL), 0);
	for (int i = 0; i < 3; i++)
		eq("poll(none, 5 ms)", syscall(SYS_poll, NULL, 0, 5), 0);
	ep = ok("epoll_create1", syscall(SYS_epoll_create1, 0));
	for (int i = 0; i < 2; i++)
		eq("epoll_wait(3 ms)", syscall(SYS_epoll_wait, ep, evs, 4, 3), 0);
	sys_close("close(ep)", ep);

	cur = "patterns: signals";
	memset(&act, 0, sizeof act);
	act.sa_handler = on_signal;
	act.sa_flags = SA_RESTART;
	sigemptyset(&act.sa_mask);
	if (sigaction(SIGUSR1, &act, NULL) || sigaction(SIGALRM, &act, NULL))
		ok("sigaction", -1);
	for (int i = 0; i < 3; i++)
		eq("kill(self, SIGUSR1)", syscall(SYS_kill, getpid(), SIGUSR1), 0);
	if (signals_seen != 3)
		die("kill(self)", "%d handlers ran, expected 3", (int)signals_seen);
	fflush(stdout);
	fflush(stderr);
	child = fork();
	if (child < 0)
		ok("fork", -1);
	if (child == 0) {
		for (;;)
			syscall(SYS_pause);
	}
	eq("kill(child, SIGTERM)", syscall(SYS_kill, child, SIGTERM), 0);
	eq("wait4(child)", syscall(SYS_wait4, child, &status, 0, NULL), child);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
		die("wait4(child)", "status %#x, expected killed by SIGTERM", status);

	cur = "patterns: restart";
	ok("pipe", syscall(SYS_pipe, pfd));
	e = pthread_create(&th[0], NULL, late_writer, (void *)(long)pfd[1]);
	if (e)
		die("pthread_create", "failed: %s", errname(e));
	memset(&it, 0, sizeof it);
	it.it_value.tv_usec = 20000;
	eq("setitimer(20 ms)", syscall(SYS_setitimer, ITIMER_REAL, &it, NULL), 0);
	eq("read(pipe), restarted after SIGALRM", syscall(SYS_read, pfd[0], buf, 1), 1);
	pthread_join(th[0], NULL);
	sys_close("close(p0)", pfd[0]);
	sys_close("close(p1)", pfd[1]);

	cur = "patterns: socket";
	srv = ok("socket(srv)", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	eq("bind(srv)", syscall(SYS_bind, srv, &sa, sizeof sa), 0);
	eq("listen(srv)", syscall(SYS_listen, srv, 4), 0);
	eq("getsockname(srv)", syscall(SYS_getsockname, srv, &sa, &slen), 0);
	cli = ok("socket(cli)", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	eq("connect(cli)", syscall(SYS_connect, cli, &sa, sizeof sa), 0);
	slen = sizeof peer;
	acc = ok("accept4(srv)", syscall(SYS_accept4, srv, &peer, &slen, SOCK_CLOEXEC));
	for (int i = 0; i < 10; i++)
		eq("sendto(cli, 1000)", syscall(SYS_sendto, cli, data, 1000, 0, NULL, 0), 1000);
	eq("recvfrom(acc, 10000)", syscall(SYS_recvfrom, acc, buf, 10000, MSG_WAITALL, NULL, NULL), 10000);
	for (int i = 0; i < 4; i++)
		eq("sendto(acc, 500)", syscall(SYS_sendto, acc, data, 500, 0, NULL, 0), 500);
	eq("recvfrom(cli, 2000)", syscall(SYS_recvfrom, cli, buf, 2000, MSG_WAITALL, NULL, NULL), 2000);
	sys_close("close(acc)", acc);
	sys_close("close(cli)", cli);
	sys_close("close(srv)", srv);
	udp = ok("socket(udp)", syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0));
	memset(&to, 0, sizeof to);
	to.sin_family = AF_INET;
	to.sin_port = htons(9);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (int i = 0; i < 5; i++)
		eq("sendto(udp, 127.0.0.1:9)", syscall(SYS_sendto, udp, "ping", 4, 0, &to, sizeof to), 4);
	sys_close("close(udp)", udp);

	cur = "patterns: mmap";
	for (int i = 0; i < 8; i++) {
		maps[i] = syscall(SYS_mmap, NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (maps[i] == -1)
			ok("mmap(1 MiB)", -1);
	}
	for (int i = 0; i < 4; i++)
		eq("munmap(1 MiB)", syscall(SYS_munmap, maps[i], 1 << 20), 0);

	cur = "patterns: threads";
	for (long i = 0; i < 2; i++) {
		e = pthread_create(&th[i], NULL, pattern_writer, (void *)(i + 1));
		if (e)
			die("pthread_create", "failed: %s", errname(e));
	}
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);

	cur = "end";
	marker("end");
	printf("done %ld\n", (long)getpid());
	return fflush(stdout) ? 1 : 0;
}

static int getppid_loop(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("calls %ld\n", n);
	return 0;
}

static int open_loop(long n, const char *path)
{
	cur = "open";
	for (long i = 0; i < n; i++) {
		long fd = ok("openat(AT_FDCWD, PATH, O_RDONLY)",
			     syscall(SYS_openat, AT_FDCWD, path, O_RDONLY));
		sys_close("close", fd);
	}
	printf("calls %ld\n", 2 * n);
	return 0;
}

static int children(long k)
{
	pid_t *pids = calloc(k ? k : 1, sizeof *pids);

	cur = "children";
	if (!pids)
		die("calloc", "out of memory");
	fflush(stdout);
	for (long i = 0; i < k; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			ok("fork", -1);
		if (pids[i] == 0) {
			for (int j = 0; j < 100; j++)
				syscall(SYS_getppid);
			_exit(3);
		}
	}
	for (long i = 0; i < k; i++) {
		int status;

		eq("wait4(child)", syscall(SYS_wait4, pids[i], &status, 0, NULL), pids[i]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 3)
			die("wait4(child)", "child %d status %#x, expected exit 3", pids[i], status);
	}
	for (long i = 0; i < k; i++)
		printf("child %d\n", pids[i]);
	free(pids);
	return 0;
}

int main(int argc, char **argv)
{
	fill(data, sizeof data);
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "scenarios") == 0)
		return run_scenarios(argc, argv);
	if (strcmp(argv[1], "patterns") == 0 && argc == 3)
		return patterns(argv[2]);
	if (strcmp(argv[1], "getppid") == 0 && argc == 3)
		return getppid_loop(number(argv[2], LONG_MAX / 2));
	if (strcmp(argv[1], "spin") == 0 && argc == 3)
		return getppid_loop(number(argv[2], LONG_MAX / 2));
	if (strcmp(argv[1], "open") == 0 && argc == 4)
		return open_loop(number(argv[2], LONG_MAX / 2), argv[3]);
	if (strcmp(argv[1], "children") == 0 && argc == 3)
		return children(number(argv[2], 100000));
	if (strcmp(argv[1], "exitcode") == 0 && argc == 3)
		exit((int)number(argv[2], 255));
	usage();
}

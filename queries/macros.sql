-- The helpers the canned queries share, defined once. ior installs them as TEMP macros on every
-- connection it hands out (ior query, ior sql, reports), so they work on a read-only trace cache
-- and with several traces attached. docs/queries.md lists them.
-- Every statement below is one CREATE OR REPLACE TEMP MACRO; a comment line right above each
-- one documents it (QueryDocs copies it into docs/queries.md).

-- fmt_bytes(n): a byte count for humans, powers of 1024: 512 -> '512 B', 1536 -> '1.5 KiB'.
CREATE OR REPLACE TEMP MACRO fmt_bytes(n) AS
    CASE WHEN n IS NULL THEN NULL
         WHEN abs(n) < 1024 THEN printf('%d B', CAST(n AS BIGINT))
         WHEN abs(n) < 1048576 THEN printf('%.1f KiB', n / 1024.0)
         WHEN abs(n) < 1073741824 THEN printf('%.1f MiB', n / 1048576.0)
         WHEN abs(n) < 1099511627776 THEN printf('%.1f GiB', n / 1073741824.0)
         ELSE printf('%.1f TiB', n / 1099511627776.0) END;

-- fmt_ns(ns): a duration in nanoseconds for humans: '850 ns', '12.3 us', '4.56 ms', '1.23 s', '2m03s', '1h02m'.
CREATE OR REPLACE TEMP MACRO fmt_ns(ns) AS
    CASE WHEN ns IS NULL THEN NULL
         WHEN abs(ns) < 1000 THEN printf('%d ns', CAST(ns AS BIGINT))
         WHEN abs(ns) < 1000000 THEN printf('%.1f us', ns / 1e3)
         WHEN abs(ns) < 1000000000 THEN printf('%.2f ms', ns / 1e6)
         WHEN abs(ns) < 60000000000 THEN printf('%.2f s', ns / 1e9)
         WHEN abs(ns) < 3600000000000 THEN printf('%dm%02ds', CAST(floor(ns / 60e9) AS BIGINT), CAST(floor(ns / 1e9) AS BIGINT) % 60)
         ELSE printf('%dh%02dm', CAST(floor(ns / 3600e9) AS BIGINT), CAST(floor(ns / 60e9) AS BIGINT) % 60) END;

-- us(ns): nanoseconds as microseconds (DOUBLE, 0.1 us precision): the unit latency columns use.
CREATE OR REPLACE TEMP MACRO us(ns) AS round(ns / 1e3, 1);

-- pct(part, whole): part as a percentage of whole, one decimal; NULL when whole is 0 or NULL.
CREATE OR REPLACE TEMP MACRO pct(part, whole) AS round(100.0 * part / nullif(whole, 0), 1);

-- errno_group(errno): the kind of failure an errno name means: missing, permission, exists,
-- would_block, interrupted, timeout, bad_fd, limits, connection, io, invalid or other (NULL for NULL).
CREATE OR REPLACE TEMP MACRO errno_group(e) AS
    CASE WHEN e IS NULL THEN NULL
         WHEN e IN ('ENOENT', 'ENOTDIR', 'ENXIO', 'ENODEV', 'ESRCH', 'ENODATA', 'ECHILD') THEN 'missing'
         WHEN e IN ('EACCES', 'EPERM', 'EROFS') THEN 'permission'
         WHEN e IN ('EEXIST', 'ENOTEMPTY', 'EISDIR', 'EBUSY', 'ETXTBSY', 'EALREADY', 'EINPROGRESS', 'EADDRINUSE') THEN 'exists'
         WHEN e IN ('EAGAIN', 'EWOULDBLOCK') THEN 'would_block'
         WHEN e = 'EINTR' THEN 'interrupted'
         WHEN e IN ('ETIMEDOUT', 'ETIME') THEN 'timeout'
         WHEN e = 'EBADF' THEN 'bad_fd'
         WHEN e IN ('EMFILE', 'ENFILE', 'ENOMEM', 'ENOSPC', 'EDQUOT', 'EFBIG', 'E2BIG', 'ENAMETOOLONG', 'EMLINK', 'ELOOP', 'EOVERFLOW') THEN 'limits'
         WHEN e IN ('ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ENOTCONN', 'EHOSTUNREACH', 'ENETUNREACH',
                    'ENETDOWN', 'EADDRNOTAVAIL', 'EISCONN', 'ESHUTDOWN', 'EDESTADDRREQ') THEN 'connection'
         WHEN e IN ('EIO', 'ENOLCK', 'ESTALE', 'EREMOTEIO', 'EUCLEAN') THEN 'io'
         WHEN e IN ('EINVAL', 'EFAULT', 'ENOTTY', 'ENOSYS', 'EOPNOTSUPP', 'ENOTSUP', 'ENOTSOCK', 'ESPIPE', 'EXDEV', 'ERANGE',
                    'EAFNOSUPPORT', 'EPROTONOSUPPORT', 'ENOPROTOOPT', 'EBADMSG', 'EPROTO') THEN 'invalid'
         ELSE 'other' END;

-- io_direction(syscall): 'read', 'write' or 'transfer' (fd to fd: sendfile, splice, ...) for the
-- syscalls that move data through an fd; NULL for every other syscall (metadata reads such as
-- getdents64, readlink or getxattr count bytes too, but are not data I/O).
CREATE OR REPLACE TEMP MACRO io_direction(syscall) AS
    CASE WHEN syscall IN ('read', 'pread64', 'readv', 'preadv', 'preadv2', 'recvfrom', 'recvmsg', 'recvmmsg') THEN 'read'
         WHEN syscall IN ('write', 'pwrite64', 'writev', 'pwritev', 'pwritev2', 'sendto', 'sendmsg', 'sendmmsg') THEN 'write'
         WHEN syscall IN ('sendfile', 'splice', 'tee', 'copy_file_range', 'vmsplice') THEN 'transfer'
         ELSE NULL END;

-- is_positional(syscall): reads and writes that take their file offset as an argument and leave
-- the fd's position alone (pread64, pwrite64, preadv, pwritev, preadv2, pwritev2; for the *v2
-- calls an offset of -1 means "the current position" instead).
CREATE OR REPLACE TEMP MACRO is_positional(syscall) AS
    syscall IN ('pread64', 'pwrite64', 'preadv', 'pwritev', 'preadv2', 'pwritev2');

-- is_sync(syscall): calls that force data to storage: fsync, fdatasync, sync_file_range, sync, syncfs, msync.
CREATE OR REPLACE TEMP MACRO is_sync(syscall) AS
    syscall IN ('fsync', 'fdatasync', 'sync_file_range', 'sync', 'syncfs', 'msync');

-- lookup_kind(syscall): 'open' for open/openat/openat2/creat, 'stat' for the stat and access
-- families (stat, lstat, newfstatat, statx, access, faccessat, faccessat2, readlink, readlinkat),
-- NULL otherwise: the calls that resolve a path name.
CREATE OR REPLACE TEMP MACRO lookup_kind(syscall) AS
    CASE WHEN syscall IN ('open', 'openat', 'openat2', 'creat') THEN 'open'
         WHEN syscall IN ('stat', 'lstat', 'newfstatat', 'statx', 'access', 'faccessat', 'faccessat2', 'readlink', 'readlinkat') THEN 'stat'
         ELSE NULL END;

-- bucket_ts(time_ns, width_ns): the start of the width_ns-wide time bucket holding time_ns, as a TIMESTAMP.
CREATE OR REPLACE TEMP MACRO bucket_ts(time_ns, width_ns) AS
    make_timestamp(CAST((time_ns // width_ns) * width_ns // 1000 AS BIGINT));

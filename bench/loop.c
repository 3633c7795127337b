// loop: syscall-heavy workload, same loops as the reference probe's work.c.
//   loop getppid N   N x getppid()
//   loop open N      N x (openat("/etc/hostname") + close())
// Prints "loop_ns=... self_cpu_us=..." on stderr. Used by bench/record-bench.sh.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) { fprintf(stderr, "usage: loop getppid|open N\n"); return 2; }
	long n = atol(argv[2]);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (!strcmp(argv[1], "getppid")) {
		for (long i = 0; i < n; i++) syscall(SYS_getppid);
	} else if (!strcmp(argv[1], "open")) {
		for (long i = 0; i < n; i++) { int fd = open("/etc/hostname", O_RDONLY); close(fd); }
	} else {
		fprintf(stderr, "loop: unknown workload %s\n", argv[1]);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "loop %s %ld: loop_ns=%lld self_cpu_us=%lld\n", argv[1], n, ns,
		ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec);
	return 0;
}

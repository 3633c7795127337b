// soak: the load of bench/soak.sh. PROCS children, child i pinned to CPU i % ncpu, each calls
// getppid() in a tight loop for SECONDS and counts its own calls (the clock is read through the
// vDSO every 1024 calls: no syscall). Prints "calls N" per child and "total N" at the end.
//   soak SECONDS PROCS
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 3) { fprintf(stderr, "usage: soak SECONDS PROCS\n"); return 2; }
	double secs = atof(argv[1]);
	int procs = atoi(argv[2]);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int fds[64][2];
	if (procs < 1 || procs > 64) return 2;
	for (int i = 0; i < procs; i++) {
		if (pipe(fds[i])) return 1;
		pid_t p = fork();
		if (p < 0) return 1;
		if (p == 0) {
			cpu_set_t set;
			CPU_ZERO(&set);
			CPU_SET(i % ncpu, &set);
			sched_setaffinity(0, sizeof set, &set);
			long n = 0;
			double end = now() + secs;
			for (;;) {
				for (int k = 0; k < 1024; k++) syscall(SYS_getppid);
				n += 1024;
				if (now() >= end) break;
			}
			dprintf(fds[i][1], "%ld\n", n);
			_exit(0);
		}
		close(fds[i][1]);
	}
	long total = 0;
	for (int i = 0; i < procs; i++) {
		char buf[32] = {0};
		ssize_t r = read(fds[i][0], buf, sizeof buf - 1);
		long n = r > 0 ? atol(buf) : 0;
		printf("calls %ld\n", n);
		total += n;
		wait(NULL);
	}
	printf("total %ld\n", total);
	return 0;
}

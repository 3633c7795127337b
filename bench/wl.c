// wl: run a command, report its wall time and CPU (the command plus every descendant it reaps).
// usage: wl STATFILE CMD [ARGS...]
// STATFILE gets "pid N" as soon as the child exists, then at the end one line:
//   "wall_ns N utime_us N stime_us N status N maxrss_kb N"
// Exits with the command's status (128+sig if killed). Used by bench/record-bench.sh.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) { fprintf(stderr, "usage: wl STATFILE CMD [ARGS...]\n"); return 2; }
	FILE *f = fopen(argv[1], "w");
	if (!f) { perror(argv[1]); return 2; }
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid_t p = fork();
	if (p < 0) { perror("fork"); return 2; }
	if (p == 0) {
		fclose(f);
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	fprintf(f, "pid %d\n", (int)p);
	fflush(f);
	int st;
	struct rusage ru;
	while (wait4(p, &st, 0, &ru) < 0)
		;
	clock_gettime(CLOCK_MONOTONIC, &b);
	long long wall = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	int rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	fprintf(f, "wall_ns %lld utime_us %lld stime_us %lld status %d maxrss_kb %ld\n", wall,
		ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec, ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec,
		rc, ru.ru_maxrss);
	fclose(f);
	return rc;
}

/* t/loadgen: closed-loop load generator for cellsecd and t/floor */

#include <sys/socket.h>
#include <sys/un.h>

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ANSWER_MAX	(64 * 1024)
#define PREFIX		"{\"value\":\""
#define SUFFIX		"\"}\n"

struct worker {
	pthread_t	 tid;
	uint64_t	*lat;		/* nanoseconds, one per answer */
	size_t		 n;
	size_t		 cap;
	size_t		 errors;
};

static struct sockaddr_un addr;
static char		 request[4096];
static size_t		 requestlen;
static const char	*expect;
static long		 nreq;		/* per thread; 0 with -d */
static uint64_t		 deadline;
static pthread_barrier_t start;
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static int		 told;

static void
usage(void)
{
	fprintf(stderr, "usage: loadgen -s socket -T token -k key "
	    "[-c concurrency] [-e value]\n"
	    "               -n requests | -d seconds\n");
	exit(64);
}

static long
number(const char *s, const char *what)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || n < 1 ||
	    n > INT_MAX)
		errx(64, "%s: bad number: %s", what, s);
	return n;
}

static uint64_t
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

/* count a failure; only the first one is shown, one line is enough */
static void
failed(struct worker *w, const char *why, const char *buf, size_t len)
{
	w->errors++;
	pthread_mutex_lock(&lock);
	if (!told++) {
		if (buf != NULL)
			fprintf(stderr, "loadgen: %s: %.*s\n", why,
			    (int)(len > 80 ? 80 : len), buf);
		else
			fprintf(stderr, "loadgen: %s: %s\n", why,
			    strerror(errno));
	}
	pthread_mutex_unlock(&lock);
}

/* a full listen queue gives EAGAIN: wait a little and try again */
static int
dial(void)
{
	struct timespec pause = { 0, 100000 };
	int fd, i, saved;

	for (i = 0; i < 10000; i++) {
		if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
			return -1;
		if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
			return fd;
		saved = errno;
		close(fd);
		errno = saved;
		if (errno != EAGAIN)
			return -1;
		nanosleep(&pause, NULL);
	}
	return -1;
}

static void
exchange(struct worker *w, char *buf)
{
	size_t len = 0, off, vlen;
	ssize_t r;
	int fd;

	if ((fd = dial()) == -1) {
		failed(w, "connect", NULL, 0);
		return;
	}
	for (off = 0; off < requestlen; off += r)
		if ((r = write(fd, request + off, requestlen - off)) == -1) {
			failed(w, "write", NULL, 0);
			close(fd);
			return;
		}
	while ((r = read(fd, buf + len, ANSWER_MAX - len)) > 0)
		if ((len += r) == ANSWER_MAX)
			break;
	if (r == -1)
		failed(w, "read", NULL, 0);
	close(fd);
	if (r == -1)
		return;

	if (len < strlen(PREFIX) + strlen(SUFFIX) ||
	    memcmp(buf, PREFIX, strlen(PREFIX)) != 0 ||
	    memcmp(buf + len - strlen(SUFFIX), SUFFIX, strlen(SUFFIX)) != 0) {
		failed(w, "not a value", buf, len);
		return;
	}
	vlen = len - strlen(PREFIX) - strlen(SUFFIX);
	if (expect != NULL && (vlen != strlen(expect) ||
	    memcmp(buf + strlen(PREFIX), expect, vlen) != 0))
		failed(w, "wrong value", buf, len);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	uint64_t t0;
	char *buf;
	long i;

	if ((buf = malloc(ANSWER_MAX)) == NULL)
		err(1, NULL);
	pthread_barrier_wait(&start);
	for (i = 0; nreq ? i < nreq : now() < deadline; i++) {
		t0 = now();
		exchange(w, buf);
		if (w->n == w->cap) {
			w->cap *= 2;
			w->lat = reallocarray(w->lat, w->cap, sizeof(*w->lat));
			if (w->lat == NULL)
				err(1, NULL);
		}
		w->lat[w->n++] = now() - t0;
	}
	free(buf);
	return NULL;
}

static int
cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* the nearest-rank percentile, in microseconds */
static unsigned long long
pct(const uint64_t *lat, size_t n, int p)
{
	size_t i = (n * p + 99) / 100;

	return n == 0 ? 0 : (lat[i > 0 ? i - 1 : 0] + 500) / 1000;
}

int
main(int argc, char *argv[])
{
	struct worker *w;
	const char *path = NULL, *token = NULL, *key = NULL;
	uint64_t *all, t0, elapsed;
	size_t n = 0, errors = 0;
	long conc = 1, secs = 0, i;
	int ch, len;

	while ((ch = getopt(argc, argv, "c:d:e:k:n:s:T:")) != -1) {
		switch (ch) {
		case 'c':
			conc = number(optarg, "concurrency");
			break;
		case 'd':
			secs = number(optarg, "seconds");
			break;
		case 'e':
			expect = optarg;
			break;
		case 'k':
			key = optarg;
			break;
		case 'n':
			nreq = number(optarg, "requests");
			break;
		case 's':
			path = optarg;
			break;
		case 'T':
			token = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc != optind || path == NULL || token == NULL || key == NULL ||
	    (nreq == 0) == (secs == 0))
		usage();

	addr.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr.sun_path))
		errx(64, "%s: socket path too long", path);
	memcpy(addr.sun_path, path, strlen(path) + 1);
	len = snprintf(request, sizeof(request),
	    "{\"token\":\"%s\",\"key\":\"%s\"}\n", token, key);
	if (len < 0 || (size_t)len >= sizeof(request))
		errx(64, "request too long");
	requestlen = len;
	signal(SIGPIPE, SIG_IGN);

	if ((w = calloc(conc, sizeof(*w))) == NULL)
		err(1, NULL);
	if ((errno = pthread_barrier_init(&start, NULL, conc + 1)) != 0)
		err(1, "pthread_barrier_init");
	for (i = 0; i < conc; i++) {
		w[i].cap = nreq ? (size_t)nreq : 65536;
		if ((w[i].lat = calloc(w[i].cap, sizeof(*w[i].lat))) == NULL)
			err(1, NULL);
		if ((errno = pthread_create(&w[i].tid, NULL, work, &w[i])) != 0)
			err(1, "pthread_create");
	}

	/* the clock starts when every thread is ready */
	deadline = now() + (uint64_t)secs * 1000000000;
	pthread_barrier_wait(&start);
	t0 = now();
	for (i = 0; i < conc; i++) {
		pthread_join(w[i].tid, NULL);
		n += w[i].n;
		errors += w[i].errors;
	}
	elapsed = now() - t0;

	if ((all = calloc(n ? n : 1, sizeof(*all))) == NULL)
		err(1, NULL);
	for (n = 0, i = 0; i < conc; i++) {
		memcpy(all + n, w[i].lat, w[i].n * sizeof(*all));
		n += w[i].n;
	}
	qsort(all, n, sizeof(*all), cmp);
	printf("rps=%.0f p50=%lluus p90=%lluus p99=%lluus errors=%zu\n",
	    n * 1e9 / elapsed, pct(all, n, 50), pct(all, n, 90),
	    pct(all, n, 99), errors);
	return errors ? 1 : 0;
}

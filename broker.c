/*
 * broker.c: the secret table, its sources, TTLs and the token.
 *
 * Source resolution does not care when it runs: at start in snapshot
 * mode, per request in leased mode, on HUP for a reload.
 */

#include <sys/types.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <vis.h>

#include "broker.h"

extern char **environ;

void (*broker_log)(const char *, ...);
void (*broker_debug)(const char *, ...);
int broker_timeout = 5;

struct table *
broker_new(void)
{
	struct table *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->ttl = TTL_DEFAULT;
	return t;
}

static void
wipe(struct table *t, struct entry *e)
{
	if (e->value != NULL) {
		explicit_bzero(e->value, e->valuelen);
		if (t->arena == NULL)
			free(e->value);
	}
	e->value = NULL;
	e->valuelen = 0;
}

/* FNV-1a: the keys come from the secrets file, not from clients */
static size_t
hash(const char *key, size_t len)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	while (len-- > 0)
		h = (h ^ (unsigned char)*key++) * 0x100000001b3ULL;
	return h;
}

static void
writable(struct table *t, int rw)
{
	if (t->arena != NULL && mprotect(t->arena, t->arenasize,
	    rw ? PROT_READ | PROT_WRITE : PROT_READ) == -1)
		abort();
}

void
broker_free(struct table *t)
{
	size_t i;
	char **a;

	if (t == NULL)
		return;
	writable(t, 1);
	for (i = 0; i < t->n; i++) {
		wipe(t, &t->entries[i]);
		free(t->entries[i].path);
		if ((a = t->entries[i].argv) != NULL) {
			for (; *a != NULL; a++)
				free(*a);
			free(t->entries[i].argv);
		}
		if (t->arena == NULL)
			free(t->entries[i].key);
	}
	if (t->arena != NULL) {
		explicit_bzero(t->arena, t->arenasize);
		munmap(t->arena, t->arenasize);
	} else
		free(t->entries);
	free(t->cell);
	free(t);
}

/*
 * Move entries, keys and values into one shared mapping, with a hash
 * index, then make it read-only. fork(2) copies the page tables of
 * private memory but not of a shared mapping, so a connection costs about
 * the same with 10 secrets as with 10,000: it faults in the few pages a
 * lookup touches. A connection child can neither write to the table nor,
 * under seccomp, make it writable.
 */
/* XXX the arena is not locked with mlock(2): values may reach swap */
int
broker_freeze(struct table *t)
{
	struct entry *old = t->entries, *e;
	size_t size, i, j, pg, nb;
	char *p;

	for (nb = 16; nb < 2 * t->n; nb *= 2)
		;
	size = t->n * sizeof(*e) + nb * sizeof(*t->buckets);
	for (i = 0; i < t->n; i++)
		size += old[i].keylen + 1 +
		    (old[i].value != NULL ? old[i].valuelen + 1 : 0);
	pg = sysconf(_SC_PAGESIZE);
	size = (size + pg - 1) / pg * pg;
	if (size == 0)
		size = pg;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED)
		return -1;
	t->entries = (struct entry *)p;
	p += t->n * sizeof(*e);
	t->buckets = (unsigned int *)p;
	t->nbuckets = nb;
	p += nb * sizeof(*t->buckets);
	for (i = 0; i < t->n; i++) {
		e = &t->entries[i];
		*e = old[i];
		e->key = memcpy(p, old[i].key, old[i].keylen + 1);
		p += e->keylen + 1;
		free(old[i].key);
		if (old[i].value == NULL)
			continue;
		e->value = memcpy(p, old[i].value, old[i].valuelen + 1);
		p += e->valuelen + 1;
		explicit_bzero(old[i].value, old[i].valuelen);
		free(old[i].value);
	}
	for (i = 0; i < t->n; i++) {
		j = hash(t->entries[i].key, t->entries[i].keylen) & (nb - 1);
		while (t->buckets[j] != 0)
			j = (j + 1) & (nb - 1);
		t->buckets[j] = i + 1;
	}
	free(old);
	t->arena = (char *)t->entries;
	t->arenasize = size;
	t->cap = t->n;
	writable(t, 0);
	/* give the freed heap back, so that fork does not copy it */
	malloc_trim(0);
	return 0;
}

struct entry *
broker_add(struct table *t, const char *key, size_t keylen)
{
	struct entry *e;
	size_t cap;

	if (t->arena != NULL)
		return NULL;
	if (t->n == t->cap) {
		cap = t->cap ? t->cap * 2 : 16;
		e = reallocarray(t->entries, cap, sizeof(*e));
		if (e == NULL)
			return NULL;
		t->entries = e;
		t->cap = cap;
	}
	e = &t->entries[t->n];
	memset(e, 0, sizeof(*e));
	if ((e->key = malloc(keylen + 1)) == NULL)
		return NULL;
	memcpy(e->key, key, keylen);
	e->key[keylen] = '\0';
	e->keylen = keylen;
	e->ttl = -1;
	t->n++;
	return e;
}

static int
keycmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c;

	if ((c = memcmp(a, b, alen < blen ? alen : blen)) != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

static int
entrycmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return keycmp(x->key, x->keylen, y->key, y->keylen);
}

void
broker_sort(struct table *t)
{
	qsort(t->entries, t->n, sizeof(*t->entries), entrycmp);
}

struct entry *
broker_lookup(const struct table *t, const char *key, size_t keylen)
{
	size_t lo = 0, hi = t->n, mid, i;
	struct entry *e;
	int c;

	/* frozen: a bucket, an entry, its key; few pages for a child */
	if (t->buckets != NULL) {
		i = hash(key, keylen) & (t->nbuckets - 1);
		for (; t->buckets[i] != 0; i = (i + 1) & (t->nbuckets - 1)) {
			e = &t->entries[t->buckets[i] - 1];
			if (e->keylen == keylen &&
			    memcmp(e->key, key, keylen) == 0)
				return e;
		}
		return NULL;
	}

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = keycmp(key, keylen, t->entries[mid].key,
		    t->entries[mid].keylen);
		if (c == 0)
			return &t->entries[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
broker_keyok(const char *key, size_t len)
{
	size_t i;

	if (len < 1 || len > KEY_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (key[i] == '\0' || strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789._-/:@+",
		    key[i]) == NULL)
			return 0;
	return 1;
}

/* strict UTF-8: no overlong forms, surrogates, code points past U+10FFFF */
int
broker_utf8ok(const void *buf, size_t len)
{
	const unsigned char *s = buf;
	size_t i = 0, n, k;
	unsigned int c, min;

	while (i < len) {
		c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			c &= 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			c &= 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			c &= 0x07;
			min = 0x10000;
		} else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* libbsd 0.11 has no timingsafe_bcmp */
int
timingsafe_bcmp(const void *a, const void *b, size_t n)
{
	const volatile unsigned char *p = a, *q = b;
	unsigned char r = 0;
	size_t i;

	for (i = 0; i < n; i++)
		r |= p[i] ^ q[i];
	return r != 0;
}

long long
broker_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * getrandom(2), not arc4random: libbsd's registers a fork handler that
 * dirties a page in every connection child.
 */
void
broker_random(void *buf, size_t len)
{
	ssize_t r;

	while (len > 0) {
		if ((r = getrandom(buf, len, 0)) == -1) {
			if (errno == EINTR)
				continue;
			abort();
		}
		buf = (char *)buf + r;
		len -= r;
	}
}

void
broker_token(char *out)
{
	unsigned char b[16];

	broker_random(b, sizeof(b));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, TOKEN_LEN + 1,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
	    b[10], b[11], b[12], b[13], b[14], b[15]);
	explicit_bzero(b, sizeof(b));
}

void
broker_start(struct table *t, long long now)
{
	size_t i;

	writable(t, 1);
	for (i = 0; i < t->n; i++) {
		t->entries[i].expires = now + t->entries[i].ttl * 1000;
		t->entries[i].expired = 0;
	}
	writable(t, 0);
}

/* wipe what has run out; return when the next entry does, or -1 */
long long
broker_expire(struct table *t, long long now)
{
	long long next = -1;
	struct entry *e;
	size_t i;
	int rw = 0;

	for (i = 0; i < t->n; i++) {
		e = &t->entries[i];
		if (e->expired)
			continue;
		if (e->expires <= now) {
			if (!rw++)
				writable(t, 1);
			wipe(t, e);
			e->expired = 1;
			if (broker_debug != NULL)
				broker_debug("secret \"%s\" expired", e->key);
		} else if (next == -1 || e->expires < next)
			next = e->expires;
	}
	if (rw)
		writable(t, 0);
	return next;
}

/* grow *buf to hold need bytes; the old copy is wiped, never left behind */
static int
grow(char **buf, size_t *cap, size_t need)
{
	size_t ncap;
	char *n;

	if (need <= *cap)
		return 0;
	for (ncap = *cap ? *cap : 4096; ncap < need; ncap *= 2)
		;
	if ((n = malloc(ncap)) == NULL)
		return -1;
	if (*buf != NULL) {
		memcpy(n, *buf, *cap);
		explicit_bzero(*buf, *cap);
		free(*buf);
	}
	*buf = n;
	*cap = ncap;
	return 0;
}

static void
freebuf(char *buf, size_t cap)
{
	if (buf != NULL) {
		explicit_bzero(buf, cap);
		free(buf);
	}
}

/* write all of s, through short writes and EINTR: 0, or -1 */
int
broker_writeall(int fd, const char *s, size_t len)
{
	ssize_t r;

	while (len > 0) {
		if ((r = write(fd, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += r;
		len -= r;
	}
	return 0;
}

/*
 * Read fd to EOF into *buf, at most max bytes, wiping what it outgrows.
 * Returns the length, -1 on a read error, -2 past max.
 */
ssize_t
broker_slurp(int fd, char **buf, size_t *cap, size_t max)
{
	size_t len = 0;
	ssize_t r;

	for (;;) {
		if (grow(buf, cap, len + 4096) == -1)
			return -1;
		r = read(fd, *buf + len, *cap - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		if (r == 0)
			return len;
		len += r;
		if (len > max)
			return -2;
	}
}

static int
readfile(const char *path, char **buf, size_t *cap, size_t *len,
    char *err, size_t errsz)
{
	struct stat st;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
	    O_NOCTTY);
	if (fd == -1) {
		snprintf(err, errsz, "%s: %s", path, errno == ELOOP ?
		    "is a symbolic link" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errsz, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if (st.st_size > VALUE_MAX) {
		snprintf(err, errsz, "%s: larger than 1 MiB", path);
		close(fd);
		return -1;
	}
	r = broker_slurp(fd, buf, cap, VALUE_MAX);
	close(fd);
	if (r < 0) {
		snprintf(err, errsz, "%s: %s", path, r == -2 ?
		    "larger than 1 MiB" : strerror(errno));
		return -1;
	}
	*len = r;
	return 0;
}

/* the command's environment: the broker's, less CELLOS_*, plus three */
static char **
cmdenv(const struct entry *e, const char *cell)
{
	char **env, **p;
	size_t n = 0;

	for (p = environ; *p != NULL; p++)
		n++;
	if ((env = calloc(n + 4, sizeof(*env))) == NULL)
		return NULL;
	n = 0;
	for (p = environ; *p != NULL; p++)
		if (strncmp(*p, "CELLOS_", 7) != 0)
			env[n++] = *p;
	if (asprintf(&env[n++], "CELLOS_CELL_ID=%s", cell) == -1 ||
	    asprintf(&env[n++], "CELLOS_SECRET_KEY=%s", e->key) == -1 ||
	    asprintf(&env[n++], "CELLOS_SECRET_TTL=%lld", e->ttl) == -1)
		_exit(1);
	env[n] = NULL;
	return env;
}

/* before an exec: no handler, ignored signal or mask of the broker's */
void
broker_sigreset(void)
{
	struct sigaction sa;
	sigset_t none;
	int sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void
child(const struct entry *e, const char *cell, int out, int errfd)
{
	char **env;
	int fd;

	setpgid(0, 0);
	broker_sigreset();
	if ((fd = open("/dev/null", O_RDONLY)) == -1 ||
	    dup2(fd, 0) == -1 || dup2(out, 1) == -1 || dup2(errfd, 2) == -1)
		_exit(126);
	if ((env = cmdenv(e, cell)) == NULL)
		_exit(126);
	closefrom(3);
	execve(e->argv[0], e->argv, env);
	dprintf(2, "%s: %s\n", e->argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* keep the first line of the command's stderr, for the log */
static void
errline(int fd, char *line, size_t size, size_t *len, int *done)
{
	char buf[512];
	ssize_t r, i;

	if ((r = read(fd, buf, sizeof(buf))) <= 0)
		return;
	for (i = 0; i < r && !*done; i++) {
		if (buf[i] == '\n' || *len == size)
			*done = 1;
		else
			line[(*len)++] = buf[i];
	}
}

static int
runcmd(const struct entry *e, const char *cell, long long deadline,
    char **buf, size_t *cap, size_t *len, char *err, size_t errsz)
{
	struct pollfd pfd[2];
	char line[256];
	size_t linelen = 0;
	long long left;
	int out[2], errp[2], status, n, over = 0, late = 0, done = 0;
	ssize_t r;
	pid_t pid;

	*len = 0;
	if (pipe2(out, O_CLOEXEC) == -1)
		goto syserr;
	if (pipe2(errp, O_CLOEXEC) == -1) {
		close(out[0]);
		close(out[1]);
		goto syserr;
	}
	if ((pid = fork()) == -1) {
		close(out[0]);
		close(out[1]);
		close(errp[0]);
		close(errp[1]);
		goto syserr;
	}
	if (pid == 0)
		child(e, cell, out[1], errp[1]);
	setpgid(pid, pid);
	close(out[1]);
	close(errp[1]);

	pfd[0].fd = out[0];
	pfd[1].fd = errp[0];
	pfd[0].events = pfd[1].events = POLLIN;
	while (pfd[0].fd != -1 || pfd[1].fd != -1) {
		if ((left = deadline - broker_now()) <= 0) {
			late = 1;
			break;
		}
		if ((n = poll(pfd, 2, left > INT_MAX ? INT_MAX : left)) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[1].revents) {
			errline(pfd[1].fd, line, sizeof(line), &linelen, &done);
			if (pfd[1].revents & (POLLHUP | POLLERR) &&
			    !(pfd[1].revents & POLLIN)) {
				close(pfd[1].fd);
				pfd[1].fd = -1;
			}
		}
		if (pfd[0].revents == 0)
			continue;
		if (grow(buf, cap, *len + 4096) == -1)
			break;
		r = read(pfd[0].fd, *buf + *len, *cap - *len);
		if (r > 0 && (*len += r) > VALUE_MAX) {
			over = 1;
			break;
		}
		if (r == 0 || (r == -1 && errno != EINTR && errno != EAGAIN)) {
			close(pfd[0].fd);
			pfd[0].fd = -1;
		}
	}
	if (pfd[0].fd != -1)
		close(pfd[0].fd);
	if (pfd[1].fd != -1)
		close(pfd[1].fd);
	if (late || over)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	/* whatever it left behind in its group goes too */
	kill(-pid, SIGKILL);

	if (!late && !over && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		linelen = 0;
	if (linelen > 0 && broker_log != NULL) {
		char safe[sizeof(line) * 4 + 1];

		strvisx(safe, line, linelen, VIS_CSTYLE | VIS_OCTAL |
		    VIS_TAB | VIS_NL);
		broker_log("%s: %s: %s", e->key, e->argv[0], safe);
	}
	explicit_bzero(line, sizeof(line));
	if (late)
		snprintf(err, errsz, "command timed out");
	else if (over)
		snprintf(err, errsz, "output exceeds 1 MiB");
	else if (WIFSIGNALED(status))
		snprintf(err, errsz, "command killed by signal %d",
		    WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		snprintf(err, errsz, "command exited with status %d",
		    WEXITSTATUS(status));
	else
		return 0;
	return -1;

syserr:
	snprintf(err, errsz, "cannot run %s: %s", e->argv[0], strerror(errno));
	return -1;
}

/*
 * Resolve a file or command source into a fresh buffer: trailing CR and
 * LF removed, strict UTF-8 without NUL. On failure err says why, and
 * never carries the source's output.
 */
int
broker_resolve(const struct entry *e, const char *cell, long long deadline,
    char **value, size_t *valuelen, char *err, size_t errsz)
{
	char *buf = NULL, *v;
	size_t cap = 0, len = 0;
	int r;

	if (e->source == SOURCE_FILE)
		r = readfile(e->path, &buf, &cap, &len, err, errsz);
	else if (e->source == SOURCE_COMMAND)
		r = runcmd(e, cell, deadline, &buf, &cap, &len, err, errsz);
	else {
		snprintf(err, errsz, "no source to resolve");
		return -1;
	}
	if (r == -1)
		goto fail;
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	if (!broker_utf8ok(buf, len)) {
		snprintf(err, errsz,
		    "value is not valid UTF-8 or holds a NUL byte");
		goto fail;
	}
	if ((v = malloc(len + 1)) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto fail;
	}
	if (len > 0)
		memcpy(v, buf, len);
	v[len] = '\0';
	freebuf(buf, cap);
	*value = v;
	*valuelen = len;
	return 0;

fail:
	freebuf(buf, cap);
	return -1;
}

/* an env source: take the variable, then wipe and unset it */
static int
takeenv(struct entry *e, const struct table *old, char *err, size_t errsz)
{
	const struct entry *o;
	char *v;

	if ((v = getenv(e->path)) != NULL) {
		e->valuelen = strlen(v);
		if (!broker_utf8ok(v, e->valuelen)) {
			snprintf(err, errsz, "%s: environment variable %s is "
			    "not valid UTF-8", e->key, e->path);
			return -1;
		}
		if ((e->value = strdup(v)) == NULL) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		explicit_bzero(v, e->valuelen);
		unsetenv(e->path);
		return 0;
	}

	/* on reload the variable is gone: carry the live value over */
	o = old != NULL ? broker_lookup(old, e->key, e->keylen) : NULL;
	if (o != NULL && o->source == SOURCE_ENV &&
	    strcmp(o->path, e->path) == 0 && o->value != NULL) {
		if ((e->value = malloc(o->valuelen + 1)) == NULL) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		memcpy(e->value, o->value, o->valuelen + 1);
		e->valuelen = o->valuelen;
		return 0;
	}
	snprintf(err, errsz, "%s: environment variable %s is not set",
	    e->key, e->path);
	return -1;
}

static int
readsecrets(const char *path, char **buf, size_t *cap, size_t *len,
    char *err, size_t errsz)
{
	struct stat st;
	ssize_t r;
	int fd = 0;

	if (strcmp(path, "-") != 0 &&
	    (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fd != 0) {
		/* as ssh does for private keys */
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
			snprintf(err, errsz, "%s: not a regular file", path);
			goto fail;
		}
		if (st.st_mode & 066) {
			snprintf(err, errsz, "%s: mode %04o is open to group "
			    "or others", path, (unsigned)st.st_mode & 07777);
			goto fail;
		}
		if (st.st_uid != 0 && st.st_uid != geteuid()) {
			snprintf(err, errsz, "%s: owner uid %u is neither "
			    "root nor the broker's", path, (unsigned)st.st_uid);
			goto fail;
		}
	}
	r = broker_slurp(fd, buf, cap, FILE_MAX);
	if (r < 0) {
		snprintf(err, errsz, "%s: %s", path, r == -2 ?
		    "larger than 16 MiB" : strerror(errno));
		goto fail;
	}
	*len = r;
	if (fd != 0)
		close(fd);
	return 0;

fail:
	if (fd != 0)
		close(fd);
	return -1;
}

/*
 * Read, check and resolve a secrets file into a new table. Returns 0,
 * EX_CONFIG for a problem with the file itself, or 1 for a source that
 * failed. old, on reload, is the table to carry env values from.
 */
int
broker_load(const char *path, int leased, const char *cell,
    const struct table *old, struct table **tp, char *err, size_t errsz)
{
	struct table *t;
	struct entry *e;
	char *buf = NULL, why[512];
	size_t cap = 0, len = 0, i;

	*tp = NULL;
	if ((t = broker_new()) == NULL) {
		snprintf(err, errsz, "out of memory");
		return 1;
	}
	if (readsecrets(path, &buf, &cap, &len, err, errsz) == -1)
		goto config;
	if (json_parse_secrets(buf, len, t, why, sizeof(why)) == -1) {
		snprintf(err, errsz, "%s:%s", path, why);
		goto config;
	}
	freebuf(buf, cap);
	buf = NULL;
	broker_sort(t);
	for (i = 1; i < t->n; i++) {
		e = &t->entries[i];
		if (entrycmp(e - 1, e) == 0) {
			if (e->line < e[-1].line)
				e--;
			snprintf(err, errsz, "%s:%d:%d: duplicate key \"%s\"",
			    path, e->line, e->col, e->key);
			goto config;
		}
	}
	if (cell == NULL)
		cell = t->cell != NULL ? t->cell : "cell";

	/* env first, so that no command ever sees those variables */
	for (i = 0; i < t->n; i++) {
		e = &t->entries[i];
		if (e->ttl < 0)
			e->ttl = t->ttl;
		if (e->ttl < 1)
			e->ttl = 1;
		if (e->source == SOURCE_ENV && takeenv(e, old, err, errsz))
			goto fail;
	}
	for (i = 0; i < t->n && !leased; i++) {
		e = &t->entries[i];
		if (e->source != SOURCE_FILE && e->source != SOURCE_COMMAND)
			continue;
		if (broker_resolve(e, cell,
		    broker_now() + broker_timeout * 1000LL, &e->value,
		    &e->valuelen, why, sizeof(why)) == -1) {
			snprintf(err, errsz, "%s: %s", e->key, why);
			goto fail;
		}
	}
	if (broker_freeze(t) == -1) {
		snprintf(err, errsz, "mmap: %s", strerror(errno));
		goto fail;
	}
	*tp = t;
	return 0;

config:
	freebuf(buf, cap);
	broker_free(t);
	return EX_CONFIG;

fail:
	broker_free(t);
	return 1;
}

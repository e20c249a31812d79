/*
 * cellsecd: the broker daemon.
 *
 * The parent accepts, checks the peer's uid, forks and reaps; it never
 * reads a byte from a client. Each connection gets a child that is
 * sandboxed before it reads: it parses one request line, answers one
 * line, wipes what it held and exits.
 *
 * Leased mode splits the child in two. The connection child forks a
 * parser, sandboxed as above, that reads and checks the request and
 * answers every error itself; on success it passes nothing back but the
 * index of a validated entry, over a pipe. The connection child, which
 * never reads the client's bytes, resolves that entry's source and writes
 * the value.
 */

#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <vis.h>

#include "broker.h"

#define GRACE	1000	/* ms past the deadline before SIGKILL */
#define MARGIN	500	/* ms kept to answer after a leased source */
#define BACKOFF	100	/* ms without accepting after EMFILE */
#define SUNPATH	sizeof(((struct sockaddr_un *)0)->sun_path)

struct kid {
	pid_t		 pid;
	long long	 deadline;
};

struct conn {
	int		 fd;
	uid_t		 uid;
	pid_t		 pid;
	int		 allowed;
	struct sockaddr_un addr;	/* the peer's, parsed by the child */
	socklen_t	 addrlen;
	char		 credkey[KEY_MAX + 1];
	long long	 accepted;
};

static struct table	*table;
static const char	*secretsfile;
static const char	*cellopt;
static char		 cell[4 * 64 + 1];
static char		 token[TOKEN_LEN + 1];
static int		 leased, quiet, verbose;
static int		 maxconn = 32;
static int		 timeout = 5;
static int		 otheruid = -1;
static uid_t		 myuid;
static int		 lfd = -1;
static volatile sig_atomic_t pending[NSIG];
static sigset_t		 waitmask;	/* in ppoll: signals let in */
static char		 sockpath[SUNPATH];
static char		 sockdir[PATH_MAX];
static const char	*envfile;
static int		 envfd = -1;
static struct kid	*kids;
static int		 nkids;

/* what a connection child holds; wiped on every way out */
static char		 line[REQUEST_MAX + 1];
static volatile size_t	 linelen;	/* bytes of line ever written */
static struct request	 req;
static char		 pfx[320];
static char		 deadlinemsg[400];

static void __dead
usage(void)
{
	fprintf(stderr, "usage: cellsecd [-Lqv] [-c max] [-E envfile] "
	    "[-i cell] [-s socket]\n"
	    "                [-t seconds] [-u user] -f secrets "
	    "[command [arg ...]]\n");
	exit(EX_USAGE);
}

/* one line on stderr, in one write, so children do not interleave */
static void
vlog(const char *fmt, va_list ap)
{
	char buf[1024];
	int n;

	memcpy(buf, "cellsecd: ", 10);
	n = vsnprintf(buf + 10, sizeof(buf) - 11, fmt, ap);
	if (n < 0)
		return;
	n = n > (int)sizeof(buf) - 12 ? (int)sizeof(buf) - 2 : n + 10;
	buf[n++] = '\n';
	if (write(2, buf, n) == -1)
		return;
}

static void
logmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

static void
logdebug(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

/* stop serving: the socket and its directory go, the secrets are wiped */
static void
stop(void)
{
	if (lfd != -1) {
		close(lfd);
		lfd = -1;
		unlink(sockpath);
		if (sockdir[0] != '\0')
			rmdir(sockdir);
	}
	broker_free(table);
	table = NULL;
}

static void __dead
fatalx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
	stop();
	if (envfd != -1)
		unlink(envfile);
	exit(status);
}

/* connection children */

/* only what was used: a page never touched costs a fault to zero */
static void
wipeall(void)
{
	explicit_bzero(line, linelen);
	explicit_bzero(req.token, req.tokenlen);
	explicit_bzero(req.key, req.keylen);
	explicit_bzero(token, sizeof(token));
}

static void
ondeadline(int sig)
{
	(void)sig;
	wipeall();
	if (!quiet)
		(void)broker_writeall(2, deadlinemsg, strlen(deadlinemsg));
	_exit(1);
}

/* the reading process's deadline, from accept */
static void
deadline(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ondeadline;
	sigaction(SIGALRM, &sa, NULL);
	alarm(timeout);
}

#if defined(__x86_64__)
#define SECCOMP_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SECCOMP_ARCH	AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define SECCOMP_ARCH	AUDIT_ARCH_I386
#else
#error "no seccomp architecture for this machine"
#endif

#define ALLOW(nr) \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_##nr, 0, 1), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

/* read, write, close, allocate memory, exit: anything else kills */
static const struct sock_filter filter[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_ARCH, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, nr)),
	ALLOW(read),
	ALLOW(write),
	ALLOW(close),
	ALLOW(brk),
	ALLOW(mmap),
	ALLOW(munmap),
	ALLOW(mremap),
	ALLOW(madvise),
	ALLOW(exit),
	ALLOW(exit_group),
	ALLOW(rt_sigreturn),
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
	ALLOW(sigaltstack),	/* ASan's runtime, in test builds only */
#endif
#endif
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS)
};

static void
sandbox(void)
{
	static const struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = (struct sock_filter *)filter
	};
	struct rlimit zero = { 0, 0 };

	/*
	 * RLIMIT_CORE 0 and not dumpable come from the parent. No
	 * RLIMIT_FSIZE: stderr may be a log file, and seccomp stops open.
	 */
	if (setrlimit(RLIMIT_NPROC, &zero) == -1 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		logmsg("%s: sandbox: %s", pfx, strerror(errno));
		_exit(1);
	}
#ifndef NO_SECCOMP
	/* NO_SECCOMP: for valgrind's own calls; never in a real build */
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == -1) {
		logmsg("%s: seccomp: %s", pfx, strerror(errno));
		_exit(1);
	}
#endif
}

/*
 * Read one request: to a newline or EOF. Returns its length, -2 if it
 * is longer than REQUEST_MAX, -1 on a read error.
 */
static ssize_t
readrequest(int fd)
{
	size_t len = 0;
	ssize_t r;
	char *nl;

	for (;;) {
		r = read(fd, line + len, sizeof(line) - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		linelen = len + r;
		if (r == 0)
			return len > REQUEST_MAX ? -2 : (ssize_t)len;
		if ((nl = memchr(line + len, '\n', r)) != NULL) {
			len = nl - line + 1;
			return len > REQUEST_MAX ? -2 : (ssize_t)len;
		}
		len += r;
		if (len == sizeof(line))
			return -2;
	}
}

static void
answer(int fd, const char *member, const char *s, size_t len)
{
	size_t outlen;
	char *out;

	if (json_object(member, s, len, NULL, NULL, 0, &out, &outlen) == 0) {
		(void)broker_writeall(fd, out, outlen);
		json_free(out, outlen);
	}
}

static void
logkey(const char *key, size_t keylen, const char *outcome)
{
	char safe[4 * 128 + 4];

	if (quiet)
		return;
	strvisx(safe, key, keylen > 128 ? 128 : keylen,
	    VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL | VIS_DQ);
	logmsg("%s key \"%s%s\": %s", pfx, safe, keylen > 128 ? "..." : "",
	    outcome);
}

static void __dead
refuse(int fd, const char *msg, const char *outcome)
{
	answer(fd, "error", msg, strlen(msg));
	if (!quiet)
		logmsg("%s: %s", pfx, outcome);
	wipeall();
	_exit(0);
}

/*
 * A root peer bound to "@<hex>/unit/<unit>/<id>" is systemd asking for
 * credential <id>.
 */
static int
credpeer(const struct sockaddr_un *sa, socklen_t len, char *key)
{
	const char *p, *end, *id;
	size_t n;

	if (len <= offsetof(struct sockaddr_un, sun_path) + 1 ||
	    sa->sun_path[0] != '\0')
		return 0;
	p = sa->sun_path + 1;
	end = (const char *)sa + len;
	if ((id = memchr(p, '/', end - p)) == NULL || id == p)
		return 0;
	if (end - id < 7 || memcmp(id, "/unit/", 6) != 0)
		return 0;
	id += 6;
	if ((p = memchr(id, '/', end - id)) == NULL || p == id)
		return 0;
	id = p + 1;
	n = end - id;
	if (n > KEY_MAX || !broker_keyok(id, n))
		return 0;
	memcpy(key, id, n);
	key[n] = '\0';
	return 1;
}

/*
 * Read and check a request in the sandbox. Errors are answered and the
 * process exits; what comes back is a valid, live entry, and whether a
 * systemd peer wants it raw.
 */
static struct entry *
check(struct conn *c, int *raw)
{
	struct entry *e;
	size_t qlen;
	ssize_t n;
	char *q;
	int ok;

	n = readrequest(c->fd);
	if (n == -1) {
		if (!quiet)
			logmsg("%s: read: %s", pfx, strerror(errno));
		wipeall();
		_exit(1);
	}
	/* systemd: the raw value, or an empty close */
	*raw = n == 0 && c->uid == 0 &&
	    credpeer(&c->addr, c->addrlen, c->credkey);
	if (*raw) {
		e = broker_lookup(table, c->credkey, strlen(c->credkey));
		if (e == NULL || !e->systemd || e->expired) {
			logkey(c->credkey, strlen(c->credkey), "no credential");
			_exit(0);
		}
		return e;
	}
	if (!c->allowed)
		refuse(c->fd, "unauthorized", "unauthorized (uid)");
	if (n == -2)
		refuse(c->fd, "request too long", "request too long");
	if (json_parse_request(line, n, &req) == -1)
		refuse(c->fd, "bad request", "bad request");

	/* the token, in constant time: length is public, content is not */
	ok = req.tokenlen == TOKEN_LEN &&
	    timingsafe_bcmp(req.token, token, TOKEN_LEN) == 0;
	if (!ok) {
		answer(c->fd, "error", "unauthorized", 12);
		logkey(req.key, req.keylen, "unauthorized");
		wipeall();
		_exit(0);
	}
	if ((e = broker_lookup(table, req.key, req.keylen)) == NULL) {
		if (json_quote(req.key, req.keylen, &q, &qlen) == 0) {
			char msg[32 + 6 * REQUEST_MAX];

			snprintf(msg, sizeof(msg), "unknown secret key %s", q);
			answer(c->fd, "error", msg, strlen(msg));
			json_free(q, qlen);
		}
		logkey(req.key, req.keylen, "unknown secret key");
		wipeall();
		_exit(0);
	}
	if (e->expired) {
		answer(c->fd, "error", "secret expired", 14);
		logkey(req.key, req.keylen, "secret expired");
		wipeall();
		_exit(0);
	}
	return e;
}

/* the value, as JSON or raw; leased sources are resolved here */
static void __dead
deliver(struct conn *c, const struct entry *e, int raw)
{
	char why[256], msg[512], *v = e->value;
	size_t vlen = e->valuelen;

	if (v == NULL && broker_resolve(e, cell, c->accepted +
	    timeout * 1000LL - MARGIN, &v, &vlen, why, sizeof(why)) == -1) {
		snprintf(msg, sizeof(msg), "source for \"%s\" failed: %s",
		    e->key, why);
		if (!raw)
			answer(c->fd, "error", msg, strlen(msg));
		logkey(e->key, e->keylen, msg);
		wipeall();
		_exit(0);
	}
	if (raw)
		(void)broker_writeall(c->fd, v, vlen);
	else
		answer(c->fd, "value", v, vlen);
	if (v != e->value) {
		explicit_bzero(v, vlen);
		free(v);
	}
	logkey(e->key, e->keylen, raw ? "ok (credential)" : "ok");
	wipeall();
	_exit(0);
}

static void __dead
serve(struct conn *c)
{
	struct entry *e;
	int raw;

	sandbox();
	e = check(c, &raw);
	deliver(c, e, raw);
}

/* leased mode: the connection child, which resolves */
static void __dead
lease(struct conn *c)
{
	struct entry *e;
	int p[2], status, msg[2];
	ssize_t r;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) == -1 || (pid = fork()) == -1) {
		logmsg("%s: %s", pfx, strerror(errno));
		_exit(1);
	}
	if (pid == 0) {
		close(p[0]);
		/* it must not outlive the process that answers for it */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
		    getppid() == 1)
			_exit(1);
		deadline();
		sandbox();
		e = check(c, &msg[1]);
		msg[0] = e - table->entries;
		(void)broker_writeall(p[1], (char *)msg, sizeof(msg));
		wipeall();
		_exit(0);
	}
	close(p[1]);
	do
		r = read(p[0], msg, sizeof(msg));
	while (r == -1 && errno == EINTR);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	/* the parser answered any error itself */
	if (r != sizeof(msg) || msg[0] < 0 || (size_t)msg[0] >= table->n) {
		wipeall();
		_exit(0);
	}
	deliver(c, &table->entries[msg[0]], msg[1]);
}

static void __dead
connection(struct conn *c)
{
	/*
	 * Keep nothing but the connection, as fd 0, and stderr: in run mode
	 * the broker holds descriptors for its command. TERM and the like
	 * stay blocked: a child finishes within its deadline.
	 */
	if (dup2(c->fd, 0) == -1)
		_exit(1);
	c->fd = 0;
	close(1);
	closefrom(3);
	snprintf(pfx, sizeof(pfx), "cell %s: uid %u pid %d", cell,
	    (unsigned)c->uid, (int)c->pid);
	snprintf(deadlinemsg, sizeof(deadlinemsg),
	    "cellsecd: %s: deadline passed\n", pfx);

	if (leased)
		lease(c);
	deadline();
	serve(c);
}

/* the parent */

/* signals are blocked but while the parent waits in ppoll */
static void
onsignal(int sig)
{
	pending[sig] = 1;
}

static void
accepting(long long now, long long *backoff)
{
	static int starved;
	struct ucred cred;
	struct conn c;
	socklen_t clen;
	pid_t pid;

	while (nkids < maxconn) {
		c.addrlen = sizeof(c.addr);
		c.fd = accept4(lfd, (struct sockaddr *)&c.addr, &c.addrlen,
		    SOCK_CLOEXEC);
		if (c.fd == -1) {
			/* out of descriptors: wait, log once, do not spin */
			if (errno == EMFILE || errno == ENFILE ||
			    errno == ENOBUFS || errno == ENOMEM) {
				if (!starved++)
					logmsg("accept: %s; retrying every "
					    "%d ms", strerror(errno), BACKOFF);
				*backoff = now + BACKOFF;
			} else if (errno == ECONNABORTED || errno == EINTR)
				continue;
			return;
		}
		if (starved) {
			logmsg("accept: recovered after %d tries", starved);
			starved = 0;
		}
		clen = sizeof(cred);
		if (getsockopt(c.fd, SOL_SOCKET, SO_PEERCRED, &cred,
		    &clen) == -1) {
			logmsg("SO_PEERCRED: %s", strerror(errno));
			close(c.fd);
			continue;
		}
		c.uid = cred.uid;
		c.pid = cred.pid;
		c.allowed = cred.uid == myuid || cred.uid == 0 ||
		    (otheruid != -1 && cred.uid == (uid_t)otheruid);
		c.accepted = now;
		if ((pid = fork()) == -1) {
			logmsg("fork: %s", strerror(errno));
			close(c.fd);
			*backoff = now + BACKOFF;
			return;
		}
		if (pid == 0)
			connection(&c);
		close(c.fd);
		kids[nkids].pid = pid;
		kids[nkids].deadline = now + timeout * 1000LL + GRACE;
		nkids++;
	}
}

/* reap children; returns 1 when the command, if any, has exited */
static int
reap(pid_t cmd, int *cmdstatus)
{
	int status, i, done = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == cmd) {
			*cmdstatus = status;
			done = 1;
			continue;
		}
		for (i = 0; i < nkids; i++)
			if (kids[i].pid == pid) {
				kids[i] = kids[--nkids];
				break;
			}
		if (WIFSIGNALED(status))
			logmsg("connection child %d killed by signal %d",
			    (int)pid, WTERMSIG(status));
		else
			logdebug("connection child %d exited with status %d",
			    (int)pid, WEXITSTATUS(status));
	}
	return done;
}

/* XXX command sources run here, in the parent: a reload blocks serving */
static void
reload(long long now)
{
	struct table *t;
	char err[1024];

	if (strcmp(secretsfile, "-") == 0) {
		logmsg("cannot reload: the secrets were read from stdin");
		return;
	}
	if (broker_load(secretsfile, leased, cellopt, table, &t, err,
	    sizeof(err)) != 0) {
		logmsg("reload failed, keeping %zu secrets: %s", table->n,
		    err);
		return;
	}
	broker_free(table);
	table = t;
	broker_start(table, now);
	logmsg("cell %s: reloaded %zu secrets from %s", cell, table->n,
	    secretsfile);
}


/*
 * Serve until told to stop (daemon mode) or the command exits (run
 * mode). Returns the exit status.
 */
static int
loop(pid_t cmd)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGQUIT, SIGHUP };
	struct timespec ts, *tsp;
	struct pollfd pfd;
	long long now, next, backoff = 0;
	int i, n, sig, cmdstatus = 0, stopping = 0;
	size_t k;

	for (;;) {
		now = broker_now();
		next = table != NULL ? broker_expire(table, now) : -1;
		for (i = 0; i < nkids; i++) {
			if (kids[i].deadline <= now)
				kill(kids[i].pid, SIGKILL);
			else if (next == -1 || kids[i].deadline < next)
				next = kids[i].deadline;
		}
		if (stopping && nkids == 0)
			break;
		if (backoff > now && (next == -1 || backoff < next))
			next = backoff;
		tsp = NULL;
		if (next != -1) {
			ts.tv_sec = (next - now) / 1000;
			ts.tv_nsec = (next - now) % 1000 * 1000000;
			tsp = &ts;
		}

		pfd.fd = lfd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		n = lfd != -1 && nkids < maxconn && backoff <= now;
		if (ppoll(&pfd, n, tsp, &waitmask) == -1 && errno != EINTR) {
			logmsg("poll: %s", strerror(errno));
			stop();
			return 1;
		}
		now = broker_now();
		if (pfd.revents & POLLIN)
			accepting(now, &backoff);

		if (pending[SIGCHLD]) {
			pending[SIGCHLD] = 0;
			if (reap(cmd, &cmdstatus) && !stopping) {
				stopping = 1;
				stop();
			}
		}
		for (k = 0; k < sizeof(sigs) / sizeof(sigs[0]); k++) {
			if (!pending[sig = sigs[k]])
				continue;
			pending[sig] = 0;
			if (stopping)
				continue;
			if (cmd != -1)
				kill(cmd, sig);
			else if (sig == SIGHUP)
				reload(now);
			else {
				logmsg("cell %s: stopping on signal %d", cell,
				    sig);
				stopping = 1;
				stop();
			}
		}
	}
	if (cmd == -1)
		return 0;
	if (WIFSIGNALED(cmdstatus))
		return 128 + WTERMSIG(cmdstatus);
	return WEXITSTATUS(cmdstatus);
}

/* startup */

/*
 * A uid, or a name from /etc/passwd: cellsecd is linked statically, and
 * a static binary cannot load the NSS modules of a directory service.
 */
static int
user(const char *name)
{
	struct passwd *pw;
	const char *errstr;
	FILE *f;
	int uid;

	uid = strtonum(name, 0, INT_MAX, &errstr);
	if (errstr == NULL)
		return uid;
	if ((f = fopen("/etc/passwd", "re")) == NULL)
		return -1;
	uid = -1;
	while ((pw = fgetpwent(f)) != NULL)
		if (strcmp(pw->pw_name, name) == 0) {
			uid = pw->pw_uid;
			break;
		}
	fclose(f);
	return uid;
}

static char
alnum(void)
{
	static const char set[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char b;

	broker_random(&b, 1);
	return set[b % (sizeof(set) - 1)];
}

static void
mksocket(const char *path)
{
	struct sockaddr_un sa;
	struct stat st;
	const char *tmp;
	mode_t old;
	int fd, r;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (path == NULL) {
		if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
			tmp = "/tmp";
		/* mkdtemp fills six X's; the name has eight */
		if ((size_t)snprintf(sockdir, sizeof(sockdir),
		    "%s/cellsec-%c%cXXXXXX", tmp, alnum(), alnum()) >=
		    sizeof(sockdir))
			fatalx(1, "%s: path too long", tmp);
		if (mkdtemp(sockdir) == NULL) {
			sockdir[0] = '\0';
			fatalx(1, "mkdtemp %s/cellsec-XXXXXXXX: %s", tmp,
			    strerror(errno));
		}
		if ((size_t)snprintf(sockpath, sizeof(sockpath),
		    "%s/broker.sock", sockdir) >= sizeof(sockpath)) {
			rmdir(sockdir);
			sockdir[0] = '\0';
			fatalx(1, "%s/broker.sock: path too long", tmp);
		}
	} else if (strlcpy(sockpath, path, sizeof(sockpath)) >=
	    sizeof(sockpath))
		fatalx(1, "%s: socket path too long", path);
	memcpy(sa.sun_path, sockpath, strlen(sockpath));

	/* with -s, only a socket nobody answers on may be replaced */
	if (path != NULL && lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode))
			fatalx(1, "%s: exists and is not a socket", path);
		if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC,
		    0)) == -1)
			fatalx(1, "socket: %s", strerror(errno));
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			fatalx(1, "%s: a broker is listening there", path);
		close(fd);
		if (unlink(path) == -1)
			fatalx(1, "%s: %s", path, strerror(errno));
		logdebug("%s: replaced a stale socket", path);
	}

	if ((lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1)
		fatalx(1, "socket: %s", strerror(errno));
	/* bind makes the socket 0777 less the umask: 0600 */
	old = umask(0177);
	r = bind(lfd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (r == -1) {
		close(lfd);
		lfd = -1;
		if (sockdir[0] != '\0')
			rmdir(sockdir);
		fatalx(1, "bind %s: %s", sockpath, strerror(errno));
	}
	if (listen(lfd, SOMAXCONN) == -1)
		fatalx(1, "listen %s: %s", sockpath, strerror(errno));

	if (otheruid == -1)
		return;
	/* -u: a root broker gives the socket away, others open it up */
	if (geteuid() == 0) {
		if ((sockdir[0] != '\0' && chown(sockdir, otheruid, -1) == -1)
		    || chown(sockpath, otheruid, -1) == -1)
			fatalx(1, "chown %s: %s", sockpath, strerror(errno));
	} else if ((sockdir[0] != '\0' && chmod(sockdir, 0711) == -1) ||
	    chmod(sockpath, 0666) == -1)
		fatalx(1, "chmod %s: %s", sockpath, strerror(errno));
}

/*
 * The signals the broker handles are blocked but in ppoll, so none is
 * lost between a check and the wait, and connection children, which
 * inherit the mask, finish within their deadline whatever is sent.
 */
static void
signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD };
	struct sigaction sa;
	sigset_t block;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&block, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* the environment as sh commands, the socket path quoted */
static size_t
envlines(char *buf, size_t size)
{
	char q[4 * sizeof(sockpath) + 3], *p = q;
	const char *s;

	*p++ = '\'';
	for (s = sockpath; *s != '\0'; s++) {
		if (*s == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else
			*p++ = *s;
	}
	*p++ = '\'';
	*p = '\0';
	return snprintf(buf, size,
	    "CELLOS_SECRET_DELIVERY=%s; export CELLOS_SECRET_DELIVERY;\n"
	    "CELLOS_RUNTIME_SECRET_SOCKET=%s; "
	    "export CELLOS_RUNTIME_SECRET_SOCKET;\n"
	    "CELLOS_RUNTIME_SECRET_TOKEN=%s; "
	    "export CELLOS_RUNTIME_SECRET_TOKEN;\n"
	    "CELLSECD_PID=%d; export CELLSECD_PID;\n",
	    leased ? "runtimeLeasedBroker" : "runtimeBroker", q, token,
	    (int)getpid());
}

/*
 * Start the command with the environment added. A CLOEXEC pipe brings
 * back execvp's errno, so that 127 and 126 mean what sh means by them.
 */
static pid_t
spawn(char **argv)
{
	char pid[16];
	int p[2], e;
	ssize_t r;
	pid_t cmd;

	if (pipe2(p, O_CLOEXEC) == -1 || (cmd = fork()) == -1)
		fatalx(1, "fork: %s", strerror(errno));
	if (cmd == 0) {
		broker_sigreset();
		snprintf(pid, sizeof(pid), "%d", (int)getppid());
		if (setenv("CELLOS_SECRET_DELIVERY", leased ?
		    "runtimeLeasedBroker" : "runtimeBroker", 1) == -1 ||
		    setenv("CELLOS_RUNTIME_SECRET_SOCKET", sockpath, 1) == -1 ||
		    setenv("CELLOS_RUNTIME_SECRET_TOKEN", token, 1) == -1 ||
		    setenv("CELLSECD_PID", pid, 1) == -1)
			e = errno;
		else {
			execvp(argv[0], argv);
			e = errno;
		}
		(void)broker_writeall(p[1], (char *)&e, sizeof(e));
		_exit(127);
	}
	close(p[1]);
	do
		r = read(p[0], &e, sizeof(e));
	while (r == -1 && errno == EINTR);
	close(p[0]);
	if (r == sizeof(e)) {
		waitpid(cmd, NULL, 0);
		fatalx(e == ENOENT ? 127 : 126, "%s: %s", argv[0],
		    strerror(e));
	}
	return cmd;
}

int
main(int argc, char *argv[])
{
	struct rlimit zero = { 0, 0 };
	const char *errstr, *sockopt = NULL;
	char err[1024], env[4 * PATH_MAX];
	size_t len;
	pid_t cmd = -1;
	int ch, fd, status;

	/* before any secret is in memory */
	if (setrlimit(RLIMIT_CORE, &zero) == -1 ||
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1)
		fatalx(1, "cannot disable core dumps: %s", strerror(errno));
	umask(077);

	while ((ch = getopt(argc, argv, "+Lqvc:E:f:i:s:t:u:")) != -1) {
		switch (ch) {
		case 'L':
			leased = 1;
			break;
		case 'q':
			quiet = 1;
			verbose = 0;
			break;
		case 'v':
			verbose = 1;
			quiet = 0;
			break;
		case 'c':
			maxconn = strtonum(optarg, 1, 4096, &errstr);
			if (errstr != NULL) {
				logmsg("-c %s: %s", optarg, errstr);
				usage();
			}
			break;
		case 'E':
			envfile = optarg;
			break;
		case 'f':
			secretsfile = optarg;
			break;
		case 'i':
			cellopt = optarg;
			break;
		case 's':
			sockopt = optarg;
			break;
		case 't':
			timeout = strtonum(optarg, 1, 3600, &errstr);
			if (errstr != NULL) {
				logmsg("-t %s: %s", optarg, errstr);
				usage();
			}
			break;
		case 'u':
			if ((otheruid = user(optarg)) == -1) {
				logmsg("-u %s: no such user", optarg);
				usage();
			}
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (secretsfile == NULL)
		usage();
	/* a daemon keeps nothing it was started with; a command may need it */
	if (argc == 0)
		closefrom(3);
	broker_timeout = timeout;
	myuid = geteuid();
	broker_log = logmsg;
	broker_debug = logdebug;
	if ((kids = calloc(maxconn, sizeof(*kids))) == NULL)
		fatalx(1, "out of memory");

	if (envfile != NULL && (envfd = open(envfile, O_WRONLY | O_CREAT |
	    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) == -1)
		fatalx(1, "%s: %s", envfile, strerror(errno));

	/* read, check and resolve the secrets */
	if ((status = broker_load(secretsfile, leased, cellopt, NULL, &table,
	    err, sizeof(err))) != 0)
		fatalx(status, "%s", err);
	strvis(cell, cellopt != NULL ? cellopt : table->cell != NULL ?
	    table->cell : "cell", VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL);
	cell[64] = '\0';
	broker_token(token);

	mksocket(sockopt);
	signals();

	/* drop what the broker does not need */
	if (argc == 0 && (fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, 0);
		if (fd > 2)
			close(fd);
	}

	/* announce: from now on the TTLs run */
	broker_start(table, broker_now());
	len = envlines(env, sizeof(env));
	if (envfd != -1) {
		(void)broker_writeall(envfd, env, len);
		close(envfd);
		envfd = -1;
	} else if (argc == 0)
		(void)broker_writeall(1, env, len);
	explicit_bzero(env, sizeof(env));
	if (argc == 0 && (fd = open("/dev/null", O_WRONLY)) != -1) {
		dup2(fd, 1);
		if (fd > 2)
			close(fd);
	}
	if (argc > 0)
		cmd = spawn(argv);
	logmsg("cell %s: serving %zu secrets on %s%s", cell, table->n,
	    sockpath, leased ? " (leased)" : "");

	status = loop(cmd);
	explicit_bzero(token, sizeof(token));
	return status;
}

/*
 * json.c: every JSON read and write of cellsec, through yajl.
 *
 * yajl's memory comes from an allocator that wipes each block before it
 * frees it, since its buffers hold tokens and values. yajl does not check
 * for allocation failure, so the allocator does not fail: it exits. Its
 * verbose error text echoes input and is never asked for.
 */

#include <sys/types.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vis.h>

#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "broker.h"

#define HDR	16	/* keeps the blocks yajl gets aligned */

static void *
walloc(void *ctx, size_t n)
{
	static const char msg[] = "cellsec: out of memory\n";
	char *p;

	(void)ctx;
	if (n > SIZE_MAX - HDR || (p = malloc(n + HDR)) == NULL) {
		if (write(2, msg, sizeof(msg) - 1) == -1)
			_exit(1);
		_exit(1);
	}
	memcpy(p, &n, sizeof(n));
	return p + HDR;
}

static void
wfree(void *ctx, void *q)
{
	char *p;
	size_t n;

	(void)ctx;
	if (q == NULL)
		return;
	p = (char *)q - HDR;
	memcpy(&n, p, sizeof(n));
	explicit_bzero(p, n + HDR);
	free(p);
}

static void *
wrealloc(void *ctx, void *q, size_t n)
{
	size_t old;
	char *p;

	if (q == NULL)
		return walloc(ctx, n);
	memcpy(&old, (char *)q - HDR, sizeof(old));
	p = walloc(ctx, n);
	memcpy(p, q, old < n ? old : n);
	wfree(ctx, q);
	return p;
}

static yajl_alloc_funcs wipealloc = { walloc, wrealloc, wfree, NULL };

/*
 * yajl decodes a lone surrogate escape to '?' and lets it pass; refuse
 * any \uD800-\uDFFF that is not a high-low pair.
 */
static int
escapesok(const char *s, size_t len)
{
	unsigned long hi, lo;
	char hex[5];
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] != 'u' || len - i < 6) {
			i++;
			continue;
		}
		memcpy(hex, s + i + 2, 4);
		hex[4] = '\0';
		hi = strtoul(hex, NULL, 16);
		i += 5;
		if (hi >= 0xdc00 && hi <= 0xdfff)
			return 0;
		if (hi < 0xd800 || hi > 0xdbff)
			continue;
		if (len - i < 7 || s[i + 1] != '\\' || s[i + 2] != 'u')
			return 0;
		memcpy(hex, s + i + 3, 4);
		lo = strtoul(hex, NULL, 16);
		if (lo < 0xdc00 || lo > 0xdfff)
			return 0;
		i += 6;
	}
	return 1;
}

/* the request: one object, string token and key, scalars besides */

enum { M_OTHER, M_TOKEN, M_KEY };

struct reqparse {
	struct request	*r;
	int		 depth;
	int		 member;
	int		 seen;
};

static int
req_null(void *ctx)
{
	struct reqparse *p = ctx;

	return p->depth == 1 && p->member == M_OTHER;
}

static int
req_bool(void *ctx, int b)
{
	(void)b;
	return req_null(ctx);
}

static int
req_number(void *ctx, const char *s, size_t len)
{
	(void)s;
	(void)len;
	return req_null(ctx);
}

static int
req_string(void *ctx, const unsigned char *s, size_t len)
{
	struct reqparse *p = ctx;
	char *dst;
	size_t *dstlen;

	if (p->depth != 1 || !broker_utf8ok(s, len))
		return 0;
	if (p->member == M_OTHER)
		return 1;
	if (len >= REQUEST_MAX)
		return 0;
	if (p->member == M_TOKEN) {
		dst = p->r->token;
		dstlen = &p->r->tokenlen;
	} else {
		dst = p->r->key;
		dstlen = &p->r->keylen;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
	*dstlen = len;
	return 1;
}

static int
req_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct reqparse *p = ctx;
	int bit;

	if (!broker_utf8ok(s, len))
		return 0;
	if (len == 5 && memcmp(s, "token", 5) == 0)
		p->member = M_TOKEN;
	else if (len == 3 && memcmp(s, "key", 3) == 0)
		p->member = M_KEY;
	else {
		p->member = M_OTHER;
		return 1;
	}
	bit = 1 << p->member;
	if (p->seen & bit)
		return 0;
	p->seen |= bit;
	return 1;
}

static int
req_start(void *ctx)
{
	struct reqparse *p = ctx;

	if (p->depth != 0)
		return 0;
	p->depth = 1;
	return 1;
}

static int
req_end(void *ctx)
{
	struct reqparse *p = ctx;

	p->depth = 2;
	return 1;
}

static int
req_array(void *ctx)
{
	(void)ctx;
	return 0;
}

static const yajl_callbacks reqcb = {
	req_null, req_bool, NULL, NULL, req_number, req_string,
	req_start, req_map_key, req_end, req_array, req_array
};

/*
 * Parse one request line (its newline, if any, included in len).
 * Returns 0 with token and key filled in, or -1 for a bad request.
 */
int
json_parse_request(const char *buf, size_t len, struct request *r)
{
	struct reqparse p;
	yajl_handle h;
	int ok;

	memset(&p, 0, sizeof(p));
	p.r = r;
	r->tokenlen = r->keylen = 0;
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len == 0 || !broker_utf8ok(buf, len) || !escapesok(buf, len))
		return -1;
	if ((h = yajl_alloc(&reqcb, &wipealloc, &p)) == NULL)
		return -1;
	ok = yajl_parse(h, (const unsigned char *)buf, len) == yajl_status_ok &&
	    yajl_complete_parse(h) == yajl_status_ok && p.depth == 2 &&
	    p.seen == (1 << M_TOKEN | 1 << M_KEY);
	yajl_free(h);
	if (!ok) {
		explicit_bzero(r->token, r->tokenlen);
		explicit_bzero(r->key, r->keylen);
		r->tokenlen = r->keylen = 0;
		return -1;
	}
	return 0;
}

/* the response, for the client: {"value":"..."} or {"error":"..."} */

struct resparse {
	int	 depth;
	int	 member;	/* 0 other, 1 value, 2 error */
	int	 seen;
	char	*msg;
	size_t	 msglen;
	int	 iserror;
};

static int
res_scalar(void *ctx)
{
	struct resparse *p = ctx;

	return p->depth == 1 && p->member == 0;
}

static int
res_bool(void *ctx, int b)
{
	(void)b;
	return res_scalar(ctx);
}

static int
res_number(void *ctx, const char *s, size_t len)
{
	(void)s;
	(void)len;
	return res_scalar(ctx);
}

static int
res_string(void *ctx, const unsigned char *s, size_t len)
{
	struct resparse *p = ctx;

	if (p->depth != 1)
		return 0;
	if (p->member == 0)
		return 1;
	if (p->seen++ > 0 || (p->msg = malloc(len + 1)) == NULL)
		return 0;
	memcpy(p->msg, s, len);
	p->msg[len] = '\0';
	p->msglen = len;
	p->iserror = p->member == 2;
	return 1;
}

static int
res_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct resparse *p = ctx;

	if (len == 5 && memcmp(s, "value", 5) == 0)
		p->member = 1;
	else if (len == 5 && memcmp(s, "error", 5) == 0)
		p->member = 2;
	else
		p->member = 0;
	return 1;
}

static int
res_start(void *ctx)
{
	struct resparse *p = ctx;

	return p->depth++ == 0;
}

static int
res_end(void *ctx)
{
	struct resparse *p = ctx;

	p->depth = 2;
	return 1;
}

static const yajl_callbacks rescb = {
	res_scalar, res_bool, NULL, NULL, res_number, res_string,
	res_start, res_map_key, res_end, req_array, req_array
};

/*
 * Parse a whole response: one object and a newline, nothing else.
 * Returns 0 with *msg (free with json_free) and *iserror, or -1.
 */
int
json_parse_response(const char *buf, size_t len, char **msg, size_t *msglen,
    int *iserror)
{
	struct resparse p;
	yajl_handle h;
	int ok;

	memset(&p, 0, sizeof(p));
	if (len < 2 || buf[len - 1] != '\n' || memchr(buf, '\n', len - 1))
		return -1;
	if ((h = yajl_alloc(&rescb, &wipealloc, &p)) == NULL)
		return -1;
	ok = yajl_parse(h, (const unsigned char *)buf, len) == yajl_status_ok &&
	    yajl_complete_parse(h) == yajl_status_ok && p.depth == 2 &&
	    p.seen == 1;
	yajl_free(h);
	if (!ok) {
		json_free(p.msg, p.msglen);
		return -1;
	}
	*msg = p.msg;
	*msglen = p.msglen;
	*iserror = p.iserror;
	return 0;
}

/* writing */

static int
finish(yajl_gen g, int nl, char **out, size_t *outlen)
{
	const unsigned char *b;
	size_t n;
	char *s;

	if (yajl_gen_get_buf(g, &b, &n) != yajl_gen_status_ok ||
	    (s = malloc(n + 2)) == NULL) {
		yajl_gen_free(g);
		return -1;
	}
	memcpy(s, b, n);
	if (nl)
		s[n++] = '\n';
	s[n] = '\0';
	yajl_gen_free(g);
	*out = s;
	*outlen = n;
	return 0;
}

/* {"m1":"v1"} or {"m1":"v1","m2":"v2"} and a newline */
int
json_object(const char *m1, const char *v1, size_t l1, const char *m2,
    const char *v2, size_t l2, char **out, size_t *outlen)
{
	yajl_gen g;

	if ((g = yajl_gen_alloc(&wipealloc)) == NULL)
		return -1;
	yajl_gen_map_open(g);
	yajl_gen_string(g, (const unsigned char *)m1, strlen(m1));
	yajl_gen_string(g, (const unsigned char *)v1, l1);
	if (m2 != NULL) {
		yajl_gen_string(g, (const unsigned char *)m2, strlen(m2));
		yajl_gen_string(g, (const unsigned char *)v2, l2);
	}
	yajl_gen_map_close(g);
	return finish(g, 1, out, outlen);
}

/* s as a JSON string, quotes included */
int
json_quote(const char *s, size_t len, char **out, size_t *outlen)
{
	yajl_gen g;

	if ((g = yajl_gen_alloc(&wipealloc)) == NULL)
		return -1;
	yajl_gen_string(g, (const unsigned char *)s, len);
	return finish(g, 0, out, outlen);
}

void
json_free(char *s, size_t len)
{
	if (s != NULL) {
		explicit_bzero(s, len);
		free(s);
	}
}

/*
 * The secrets file. Errors are "LINE:COLUMN: what" at the token yajl
 * had just read.
 */

enum ctx {
	C_NONE,		/* before the top object */
	C_TOP,		/* in the top object */
	C_SECRETS,	/* in "secrets" */
	C_ENTRY,	/* in an entry object */
	C_ARGV,		/* in a "command" array */
	C_DONE
};

enum member {
	T_CELL, T_TTL, T_SECRETS, E_VALUE, E_FILE, E_COMMAND, E_ENV, E_TTL,
	E_SYSTEMD, NMEMBER
};

static const char *const members[NMEMBER] = {
	"cell", "ttl", "secrets", "value", "file", "command", "env", "ttl",
	"systemd"
};

struct fileparse {
	struct table	*t;
	struct entry	*e;
	yajl_handle	 h;
	const char	*buf;
	enum ctx	 ctx;
	int		 member;
	unsigned int	 topseen;	/* members of the top object */
	unsigned int	 seen;		/* members of this entry */
	size_t		 argc;
	size_t		 off;		/* counted up to here */
	int		 line;
	int		 col;
	char		 err[256];
};

/* yajl's offset only grows within one parse: count from the last one */
static void
where(struct fileparse *p, int *line, int *col)
{
	size_t off;

	off = yajl_get_bytes_consumed(p->h);
	for (; p->off < off; p->off++) {
		if (p->buf[p->off] == '\n') {
			p->line++;
			p->col = 1;
		} else
			p->col++;
	}
	*line = p->line;
	*col = p->col;
}

static int
fail(struct fileparse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
fail(struct fileparse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
	return 0;
}

/* a string from the file, safe to put in a message */
static const char *
safe(const unsigned char *s, size_t len)
{
	static char buf[4 * 64 + 4];

	strvisx(buf, (const char *)s, len > 64 ? 64 : len,
	    VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL | VIS_DQ);
	if (len > 64)
		strlcat(buf, "...", sizeof(buf));
	return buf;
}

static int
sources(unsigned int seen)
{
	return !!(seen & 1 << E_VALUE) + !!(seen & 1 << E_FILE) +
	    !!(seen & 1 << E_COMMAND) + !!(seen & 1 << E_ENV);
}

static char *
dupstr(struct fileparse *p, const unsigned char *s, size_t len)
{
	char *d;

	if (!broker_utf8ok(s, len)) {
		fail(p, "string is not valid UTF-8 or holds a NUL byte");
		return NULL;
	}
	if ((d = malloc(len + 1)) == NULL) {
		fail(p, "out of memory");
		return NULL;
	}
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static int
file_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct fileparse *p = ctx;
	unsigned int *seen;
	int m, first, last;

	if (p->ctx == C_SECRETS) {
		if (!broker_keyok((const char *)s, len))
			return fail(p, "bad key \"%s\"", safe(s, len));
		if ((p->e = broker_add(p->t, (const char *)s, len)) == NULL)
			return fail(p, "out of memory");
		where(p, &p->e->line, &p->e->col);
		return 1;
	}
	if (p->ctx == C_TOP) {
		first = T_CELL;
		last = T_SECRETS;
		seen = &p->topseen;
	} else {
		first = E_VALUE;
		last = E_SYSTEMD;
		seen = &p->seen;
	}
	for (m = first; m <= last; m++)
		if (strlen(members[m]) == len &&
		    memcmp(members[m], s, len) == 0)
			break;
	if (m > last)
		return fail(p, "unknown member \"%s\"", safe(s, len));
	if (*seen & 1u << m)
		return fail(p, "duplicate member \"%s\"", members[m]);
	*seen |= 1u << m;
	if (p->ctx == C_ENTRY && sources(p->seen) > 1)
		return fail(p, "more than one source for \"%s\"", p->e->key);
	p->member = m;
	return 1;
}

static int
file_start_map(void *ctx)
{
	struct fileparse *p = ctx;

	switch (p->ctx) {
	case C_NONE:
		p->ctx = C_TOP;
		return 1;
	case C_TOP:
		if (p->member != T_SECRETS)
			break;
		p->ctx = C_SECRETS;
		return 1;
	case C_SECRETS:
		p->ctx = C_ENTRY;
		p->seen = 0;
		return 1;
	default:
		break;
	}
	return fail(p, "unexpected object");
}

static int
file_end_map(void *ctx)
{
	struct fileparse *p = ctx;

	switch (p->ctx) {
	case C_TOP:
		p->ctx = C_DONE;
		return 1;
	case C_SECRETS:
		p->ctx = C_TOP;
		return 1;
	case C_ENTRY:
		if (sources(p->seen) == 0)
			return fail(p, "no source for \"%s\": one of value, "
			    "file, command or env is needed", p->e->key);
		p->ctx = C_SECRETS;
		return 1;
	default:
		return 0;
	}
}

static int
file_start_array(void *ctx)
{
	struct fileparse *p = ctx;

	if (p->ctx == C_ENTRY && p->member == E_COMMAND) {
		p->ctx = C_ARGV;
		p->argc = 0;
		return 1;
	}
	return fail(p, "unexpected array");
}

static int
file_end_array(void *ctx)
{
	struct fileparse *p = ctx;

	if (p->argc == 0)
		return fail(p, "command for \"%s\" is empty", p->e->key);
	p->ctx = C_ENTRY;
	p->e->source = SOURCE_COMMAND;
	return 1;
}

static int
file_string(void *ctx, const unsigned char *s, size_t len)
{
	struct fileparse *p = ctx;
	struct entry *e = p->e;
	char **argv;

	switch (p->ctx) {
	case C_TOP:
		if (p->member != T_CELL)
			break;
		if ((p->t->cell = dupstr(p, s, len)) == NULL)
			return 0;
		return 1;
	case C_SECRETS:
		p->member = E_VALUE;
		/* FALLTHROUGH */
	case C_ENTRY:
		if (p->member == E_VALUE) {
			if ((e->value = dupstr(p, s, len)) == NULL)
				return fail(p, "value of \"%s\" is not valid "
				    "UTF-8 or holds a NUL byte", e->key);
			e->valuelen = len;
			e->source = SOURCE_VALUE;
			return 1;
		}
		if (p->member != E_FILE && p->member != E_ENV)
			break;
		if ((e->path = dupstr(p, s, len)) == NULL)
			return 0;
		if (p->member == E_FILE && e->path[0] != '/')
			return fail(p, "file for \"%s\" is not an absolute "
			    "path", e->key);
		if (p->member == E_ENV && (len == 0 || strchr(e->path, '=')))
			return fail(p, "bad variable name for \"%s\"", e->key);
		e->source = p->member == E_FILE ? SOURCE_FILE : SOURCE_ENV;
		return 1;
	case C_ARGV:
		if (p->argc == 0 && (len == 0 || s[0] != '/'))
			return fail(p, "command for \"%s\" does not start "
			    "with an absolute path", e->key);
		argv = reallocarray(e->argv, p->argc + 2, sizeof(*argv));
		if (argv == NULL)
			return fail(p, "out of memory");
		e->argv = argv;
		argv[p->argc + 1] = NULL;
		if ((argv[p->argc] = dupstr(p, s, len)) == NULL)
			return 0;
		p->argc++;
		return 1;
	default:
		break;
	}
	return fail(p, "unexpected string");
}

static int
file_number(void *ctx, const char *s, size_t len)
{
	struct fileparse *p = ctx;
	long long v = 0;
	size_t i = 0;
	int neg = 0;

	if ((p->ctx != C_TOP || p->member != T_TTL) &&
	    (p->ctx != C_ENTRY || p->member != E_TTL))
		return fail(p, "unexpected number");
	if (len > 0 && s[0] == '-') {
		neg = 1;
		i++;
	}
	if (i == len)
		return fail(p, "ttl must be an integer");
	for (; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return fail(p, "ttl must be an integer");
		if (v > TTL_MAX)
			continue;
		v = v * 10 + (s[i] - '0');
	}
	if (v > TTL_MAX)
		return fail(p, "ttl is over %lld seconds", TTL_MAX);
	if (neg)
		v = -v;
	if (v < 1)
		v = 1;
	if (p->ctx == C_TOP)
		p->t->ttl = v;
	else
		p->e->ttl = v;
	return 1;
}

static int
file_bool(void *ctx, int b)
{
	struct fileparse *p = ctx;

	if (p->ctx != C_ENTRY || p->member != E_SYSTEMD)
		return fail(p, "unexpected boolean");
	p->e->systemd = b;
	return 1;
}

static int
file_null(void *ctx)
{
	return fail(ctx, "unexpected null");
}

static const yajl_callbacks filecb = {
	file_null, file_bool, NULL, NULL, file_number, file_string,
	file_start_map, file_map_key, file_end_map, file_start_array,
	file_end_array
};

/*
 * Parse a secrets file into t: keys, sources and TTLs checked, nothing
 * resolved. On failure err is "LINE:COLUMN: what".
 */
int
json_parse_secrets(const char *buf, size_t len, struct table *t, char *err,
    size_t errsz)
{
	struct fileparse p;
	yajl_status st;
	unsigned char *msg;
	int line, col;
	size_t n;

	memset(&p, 0, sizeof(p));
	p.t = t;
	p.buf = buf;
	p.line = p.col = 1;
	if ((p.h = yajl_alloc(&filecb, &wipealloc, &p)) == NULL) {
		snprintf(err, errsz, "1:1: out of memory");
		return -1;
	}
	st = yajl_parse(p.h, (const unsigned char *)buf, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(p.h);
	if (st == yajl_status_ok && p.ctx != C_DONE) {
		st = yajl_status_error;
		fail(&p, "the file is not one JSON object");
	}
	if (st == yajl_status_ok && !(p.topseen & 1u << T_SECRETS)) {
		yajl_free(p.h);
		snprintf(err, errsz, "1:1: no \"secrets\" member");
		return -1;
	}
	if (st != yajl_status_ok) {
		where(&p, &line, &col);
		if (p.err[0] == '\0') {
			/* the terse form: no input echoed */
			msg = yajl_get_error(p.h, 0, NULL, 0);
			n = strcspn((char *)msg, "\n");
			snprintf(p.err, sizeof(p.err), "%.*s", (int)n,
			    (char *)msg);
			yajl_free_error(p.h, msg);
		}
		snprintf(err, errsz, "%d:%d: %s", line, col, p.err);
		yajl_free(p.h);
		return -1;
	}
	yajl_free(p.h);
	return 0;
}

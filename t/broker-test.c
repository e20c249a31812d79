/* t/broker-test.c: unit tests for broker.c, printing TAP */

#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "broker.h"

static int n, failed;

static void
ok(int cond, const char *desc)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, desc);
}

static int
utf8(const char *s)
{
	return broker_utf8ok(s, strlen(s));
}

static void
keys(void)
{
	char k[KEY_MAX + 2];

	ok(broker_keyok("DB_PASSWORD", 11), "key: letters and underscore");
	ok(broker_keyok("a.b-c/d:e@f+g_0", 15), "key: every allowed mark");
	ok(!broker_keyok("", 0), "key: empty refused");
	ok(!broker_keyok("A B", 3), "key: space refused");
	ok(!broker_keyok("A\"B", 3), "key: quote refused");
	ok(!broker_keyok("A\0B", 3), "key: NUL refused");
	ok(!broker_keyok("\xc3\xa9", 2), "key: non-ASCII refused");
	memset(k, 'K', sizeof(k));
	ok(broker_keyok(k, KEY_MAX), "key: 255 bytes accepted");
	ok(!broker_keyok(k, KEY_MAX + 1), "key: 256 bytes refused");
}

static void
strict(void)
{
	ok(utf8("plain ASCII"), "utf8: ASCII");
	ok(utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x91"),
	    "utf8: 2, 3, 4 bytes");
	ok(utf8("\xf4\x8f\xbf\xbf"), "utf8: U+10FFFF");
	ok(!utf8("\xc0\x80"), "utf8: overlong NUL refused");
	ok(!utf8("\xe0\x80\xaf"), "utf8: overlong slash refused");
	ok(!utf8("\xed\xa0\x80"), "utf8: surrogate refused");
	ok(!utf8("\xf4\x90\x80\x80"), "utf8: past U+10FFFF refused");
	ok(!utf8("\xf5\x80\x80\x80"), "utf8: F5 lead refused");
	ok(!utf8("\xc3"), "utf8: truncated sequence refused");
	ok(!utf8("\x80"), "utf8: lone continuation refused");
	ok(!broker_utf8ok("a\0b", 3), "utf8: NUL refused");
}

static void
table(void)
{
	struct table *t;
	struct entry *e;
	char key[16];
	int i, found = 1;
	long long next;

	t = broker_new();
	for (i = 999; i >= 0; i--) {
		snprintf(key, sizeof(key), "K%d", i);
		e = broker_add(t, key, strlen(key));
		e->value = strdup("v");
		e->valuelen = 1;
		e->ttl = i == 7 ? 1 : 60;
	}
	broker_sort(t);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "K%d", i);
		e = broker_lookup(t, key, strlen(key));
		if (e == NULL || strcmp(e->key, key) != 0)
			found = 0;
	}
	ok(found, "lookup: each of 1000 keys found");
	ok(broker_lookup(t, "K1000", 5) == NULL, "lookup: absent key");
	ok(broker_lookup(t, "K1", 1) == NULL, "lookup: prefix is not a key");
	ok(broker_freeze(t) == 0, "freeze 1000 entries");
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "K%d", i);
		e = broker_lookup(t, key, strlen(key));
		if (e == NULL || strcmp(e->key, key) != 0)
			found = 0;
	}
	ok(found, "frozen lookup: each of 1000 keys found");
	ok(broker_lookup(t, "K1000", 5) == NULL, "frozen lookup: absent key");
	ok(broker_lookup(t, "K1", 1) == NULL,
	    "frozen lookup: prefix is not a key");
	ok(broker_lookup(t, "K10", 3) != NULL &&
	    broker_lookup(t, "K100", 4) != NULL &&
	    broker_lookup(t, "K10", 3) != broker_lookup(t, "K100", 4),
	    "frozen lookup: keys that share a prefix");

	broker_start(t, 0);
	next = broker_expire(t, 500);
	ok(next == 1000, "expire: next is the shortest TTL");
	e = broker_lookup(t, "K7", 2);
	ok(!e->expired && e->value != NULL, "expire: live before its TTL");
	next = broker_expire(t, 1000);
	ok(e->expired && e->value == NULL && e->valuelen == 0,
	    "expire: value dropped at its TTL");
	ok(next == 60000, "expire: next moves on");
	e = broker_lookup(t, "K8", 2);
	ok(!e->expired && e->value != NULL, "expire: others stay");
	broker_free(t);
}

static void
frozen(void)
{
	struct table *t;
	struct entry *e;
	int status;
	pid_t pid;

	t = broker_new();
	e = broker_add(t, "B", 1);
	e->value = strdup("bee");
	e->valuelen = 3;
	e->ttl = 1;
	e = broker_add(t, "A", 1);
	e->value = strdup("ay");
	e->valuelen = 2;
	e->ttl = 5;
	broker_sort(t);
	ok(broker_freeze(t) == 0, "freeze: done");
	ok(broker_add(t, "C", 1) == NULL, "freeze: no entry added after");
	e = broker_lookup(t, "B", 1);
	ok(e != NULL && strcmp(e->value, "bee") == 0, "freeze: lookup");
	ok((char *)e->value >= t->arena &&
	    (char *)e->value < t->arena + t->arenasize,
	    "freeze: the value lives in the arena");

	/* a child that writes to the table dies */
	fflush(stdout);
	if ((pid = fork()) == 0) {
		signal(SIGSEGV, SIG_DFL);	/* not a sanitizer's */
		e->value[0] = 'X';
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	    "freeze: the table is read-only");

	broker_start(t, 0);
	broker_expire(t, 1000);
	ok(e->expired && e->value == NULL, "freeze: expiry wipes");
	ok(memmem(t->arena, t->arenasize, "bee", 3) == NULL,
	    "freeze: no copy left in the arena");
	ok(strcmp(broker_lookup(t, "A", 1)->value, "ay") == 0,
	    "freeze: the other value stays");
	broker_free(t);
}

static void
token(void)
{
	char a[TOKEN_LEN + 1], b[TOKEN_LEN + 1];
	int i, shape = 1;

	broker_token(a);
	broker_token(b);
	ok(strlen(a) == TOKEN_LEN, "token: 36 characters");
	for (i = 0; i < TOKEN_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			shape &= a[i] == '-';
		else
			shape &= strchr("0123456789abcdef", a[i]) != NULL;
	}
	ok(shape, "token: UUID shape");
	ok(a[14] == '4', "token: version 4");
	ok(strchr("89ab", a[19]) != NULL, "token: RFC 4122 variant");
	ok(strcmp(a, b) != 0, "token: two tokens differ");
	ok(timingsafe_bcmp(a, a, TOKEN_LEN) == 0, "bcmp: equal");
	memcpy(b, a, sizeof(a));
	b[TOKEN_LEN - 1] ^= 1;
	ok(timingsafe_bcmp(a, b, TOKEN_LEN) != 0, "bcmp: last byte differs");
	b[TOKEN_LEN - 1] ^= 1;
	b[0] ^= 0x80;
	ok(timingsafe_bcmp(a, b, TOKEN_LEN) != 0, "bcmp: high bit differs");
}

int
main(void)
{
	keys();
	strict();
	table();
	frozen();
	token();
	printf("1..%d\n", n);
	return failed != 0;
}

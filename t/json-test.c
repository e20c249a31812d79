/* t/json-test.c: TAP tests of json_parse_request */

#include <stdio.h>
#include <string.h>

#include "broker.h"

static int	 n;
static int	 failed;

static void
check(int cond, const char *desc)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, desc);
}

/* good: the request parses and yields exactly this token and key */
static void
good(const char *in, size_t inlen, const char *token, size_t tokenlen,
    const char *key, size_t keylen, const char *desc)
{
	static struct request	 r;
	int			 rc;

	memset(&r, 0xa5, sizeof(r));
	rc = json_parse_request(in, inlen, &r);
	check(rc == 0 && r.tokenlen == tokenlen &&
	    memcmp(r.token, token, tokenlen) == 0 && r.keylen == keylen &&
	    memcmp(r.key, key, keylen) == 0, desc);
	if (rc != 0)
		printf("#   returned %d\n", rc);
}

/* bad: the request is refused */
static void
bad(const char *in, size_t inlen, const char *desc)
{
	static struct request	 r;

	check(json_parse_request(in, inlen, &r) == -1, desc);
}

#define S(s)	(s), sizeof(s) - 1

int
main(void)
{
	printf("1..53\n");

	/* well-formed requests */
	good(S("{\"token\":\"t0k\",\"key\":\"DB\"}"), S("t0k"), S("DB"),
	    "token and key");
	good(S("{\"key\":\"DB\",\"token\":\"t0k\"}"), S("t0k"), S("DB"),
	    "key before token");
	good(S(" { \"token\" : \"t\" ,\n\t\"key\" : \"k\" } "), S("t"),
	    S("k"), "whitespace between tokens");
	good(S("{\"a\":\"x\",\"token\":\"t\",\"b\":1,\"c\":-2.5e3,"
	    "\"d\":true,\"e\":false,\"f\":null,\"key\":\"k\"}"), S("t"),
	    S("k"), "unknown scalar members ignored");
	good(S("{\"token\":\"t\",\"key\":\"a\\\"b\\\\c\\/d\"}"), S("t"),
	    S("a\"b\\c/d"), "escapes in the key decoded");
	good(S("{\"token\":\"t\",\"key\":\"\\u0001\\t\\n\"}"), S("t"),
	    S("\001\t\n"), "escaped control bytes decoded");
	good(S("{\"token\":\"t\",\"key\":\"\\u00e9\"}"), S("t"),
	    S("\xc3\xa9"), "\\u00e9 decoded to UTF-8");
	good(S("{\"token\":\"t\",\"key\":\"\\ud83d\\ude00\"}"), S("t"),
	    S("\xf0\x9f\x98\x80"), "surrogate pair escape decoded");
	good(S("{\"token\":\"t\",\"key\":\"\xc3\xa9\xe2\x82\xac\"}"), S("t"),
	    S("\xc3\xa9\xe2\x82\xac"), "raw 2- and 3-byte UTF-8 accepted");
	good(S("{\"token\":\"t\",\"key\":\"\xf0\x9f\x98\x80\"}"), S("t"),
	    S("\xf0\x9f\x98\x80"), "raw 4-byte UTF-8 accepted");
	good(S("{\"token\":\"t\",\"key\":\"\xf4\x8f\xbf\xbf\"}"), S("t"),
	    S("\xf4\x8f\xbf\xbf"), "U+10FFFF accepted");
	good(S("{\"token\":\"t\",\"key\":\"\xef\xbf\xbf\"}"), S("t"),
	    S("\xef\xbf\xbf"), "U+FFFF accepted");
	good(S("{\"token\":\"550e8400-e29b-41d4-a716-446655440000\","
	    "\"key\":\"A.b_c-d/e:f@g+h\"}"),
	    S("550e8400-e29b-41d4-a716-446655440000"), S("A.b_c-d/e:f@g+h"),
	    "UUID token and key of every allowed class");

	/* missing or duplicate members */
	bad(S("{\"key\":\"k\"}"), "missing token");
	bad(S("{\"token\":\"t\"}"), "missing key");
	bad(S("{}"), "empty object");
	bad(S("{\"token\":\"t\",\"token\":\"t\",\"key\":\"k\"}"),
	    "duplicate token");
	bad(S("{\"token\":\"t\",\"key\":\"k\",\"key\":\"k\"}"),
	    "duplicate key");
	bad(S("{\"token\":\"t\",\"key\":\"k\",\"key\":\"other\"}"),
	    "duplicate key with another value");
	bad(S("{\"token\":1,\"key\":\"k\"}"), "token not a string");
	bad(S("{\"token\":\"t\",\"key\":null}"), "key null");
	bad(S("{\"token\":\"t\",\"key\":true}"), "key a boolean");

	/* nesting */
	bad(S("{\"token\":\"t\",\"key\":\"k\",\"x\":{}}"),
	    "nested object in an unknown member");
	bad(S("{\"token\":\"t\",\"key\":\"k\",\"x\":[]}"),
	    "nested array in an unknown member");
	bad(S("{\"token\":\"t\",\"key\":{\"a\":\"b\"}}"), "key an object");
	bad(S("{\"token\":[\"t\"],\"key\":\"k\"}"), "token an array");
	bad(S("{\"token\":\"t\",\"key\":\"k\",\"x\":{\"y\":{\"z\":[1]}}}"),
	    "deep nesting");

	/* NUL bytes */
	bad(S("{\"token\":\"t\",\"key\":\"a\0b\"}"), "raw NUL in the key");
	bad(S("{\"token\":\"t\0\",\"key\":\"k\"}"), "raw NUL in the token");
	bad(S("{\"token\":\"t\",\"key\":\"a\\u0000b\"}"),
	    "\\u0000 in the key");
	bad(S("{\"token\":\"t\\u0000\",\"key\":\"k\"}"),
	    "\\u0000 in the token");
	bad(S("{\"token\":\"t\",\"key\":\"k\"}\0"), "NUL after the object");

	/* invalid UTF-8 */
	bad(S("{\"token\":\"t\",\"key\":\"\xc0\x80\"}"), "overlong C0 80");
	bad(S("{\"token\":\"t\",\"key\":\"\xc1\xbf\"}"), "overlong C1 BF");
	bad(S("{\"token\":\"t\",\"key\":\"\xe0\x80\xaf\"}"),
	    "overlong E0 80 AF");
	bad(S("{\"token\":\"t\",\"key\":\"\xf0\x80\x80\xaf\"}"),
	    "overlong F0 80 80 AF");
	bad(S("{\"token\":\"t\",\"key\":\"\xed\xa0\x80\"}"),
	    "surrogate ED A0 80");
	bad(S("{\"token\":\"t\",\"key\":\"\xed\xbf\xbf\"}"),
	    "surrogate ED BF BF");
	bad(S("{\"token\":\"t\",\"key\":\"\xf4\x90\x80\x80\"}"),
	    "past U+10FFFF: F4 90 80 80");
	bad(S("{\"token\":\"t\",\"key\":\"\xf5\x80\x80\x80\"}"),
	    "lead byte F5");
	bad(S("{\"token\":\"t\",\"key\":\"\x80\"}"), "lone continuation byte");
	bad(S("{\"token\":\"t\",\"key\":\"\xe2\x82\"}"), "truncated sequence");
	bad(S("{\"token\":\"t\",\"key\":\"\xff\"}"), "byte FF");
	bad(S("{\"token\":\"t\xc0\x80\",\"key\":\"k\"}"),
	    "overlong in the token");
	bad(S("{\"token\":\"t\",\"key\":\"\\ud800\"}"), "lone \\ud800 escape");
	bad(S("{\"token\":\"t\",\"key\":\"\\udc00\"}"), "lone \\udc00 escape");
	bad(S("{\"token\":\"t\",\"key\":\"\\ud800\\u0041\"}"),
	    "\\ud800 followed by a non-surrogate");

	/* not one object */
	bad(S("{\"token\":\"t\",\"key\":\"k\"} x"), "trailing data");
	bad(S("{\"token\":\"t\",\"key\":\"k\"}{\"token\":\"t\",\"key\":\"k\"}"),
	    "two objects");
	bad(S("[\"t\",\"k\"]"), "array, not an object");
	bad(S("\"k\""), "string, not an object");
	bad(S("{\"token\":\"t\",\"key\":\"k\""), "unterminated object");
	bad(S(""), "empty input");

	return failed != 0;
}

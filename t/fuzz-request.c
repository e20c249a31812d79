/* fuzz json_parse_request: no crash, no leak, and what it accepts is sane */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "broker.h"

/* strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF */
static int
utf8ok(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	unsigned long c, min;

	while (i < n) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			c &= 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			c &= 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			c &= 0x07;
			min = 0x10000;
		} else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct request r;
	char *buf;

	/* a private copy, exactly size bytes, so ASan sees any overread */
	if ((buf = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(buf, data, size);

	if (json_parse_request(buf, size, &r) == 0) {
		if (r.tokenlen > size || r.keylen > size)
			abort();
		if (r.tokenlen > sizeof(r.token) || r.keylen > sizeof(r.key))
			abort();
		if (memchr(r.key, '\0', r.keylen) != NULL ||
		    memchr(r.token, '\0', r.tokenlen) != NULL)
			abort();
		if (!utf8ok((unsigned char *)r.key, r.keylen) ||
		    !utf8ok((unsigned char *)r.token, r.tokenlen))
			abort();
	}
	if (memcmp(buf, data, size) != 0)
		abort();		/* the parser wrote to its input */
	free(buf);
	return 0;
}

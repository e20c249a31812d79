/* fuzz json_parse_secrets: no crash and no leak on any input */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "broker.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table *t;
	char *buf, err[256];

	if ((buf = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(buf, data, size);
	if ((t = broker_new()) == NULL)
		abort();

	memset(err, 'x', sizeof(err));
	if (json_parse_secrets(buf, size, t, err, sizeof(err)) == -1 &&
	    memchr(err, '\0', sizeof(err)) == NULL)
		abort();		/* an error message left unterminated */

	broker_free(t);
	free(buf);
	return 0;
}

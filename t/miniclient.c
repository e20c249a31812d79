/*
 * t/miniclient: the least a client can do for `cellsec get key', the
 * bench's reference for a whole client process; no JSON, no escapes
 */

#include <sys/socket.h>
#include <sys/un.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PREFIX	"{\"value\":\""

int
main(int argc, char *argv[])
{
	struct sockaddr_un addr;
	const char *path, *token;
	char req[4096], *buf = NULL, *p;
	size_t len = 0, cap = 0, off;
	ssize_t r;
	int fd, n;

	if (argc != 2) {
		fprintf(stderr, "usage: miniclient key\n");
		return 64;
	}
	path = getenv("CELLOS_RUNTIME_SECRET_SOCKET");
	token = getenv("CELLOS_RUNTIME_SECRET_TOKEN");
	if (path == NULL || token == NULL)
		errx(2, "CELLOS_RUNTIME_SECRET_SOCKET or _TOKEN unset");
	n = snprintf(req, sizeof(req), "{\"token\":\"%s\",\"key\":\"%s\"}\n",
	    token, argv[1]);
	if (n < 0 || (size_t)n >= sizeof(req))
		errx(64, "request too long");

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr.sun_path))
		errx(2, "%s: socket path too long", path);
	memcpy(addr.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		err(2, "socket");
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == -1)
		err(2, "%s", path);
	for (off = 0; off < (size_t)n; off += r)
		if ((r = write(fd, req + off, n - off)) == -1)
			err(2, "write");

	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((buf = realloc(buf, cap)) == NULL)
				err(2, NULL);
		}
		if ((r = read(fd, buf + len, cap - len)) == -1)
			err(2, "read");
		len += r;
	} while (r > 0);
	close(fd);

	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len < strlen(PREFIX) + 2 ||
	    memcmp(buf, PREFIX, strlen(PREFIX)) != 0 ||
	    memcmp(buf + len - 2, "\"}", 2) != 0)
		errx(1, "not a value: %.*s", (int)(len > 80 ? 80 : len), buf);
	p = buf + strlen(PREFIX);
	len -= strlen(PREFIX) + 2;
	for (off = 0; off < len; off += r)
		if ((r = write(STDOUT_FILENO, p + off, len - off)) == -1)
			err(2, "write");
	return 0;
}

/*
 * cellsec: ask the broker of this cell for one secret.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vis.h>

#include "broker.h"

#define EX_REFUSED	1
#define EX_UNREACHABLE	2

static void __dead
usage(void)
{
	fprintf(stderr, "usage: cellsec get key\n");
	exit(EX_USAGE);
}

static int
dial(const char *path)
{
	struct sockaddr_un sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlcpy(sa.sun_path, path, sizeof(sa.sun_path)) >=
	    sizeof(sa.sun_path))
		errx(EX_UNREACHABLE, "%s: socket path too long", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(EX_UNREACHABLE, "socket");
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1)
		err(EX_UNREACHABLE, "%s", path);
	return fd;
}

int
main(int argc, char *argv[])
{
	const char *path, *token;
	char *req = NULL, *buf = NULL, *msg = NULL, *safe;
	size_t reqlen, cap = 0, msglen;
	ssize_t len;
	int fd, iserror, status;

	if (argc != 3 || strcmp(argv[1], "get") != 0)
		usage();
	if ((path = getenv("CELLOS_RUNTIME_SECRET_SOCKET")) == NULL ||
	    *path == '\0')
		errx(EX_UNREACHABLE, "CELLOS_RUNTIME_SECRET_SOCKET is not set");
	if ((token = getenv("CELLOS_RUNTIME_SECRET_TOKEN")) == NULL ||
	    *token == '\0')
		errx(EX_UNREACHABLE, "CELLOS_RUNTIME_SECRET_TOKEN is not set");

	/* a broker that closes early must not kill us before we read */
	signal(SIGPIPE, SIG_IGN);
	fd = dial(path);
	if (json_object("token", token, strlen(token), "key", argv[2],
	    strlen(argv[2]), &req, &reqlen) == -1)
		errx(EX_UNREACHABLE, "out of memory");
	if (broker_writeall(fd, req, reqlen) == -1 && errno != EPIPE) {
		json_free(req, reqlen);
		err(EX_UNREACHABLE, "%s", path);
	}
	json_free(req, reqlen);

	len = broker_slurp(fd, &buf, &cap, RESPONSE_MAX);
	close(fd);
	if (len < 0 || json_parse_response(buf, len, &msg, &msglen,
	    &iserror) == -1) {
		json_free(buf, cap);
		errx(EX_UNREACHABLE, "%s: %s", path, len < 0 ?
		    "cannot read the answer" : "not a valid answer");
	}
	json_free(buf, cap);

	if (iserror) {
		/* the message is the broker's; keep the terminal safe */
		if ((safe = malloc(4 * msglen + 1)) == NULL)
			errx(EX_REFUSED, "out of memory");
		strvisx(safe, msg, msglen, VIS_SAFE | VIS_OCTAL | VIS_NOSLASH);
		json_free(msg, msglen);
		errx(EX_REFUSED, "%s", safe);
	}
	status = broker_writeall(1, msg, msglen) == -1 ? EX_UNREACHABLE : 0;
	json_free(msg, msglen);
	if (status != 0)
		err(status, "stdout");
	return 0;
}

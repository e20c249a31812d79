/*
 * t/floor: the bench's floor, a fork-per-connection server that does
 * nothing cellsecd adds: no parsing, no sandbox, no logging
 */

#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
reap(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

/* read the request up to a newline or EOF, answer, exit */
static void
serve(int fd, const char *answer, size_t len)
{
	char buf[4096];
	ssize_t r;
	size_t off;

	while ((r = read(fd, buf, sizeof(buf))) > 0)
		if (memchr(buf, '\n', r) != NULL)
			break;
	for (off = 0; off < len; off += r)
		if ((r = write(fd, answer + off, len - off)) == -1)
			break;
	_exit(0);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_un addr;
	struct sigaction sa;
	char *answer;
	int s, fd, len;

	if (argc != 3) {
		fprintf(stderr, "usage: floor socket value\n");
		return 64;
	}
	len = asprintf(&answer, "{\"value\":\"%s\"}\n", argv[2]);
	if (len == -1)
		err(1, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = reap;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGCHLD, &sa, NULL) == -1)
		err(1, "sigaction");

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	if (strlen(argv[1]) >= sizeof(addr.sun_path))
		errx(64, "%s: socket path too long", argv[1]);
	memcpy(addr.sun_path, argv[1], strlen(argv[1]) + 1);
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		err(1, "socket");
	unlink(argv[1]);
	if (bind(s, (struct sockaddr *)&addr, sizeof(addr)) == -1)
		err(1, "%s", argv[1]);
	if (listen(s, SOMAXCONN) == -1)
		err(1, "listen");

	for (;;) {
		if ((fd = accept(s, NULL, NULL)) == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			err(1, "accept");
		}
		switch (fork()) {
		case -1:
			close(fd);
			break;
		case 0:
			close(s);
			serve(fd, answer, len);
			break;
		default:
			close(fd);
		}
	}
}

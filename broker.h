/* cellsec: shared definitions for the broker, the client and the tests */

#ifndef BROKER_H
#define BROKER_H

#include <sys/types.h>

#include <stddef.h>
#include <time.h>

#define KEY_MAX		255		/* bytes in a key */
#define REQUEST_MAX	4096		/* a request, with its newline */
#define VALUE_MAX	(1024 * 1024)	/* bytes from a file or command */
#define RESPONSE_MAX	(8 * VALUE_MAX)	/* escaped value, at worst */
#define TOKEN_LEN	36		/* a UUID string */
#define FILE_MAX	(16 * 1024 * 1024) /* bytes in a secrets file */
#define TTL_MAX		1000000000LL	/* about 31 years */
#define TTL_DEFAULT	300

#ifndef __dead
#define __dead		__attribute__((__noreturn__))
#endif

#define EX_USAGE	64
#define EX_CONFIG	78

enum source {
	SOURCE_VALUE,
	SOURCE_FILE,
	SOURCE_COMMAND,
	SOURCE_ENV
};

struct entry {
	char		*key;
	size_t		 keylen;
	enum source	 source;
	char		*path;		/* file or variable name */
	char		**argv;		/* command, NULL-ended */
	char		*value;		/* NULL when not held */
	size_t		 valuelen;
	long long	 ttl;		/* seconds */
	int		 systemd;
	int		 expired;
	long long	 expires;	/* monotonic ms, set at announce */
	int		 line;		/* where the file defines it */
	int		 col;
};

struct table {
	char		*cell;		/* from the file, or NULL */
	long long	 ttl;		/* top-level default */
	struct entry	*entries;	/* sorted by key */
	size_t		 n;
	size_t		 cap;
	char		*arena;		/* once frozen, all of it */
	size_t		 arenasize;
	unsigned int	*buckets;	/* once frozen: entry index + 1 */
	size_t		 nbuckets;	/* a power of two */
};

/* broker.c */
extern void	(*broker_log)(const char *, ...);
extern void	(*broker_debug)(const char *, ...);
extern int	  broker_timeout;

struct table	*broker_new(void);
void		 broker_free(struct table *);
struct entry	*broker_add(struct table *, const char *, size_t);
void		 broker_sort(struct table *);
int		 broker_freeze(struct table *);
struct entry	*broker_lookup(const struct table *, const char *, size_t);
int		 broker_keyok(const char *, size_t);
int		 broker_utf8ok(const void *, size_t);
int		 broker_load(const char *, int, const char *,
		    const struct table *, struct table **, char *, size_t);
int		 broker_resolve(const struct entry *, const char *,
		    long long, char **, size_t *, char *, size_t);
void		 broker_start(struct table *, long long);
long long	 broker_expire(struct table *, long long);
void		 broker_random(void *, size_t);
ssize_t		 broker_slurp(int, char **, size_t *, size_t);
int		 broker_writeall(int, const char *, size_t);
void		 broker_sigreset(void);
void		 broker_token(char *);
long long	 broker_now(void);
int		 timingsafe_bcmp(const void *, const void *, size_t);

/* json.c */
struct request {
	char	 token[REQUEST_MAX];
	size_t	 tokenlen;
	char	 key[REQUEST_MAX];
	size_t	 keylen;
};

int	 json_parse_request(const char *, size_t, struct request *);
int	 json_parse_secrets(const char *, size_t, struct table *, char *,
	    size_t);
int	 json_parse_response(const char *, size_t, char **, size_t *, int *);
int	 json_object(const char *, const char *, size_t, const char *,
	    const char *, size_t, char **, size_t *);
int	 json_quote(const char *, size_t, char **, size_t *);
void	 json_free(char *, size_t);

#endif

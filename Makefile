# cellsec: runtime secret broker

PREFIX =	/usr/local
BINDIR =	$(PREFIX)/bin
SBINDIR =	$(PREFIX)/sbin
MANDIR =	$(PREFIX)/share/man
PKG_CONFIG =	pkg-config

CC =		cc
CFLAGS =	-O2 -g -Wall -Wextra -Wshadow -Wformat=2 -D_FORTIFY_SOURCE=2 \
		    -fstack-protector-strong
LDFLAGS =
# static: a smaller, cheaper fork and exec; LDSTATIC= links dynamically
LDSTATIC =	-static
DEPCFLAGS !=	$(PKG_CONFIG) --cflags yajl libbsd-overlay
# Debian ships yajl's static archive as libyajl_s.a
DEPLIBS !=	$(PKG_CONFIG) --static --libs yajl libbsd-overlay | \
		    sed 's/-lyajl /-lyajl_s /'
ALLCFLAGS =	$(CFLAGS) $(DEPCFLAGS) -D_GNU_SOURCE -DLIBBSD_OPENBSD_VIS

FUZZCC =	clang
FUZZTIME =	60

OBJ =		broker.o json.o
TESTBIN =	t/json-test t/broker-test
BENCHBIN =	t/loadgen t/floor t/miniclient

all: cellsecd cellsec

cellsecd: server.o $(OBJ)
	$(CC) $(LDFLAGS) $(LDSTATIC) -o $@ server.o $(OBJ) $(DEPLIBS)

cellsec: client.o $(OBJ)
	$(CC) $(LDFLAGS) $(LDSTATIC) -o $@ client.o $(OBJ) $(DEPLIBS)

.c.o:
	$(CC) $(ALLCFLAGS) -c -o $@ $<

server.o client.o broker.o json.o: broker.h

t/json-test: t/json-test.c $(OBJ) broker.h
	$(CC) $(ALLCFLAGS) -I. $(LDFLAGS) -o $@ t/json-test.c $(OBJ) $(DEPLIBS)

t/broker-test: t/broker-test.c $(OBJ) broker.h
	$(CC) $(ALLCFLAGS) -I. $(LDFLAGS) -o $@ t/broker-test.c $(OBJ) \
	    $(DEPLIBS)

check: all $(TESTBIN)
	prove t/

# the bench programs use no library: no libbsd overlay
t/loadgen: t/loadgen.c
	$(CC) $(CFLAGS) -D_GNU_SOURCE $(LDFLAGS) -o $@ t/loadgen.c -lpthread

t/floor: t/floor.c
	$(CC) $(CFLAGS) -D_GNU_SOURCE $(LDFLAGS) $(LDSTATIC) -o $@ t/floor.c

t/miniclient: t/miniclient.c
	$(CC) $(CFLAGS) -D_GNU_SOURCE $(LDFLAGS) -static -o $@ \
	    t/miniclient.c

bench: all $(BENCHBIN)
	sh t/bench.sh

fuzz:
	sh t/fuzz.sh $(FUZZTIME)

sanitize:
	sh t/sanitize.sh

valgrind:
	sh t/valgrind.sh

demo: all
	sh t/demo.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR)
	mkdir -p $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	mkdir -p $(DESTDIR)$(MANDIR)/man8
	install -m 755 cellsec $(DESTDIR)$(BINDIR)/cellsec
	install -m 755 cellsecd $(DESTDIR)$(SBINDIR)/cellsecd
	install -m 644 man/cellsec.1 $(DESTDIR)$(MANDIR)/man1/cellsec.1
	install -m 644 man/cellsec.5 $(DESTDIR)$(MANDIR)/man5/cellsec.5
	install -m 644 man/cellsecd.8 $(DESTDIR)$(MANDIR)/man8/cellsecd.8

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cellsec $(DESTDIR)$(SBINDIR)/cellsecd
	rm -f $(DESTDIR)$(MANDIR)/man1/cellsec.1
	rm -f $(DESTDIR)$(MANDIR)/man5/cellsec.5
	rm -f $(DESTDIR)$(MANDIR)/man8/cellsecd.8

clean:
	rm -f cellsecd cellsec *.o $(TESTBIN) $(BENCHBIN) t/fuzz-request \
	    t/fuzz-secrets

.PHONY: all check bench fuzz sanitize valgrind demo install uninstall \
	clean

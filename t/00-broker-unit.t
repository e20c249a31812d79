#!/bin/sh
# broker.c unit tests: keys, strict UTF-8, lookup, expiry, token
exec "$(dirname "$0")/broker-test"

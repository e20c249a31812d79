#!/bin/sh
# 05-json.t: json_parse_request accepts good requests and refuses bad ones
exec "$(dirname "$0")/json-test"

#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16 for 2025-11-25, 0.2.0-alpha.12
# for 2026-07-28; server scenarios) against
# `skilldesk mcp --http` on loopback, three times:
#  1. the plain server: the scenarios that need no fixture (initialize, ping, logging, tools and resources
#     listings, several streams, DNS rebinding protection) must each pass;
#  2. with --conformance-fixtures (the suite's test_* tools and test:// resources beside the library's own):
#     every server scenario passes but those in .ci/mcp-conformance-expected-failures.yml, and the pending suite
#     (json-schema-2020-12, server-sse-polling) passes whole;
#  3. the 2026-07-28 scenarios of the pre-release, with the fixtures: every one passes but those in
#     .ci/mcp-conformance-2026-expected-failures.yml.
# Needs the built jar (target/skilldesk.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
home="$(bash .ci/mcp-node-tools.sh)"
node="$home/node_modules/.bin/node"
suite="$home/node_modules/@modelcontextprotocol/conformance/dist/index.js"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

start() { # $@: extra mcp options; sets url and pid
  : >"$work/server.err"
  java -jar target/skilldesk.jar --data-dir "$work/library" mcp --http 127.0.0.1:0 "$@" 2>"$work/server.err" &
  pid=$!
  for _ in $(seq 1 300); do
    url="$(grep -o 'serving http://[^ ]*' "$work/server.err" | head -1 | cut -d' ' -f2 || true)"
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "skilldesk mcp --http did not start" >&2; cat "$work/server.err" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

start
for scenario in server-initialize ping logging-set-level tools-list resources-list server-sse-multiple-streams \
                dns-rebinding-protection; do
  "$node" "$suite" server --url "$url" --scenario "$scenario" -o "$work/plain" >"$work/plain-$scenario.log" 2>&1 \
    || { cat "$work/plain-$scenario.log" >&2; echo "conformance: $scenario failed against the plain server" >&2; exit 1; }
  echo "conformance (plain server): $scenario passed"
done
stop

start --conformance-fixtures
if ! "$node" "$suite" server --url "$url" --expected-failures .ci/mcp-conformance-expected-failures.yml \
     -o "$work/fixtures" >"$work/fixtures.log" 2>&1; then
  cat "$work/fixtures.log" >&2
  echo "conformance: a scenario failed that is not an expected failure (or an expected one passed)" >&2
  exit 1
fi
sed -n '/=== SUMMARY ===/,$p' "$work/fixtures.log"
# 0.1.16's pending suite (json-schema-2020-12, server-sse-polling): each must pass as well
if ! "$node" "$suite" server --url "$url" --suite pending -o "$work/pending" >"$work/pending.log" 2>&1; then
  cat "$work/pending.log" >&2
  echo "conformance: a pending scenario of 0.1.16 failed" >&2
  exit 1
fi
echo "conformance 0.1.16, pending suite:"
sed -n '/=== SUMMARY ===/,$p' "$work/pending.log"
stop

# 3. the 2026-07-28 revision: the suite's pre-release (0.2.0-alpha.12, installed as conformance-next) with
#    --requirements 2026-07-28, against the server with its fixtures; every scenario passes but those in
#    .ci/mcp-conformance-2026-expected-failures.yml (each with its reason)
next="$home/node_modules/conformance-next/dist/index.js"
start --conformance-fixtures
if ! "$node" "$next" server --url "$url" --requirements 2026-07-28 \
     --expected-failures .ci/mcp-conformance-2026-expected-failures.yml -o "$work/modern" >"$work/modern.log" 2>&1; then
  cat "$work/modern.log" >&2
  echo "conformance 2026-07-28: a scenario failed that is not an expected failure (or an expected one passed)" >&2
  exit 1
fi
echo "conformance 2026-07-28 (0.2.0-alpha.12):"
sed -n '/=== SUMMARY ===/,$p' "$work/modern.log"
stop

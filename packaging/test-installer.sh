#!/usr/bin/env bash
# CI check of the installer: builds the app image and the .deb, runs the packaged launcher with no Maven
# and no JDK on its path (--version, a CLI search on the starter library), and checks the .deb metadata.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/target/installer"
[ "${1:-}" = "--skip-build" ] || "$here/build-installer.sh"

launcher="$out/skilldesk/bin/skilldesk"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
# a PATH without java or mvn: the launcher must bring its own runtime
clean_path="/usr/bin:/bin"
if [ -n "$(env -i PATH="$clean_path" sh -c 'command -v java' || true)" ]; then
  echo "note: java is on $clean_path; the launcher still uses its bundled runtime ($out/skilldesk/lib/runtime)"
fi
version="$(env -i PATH="$clean_path" HOME="$data" "$launcher" --version)"
echo "launcher --version: $version"
grep -q '^skilldesk [0-9]' <<< "$version"
result="$(env -i PATH="$clean_path" HOME="$data" "$launcher" --data-dir "$data/lib" search "package a skill for sharing" --top-k 3 2>/dev/null)"
echo "$result"
grep -q "packaging-skills" <<< "$result"
grep -q "total .* ms = embed" <<< "$result"

# one-shot commands print nothing they did not mean to (no JVM warning), however the options are ordered (#25)
for args in "--data-dir $data/lib list" "list --data-dir $data/lib" "--data-dir=$data/lib --namespace default list" \
    "--data-dir $data/lib index-status" "--data-dir $data/lib search validate --top-k 1" \
    "--data-dir $data/lib search validate --mode keyword --top-k 1"; do
  # shellcheck disable=SC2086
  noise="$(env -i PATH="$clean_path" HOME="$data" "$launcher" $args 2>&1 >/dev/null)"
  if [ -n "$noise" ]; then
    echo "FAIL: 'skilldesk $args' printed on stderr: $noise" >&2
    exit 1
  fi
done
echo "one-shot commands: nothing on stderr"

# MCP clients that leave at once (initialize, then stdin closed: what `claude mcp list` and other health checks do)
# never crash the installed server, whatever it is doing (#25): 20 while the model loads, then 10 at random moments
# while it embeds; nothing may appear in the working directory (for an agent: the user's project).
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"health-check","version":"1"}}}'
cwd="$(mktemp -d)"
mcp_leaves() { # $1: library, $2: seconds before stdin closes, $3: label
  local rc
  set +e
  ( printf '%s\n' "$init"; sleep "$2" ) | (cd "$cwd" && env -i PATH="$clean_path" HOME="$data" "$launcher" \
    --data-dir "$1" mcp >/dev/null 2>"$data/mcp.err")
  rc=$?
  set -e
  if [ "$rc" -ne 0 ] || grep -q "SIGSEGV\|fatal error" "$data/mcp.err"; then
    echo "FAIL: the MCP server ($3) ended with $rc:" >&2
    tail -20 "$data/mcp.err" >&2
    exit 1
  fi
  if [ -n "$(ls -A "$cwd")" ]; then
    echo "FAIL: the MCP server ($3) left files in its working directory: $(ls -A "$cwd")" >&2
    exit 1
  fi
}
for i in $(seq 1 20); do mcp_leaves "$data/lib" 0 "initialize then close, run $i"; done
echo "MCP: 20 clients left right after initialize: no crash, nothing in the working directory"
env -i PATH="$clean_path" HOME="$data" "$launcher" --data-dir "$data/busy" generate-corpus --size 3000 --out "$data/corpus" >/dev/null
env -i PATH="$clean_path" HOME="$data" "$launcher" --data-dir "$data/busy" import "$data/corpus" --no-index >/dev/null
for i in $(seq 1 10); do
  delay="$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.5 + (r % 3500) / 1000 }')"
  mcp_leaves "$data/busy" "$delay" "closed after ${delay}s while embedding, run $i"
done
echo "MCP: 10 clients left at random moments while it embedded: no crash, nothing in the working directory"
if ls "$data"/.skilldesk/logs/hs_err* >/dev/null 2>&1; then
  echo "FAIL: the JVM wrote crash reports: $(ls "$data"/.skilldesk/logs/hs_err*)" >&2
  exit 1
fi
rm -rf "$cwd"

deb="$(ls "$out"/skilldesk_*.deb)"
info="$(dpkg-deb --info "$deb")"
echo "$info"
grep -q "Package: skilldesk" <<< "$info"
grep -Eq "Version: [0-9]+\.[0-9]+" <<< "$info"
grep -q "libgtk-3-0 | libgtk-3-0t64" <<< "$info"
contents="$(dpkg-deb --contents "$deb")"
grep -q "\.desktop" <<< "$contents"
grep -q "opt/skilldesk/bin/skilldesk" <<< "$contents"
grep -q "lib/runtime/lib/modules" <<< "$contents"
printf 'installer: %s (%.1f MB); app image %s\n' "$(basename "$deb")" "$(echo "$(stat -c %s "$deb") / 1048576" | bc -l)" \
  "$(du -sh "$out/skilldesk" | cut -f1)"
echo "installer checks passed"

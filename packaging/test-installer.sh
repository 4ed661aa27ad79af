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

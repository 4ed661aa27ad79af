#!/usr/bin/env bash
# CI check of the .deb on this machine itself (as root): dpkg -i, the installed launcher (--version, then
# import + search on a fresh data directory), then dpkg --purge, which runs in a trap so that a failed step
# still removes the package. The machine may lack the desktop folders (/usr/share/desktop-directories) and
# even the xdg tools: installing and purging must succeed either way. Needs root and dpkg.
# Usage: packaging/test-deb-install.sh [path/to/skilldesk_*.deb]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
deb="${1:-$(ls "$root"/target/installer/skilldesk_*.deb)}"
if [ "$(id -u)" != 0 ]; then
  echo "test-deb-install: needs root (dpkg -i); skipped" >&2
  exit 0
fi

work="$(mktemp -d)"
installed=false
cleanup() {
  if $installed || dpkg -s skilldesk >/dev/null 2>&1; then
    echo "--- dpkg --purge skilldesk"
    dpkg --purge skilldesk
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if dpkg -s skilldesk >/dev/null 2>&1; then
  echo "--- an earlier skilldesk is installed; purging it first"
  dpkg --purge skilldesk
fi

echo "--- the package's scripts without any xdg tool on the PATH (a minimal system): they must succeed"
dpkg-deb -e "$deb" "$work/control"
mkdir -p "$work/bin"
ln -s "$(command -v mkdir)" "$work/bin/mkdir"
env -i PATH="$work/bin" /bin/sh -e "$work/control/postinst" configure | tee "$work/postinst.out"
grep -q "xdg-utils is not installed" "$work/postinst.out"
env -i PATH="$work/bin" /bin/sh -e "$work/control/prerm" remove

echo "--- dpkg -i $(basename "$deb") (desktop folders present: $( [ -d /usr/share/desktop-directories ] && echo yes || echo no ); xdg-desktop-menu: $(command -v xdg-desktop-menu || echo none))"
installed=true
dpkg -i "$deb"
status="$(dpkg-query -W -f='${db:Status-Abbrev}' skilldesk)"
echo "dpkg status: $status"
[ "$status" = "ii " ]
test -f /usr/share/doc/skilldesk/copyright
# the class-data archive is made by the postinst (the package carries its class list, not the 83 MB archive)
test -s /opt/skilldesk/lib/app/skilldesk.jsa
grep -q "Apache License" /usr/share/doc/skilldesk/copyright

launcher=/opt/skilldesk/bin/skilldesk
data="$work/home"
mkdir -p "$data"
version="$(env -i PATH=/usr/bin:/bin HOME="$data" "$launcher" --version)"
echo "installed launcher --version: $version"
grep -q '^skilldesk [0-9]' <<< "$version"

mkdir -p "$work/skills/deb-check-skill"
cat > "$work/skills/deb-check-skill/SKILL.md" <<'SKILL'
---
name: deb-check-skill
description: Rotate the gremlin keys of a zeppelin hangar after the installer check imports this skill.
---

# Deb check

Rotate the gremlin keys, then log the zeppelin hangar's new key id.
SKILL
env -i PATH=/usr/bin:/bin HOME="$data" "$launcher" --data-dir "$data/lib" import "$work/skills" | tee "$work/import.out"
grep -q "created .*deb-check-skill" "$work/import.out"
result="$(env -i PATH=/usr/bin:/bin HOME="$data" "$launcher" --data-dir "$data/lib" search "rotate zeppelin gremlin keys" --top-k 3 2>/dev/null)"
echo "$result"
grep -q "deb-check-skill" <<< "$result"
# with no --data-dir the library goes under $HOME, not the account's home
env -i PATH=/usr/bin:/bin HOME="$data" "$launcher" list >/dev/null
test -f "$data/.skilldesk/skilldesk.db" || test -d "$data/.skilldesk"

echo "--- dpkg --purge skilldesk"
dpkg --purge skilldesk
installed=false
! dpkg -s skilldesk >/dev/null 2>&1
test ! -e /opt/skilldesk
echo "deb install check passed"

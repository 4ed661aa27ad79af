#!/usr/bin/env bash
# Builds SkillDesk's installer for this system into target/installer/:
#   1. the app (mvn package: target/skilldesk.jar + target/lib/),
#   2. a trimmed Java runtime (jlink, with the JDK modules jdeps finds plus the ones loaded reflectively),
#   3. the app image (jpackage --type app-image: bin/skilldesk runs the GUI, or the CLI when given a command),
#   4. the installer: .deb on Linux (GTK named as a dependency, a desktop entry, .skill files open with it),
#      .msi on Windows, .dmg on macOS (built on those systems; see packaging/README.md).
# Usage: packaging/build-installer.sh [--app-image-only]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
out="$root/target/installer"
app_image_only=false
[ "${1:-}" = "--app-image-only" ] && app_image_only=true

version_full="$(sed -n 's/^version=//p' target/classes/dev/skilldesk/version.properties 2>/dev/null || true)"
if [ ! -f target/skilldesk.jar ] || [ -z "$version_full" ]; then
  mvn -q -B -DskipTests package
  version_full="$(sed -n 's/^version=//p' target/classes/dev/skilldesk/version.properties)"
fi
# jpackage wants 1-3 numeric components: 0.1.0-SNAPSHOT -> 0.1.0
version="$(echo "$version_full" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')"

rm -rf "$out"
mkdir -p "$out/input"
cp target/skilldesk.jar "$out/input/"
cp -r target/lib "$out/input/lib"
# test-only and build-only jars never reach target/lib (runtime scope), so the input is the app as it runs

# Native libraries for other systems ride along in three jars (ONNX Runtime alone carries ~85 MB of
# macOS and Windows binaries). An installer is for one system: drop the others from our copies.
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && command -v zip >/dev/null; then
  (cd "$out/input/lib"
   zip -q -d onnxruntime-*.jar 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/win-*' \
     'ai/onnxruntime/native/linux-aarch64/*' || true
   zip -q -d tokenizers-*.jar 'native/lib/osx-*' 'native/lib/win-*' 'native/lib/linux-aarch64/*' || true
   zip -q -d sqlite-jdbc-*.jar 'org/sqlite/native/FreeBSD/*' 'org/sqlite/native/Linux-Musl/*' \
     'org/sqlite/native/Linux-Android/*' 'org/sqlite/native/Mac/*' 'org/sqlite/native/Windows/*' \
     'org/sqlite/native/Linux/aarch64/*' 'org/sqlite/native/Linux/arm*' 'org/sqlite/native/Linux/ppc64/*' \
     'org/sqlite/native/Linux/riscv64/*' 'org/sqlite/native/Linux/x86/*' || true)
fi

echo "finding the JDK modules the app uses (jdeps)..."
deps="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$out/input/lib/*" "$out/input/skilldesk.jar" 2>/dev/null || true)"
# loaded by name, not by a class reference jdeps can see: the incubator Vector API (SIMD dot products),
# TLS ciphers for Ollama/Chroma over https, the zip file system, and the module JavaFX's Monocle/glass use.
extra="jdk.incubator.vector,jdk.crypto.ec,jdk.zipfs,jdk.unsupported,java.net.http,java.prefs,java.naming,java.management,jdk.localedata"
modules="$(echo "$deps,$extra" | tr ',' '\n' | grep -v '^javafx' | grep -v '^$' | sort -u | paste -sd, -)"
echo "runtime modules: $modules"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --include-locales=en --output "$out/runtime"

java_options=(
  --java-options "--add-modules=jdk.incubator.vector"
  --java-options "-Xss2m"
)
echo "building the app image..."
jpackage --type app-image --name skilldesk --app-version "$version" \
  --vendor "SkillDesk" --description "A workbench for AI-agent skills" \
  --input "$out/input" --main-jar skilldesk.jar --main-class dev.skilldesk.ui.Launcher \
  --runtime-image "$out/runtime" "${java_options[@]}" \
  --icon "$here/linux/skilldesk.png" --dest "$out"

# class-data sharing (#18): the classes a search loads (the core, SQLite, the model's runtime, the CLI), dumped into
# an archive the launcher maps at start instead of loading and verifying them again: a cold `skilldesk search`
# went from 2.2 s to 1.7 s on 2 cores. The archive is made by the image's own runtime, so it always matches; a
# JVM that cannot map it starts without it (-Xshare:auto).
echo "class-data sharing: archiving the classes a search loads..."
cds_work="$(mktemp -d)"
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$cds_work/classes.lst" \
  "$out/skilldesk/bin/skilldesk" --data-dir "$cds_work/lib" search "validate a skill" >/dev/null 2>&1 || true
if [ -s "$cds_work/classes.lst" ]; then
  JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$cds_work/classes.lst -XX:SharedArchiveFile=$out/skilldesk/lib/app/skilldesk.jsa" \
    "$out/skilldesk/bin/skilldesk" --version >/dev/null 2>&1 || true
fi
rm -rf "$cds_work"
if [ -f "$out/skilldesk/lib/app/skilldesk.jsa" ]; then
  printf '%s\n' 'java-options=-XX:SharedArchiveFile=$APPDIR/skilldesk.jsa' 'java-options=-Xshare:auto' \
    >> "$out/skilldesk/lib/app/skilldesk.cfg"
  du -h "$out/skilldesk/lib/app/skilldesk.jsa" | sed 's/^/  class-data archive: /'
else
  echo "  (no class-data archive: the app starts without one)"
fi

if $app_image_only; then
  du -sh "$out/skilldesk" | sed 's/^/app image: /'
  exit 0
fi

case "$(uname -s)" in
  Linux)
    echo "building the .deb..."
    jpackage --type deb --app-image "$out/skilldesk" --name skilldesk --app-version "$version" \
      --vendor "SkillDesk" --description "A workbench for AI-agent skills" \
      --linux-package-name skilldesk --linux-app-category devel --linux-menu-group "Development" \
      --linux-shortcut --linux-package-deps "libgtk-3-0 | libgtk-3-0t64" \
      --license-file "$root/LICENSE" --copyright "Copyright the SkillDesk authors; licensed under Apache-2.0" \
      --file-associations "$here/linux/skill-package.properties" \
      --resource-dir "$here/linux/resources" --icon "$here/linux/skilldesk.png" --dest "$out"
    # jpackage makes xdg-utils a hard dependency of the desktop integration; SkillDesk runs without it (the
    # postinst skips the menu entry with a message), so a minimal or server system can install the package:
    # xdg-utils becomes a recommendation, and the package is rebuilt with the same contents.
    deb="$(ls "$out"/skilldesk_*.deb)"
    unpacked="$out/deb-root"
    rm -rf "$unpacked"
    dpkg-deb -R "$deb" "$unpacked"
    control="$unpacked/DEBIAN/control"
    sed -i -E -e '/^Depends:/ { s/(^Depends: |, )xdg-utils(,|$)/\1/; s/, *,/,/g; s/, *$//; s/: , */: /; }' "$control"
    grep -q '^Recommends:' "$control" || sed -i '/^Depends:/a Recommends: xdg-utils' "$control"
    ! grep -E '^Depends:.*xdg-utils' "$control"
    # Debian keeps a package's licence at /usr/share/doc/<package>/copyright (jpackage writes it under /opt)
    mkdir -p "$unpacked/usr/share/doc/skilldesk"
    cp "$unpacked/opt/skilldesk/share/doc/copyright" "$unpacked/usr/share/doc/skilldesk/copyright"
    fakeroot dpkg-deb -Zxz --build "$unpacked" "$deb" >/dev/null
    rm -rf "$unpacked"
    ;;
  Darwin)
    jpackage --type dmg --app-image "$out/skilldesk.app" --name SkillDesk --app-version "$version" \
      --file-associations "$here/macos/skill-package.properties" --dest "$out"
    ;;
  MINGW*|MSYS*|CYGWIN*)
    jpackage --type msi --app-image "$out/skilldesk" --name SkillDesk --app-version "$version" \
      --win-menu --win-shortcut --win-dir-chooser --file-associations "$here/windows/skill-package.properties" \
      --dest "$out"
    ;;
esac
echo
echo "sizes:"
du -sh "$out/runtime" | sed 's/^/  runtime:   /'
du -sh "$out/skilldesk" 2>/dev/null | sed 's/^/  app image: /'
for f in "$out"/*.deb "$out"/*.msi "$out"/*.dmg; do
  [ -f "$f" ] && printf '  installer: %s %.1f MB\n' "$f" "$(awk -v b="$(stat -c %s "$f" 2>/dev/null || stat -f %z "$f")" 'BEGIN{print b/1048576}')"
done
exit 0

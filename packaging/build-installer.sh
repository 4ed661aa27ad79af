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
native_options=()
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
# test-only and build-only jars never reach target/lib (runtime scope), so the input is the app as it runs.
# The installer carries one embedding model, the default (all-MiniLM-L6-v2, quantized): the second one (bge-small,
# 24.6 MB, three times slower, and behind MiniLM in README's quality table) is for builds from source; Ollama serves others.
rm -f "$out"/input/lib/langchain4j-embeddings-bge-small-*.jar

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
  # ONNX Runtime and SQLite copy their native library out of the jar into /tmp on every start (16.5 MB and 1 MB,
  # each process: the app, every CLI command, every MCP session). The image carries them unpacked in
  # lib/app/native instead, and the launcher points both there (#18).
  mkdir -p "$out/input/native"
  (cd "$out/input/lib"
   unzip -q -j -o onnxruntime-*.jar 'ai/onnxruntime/native/linux-x64/*.so' -d "$out/input/native"
   zip -q -d onnxruntime-*.jar 'ai/onnxruntime/native/linux-x64/*.so'
   unzip -q -j -o sqlite-jdbc-*.jar 'org/sqlite/native/Linux/x86_64/libsqlitejdbc.so' -d "$out/input/native"
   zip -q -d sqlite-jdbc-*.jar 'org/sqlite/native/Linux/x86_64/libsqlitejdbc.so'
   # JNA's dispatch library for 25 other systems; jtokkit's three encodings other than cl100k (TokenCounter's)
   zip -q -d jna-*.jar 'com/sun/jna/*/*jnidispatch*' -x 'com/sun/jna/linux-x86-64/*' || true
   zip -q -d jtokkit-*.jar 'com/knuddels/jtokkit/o200k_base.tiktoken' 'com/knuddels/jtokkit/p50k_base.tiktoken' \
     'com/knuddels/jtokkit/r50k_base.tiktoken' || true)
  native_options=(
    --java-options '-Donnxruntime.native.path=$APPDIR/native'
    --java-options '-Dorg.sqlite.lib.path=$APPDIR/native'
    --java-options '-Dorg.sqlite.lib.name=libsqlitejdbc.so'
  )
fi

# The runtime the image carries: the newest JDK >= 25 on the machine (its class-data sharing and compact object
# headers measurably win, BENCHMARKS.md; its launcher expands $HOME in the .cfg), else the JDK running this script. The app is compiled for
# Java 17 either way. SKILLDESK_RUNTIME_JDK=/path/to/jdk picks one.
runtime_jdk="${SKILLDESK_RUNTIME_JDK:-}"
if [ -z "$runtime_jdk" ]; then
  for j in /usr/lib/jvm/temurin-2[5-9]-jdk* /usr/lib/jvm/java-2[5-9]-openjdk*; do
    [ -x "$j/bin/jlink" ] && [ -x "$j/bin/jpackage" ] && runtime_jdk="$j"
  done
fi
if [ -z "$runtime_jdk" ]; then
  runtime_jdk="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
fi
runtime_feature="$("$runtime_jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
echo "runtime: $runtime_jdk (Java $runtime_feature)"
jlink() { "$runtime_jdk/bin/jlink" "$@"; }
jpackage() { "$runtime_jdk/bin/jpackage" "$@"; }
jdeps() { "$runtime_jdk/bin/jdeps" "$@"; }

# Every jar stored rather than deflated: the .deb is compressed with xz, which packs class files far better than
# a jar's deflate does when it is given them plain (the jars' part of the .deb: 64 MB deflated, 40 MB stored).
if command -v zip >/dev/null && command -v unzip >/dev/null; then
  restore="$(mktemp -d)"
  for jar in "$out"/input/lib/*.jar "$out/input/skilldesk.jar"; do
    rm -rf "$restore/x" && mkdir "$restore/x"
    (cd "$restore/x" && unzip -q "$jar" && rm -f "$jar" && zip -q -0 -r -X "$jar" .)
  done
  rm -rf "$restore"
fi

echo "finding the JDK modules the app uses (jdeps)..."
deps="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$out/input/lib/*" "$out/input/skilldesk.jar" 2>/dev/null || true)"
# loaded by name, not by a class reference jdeps can see: TLS ciphers for Ollama/Chroma over https, the zip file
# system, and the module JavaFX's Monocle/glass use. Not the incubator Vector API: the JVM prints a warning on stderr
# whenever it is added, which every command would show (#25); the installed app's exact scan uses the plain loop.
extra="jdk.crypto.ec,jdk.zipfs,jdk.unsupported,java.net.http,java.prefs,java.naming,java.management,jdk.localedata"
modules="$(echo "$deps,$extra" | tr ',' '\n' | grep -v '^javafx' | grep -v '^$' | sort -u | paste -sd, -)"
echo "runtime modules: $modules"
# the runtime's module image uncompressed, for the same reason (its part of the .deb: 35 MB zip-compressed, 21 MB
# plain); an uncompressed image also reads faster
if [ "$runtime_feature" -ge 21 ]; then compress=zip-0; else compress=0; fi
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress="$compress" \
  --include-locales=en --output "$out/runtime"
# the JDK's own native libraries keep their symbol tables (libjvm.so alone: 30 MB, 25 MB without)
if command -v strip >/dev/null; then
  find "$out/runtime" -name '*.so' -exec strip --strip-unneeded {} + 2>/dev/null || true
fi

java_options=(
  --java-options "-Xss2m"
  # a desktop app's heap (#18): start small and grow with the library rather than committing 1/64 of the machine's
  # memory at once, keep at most 30% of it free after a collection, and when idle run a collection every 30 s that
  # gives what is free back to the system (G1's periodic collection)
  --java-options "-Xms24m"
  --java-options "-XX:MinHeapFreeRatio=10"
  --java-options "-XX:MaxHeapFreeRatio=30"
  --java-options "-XX:G1PeriodicGCInterval=30000"
)
if [ "$runtime_feature" -ge 25 ]; then
  # a crash report of the JVM (hs_err) or a heap dump goes under the default library's logs, never into the working
  # directory (for an agent that starts `skilldesk mcp`: the user's project). JDK 25's launcher expands $HOME in the
  # .cfg (JDK-8341641); the app makes that folder at every start (dev.skilldesk.CrashReports), since the JVM falls
  # back to the working directory when it cannot write there.
  java_options+=(--java-options '-XX:ErrorFile=$HOME/.skilldesk/logs/hs_err_pid%p.log'
    --java-options '-XX:HeapDumpPath=$HOME/.skilldesk/logs')
fi
if [ "$runtime_feature" -ge 24 ]; then
  # JNI (SQLite, ONNX Runtime, JavaFX) without a warning on every start; 8-byte object headers (JEP 519)
  java_options+=(--java-options "--enable-native-access=ALL-UNNAMED" --java-options "-XX:+UseCompactObjectHeaders")
  # some libraries (JavaFX among them) still call sun.misc.Unsafe's memory methods: allowed, without a warning
  java_options+=(--java-options "--sun-misc-unsafe-memory-access=allow")
fi
echo "building the app image..."
jpackage --type app-image --name skilldesk --app-version "$version" \
  --vendor "SkillDesk" --description "A workbench for AI-agent skills" \
  --input "$out/input" --main-jar skilldesk.jar --main-class dev.skilldesk.Launcher \
  --runtime-image "$out/runtime" "${java_options[@]}" ${native_options[@]+"${native_options[@]}"} \
  --icon "$here/linux/skilldesk.png" --dest "$out"

# The image's launcher: a script that starts the runtime's java with the .cfg's options (linux/skilldesk-launcher.sh
# says why: jpackage's own asks the package manager where it was installed on every start). The runtime keeps its
# bin/java for it (jlink's --strip-native-commands is not used).
if [ "$(uname -s)" = Linux ]; then
  [ -x "$out/runtime/bin/java" ] || { echo "the runtime image has no bin/java for the launcher" >&2; exit 1; }
  install -m 0755 "$here/linux/skilldesk-launcher.sh" "$out/skilldesk/bin/skilldesk"
fi

# class-data sharing (#18): the classes the app loads, dumped into an archive the launcher maps at start instead of
# reading and verifying them again from the jars. Three training runs list them: a CLI search, an MCP session
# (initialize, tools/list, a search) and, when Xvfb is there, the window (started, the Map panned, closed). The
# archive is made by the image's own runtime, so it always matches; a JVM that cannot map it starts without it
# (-Xshare:auto). Measured with `skilldesk bench --desktop` (BENCHMARKS.md).
echo "class-data sharing: archiving the classes a search, an MCP session and the window load..."
cds_work="$(mktemp -d)"
launcher="$out/skilldesk/bin/skilldesk"
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$cds_work/search.lst" \
  "$launcher" --data-dir "$cds_work/lib" search "validate a skill" >/dev/null 2>&1 || true
printf '%s\n' \
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"build","version":"1"}}}' \
  '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
  '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' \
  '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search_skills","arguments":{"query":"review a pull request"}}}' \
  | JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$cds_work/mcp.lst" "$launcher" --data-dir "$cds_work/lib" mcp \
    >/dev/null 2>&1 || true
if command -v Xvfb >/dev/null; then
  display=":$(( 100 + RANDOM % 400 ))"
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 1
  DISPLAY="$display" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$cds_work/window.lst" \
    timeout 120 "$launcher" --data-dir "$cds_work/lib" --home "$cds_work/home" --bench-pan >/dev/null 2>&1 || true
  kill "$xvfb_pid" 2>/dev/null || true
fi
# one list: each run numbers its classes ("id: N"), which only classes from other loaders refer to; none here
cat "$cds_work"/*.lst 2>/dev/null | grep -v '^#' | sed -E 's/ id: [0-9]+$//' | awk '!seen[$0]++' > "$cds_work/classes.lst"
if [ -s "$cds_work/classes.lst" ]; then
  wc -l < "$cds_work/classes.lst" | sed 's/^/  classes listed: /'
  JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$cds_work/classes.lst -XX:SharedArchiveFile=$out/skilldesk/lib/app/skilldesk.jsa" \
    "$launcher" --version >"$cds_work/dump.log" 2>&1 || true
  # kept only if the launcher starts with it mapped (-Xshare:on refuses to start otherwise)
  if ! JAVA_TOOL_OPTIONS="-Xshare:on -XX:SharedArchiveFile=$out/skilldesk/lib/app/skilldesk.jsa" "$launcher" --version >"$cds_work/on.log" 2>&1; then
    echo "  the class-data archive does not map; left out:"
    tail -5 "$cds_work/dump.log" "$cds_work/on.log"
    rm -f "$out/skilldesk/lib/app/skilldesk.jsa"
  fi
fi
# the list stays in the image: the .deb leaves the archive (83 MB, 13.5 MB of xz) out and its postinst makes it from
# the list on the machine it installs on (prerm removes it). Without an archive the JVM starts as before, quietly:
# -Xshare:auto is the default, and -Xlog:cds=off keeps a missing archive from printing an error on every start.
cp "$cds_work/classes.lst" "$out/skilldesk/lib/app/skilldesk.classlist" 2>/dev/null || true
rm -rf "$cds_work"
if [ -f "$out/skilldesk/lib/app/skilldesk.jsa" ]; then
  printf '%s\n' 'java-options=-XX:SharedArchiveFile=$APPDIR/skilldesk.jsa' 'java-options=-Xlog:cds=off' \
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
    # Our postinst/prerm take jpackage's placeholders for its shell functions, whose names changed after JDK 17
    # (UTILITY_SCRIPTS became COMMON_SCRIPTS and DESKTOP_SCRIPTS): use the names this jpackage's own prerm uses.
    resources="$(mktemp -d)"
    cp "$here"/linux/resources/* "$resources/"
    templates="$(mktemp -d)"
    "$runtime_jdk/bin/jimage" extract --dir "$templates" --include 'regex:.*/template\.prerm' \
      "$runtime_jdk/lib/modules" 2>/dev/null || true
    if grep -qs '^COMMON_SCRIPTS' $(find "$templates" -name template.prerm) /dev/null; then
      sed -i 's/^UTILITY_SCRIPTS$/package_type=deb\nCOMMON_SCRIPTS\nDESKTOP_SCRIPTS/' "$resources/prerm"
    fi
    rm -rf "$templates"
    jpackage --type deb --app-image "$out/skilldesk" --name skilldesk --app-version "$version" \
      --vendor "SkillDesk" --description "A workbench for AI-agent skills" \
      --linux-package-name skilldesk --linux-app-release 1 --linux-app-category devel --linux-menu-group "Development" \
      --linux-shortcut --linux-package-deps "libgtk-3-0 | libgtk-3-0t64" \
      --license-file "$root/LICENSE" --copyright "Copyright the SkillDesk authors; licensed under Apache-2.0" \
      --file-associations "$here/linux/skill-package.properties" \
      --resource-dir "$resources" --icon "$here/linux/skilldesk.png" --dest "$out"
    # jpackage makes xdg-utils a hard dependency of the desktop integration; SkillDesk runs without it (the
    # postinst skips the menu entry with a message), so a minimal or server system can install the package:
    # xdg-utils becomes a recommendation, and the package is rebuilt with the same contents.
    deb="$(ls "$out"/skilldesk_*.deb)"
    unpacked="$out/deb-root"
    rm -rf "$unpacked"
    dpkg-deb -R "$deb" "$unpacked"
    control="$unpacked/DEBIAN/control"
    # each dependency on its own, whatever spacing this jpackage puts around the commas (JDK 25's: "xdg-utils , ")
    depends="$(sed -n 's/^Depends: *//p' "$control" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -vx 'xdg-utils' \
      | paste -sd, - | sed 's/,/, /g')"
    sed -i "s#^Depends:.*#Depends: $depends#" "$control"
    grep -q '^Recommends:' "$control" || sed -i '/^Depends:/a Recommends: xdg-utils' "$control"
    if grep -E '^Depends:.*xdg-utils' "$control"; then
      echo "xdg-utils is still a hard dependency of the .deb" >&2
      exit 1
    fi
    # Debian keeps a package's licence at /usr/share/doc/<package>/copyright (jpackage writes it under /opt)
    mkdir -p "$unpacked/usr/share/doc/skilldesk"
    cp "$unpacked/opt/skilldesk/share/doc/copyright" "$unpacked/usr/share/doc/skilldesk/copyright"
    # the class-data archive is made by the postinst, from the class list, on the machine it installs on
    rm -f "$unpacked/opt/skilldesk/lib/app/skilldesk.jsa"
    fakeroot dpkg-deb -Zxz -z9 --build "$unpacked" "$deb" >/dev/null
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

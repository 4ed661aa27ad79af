#!/bin/bash
# SkillDesk's launcher in the installed image (bin/skilldesk): starts the image's own Java runtime with what
# lib/app/skilldesk.cfg says (jpackage's format: java-options, app.classpath, app.mainclass; $APPDIR and $HOME
# expanded), so the window, every command and `skilldesk mcp` start as the JVM allows. It replaces jpackage's
# launcher, which (JDK 25) asks the package manager where it was installed on every start (rpm -qf, dpkg -S and
# dpkg -L, twice each): 0.10-0.17 s on a `--version` that the JVM answers in 0.07 s (BENCHMARKS.md, #29).
here="$(dirname "$(readlink -f "$0")")"
image="$(dirname "$here")"
APPDIR="$image/lib/app"
opts=(-Djpackage.app-path="$here/skilldesk")
cp=""
main=dev.skilldesk.Launcher
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    java-options=*) v="${line#java-options=}"; v="${v//\$APPDIR/$APPDIR}"; opts+=("${v//\$HOME/$HOME}") ;;
    app.classpath=*) v="${line#app.classpath=}"; cp="${cp:+$cp:}${v//\$APPDIR/$APPDIR}" ;;
    app.mainclass=*) main="${line#app.mainclass=}" ;;
  esac
done < "$APPDIR/skilldesk.cfg"
exec "$image/lib/runtime/bin/java" "${opts[@]}" -cp "$cp" "$main" "$@"

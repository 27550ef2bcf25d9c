#!/usr/bin/env bash
# Writes the files the Caracal image adds to its base image (platform-app's image profile runs it before Jib):
#   opt/java           a Java runtime linked by jlink from the build's JDK with the modules Caracal needs
#   lib, lib64         on a scratch base, exactly the shared libraries ldd reports for that runtime's java and
#                      libjvm.so (glibc: libc, libm, libdl, libpthread, librt and the dynamic loader)
#   etc                passwd and group with the user caracal (10001), nsswitch.conf (files, then DNS)
#   tmp, models, home/caracal
# Usage: runtime-root.sh OUTPUT JDK MODULES BASE-IMAGE
set -euo pipefail

output="$1"
jdk="$2"
modules="$3"
base="$4"

rm -rf "$output"
mkdir -p "$output/opt" "$output/etc" "$output/tmp" "$output/models" "$output/home/caracal"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$output/opt/java" 2>&1 | { grep -v 'Using incubator modules' || true; }

libraries() {
  # One absolute path per line: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and the loader
  # "/lib64/ld-linux-x86-64.so.2 (0x...)"; "not found" fails.
  ldd "$1" | awk -v file="$1" '
    /not found/ { print "runtime-root.sh: " file " needs " $1 ", which ldd does not find" > "/dev/stderr"; exit 1 }
    $2 == "=>" && $3 ~ /^\// { print $3 }
    $1 ~ /^\// { print $1 }'
}

if [ "$base" = "scratch" ]; then
  needed="$( { libraries "$output/opt/java/bin/java"; libraries "$output/opt/java/lib/server/libjvm.so"; } \
    | grep -v "^$output/" | sort -u)"
  for library in $needed; do
    mkdir -p "$output$(dirname "$library")"
    cp -L "$library" "$output$library"
  done
  # Every other library of the runtime must find what it needs in the runtime or among these; those that cannot
  # (the desktop's X11 and sound libraries) are never loaded by a server, and are named here.
  for other in "$output"/opt/java/lib/*.so; do
    missing="$(ldd "$other" | awk '$2 == "=>" && $3 ~ /^\// { print $1 }' | while read -r name; do
      [ -e "$output/opt/java/lib/$name" ] || [ -e "$output/opt/java/lib/server/$name" ] \
        || grep -q "/$name\$" <<< "$needed" || printf '%s ' "$name"
    done)"
    if [ -n "$missing" ]; then
      echo "runtime-root.sh: $(basename "$other") would need ${missing}(not in the image; not used by Caracal)" >&2
    fi
  done
fi

cat > "$output/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
caracal:x:10001:10001:Caracal:/home/caracal:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat > "$output/etc/group" <<'GROUP'
root:x:0:
caracal:x:10001:
nobody:x:65534:
GROUP
cat > "$output/etc/nsswitch.conf" <<'NSSWITCH'
passwd: files
group: files
hosts: files dns
NSSWITCH

echo "runtime-root.sh: $(du -sh "$output" | cut -f1) in $output (runtime $(du -sh "$output/opt/java" | cut -f1)$(
  [ "$base" = "scratch" ] && printf ', glibc %s' "$(du -shc "$output/lib" "$output/lib64" | tail -1 | cut -f1)"))"

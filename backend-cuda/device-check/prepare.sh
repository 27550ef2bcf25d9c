#!/usr/bin/env bash
# Prepares the device check HERE (a machine with Maven and JDK 25, no GPU), before the device call: builds backend-cuda
# and what it needs, then puts into backend-cuda/target/device-check/ (ignored, so it travels only as a carried path):
#   bundle.tar.xz   runtime/: a jlink'ed Java 25 runtime (the device machine has no Java);
#                   lib/: the jars: backend-cuda's, its test classes (its tests, the DeviceCheck main class) and its
#                   test-scope dependencies (engine, formats, CPU backend, tools' benchmarks, JUnit console launcher),
#                   rewritten with their entries stored rather than deflated so that xz packs them (about 11 MiB
#                   instead of 25); run.sh unpacks it there
#   classpath.txt   lib/... in class path order
#   manifest.txt    what was built, from which commit, and the sizes
# and checks that the working tree plus this folder stay under the device tool's 64 MiB.
#
#   backend-cuda/device-check/prepare.sh            build offline (-o), online only if a plugin is missing
#   DEVICE_CHECK_SKIP_BUILD=1 .../prepare.sh        reuse the jars in target/ as they are
#   JAVA_HOME=/path/to/jdk-25 .../prepare.sh        another JDK 25 (default /usr/lib/jvm/temurin-25-jdk-amd64)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jdk_bin="$JAVA_HOME/bin"
out="backend-cuda/target/device-check"
stage="backend-cuda/target/device-check-stage"   # what the bundle packs; stays here
classpath_file="target/device-check-classpath.txt"   # per module, relative to each module's folder
limit=$((64 * 1024 * 1024))

for tool in java jar jlink jdeps; do
  [ -x "$jdk_bin/$tool" ] || { echo "prepare: no $jdk_bin/$tool; set JAVA_HOME to a JDK 25" >&2; exit 1; }
done

# 1. Build backend-cuda and the modules it needs (-am), and write its test class path (the dependency plugin, run in
#    the same reactor so that our own modules resolve to their target/ jars, never to ~/.m2's installed ones).
if [ "${DEVICE_CHECK_SKIP_BUILD:-0}" != 1 ]; then
  build=(./mvnw -B -q -pl backend-cuda,backend-tpu-xla -am -DskipTests package
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath
    -Dmdep.includeScope=test "-Dmdep.outputFile=$classpath_file")
  echo "prepare: building: ${build[*]} -o"
  log="$(mktemp)"
  rm -f "backend-cuda/$classpath_file" "backend-tpu-xla/$classpath_file"
  if ! "${build[@]}" -o > "$log" 2>&1 || [ ! -s "backend-cuda/$classpath_file" ]; then
    grep -v '^WARNING: Using incubator modules' "$log" >&2 || true
    echo "prepare: the offline build failed (above); once more online (a plugin may be missing from ~/.m2)" >&2
    if ! "${build[@]}" > "$log" 2>&1; then
      grep -v '^WARNING: Using incubator modules' "$log" >&2 || true
      echo "prepare: the build failed" >&2
      exit 1
    fi
  fi
  if grep -q 'ERROR]' "$log"; then
    grep 'ERROR]' "$log" >&2
    echo "prepare: the build printed errors" >&2
    exit 1
  fi
  rm -f "$log"
fi
cuda_jar="$(ls backend-cuda/target/backend-cuda-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -1 || true)"
if [ -z "$cuda_jar" ] || [ ! -s "backend-cuda/$classpath_file" ] || [ ! -d backend-cuda/target/test-classes ]; then
  echo "prepare: missing backend-cuda's jar, test classes or backend-cuda/$classpath_file; build first" >&2
  exit 1
fi
if [ ! -f backend-cuda/target/test-classes/dev/caracal/backend/cuda/devicecheck/DeviceCheck.class ]; then
  echo "prepare: DeviceCheck is not compiled in backend-cuda/target/test-classes" >&2
  exit 1
fi

# 2. The jars, into the stage's lib/.
rm -rf "$out" "$stage"
mkdir -p "$out" "$stage/lib"
tests_jar="lib/backend-cuda-test-classes.jar"
"$jdk_bin/jar" --create --file "$stage/$tests_jar" -C backend-cuda/target/test-classes .
cp "$cuda_jar" "$stage/lib/"
entries=("$tests_jar" "lib/$(basename "$cuda_jar")")
# The XLA backend's jar and tests ride along (its device check, backend-tpu-xla/device-check/run.sh, uses this bundle).
xla_jar="$(ls backend-tpu-xla/target/backend-tpu-xla-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -1 || true)"
if [ -n "$xla_jar" ] && [ -d backend-tpu-xla/target/test-classes ]; then
  "$jdk_bin/jar" --create --file "$stage/lib/backend-tpu-xla-test-classes.jar" -C backend-tpu-xla/target/test-classes .
  cp "$xla_jar" "$stage/lib/"
  entries+=("lib/backend-tpu-xla-test-classes.jar" "lib/$(basename "$xla_jar")")
fi
dependencies=()
for module in backend-cuda backend-tpu-xla; do
  [ -s "$module/$classpath_file" ] || continue
  IFS=: read -r -a found < "$module/$classpath_file" || true  # no newline at its end
  dependencies+=("${found[@]}")
done
for dependency in "${dependencies[@]}"; do
  [ -n "$dependency" ] || continue
  if [ -d "$dependency" ]; then
    echo "prepare: $dependency is a folder, not a jar (was the reactor build skipped?)" >&2
    exit 1
  fi
  name="$(basename "$dependency")"
  if [ -e "$stage/lib/$name" ]; then
    if cmp -s "$dependency" "$stage/lib/$name" || [[ "$name" == backend-*.jar ]]; then
      continue  # both modules' class paths name it (or it is one of the two modules, already in)
    fi
    echo "prepare: two different class path entries named $name" >&2
    exit 1
  fi
  cp "$dependency" "$stage/lib/$name"
  entries+=("lib/$name")
done
printf '%s\n' "${entries[@]}" > "$out/classpath.txt"
jar_bytes="$(du -sb "$stage/lib" | cut -f1)"
# Stored, not deflated: the same entries in the same order (manifests and module descriptors untouched), so that xz
# finds the redundancy between classes that deflate hides.
if command -v python3 > /dev/null; then
  python3 - "$stage/lib" <<'PY'
import os, sys, zipfile
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name)
    stored = path + ".stored"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            entry.compress_type = zipfile.ZIP_STORED
            target.writestr(entry, data)
    os.replace(stored, path)
PY
else
  echo "prepare: no python3: the jars stay deflated (the bundle is about 14 MiB larger)"
fi

# 3. The runtime, into the stage's runtime/: the JDK modules the device check uses. jdeps on our own jars prints what
#    they name (the third-party ones were looked at once: JUnit needs java.xml and java.logging, and jdk.zipfs to find
#    test classes in jars; Guava jdk.unsupported). Left out on purpose, because no path of the device check reaches
#    them: java.desktop (java.beans, for the Jinja chat templates only; about 10 MB), and javassist's java.instrument,
#    jdk.attach and jdk.jdi.
modules="java.base,jdk.incubator.vector,java.logging,java.management,java.xml,jdk.unsupported,jdk.zipfs"
modules="${DEVICE_CHECK_JLINK_MODULES:-$modules}"
ours=("$stage"/lib/backend-*.jar "$stage"/lib/platform-*.jar)
jdeps_found="$("$jdk_bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 -q "${ours[@]}" 2>&1 \
  || true)"
echo "prepare: jdeps on our jars: $jdeps_found"
for module in ${jdeps_found//,/ }; do
  case ",$modules,java.desktop," in
    *",$module,"*) ;;
    *) echo "prepare: warning: our jars name $module, which the runtime lacks; add it to modules above" >&2 ;;
  esac
done
echo "prepare: the runtime gets: $modules"
"$jdk_bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
  --output "$stage/runtime" 2>&1 | grep -v '^WARNING: Using incubator modules' || true
"$stage/runtime/bin/java" -version 2>&1 | head -1
runtime_bytes="$(du -sb "$stage/runtime" | cut -f1)"

# 4. The bundle.
echo "prepare: packing $stage into $out/bundle.tar.xz"
tar -C "$stage" -cf - runtime lib | xz -T0 -6 > "$out/bundle.tar.xz"

# 5. What was built, and the sizes.
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git status --porcelain 2>/dev/null | grep -c . || true)"
{
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) from commit $commit ($dirty changed or new paths in the working tree)"
  echo "jdk: $("$jdk_bin/java" -version 2>&1 | head -1)"
  echo "runtime modules: $modules ($runtime_bytes bytes unpacked)"
  echo "class path (sizes with entries stored):"
  while read -r entry; do
    printf '  %10d  %s\n' "$(stat -c %s "$stage/$entry")" "$entry"
  done < "$out/classpath.txt"
} > "$out/manifest.txt"

carried="$(du -sb "$out" | cut -f1)"
tree="$(git ls-files -z --cached --others --exclude-standard | xargs -0 -r stat -c %s 2>/dev/null \
  | awk '{s += $1} END {print s + 0}')"
shared=0
[ -d shared ] && shared="$(du -sb shared | cut -f1)"
total=$((carried + tree + shared))
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }
jars="$(ls "$stage/lib" | wc -l)"
echo "prepare: $out: $(mib "$carried") (bundle.tar.xz of a $(mib "$runtime_bytes") runtime and $jars jars of" \
  "$(mib "$jar_bytes"))"
also=""
[ "$shared" -gt 0 ] && also=", shared/ $(mib "$shared")"
echo "prepare: with the working tree ($(mib "$tree") tracked and untracked-not-ignored$also): $(mib "$total") of" \
  "the device tool's 64 MiB"
if [ "$total" -ge "$limit" ]; then
  echo "prepare: TOO LARGE for the device tool (64 MiB)" >&2
  exit 1
fi
if [ "$total" -ge $((limit * 9 / 10)) ]; then
  echo "prepare: warning: within 10% of the 64 MiB limit" >&2
fi
echo "prepare: done; the device tool's run: command 'bash backend-cuda/device-check/run.sh'," \
  "carry [\"$out\"], timeout_s 540"

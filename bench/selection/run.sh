#!/usr/bin/env bash
# Benchmark of automatic selection on a 10-minute 720p30 source (generated once, cached under target/).
# Prints analysis wall time / source duration (target < 0.05) next to a full decode of the same file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
./mvnw -B -q -ntp -pl clip-worker -am package -DskipTests
cp_file="$here/target/classpath.txt"
mkdir -p "$here/target"
./mvnw -B -q -ntp -pl clip-worker dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="$root/clip-worker/target/classes:$root/contracts/target/classes:$(cat "$cp_file")"
source="$here/target/source-720p30-600s.mp4"
if [[ ! -f "$source" ]]; then
  export FFMPEG_PATH="${FFMPEG_PATH:-$(java -cp "$classpath" -Dorg.bytedeco.javacpp.platform.extension=-gpl \
    org.bytedeco.javacpp.Loader -print ffmpeg 2>/dev/null || true)}"
  echo "Generating the 10-minute source (once)..."
  "$here/generate-source.sh" "$source"
fi
java -cp "$classpath" "$here/SelectionBenchmark.java" "$source"

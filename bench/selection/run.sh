#!/usr/bin/env bash
# Benchmark of automatic selection on a 10-minute 720p30 source (generated once, cached under target/).
# Prints analysis wall time / source duration (target < 0.05) next to a full decode of the same file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p "$here/target"
# One reactor build, so the classpath names this checkout's modules even before they were ever installed.
./mvnw -B -q -ntp -pl clip-worker -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
classpath="$root/clip-worker/target/classes:$(cat "$root/clip-worker/target/classpath.txt")"
source="$here/target/source-720p30-600s.mp4"
if [[ ! -f "$source" ]]; then
  export FFMPEG_PATH="${FFMPEG_PATH:-$(java -cp "$classpath" "$root/bench/selection/PrintFfmpegPath.java")}"
  echo "Generating the 10-minute source (once)..."
  "$here/generate-source.sh" "$source"
fi
java -cp "$classpath" "$here/SelectionBenchmark.java" "$source"

#!/usr/bin/env bash
# Benchmark of automatic selection on a 10-minute 720p30 source (generated once, cached under target/).
# Prints analysis wall time / source duration (target < 0.05) next to a full decode of the same file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p "$here/target"
source "$root/bench/common.sh"
build_clip_worker_classpath -pl clip-worker -am
benchmark_source
java -cp "$classpath" "$here/SelectionBenchmark.java" "$source"

#!/usr/bin/env bash
# Benchmark of burned-in captions: render time of a 30 s vertical clip with `plain` captions / without
# (target <= 1.10), the same clip of the shared 10-minute 720p source, rounds alternating which goes first.
# Usage: bench/captions/run.sh [rounds]   (default 4)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p "$here/target"
source "$root/bench/common.sh"
build_clip_worker_classpath -pl clip-worker -am
benchmark_source
java -cp "$classpath" "$here/CaptionsBenchmark.java" "$source" "$here/target" "${1:-4}"

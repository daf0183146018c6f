# Sourced by the benchmark scripts: the shared build step and the shared 10-minute source.

# Builds through one reactor run (so this checkout's modules resolve even before they were ever installed) and
# sets $classpath to the clip-worker's. Arguments: extra Maven arguments, e.g. "-pl clip-worker -am".
build_clip_worker_classpath() {
  ./mvnw -B -q -ntp "$@" package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt >/dev/null
  classpath="$root/clip-worker/target/classes:$(cat "$root/clip-worker/target/classpath.txt")"
}

# Sets $source to the 10-minute 720p30 benchmark source, generated once with the worker's own ffmpeg.
benchmark_source() {
  source="$root/bench/selection/target/source-720p30-600s.mp4"
  if [[ ! -f "$source" ]]; then
    export FFMPEG_PATH="${FFMPEG_PATH:-$(java -cp "$classpath" "$root/bench/PrintFfmpegPath.java")}"
    echo "Generating the 10-minute source (once)..."
    "$root/bench/selection/generate-source.sh" "$source"
  fi
}

#!/usr/bin/env bash
# Pipeline benchmark: the same 5 vertical 30-second clips from a 10-minute 720p source, rendered
#   1. through Clipflow (./clipflow up, local storage): submit -> completed and stored, and
#   2. by the clip-worker's own ffmpeg commands (clip + poster) run directly in a shell loop.
# Prints both wall times and their ratio (target: Clipflow / raw ffmpeg <= 1.05).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p "$here/target"
# One reactor build, so the classpath names this checkout's modules even before they were ever installed.
./mvnw -B -q -ntp package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt >/dev/null
classpath="$root/clip-worker/target/classes:$(cat "$root/clip-worker/target/classpath.txt")"
source="$root/bench/selection/target/source-720p30-600s.mp4"
if [[ ! -f "$source" ]]; then
  export FFMPEG_PATH="${FFMPEG_PATH:-$(java -cp "$classpath" "$root/bench/selection/PrintFfmpegPath.java")}"
  echo "Generating the 10-minute source (once)..."
  "$root/bench/selection/generate-source.sh" "$source"
fi
ranges=(30:60 140:170 250:280 360:390 470:500)
now() { date +%s.%N; }

# 1. Raw ffmpeg, the worker's exact commands, one after the other (the worker renders a job's clips in sequence).
raw_dir="$here/target/raw"
rm -rf "$raw_dir" && mkdir -p "$raw_dir"
java -cp "$classpath" "$here/PrintRenderCommands.java" "$source" "$raw_dir" "${ranges[@]}" > "$here/target/commands.sh"
start=$(now)
while IFS= read -r command; do
  eval "$command" > /dev/null
done < "$here/target/commands.sh"
raw=$(echo "$(now) - $start" | bc)

# 2. Clipflow, end to end through the gateway.
export LOCAL_STORAGE_PATH="$here/target/storage" GATEWAY_PORT="${GATEWAY_PORT:-18080}" KAFKA_PORT="${KAFKA_PORT:-19092}" \
  CLIP_WORKER_PORT=18081 UPLOADER_PORT=18082 GALLERY_PORT=18083
rm -rf "$LOCAL_STORAGE_PATH"
"$root/clipflow" up > "$here/target/clipflow.log" 2>&1 &
launcher=$!
trap 'kill -TERM $launcher 2>/dev/null; wait $launcher 2>/dev/null || true' EXIT
until grep -q "Press Ctrl-C" "$here/target/clipflow.log"; do
  kill -0 $launcher 2>/dev/null || { cat "$here/target/clipflow.log"; exit 1; }
  sleep 1
done
clips=""
for r in "${ranges[@]}"; do clips+="{\"start\":${r%%:*},\"end\":${r##*:}},"; done
start=$(now)
job=$(curl -fsS -F "file=@$source;type=video/mp4" -F title=bench -F output_format=vertical -F "clips=[${clips%,}]" \
  "http://127.0.0.1:$GATEWAY_PORT/jobs" | sed -n 's/.*"job_id":"\([^"]*\)".*/\1/p')
while true; do
  body=$(curl -fsS "http://127.0.0.1:$GATEWAY_PORT/jobs/$job")
  status=$(sed -e 's/"backup":{[^}]*}//' <<<"$body" | grep -o '"status":"[a-z]*"' | head -1 | cut -d'"' -f4)
  [[ "$status" == "failed" ]] && { echo "job failed: $body"; exit 1; }
  [[ "$status" == "completed" && "$body" == *'"backup":{"status":"stored"}'* ]] && break
  sleep 0.2
done
clipflow=$(echo "$(now) - $start" | bc)

printf 'raw ffmpeg (5 vertical 30 s clips + posters): %6.1f s\n' "$raw"
printf 'Clipflow (upload, render, store):             %6.1f s\n' "$clipflow"
printf 'Clipflow / raw ffmpeg:                        %6.3f (target <= 1.05)\n' "$(echo "$clipflow / $raw" | bc -l)"

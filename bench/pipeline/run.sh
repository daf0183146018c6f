#!/usr/bin/env bash
# Pipeline benchmark: the same 5 vertical 30-second clips from a 10-minute 720p source, rendered
#   1. by the clip-worker's own ffmpeg commands (clip + poster) run directly in a shell loop,
#   2. by the same commands, as many at once as the worker renders side by side (CLIP_WORKER_CLIPS_AT_ONCE,
#      default 2), which is what Clipflow itself adds to the rendering, and
#   3. through Clipflow (./clipflow up, local storage): upload -> completed and stored.
# They alternate for ROUNDS rounds (default 2), Clipflow's stack running only for its own turn, because
# this shared 2-core machine drifts by several percent within minutes; odd rounds run raw ffmpeg first, even
# rounds Clipflow first, so a steady drift favours neither, and the machine rests 10 s after a stack stops
# (freeing five JVMs' memory keeps the kernel busy for a few seconds). Each Clipflow turn starts a fresh
# stack and submits the same job twice, timing the second: like a benchmark harness's warm-up iteration,
# the first job takes the start-up costs a service that has run jobs before no longer pays (the JIT
# compilers of five JVMs work through the upload, render and storing paths for minutes: the stack's own CPU
# while ffmpeg rendered fell from 5.6 s in the first full job to 3.9 s in the second and 3.3 s in the third).
# SETTLE_SECONDS (default 0) idles the stack between the two jobs.
# Prints every round, then the ratios of the medians (target: Clipflow / raw ffmpeg loop <= 1.05).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p "$here/target"
source "$root/bench/common.sh"
build_clip_worker_classpath # every module: the run starts the whole stack
benchmark_source
ranges=(30:60 140:170 250:280 360:390 470:500)
rounds="${ROUNDS:-2}"
settle="${SETTLE_SECONDS:-0}"
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; } # from, to

raw_dir="$here/target/raw"
java -cp "$classpath" "$here/PrintRenderCommands.java" "$source" "$raw_dir" "${ranges[@]}" > "$here/target/commands.sh"

# The worker's exact commands, one after the other.
raw_round() {
  rm -rf "$raw_dir" && mkdir -p "$raw_dir"
  local start command
  start=$(now)
  while IFS= read -r command; do
    eval "$command" > /dev/null
  done < "$here/target/commands.sh"
  elapsed "$start" "$(now)"
}

# The same commands, each clip followed by its poster, $clips_at_once clips at a time.
clips_at_once="${CLIP_WORKER_CLIPS_AT_ONCE:-2}"
paste -d';' <(sed -n 'p;n' "$here/target/commands.sh") <(sed -n 'n;p' "$here/target/commands.sh") > "$here/target/clip-units.sh"
raw_side_by_side_round() {
  rm -rf "$raw_dir" && mkdir -p "$raw_dir"
  local start
  start=$(now)
  tr '\n' '\0' < "$here/target/clip-units.sh" | xargs -0 -P "$clips_at_once" -I{} bash -c '{}' > /dev/null
  elapsed "$start" "$(now)"
}

# Each round on a fresh stack: its own data dir (broker log, storage), deleted before the round.
export CLIPFLOW_DATA_DIR="$here/target/clipflow-data" GATEWAY_PORT="${GATEWAY_PORT:-18080}" KAFKA_PORT="${KAFKA_PORT:-19092}" \
  CLIP_WORKER_PORT="${CLIP_WORKER_PORT:-18081}" UPLOADER_PORT="${UPLOADER_PORT:-18082}" GALLERY_PORT="${GALLERY_PORT:-18083}"
gateway="http://127.0.0.1:$GATEWAY_PORT"
launcher=""
stop_stack() {
  [[ -n "$launcher" ]] || return 0
  kill -TERM "$launcher" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
  launcher=""
  sleep 10
}
trap stop_stack EXIT

submit() { # title, clips JSON -> job id
  local id
  id=$(curl -fsS -F "file=@$source;type=video/mp4" -F "title=$1" -F output_format=vertical -F layout=blur -F "clips=$2" "$gateway/jobs" \
    | sed -n 's/.*"job_id":"\([^"]*\)".*/\1/p')
  [[ -n "$id" ]] || { echo "the gateway did not accept the job" >&2; return 1; }
  echo "$id"
}
# Follows the job's Server-Sent Events (one connection, as the web UI does) until it is completed and stored;
# sets $processing and $completed to the times it was taken and finished. One sed turns each event into a
# word and the shell's builtins read it: a fork per progress event would steal CPU from the render it times.
follow() {
  local job="$1" state
  processing="" completed=""
  while true; do
    while IFS= read -r state; do
      case "$state" in
        processing) [[ -n "$processing" ]] || processing=$(now) ;;
        completed) [[ -n "$processing" ]] || processing=$(now)
                   [[ -n "$completed" ]] || completed=$(now) ;;
        stored) [[ -n "$completed" ]] || completed=$(now)
                return 0 ;;
        failed) echo "job $job failed" >&2; exit 1 ;;
      esac
    done < <(curl -sN "$gateway/jobs/$job/events" | sed -u -n -e '/^data:/!d' \
      -e '/"backup":{"status":"stored"}/{s/.*/stored/p;d;}' -e 's/"backup":{[^}]*}//' -e 's/.*"status":"\([a-z]*\)".*/\1/p')
    sleep 0.2 # the stream closes at the job's final state; the backup status follows on a new one
  done
}

render_seconds() {
  curl -fsS "http://127.0.0.1:$CLIP_WORKER_PORT/q/metrics" | sed -n 's/^clipflow_clip_render_seconds_sum \([0-9.eE+-]*\)$/\1/p'
}

clipflow_round() {
  rm -rf "$CLIPFLOW_DATA_DIR"
  "$root/clipflow" up > "$here/target/clipflow.log" 2>&1 &
  launcher=$!
  until grep -q "Press Ctrl-C" "$here/target/clipflow.log"; do
    kill -0 "$launcher" 2>/dev/null || { cat "$here/target/clipflow.log" >&2; exit 1; }
    sleep 1
  done
  local clips="" r warmup start uploaded stored warm
  for r in "${ranges[@]}"; do clips+="{\"start\":${r%%:*},\"end\":${r##*:}},"; done
  warmup=$(submit warmup "[${clips%,}]")
  follow "$warmup"
  sleep "$settle"
  warm=$(render_seconds)
  start=$(now)
  local job
  job=$(submit bench "[${clips%,}]")
  uploaded=$(now)
  follow "$job"
  stored=$(now)
  printf '%s %s %s %s %s\n' > "$here/target/round.txt" "$(elapsed "$start" "$stored")" "$(elapsed "$start" "$uploaded")" \
    "$(elapsed "$uploaded" "$processing")" "$(elapsed "$warm" "$(render_seconds)")" "$(elapsed "$completed" "$stored")"
  stop_stack
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

raws=() sides=() totals=()
for round in $(seq "$rounds"); do
  if ((round % 2)); then
    raw=$(raw_round)
    side=$(raw_side_by_side_round)
    clipflow_round
  else
    clipflow_round
    side=$(raw_side_by_side_round)
    raw=$(raw_round)
  fi
  read -r total upload queued render store < "$here/target/round.txt"
  raws+=("$raw") sides+=("$side") totals+=("$total")
  printf 'round %d: raw loop %5.1f s | raw %d at once %5.1f s | Clipflow %5.1f s = upload %.1f + queued %.1f + render %.1f (worker metric) + rest, completed->stored %.1f s\n' \
    "$round" "$raw" "$clips_at_once" "$side" "$total" "$upload" "$queued" "$render" "$store"
done
raw=$(printf '%s\n' "${raws[@]}" | median)
side=$(printf '%s\n' "${sides[@]}" | median)
clipflow=$(printf '%s\n' "${totals[@]}" | median)
printf 'raw ffmpeg loop (5 vertical 30 s clips + posters), median:    %6.1f s\n' "$raw"
printf 'raw ffmpeg, %d clips at once, median:                          %6.1f s\n' "$clips_at_once" "$side"
printf 'Clipflow (upload, render, store; second job), median:         %6.1f s\n' "$clipflow"
printf 'Clipflow / raw ffmpeg loop:                                    %6.3f (target <= 1.05)\n' "$(echo "$clipflow / $raw" | bc -l)"
printf 'Clipflow / raw ffmpeg %d at once (what Clipflow adds):          %6.3f\n' "$clips_at_once" "$(echo "$clipflow / $side" | bc -l)"

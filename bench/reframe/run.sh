#!/usr/bin/env bash
# Benchmark of the track layout on a 60 s 720p30 talk (a real face photograph wandering over a moving
# background, generated once under target/): for each of three 20 s vertical clips,
#   1. the face analysis (decode, detection, camera path) against the clip's duration (target <= 0.1), with
#      the CPU time of ffmpeg and of the JVM, then its decode and its detection each timed alone, and
#   2. the worker's own render command with layout track against the same with layout crop (target <= 1.1),
#      ROUNDS rounds (default 3; 0 skips the renders) alternating which goes first, compared by the median round.
# The face photo is Debian python3-skimage's astronaut.png (apt-get download + dpkg -x, as the tests take it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p "$here/target"
source "$root/bench/common.sh"
build_clip_worker_classpath -pl clip-worker -am
export FFMPEG_PATH="${FFMPEG_PATH:-$(java -cp "$classpath" "$root/bench/PrintFfmpegPath.java")}"

photo="$here/target/face-photo/usr/lib/python3/dist-packages/skimage/data/astronaut.png"
if [[ ! -f "$photo" ]]; then
  mkdir -p "$here/target/face-photo"
  (cd "$here/target/face-photo" && apt-get download python3-skimage >/dev/null 2>&1 && dpkg -x python3-skimage_*.deb . && rm -f python3-skimage_*.deb)
fi
talk="$here/target/talk-720p30-60s.mp4"
if [[ ! -f "$talk" ]]; then
  echo "Generating the 60 s talk (once)..."
  # The speaker sways and walks; the background drifts and has grain, at a talk recording's 4 Mbit/s.
  "$FFMPEG_PATH" -v error -y -f lavfi -i "gradients=s=1280x720:r=30:d=60:speed=0.02,noise=alls=6:allf=t" \
    -f lavfi -i "sine=frequency=220:sample_rate=48000:duration=60" -loop 1 -i "$photo" \
    -filter_complex "[2:v]format=rgba[speaker];[0:v][speaker]overlay=x='200+300*sin(t/5)':y='110+20*sin(t/3)':shortest=1,format=yuv420p[v]" \
    -map '[v]' -map 1:a -t 60 -c:v libx264 -preset veryfast -crf 23 -maxrate 4M -bufsize 8M -g 60 -c:a aac "$talk"
fi
java -cp "$classpath" "$here/ReframeBenchmark.java" "$talk" "$here/target" "${ROUNDS:-3}"

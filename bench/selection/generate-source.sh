#!/usr/bin/env bash
# Writes the benchmark source once: 10 minutes of 1280x720 at 30 fps, H.264 (x264 veryfast, B-frames) + AAC.
# Film grain noise keeps the bitrate near real footage (~3-5 Mbit/s); the hue jumps every 23 s are scene cuts,
# the pink noise is loud for 25 s of every 97 s.
set -euo pipefail
out="${1:?output path}"
ffmpeg_bin="${FFMPEG_PATH:-$(find "$HOME/.javacpp/cache" -path '*linux-x86_64-gpl/ffmpeg' -type f | head -1)}"
[ -x "$ffmpeg_bin" ] || { echo "no ffmpeg: set FFMPEG_PATH or run the clip-worker build once" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
"$ffmpeg_bin" -nostdin -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=s=1280x720:r=30:d=600,hue=H=2*PI*floor(t/23)/5,noise=alls=6:allf=t" \
  -f lavfi -i "anoisesrc=color=pink:sample_rate=48000:d=600:amplitude=0.3,volume='0.05+0.95*between(mod(t\,97)\,40\,65)':eval=frame" \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -b:a 128k -shortest -f mp4 "$out.part"
mv "$out.part" "$out"

#!/usr/bin/env bash
# The full build (`./mvnw -B -ntp verify`, as .ci/run runs it) of this checkout's HEAD against a baseline commit's,
# both timed in this run on this machine from clean clones, rounds alternating which goes first: wall clock and the
# CPU of every process the build starts. Dependencies are fetched in an untimed warm-up build of each first.
# Usage: bench/build/run.sh [baseline-ref] [rounds]   (defaults: HEAD~1, 1)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
baseline="${1:-HEAD~1}"
rounds="${2:-1}"
work="$here/target"
mkdir -p "$work"

checkout() { # name ref
  rm -rf "${work:?}/$1"
  git clone --quiet "$root" "$work/$1"
  git -C "$work/$1" checkout --quiet --detach "$(git -C "$root" rev-parse "$2^{commit}")"
  echo "$1: $(git -C "$work/$1" log -1 --format='%h %s' | cut -c1-100)"
}

timed_build() { # name round
  local log="$work/$1-round$2.log" status=0 TIMEFORMAT="%R %U %S"
  git -C "$work/$1" clean -xfdq
  local figures
  figures=$( { time (cd "$work/$1" && ./mvnw -B -ntp verify >"$log" 2>&1) ; } 2>&1 ) || status=$?
  read -r real user sys <<<"$(tail -n 1 <<<"$figures")"
  awk -v n="$1" -v r="$2" -v w="$real" -v u="$user" -v s="$sys" -v f="$([[ $status -eq 0 ]] || echo "  FAILED, see $log")" \
    'BEGIN { printf "%-8s round %d: wall %4.0f s, CPU %5.0f s (user %.0f + system %.0f)%s\n", n, r, w, u + s, u, s, f }'
}

checkout head HEAD
checkout baseline "$baseline"
for name in head baseline; do
  (cd "$work/$name" && ./mvnw -B -q -ntp verify -DskipTests >/dev/null 2>&1) || echo "$name: warm-up build failed"
done
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then order=(head baseline); else order=(baseline head); fi
  for name in "${order[@]}"; do timed_build "$name" "$round"; done
done

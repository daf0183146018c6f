#!/usr/bin/env bash
# Gallery benchmark: 10,000 jobs (50,000 clips) in the devstack S3 server; cold index build, refresh of an
# unchanged store, cached GET /clips?limit=50 latency, and the raw SDK baseline, in one run.
# Not part of the default build: the bench profile adds bench/gallery/src/test/java as a test source.
# Usage: bench/gallery/run.sh [-Dbench.jobs=10000] [-Dbench.requests=5000]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B verify -pl gallery-service -am -Pbench \
  -Dtest=GalleryBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@"
echo
cat gallery-service/target/gallery-benchmark.txt

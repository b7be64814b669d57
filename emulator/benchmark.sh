#!/usr/bin/env bash
# The emulator's benchmark (docs/emulator.md, "Benchmark"): encodings, --max throughput, rate accuracy,
# all against an in-process Kafka broker and S3 server. Run from the repository root:
#   emulator/benchmark.sh [words for the max runs, default 3000000] [seconds per rate run, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl emulator -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec java -Xmx2g -cp "emulator/target/test-classes:emulator/target/classes:$(cat emulator/target/bench.cp)" \
  org.minidt.emulator.EmulatorBenchmark "$@" 2> >(grep -v -E ' (INFO|DEBUG) ' >&2)

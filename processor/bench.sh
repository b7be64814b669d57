#!/usr/bin/env bash
# Processor benchmarks (see docs/processor.md): ./processor/bench.sh [runs=1536] [stream threads=1] (throughput, heap);
# BENCH_MAIN=org.minidt.processor.LiveLatencyBenchmark ./processor/bench.sh [runs=20] [seconds=20] (window latency)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl processor -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="processor/target/test-classes:processor/target/classes:$(cat processor/target/bench.classpath)"
exec java -Xmx1g ${BENCH_OPTS:-} -cp "$cp" "${BENCH_MAIN:-org.minidt.processor.ProcessorBenchmark}" "$@"

#!/usr/bin/env bash
# Every measurement of the README's Performance section, one invocation each (each launches a fresh
# platform, and the baseline unless --no-baseline). Reports and console output go to bench/results/.
# Needs local Postgres and Redis (see ../shared/NOTES-dependencies.md) and a quiet machine: check
# `uptime` first; other builds on the same two cores distort every figure.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -Pbench -pl launcher,bench -am package -DskipTests
mkdir -p bench/results
bench() { # name, options...
  local name=$1; shift
  echo "== $name (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx512m -jar bench/target/seatflow-bench.jar --out="bench/results/$name.json" --label="$name" "$@" \
    > "bench/results/$name.out" 2>&1
}
current="--duration=20s --warmup=10s --prime=90s"
# Current (README "Current: fewer writes per decision"): the defaults against the baseline with
# Ed25519, the same Seatflow points with the former 20 ms commit interval, and RSA-4096.
bench cuts-ed25519 $current --signing=ED25519 --scenarios=acquire,heartbeat,burst --rates=100,200 --heartbeat-rates=500,1000
bench cuts-commit-20ms $current --no-baseline --signing=ED25519 --scenarios=acquire,heartbeat --rates=100,200 \
  --heartbeat-rates=500,1000 --platform-prop=seatflow.processor.commit-interval=20ms
bench cuts-rsa $current --scenarios=acquire --rates=50,100,200
bench cuts-final-heartbeat $current --signing=ED25519 --scenarios=heartbeat --heartbeat-rates=500,1000
# Current (README "Current: overload, the highest acquire rate, idle cost"): heartbeats offered at twice
# the highest rate Seatflow answered in full (2000/s), with and without the standing-queue refusal, then
# the normal rate again; the highest acquire rate with Ed25519 (a failed probe tried twice).
bench overload-heartbeat $current --signing=ED25519 --scenarios=overload --overload-scenario=heartbeat --overload-rate=4000 \
  --normal-rate=500 --recovery=15s --platform-prop=seatflow.gateway.in-flight.target-delay=50ms
bench overload-heartbeat-fixed $current --no-baseline --signing=ED25519 --scenarios=overload --overload-scenario=heartbeat \
  --overload-rate=4000 --normal-rate=500 --recovery=15s --platform-prop=seatflow.gateway.in-flight.target-delay=0ms
bench find-max-ed25519 --find-max --p99-bound=50ms --signing=ED25519 --start-rate=100 --duration=20s --warmup=10s --prime=90s
# 2026-12-02 (README "Earlier: early replies"): early replies against the baseline with Ed25519,
# RSA-4096 with batch signing, and the same Ed25519 points with committed replies.
bench early-ed25519 $current --signing=ED25519 --scenarios=acquire,heartbeat,burst --rates=100,200 --heartbeat-rates=500,1000
bench batch-rsa $current --scenarios=acquire --rates=50,100,200
bench batch-find-max-rsa --find-max --p99-bound=50ms --duration=20s --warmup=10s --start-rate=20 --prime=90s
bench batch-capacity-rsa --find-max --p99-bound=500ms --duration=20s --warmup=10s --start-rate=100 --max-rate=1000 --prime=90s
bench committed-ed25519 $current --no-baseline --signing=ED25519 --scenarios=acquire,heartbeat --rates=100,200 \
  --heartbeat-rates=500,1000 --platform-prop=seatflow.gateway.reply-isolation=committed
# Earlier (README "Earlier: committed replies"; run with that version for the same figures).
# 1. Every scenario, Seatflow and baseline side by side, defaults (commit interval 20 ms, RSA-4096).
bench main --scenarios=all --duration=20s --warmup=10s --rates=50,100,200,400 --mixed-rates=100,200 \
  --heartbeat-rates=100,200,500,1000,2000
# 2. Exactly-once commit interval: 5 ms and 100 ms against the 20 ms of run 1.
for interval in 5ms 100ms; do
  bench "commit-$interval" --no-baseline --scenarios=acquire,heartbeat --duration=20s --warmup=10s --rates=50,100 \
    --heartbeat-rates=100,200,500 --platform-prop=seatflow.processor.commit-interval=$interval
done
# 3. Ed25519 instead of RSA-4096, both systems.
bench ed25519 --signing=ED25519 --scenarios=acquire,mixed --duration=20s --warmup=10s --rates=50,100,200,400 --mixed-rates=200
# 4. Highest acquire rate with p99 <= 50 ms, both systems, RSA-4096 (Ed25519: re-measured above).
bench find-max-rsa --find-max --p99-bound=50ms --duration=20s --warmup=10s --start-rate=20
# 5. Highest heartbeat rate with p99 <= 20 ms.
bench find-max-heartbeat --find-max --find-max-scenario=heartbeat --p99-bound=20ms --duration=20s --warmup=10s --start-rate=50
# 6. The accepted heartbeat path (answer once the command is written) against the decided one of run 1.
bench heartbeat-accepted --no-baseline --scenarios=heartbeat,mixed --duration=20s --warmup=10s --heartbeat-rates=200,500,1000,2000 \
  --mixed-rates=200 --platform-prop=seatflow.gateway.heartbeat-path=accepted
bench find-max-heartbeat-accepted --no-baseline --find-max --find-max-scenario=heartbeat --p99-bound=20ms --duration=20s \
  --warmup=10s --start-rate=100 --platform-prop=seatflow.gateway.heartbeat-path=accepted
bench heartbeat-accepted-vs-baseline --scenarios=heartbeat --duration=20s --warmup=10s --heartbeat-rates=500,1000,2000 \
  --platform-prop=seatflow.gateway.heartbeat-path=accepted

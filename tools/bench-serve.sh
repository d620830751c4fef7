#!/usr/bin/env bash
# Load on `sentio serve` over loopback: starts the server (its own JVM), runs dev.sentio.bench.LoadReport against it
# (recognize at 1/4/16/64 clients, 32 WebSocket streams at real-time pace, a soak with the server's RSS sampled every
# 10 s), stops it. Usage: tools/bench-serve.sh [SECONDS_PER_LEVEL=20] [SOAK_SECONDS=600]; prints Markdown.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SENTIO_SHARED:-$here/../shared}"
per_level="${1:-20}"
soak="${2:-600}"
(cd "$here" && ./mvnw -q -DskipTests -pl sentio-bench,sentio-cli -am package) >&2
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
# two recognition threads (the machine's cores), a queue of 8; streams up to 40
"$here/sentio" serve --port "$port" --threads 2 --queue 8 --max-streams 40 2>"$here/sentio-bench/target/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
pid=$(pgrep -P "$server" java || echo "$server")
java -cp "$here/sentio-bench/target/benchmarks.jar" dev.sentio.bench.LoadReport "http://127.0.0.1:$port" "$pid" \
  "$shared/corpora/emodb/wav" "$per_level" "$soak"

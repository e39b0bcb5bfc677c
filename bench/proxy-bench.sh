#!/bin/sh
# Proxy benchmark, one run, loopback only, bounded in time (3 to 6 minutes: each side is warmed up with uncounted runs until its rate settles):
#   added latency through the inspecting path vs direct; throughput vs mitmproxy doing the same interception;
#   1,000 concurrent tunnelled connections; idle RSS of `interlock serve`.
# Needs: Java 17, Maven (offline cache), mitmdump (apt-get install -y mitmproxy).
# Usage: bench/proxy-bench.sh [seconds-per-throughput-run (8)] [concurrent clients (16)]
set -eu
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-8}
CLIENTS=${2:-16}
command -v mitmdump >/dev/null || { echo "proxy-bench: mitmdump not found (apt-get install -y mitmproxy)" >&2; exit 2; }
mvn -q -B -o -DskipTests package -pl app >/dev/null
DIST=app/target/dist
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CP="app/target/test-classes:$DIST/lib/*"
timeout 600 java -Xmx512m -cp "$CP" dev.interlock.proxy.ProxyBench "$WORK/bench" "$SECONDS_PER_RUN" "$CLIENTS" 2>/dev/null

# Idle memory of the whole app (guard service + control API + proxy), started as users start it.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/home"
printf '{"proxyPort": %s}\n' "$PORT" > "$WORK/home/settings.json"
INTERLOCK_HOME="$WORK/home" "$DIST/bin/interlock" serve --headless > "$WORK/serve.log" 2>&1 &
PID=$!
i=0
until grep -q "HTTPS proxy on" "$WORK/serve.log" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 600 ] && { echo "serve did not start:"; cat "$WORK/serve.log"; kill $PID; exit 1; }
  sleep 0.1
done
sleep 5
RSS=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
kill $PID; wait $PID 2>/dev/null || true
echo "idle RSS of interlock serve (guard + control API + proxy, launcher defaults): $((RSS / 1024)) MiB"

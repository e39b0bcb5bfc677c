#!/bin/sh
# Round trip of the per-call hook client an agent spawns (share/hooks/interlock-hook), for an allowed Claude Code
# tool call, with the Interlock service running; side by side in one hyperfine run with a `cat >/dev/null` hook
# (the floor: what any spawned hook costs on this machine). The client runs as `interlock install` writes it
# (`/bin/bash <client> AGENT`), then started by sh (which re-execs bash), then forced onto its curl transport.
#
# Usage: bench/hook-roundtrip.sh [RUNS]      (builds nothing: run `mvn -B -DskipTests package` first)
# Needs: hyperfine (apt-get install -y hyperfine), curl, Java 17.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dist="$here/app/target/dist"
runs=${1:-300}
[ -x "$dist/bin/interlock" ] || { echo "no distribution at $dist: run mvn -B -DskipTests package" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 2; }

work=$(mktemp -d)
export INTERLOCK_HOME="$work/home"
mkdir -p "$INTERLOCK_HOME"
"$dist/bin/interlock" serve --headless --port 0 >"$work/serve.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$work"' EXIT INT TERM
i=0
until [ -s "$INTERLOCK_HOME/run/endpoint" ] && curl -s -o /dev/null "http://127.0.0.1:$(cat "$INTERLOCK_HOME/run/endpoint")/"; do
  i=$((i + 1)); [ $i -lt 600 ] || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done

payload="$work/payload.json"
cat >"$payload" <<JSON
{"session_id":"bench","transcript_path":"/tmp/t.jsonl","cwd":"$here","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"file_path":"$here/README.md"},"tool_use_id":"toolu_bench"}
JSON
# The hook must really allow (exit 0, empty output) or the numbers mean nothing.
out=$("$dist/share/hooks/interlock-hook" claude-code <"$payload") || { echo "hook did not exit 0" >&2; exit 1; }
[ -z "$out" ] || { echo "hook did not allow: $out" >&2; exit 1; }

# hyperfine runs each command through sh -c and subtracts the cost of an empty shell from both alike.
hyperfine --warmup 30 --runs "$runs" --export-json "$work/result.json" \
  -n 'floor: cat >/dev/null' "cat <'$payload' >/dev/null" \
  -n 'interlock-hook claude-code (service running)' "/bin/bash '$dist/share/hooks/interlock-hook' claude-code <'$payload' >/dev/null" \
  -n 'same, started by sh (re-execs bash)' "'$dist/share/hooks/interlock-hook' claude-code <'$payload' >/dev/null" \
  -n 'same, curl transport (no bash)' "INTERLOCK_HOOK_TRANSPORT=curl '$dist/share/hooks/interlock-hook' claude-code <'$payload' >/dev/null"

python3 - "$work/result.json" <<'PY' 2>/dev/null || jq -r '.results[] | "\(.command): median \(.median*1000) ms"' "$work/result.json"
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = sorted(r["times"])
    p = lambda q: t[min(len(t) - 1, int(q * len(t)))] * 1000
    print(f'{r["command"]}: p50 {p(0.5):.1f} ms, p90 {p(0.9):.1f} ms, p99 {p(0.99):.1f} ms, mean {r["mean"]*1000:.1f} ms')
PY

#!/usr/bin/env bash
# Batch throughput of `interlock check --jsonl` (JSON in and out, every bundled pack loaded).
# Usage: bench/check-batch.sh [N]   (default 50000 decisions). Needs: mvn -q -B -DskipTests package first.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50000}
bin=app/target/dist/bin/interlock
[ -x "$bin" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
input=$(mktemp)
trap 'rm -f "$input" "$input.out"' EXIT
python3 - "$n" > "$input" <<'PY'
import json, sys
mix = [
  {"command": "ls -la", "cwd": "/home/dev/project"},
  {"command": "git status && git diff --stat", "cwd": "/home/dev/project"},
  {"command": "rm -rf node_modules && npm ci", "cwd": "/home/dev/project"},
  {"command": "git push --force origin main", "cwd": "/home/dev/project"},
  {"command": "kubectl --context prod -n payments delete deployment api"},
  {"command": "psql \"$DATABASE_URL\" -c 'DROP TABLE bookings;'"},
  {"command": "find . -name '*.log' -mtime +7 -delete", "cwd": "/home/dev/project"},
  {"command": "curl -s -X POST https://backboard.railway.app/graphql/v2 -d '{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f6c\\\") }\"}'"},
  {"http": {"method": "POST", "url": "https://backboard.railway.app/graphql/v2",
            "headers": {"Content-Type": "application/json"},
            "body": "{\"query\":\"mutation Cleanup { staging: volumeDelete(volumeId: \\\"3f6c\\\") }\"}"}},
  {"http": {"method": "GET", "url": "https://api.github.com/repos/acme/shop/pulls?state=open"}},
]
n = int(sys.argv[1])
for i in range(n):
    print(json.dumps(mix[i % len(mix)]))
PY
start=$(date +%s.%N)
"$bin" check --jsonl < "$input" > "$input.out"
end=$(date +%s.%N)
lines=$(wc -l < "$input.out")
errors=$(grep -c '"error"' "$input.out" || true)
python3 - "$start" "$end" "$lines" "$errors" <<'PY'
import sys
s, e, lines, errors = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"{lines} decisions in {e-s:.2f} s (JVM start included): {lines/(e-s):,.0f} decisions/s, {errors} errors")
PY

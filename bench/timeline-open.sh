#!/bin/sh
# How fast does the timeline open over a big audit log? Generates (once) a SQLite audit DB with N rows
# (default 1,000,000) in $TMPDIR/interlock-bench-N, then opens the real timeline headless and prints timings.
# Usage: bench/timeline-open.sh [ROWS]
set -e
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
mvn -q -B -o test -pl app -Dtest=TimelineOpenBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dinterlock.bench.rows="$rows"
cat app/target/surefire-reports/dev.interlock.ui.bench.TimelineOpenBench-output.txt | grep -v '^SLF4J\|WARNING\|^Nov\|^[A-Z][a-z][a-z] [0-9]'

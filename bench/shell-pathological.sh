#!/usr/bin/env bash
# Decision time for hostile shell input (1 MB command, 10,000 nested $(, 100,000 commands, …) with every
# bundled pack loaded; prints the best wall and CPU time of N rounds (default 5) per input.
# Usage: bench/shell-pathological.sh [N]   Needs: mvn -q -B -DskipTests package first.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=app/target/dist
[ -d "$dist/lib" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -d "$out" -cp "$dist/lib/*" bench/shell/PathologicalShell.java
java -Dinterlock.packs.dir="$dist/packs" -cp "$out:$dist/lib/*" PathologicalShell "${1:-5}"

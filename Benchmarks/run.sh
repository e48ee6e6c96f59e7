#!/usr/bin/env bash
# Ingest benchmark: builds trees of real logs (SampleLogs/ replicated with varied goroutine ids,
# addresses and durations), then times `flaketui --no-tui` on each, in release mode, next to
# `rg -c 'WARNING: DATA RACE'` (and gotestsum on the test2json part, when it is installed).
# Prints MB/s, peak memory (max RSS) and the ratios. Nothing here is a unit test.
#
#   Benchmarks/run.sh [SIZE ...]        default: 1G        e.g. Benchmarks/run.sh 1G 2G 4G
#   TREES=/var/tmp/flaketui-bench KEEP=1 Benchmarks/run.sh 1G
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1G}")
TREES=${TREES:-/tmp/flaketui-bench}
mkdir -p "$TREES"

swift build -c release --product flaketui >/dev/null
BIN=$(swift build -c release --show-bin-path)/flaketui

mb() { du -sb "$1" | awk '{printf "%.0f", $1 / 1000000}'; }
# Seconds and peak KB of a command, as "seconds kb".
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }

printf '%-22s %8s %9s %9s %10s %9s %9s\n' tree MB seconds "MB/s" "peak MB" "rg -c s" "×rg"
for size in "${SIZES[@]}"; do
    for kind in text json mixed; do
        tree=$TREES/$kind-$size
        if [ ! -d "$tree" ]; then
            case $kind in
            text) python3 Benchmarks/make-tree.py --size "$size" --out "$tree" --text-only >/dev/null ;;
            json) python3 Benchmarks/make-tree.py --size "$size" --out "$tree" --json-only >/dev/null ;;
            mixed) python3 Benchmarks/make-tree.py --size "$size" --out "$tree" >/dev/null ;;
            esac
        fi
        megabytes=$(mb "$tree")
        # Warm the page cache so that every tool reads from memory.
        find "$tree" -type f -exec cat {} + >/dev/null
        read -r seconds kb < <(measure "$BIN" --no-tui "$tree")
        rg_seconds="-"
        ratio="-"
        if command -v rg >/dev/null; then
            read -r rg_seconds _ < <(measure rg -c 'WARNING: DATA RACE' "$tree")
            ratio=$(awk -v a="$seconds" -v b="$rg_seconds" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
        fi
        printf '%-22s %8s %9s %9.0f %10.0f %9s %9s\n' "$kind-$size" "$megabytes" "$seconds" \
            "$(awk -v m="$megabytes" -v s="$seconds" 'BEGIN { print (s > 0 ? m / s : 0) }')" \
            "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$rg_seconds" "$ratio"
        if [ "$kind" = json ] && command -v gotestsum >/dev/null; then
            read -r gs_seconds gs_kb < <(measure sh -c "find '$tree' -name '*.json' -exec cat {} + | gotestsum --raw-command -- cat")
            printf '%-22s %8s %9s %9.0f %10.0f   (gotestsum)\n' "gotestsum-$size" "$megabytes" "$gs_seconds" \
                "$(awk -v m="$megabytes" -v s="$gs_seconds" 'BEGIN { print (s > 0 ? m / s : 0) }')" \
                "$(awk -v k="$gs_kb" 'BEGIN { print k / 1024 }')"
        fi
        [ "${KEEP:-0}" = 1 ] || rm -rf "$tree"
    done
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -m); $("$BIN" --version 2>/dev/null || echo flaketui)"

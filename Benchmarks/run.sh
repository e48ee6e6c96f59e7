#!/usr/bin/env bash
# Ingest benchmark: builds trees of real logs (SampleLogs/ replicated with varied goroutine ids,
# addresses and durations), then times `flaketui --no-tui` on each, in release mode, next to
# `rg -c 'WARNING: DATA RACE'` (and gotestsum on the test2json trees, when it is installed:
# Debian's `gotestsum` package).
# Prints, per tree: MB/s, peak memory (max RSS), the ratio to rg, the speed-up of two cores
# over one (the same run pinned with taskset), and, for the dashboard started in tmux, its ingest
# time and the time its first screen was drawn (both measured inside the process, see
# FLAKETUI_TIMINGS). Times are the best of REPEAT runs (default 3), with their median beside the
# flaketui time: the machine is shared.
# Nothing here is a unit test.
#
# Kinds of tree: text, json and mixed (as CI keeps them: mostly -json); "-lane" trees hold lane
# logs of 300 packages each (megabytes a file, as real CI logs are), the others one small run a
# file (mostly files to open).
#
#   Benchmarks/run.sh [SIZE ...]        default: 1G        e.g. Benchmarks/run.sh 1G 2G 4G
#   KINDS="mixed-lane" REPEAT=1 TREES=/var/tmp/flaketui-bench KEEP=1 Benchmarks/run.sh 1G 2G 4G
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1G}")
read -r -a KINDS <<<"${KINDS:-text-lane json-lane mixed-lane text json mixed}"
TREES=${TREES:-/tmp/flaketui-bench}
REPEAT=${REPEAT:-3}
mkdir -p "$TREES"

swift build -c release --product flaketui >/dev/null
BIN=$(swift build -c release --show-bin-path)/flaketui

mb() { du -sb --apparent-size "$1" | awk '{printf "%.0f", $1 / 1000000}'; }
# Seconds and peak KB of a command, as "seconds kb median-seconds": the fastest of REPEAT runs,
# and the median of their times (this machine's speed moves from minute to minute).
measure() {
    local best="" line times=()
    for _ in $(seq "$REPEAT"); do
        line=$(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1)
        times+=("${line% *}")
        if [ -z "$best" ] || awk -v a="${line% *}" -v b="${best% *}" 'BEGIN { exit !(a < b) }'; then best=$line; fi
    done
    echo "$best $(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2) }')"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
now() { date +%s.%N; }

# The dashboard in tmux: "ingest-seconds first-screen-seconds", from the process's own clock.
first_screen() {
    command -v tmux >/dev/null || { echo "- -"; return; }
    local session=flaketui-bench-$$ timings
    timings=$(mktemp)
    tmux kill-session -t "$session" 2>/dev/null || true
    tmux new-session -d -s "$session" -x 160 -y 48 "FLAKETUI_TIMINGS=$timings $BIN $1; sleep 60"
    until [ -s "$timings" ]; do sleep 0.5; done
    tmux kill-session -t "$session" 2>/dev/null || true
    awk '{ print $2, $4 }' "$timings"
    rm -f "$timings"
}

printf '%-16s %6s %8s %8s %7s %8s %7s %6s %9s %8s %9s %9s\n' \
    tree MB seconds "median s" "MB/s" "peak MB" "rg s" "×rg" "1 core s" speedup "ingest s" "screen s"
for size in "${SIZES[@]}"; do
    for kind in "${KINDS[@]}"; do
        tree=$TREES/$kind-$size
        if [ ! -d "$tree" ]; then
            flags=()
            case $kind in
            text*) flags+=(--text-only) ;;
            json*) flags+=(--json-only) ;;
            esac
            case $kind in
            *-lane) flags+=(--packages-per-log 300) ;;
            esac
            python3 Benchmarks/make-tree.py --size "$size" --out "$tree" "${flags[@]}" >/dev/null
        fi
        megabytes=$(mb "$tree")
        # Warm the page cache so that every tool reads from memory.
        find "$tree" -type f -exec cat {} + >/dev/null
        read -r seconds kb median < <(measure "$BIN" --no-tui "$tree")
        rg_seconds="-" times_rg="-"
        if command -v rg >/dev/null; then
            read -r rg_seconds _ < <(measure rg -c 'WARNING: DATA RACE' "$tree")
            times_rg=$(ratio "$seconds" "$rg_seconds")
        fi
        one_core="-" speedup="-"
        if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
            read -r one_core _ < <(measure taskset -c 0 "$BIN" --no-tui "$tree")
            speedup=$(ratio "$one_core" "$seconds")
        fi
        read -r ingest screen < <(first_screen "$tree")
        printf '%-16s %6s %8s %8s %7.0f %8.0f %7s %6s %9s %8s %9s %9s\n' "$kind-$size" "$megabytes" "$seconds" "$median" \
            "$(awk -v m="$megabytes" -v s="$seconds" 'BEGIN { print (s > 0 ? m / s : 0) }')" \
            "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$rg_seconds" "$times_rg" "$one_core" "$speedup" \
            "$ingest" "$screen"
        if [[ $kind == json* ]] && command -v gotestsum >/dev/null; then
            # Once, and stopped after GOTESTSUM_LIMIT seconds: on a tree of one run a file (the
            # same package tens of thousands of times) it reads at a few MB/s.
            limit=${GOTESTSUM_LIMIT:-600}
            line=$(/usr/bin/time -f "%e %M" timeout "$limit" sh -c \
                "find '$tree' -name '*.json' -exec cat {} + | gotestsum --raw-command -- cat" 2>&1 >/dev/null | tail -1) || true
            read -r gs_seconds gs_kb <<<"$line"
            if awk -v s="$gs_seconds" -v l="$limit" 'BEGIN { exit !(s + 1 >= l) }'; then
                printf '%-16s %6s %8s   (stopped after %s s: flaketui is over %s× faster)\n' "gotestsum" "$megabytes" "> $limit" \
                    "$limit" "$(ratio "$limit" "$seconds")"
            else
                printf '%-16s %6s %8s %7.0f %8.0f   (gotestsum: flaketui is %s× faster)\n' "gotestsum" "$megabytes" "$gs_seconds" \
                    "$(awk -v m="$megabytes" -v s="$gs_seconds" 'BEGIN { print (s > 0 ? m / s : 0) }')" \
                    "$(awk -v k="$gs_kb" 'BEGIN { print k / 1024 }')" "$(ratio "$gs_seconds" "$seconds")"
            fi
        fi
        [ "${KEEP:-0}" = 1 ] || rm -rf "$tree"
    done
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -m); flaketui $("$BIN" --version 2>/dev/null || echo "(version unknown)")"

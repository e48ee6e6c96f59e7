#!/usr/bin/env bash
# fuzz.sh [SECONDS] - build the parser fuzz target (Sources/FlakeFuzz, FuzzHarness) with
# libFuzzer and AddressSanitizer, and run it for SECONDS (default 60) with the test fixtures
# as the seed corpus. The corpus grows in .fuzz/corpus; crashes land in .fuzz/crashes (both
# gitignored). A crash exits non-zero: fix it, then keep the input as a regression fixture in
# Tests/FlakeCoreTests/Fixtures/fuzz-regressions/ (FuzzRegressionTests replays every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
work=.fuzz
mkdir -p "$work/corpus" "$work/crashes"

# Seeds: every fixture (logs, JSON, JUnit, gzip), the golden JSON reports, and every past crash.
find Tests/FlakeCoreTests/Fixtures Tests/FlakeCoreTests/Golden -type f \( -name '*.log' -o -name '*.json' -o -name '*.xml' -o -name '*.gz' \
	-o -name '*.txt' -o -path '*fuzz-regressions*' \) -size -1048576c -print0 |
	while IFS= read -r -d '' file; do
		cp "$file" "$work/corpus/seed-$(sha1sum "$file" | cut -c1-16)"
	done

# swiftc's -sanitize=fuzzer links libFuzzer but left Swift code without coverage counters here
# (libFuzzer: "Is the code instrumented for coverage?"): ask for them explicitly.
coverage=(-Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp)
FLAKETUI_FUZZ=1 swift build --product FlakeFuzz --sanitize=fuzzer --sanitize=address --scratch-path .build-fuzz "${coverage[@]}" 2>&1 |
	grep -v -e 'Cannot export local symbol' -e 'prohibited flag' || true
binary=$(FLAKETUI_FUZZ=1 swift build --product FlakeFuzz --sanitize=fuzzer --sanitize=address --scratch-path .build-fuzz "${coverage[@]}" --show-bin-path)/FlakeFuzz
[ -x "$binary" ] || { echo "fuzz.sh: build failed" >&2; exit 1; }

# Leak detection is off: Foundation's XMLParser leaks a CFString per malformed document (not ours).
# The Swift runtime's backtracer would take the crash from libFuzzer (and can hang doing so).
export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0
exec "$binary" "$work/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$work/crashes/" -print_final_stats=1 -detect_leaks=0

#!/usr/bin/env bash
# gen-fixtures.sh - write parser fixtures into Tests/FlakeCoreTests/Fixtures/
# from REAL output of this machine's Go toolchain (Debian golang-go 1.19) run
# on the small packages under shapes/.
#
# Every fixture is the captured stdout+stderr of the command named in
# Tests/FlakeCoreTests/Fixtures/README.md, byte for byte, with four
# exceptions, the "CI transforms" (section o), which this script applies on
# purpose to real output and which the README lists as well:
#   ci-gha-timestamps.log   every line prefixed, while the test runs, with a
#                           GitHub-Actions-style UTC timestamp
#                           "YYYY-MM-DDTHH:MM:SS.fffffffZ " (the host clock
#                           at the moment the line arrived; 7 digits, the
#                           last one always 0 since the clock has µs here)
#   ci-prow-prefix.log      every line prefixed, live, with "HH:MM:SS: "
#   ci-crlf.log             LF line endings turned into CRLF
#   ci-truncated-race.log   the log cut in the middle of a race report's
#                           stack (keeps lines up to and including the
#                           first frame's file line of the "Previous write"
#                           section), as when a CI log is cut off
# Nothing is written by hand.
#
# Stacks show the build directory ($BUILD, default /tmp/flaketui-shapes).
#
# Knobs: BUILD=/tmp/flaketui-shapes  INSTALL=1
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
OUT=$REPO/Tests/FlakeCoreTests/Fixtures
BUILD=${BUILD:-/tmp/flaketui-shapes}
INSTALL=${INSTALL:-1}

log() { printf '[gen-fixtures] %s\n' "$*" >&2; }

if ! command -v go >/dev/null || [ ! -d /usr/share/gocode/src/github.com/onsi/ginkgo ] ||
	[ ! -d /usr/share/gocode/src/github.com/onsi/gomega ]; then
	[ "$INSTALL" = 1 ] || { log "need golang-go golang-ginkgo-dev golang-gomega-dev"; exit 1; }
	apt-get -o DPkg::Lock::Timeout=900 update >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y \
		--no-install-recommends golang-go golang-ginkgo-dev golang-gomega-dev gcc libc6-dev >/dev/null
fi

rm -rf "$BUILD" && mkdir -p "$BUILD" "$OUT"
cp -r "$HERE/shapes" "$BUILD/mod"
# Ginkgo v1 from Debian: GOPATH mode (no module proxy here).
mkdir -p "$BUILD/gopath/src/example.com"
mv "$BUILD/mod/ginkgo" "$BUILD/gopath/src/example.com/gkshapes"
rm -f "$BUILD/gopath/src/example.com/gkshapes/go.mod"

export GOFLAGS= GOPROXY=off GOTOOLCHAIN=local GONOSUMDB= GOTELEMETRY=off
export GOCACHE=${GOCACHE:-$BUILD/gocache}
unset GORACE

# run NAME CMD... : run in the module dir, capture stdout+stderr into NAME.
run() {
	local name=$1
	shift
	(cd "$BUILD/mod" && "$@") >"$OUT/$name" 2>&1
	log "$name: exit $? ($(wc -c <"$OUT/$name") bytes)"
}

# Warm the build cache so that no compile noise differs between runs.
(cd "$BUILD/mod" && go vet ./heaprace ./globalrace >/dev/null 2>&1)

# (a) race on a heap object (Go 1.19 prints no "Heap block" location: see README)
run race-heap.log go test -v -race -count=1 ./heaprace
# (b) race on a package-level variable (no "Global var" line in Go 1.19 either)
run race-global.log go test -v -race -count=1 ./globalrace
# (c) sync/atomic access racing with a plain access, both directions
run race-atomic.log go test -v -race -count=1 ./atomicrace
# (d) race involving the main goroutine (TestMain)
run race-main-goroutine.log go test -v -race -count=1 ./mainrace
# (e) race outside of any test (in init): all tests pass, the binary fails
run race-outside-test.log go test -v -race -count=1 ./outsiderace
# (f) two different races in one run, text and -json
run race-two-races.log go test -v -race -count=1 ./tworaces
run race-two-races.json go test -json -race -count=1 ./tworaces
# (g) "Goroutine N (finished) created at:"
run race-goroutine-finished.log go test -v -race -count=1 ./finished
# (h) "[failed to restore the stack]": try GORACE=history_size=0 with an
#     exited first accessor and many goroutines in between; keep the first
#     attempt that shows the line, if any.
rm -f "$OUT/race-failed-restore.log"
found=
for rd in "40 10" "50 10" "55 10" "60 10" "30 100" "40 100" "50 100" "60 50"; do
	set -- $rd
	out=$(cd "$BUILD/mod" && GORACE=history_size=0 NORESTORE_ROUNDS=$1 NORESTORE_DEPTH=$2 \
		go test -v -race -count=1 ./norestore 2>&1)
	if grep -q 'failed to restore the stack' <<<"$out"; then
		printf '%s\n' "$out" >"$OUT/race-failed-restore.log"
		found="rounds=$1 depth=$2"
		break
	fi
done
log "failed-to-restore: ${found:-not provoked}"
# (i) panic in a test
run panic.log go test -v -count=1 ./panics
run panic.json go test -json -count=1 ./panics
# (j) test timeout
run timeout.log go test -v -count=1 -timeout 2s ./timeout
run timeout.json go test -json -count=1 -timeout 2s ./timeout
# (k) build failure, plain and -json (stderr captured as well)
run build-failure.log go test -count=1 ./buildfail
run build-failure.json go test -json -count=1 ./buildfail
# (l) package without test files
run no-test-files.log go test -count=1 ./notests
# (m) subtests, skips, parallel tests, t.Log; several packages in one run
run subtests-parallel.log go test -v -count=1 ./subtests
run subtests-parallel.json go test -json -count=1 ./subtests
run multi-package.log go test -count=1 ./multi/... ./notests
run multi-package-verbose.log go test -v -count=1 ./multi/... ./notests
run multi-package.json go test -json -count=1 ./multi/... ./notests

# (n) Ginkgo v1 suites: dots (default) and verbose, colour on and off.
gk() {
	local name=$1
	shift
	(cd "$BUILD/gopath/src/example.com/gkshapes" &&
		GO111MODULE=off GOPATH="$BUILD/gopath:/usr/share/gocode" \
			go test -race -count=1 ./suite -args -ginkgo.seed=1 "$@") >"$OUT/$name" 2>&1
	log "$name: exit $? ($(wc -c <"$OUT/$name") bytes)"
}
gk ginkgo-dots-color.log
gk ginkgo-dots-nocolor.log -ginkgo.noColor
gk ginkgo-verbose-color.log -ginkgo.v
gk ginkgo-verbose-nocolor.log -ginkgo.v -ginkgo.noColor

# (o) CI-side transforms of real output (see the header of this script).
stamp_gha() {
	python3 -u -c '
import sys, datetime
for line in sys.stdin:
    now = datetime.datetime.now(datetime.timezone.utc)
    sys.stdout.write(now.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d0Z " % now.microsecond + line)
'
}
stamp_prow() {
	python3 -u -c '
import sys, datetime
for line in sys.stdin:
    sys.stdout.write(datetime.datetime.now().strftime("%H:%M:%S: ") + line)
'
}
(cd "$BUILD/mod" && go test -v -race -count=1 ./tworaces 2>&1) | stamp_gha >"$OUT/ci-gha-timestamps.log"
log "ci-gha-timestamps.log"
(cd "$BUILD/mod" && go test -v -count=1 ./subtests ./panics 2>&1) | stamp_prow >"$OUT/ci-prow-prefix.log"
log "ci-prow-prefix.log"
(cd "$BUILD/mod" && go test -v -race -count=1 ./heaprace 2>&1) | sed 's/$/\r/' >"$OUT/ci-crlf.log"
log "ci-crlf.log"
(cd "$BUILD/mod" && go test -v -race -count=1 ./tworaces 2>&1) |
	awk '{print} /^Previous write at/{p=1; next} p && /^      /{exit}' >"$OUT/ci-truncated-race.log"
log "ci-truncated-race.log"

# (p) a text log that starts with the toolchain's own version and GOARCH
{
	go version
	go env GOARCH
	(cd "$BUILD/mod" && go test -v -race -count=1 ./globalrace)
} >"$OUT/go-version-header.log" 2>&1
log "go-version-header.log"

ls -l "$OUT" >&2

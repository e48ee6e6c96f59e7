#!/usr/bin/env bash
# gen-layouts.sh - write CI layout fixtures into Tests/FlakeCoreTests/Fixtures/layouts/
# from REAL output of this machine's Go toolchain run on the packages under
# shapes/ (as gen-fixtures.sh does). What this script adds is only the CI
# system's framing, never log text:
#   prow/            Prow's GCS layout: logs/<job>/<build>/build-log.txt is the
#                    captured `go test -v` output; started.json, finished.json and
#                    prowjob.json are written here with honest values (the host
#                    clock before and after the run, this repo's HEAD as the
#                    commit, the exit status as the result, `go env GOARCH` as the
#                    node selector). artifacts/junit_shapes.xml is that same
#                    build-log.txt through `go tool test2json` and cmd/junitxml.
#   gha-archive/     a GitHub Actions log archive: <job>/<n>_<step>.txt are the
#                    real output of each step's command, every line prefixed as it
#                    arrived with a GitHub-style UTC timestamp; the top-level
#                    0_<job>.txt is the concatenation of its steps (what GitHub
#                    puts there). The second job has only its folder.
#   bazel/           bazel-testlogs/<pkg>/<target>/{run_N_of_M,shard_N_of_M}/test.log:
#                    the output of the compiled test binary (`go test -c`) run with
#                    -test.v, as Bazel's go_test runs it (shards select their tests
#                    with -test.run); test.xml beside it is that test.log through
#                    `go tool test2json` and cmd/junitxml.
#   junit/           `go test -json` through cmd/junitxml (Go 1.19 has no JUnit
#                    writer and go-junit-report is not packaged in Debian 12).
#   gzip/            `gzip -n` of real logs; corrupt.log.gz has 64 bytes in the
#                    middle of the compressed stream overwritten with zeros, and
#                    cut.log.gz is the first half of the compressed file.
# The architecture is always this host's; nothing is relabelled.
#
# Knobs: BUILD=/tmp/flaketui-shapes (stacks show this path, as in gen-fixtures.sh)
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
OUT=$REPO/Tests/FlakeCoreTests/Fixtures/layouts
BUILD=${BUILD:-/tmp/flaketui-shapes}

log() { printf '[gen-layouts] %s\n' "$*" >&2; }

export GOFLAGS= GOPROXY=off GOTOOLCHAIN=local GONOSUMDB= GOTELEMETRY=off
export GOCACHE=${GOCACHE:-$BUILD/gocache}
unset GORACE

rm -rf "$BUILD/mod" "$OUT" && mkdir -p "$BUILD" "$OUT"
cp -r "$HERE/shapes" "$BUILD/mod"
rm -rf "$BUILD/mod/ginkgo"
(cd "$HERE" && go build -o "$BUILD/junitxml" ./cmd/junitxml) || exit 1
ARCH=$(go env GOARCH)
COMMIT=$(git -C "$REPO" rev-parse HEAD)
(cd "$BUILD/mod" && go vet ./tworaces ./subtests ./panics >/dev/null 2>&1)

junit_from_text() { # PKG < text log > junit
	go tool test2json -p "$1" | "$BUILD/junitxml"
}

# ---- Prow ------------------------------------------------------------------
prow_build() { # JOB BUILD_ID PKG...
	local job=$1 id=$2 dir=$OUT/prow/logs/$1/$2
	shift 2
	mkdir -p "$dir"
	local start end rc state result passed
	start=$(date +%s)
	(cd "$BUILD/mod" && go test -v -race -count=1 "$@") >"$dir/build-log.txt" 2>&1
	rc=$?
	end=$(date +%s)
	if [ $rc = 0 ]; then state=success result=SUCCESS passed=true; else state=failure result=FAILURE passed=false; fi
	cat >"$dir/started.json" <<JSON
{
  "timestamp": $start,
  "repos": {
    "flaketui/shapes": "main:$COMMIT"
  },
  "repo-commit": "$COMMIT"
}
JSON
	cat >"$dir/finished.json" <<JSON
{
  "timestamp": $end,
  "passed": $passed,
  "result": "$result",
  "revision": "$COMMIT"
}
JSON
	cat >"$dir/prowjob.json" <<JSON
{
  "kind": "ProwJob",
  "apiVersion": "prow.k8s.io/v1",
  "spec": {
    "type": "periodic",
    "agent": "kubernetes",
    "job": "$job",
    "pod_spec": {
      "nodeSelector": {
        "kubernetes.io/arch": "$ARCH"
      },
      "containers": [
        {
          "image": "golang:1.19",
          "command": ["go", "test", "-v", "-race", "-count=1"],
          "args": [$(printf '"%s",' "$@" | sed 's/,$//')]
        }
      ]
    }
  },
  "status": {
    "startTime": "$(date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ)",
    "completionTime": "$(date -u -d "@$end" +%Y-%m-%dT%H:%M:%SZ)",
    "state": "$state",
    "build_id": "$id"
  }
}
JSON
	log "prow $job/$id: exit $rc"
	sleep 1.1 # distinct start times
}
# Started in this order, so that time order (998, 1000, 1001) differs from path order.
prow_build "periodic-shapes-unit-test-$ARCH" 998 ./tworaces ./panics
prow_build "periodic-shapes-unit-test-$ARCH" 1000 ./tworaces ./panics
prow_build "periodic-shapes-unit-test-$ARCH" 1001 ./subtests
mkdir -p "$OUT/prow/logs/periodic-shapes-unit-test-$ARCH/1001/artifacts"
junit_from_text example.com/shapes/subtests <"$OUT/prow/logs/periodic-shapes-unit-test-$ARCH/1001/build-log.txt" \
	>"$OUT/prow/logs/periodic-shapes-unit-test-$ARCH/1001/artifacts/junit_shapes.xml"
# A job whose name names no architecture: only the ProwJob's node selector does.
prow_build periodic-shapes-race 2000 ./tworaces
printf '%s\n' 1001 >"$OUT/prow/logs/periodic-shapes-unit-test-$ARCH/latest-build.txt"

# ---- GitHub Actions log archive --------------------------------------------
stamp_gha() {
	python3 -u -c '
import sys, datetime
for line in sys.stdin:
    now = datetime.datetime.now(datetime.timezone.utc)
    sys.stdout.write(now.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d0Z " % now.microsecond + line)
'
}
gha_job() { # JOB-NAME N-ON-TOP|"" PKG...
	local job=$1 top=$2 dir=$OUT/gha-archive/$1
	shift 2
	mkdir -p "$dir"
	{ go version; go env GOARCH; } 2>&1 | stamp_gha >"$dir/1_Set up job.txt"
	(cd "$BUILD/mod" && go test -v -race -count=1 "$@" 2>&1) | stamp_gha >"$dir/2_Run go test.txt"
	if [ -n "$top" ]; then cat "$dir/1_Set up job.txt" "$dir/2_Run go test.txt" >"$OUT/gha-archive/${top}_$job.txt"; fi
	log "gha $job"
}
gha_job "unit ($ARCH)" 0 ./tworaces
gha_job "race ($ARCH)" "" ./tworaces ./panics

# ---- Bazel -----------------------------------------------------------------
(cd "$BUILD/mod" && go test -c -race -o "$BUILD/tworaces.test" ./tworaces && go test -c -o "$BUILD/subtests.test" ./subtests) || exit 1
bazel_run() { # DIR PKG BINARY ARGS...
	local name=$1 dir=$OUT/bazel/bazel-testlogs/$1 pkg=$2 bin=$3
	shift 3
	mkdir -p "$dir"
	(cd "$BUILD/mod/${pkg#example.com/shapes/}" && "$bin" -test.v "$@") >"$dir/test.log" 2>&1
	log "bazel $name: exit $?"
	junit_from_text "$pkg" <"$dir/test.log" >"$dir/test.xml"
}
bazel_run shapes/tworaces/tworaces_test/run_1_of_2 example.com/shapes/tworaces "$BUILD/tworaces.test"
bazel_run shapes/tworaces/tworaces_test/run_2_of_2 example.com/shapes/tworaces "$BUILD/tworaces.test"
bazel_run shapes/subtests/subtests_test/shard_1_of_2 example.com/shapes/subtests "$BUILD/subtests.test" -test.run '^(TestTable|TestSkipped|TestParallel)$'
bazel_run shapes/subtests/subtests_test/shard_2_of_2 example.com/shapes/subtests "$BUILD/subtests.test" -test.run '^(TestTopLevelParallelOne|TestTopLevelParallelTwo|TestWholeSkip)$'

# ---- JUnit -----------------------------------------------------------------
mkdir -p "$OUT/junit"
for pkg in tworaces panics subtests; do
	(cd "$BUILD/mod" && go test -json -race -count=1 "./$pkg" 2>&1) | "$BUILD/junitxml" >"$OUT/junit/junit-$pkg.xml"
	log "junit $pkg"
done

# ---- gzip ------------------------------------------------------------------
mkdir -p "$OUT/gzip"
(cd "$BUILD/mod" && go test -v -race -count=1 ./tworaces 2>&1) | gzip -9 -n >"$OUT/gzip/race-two-races.log.gz"
(cd "$BUILD/mod" && go test -json -count=1 ./panics 2>&1) | gzip -9 -n >"$OUT/gzip/panic.json.gz"
(cd "$BUILD/mod" && go test -v -race -count=1 ./tworaces 2>&1) | gzip -9 -n >"$OUT/gzip/corrupt.log.gz"
size=$(stat -c %s "$OUT/gzip/corrupt.log.gz")
dd if=/dev/zero of="$OUT/gzip/corrupt.log.gz" bs=1 seek=$((size / 2)) count=64 conv=notrunc status=none
(cd "$BUILD/mod" && go test -v -race -count=1 ./tworaces 2>&1) | gzip -9 -n >"$BUILD/cut.log.gz"
head -c $(($(stat -c %s "$BUILD/cut.log.gz") / 2)) "$BUILD/cut.log.gz" >"$OUT/gzip/cut.log.gz"
log "gzip"

find "$OUT" -type f | sort >&2

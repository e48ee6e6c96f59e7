#!/usr/bin/env bash
# gen-samplelogs.sh - regenerate SampleLogs/ with REAL Go race-detector output
# of the devicemanager reproduction for amd64, s390x and arm64.
#
# Adapted from /work/shared/tools/multiarch-race/gen-multiarch.sh (see
# /work/shared/notes/multiarch-race-logs.md for why full-system qemu):
#
#   amd64 : the race-enabled test binary runs natively, launched by the same
#           runner (cmd/guestinit in host mode) that is PID 1 in the guests,
#           with the same arguments and environment, so all arches are alike.
#   s390x : `go test -c -race` for GOARCH=s390x (cross-linked with Debian's
#           s390x gcc), run by cmd/guestinit as PID 1 of a tiny initramfs
#           under qemu-system-s390x on Debian's own s390x kernel.
#   arm64 : same with qemu-system-aarch64 -M virt -cpu cortex-a72.
#
# Every run produces both the raw `-test.v` text and the output of
# test2json -t (built for the run's GOARCH) fed live from the same stream.
#
# cmd/go is NOT run (there is no toolchain inside the guests). The runner
# therefore appends, after the binary's own output, exactly what cmd/go 1.19
# (src/cmd/go/internal/test/test.go, runTestActor) prints after a test
# binary: "ok  \t<pkg>\t<secs>s" when the binary exited 0, otherwise
# "FAIL\t<pkg>\t<secs>s" (preceded by the exit error only if the binary
# printed nothing), with <secs> = "%.3f" of the binary's measured wall time
# and the real exit status. That trailer also goes through the live
# test2json, as with `go test -json`, which yields the package-level
# pass/fail event. It is the only text in the logs not printed by the test
# binary or test2json themselves.
#
# SampleLogs/<arch>/run-NN.log|json receives exactly ONE of the two files
# per run: odd NN the text (.log), even NN the test2json (.json). All runs'
# .json files (committed or not) feed cmd/expectedcounts, which writes
# Tests/FlakeCoreTests/Fixtures/samplelogs-expected.json.
#
# Knobs (environment):
#   RUNS=50                runs per arch
#   ARCHES="amd64 s390x arm64"
#   WORK=/tmp/dmrace-gen   build dir, kernels, all raw logs (not committed)
#   REFRESH=               DM_REFRESH override (tuning only; empty = compiled-in)
#   SMP=2 MEM=2048         guest vCPUs / MiB
#   INSTALL=1              apt-get install what is missing (needs root)
#   PUBLISH=1              copy into SampleLogs/ and write the expected counts
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
WORK=${WORK:-/tmp/dmrace-gen}
RUNS=${RUNS:-50}
ARCHES=${ARCHES:-"amd64 s390x arm64"}
REFRESH=${REFRESH:-}
SMP=${SMP:-2}
MEM=${MEM:-2048}
INSTALL=${INSTALL:-1}
PUBLISH=${PUBLISH:-1}
PKG=example.com/dmrace/devicemanager

log() { printf '[gen-samplelogs] %s\n' "$*" >&2; }
need_arch() { case " $ARCHES " in *" $1 "*) return 0 ;; esac; return 1; }

# ---------------------------------------------------------------- 0. deps
install_deps() {
	local pkgs=() updated=0
	command -v go >/dev/null || pkgs+=(golang-go)
	command -v cpio >/dev/null || pkgs+=(cpio)
	command -v gcc >/dev/null || pkgs+=(gcc libc6-dev)
	if need_arch s390x; then
		command -v s390x-linux-gnu-gcc >/dev/null || pkgs+=(gcc-s390x-linux-gnu libc6-dev-s390x-cross)
		command -v qemu-system-s390x >/dev/null || pkgs+=(qemu-system-misc)
	fi
	if need_arch arm64; then
		command -v aarch64-linux-gnu-gcc >/dev/null || pkgs+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
		command -v qemu-system-aarch64 >/dev/null || pkgs+=(qemu-system-arm)
	fi
	if ((${#pkgs[@]})); then
		[ "$INSTALL" = 1 ] || { log "missing: ${pkgs[*]}"; exit 1; }
		apt-get -o DPkg::Lock::Timeout=900 update >/dev/null
		updated=1
		DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
			install -y --no-install-recommends "${pkgs[@]}" >"$WORK/apt-install.log" 2>&1
	fi
	# Guest kernels: Debian's own, from the foreign-architecture archive.
	local a kpkg deb
	for a in s390x arm64; do
		need_arch "$a" || continue
		[ -n "$(ls "$WORK"/kernel/$a/vmlinuz-* 2>/dev/null)" ] && continue
		if ! dpkg --print-foreign-architectures | grep -qx "$a"; then
			dpkg --add-architecture "$a"
			updated=0
		fi
		[ "$updated" = 1 ] || { apt-get -o DPkg::Lock::Timeout=900 update >/dev/null; updated=1; }
		kpkg=$(apt-cache depends "linux-image-$a:$a" | awk '/Depends: linux-image-/{print $2; exit}')
		log "downloading guest kernel $kpkg"
		mkdir -p "$WORK/debs" "$WORK/kernel/$a"
		(cd "$WORK/debs" && apt-get download "$kpkg" >/dev/null 2>&1)
		deb=$(ls "$WORK"/debs/"${kpkg%%:*}"_*.deb | head -1)
		rm -rf "$WORK/debs/x-$a" && mkdir -p "$WORK/debs/x-$a"
		dpkg-deb -x "$deb" "$WORK/debs/x-$a"
		cp "$WORK"/debs/x-$a/boot/vmlinuz-* "$WORK/kernel/$a/"
	done
}

# ---------------------------------------------------------------- 1. build
goarch_cc() {
	case $1 in
	amd64) echo gcc ;;
	s390x) echo s390x-linux-gnu-gcc ;;
	arm64) echo aarch64-linux-gnu-gcc ;;
	esac
}

build_all() {
	# Build from a copy under $WORK so stack traces show $WORK/src/dmrace/...
	rm -rf "$WORK/src/dmrace" && mkdir -p "$WORK/src/dmrace" "$WORK/bin"
	cp -r "$HERE/go.mod" "$HERE/devicemanager" "$HERE/cmd" "$WORK/src/dmrace/"
	(
		cd "$WORK/src/dmrace"
		export GOFLAGS=-mod=mod GO111MODULE=on
		go build -o "$WORK/bin/unpack" ./cmd/unpack
		go build -o "$WORK/bin/expectedcounts" ./cmd/expectedcounts
		local a
		for a in $ARCHES; do
			log "building race test binary for $a"
			CGO_ENABLED=1 GOOS=linux GOARCH=$a CC=$(goarch_cc "$a") \
				go test -c -race -o "$WORK/bin/dm.$a.test" ./devicemanager
			CGO_ENABLED=0 GOOS=linux GOARCH=$a go build -o "$WORK/bin/guestinit.$a" ./cmd/guestinit
			CGO_ENABLED=0 GOOS=linux GOARCH=$a go build -o "$WORK/bin/test2json.$a" cmd/test2json
		done
	)
}

# ------------------------------------------------------------ 2. run amd64
run_native_amd64() {
	local out=$WORK/logs/amd64 t0 t1
	rm -rf "$out" && mkdir -p "$out"
	cut -d' ' -f1-3 /proc/loadavg >"$out/host-load-before.txt"
	t0=$(date +%s%N)
	"$WORK/bin/guestinit.amd64" -test "$WORK/bin/dm.amd64.test" -test2json "$WORK/bin/test2json.amd64" \
		-out "$out" -runs "$RUNS" -pkg "$PKG" ${REFRESH:+-refresh "$REFRESH"} >"$out/console-markers.txt"
	t1=$(date +%s%N)
	echo "host_wall_ms=$(((t1 - t0) / 1000000))" >"$out/vm.txt"
	cut -d' ' -f1-3 /proc/loadavg >"$out/host-load-after.txt"
}

# ------------------------------------------------ 3. qemu full-system runs
make_initrd() {
	local a=$1 d=$WORK/initrd/$1 L
	rm -rf "$d" && mkdir -p "$d/lib" "$d/dev" "$d/proc" "$d/sys" "$d/tmp"
	cp "$WORK/bin/guestinit.$a" "$d/init"
	cp "$WORK/bin/dm.$a.test" "$d/dm.test"
	cp "$WORK/bin/test2json.$a" "$d/test2json"
	case $a in
	s390x) L=/usr/s390x-linux-gnu/lib && cp -L "$L/ld64.so.1" "$L/libc.so.6" "$d/lib/" ;;
	arm64) L=/usr/aarch64-linux-gnu/lib && cp -L "$L/ld-linux-aarch64.so.1" "$L/libc.so.6" "$d/lib/" ;;
	esac
	mknod "$d/dev/console" c 5 1
	mknod "$d/dev/null" c 1 3
	(cd "$d" && find . | cpio -o -H newc --quiet | gzip -1 >"$WORK/initrd-$a.cpio.gz")
}

run_system() {
	local a=$1 out=$WORK/logs/$1 k append t0 t1 rc
	rm -rf "$out" && mkdir -p "$out"
	k=$(ls "$WORK"/kernel/$a/vmlinuz-* | head -1)
	append="quiet dmrace.runs=$RUNS dmrace.epoch=$(date +%s) dmrace.pkg=$PKG${REFRESH:+ dmrace.refresh=$REFRESH}"
	local -a qemu
	case $a in
	s390x) qemu=(qemu-system-s390x -M s390-ccw-virtio -cpu max)
		append="console=ttysclp0 $append" ;;
	arm64) qemu=(qemu-system-aarch64 -M virt -cpu cortex-a72 -nic none)
		append="console=ttyAMA0 $append" ;;
	esac
	make_initrd "$a"
	log "booting $a guest for $RUNS runs ($(basename "$k"))"
	cut -d' ' -f1-3 /proc/loadavg >"$out/host-load-before.txt"
	t0=$(date +%s%N)
	set +e
	timeout $((180 + RUNS * 60)) "${qemu[@]}" -smp "$SMP" -m "$MEM" -nographic -no-reboot \
		-kernel "$k" -initrd "$WORK/initrd-$a.cpio.gz" -append "$append" \
		</dev/null >"$out/console.txt" 2>&1
	rc=$?
	set -e
	t1=$(date +%s%N)
	echo "qemu_rc=$rc host_wall_ms=$(((t1 - t0) / 1000000))" >"$out/vm.txt"
	cut -d' ' -f1-3 /proc/loadavg >"$out/host-load-after.txt"
	"$WORK/bin/unpack" -o "$out" <"$out/console.txt"
}

# ---------------------------------------------------------------- 4. summary
summarize() {
	local s=$WORK/logs/summary.tsv a
	printf 'arch\truns\tfailed\trace\tinitHandler\trecordMiss\tpanic\tmean_run_ms\thost_s\tload1_before\tload1_after\n' >"$s"
	for a in $ARCHES; do
		local d=$WORK/logs/$a
		[ -d "$d" ] || continue
		local n f r h c p ms host lb la
		n=$(ls "$d"/run-*.log 2>/dev/null | wc -l)
		f=$(grep -a '@@DMRACE RUN' "$d/console-markers.txt" | grep -vc ' rc=0 ' || true)
		r=$(grep -l '^WARNING: DATA RACE' "$d"/run-*.log | wc -l || true)
		h=$(grep -l 'devicemanager.initHandler()' "$d"/run-*.log | wc -l || true)
		c=$(grep -l 'recordMiss()' "$d"/run-*.log | wc -l || true)
		p=$(grep -l '^panic: ' "$d"/run-*.log | wc -l || true)
		ms=$(grep -a '@@DMRACE RUN' "$d/console-markers.txt" | sed -E 's/.*wall_ms=([0-9]+).*/\1/' |
			awk '{s+=$1; n++} END {printf "%.0f", n ? s/n : 0}')
		host=$(sed -E 's/.*host_wall_ms=([0-9]+).*/\1/' "$d/vm.txt")
		lb=$(cut -d' ' -f1 "$d/host-load-before.txt")
		la=$(cut -d' ' -f1 "$d/host-load-after.txt")
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$a" "$n" "$f" "$r" "$h" "$c" "$p" "$ms" \
			"$(awk -v ms="$host" 'BEGIN{printf "%.1f", ms/1000}')" "$lb" "$la" >>"$s"
	done
	column -t "$s" >&2 2>/dev/null || cat "$s" >&2
}

# ---------------------------------------------------------------- 5. publish
publish() {
	local a f n base
	rm -rf "$REPO/SampleLogs" && mkdir -p "$REPO/SampleLogs"
	for a in $ARCHES; do
		mkdir -p "$REPO/SampleLogs/$a"
		for f in "$WORK"/logs/$a/run-*.log; do
			base=$(basename "$f" .log)
			n=$((10#${base#run-}))
			if ((n % 2 == 1)); then
				cp "$f" "$REPO/SampleLogs/$a/$base.log"
			else
				cp "$WORK/logs/$a/$base.json" "$REPO/SampleLogs/$a/$base.json"
			fi
		done
	done
	local args=()
	for a in $ARCHES; do args+=("$a=$WORK/logs/$a"); done
	"$WORK/bin/expectedcounts" -pkg "$PKG" -o "$REPO/Tests/FlakeCoreTests/Fixtures/samplelogs-expected.json" "${args[@]}"
	log "SampleLogs: $(du -sh "$REPO/SampleLogs" | cut -f1)"
}

main() {
	mkdir -p "$WORK/logs"
	install_deps
	build_all
	local a
	for a in $ARCHES; do
		if [ "$a" = amd64 ]; then run_native_amd64; else run_system "$a"; fi
	done
	summarize
	[ "$PUBLISH" = 1 ] && publish
	return 0
}

main "$@"

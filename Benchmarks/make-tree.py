#!/usr/bin/env python3
"""Builds a large tree of CI logs for the ingest benchmark by replicating the real runs in
SampleLogs/ (amd64, s390x, arm64; text and test2json) until the tree reaches the requested size.

Each copy is a different "CI run": its goroutine numbers, hex addresses and durations are
shifted by per-copy amounts, so that nothing can be deduplicated by content and interning and
grouping work as they would on real data. Architecture folders are kept, so rates stay honest.

With --packages-per-log N, each log is a lane's log instead: the output of N packages, one after
the other as `go test ./...` prints them. The packages are copies of the sample run, each under
its own import path (devicemanager001, devicemanager002, ...: in the test2json Package field, the
final ok/FAIL line and every stack frame), each with its own variation. Real CI logs are this
shape (megabytes, many packages); the default tree of one small run per file measures opening
files more than parsing them.

    Benchmarks/make-tree.py --size 1G --out /tmp/flaketui-bench-1g [--text-only|--json-only]
                            [--packages-per-log 300]
"""
import argparse
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "SampleLogs")

GOROUTINE = re.compile(rb"(goroutine |Goroutine )(\d+)")
ADDRESS = re.compile(rb"0x([0-9a-f]{8,16})")
DURATION = re.compile(rb"\((\d+)\.(\d\d)s\)")
# The reproduction's one package, as its import path and its source folder both spell it.
PACKAGE = re.compile(rb"dmrace/devicemanager\b")


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().rstrip("B").rstrip("I")
    if text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def vary(data, rng):
    shift = rng.randrange(1, 500)
    mask = rng.randrange(1 << 12) << 4

    def goroutine(m):
        return m.group(1) + str(int(m.group(2)) + shift).encode()

    def address(m):
        digits = m.group(1)
        value = int(digits, 16) ^ mask
        return b"0x" + format(value, "0%dx" % len(digits)).encode()

    def duration(m):
        return b"(%d.%02ds)" % (int(m.group(1)), (int(m.group(2)) + shift) % 100)

    data = GOROUTINE.sub(goroutine, data)
    data = ADDRESS.sub(address, data)
    return DURATION.sub(duration, data)


def as_package(data, number):
    return PACKAGE.sub(b"dmrace/devicemanager%03d" % number, data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", required=True, help="target size, e.g. 1G, 4G, 500M")
    parser.add_argument("--out", required=True)
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--text-only", action="store_true")
    kind.add_argument("--json-only", action="store_true")
    parser.add_argument("--packages-per-log", type=int, default=1, metavar="N",
                        help="write lane logs of N packages each instead of one run per file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    target = parse_size(args.size)
    runs = []
    for arch in sorted(os.listdir(SAMPLE)):
        for name in sorted(os.listdir(os.path.join(SAMPLE, arch))):
            if args.text_only and not name.endswith(".log"):
                continue
            if args.json_only and not name.endswith(".json"):
                continue
            with open(os.path.join(SAMPLE, arch, name), "rb") as f:
                runs.append((arch, name, f.read()))
    if not runs:
        sys.exit("no runs in SampleLogs/")
    rng = random.Random(args.seed)
    written = 0
    copy = 0
    while written < target:
        copy += 1
        for arch, name, data in runs:
            folder = os.path.join(args.out, "job-%05d" % copy, arch)
            os.makedirs(folder, exist_ok=True)
            if args.packages_per_log > 1:
                varied = b"".join(as_package(vary(data, rng), n + 1) for n in range(args.packages_per_log))
            else:
                varied = vary(data, rng)
            with open(os.path.join(folder, name), "wb") as f:
                f.write(varied)
            written += len(varied)
            if written >= target:
                break
    print("%s: %d copies, %d files, %.1f MiB" % (args.out, copy, sum(len(fs) for _, _, fs in os.walk(args.out)), written / (1 << 20)))


if __name__ == "__main__":
    main()

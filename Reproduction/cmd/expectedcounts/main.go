// Command expectedcounts computes the ground truth for the SampleLogs parser
// tests from the test2json output of every run (including the runs whose
// committed file is the text log), and writes it as deterministic JSON.
//
// usage: expectedcounts -pkg IMPORT -o OUT.json -markers initHandler,recordMiss \
//
//	ARCH=DIR [ARCH=DIR ...]
//
// DIR holds run-NN.json files (test2json -t output). Only the events'
// Action, Test and Output fields are used.
//
// Definitions (per arch):
//
//	runs         number of run-NN.json files
//	failedRuns   runs with a package-level (no Test) "fail" event
//	raceRuns     runs whose output contains "WARNING: DATA RACE"
//	panicRuns    runs with an output line starting with "panic: "
//	tests        per test (subtests as Parent/sub): runs in which its final
//	             event was pass / fail / skip
//	races        per marker: runs with at least one race report (text
//	             between "==================" lines) having a stack frame
//	             whose function name ends in the marker
//	testFailures per failed test: runs in which it failed, by kind:
//	             "timeout" if its output has "panic: test timed out",
//	             "panic" if it has another "panic: " line, "race" if it has a
//	             "race detected during execution of test" failure line, and
//	             "assertion" if it has any other failure line
//	             ("    file.go:NN: ..."); a test with both race and other
//	             failure lines counts under both; a failed test with no
//	             failure line of its own (e.g. only failed subtests) counts
//	             as "assertion".
//
// Zero counts are always written as 0 (every arch appears in every map).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

type event struct {
	Action string
	Test   string
	Output string
}

type archCounts struct {
	Runs       int `json:"runs"`
	FailedRuns int `json:"failedRuns"`
	RaceRuns   int `json:"raceRuns"`
	PanicRuns  int `json:"panicRuns"`
}

type testCounts struct {
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
}

var (
	failLine = regexp.MustCompile(`^\s+[^\s:]+\.go:\d+: `)
	frame    = regexp.MustCompile(`^  (\S+)\(\)$`)
)

const raceMsg = "race detected during execution of test"

type runResult struct {
	failed, race, panicked bool
	final                  map[string]string   // test -> pass|fail|skip
	output                 map[string][]string // test -> output lines
	markers                map[string]bool
}

func readRun(path string, markers []string) (*runResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := &runResult{final: map[string]string{}, output: map[string][]string{}, markers: map[string]bool{}}
	var all strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		switch e.Action {
		case "output":
			all.WriteString(e.Output)
			if e.Test != "" {
				r.output[e.Test] = append(r.output[e.Test], strings.TrimRight(e.Output, "\n"))
			}
			if strings.HasPrefix(e.Output, "panic: ") {
				r.panicked = true
			}
		case "pass", "fail", "skip":
			if e.Test == "" {
				if e.Action == "fail" {
					r.failed = true
				}
			} else {
				r.final[e.Test] = e.Action
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	text := all.String()
	r.race = strings.Contains(text, "WARNING: DATA RACE")
	// Race reports: the text between "==================" separators.
	in := false
	var report []string
	flush := func() {
		for _, l := range report {
			m := frame.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			for _, mk := range markers {
				if strings.HasSuffix(m[1], "."+mk) {
					r.markers[mk] = true
				}
			}
		}
		report = report[:0]
	}
	for _, l := range strings.Split(text, "\n") {
		// The separator may be glued to other output (e.g. progress dots).
		if strings.HasSuffix(l, "==================") {
			if in {
				flush()
			}
			in = !in
			continue
		}
		if in {
			report = append(report, l)
		}
	}
	if in { // report cut off by the end of the log
		flush()
	}
	return r, nil
}

func classify(lines []string) []string {
	var kinds []string
	hasPanic, hasTimeout, hasRace, hasOther := false, false, false, false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "panic: test timed out"):
			hasTimeout = true
		case strings.HasPrefix(l, "panic: "):
			hasPanic = true
		case failLine.MatchString(l):
			if strings.HasSuffix(l, raceMsg) {
				hasRace = true
			} else {
				hasOther = true
			}
		}
	}
	if hasTimeout {
		kinds = append(kinds, "timeout")
	}
	if hasPanic {
		kinds = append(kinds, "panic")
	}
	if hasRace {
		kinds = append(kinds, "race")
	}
	if hasOther || (!hasTimeout && !hasPanic && !hasRace) {
		kinds = append(kinds, "assertion")
	}
	return kinds
}

func main() {
	pkg := flag.String("pkg", "example.com/dmrace/devicemanager", "package import path")
	out := flag.String("o", "-", "output file")
	markerList := flag.String("markers", "initHandler,recordMiss", "comma-separated race marker function names")
	flag.Parse()
	markers := strings.Split(*markerList, ",")

	arches := map[string]*archCounts{}
	var archNames []string
	tests := map[string]map[string]*testCounts{}
	races := map[string]map[string]int{}
	failures := map[string]map[string]map[string]int{}
	for _, mk := range markers {
		races[mk] = map[string]int{}
	}
	for _, arg := range flag.Args() {
		arch, dir, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintln(os.Stderr, "expectedcounts: want ARCH=DIR, got", arg)
			os.Exit(2)
		}
		archNames = append(archNames, arch)
		files, _ := filepath.Glob(filepath.Join(dir, "run-*.json"))
		sort.Strings(files)
		ac := &archCounts{}
		arches[arch] = ac
		for _, fn := range files {
			r, err := readRun(fn, markers)
			if err != nil {
				fmt.Fprintln(os.Stderr, "expectedcounts:", err)
				os.Exit(1)
			}
			ac.Runs++
			if r.failed {
				ac.FailedRuns++
			}
			if r.race {
				ac.RaceRuns++
			}
			if r.panicked {
				ac.PanicRuns++
			}
			for mk := range r.markers {
				races[mk][arch]++
			}
			for name, action := range r.final {
				if tests[name] == nil {
					tests[name] = map[string]*testCounts{}
				}
				if tests[name][arch] == nil {
					tests[name][arch] = &testCounts{}
				}
				tc := tests[name][arch]
				switch action {
				case "pass":
					tc.Passed++
				case "fail":
					tc.Failed++
					if failures[name] == nil {
						failures[name] = map[string]map[string]int{}
					}
					for _, k := range classify(r.output[name]) {
						if failures[name][k] == nil {
							failures[name][k] = map[string]int{}
						}
						failures[name][k][arch]++
					}
				case "skip":
					tc.Skipped++
				}
			}
		}
	}
	// Zeros everywhere, so every arch appears in every map.
	for _, a := range archNames {
		for _, m := range races {
			m[a] += 0
		}
		for _, m := range tests {
			if m[a] == nil {
				m[a] = &testCounts{}
			}
		}
		for _, kinds := range failures {
			for _, m := range kinds {
				m[a] += 0
			}
		}
	}
	doc := map[string]interface{}{
		"package":      *pkg,
		"arches":       arches,
		"tests":        tests,
		"races":        races,
		"testFailures": failures,
	}
	// encoding/json sorts map keys, so the output is deterministic.
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	b = append(b, '\n')
	if *out == "-" {
		os.Stdout.Write(b)
		return
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

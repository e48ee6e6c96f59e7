// Command junitxml turns test2json events (from `go test -json` or
// `go tool test2json`) on stdin into JUnit XML on stdout, the way
// go-junit-report lays it out: one <testsuite> per package, one <testcase>
// per test (subtests as Parent/sub), the test's own output inside its
// <failure> or <skipped> element, and the package's output outside any test
// in <system-out>. Go 1.19 has no JUnit writer and go-junit-report is not
// packaged in Debian 12, so the repo's fixture scripts use this instead.
//
// usage: go test -json ./pkg | junitxml > junit.xml
package main

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"strings"
	"time"
)

type event struct {
	Time    time.Time
	Action  string
	Package string
	Test    string
	Elapsed float64
	Output  string
}

type testCase struct {
	name    string
	outcome string
	elapsed float64
	output  strings.Builder
}

type suite struct {
	name    string
	start   time.Time
	elapsed float64
	cases   []*testCase
	byName  map[string]*testCase
	output  strings.Builder
}

type cdata struct {
	Text string `xml:",cdata"`
}

type xmlResult struct {
	Message string `xml:"message,attr"`
	Body    string `xml:",cdata"`
}

type xmlCase struct {
	XMLName   xml.Name   `xml:"testcase"`
	Name      string     `xml:"name,attr"`
	ClassName string     `xml:"classname,attr"`
	Time      string     `xml:"time,attr"`
	Failure   *xmlResult `xml:"failure,omitempty"`
	Skipped   *xmlResult `xml:"skipped,omitempty"`
}

type xmlSuite struct {
	XMLName   xml.Name  `xml:"testsuite"`
	Name      string    `xml:"name,attr"`
	Tests     int       `xml:"tests,attr"`
	Failures  int       `xml:"failures,attr"`
	Errors    int       `xml:"errors,attr"`
	Skipped   int       `xml:"skipped,attr"`
	Time      string    `xml:"time,attr"`
	Timestamp string    `xml:"timestamp,attr,omitempty"`
	Cases     []xmlCase `xml:"testcase"`
	SystemOut *cdata    `xml:"system-out,omitempty"`
}

type xmlSuites struct {
	XMLName xml.Name   `xml:"testsuites"`
	Suites  []xmlSuite `xml:"testsuite"`
}

func main() {
	suites := map[string]*suite{}
	var order []string
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	for scanner.Scan() {
		var e event
		if err := json.Unmarshal(scanner.Bytes(), &e); err != nil || e.Action == "" {
			continue // Go 1.19 prints build failures as plain text
		}
		s := suites[e.Package]
		if s == nil {
			s = &suite{name: e.Package, start: e.Time, byName: map[string]*testCase{}}
			suites[e.Package] = s
			order = append(order, e.Package)
		}
		if e.Test == "" {
			switch e.Action {
			case "output":
				s.output.WriteString(e.Output)
			case "pass", "fail", "skip":
				s.elapsed = e.Elapsed
			}
			continue
		}
		c := s.byName[e.Test]
		if c == nil {
			c = &testCase{name: e.Test}
			s.byName[e.Test] = c
			s.cases = append(s.cases, c)
		}
		switch e.Action {
		case "output":
			// Framing lines are the runner's, not the test's output.
			trimmed := strings.TrimSpace(e.Output)
			if strings.HasPrefix(trimmed, "=== ") || strings.HasPrefix(trimmed, "--- ") {
				continue
			}
			c.output.WriteString(e.Output)
		case "pass", "fail", "skip":
			c.outcome = e.Action
			c.elapsed = e.Elapsed
		}
	}
	out := xmlSuites{}
	for _, name := range order {
		s := suites[name]
		xs := xmlSuite{Name: s.name, Time: fmt.Sprintf("%.3f", s.elapsed)}
		if !s.start.IsZero() { // test2json without -t gives no times
			xs.Timestamp = s.start.UTC().Format(time.RFC3339)
		}
		for _, c := range s.cases {
			xc := xmlCase{Name: c.name, ClassName: s.name, Time: fmt.Sprintf("%.3f", c.elapsed)}
			switch c.outcome {
			case "fail":
				xc.Failure = &xmlResult{Message: "Failed", Body: c.output.String()}
				xs.Failures++
			case "skip":
				xc.Skipped = &xmlResult{Message: "Skipped", Body: c.output.String()}
				xs.Skipped++
			case "":
				// No final event: the binary died (a panic, a timeout) while it ran.
				xc.Failure = &xmlResult{Message: "No test result found", Body: c.output.String()}
				xs.Errors++
			}
			xs.Cases = append(xs.Cases, xc)
			xs.Tests++
		}
		if s.output.Len() > 0 {
			xs.SystemOut = &cdata{s.output.String()}
		}
		out.Suites = append(out.Suites, xs)
	}
	os.Stdout.WriteString(xml.Header)
	enc := xml.NewEncoder(os.Stdout)
	enc.Indent("", "\t")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.WriteString("\n")
}

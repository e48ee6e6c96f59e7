// This go.mod only keeps the Ginkgo suite out of module example.com/shapes:
// gen-fixtures.sh builds it in GOPATH mode against Debian's
// golang-ginkgo-dev (v1.16.5) and golang-gomega-dev (1.10.3).
module example.com/gkshapes

import Testing

@testable import FlakeCore

/// A report found again is kept as the remembered report and the numbers of its own header
/// lines (`RepeatedRaceReport`): what the fold reads of it from those numbers is what its report
/// says, its diagnosis is that of the same reports read line by line, and the numbers give back
/// the text Go printed.
@Suite struct RepeatedRaceReportTests {
    private func log(_ text: String, _ interner: ByteInterner?) -> ParsedLog {
        Array(text.utf8).withUnsafeBytes { LogParser(runID: 0, interner: interner).parse($0) }
    }

    /// The fixture's reports as another run prints them, found again after the fixture itself,
    /// and the same read line by line.
    private func copies(of name: String) throws -> (foundAgain: [ParsedRace], readLineByLine: [ParsedRace]) {
        let text = try Fixtures.text(name)
        let interner = ByteInterner()
        _ = log(text, interner)
        let other = RaceBlockMemoTests.renumbered(text)
        return (log(other, interner).races, log(other, nil).races)
    }

    private static func isHeapBlock(_ location: RaceLocation?) -> Bool {
        if case .heap = location { return true }
        return false
    }

    @Test(arguments: RaceBlockMemoTests.fixtures)
    func whatTheFoldReadsIsWhatTheReportSays(name: String) throws {
        let races = try copies(of: name).foundAgain
        #expect(!races.isEmpty)
        for race in races {
            let parsed = race.parsedReport, report = race.report
            #expect(parsed.firstAccessAddress == report.accesses.first?.address)
            #expect(parsed.accessCount == report.accesses.count)
            for index in report.accesses.indices {
                #expect(parsed.goroutine(ofAccess: index) == report.accesses[index].goroutine)
            }
            for creation in report.creations {
                #expect(parsed.creationIndex(ofGoroutine: creation.goroutine) == report.creations.firstIndex { $0.goroutine == creation.goroutine })
            }
            #expect(parsed.creationIndex(ofGoroutine: 0) == nil)
            #expect(parsed.truncated == report.truncated)
            #expect(parsed.occurrence == report.occurrence)
            #expect(Self.isHeapBlock(parsed.location) == Self.isHeapBlock(report.location))
        }
    }

    /// Copies are kept as numbers, except where a header line with numbers is no access,
    /// creation or heap block (a `Global var` line): that report is made whole from the line at once.
    @Test(arguments: RaceBlockMemoTests.fixtures)
    func copiesAreKeptAsNumbers(name: String) throws {
        let races = try copies(of: name).foundAgain
        let global = races.contains {
            if case .global = $0.report.location { return true }
            return false
        }
        for race in races {
            switch race.parsedReport {
            case .repeated: #expect(!global, "\(name)")
            case .read: #expect(global, "\(name)")
            }
        }
    }

    /// Copies seen in two runs give the hints that the same reports read line by line give,
    /// the shared address among them.
    @Test(arguments: RaceBlockMemoTests.fixtures)
    func copiesDiagnoseAsReportsReadLineByLine(name: String) throws {
        let (foundAgain, readLineByLine) = try copies(of: name)
        func hints(_ races: [ParsedRace]) -> [DiagnosisHint] {
            var diagnosis = RaceDiagnosis()
            for run in 0..<2 {
                for race in races {
                    diagnosis.observe(
                        report: race.parsedReport, detectedIn: race.detectedIn, arch: "amd64", runID: run,
                        stackFacts: RaceDiagnosis.StackFacts(race.report))
                }
            }
            return diagnosis.hints
        }
        #expect(hints(foundAgain) == hints(readLineByLine), "\(name)")
        #expect(!hints(foundAgain).isEmpty, "\(name)")
    }

    @Test(arguments: ["0x000000354c40", "0x00c0000a4010", "0x0", "0xffffffffffffffff", "0x0000000000000001"])
    func addressesReadAsPrinted(address: String) {
        var numbers = HeaderNumbers()
        let fits = ByteLine.withBytes(of: String(address.dropFirst(2))) { numbers.append(hex: $0) }
        #expect(fits)
        #expect(numbers.address(0) == address)
    }

    @Test func numbersThatDoNotFitAreRefused() {
        var numbers = HeaderNumbers()
        #expect(!ByteLine.withBytes(of: "10000000000000000") { numbers.append(hex: $0) })
        #expect(!ByteLine.withBytes(of: "1234567890123456789") { numbers.append(decimal: $0) })
        #expect(numbers.count == 0)
        for n in 0..<HeaderNumbers.capacity {
            #expect(ByteLine.withBytes(of: String(n)) { numbers.append(decimal: $0) })
        }
        #expect(!ByteLine.withBytes(of: "7") { numbers.append(decimal: $0) })
        #expect(numbers.count == HeaderNumbers.capacity)
        #expect(numbers.decimal(HeaderNumbers.capacity - 1) == HeaderNumbers.capacity - 1)
    }
}

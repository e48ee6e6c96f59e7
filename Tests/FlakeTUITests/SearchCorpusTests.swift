import Foundation
import Testing
@testable import FlakeTUI

/// The byte-scan fast path for simple regexes must agree with a real regex engine.
@Suite struct SearchCorpusTests {
    static let rows = [
        "race data race: devicemanager.setupWithHandler ↔ devicemanager.initHandler",
        "fail TestOrphanedSocketCleanup: expected <n> orphaned sockets",
        "panic TestDevicePluginRestart: panic: runtime error",
        "race recordMiss ↔ recordMiss s390x",
        "init4217 then nothing",
        "",
    ]

    static func regexMatches(_ pattern: String) throws -> [Int32] {
        let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .anchorsMatchLines])
        return rows.enumerated().compactMap { index, row in
            regex.firstMatch(in: row, range: NSRange(location: 0, length: row.utf16.count)) != nil ? Int32(index) : nil
        }
    }

    @Test(arguments: [
        "init.*4217", "^race", "s390x$", "^race.*s390x$", "init.", "panic.*error", "^$", "Test.*Clean", "\\.init",
        "devicemanager\\.init.*handler$", "x.*y.*z",
    ])
    func chainAgreesWithTheRegexEngine(pattern: String) throws {
        let matcher = TextMatcher(pattern)
        guard case .chain = matcher else {
            Issue.record("\(pattern) should take the fast path")
            return
        }
        let corpus = SearchCorpus(Self.rows)
        let all = (0..<Int32(Self.rows.count)).map { $0 }
        #expect(corpus.filter(all, by: matcher) == (try Self.regexMatches(pattern)), "\(pattern)")
    }

    @Test(arguments: ["(race|panic)", "s390x|amd64", "Test[A-Z]", "\\d+", "o+r"])
    func otherRegexesUseTheEngine(pattern: String) throws {
        let matcher = TextMatcher(pattern)
        if case .chain = matcher { Issue.record("\(pattern) needs a real regex engine") }
        let corpus = SearchCorpus(Self.rows)
        let all = (0..<Int32(Self.rows.count)).map { $0 }
        #expect(corpus.filter(all, by: matcher) == (try Self.regexMatches(pattern)), "\(pattern)")
    }
}

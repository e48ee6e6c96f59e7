import Foundation
import Testing
@testable import FlakeCore

/// The walk that runs ahead of the parsers: it hands out every file in walk order, holds at most
/// its limit in hand, and stops when nobody wants more (instead of waiting for ever).
@Suite struct DiscoveryStreamTests {
    private func folder(files: Int) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        // Enough for several of the walk's chunks (512 files each).
        for n in 0..<files { try folder.write(String(format: "d%02d/run-%04d.log", n % 7, n), Array("ok\n".utf8)) }
        return folder
    }

    @Test func handsOutTheListingInOrder() throws {
        let folder = try folder(files: 1300)
        let stream = try DiscoveryStream(paths: [folder.path], aheadLimit: 600)
        var streamed: [String] = []
        while true {
            let next = stream.next(100)
            if next.isEmpty { break }
            streamed += next.map(\.displayPath)
        }
        #expect(stream.problemsWhenDone().isEmpty)
        #expect(streamed == (try LogDiscovery.discover([folder.path])).files.map(\.displayPath))
        #expect(streamed.count == 1300)
    }

    @Test func aCancelledWalkEndsWhileItWaitsForTheParsers() throws {
        let folder = try folder(files: 1300)
        let stream = try DiscoveryStream(paths: [folder.path], aheadLimit: 512)
        #expect(stream.next(10).count == 10)
        // The walk is now waiting with a full hand; cancelling must let it end.
        stream.cancel()
        #expect(stream.problemsWhenDone().isEmpty)
        #expect(stream.next(10).isEmpty)
    }

    @Test func aMissingPathIsAnErrorBeforeAnyWalking() {
        #expect(throws: LogDiscovery.Failure.self) { try DiscoveryStream(paths: ["/nonexistent/flaketui-logs"]) }
    }
}

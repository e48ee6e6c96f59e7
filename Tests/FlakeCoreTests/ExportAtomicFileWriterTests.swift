import Foundation
import Testing

@testable import FlakeCore

@Suite struct ExportAtomicFileWriterTests {
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flaketui-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func replacesAFileAndLeavesNoTemporaryBehind() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.md").path
        try Data("old, longer content\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        let destination = try AtomicFileWriter.write("new\n", to: target, environment: [:])
        #expect(destination == .replaced(path: target))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.md"])
        let permissions = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func theStepSummaryIsAppendedTo() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("step_summary").path
        try Data("from an earlier step\n".utf8).write(to: URL(fileURLWithPath: summary))
        let environment = ["GITHUB_STEP_SUMMARY": summary]
        #expect(try AtomicFileWriter.write("first\n", to: summary, environment: environment) == .appended(path: summary))
        #expect(try AtomicFileWriter.write("second\n", to: "$GITHUB_STEP_SUMMARY", environment: environment) == .appended(path: summary))
        #expect(try String(contentsOfFile: summary, encoding: .utf8) == "from an earlier step\nfirst\nsecond\n")
    }

    @Test func theStepSummaryOutsideActionsIsAnError() {
        #expect(throws: ExportWriteError.stepSummaryUnset) {
            try AtomicFileWriter.write("x", to: "$GITHUB_STEP_SUMMARY", environment: [:])
        }
    }

    @Test func aFolderIsNotATarget() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ExportWriteError.isDirectory(path: folder.path)) {
            try AtomicFileWriter.write("x", to: folder.path, environment: [:])
        }
    }

    @Test func aMissingFolderFailsWithoutCreatingAnything() {
        #expect(throws: ExportWriteError.self) {
            try AtomicFileWriter.write("x", to: "/nonexistent-flaketui-folder/report.md", environment: [:])
        }
    }
}

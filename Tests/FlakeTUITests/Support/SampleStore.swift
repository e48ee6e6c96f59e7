import FlakeCore
import FlakeTUI
import Foundation

/// The repository's `SampleLogs/` store (real amd64, arm64 and s390x logs), analysed once.
enum SampleStore {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let logsPath = repositoryRoot.appendingPathComponent("SampleLogs").path

    static let result: Result<AnalyzeResult, AnalyzeError> = Result { () throws(AnalyzeError) in
        try Analyzer.analyze(paths: [logsPath])
    }

    static func state(_ width: Int, _ height: Int) throws -> AppState {
        let result = try result.get()
        return AppState(analysis: result.analysis, logs: FileLogSource(filePaths: result.filePaths), size: Size(width: width, height: height))
    }
}

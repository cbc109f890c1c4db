import Foundation
import PingyiTestSupport
import Testing

/// `verify/pingyi_verify.py` run on a record, with the project's own Python environment
/// (`.pytools/`, made by `make test` before the Swift suites run; `scripts/pytools.sh` makes it).
enum IndependentVerifier {
    static let python = CountyFixture.repository.appendingPathComponent(".pytools/bin/python").path
    static let script = CountyFixture.repository.appendingPathComponent("verify/pingyi_verify.py").path

    /// The verifier's exit status and output for `record` (JSON text). The process is waited for
    /// off the cooperative pool, with a time limit.
    static func check(_ record: String) async throws -> (Int32, String) {
        try #require(FileManager.default.isExecutableFile(atPath: python), "no \(python): run scripts/pytools.sh")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pingyi-record-\(UUID().uuidString).json")
        try Data(record.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
                process.arguments = ["120", python, script, file.path]
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                do {
                    try process.run()
                    let output = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: output, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

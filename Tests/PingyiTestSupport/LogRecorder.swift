import Logging
import Synchronization

/// Keeps the messages of a logger, for tests that check what was logged.
public final class LogRecorder: Sendable {
    private let storage = Mutex<[String]>([])

    /// Makes an empty recorder.
    public init() {}

    /// The messages logged so far, as `level: message`.
    public var messages: [String] { storage.withLock { $0 } }

    /// A logger writing here.
    public func logger() -> Logger {
        Logger(label: "recording") { _ in RecordingLogHandler(recorder: self) }
    }

    func append(_ message: String) {
        storage.withLock { $0.append(message) }
    }
}

import Logging

/// A log handler that hands every message to a `LogRecorder`.
public struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder

    /// Records everything.
    public var logLevel: Logger.Level = .trace
    /// Metadata is kept but not recorded.
    public var metadata: Logger.Metadata = [:]

    /// Records a message with its level.
    public func log(event: LogEvent) {
        recorder.append("\(event.level): \(event.message)")
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

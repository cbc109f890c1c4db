import Logging

/// Receives the server's NOTICE and WARNING messages for one connection and logs them, so that
/// libpq never prints them on stderr. Immutable, so safe to read from the libpq callback.
final class NoticeHandler: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func receive(_ message: String) {
        let trimmed = message.hasSuffix("\n") ? String(message.dropLast()) : message
        if trimmed.hasPrefix("WARNING") {
            logger.warning("postgres: \(trimmed)")
        } else {
            logger.debug("postgres: \(trimmed)")
        }
    }
}

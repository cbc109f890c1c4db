/// A command's own error, with the message the operator sees.
struct CLIError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

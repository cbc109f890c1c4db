/// A workflow's own refusal (a file that cannot be read or written), with the message the
/// office reads.
public struct WorkflowError: OperatorMessage, Equatable {
    public let operatorMessage: String

    public init(_ message: String) {
        operatorMessage = message
    }
}

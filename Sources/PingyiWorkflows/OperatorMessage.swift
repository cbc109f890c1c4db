/// An error whose message is written for the office: the CLI prints it as it is (exit code 1),
/// the console shows it.
public protocol OperatorMessage: Error {
    var operatorMessage: String { get }
}

extension OperatorMessage where Self: CustomStringConvertible {
    public var operatorMessage: String { description }
}

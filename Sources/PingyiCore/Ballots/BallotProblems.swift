/// What is wrong with a submitted form that a person can fix: a message per field, to show
/// next to it when the form is shown again with the answers kept.
public struct BallotProblems: Hashable, Sendable {
    /// Field name → message, in Chinese.
    public var fields: [String: String]

    /// Makes problems.
    public init(fields: [String: String]) {
        self.fields = fields
    }

    /// A summary for the top of the form.
    public var summary: String {
        "有 \(fields.count) 处需要修改，请查看标红的项目。"
    }
}

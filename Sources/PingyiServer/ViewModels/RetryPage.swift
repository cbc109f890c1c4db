/// The answer to a ballot POST that found the database unreachable (a failover, a restart): the
/// merchant's answers come back as hidden fields of a form that posts them again, so nothing has
/// to be typed twice. Posting again is safe whatever happened: one ballot per invitation means a
/// ballot that did reach the database before the connection broke answers 「已提交」 the second time.
struct RetryPage: Page {
    /// `Templates/retry.mustache`.
    static let template = "retry"

    /// One hidden field.
    struct Field: Sendable {
        let name: String
        let value: String
    }

    let title = "系统繁忙"
    /// Where the form posts (the form's own path).
    let action: String
    /// The fields as they came, in name order.
    let fields: [Field]
    /// Seconds to wait before posting again (also the `Retry-After` header).
    let seconds: Int

    init(action: String, fields: [String: String], seconds: Int = 5) {
        self.action = action
        self.fields = fields.sorted { $0.key < $1.key }.map { Field(name: $0.key, value: $0.value) }
        self.seconds = seconds
    }
}

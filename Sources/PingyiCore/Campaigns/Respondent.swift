/// Who an invitation is for: a merchant (by credit code) or a supervisor (by number).
public enum Respondent: Hashable, Sendable {
    /// A merchant of the merchant review.
    case merchant(CreditCode)
    /// A special supervisor of the star rating.
    case supervisor(code: String)

    /// The key as text.
    public var key: String {
        switch self {
        case .merchant(let code): code.value
        case .supervisor(let code): code
        }
    }
}

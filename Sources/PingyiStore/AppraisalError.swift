/// Why an appraisal-year action was refused.
public enum AppraisalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The year already exists.
    case exists(Int)
    /// The year is outside 2000–2100.
    case badYear(Int)

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .exists(let year): "\(year) 年度考评已存在"
        case .badYear(let year): "年度 \(year) 不在 2000–2100 之间"
        }
    }
}

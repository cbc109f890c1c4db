/// Why a county identity was refused, in the office's words.
public enum CountyIdentityError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)
    case tooLong(String, Int)
    case badCharacters(String)
    case badPhone(String)

    public var description: String {
        switch self {
        case .missing(let label): "请填写「\(label)」。"
        case .tooLong(let label, let limit): "「\(label)」最多 \(limit) 个字。"
        case .badCharacters(let label): "「\(label)」不能含有尖括号、花括号、方括号、【】或不可见的控制字符。"
        case .badPhone(let label): "「\(label)」应为至少 7 位数字的电话号码，可含连字符、括号和分机「转」，例如 0315-1234567 或 0315-1234567 转 8。"
        }
    }
}

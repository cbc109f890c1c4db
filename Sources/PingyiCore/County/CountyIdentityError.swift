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
        case .badPhone(let label): "「\(label)」只能由数字、连字符和括号组成（最多 20 位），例如 0315-1234567。"
        }
    }
}

/// Why a text is not a valid 统一社会信用代码.
public enum CreditCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not 18 characters long.
    case length(Int)
    /// A character outside the standard's set (or a letter in the six-digit division code).
    case invalidCharacter(Character, position: Int)
    /// The last character is not the check character of the first seventeen.
    case checkCharacter(expected: Character, found: Character)

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .length(let count):
            "应为 18 位，实际 \(count) 位"
        case .invalidCharacter(let character, let position):
            "第 \(position) 位字符「\(character)」不合规（只能是数字和除 I、O、Z、S、V 以外的大写字母，第 3–8 位只能是数字）"
        case .checkCharacter(let expected, let found):
            "校验位错误：第 18 位应为「\(expected)」，实际为「\(found)」"
        }
    }
}

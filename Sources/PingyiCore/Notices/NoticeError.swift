/// Why a 通报 could not be made as asked, in the office's words.
public enum NoticeError: Error, Equatable, Sendable, CustomStringConvertible {
    case docNumberTooLong(Int)
    case docNumberCharacters

    public var description: String {
        switch self {
        case .docNumberTooLong(let limit): "文号最多 \(limit) 个字。"
        case .docNumberCharacters: "文号不能含有花括号或不可见的控制字符。"
        }
    }
}

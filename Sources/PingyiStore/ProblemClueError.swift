/// Why a problem clue could not be updated.
public enum ProblemClueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No clue has this id.
    case notFound
    /// The note is longer than `Note.maxLength` (2,000) characters.
    case noteTooLong

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .notFound: "问题线索不存在"
        case .noteTooLong: "处理说明不能超过 2000 个字符"
        }
    }
}

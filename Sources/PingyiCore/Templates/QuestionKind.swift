/// How a question is answered.
public enum QuestionKind: String, Sendable, Codable, CaseIterable {
    /// One of the template's options (满意 / 基本满意 / 不满意 / 不了解).
    case grade
    /// 1 to `maxStars` stars.
    case stars
    /// Free text up to `maxLength` characters.
    case text
}

/// Why an API key action was refused.
public enum APIKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such key.
    case notFound(Int)
    /// The name must be 1–100 characters.
    case badName
    /// 部门联络员 is a console account's role, never a key's.
    case consoleOnlyRole

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .notFound(let id): "API 密钥 \(id) 不存在"
        case .badName: "名称须为 1–100 个字符"
        case .consoleOnlyRole: "部门联络员只能使用控制台账号，不能生成 API 密钥"
        }
    }
}

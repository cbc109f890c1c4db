/// Why the migrations could not be applied.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// The folder of migrations could not be read.
    case unreadableDirectory(String)
    /// A file in the folder is not named `NNNN_name.sql`.
    case badFileName(String)
    /// Two files share an order number.
    case duplicateNumber(Int, String, String)
    /// A file that was already applied has changed since.
    case checksumChanged(name: String, recorded: String, now: String)
    /// A migration failed; nothing of it was kept.
    case failed(name: String, error: PostgresError)

    /// Says what is wrong, in the office's language.
    public var description: String {
        switch self {
        case .unreadableDirectory(let path):
            "无法读取迁移目录 \(path)"
        case .badFileName(let name):
            "迁移文件名 \(name) 不符合 NNNN_名称.sql 的格式"
        case .duplicateNumber(let number, let first, let second):
            "迁移文件 \(first) 与 \(second) 的序号 \(number) 重复"
        case .checksumChanged(let name, let recorded, let now):
            "迁移文件 \(name) 在应用后被修改（记录的 SHA-256 \(recorded.prefix(12))…，现在 \(now.prefix(12))…）：已应用的迁移不能修改，请新增一个迁移文件"
        case .failed(let name, let error):
            "迁移 \(name) 执行失败，已回滚：\(error.message)"
        }
    }
}

/// Something is at the path a private file was to be made at: nothing was written or replaced.
public struct PrivateFileExists: Error, OperatorMessage {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var operatorMessage: String { "\(path) 已存在：为免覆盖，请换一个文件名（不会覆盖或跟随已有的文件）" }
}

/// Something is at the path a private file was to be made at: nothing was written or replaced.
struct PrivateFileExists: Error, OperatorMessage {
    let path: String

    var operatorMessage: String { "\(path) 已存在：为免覆盖，请换一个文件名（不会覆盖或跟随已有的文件）" }
}

/// A shipped document template that could not be used: a broken installation, never user input.
public enum DocumentTemplateError: Error, CustomStringConvertible {
    case missing(String)
    case unreadable(String)
    case unfilled([String])

    public var description: String {
        switch self {
        case .missing(let name): "通报模板 \(name).docx 缺失：安装不完整。"
        case .unreadable(let name): "通报模板 \(name).docx 无法读取。"
        case .unfilled(let names): "通报模板中有未填写的占位符：\(names.joined(separator: "、"))"
        }
    }
}

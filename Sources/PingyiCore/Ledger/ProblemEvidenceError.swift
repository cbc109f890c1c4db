/// Why the files of a step were refused (the step with them).
public enum ProblemEvidenceError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooMany(Int)
    case tooLarge(Int)
    case badType(Int)
    case truncated(Int)

    public var description: String {
        switch self {
        case .tooMany(let count): "一次最多上传 \(ProblemEvidence.maxFiles) 个证明材料，选择了 \(count) 个。未作任何改动"
        case .tooLarge(let index): "第 \(index) 个文件超过 10 MB，请压缩或分开上传。未作任何改动"
        case .badType(let index): "第 \(index) 个文件不是照片（JPEG、PNG）、PDF 或 OFD 文件。未作任何改动"
        case .truncated(let index): "第 \(index) 个文件不完整（可能上传中断），请重新选择后再提交。未作任何改动"
        }
    }
}

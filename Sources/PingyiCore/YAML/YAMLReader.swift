import Foundation
import Yams

/// Reads a YAML document node by node, checking shapes and collecting every problem with its
/// line, instead of stopping at the first. Each accessor returns `nil` (and records an issue)
/// for a bad value.
struct YAMLReader {
    let file: String
    private(set) var issues: [FileIssue] = []

    init(file: String) {
        self.file = file
    }

    /// Parses the text; a syntax error (or a repeated key) is an issue with its line.
    static func compose(_ text: String, file: String) -> (Node?, [FileIssue]) {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return (nil, [FileIssue(file: file, line: 1, message: "文件为空")])
            }
            return (node, [])
        } catch let error as YamlError {
            return (nil, [FileIssue(file: file, line: line(of: error), message: "YAML 格式错误：\(problem(of: error))")])
        } catch {
            return (nil, [FileIssue(file: file, line: 1, message: "YAML 格式错误：\(error)")])
        }
    }

    mutating func record(_ more: [FileIssue]) {
        issues += more
    }

    mutating func fail(_ node: Node?, _ key: String?, _ message: String) {
        issues.append(FileIssue(file: file, line: node?.mark?.line ?? 1, column: key, message: message))
    }

    /// A mapping with only the allowed keys and all the required ones. Unknown keys, missing
    /// keys and repeated keys are issues; the known values are returned by key.
    mutating func mapping(_ node: Node?, at path: String, allowed: [String], required: [String]) -> [String: Node]? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            fail(node, path, "应为键值映射")
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                fail(keyNode, path, "键必须是文字")
                continue
            }
            let name = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                fail(keyNode, name, "未知的键（可用：\(allowed.joined(separator: ", "))）")
                continue
            }
            if values[key] != nil {
                fail(keyNode, name, "键重复")
                continue
            }
            values[key] = value
        }
        for key in required where values[key] == nil {
            fail(node, path.isEmpty ? key : "\(path).\(key)", "缺少必需的键")
        }
        return values
    }

    /// A sequence's items.
    mutating func sequence(_ node: Node?, at path: String) -> [Node]? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node else {
            fail(node, path, "应为列表")
            return nil
        }
        return Array(sequence)
    }

    /// A non-empty text of at most `maxLength` characters.
    mutating func text(_ node: Node?, at path: String, maxLength: Int = 200) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            fail(node, path, "应为文字")
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            fail(node, path, "不能为空")
            return nil
        }
        if value.count > maxLength {
            fail(node, path, "超过 \(maxLength) 个字符")
            return nil
        }
        return value
    }

    /// An identifier: ASCII letters, digits, `-` and `_`, starting with a letter.
    mutating func identifier(_ node: Node?, at path: String) -> String? {
        guard let value = text(node, at: path, maxLength: 40) else { return nil }
        guard let first = value.first, first.isASCII, first.isLetter,
            value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            fail(node, path, "「\(value)」不是有效标识（字母开头，只含字母、数字、- 和 _）")
            return nil
        }
        return value
    }

    /// A whole number in a range.
    mutating func integer(_ node: Node?, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard case .scalar = node, let value = node.int else {
            fail(node, path, "应为整数")
            return nil
        }
        guard range.contains(value) else {
            fail(node, path, "\(value) 超出范围 \(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return value
    }

    /// A number in a range (e.g. points).
    mutating func number(_ node: Node?, at path: String, in range: ClosedRange<Double>) -> Double? {
        guard let node else { return nil }
        guard case .scalar = node, let value = node.float, value.isFinite else {
            fail(node, path, "应为数字")
            return nil
        }
        guard range.contains(value) else {
            fail(node, path, "\(YAMLReader.format(value)) 超出范围 \(YAMLReader.format(range.lowerBound))–\(YAMLReader.format(range.upperBound))")
            return nil
        }
        return value
    }

    /// A share between 0 and 1, written as a decimal (`0.45`) or a fraction (`1/3`).
    mutating func fraction(_ node: Node?, at path: String) -> Fraction? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, let value = Fraction(parsing: scalar.string) else {
            fail(node, path, "应为 0 到 1 之间的小数或分数（如 0.45 或 1/3）")
            return nil
        }
        guard value.numerator >= 0, value.numerator <= value.denominator else {
            fail(node, path, "\(scalar.string) 应在 0 到 1 之间")
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func bool(_ node: Node?, at path: String) -> Bool? {
        guard let node else { return nil }
        guard case .scalar = node, let value = node.bool else {
            fail(node, path, "应为 true 或 false")
            return nil
        }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return 1
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "键重复：\(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}

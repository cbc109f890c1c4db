import Foundation
import NIOPosix
import PingyiCore
import ZIPFoundation

/// A 通报 as a Word file: the shipped template of its kind (`DocumentTemplates/`, made by
/// `scripts/make-document-templates.py`, an ordinary .docx an office may restyle) with its
/// placeholders filled in, every value XML-escaped. Only `word/document.xml` changes; every other
/// part of the template is copied as it is.
///
/// Placeholders are whole runs: `{{name}}` a value; a paragraph holding `{{body}}` is repeated,
/// one per line of the body; a table row holding `{{list.field}}` is repeated, one per row of
/// that list (none: only the header row stays).
public enum NoticeDocx {
    /// The .docx of `notice`, made on NIO's thread pool (a province's ranking is thousands of rows).
    public static func data(_ notice: Notice) async throws -> Data {
        try await NIOThreadPool.singleton.runIfActive { try make(notice) }
    }

    /// The .docx of `notice`.
    public static func make(_ notice: Notice) throws -> Data {
        guard let url = Bundle.module.url(forResource: notice.kind.template, withExtension: "docx", subdirectory: "DocumentTemplates") else {
            throw DocumentTemplateError.missing(notice.kind.template)
        }
        return try fill(template: try Data(contentsOf: url), notice: notice)
    }

    /// `template` (a .docx) filled with `notice`.
    static func fill(template: Data, notice: Notice) throws -> Data {
        let source = try Archive(data: template, accessMode: .read)
        let target = try Archive(data: Data(), accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry, skipCRC32: false) { data.append($0) }
            if entry.path == "word/document.xml" {
                data = Data(try fill(xml: String(decoding: data, as: UTF8.self), notice: notice).utf8)
            }
            let bytes = data
            try target.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate,
                provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let data = target.data else { throw DocumentTemplateError.unreadable(notice.kind.template) }
        return data
    }

    /// The document's XML with the rows, the body and the values filled in.
    static func fill(xml: String, notice: Notice) throws -> String {
        var xml = xml
        for section in notice.sections {
            xml = try replace(pattern: #"<w:tr[ >].*?</w:tr>"#, in: xml) { row in
                guard row.contains("{{\(section.list).") else { return row }
                return section.rows.map { values in
                    var copy = row
                    for column in section.columns {
                        copy = copy.replacingOccurrences(of: "{{\(section.list).\(column.field)}}", with: escape(values[column.field] ?? ""))
                    }
                    return copy
                }.joined()
            }
        }
        xml = try replace(pattern: #"<w:p[ >].*?</w:p>"#, in: xml) { paragraph in
            guard paragraph.contains("{{body}}") else { return paragraph }
            return notice.body.map { paragraph.replacingOccurrences(of: "{{body}}", with: escape($0)) }.joined()
        }
        for (key, value) in notice.values {
            xml = xml.replacingOccurrences(of: "{{\(key)}}", with: escape(value))
        }
        let left = try NSRegularExpression(pattern: #"\{\{[^}<]*\}\}"#).matches(in: xml, range: NSRange(xml.startIndex..., in: xml))
        guard left.isEmpty else {
            throw DocumentTemplateError.unfilled(left.compactMap { Range($0.range, in: xml).map { String(xml[$0]) } })
        }
        return xml
    }

    /// `text` with every match of `pattern` (across lines) replaced by `transform` of it.
    static func replace(pattern: String, in text: String, _ transform: (String) -> String) throws -> String {
        let expression = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        var result = ""
        var last = text.startIndex
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            result += text[last..<range.lowerBound]
            result += transform(String(text[range]))
            last = range.upperBound
        }
        result += text[last...]
        return result
    }

    /// Text as XML character data: `&`, `<`, `>` and quotes escaped, and the control characters
    /// XML 1.0 cannot hold left out.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

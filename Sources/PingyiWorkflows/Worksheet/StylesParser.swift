import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/styles.xml`: which cell styles (`<xf>`s of `<cellXfs>`, by position) show a date — a
/// built-in date format (14–22, and 27–36 and 50–58 of the Chinese locales) or a format of the
/// workbook's own whose code has a year or a day in it, such as `yyyy"年"m"月"d"日"`.
final class StylesParser: NSObject, XMLParserDelegate {
    private var dateFormats = Set(Array(14...22) + Array(27...36) + Array(50...58))
    private var styles: [Int] = []
    private var inCellStyles = false

    static func dateStyles(_ data: Data) -> Set<Int> {
        let delegate = StylesParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return Set(delegate.styles.indices.filter { delegate.dateFormats.contains(delegate.styles[$0]) })
    }

    /// Whether a number format's code shows a date: a `y` or `d` outside quotes and brackets.
    static func isDate(_ code: String) -> Bool {
        var quoted = false
        var bracketed = false
        for character in code.lowercased() {
            switch character {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracketed = true
            case "]" where !quoted: bracketed = false
            case "y", "d": if !quoted && !bracketed { return true }
            default: break
            }
        }
        return false
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"], Self.isDate(code) { dateFormats.insert(id) }
        case "cellXfs":
            inCellStyles = true
        case "xf" where inCellStyles:
            styles.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "cellXfs" { inCellStyles = false }
    }
}

extension BallotAnswers {
    /// The answers as the JSON object the ballot box stores — the same document `JSONEncoder`
    /// makes of this `Codable` value (keys sorted), written directly because it is made once per
    /// submitted ballot.
    public var jsonText: String {
        var out = #"{"grades":["#
        for (index, grade) in grades.enumerated() {
            if index > 0 { out += "," }
            out +=
                #"{"option":"# + Self.quoted(grade.option) + #","question":"# + Self.quoted(grade.question)
                + #","target":"# + Self.quoted(grade.target) + "}"
        }
        out += #"],"signed":"# + (signed ? "true" : "false") + #","stars":["#
        for (index, star) in stars.enumerated() {
            if index > 0 { out += "," }
            out +=
                #"{"question":"# + Self.quoted(star.question) + #","stars":"# + String(star.stars)
                + #","target":"# + Self.quoted(star.target) + "}"
        }
        out += #"],"texts":["#
        for (index, text) in texts.enumerated() {
            if index > 0 { out += "," }
            out += #"{"question":"# + Self.quoted(text.question)
            if let target = text.target { out += #","target":"# + Self.quoted(target) }
            out += #","text":"# + Self.quoted(text.text) + "}"
        }
        return out + "]}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20 || control.value == 0x7F || (0x2028...0x2029).contains(control.value):
                out += "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count) + String(control.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

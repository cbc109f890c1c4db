/// Who the county's office is, set once and used on everything that leaves Pingyi: the letters,
/// the SMS, the respondents' pages, the 通报 documents and the console's headings.
public struct CountyIdentity: Hashable, Sendable, Codable {
    /// The county's name (清河县).
    public var countyName: String
    /// The office's full name (清河县优化营商环境建设办公室): the 红头 and the letters.
    public var officeName: String
    /// The office's short name (县营商办): the SMS signature and the console's heading.
    public var officeShortName: String
    /// The 咨询电话 respondents call with questions (the invalid-link page, letters, forms).
    public var consultPhone: String
    /// The 监督电话 for complaints about the appraisal itself.
    public var supervisePhone: String
    /// The 落款 of documents (usually the office's full name, as on its seal).
    public var seal: String

    /// Makes an identity.
    public init(countyName: String, officeName: String, officeShortName: String, consultPhone: String, supervisePhone: String, seal: String) {
        self.countyName = countyName
        self.officeName = officeName
        self.officeShortName = officeShortName
        self.consultPhone = consultPhone
        self.supervisePhone = supervisePhone
        self.seal = seal
    }

    /// What a county that has not set its identity shows: plain words that name no county and
    /// no phone, and that the console flags until the office fills them in.
    public static let unset = CountyIdentity(
        countyName: "本县", officeName: "县优化营商环境建设办公室", officeShortName: "县营商办", consultPhone: "", supervisePhone: "",
        seal: "县优化营商环境建设办公室")

    /// Whether the office has set it (a county's name and a 咨询电话 at least).
    public var isSet: Bool { self != .unset && !consultPhone.isEmpty }

    /// The identity with its fields trimmed, or the first problem with them, in the office's words.
    public func validated() throws(CountyIdentityError) -> CountyIdentity {
        let trimmed = CountyIdentity(
            countyName: countyName.trimmingSpaces(), officeName: officeName.trimmingSpaces(), officeShortName: officeShortName.trimmingSpaces(),
            consultPhone: consultPhone.trimmingSpaces(), supervisePhone: supervisePhone.trimmingSpaces(), seal: seal.trimmingSpaces())
        let names: [(String, String, Int)] = [
            ("县名", trimmed.countyName, 20), ("办公室全称", trimmed.officeName, 40), ("办公室简称", trimmed.officeShortName, 6),
            ("落款", trimmed.seal, 40),
        ]
        for (label, value, limit) in names {
            if value.isEmpty { throw .missing(label) }
            // Counted by code points: a letter followed by a thousand combining marks is one
            // Character but a thousand and one characters in an SMS.
            if value.unicodeScalars.count > limit { throw .tooLong(label, limit) }
            if value.unicodeScalars.contains(where: { Self.isRefused($0) || "<>{}[]【】".unicodeScalars.contains($0) }) {
                throw .badCharacters(label)
            }
        }
        for (label, value) in [("咨询电话", trimmed.consultPhone), ("监督电话", trimmed.supervisePhone)] {
            if value.isEmpty { throw .missing(label) }
            let digits = value.unicodeScalars.filter { ("0"..."9").contains($0) }.count
            if value.unicodeScalars.count > 24 || digits < 7
                || !value.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || "-（）() 转".unicodeScalars.contains($0) })
            {
                throw .badPhone(label)
            }
        }
        return trimmed
    }

    /// A code point no name or phone of an office holds: controls, format characters (the
    /// right-to-left override would show the phone after it reversed), line and paragraph
    /// separators, combining marks, private-use, unassigned and noncharacters.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark, .spacingMark, .privateUse,
            .unassigned, .surrogate:
            true
        default: scalar.properties.isNoncharacterCodePoint
        }
    }
}

/// What a rendered form vouches for, inside its anti-forgery token: the campaign and the
/// invitation's departments as they were when the page was made. A post that carries a valid
/// grant can be checked and claimed without looking the invitation up first — one round trip to
/// the database — and the claim itself confirms both are still the invitation's.
public struct FormGrant: Hashable, Sendable {
    /// The campaign the form belongs to.
    public var campaignID: Int
    /// The invitation's department codes, in code order (all of them, including any the form
    /// leaves out for having no chief).
    public var departmentCodes: [String]

    /// Makes one.
    public init(campaignID: Int, departmentCodes: [String]) {
        self.campaignID = campaignID
        self.departmentCodes = departmentCodes
    }

    /// The grant as text, for the token: `id:code,code…`. `nil` when a code could not be told
    /// apart from the separators (codes are letters, digits, `-` and `_`).
    public var text: String? {
        guard departmentCodes.allSatisfy({ !$0.isEmpty && !$0.contains(",") && !$0.contains(":") }) else { return nil }
        return "\(campaignID):" + departmentCodes.joined(separator: ",")
    }

    /// Reads `text`.
    public init?(text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let id = Int(parts[0]), id > 0 else { return nil }
        campaignID = id
        departmentCodes = parts[1].isEmpty ? [] : parts[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard departmentCodes.allSatisfy({ !$0.isEmpty }) else { return nil }
    }
}

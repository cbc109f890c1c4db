/// An invitation just issued, with its token in clear: it exists only long enough to be
/// written to the office's CSV file.
public struct IssuedInvitation: Hashable, Sendable {
    /// Who it is for.
    public var respondent: Respondent
    /// The respondent's name (企业名称 or 姓名).
    public var name: String
    /// 联系人, if any.
    public var contactPerson: String?
    /// 联系电话, if any.
    public var phone: String?
    /// The departments on the respondent's form.
    public var departments: [String]
    /// Their names, in the same order, for the office's list (empty when not looked up).
    public var departmentNames: [String] = []
    /// The token.
    public var token: InvitationToken

    /// Makes one.
    public init(respondent: Respondent, name: String, contactPerson: String?, phone: String?, departments: [String], token: InvitationToken) {
        self.respondent = respondent
        self.name = name
        self.contactPerson = contactPerson
        self.phone = phone
        self.departments = departments
        self.token = token
    }

    /// The full link: the public base URL, the campaign kind's path and the token.
    public func link(publicURL: String, kind: CampaignKind) -> String {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        return base + kind.linkPrefix + token.text
    }
}

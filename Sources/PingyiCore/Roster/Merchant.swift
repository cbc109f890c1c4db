/// 客商/企业: a respondent of the merchant review, identified by its 统一社会信用代码.
public struct Merchant: Hashable, Sendable, Codable {
    /// The credit code, its key.
    public var creditCode: CreditCode
    /// 企业名称.
    public var name: String
    /// 行业, if given.
    public var industry: String?
    /// 联系人, if given.
    public var contactPerson: String?
    /// 联系电话, if given.
    public var contactPhone: String?

    /// Makes a merchant.
    public init(creditCode: CreditCode, name: String, industry: String? = nil, contactPerson: String? = nil, contactPhone: String? = nil) {
        self.creditCode = creditCode
        self.name = name
        self.industry = industry
        self.contactPerson = contactPerson
        self.contactPhone = contactPhone
    }
}

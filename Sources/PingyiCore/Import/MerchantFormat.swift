/// `merchants.csv`: one row per merchant, keyed by 统一社会信用代码.
public enum MerchantFormat: ImportFormat {
    /// Columns of the merchants file.
    public static let columns = [
        CSVColumn("creditCode", ["统一社会信用代码", "credit_code"]),
        CSVColumn("name", ["企业名称", "name"]),
        CSVColumn("industry", ["行业", "industry"], required: false),
        CSVColumn("contactPerson", ["联系人", "contact_person"], required: false),
        CSVColumn("contactPhone", ["联系电话", "contact_phone"], required: false),
    ]

    /// 统一社会信用代码.
    public static let keyName = "统一社会信用代码"

    /// Reads a merchant's row.
    public static func read(_ fields: inout FieldReader) -> Merchant? {
        let creditCode = fields.creditCode("creditCode")
        let name = fields.text("name", maxLength: 100)
        let industry = fields.optionalText("industry", maxLength: 50)
        let contactPerson = fields.optionalText("contactPerson", maxLength: 50)
        let contactPhone = fields.optionalPhone("contactPhone")
        guard let creditCode, let name else { return nil }
        return Merchant(creditCode: creditCode, name: name, industry: industry, contactPerson: contactPerson, contactPhone: contactPhone)
    }

    /// The credit code.
    public static func key(of row: Merchant) -> String { row.creditCode.value }
}

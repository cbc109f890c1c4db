/// `problems.csv`: problems from a hotline export or the mailbox, keyed by the source's number.
///
///     工单号,渠道,领域,问题描述,受理日期,反映人,联系电话
///     GD2026-0001,12345,政务环境,办理营业执照变更需往返三次,2026-03-02,张三,13800000000
///
/// 渠道 is one of 线索、12345、信箱、热线、早餐会、检查、其他; 领域 one of 政务环境、政策环境、要素环境、
/// 法治环境、政商环境; 反映人 and 联系电话 may be empty (the problem is then anonymous).
public enum ProblemFormat: ImportFormat {
    public static let columns = [
        CSVColumn("ref", ["工单号", "ref"]),
        CSVColumn("channel", ["渠道", "channel"]),
        CSVColumn("environment", ["领域", "environment"]),
        CSVColumn("description", ["问题描述", "description"]),
        CSVColumn("receivedOn", ["受理日期", "received_on"]),
        CSVColumn("reporter", ["反映人", "reporter"], required: false),
        CSVColumn("phone", ["联系电话", "phone"], required: false),
    ]

    public static let keyName = "工单号"

    public static func read(_ fields: inout FieldReader) -> ProblemImportRow? {
        let ref = fields.text("ref", maxLength: 60)
        var channel: ProblemChannel?
        if let value = fields.text("channel", maxLength: 10) {
            channel = ProblemChannel(rawValue: value)
            if channel == nil { fields.fail("channel", "「\(value)」不是有效渠道（\(ProblemChannel.allCases.map(\.rawValue).joined(separator: "、"))）") }
        }
        var environment: BusinessEnvironment?
        if let value = fields.text("environment", maxLength: 10) {
            environment = BusinessEnvironment(rawValue: value)
            if environment == nil {
                fields.fail("environment", "「\(value)」不是有效领域（\(BusinessEnvironment.allCases.map(\.rawValue).joined(separator: "、"))）")
            }
        }
        let description = fields.text("description", maxLength: 5000)
        var receivedOn: CivilDate?
        if let value = fields.text("receivedOn", maxLength: 20) {
            receivedOn = CivilDate(parsing: value)
            if receivedOn == nil { fields.fail("receivedOn", "「\(value)」不是日期（如 2026-03-02）") }
        }
        let reporter = fields.optionalText("reporter", maxLength: 50)
        let phone = fields.optionalPhone("phone")
        guard let ref, let channel, let environment, let description, let receivedOn else { return nil }
        return ProblemImportRow(
            externalRef: ref, channel: channel, environment: environment, description: description, receivedOn: receivedOn, reporter: reporter,
            phone: phone)
    }

    public static func key(of row: ProblemImportRow) -> String { row.externalRef }
}

import Foundation
import PingyiCore
import PingyiQR
import PingyiStore

/// What the office hands out to reach every respondent, made from its links file: printed
/// letters (one A4 page each, with a QR code, the link and the typed code), an SMS file for the
/// county's bulk-SMS platform, and reminders for those who have not answered.
public enum LetterWorkflow {
    /// The longest SMS the platform sends as one message, link included.
    public static let smsLimit = 70

    /// The rows of `file` whose invitations are still unused and valid: a reminder never reaches
    /// someone who has answered.
    public static func unanswered(_ file: LinksFile, campaignID: Int, invitations: InvitationStore) async throws -> [LinksFile.Row] {
        let open = try await invitations.unanswered(file.rows.map(\.token), campaignID: campaignID)
        return file.rows.filter { open.contains($0.token) }
    }

    /// Why no reminder may be made for `campaign` now (it is not taking ballots: a reminder would
    /// send people to 「已结束」), or `nil`.
    public static func remindRefusal(_ campaign: Campaign, now: Date = Date()) -> String? {
        switch campaign.acceptance(at: now) {
        case .accepting: nil
        case .notYetOpen: "活动尚未开始接受提交，不能发送提醒。"
        case .closed: "活动已结束，不再接受提交，不能再发送提醒。"
        }
    }

    /// The typed codes known for `rows` (issued since codes exist): those a letter may print.
    public static func knownCodes(_ rows: [LinksFile.Row], codeKey: InvitationCodeKey, invitations: InvitationStore) async throws -> Set<String> {
        Set(try await invitations.knownCodes(rows.map { InvitationCode(token: $0.token) }, codeKey: codeKey).map(\.text))
    }

    /// The letters as one HTML document, one A4 page per row, in the file's order, rendered from
    /// `LetterTemplates/letters.mustache` (every value HTML-escaped there). Each is signed by the
    /// county's office (`identity`) and dated `today`.
    public static func letters(
        _ rows: [LinksFile.Row], campaign: Campaign, codes: Set<String>, identity: CountyIdentity, reminder: Bool = false,
        today: CivilDate = CountyCalendar.today()
    ) throws -> String {
        let document = LetterDocument(
            title: campaign.template.title, officeName: identity.officeName, countyName: identity.countyName, year: campaign.year,
            merchantReview: campaign.kind == .merchantReview, reminder: reminder, closesAt: campaign.closesAt.map { CountyCalendar.moment($0) },
            promise: campaign.isJoint ? jointPromise : promise, consultPhone: identity.consultPhone.isEmpty ? nil : identity.consultPhone,
            supervisePhone: identity.supervisePhone.isEmpty ? nil : identity.supervisePhone, seal: identity.seal,
            date: CountyCalendar.written(today),
            letters: rows.map { row in
                let code = InvitationCode(token: row.token)
                return LetterDocument.Letter(
                    name: row.name, link: row.link, qrCode: QRCode(row.link)?.svg(pixels: 220, label: "评议链接二维码") ?? "",
                    code: codes.contains(code.text) ? LetterDocument.Code(form: base(row.link, kind: campaign.kind), grouped: code.grouped) : nil)
            })
        return try document.render()
    }

    /// What the letter promises about anonymity, no more than is true: the system knows who has
    /// answered (for reminders), not what, and only the database's administrator together with
    /// the holder of the 计票密钥 could find out which answers are whose.
    public static let promise =
        "评议匿名进行：系统只记录这份邀请是否已经使用（用于防止重复提交和发送提醒）。您的答卷加密保存，计票时只出汇总结果，被评议的部门和股室长看不到任何一份答卷。只有数据库管理员与保管计票密钥的人串通，才可能查出某份答卷由谁提交；我办对这两项分开管理。"

    /// The promise of a campaign of the joint count (多方联合计票): no single office can read a
    /// ballot, and each respondent can check that its ballot was counted.
    public static let jointPromise =
        "评议匿名进行：系统只记录这份邀请是否已经使用（用于防止重复提交和发送提醒）。您的答卷在服务器上加密后保存，密钥分成几份由不同单位分别保管，须其中几个单位共同才能解出各项的汇总结果，任何一家单位（包括我办）都不能单独查看任何一份答卷；被评议的部门和股室长只看到汇总。提交后页面会显示一个追踪码，计票结束后可在本网站「核对追踪码」页核对您的答卷已计入公开的计票记录。"

    /// The form's address without a token, where the typed code is entered.
    static func base(_ link: String, kind: CampaignKind) -> String {
        guard let range = link.range(of: kind.linkPrefix, options: .backwards) else { return link }
        return String(link[..<range.lowerBound]) + String(kind.linkPrefix.dropLast())
    }

    /// The words of an SMS before its link.
    static func smsText(kind: CampaignKind, reminder: Bool, signature: String) -> String {
        "【\(signature)】"
            + (kind == .merchantReview
                ? (reminder ? "您尚未评议股室长，匿名，仅限一次：" : "诚邀您匿名评议股室长，仅限一次：")
                : (reminder ? "您尚未评星定级，仅限一次：" : "诚邀您为部门评星定级，仅限一次："))
    }

    /// The longest public URL (`PINGYI_PUBLIC_URL`, without a trailing slash) whose every SMS
    /// fits in one message of `smsLimit` characters: the longest words, `/s/` and a 22-character token.
    /// With the office's short name `signature` (the default's is 县营商办).
    public static func longestPublicURL(signature: String = CountyIdentity.unset.officeShortName) -> Int {
        let words =
            CampaignKind.allCases.flatMap { kind in [false, true].map { smsText(kind: kind, reminder: $0, signature: signature).count } }.max() ?? 0
        return smsLimit - words - 3 - 22
    }

    /// The SMS file: phone and message, each message at most `smsLimit` characters with the
    /// link; rows without a phone are left out (and counted). A message that would be longer
    /// (a long public URL) is refused with the figure, not cut.
    public static func sms(
        _ rows: [LinksFile.Row], campaign: Campaign, identity: CountyIdentity, reminder: Bool = false
    ) throws -> (
        csv: Data, withoutPhone: Int
    ) {
        let text = smsText(kind: campaign.kind, reminder: reminder, signature: identity.officeShortName)
        var lines: [[String]] = []
        for row in rows {
            guard let phone = row.phone else { continue }
            let message = text + row.link
            // Counted as the SMS platforms count: UTF-16 units (a combining mark is one more).
            guard message.utf16.count <= smsLimit else {
                throw WorkflowError(
                    "短信为 \(message.utf16.count) 字，超过 \(smsLimit) 字（署名【\(identity.officeShortName)】和说明 \(text.utf16.count) 字，链接 \(row.link.utf16.count) 字）。"
                        + "以这个署名，公开地址（PINGYI_PUBLIC_URL）最长 \(longestPublicURL(signature: identity.officeShortName)) 个字符："
                        + "请在本县信息中缩短办公室简称，或换用更短的公开地址后再生成。"
                )
            }
            lines.append([phone, message])
        }
        return (SpreadsheetCSV.make(header: ["手机号码", "短信内容"], rows: lines), rows.count - lines.count)
    }
}

import Foundation
import PingyiCore
import PingyiPostgres
import PingyiQR
import PingyiStore

/// What the office hands out to reach every respondent, made from its links file: printed
/// letters (one A4 page each, with a QR code, the link and the typed code), an SMS file for the
/// county's bulk-SMS platform, and reminders for those who have not answered.
public enum LetterWorkflow {
    /// The longest SMS the platform sends as one message, link included.
    public static let smsLimit = 70

    /// The rows of `file` whose invitations are still unused and valid (their tokens' hashes
    /// looked up): a reminder never reaches someone who has answered.
    public static func unanswered(_ file: LinksFile, campaignID: Int, pool: ConnectionPool) async throws -> [LinksFile.Row] {
        let hashes = file.rows.map { $0.token.hash.hex }
        let open = try await pool.withConnection { connection in
            Set(
                try connection.query(
                    """
                    SELECT encode(token_hash, 'hex') AS hash FROM invitations
                    WHERE campaign_id = \(campaignID) AND used_on IS NULL AND revoked_at IS NULL
                      AND token_hash = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(\(hashes)::text[]) AS h))
                    """
                ).map { try $0.decode("hash", as: String.self) })
        }
        return zip(file.rows, hashes).filter { open.contains($0.1) }.map(\.0)
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
    public static func knownCodes(_ rows: [LinksFile.Row], codeKey: InvitationCodeKey, pool: ConnectionPool) async throws -> Set<String> {
        let codes = rows.map { InvitationCode(token: $0.token) }
        let hashes = codes.map { codeKey.mac($0).hex }
        let known = try await pool.withConnection { connection in
            Set(
                try connection.query(
                    """
                    SELECT encode(code_hash, 'hex') AS hash FROM invitations
                    WHERE code_hash = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(\(hashes)::text[]) AS h))
                    """
                ).map { try $0.decode("hash", as: String.self) })
        }
        return Set(zip(codes, hashes).filter { known.contains($0.1) }.map(\.0.text))
    }

    /// The letters as one HTML document, one A4 page per row, in the file's order.
    /// Each is signed by the county's office (`identity`) and dated `today`.
    public static func letters(
        _ rows: [LinksFile.Row], campaign: Campaign, codes: Set<String>, identity: CountyIdentity, reminder: Bool = false,
        today: CivilDate = CountyCalendar.today()
    ) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let who = campaign.kind == .merchantReview ? "企业" : "特约监督员"
        let what =
            campaign.kind == .merchantReview
            ? "请对您在 \(campaign.year) 年办事中接触过的部门股室长逐一评价（满意、基本满意、不满意或不了解），约需 5 分钟。"
            : "请对名单中的部门逐项评星，并可反映问题线索，约需 10 分钟。"
        let closing = campaign.closesAt.map { "请于 \(CountyCalendar.moment($0)) 前提交。" } ?? "请在评议结束前提交。"
        let phone =
            identity.consultPhone.isEmpty
            ? ""
            : "<p class=\"phone\">如有疑问，请拨打咨询电话 \(escape(identity.consultPhone))\(identity.supervisePhone.isEmpty ? "" : "；对评议工作的意见，请拨打监督电话 \(escape(identity.supervisePhone))")。</p>"
        var pages: [String] = []
        for row in rows {
            let code = InvitationCode(token: row.token)
            let qr = QRCode(row.link)?.svg(pixels: 220, label: "评议链接二维码") ?? ""
            pages.append(
                """
                <section class="letter">
                <p class="county">\(escape(identity.officeName))</p>
                <h1>\(reminder ? "评议提醒" : "评议邀请函")</h1>
                <p class="to">尊敬的\(escape(row.name))\(campaign.kind == .merchantReview ? "" : "同志")：</p>
                <p>\(reminder ? "您尚未提交本次评议。" : "")诚邀您参加\(escape(identity.countyName))\(campaign.year)年度\(campaign.kind == .merchantReview ? "客商评议股室长" : "特约监督员评星定级")评议活动，填写问卷。\(what)\(closing)</p>
                <p class="promise">\(Self.promise)</p>
                <div class="qr">\(qr)</div>
                <p>用手机扫描二维码，或在浏览器中输入：</p>
                <p class="link">\(escape(row.link))</p>
                \(codes.contains(code.text) ? "<p>无法扫码时，打开 \(escape(Self.base(row.link, kind: campaign.kind))) 并输入邀请码：</p><p class=\"code\">\(code.grouped)</p>" : "")
                <p class="note">本邀请仅限您本人使用，只能提交一次。请勿转给他人。</p>
                \(phone)
                <p class="seal">\(escape(identity.seal))</p>
                <p class="date">\(CountyCalendar.written(today))</p>
                </section>
                """)
        }
        return """
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(escape(campaign.template.title)) · 邀请函</title>
            <style>
            @page { size: A4; margin: 15mm 18mm; }
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 12pt; line-height: 1.55; margin: 0; }
            .letter { page-break-after: always; break-after: page; }
            .letter:last-child { page-break-after: auto; break-after: auto; }
            .county { text-align: center; font-size: 14pt; letter-spacing: 0.2em; margin: 0; }
            h1 { text-align: center; font-size: 20pt; margin: 3mm 0 5mm; }
            .promise { border: 1px solid #999; padding: 3mm; }
            .qr { text-align: center; margin: 3mm 0; }
            .link { font-family: monospace; word-break: break-all; }
            .code { font-family: monospace; font-size: 18pt; letter-spacing: 0.15em; text-align: center; }
            .note, .phone { font-size: 10pt; color: #444; }
            .seal, .date { text-align: right; margin: 0; }
            .seal { margin-top: 4mm; }
            </style></head><body>
            \(pages.joined(separator: "\n"))
            </body></html>
            """
    }

    /// What the letter promises about anonymity, no more than is true: the system knows who has
    /// answered (for reminders), not what, and only the database's administrator together with
    /// the holder of the 计票密钥 could find out which answers are whose.
    public static let promise =
        "评议匿名进行：系统只记录这份邀请是否已经使用（用于防止重复提交和发送提醒）。您的答卷加密保存，计票时只出汇总结果，被评议的部门和股室长看不到任何一份答卷。只有数据库管理员与保管计票密钥的人串通，才可能查出某份答卷由谁提交；我办对这两项分开管理。"

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

import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiWorkflows

/// `pingyi invitations issue|status`
struct InvitationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invitations", abstract: "一次性邀请链接：发放和统计。", subcommands: [Issue.self, Status.self, Letters.self, SMS.self, Remind.self])

    /// `pingyi invitations issue --campaign ID --out FILE.csv [--reissue] [--departments A,B]`
    struct Issue: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue", abstract: "为尚无邀请的评议对象发放一次性链接，写入 CSV（UTF-8 带 BOM，Excel/WPS 可直接打开）。",
            discussion: "链接只出现在这个 CSV 文件里，数据库只保存其 SHA-256：请妥善保管文件，分发后删除。已使用的链接不会重发。")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "活动编号") var campaign: Int
        @Option(help: "输出的 CSV 文件（不能已存在）") var out: String
        @Flag(help: "作废所有未使用的链接并重新发放（须用 --reason 说明理由）") var reissue = false
        @Option(help: "重新发放的理由（记入审计日志）") var reason: String?
        @Option(help: "评星定级：只列这些部门（逗号分隔的部门代码；默认全部启用的部门）") var departments: String?

        func run(_ configuration: PingyiConfiguration) async throws {
            let mode: InvitationStore.Reissue = reissue ? .all : .none
            let (result, why) = try await database.withPool(configuration) { pool in
                let result = try await InvitationWorkflow.issue(
                    campaignID: campaign, out: out, reissue: mode, reason: reason,
                    departments: departments.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } },
                    publicURL: configuration.server.publicURL, codeKey: try configuration.codeKey(), pool: pool,
                    actor: configuration.actor)
                guard result.issued.isEmpty, let found = try await CampaignStore(pool: pool).find(id: campaign) else { return (result, "") }
                let eligible = try await InvitationStore(pool: pool).eligibleRespondents(campaignID: campaign)
                return (result, InvitationWorkflow.whyNoneIssued(campaign: found, eligible: eligible, reissue: mode))
            }
            if result.revoked > 0 { print("已作废 \(result.revoked) 个未使用的链接。") }
            if result.issued.isEmpty {
                print("没有发放新的链接：\(why)")
            } else {
                print("已发放 \(result.issued.count) 个一次性链接，写入 \(out)。")
                print("注意：链接只保存在这个文件里（数据库只存其哈希），请妥善保管，分发完毕后删除。")
            }
        }
    }

    /// `pingyi invitations status --campaign ID`
    struct Status: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "邀请的发放、使用、作废数和各部门回复率（不显示是谁）。")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "活动编号") var campaign: Int

        func run(_ configuration: PingyiConfiguration) async throws {
            let status = try await database.withPool(configuration) { try await InvitationStore(pool: $0).status(campaignID: campaign) }
            print("有效 \(status.issued)，已提交 \(status.used)，已作废 \(status.revoked)，回复率 \(Figures.percent(status.responseRate))")
            for line in status.departments {
                print(
                    "  \(line.code.padding(toLength: 8, withPad: " ", startingAt: 0)) \(line.name)：\(line.used)/\(line.issued)，\(Figures.percent(line.responseRate))"
                )
            }
        }
    }

    /// Writes letters (`.html`) or an SMS file (`.csv`) for `rows`, privately; returns a line for the office.
    static func write(
        _ rows: [LinksFile.Row], campaign: Campaign, out: String, reminder: Bool, configuration: PingyiConfiguration, pool: ConnectionPool
    ) async throws -> String {
        switch URL(fileURLWithPath: out).pathExtension.lowercased() {
        case "html":
            let codes = try await LetterWorkflow.knownCodes(rows, codeKey: try configuration.codeKey(), invitations: InvitationStore(pool: pool))
            let identity = try await CountyIdentityStore(pool: pool).load()
            let html = try LetterWorkflow.letters(rows, campaign: campaign, codes: codes, identity: identity, reminder: reminder)
            try PrivateFile.create(out, contents: Data(html.utf8))
            return "\(rows.count) 封\(reminder ? "提醒" : "邀请")函（每页一封，A4；用浏览器打开后打印），写入 \(out)"
        case "csv":
            let identity = try await CountyIdentityStore(pool: pool).load()
            let (csv, withoutPhone) = try LetterWorkflow.sms(rows, campaign: campaign, identity: identity, reminder: reminder)
            try PrivateFile.create(out, contents: csv)
            return "\(rows.count - withoutPhone) 条短信写入 \(out)" + (withoutPhone > 0 ? "；\(withoutPhone) 位没有手机号码，请改用信函" : "")
        default:
            throw ValidationError("--out 须以 .html（信函）或 .csv（短信）结尾")
        }
    }

    static func campaign(_ id: Int, pool: ConnectionPool) async throws -> Campaign {
        guard let campaign = try await CampaignStore(pool: pool).find(id: id) else { throw CampaignError.notFound(id) }
        return campaign
    }

    /// Letters or an SMS file for every row of a links file; audited by count.
    static func outreach(
        _ kind: String, campaign: Int, from: String, out: String, database: DatabaseOptions, configuration: PingyiConfiguration
    ) async throws -> String {
        try await database.withPool(configuration) { pool in
            let found = try await InvitationsCommand.campaign(campaign, pool: pool)
            let file = try LinksFile.read(from, kind: found.kind, publicURL: configuration.server.publicURL)
            let line = try await InvitationsCommand.write(
                file.rows, campaign: found, out: out, reminder: false, configuration: configuration, pool: pool)
            try await InvitationStore(pool: pool).recordOutreach(
                campaignID: campaign, kind: kind, count: file.rows.count, actor: configuration.actor)
            return line
        }
    }

    /// `pingyi invitations letters --campaign ID --from LINKS.csv --out letters.html`
    struct Letters: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "letters", abstract: "由链接文件生成邀请函：每人一页 A4，含二维码、链接和邀请码（可打印后由服务专员发放）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "活动编号") var campaign: Int
        @Option(help: "invitations issue 写出的链接文件") var from: String
        @Option(help: "输出的 HTML 文件（不能已存在）") var out: String

        func run(_ configuration: PingyiConfiguration) async throws {
            print(
                try await InvitationsCommand.outreach(
                    "letters", campaign: campaign, from: from, out: out, database: database, configuration: configuration))
        }
    }

    /// `pingyi invitations sms --campaign ID --from LINKS.csv --out sms.csv`
    struct SMS: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "sms", abstract: "由链接文件生成短信文件（手机号码、短信内容，每条不超过 70 字），供政务短信平台群发。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "活动编号") var campaign: Int
        @Option(help: "invitations issue 写出的链接文件") var from: String
        @Option(help: "输出的 CSV 文件（不能已存在）") var out: String

        func validate() throws {
            guard out.lowercased().hasSuffix(".csv") else { throw ValidationError("--out 须以 .csv 结尾") }
        }

        func run(_ configuration: PingyiConfiguration) async throws {
            print(
                try await InvitationsCommand.outreach(
                    "sms", campaign: campaign, from: from, out: out, database: database, configuration: configuration))
        }
    }

    /// `pingyi invitations remind --campaign ID --from LINKS.csv --out reminders.html|.csv`
    struct Remind: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "remind",
            abstract: "提醒尚未提交的评议对象：从链接文件中挑出仍未使用的链接（按哈希核对），生成提醒函（.html）或提醒短信（.csv）；不产生新链接，已提交的人不会收到。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "活动编号") var campaign: Int
        @Option(help: "invitations issue 写出的链接文件") var from: String
        @Option(help: "输出文件：.html（提醒函）或 .csv（提醒短信），不能已存在") var out: String

        func run(_ configuration: PingyiConfiguration) async throws {
            let (line, count, total) = try await database.withPool(configuration) { pool in
                let found = try await InvitationsCommand.campaign(campaign, pool: pool)
                if let refusal = LetterWorkflow.remindRefusal(found) { throw ValidationError(refusal) }
                let file = try LinksFile.read(from, kind: found.kind, publicURL: configuration.server.publicURL)
                let rows = try await LetterWorkflow.unanswered(file, campaignID: campaign, invitations: InvitationStore(pool: pool))
                guard !rows.isEmpty else { return ("链接文件中的评议对象都已提交（或链接已作废），无需提醒。", 0, file.rows.count) }
                let line = try await InvitationsCommand.write(
                    rows, campaign: found, out: out, reminder: true, configuration: configuration, pool: pool)
                try await InvitationStore(pool: pool).recordOutreach(
                    campaignID: campaign, kind: "remind", count: rows.count, actor: configuration.actor)
                return (line, rows.count, file.rows.count)
            }
            print("尚未提交 \(count)/\(total)。" + line)
        }
    }
}

import ArgumentParser
import Foundation
import PingyiCore
import PingyiServer
import PingyiStore
import PingyiWorkflows

/// `pingyi invitations issue|status`
struct InvitationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invitations", abstract: "一次性邀请链接：发放和统计。", subcommands: [Issue.self, Status.self])

    /// `pingyi invitations issue --campaign ID --out FILE.csv [--reissue] [--departments A,B]`
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue", abstract: "为尚无邀请的评议对象发放一次性链接，写入 CSV（UTF-8 带 BOM，Excel/WPS 可直接打开）。",
            discussion: "链接只出现在这个 CSV 文件里，数据库只保存其 SHA-256：请妥善保管文件，分发后删除。已使用的链接不会重发。")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "活动编号") var campaign: Int
        @Option(help: "输出的 CSV 文件（不能已存在）") var out: String
        @Flag(help: "作废所有未使用的链接并重新发放（须用 --reason 说明理由）") var reissue = false
        @Option(help: "重新发放的理由（记入审计日志）") var reason: String?
        @Option(help: "评星定级：只列这些部门（逗号分隔的部门代码；默认全部启用的部门）") var departments: String?

        func run() async throws {
            let mode: InvitationStore.Reissue = reissue ? .all : .none
            let (result, why) = try await database.withPool { pool in
                let result = try await InvitationWorkflow.issue(
                    campaignID: campaign, out: out, reissue: mode, reason: reason,
                    departments: departments.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } },
                    publicURL: PingyiConfiguration.current.server.publicURL, pool: pool, actor: DatabaseOptions.actor)
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
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "邀请的发放、使用、作废数和各部门回复率（不显示是谁）。")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "活动编号") var campaign: Int

        func run() async throws {
            let status = try await database.withPool { try await InvitationStore(pool: $0).status(campaignID: campaign) }
            print("有效 \(status.issued)，已提交 \(status.used)，已作废 \(status.revoked)，回复率 \(Figures.percent(status.responseRate))")
            for line in status.departments {
                print(
                    "  \(line.code.padding(toLength: 8, withPad: " ", startingAt: 0)) \(line.name)：\(line.used)/\(line.issued)，\(Figures.percent(line.responseRate))"
                )
            }
        }
    }
}

import ArgumentParser
import Foundation
import PingyiCore
import PingyiServer
import PingyiStore

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
            let result = try await InvitationsCommand.issue(
                campaignID: campaign, out: out, reissue: reissue ? .all : .none, reason: reason,
                departments: departments.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } },
                database: database)
            if result.revoked > 0 { print("已作废 \(result.revoked) 个未使用的链接。") }
            if result.issued.isEmpty {
                let eligible = try await database.withPool { try await InvitationStore(pool: $0).eligibleRespondents(campaignID: campaign) }
                if eligible == 0 {
                    print(
                        "没有可邀请的评议对象：该活动年度没有企业往来记录（客商评议：先用 pingyi import dealings 导入该年度的往来部门），"
                            + "或没有在职的特约监督员（评星定级：先导入 supervisors）。")
                } else {
                    print("没有需要发放邀请的对象：\(eligible) 位评议对象都已有有效链接或已提交。如需作废未用链接并重发，请加 --reissue --reason。")
                }
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

    /// Issues invitations and writes them to a new CSV file inside the transaction: if the file
    /// cannot be written nothing is stored, and if the transaction fails the file is removed.
    static func issue(
        campaignID: Int, out: String, reissue: InvitationStore.Reissue, reason: String? = nil, departments: [String]?,
        database: DatabaseOptions
    ) async throws -> InvitationStore.IssueResult {
        // A clear refusal before anything is issued; the file itself is made with O_EXCL below,
        // so a file appearing in between is refused too and never overwritten.
        guard !FileManager.default.fileExists(atPath: out) else { throw PrivateFileExists(path: out) }
        let publicURL = PingyiConfiguration.current.server.publicURL
        do {
            return try await database.withPool { pool in
                let campaign = try await CampaignStore(pool: pool).find(id: campaignID)
                guard let kind = campaign?.kind else { throw CampaignError.notFound(campaignID) }
                return try await InvitationStore(pool: pool).issue(
                    campaignID: campaignID, reissue: reissue, reason: reason, departments: departments, actor: DatabaseOptions.actor
                ) { invitations in
                    guard !invitations.isEmpty else { return }
                    try InvitationsCommand.write(invitations, kind: kind, publicURL: publicURL, to: out)
                }
            }
        } catch let exists as PrivateFileExists {
            throw exists  // someone else's file: left as it is
        } catch {
            try? FileManager.default.removeItem(atPath: out)
            throw error
        }
    }

    static func write(_ invitations: [IssuedInvitation], kind: CampaignKind, publicURL: String, to path: String) throws {
        let data = InvitationSheet.csv(invitations, kind: kind, publicURL: publicURL)
        // Only the office may read the file, from the first byte: it holds the only copies of the tokens.
        try PrivateFile.create(path, contents: data)
    }
}

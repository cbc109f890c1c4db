import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiStore
import PingyiWorkflows

/// `pingyi campaign create|open|close|publish|list`
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "活动：创建、开始、结束、归档、列出（草稿 → 进行中 → 已结束 → 已归档）。",
        subcommands: [Create.self, Schedule.self, Open.self, Close.self, Publish.self, List.self])

    /// `pingyi campaign create --year 2026 --kind merchantReview|starRating [--template FILE] [--opens … --closes …]`
    struct Create: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "创建活动（草稿），把模板复制进数据库。")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "年度")
        var year: Int

        @Option(help: "客商评议股室长 或 评星定级")
        var kind: CampaignKind

        @Option(help: "问卷模板（默认 SurveyTemplates/ 下对应的模板）")
        var template: String?

        @Option(help: "计划开始时间（ISO 8601，如 2026-12-01T00:00:00+08:00）")
        var opens: String?

        @Option(help: "计划结束时间（ISO 8601）")
        var closes: String?

        func run(_ configuration: PingyiConfiguration) async throws {
            let file = template ?? ProjectFiles.path("SurveyTemplates/\(kind.defaultTemplateFile)", home: configuration.home)
            guard FileManager.default.fileExists(atPath: file) else {
                throw CLIError("找不到问卷模板 \(file)：请用 --template 指定，或设置 PINGYI_HOME 为 Pingyi 的安装目录（含 SurveyTemplates/）")
            }
            let text = try readText(file)
            let opensAt = try opens.map { try parseTime($0, option: "--opens") }
            let closesAt = try closes.map { try parseTime($0, option: "--closes") }
            let campaign = try await database.withPool(configuration) { pool in
                try await CampaignStore(pool: pool).create(
                    year: year, kind: kind, templateText: text, templateFile: file, opensAt: opensAt, closesAt: closesAt,
                    actor: configuration.actor)
            }
            print(
                "已创建活动 \(campaign.id)：\(campaign.year) 年度「\(campaign.kind.label)」，模板 \(campaign.template.id) v\(campaign.template.version)，状态「\(campaign.state.label)」"
            )
        }
    }

    /// `pingyi campaign schedule ID [--opens T] [--closes T]`
    struct Schedule: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule", abstract: "修改草稿活动的计划开始、结束时间（不给的一项即清除；开始后不能再改）。")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "活动编号") var id: Int
        @Option(help: "计划开始时间（ISO 8601）") var opens: String?
        @Option(help: "计划结束时间（ISO 8601）") var closes: String?

        func run(_ configuration: PingyiConfiguration) async throws {
            let opensAt = try opens.map { try CampaignCommand.parseTime($0, option: "--opens") }
            let closesAt = try closes.map { try CampaignCommand.parseTime($0, option: "--closes") }
            let campaign = try await database.withPool(configuration) { pool in
                try await CampaignStore(pool: pool).reschedule(id: id, opensAt: opensAt, closesAt: closesAt, actor: configuration.actor)
            }
            print("活动 \(campaign.id) 的计划时间已更新。" + (campaign.scheduleNote(at: Date()) ?? "未设计划时间。"))
        }
    }

    /// `pingyi campaign open ID --key-out FILE`
    struct Open: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "开始活动（草稿 → 进行中），同时生成本活动的计票密钥：公钥存入数据库用于加密选票，私钥写入 --key-out 文件（权限 600）。",
            discussion: "私钥是唯一副本，数据库和服务器都不保存。请离线保存（U 盘，或打印出来），结束活动时须用 --key 提供；丢失后本活动的选票无法统计。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "活动编号") var id: Int
        @Option(name: .customLong("key-out"), help: "计票私钥的输出文件（不得已存在）") var keyOut: String

        func run(_ configuration: PingyiConfiguration) async throws {
            let key = BallotOpeningKey.generate()
            try PrivateFile.create(keyOut, contents: Data(key.fileText(campaignID: id).utf8))
            do {
                try await CampaignCommand.move(id, to: .open, key: key, database: database, configuration: configuration)
            } catch {
                // The campaign did not open: this key will never seal a ballot.
                try? FileManager.default.removeItem(atPath: keyOut)
                throw error
            }
            print("计票私钥已写入 \(keyOut)（仅本人可读），公钥指纹 \(key.sealingKey.fingerprint)。")
            print("请离线保存并从本机删除；结束活动时：pingyi campaign close \(id) --key \(keyOut)")
        }
    }

    /// `pingyi campaign close ID --key FILE`
    struct Close: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "close", abstract: "结束活动（进行中 → 已结束）：用计票私钥打开加密选票，打乱顺序后计入统计，清空票箱。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "活动编号") var id: Int
        @Option(help: "计票私钥文件（开始活动时生成）") var key: String?

        func run(_ configuration: PingyiConfiguration) async throws {
            let openingKey = try key.map { path in
                do {
                    return try BallotOpeningKey(fileText: try readText(path))
                } catch is SealedBallotError {
                    throw CLIError("\(path) 不是计票私钥文件（应含一行 pingyi-ballot-key-v1:…）；未作任何改动")
                }
            }
            try await CampaignCommand.move(id, to: .closed, key: openingKey, database: database, configuration: configuration)
        }
    }

    /// `pingyi campaign publish ID`
    struct Publish: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "publish", abstract: "归档活动（已结束 → 已归档，之后只读；年度结果的公布见 pingyi appraisal publish）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "活动编号") var id: Int
        func run(_ configuration: PingyiConfiguration) async throws {
            try await CampaignCommand.move(id, to: .published, database: database, configuration: configuration)
        }
    }

    /// `pingyi campaign list [--year]`
    struct List: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出活动。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "只列出该年度") var year: Int?

        func run(_ configuration: PingyiConfiguration) async throws {
            let campaigns = try await database.withPool(configuration) { try await CampaignStore(pool: $0).list(year: year) }
            if campaigns.isEmpty { print("还没有活动。") }
            for campaign in campaigns {
                let sealing = campaign.sealingKey.map { "\t公钥指纹 \($0.fingerprint)" } ?? ""
                print(
                    "\(campaign.id)\t\(campaign.year)\t\(campaign.kind.rawValue)（\(campaign.kind.label)）\t\(campaign.state.label)\t模板 \(campaign.template.id) v\(campaign.template.version)\(sealing)"
                )
                if let note = campaign.scheduleNote(at: Date()) { print("\t\(note)") }
            }
        }
    }

    static func move(
        _ id: Int, to state: CampaignState, key: BallotOpeningKey? = nil, database: DatabaseOptions, configuration: PingyiConfiguration
    ) async throws {
        let campaign = try await database.withPool(configuration) { pool in
            try await CampaignStore(pool: pool).transition(id: id, to: state, actor: configuration.actor, key: key)
        }
        print("活动 \(campaign.id)（\(campaign.year) 年度「\(campaign.kind.label)」）现在的状态：\(campaign.state.label)")
    }

    static func parseTime(_ text: String, option: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        if let date = formatter.date(from: text) { return date }
        throw CLIError("\(option) 「\(text)」不是有效时间（如 2026-12-01 或 2026-12-01T00:00:00+08:00）")
    }
}

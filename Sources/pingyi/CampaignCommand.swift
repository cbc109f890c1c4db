import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiStore
import PingyiTally
import PingyiWorkflows

/// `pingyi campaign create|open|close|publish|list`
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "活动：创建、开始、结束、归档、列出（草稿 → 进行中 → 已结束 → 已归档）。",
        subcommands: [Create.self, Schedule.self, Open.self, Close.self, Count.self, Record.self, Publish.self, List.self])

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
            abstract: "开始活动（草稿 → 进行中），同时生成本活动的计票密钥：单一私钥（--key-out），或多方联合计票（--trustees、--quorum、--shares-dir）。",
            discussion: """
                单一私钥：公钥存入数据库用于加密选票，私钥写入 --key-out 文件（权限 600），是唯一副本，请离线保存，结束活动时须用 --key 提供。
                多方联合计票：各保管单位（如 县营商办,县纪委监委,县委组织部）各得一个密钥份额文件，写入 --shares-dir（权限 600）；\
                任意 --quorum 个单位共同才能解出汇总结果，任何一家都不能单独查看答卷。请把每个文件交给对应单位离线保管，并从本机删除。
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "活动编号") var id: Int
        @Option(name: .customLong("key-out"), help: "计票私钥的输出文件（不得已存在）") var keyOut: String?
        @Option(help: "多方联合计票的保管单位，以逗号分隔（如 县营商办,县纪委监委,县委组织部）") var trustees: String?
        @Option(help: "解密所需的保管单位数（如 3 个单位中任意 2 个）") var quorum: Int?
        @Option(name: .customLong("shares-dir"), help: "密钥份额文件写入的文件夹（须已存在）") var sharesDir: String?

        func validate() throws {
            let joint = trustees != nil || quorum != nil || sharesDir != nil
            guard joint != (keyOut != nil) else { throw ValidationError("请给出 --key-out（单一私钥），或 --trustees、--quorum 与 --shares-dir（多方联合计票），二者选一") }
            if joint, trustees == nil || quorum == nil || sharesDir == nil {
                throw ValidationError("多方联合计票须同时给出 --trustees、--quorum 与 --shares-dir")
            }
        }

        func run(_ configuration: PingyiConfiguration) async throws {
            if let trustees, let quorum, let sharesDir {
                try await openJointly(trustees: trustees, quorum: quorum, directory: sharesDir, configuration: configuration)
                return
            }
            guard let keyOut else { return }
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

        /// The ceremony: each share written to its own new file, then the campaign opened with
        /// it; when a file cannot be written or the opening is refused, the files written are
        /// removed and the campaign stays a draft.
        private func openJointly(trustees: String, quorum: Int, directory: String, configuration: PingyiConfiguration) async throws {
            let names = trustees.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError("文件夹 \(directory) 不存在；未作任何改动")
            }
            let id = self.id
            var written: [String] = []
            let campaign: Campaign
            do {
                campaign = try await database.withPool(configuration) { pool in
                    let store = CampaignStore(pool: pool)
                    let prepared = try await store.prepareJointCount(id: id, trustees: names, quorum: quorum)
                    for share in prepared.shares {
                        let path = (directory as NSString).appendingPathComponent(TrusteeShareFileName.of(share, campaignID: id))
                        try PrivateFile.create(path, contents: Data(try share.fileText().utf8))
                        written.append(path)
                    }
                    return try await store.openJointly(id: id, ceremony: prepared, actor: configuration.actor)
                }
            } catch {
                for path in written { try? FileManager.default.removeItem(atPath: path) }
                throw error
            }
            print("活动 \(campaign.id)（\(campaign.year) 年度「\(campaign.kind.label)」）已开始，多方联合计票：\(names.count) 个保管单位，任意 \(quorum) 个可共同计票。")
            for path in written { print("  密钥份额：\(path)") }
            print("请把每个文件交给对应单位离线保管（U 盘），并从本机删除。结束活动后：pingyi campaign count \(id) --share 文件 --share 文件")
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
            let id = self.id
            let fingerprint = try await database.withPool(configuration) { pool -> String? in
                guard try await CampaignStore(pool: pool).find(id: id)?.isJoint == true else { return nil }
                return try await JointTallyStore(pool: pool).fingerprint(campaignID: id)
            }
            if let fingerprint {
                print("答卷指纹：\(fingerprint)。请记下并告知各保管单位：计票时显示的指纹须与此一致，不一致说明答卷在数据库中被改动。")
            }
        }
    }

    /// `pingyi campaign count ID --share FILE --share FILE …`
    struct Count: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "count",
            abstract: "多方联合计票（活动结束后）：一次给出所需数量的保管单位的密钥份额文件；每份核验后使用，解出各项合计并生成公开记录。",
            discussion: "各单位的解密结果只在本次运行的内存中，不写入数据库：所以须一次给出够数的份额（--share 可重复）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "活动编号") var id: Int
        @Option(help: "保管单位的密钥份额文件（可重复）") var share: [String]

        func run(_ configuration: PingyiConfiguration) async throws {
            let trustees = try share.map { try TrusteeShare(fileText: try readText($0)) }
            let id = self.id
            let progress = try await database.withPool(configuration) { pool in
                let store = JointTallyStore(pool: pool)
                var contributions: [TrusteeContribution] = []
                for trustee in trustees {
                    guard !contributions.contains(where: { $0.trustee == trustee.index }) else {
                        throw CampaignError.shareGiven(id: id, trustee: trustee.name)
                    }
                    contributions.append(try await store.contribute(campaignID: id, share: trustee, actor: configuration.actor))
                    FileHandle.standardError.write(Data("「\(trustee.name)」的密钥份额已核验。\n".utf8))
                }
                return try await store.complete(campaignID: id, contributions: contributions, actor: configuration.actor)
            }
            print(
                "联合计票已完成（\(progress.given.joined(separator: "、"))）：共 \(progress.ballots) 份答卷，各项合计已解出并计入统计，公开记录已生成（pingyi campaign record \(id) --out 文件）。"
            )
        }
    }

    /// `pingyi campaign record ID [--out FILE]`
    struct Record: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "record", abstract: "输出多方联合计票的公开记录（JSON，见 docs/RECORD.md；可用 verify/ 独立核验）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "活动编号") var id: Int
        @Option(help: "写入的文件（默认输出到屏幕）") var out: String?

        func run(_ configuration: PingyiConfiguration) async throws {
            let id = self.id
            guard let record = try await database.withPool(configuration, { try await JointTallyStore(pool: $0).record(campaignID: id) }) else {
                throw CLIError("活动 \(id) 还没有公开记录：它不是多方联合计票，或尚未完成计票")
            }
            if let out {
                try Data(record.utf8).write(to: URL(fileURLWithPath: out))
                print("公开记录已写入 \(out)（\(record.utf8.count) 字节）。")
            } else {
                print(record)
            }
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

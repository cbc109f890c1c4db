import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiStore

/// `pingyi audit [--since T] [--limit N]`
struct AuditCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "查看审计日志（最新在前）。")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "只看此时间之后（ISO 8601，如 2026-11-01 或 2026-11-01T08:00:00Z）") var since: String?
    @Option(help: "最多条数") var limit = 100

    func run(_ configuration: PingyiConfiguration) async throws {
        let start = try since.map { try CampaignCommand.parseTime($0, option: "--since") }
        let entries = try await database.withPool(configuration) { try await AuditStore(pool: $0).list(since: start, limit: limit) }
        if entries.isEmpty { print("没有审计记录。") }
        for entry in entries {
            print("\(entry.at.formatted(.iso8601))\t\(entry.actor)\t\(entry.action)\t\(entry.subject)\t\(entry.after ?? "")")
        }
    }
}

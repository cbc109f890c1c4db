import ArgumentParser
import PingyiConfiguration
import PingyiCore
import PingyiStore

extension APIRole: ExpressibleByArgument {}

/// `pingyi apikey create|list|revoke`
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "组织部、人事和营商办使用的 API 密钥。", subcommands: [Create.self, List.self, Revoke.self])

    /// `pingyi apikey create --role admin|orgdept|hr --name "…"`
    struct Create: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "生成 API 密钥（只显示这一次，数据库只保存其哈希）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "admin（营商办）、orgdept（组织部）或 hr（人事）") var role: APIRole
        @Option(help: "用途说明，如「组织部干部系统」") var name: String

        func run(_ configuration: PingyiConfiguration) async throws {
            let (key, secret) = try await database.withPool(configuration) { pool in
                try await APIKeyStore(pool: pool).create(role: role, name: name, actor: configuration.actor)
            }
            print("已生成 API 密钥 \(key.id)（\(key.role.rawValue)，\(key.name)）：")
            print(secret)
            print("这是唯一一次显示，请立即妥善保存；请求时放在 Authorization: Bearer 之后。")
        }
    }

    /// `pingyi apikey list`
    struct List: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出 API 密钥（不显示密钥本身）。")
        @OptionGroup var database: DatabaseOptions

        func run(_ configuration: PingyiConfiguration) async throws {
            let keys = try await database.withPool(configuration) { try await APIKeyStore(pool: $0).list() }
            if keys.isEmpty { print("还没有 API 密钥。") }
            for key in keys {
                print("\(key.id)\t\(key.role.rawValue)\t\(key.prefix)…\t\(key.name)\t\(key.revoked ? "已作废" : "有效")")
            }
        }
    }

    /// `pingyi apikey revoke ID`
    struct Revoke: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "作废 API 密钥。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "密钥编号") var id: Int

        func run(_ configuration: PingyiConfiguration) async throws {
            let key = try await database.withPool(configuration) { try await APIKeyStore(pool: $0).revoke(id: id, actor: configuration.actor) }
            print("已作废 API 密钥 \(key.id)（\(key.name)）。")
        }
    }
}

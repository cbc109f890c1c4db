import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiPostgres

/// `pingyi migrate [--status]`
struct MigrateCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "按顺序应用 sql/ 下的数据库迁移（每个文件只应用一次）。")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "迁移文件目录（默认 PINGYI_SQL_DIR，否则 ./sql、PINGYI_HOME/sql 或程序所在检出目录的 sql）")
    var sqlDir: String?

    @Flag(help: "只列出每个迁移的状态，不做修改")
    var status = false

    func run(_ configuration: PingyiConfiguration) async throws {
        let directory = sqlDir ?? configuration.sqlDirectory ?? ProjectFiles.path("sql", home: configuration.home)
        let migrator = try Migrator(directory: URL(fileURLWithPath: directory))
        let showStatus = status
        try await database.withPool(configuration) { pool in
            try await pool.withConnection { connection in
                if showStatus {
                    for item in try migrator.status(on: connection) {
                        let label =
                            switch item.state {
                            case .applied: "已应用"
                            case .pending: "待应用"
                            case .changed: "已修改（错误）"
                            case .missingFile: "文件缺失"
                            }
                        let at = item.appliedAt.map { " \($0.formatted(.iso8601))" } ?? ""
                        print("\(item.name)\t\(label)\(at)")
                    }
                } else {
                    let applied = try migrator.migrate(on: connection) { name in print("应用迁移 \(name) …") }
                    print(applied.isEmpty ? "数据库已是最新（\(migrator.migrations.count) 个迁移）。" : "已应用 \(applied.count) 个迁移。")
                }
            }
        }
    }
}

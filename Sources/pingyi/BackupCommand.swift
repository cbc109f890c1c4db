import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiPostgres
import PingyiWorkflows

/// `pingyi backup --out FILE`, `pingyi restore FILE`: PostgreSQL's own `pg_dump -Fc` and
/// `pg_restore`, the file private to the office from its first byte. The database is handed to
/// the tools in their environment, never on their command line (`ToolInvocation`).
struct BackupCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "备份整个数据库（pg_dump 自定义格式，文件仅本人可读，不覆盖已有文件）。")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "备份文件") var out: String

    func run(_ configuration: PingyiConfiguration) async throws {
        // Made empty with mode 600 first (never over an existing file), then filled by pg_dump.
        try PrivateFile.create(out, contents: Data())
        do {
            try BackupCommand.tool(
                "pg_dump", try ToolInvocation(["--format=custom", "--no-owner", "--file=\(out)"], conninfo: database.conninfo(configuration)))
        } catch {
            try? FileManager.default.removeItem(atPath: out)
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        print("已备份到 \(out)（\(size / 1024) KiB，仅本人可读）。恢复：pingyi restore \(out)（恢复到空数据库）")
    }

    /// Runs a PostgreSQL client tool (from PATH, else the newest of /usr/lib/postgresql), its
    /// output passed through; a failure is a `WorkflowError` with its exit status.
    static func tool(_ name: String, _ invocation: ToolInvocation) throws {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
        let candidates = ["/usr/bin/\(name)"] + versions.map { "/usr/lib/postgresql/\($0)/bin/\(name)" }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw WorkflowError("找不到 \(name)（请安装 postgresql-client）")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = invocation.arguments
        process.environment = invocation.environment
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw WorkflowError("\(name) 失败（退出码 \(process.terminationStatus)），未完成") }
    }
}

/// `pingyi restore FILE`: into an empty database only.
struct RestoreCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "把 pingyi backup 的备份恢复到一个空数据库（有数据的数据库会被拒绝）。")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "备份文件") var file: String

    func run(_ configuration: PingyiConfiguration) async throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw WorkflowError("无法读取 \(file)") }
        let tables: Int = try await database.withPool(configuration) { pool in
            try await pool.withConnection { connection in
                try connection.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")[0].decode("n")
            }
        }
        guard tables == 0 else {
            throw WorkflowError("目标数据库已有 \(tables) 张表。恢复只能进入空数据库（如 createdb pingyi_restored 后用 --database-url 指定），未作任何改动")
        }
        // pg_restore insists on --dbname; an empty one leaves libpq to its PG* variables.
        try BackupCommand.tool(
            "pg_restore",
            try ToolInvocation(
                ["--no-owner", "--exit-on-error", "--single-transaction"], operands: [file], conninfo: database.conninfo(configuration),
                dbnameRequired: true))
        print("已从 \(file) 恢复。")
    }
}

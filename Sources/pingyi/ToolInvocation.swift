import Foundation
import PingyiPostgres
import PingyiWorkflows

/// How `pg_dump` or `pg_restore` is started for a database given as a libpq connection string or
/// URL (`--database-url`, `DATABASE_URL`): the connection goes into the tool's environment, as the
/// `PG*` variables libpq reads, instead of onto its command line — a process's arguments are
/// readable by every local user in `/proc/PID/cmdline`, its environment only by its own user. The
/// string is read by libpq itself (`ConnectionSetting.parse`). Two cases keep a non-secret part on
/// the command line, as `--dbname=` with a connection string: a setting libpq has no variable for
/// (`keepalives` …), and every non-secret setting when a service (`service=`, `PGSERVICE`) is in
/// effect, since a service file's values outrank the variables but not the command line. A secret
/// is never on the command line: one without a variable (`sslpassword`) is refused.
struct ToolInvocation: Equatable {
    /// The tool's arguments.
    var arguments: [String]
    /// The tool's whole environment.
    var environment: [String: String]

    /// The invocation of a tool with `options` and then `operands` on the database of `conninfo`
    /// (empty: libpq's `PG*` variables as they are); `dbnameRequired` for pg_restore, which
    /// restores into a database only with `--dbname` (an empty one leaves libpq to its variables).
    init(
        _ options: [String], operands: [String] = [], conninfo: String, dbnameRequired: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        var environment = environment
        var onCommandLine: [String] = []
        if !conninfo.isEmpty {
            guard let settings = ConnectionSetting.parse(conninfo) else {
                throw WorkflowError("数据库连接串无法解析（--database-url 或 DATABASE_URL），未作任何改动")
            }
            let service = settings.contains { $0.keyword == "service" } || environment["PGSERVICE"] != nil
            for setting in settings {
                if let variable = setting.environmentVariable, setting.isSecret || !service {
                    environment[variable] = setting.value
                } else if setting.isSecret {
                    throw WorkflowError("连接参数 \(setting.keyword) 无法安全地交给 PostgreSQL 的工具（它没有对应的环境变量），请改用 ~/.pgpass 或 PG* 环境变量，未作任何改动")
                } else {
                    onCommandLine.append("\(setting.keyword)=\(Self.quoted(setting.value))")
                }
            }
        }
        let dbname = !onCommandLine.isEmpty || dbnameRequired ? ["--dbname=" + onCommandLine.joined(separator: " ")] : []
        arguments = options + dbname + operands
        self.environment = environment
    }

    /// A value quoted for a connection string: in single quotes, `\` and `'` escaped.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

import ArgumentParser
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiWorkflows

/// Turns the errors a command can meet into what the operator reads on stderr.
enum CommandFailure {
    /// Prints a clear message for known errors and returns an exit code; passes others on.
    static func explain(_ error: Error) -> Error {
        switch error {
        case let failure as ImportRefused:
            printError(failure.file.description + "\n未写入任何数据。")
            return ExitCode(1)
        case let failure as MigrationError:
            printError("迁移失败：\(failure)")
            return ExitCode(1)
        case let failure as PostgresError where failure.code == .connectionFailure:
            printError("无法连接数据库：\(failure.message)\n（请检查 DATABASE_URL 或 PGHOST 等环境变量；本地开发用 make db-start 启动数据库）")
            return ExitCode(2)
        case let failure as PostgresError:
            printError("数据库错误（\(failure.code)）：\(failure.message)")
            return ExitCode(1)
        case let failure as any OperatorMessage:
            printError(failure.operatorMessage)
            return ExitCode(1)
        default:
            return error
        }
    }

    static func printError(_ text: String) {
        var standardError = StandardError()
        print(text, to: &standardError)
    }
}

extension InvalidFile: OperatorMessage {}
extension ProblemError: OperatorMessage {}
extension WorkingCalendarError: OperatorMessage {}
extension CampaignError: OperatorMessage {}
extension AppraisalError: OperatorMessage {}
extension StaffError: OperatorMessage {}
extension APIKeyError: OperatorMessage {}
extension FollowUpError: OperatorMessage {}
extension ProblemClueError: OperatorMessage {}
extension CLIError: OperatorMessage {
    var operatorMessage: String { message }
}

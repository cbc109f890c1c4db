import ArgumentParser
import Foundation
import Logging
import PingyiConfiguration
import PingyiServer

/// `pingyi`: the office's command-line tool.
@main
struct Pingyi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pingyi",
        abstract: "评议 Pingyi：股室长客商评议与评星定级的考评系统。",
        discussion: """
            数据库连接：DATABASE_URL，或 libpq 的 PGHOST / PGPORT / PGUSER / PGDATABASE 环境变量。
            """,
        subcommands: [
            MigrateCommand.self, ImportCommand.self, TemplateCommand.self, AppraisalCommand.self, CampaignCommand.self,
            InvitationsCommand.self, CluesCommand.self, ProblemsCommand.self, CalendarCommand.self, ScoreCommand.self, FollowUpsCommand.self,
            ExportCommand.self, APIKeyCommand.self,
            StaffCommand.self, AuditCommand.self,
            TallyCommand.self, ServeCommand.self, DemoCommand.self, CountyCommand.self, IdentityCommand.self, BackupCommand.self, RestoreCommand.self,
        ]
    )

    static func main() async {
        // The environment, read once here and handed down to the command.
        let configuration = PingyiConfiguration(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { label in
            let level = configuration.logLevel ?? .warning
            if configuration.jsonLogs {
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
            // Control characters escaped: a logged value (a login typed with a newline) cannot forge a line.
            var handler = StreamLogHandler(label: label, stream: EscapedLogStream(), metadataProvider: LoggingSystem.metadataProvider)
            handler.logLevel = level
            return handler
        }
        do {
            var command = try parseAsRoot()
            if let configured = command as? any ConfiguredCommand {
                try await configured.run(configuration)
            } else if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: CommandFailure.explain(error))
        }
    }
}

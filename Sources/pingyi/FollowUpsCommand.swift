import ArgumentParser
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// `pingyi followups list|record|show`
struct FollowUpsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followups", abstract: "不满意股室长的整改措施：列出、记录办理结果、查看记录历史。", subcommands: [List.self, Record.self, Show.self])

    /// `pingyi followups list [--year] [--status]`
    struct List: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出整改措施（待办在前，按期限排序）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "年度") var year: Int?
        @Option(help: "待办、已完成 或 已免除") var status: FollowUpStatus?

        func run(_ configuration: PingyiConfiguration) async throws {
            let items = try await database.withPool(configuration) { try await FollowUpStore(pool: $0).list(year: year, status: status) }
            if items.isEmpty { print("没有整改记录。") }
            var table = TextTable(["编号", "年度", "姓名", "部门", "措施", "期限", "状态", "办理情况"])
            let today = CountyCalendar.today()
            for item in items {
                table.append([
                    "\(item.id)", "\(item.year)", item.name, item.departmentName, item.action.rawValue, "\(item.dueOn)",
                    item.isOverdue(on: today) ? "已逾期" : item.status.label, item.outcome ?? "",
                ])
            }
            if !items.isEmpty { print(table.rendered) }
        }
    }

    /// `pingyi followups record ID --status done|waived --note …`
    struct Record: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: "记录整改措施的办理结果（写入审计日志）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "整改记录编号") var id: Int
        @Option(help: "已完成 或 已免除") var status: FollowUpStatus
        @Option(help: "办理情况说明") var note: String

        func run(_ configuration: PingyiConfiguration) async throws {
            let item = try await database.withPool(configuration) {
                try await FollowUpStore(pool: $0).record(id: id, status: status, note: note, actor: configuration.actor)
            }
            print("已记录：\(item.name)（\(item.action.rawValue)）\(item.status.label)：\(item.outcome ?? "")")
        }
    }

    /// `pingyi followups show ID`: every outcome recorded, oldest first.
    struct Show: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "查看一条整改措施的全部办理记录（按时间先后，不会被覆盖）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "整改记录编号") var id: Int

        func run(_ configuration: PingyiConfiguration) async throws {
            let history = try await database.withPool(configuration) { try await FollowUpStore(pool: $0).history(id: id) }
            if history.isEmpty { print("整改记录 \(id) 尚无办理记录。") }
            for entry in history { print("\(entry.at)\t\(entry.by)\t\(entry.status.label)\t\(entry.note)") }
        }
    }
}

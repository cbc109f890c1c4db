import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiStore

/// `pingyi calendar import FILE`, `pingyi calendar list`
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "工作日历（法定节假日和调休）：问题台账按工作日计算期限。", subcommands: [Import.self, List.self])

    struct Import: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "导入一年的工作日历（如 calendars/2026.yaml），逐行报告错误。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "日历文件") var file: String

        func run(_ configuration: PingyiConfiguration) async throws {
            let text = try readText(file)
            let (calendar, recounted) = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).importCalendar(text, file: file, actor: configuration.actor)
            }
            print(
                "已导入 \(calendar.year) 年工作日历：放假 \(calendar.holidays.count) 天，调休上班 \(calendar.workdays.count) 天。"
                    + (recounted > 0 ? "按周末暂算的期限已重算 \(recounted) 件（记入各件的处理记录）。" : ""))
        }
    }

    struct List: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出已导入工作日历的年份。")
        @OptionGroup var database: DatabaseOptions

        func run(_ configuration: PingyiConfiguration) async throws {
            let years = try await database.withPool(configuration) { try await ProblemStore(pool: $0).calendars().knownYears }
            print(years.isEmpty ? "尚未导入工作日历（pingyi calendar import calendars/2026.yaml）。" : "已导入：\(years.map(String.init).joined(separator: "、")) 年")
        }
    }
}

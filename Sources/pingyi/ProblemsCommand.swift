import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiStore
import PingyiWorkflows

extension ProblemChannel: ExpressibleByArgument {}
extension BusinessEnvironment: ExpressibleByArgument {}
extension CallbackSatisfaction: ExpressibleByArgument {}
extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// `pingyi problems add|from-clue|assign|report-done|send-back|verify|reply|callback|close|list|show|report|ranking`
struct ProblemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problems",
        abstract: "问题台账：问题收集 → 精准交办 → 限时办结（工作日）→ 督查核查 → 答复回访 → 问题销号；月调度表和季度排名。",
        subcommands: [
            Add.self, FromClue.self, Assign.self, ReportDone.self, SendBack.self, Verify.self, Reply.self, Callback.self, Close.self, List.self,
            Show.self,
            Report.self, Ranking.self, YearEnd.self,
        ])

    /// The day a step happened: `--on`, else today in the county.
    struct Day: ParsableArguments {
        @Option(name: .customLong("on"), help: "日期（默认今天，中国标准时间）") var day: CivilDate?
        var value: CivilDate { day ?? CountyCalendar.today() }
    }

    static func printLine(_ problem: Problem, today: CivilDate = CountyCalendar.today()) {
        let due = problem.dueOn.map { "期限 \($0)" } ?? ""
        let overdue = problem.isOverdue(on: today) ? "（已逾期）" : ""
        print(
            "\(problem.id)\t\(problem.state.label)\(overdue)\t\(problem.channel.rawValue)\t\(problem.departmentName ?? "未交办")\t\(due)\t"
                + String(problem.description.prefix(40)))
    }

    struct Add: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "收集一个问题。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "渠道：线索、12345、信箱、热线、早餐会、检查、其他") var channel: ProblemChannel
        @Option(help: "领域：政务环境、政策环境、要素环境、法治环境、政商环境") var environment: BusinessEnvironment
        @Option(help: "问题描述") var description: String
        @Option(help: "反映人（不填则为匿名，不能反馈）") var reporter: String?
        @OptionGroup var day: Day

        func run(_ configuration: PingyiConfiguration) async throws {
            let problem = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).add(
                    channel: channel, environment: environment, description: description, receivedOn: day.value, reporter: reporter,
                    actor: configuration.actor)
            }
            print(
                "已收集问题 \(problem.id)（\(problem.reporter == nil ? "匿名" : "反映人 \(problem.reporter!)")）。交办：pingyi problems assign \(problem.id) --department 部门代码"
            )
        }
    }

    struct FromClue: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "from-clue", abstract: "把一条问题线索转为台账问题（未署名的线索仍为匿名）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "线索编号（clues list 第一列）") var clue: String
        @Option(help: "领域：政务环境、政策环境、要素环境、法治环境、政商环境") var environment: BusinessEnvironment

        func run(_ configuration: PingyiConfiguration) async throws {
            let problem = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).fromClue(clue, environment: environment, actor: configuration.actor)
            }
            print("线索已转为问题 \(problem.id)（\(problem.reporter.map { "署名：\($0)" } ?? "匿名")）。")
        }
    }

    struct Assign: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "assign", abstract: "交办给部门；期限按政策的工作日数和工作日历计算。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "问题编号") var id: Int
        @Option(help: "部门代码") var department: String
        @Option(help: "股室（可选）") var section: String?
        @Option(help: "股室长工号（可选）") var chief: String?
        @OptionGroup var day: Day

        func run(_ configuration: PingyiConfiguration) async throws {
            let problem = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).assign(
                    id, department: department, section: section, employeeNumber: chief, on: day.value, actor: configuration.actor)
            }
            let due = problem.dueOn.map { "\($0)" } ?? ""
            let note = problem.dueProvisional ? "（\(WorkingCalendars.provisionalNote(problem.dueOn.map { [$0.year] } ?? []))）" : ""
            print("问题 \(id) 已交办 \(problem.departmentName ?? department)，限 \(due) 前办结\(note)。")
        }
    }

    struct ReportDone: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "report-done", abstract: "部门报告办结情况。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "问题编号") var id: Int
        @Option(help: "办理情况") var note: String
        @OptionGroup var day: Day

        func run(_ configuration: PingyiConfiguration) async throws {
            _ = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).reportDone(id, note: note, on: day.value, actor: configuration.actor)
            }
            print("问题 \(id) 已报告办结，待营商办核查（verify 或 send-back）。")
        }
    }

    struct SendBack: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "send-back", abstract: "督查不通过，退回部门重办（须写明理由）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "问题编号") var id: Int
        @Option(help: "退回理由") var note: String
        @OptionGroup var day: Day

        func run(_ configuration: PingyiConfiguration) async throws {
            let problem = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).sendBack(id, note: note, on: day.value, actor: configuration.actor)
            }
            print("问题 \(id) 已退回 \(problem.departmentName ?? "")，期限 \(problem.dueOn.map { "\($0)" } ?? "")。")
        }
    }

    struct Verify: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "督查核查通过；之后答复反映人、回访，最后销号（匿名问题直接销号）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "问题编号") var id: Int
        @Option(help: "核查情况（可选）") var note: String?
        @OptionGroup var day: Day

        func run(_ configuration: PingyiConfiguration) async throws {
            let problem = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).verify(id, note: note, on: day.value, actor: configuration.actor)
            }
            print(
                "问题 \(id) 核查通过。"
                    + (problem.reporter == nil
                        ? "匿名问题无需答复，可以销号：pingyi problems close \(id)"
                        : "请答复反映人并回访：pingyi problems reply \(id) --note …，pingyi problems callback \(id) --result 满意"))
        }
    }

    struct Reply: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "reply", abstract: "答复反映人：告知办理结果（核查通过后）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "问题编号") var id: Int
        @Option(help: "答复内容") var note: String
        @OptionGroup var day: Day

        func run(_ configuration: PingyiConfiguration) async throws {
            _ = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).reply(id, note: note, on: day.value, actor: configuration.actor)
            }
            print("问题 \(id) 已答复反映人，请回访：pingyi problems callback \(id) --result 满意")
        }
    }

    struct Callback: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "callback", abstract: "回访：记录反映人的评价；不满意的（须写明原因）退回部门重办，期限重新计算。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "问题编号") var id: Int
        @Option(help: "回访结果：满意、基本满意、不满意、未回访") var result: CallbackSatisfaction
        @Option(help: "回访情况（不满意时必填）") var note: String?
        @OptionGroup var day: Day

        func run(_ configuration: PingyiConfiguration) async throws {
            let problem = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).callback(id, result, note: note, on: day.value, actor: configuration.actor)
            }
            print(
                result == .dissatisfied
                    ? "问题 \(id) 回访不满意，已退回 \(problem.departmentName ?? "")重办，限 \(problem.dueOn.map { "\($0)" } ?? "") 前办结。"
                    : "问题 \(id) 回访：\(result.rawValue)。可以销号：pingyi problems close \(id)")
        }
    }

    struct Close: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "销号：最后一步（有反映人的须已答复并回访）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "问题编号") var id: Int
        @Option(help: "说明（可选）") var note: String?
        @OptionGroup var day: Day

        func run(_ configuration: PingyiConfiguration) async throws {
            _ = try await database.withPool(configuration) {
                try await ProblemStore(pool: $0).close(id, note: note, on: day.value, actor: configuration.actor)
            }
            print("问题 \(id) 已销号。")
        }
    }

    struct List: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出问题（逾期在前）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "部门代码") var department: String?
        @Option(help: "状态：待交办、办理中、待核查、待反馈销号、已销号") var state: ProblemState?
        @Option(help: "渠道") var channel: ProblemChannel?
        @Option(help: "受理月份，如 2026-03") var month: String?
        @Flag(help: "只列出已逾期的") var overdue = false

        func run(_ configuration: PingyiConfiguration) async throws {
            var filter = ProblemStore.Filter(department: department, state: state, channel: channel)
            if let month {
                guard let parsed = LedgerMonth(parsing: month) else { throw ValidationError("--month 应为 2026-03 这样的月份") }
                filter.month = parsed
            }
            if overdue { filter.overdueOn = CountyCalendar.today() }
            let problems = try await database.withPool(configuration) { try await ProblemStore(pool: $0).list(filter) }
            if problems.isEmpty { print("没有符合条件的问题。") }
            for problem in problems { ProblemsCommand.printLine(problem) }
        }
    }

    struct Show: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "一个问题及其全部办理记录。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "问题编号") var id: Int

        func run(_ configuration: PingyiConfiguration) async throws {
            let (problem, history) = try await database.withPool(configuration) { try await ProblemStore(pool: $0).show(id) }
            print("问题 \(problem.id)：\(problem.state.label)　\(problem.channel.rawValue)　\(problem.environment.rawValue)　受理 \(problem.receivedOn)")
            print("  \(problem.description)")
            print("  反映人：\(problem.reporter ?? "匿名")　部门：\(problem.departmentName ?? "未交办")　期限：\(problem.dueOn.map { "\($0)" } ?? "—")")
            for record in history {
                let extra = [record.dueOn.map { "期限 \($0)" }, record.callback.map { "回访 \($0.rawValue)" }, record.note].compactMap { $0 }
                print("  \(record.day)　\(record.step.label)　\(record.actor)　\(extra.joined(separator: "；"))")
            }
        }
    }

    struct Report: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "report", abstract: "月调度表：各部门交办、办结、按期、退回、逾期、反馈和回访满意情况，约谈提醒。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "月份，如 2026-11") var month: String

        func run(_ configuration: PingyiConfiguration) async throws {
            guard let parsed = LedgerMonth(parsing: month) else { throw ValidationError("--month 应为 2026-11 这样的月份") }
            let rows = try await database.withPool(configuration) { try await ProblemStore(pool: $0).monthly(parsed) }
            print("\(parsed) 问题台账月调度表")
            var table = TextTable(["部门", "交办", "办结", "按期", "退回", "逾期", "反馈率", "满意率", "约谈提醒"])
            for row in rows {
                table.append([
                    row.name, "\(row.assigned)", "\(row.closed)", "\(row.closedOnTime)", "\(row.sentBack)", "\(row.overdue)",
                    row.replyRate.map(Figures.percent) ?? "—", row.satisfactionRate.map(Figures.percent) ?? "—", row.interviewReason ?? "",
                ])
            }
            print(rows.isEmpty ? "本月没有问题记录。" : table.rendered)
        }
    }

    struct Ranking: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "ranking", abstract: "季度排名：按期办结率、未被退回率、回访满意率（权重见政策 problems.quarterWeights）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "年度") var year: Int
        @Option(help: "季度 1–4") var quarter: Int

        func validate() throws {
            guard (1...4).contains(quarter) else { throw ValidationError("--quarter 应为 1–4") }
        }

        func run(_ configuration: PingyiConfiguration) async throws {
            let rows = try await database.withPool(configuration) { try await ProblemStore(pool: $0).quarterly(year: year, quarter: quarter) }
            print("\(year) 年第 \(quarter) 季度问题办理排名")
            var table = TextTable(["排名", "部门", "得分", "按期办结率", "退回率", "满意率", "各季度得分"])
            for row in rows {
                table.append([
                    row.rank.map(String.init) ?? "—", row.name, row.score.map { Figures.score($0) } ?? "—",
                    row.onTimeRate.map(Figures.percent) ?? "—", row.sendBackRate.map(Figures.percent) ?? "—",
                    row.satisfactionRate.map(Figures.percent) ?? "—",
                    row.trend.keys.sorted().map { "Q\($0) \(Figures.score(row.trend[$0]))" }.joined(separator: " "),
                ])
            }
            print(rows.isEmpty ? "本季度没有问题记录。" : table.rendered)
        }
    }

    struct YearEnd: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "year-end", abstract: "年度各部门问题办理情况（供目标责任考核参考），导出 .xlsx 或 CSV。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "年度") var year: Int
        @Option(help: "输出文件：.xlsx 或 .csv") var out: String

        func validate() throws { _ = try SpreadsheetExport.format(out) }

        func run(_ configuration: PingyiConfiguration) async throws {
            let rows = try await database.withPool(configuration) { try await ProblemStore(pool: $0).yearEnd(year) }
            try await SpreadsheetExport.write(LedgerReport.yearSheet(year, rows: rows), to: out)
            print("\(year) 年度 \(rows.count) 个部门的问题办理情况，写入 \(out)")
        }
    }
}

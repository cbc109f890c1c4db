import Foundation
import Testing

@testable import PingyiCore

@Suite("Working days")
struct WorkingCalendarTests {
    static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    static func shipped2026() throws -> WorkingCalendar {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("calendars/2026.yaml")
        return try WorkingCalendar.parse(try String(contentsOf: url, encoding: .utf8), file: "2026.yaml")
    }

    @Test("day numbers, weekdays and adding days agree with the Gregorian calendar")
    func arithmetic() {
        #expect(Self.day("1970-01-01").dayNumber == 0 && Self.day("1970-01-01").weekday == 4)
        #expect(Self.day("2026-01-01").weekday == 4)  // a Thursday
        #expect(Self.day("2026-02-14").weekday == 6 && Self.day("2026-01-04").weekday == 7)
        #expect(Self.day("2026-12-31").adding(days: 1) == Self.day("2027-01-01"))
        #expect(Self.day("2028-02-28").adding(days: 1) == Self.day("2028-02-29"))
        #expect(Self.day("2026-03-01").adding(days: -1) == Self.day("2026-02-28"))
        #expect(Self.day("2026-01-01").days(until: Self.day("2026-12-31")) == 364)
    }

    @Test("the 2026 file: holidays off, 调休 weekends worked, every other day by the week")
    func calendar2026() throws {
        let calendar = try Self.shipped2026()
        #expect(calendar.holidays.count == 33 && calendar.workdays.count == 6)
        #expect(!calendar.isWorkingDay(Self.day("2026-02-16")))  // Spring Festival, a Monday
        #expect(calendar.isWorkingDay(Self.day("2026-02-14")))  // a Saturday worked (调休)
        #expect(!calendar.isWorkingDay(Self.day("2026-03-07")))  // an ordinary Saturday
        #expect(calendar.isWorkingDay(Self.day("2026-03-09")))  // an ordinary Monday
    }

    @Test("deadlines in working days: across the Spring Festival, over a 调休 Saturday, into a year without a calendar")
    func deadlines() throws {
        let calendars = WorkingCalendars([try Self.shipped2026()])
        // Assigned Thu 12 Feb: working days Fri 13, Sat 14 (调休), then the festival 15–23, Tue 24 …
        #expect(try calendars.adding(workingDays: 5, to: Self.day("2026-02-12")) == Self.day("2026-02-26"))
        // 15 working days from 10 Feb: 11, 12, 13, 14, 24, 25, 26, 27, 28 (调休), 2, 3, 4, 5, 6, 9 March.
        #expect(try calendars.adding(workingDays: 15, to: Self.day("2026-02-10")) == Self.day("2026-03-09"))
        // Over the National Day: assigned 29 Sep, 7 working days: 30 Sep, 8, 9, 10 (调休), 12, 13, 14 Oct.
        #expect(try calendars.adding(workingDays: 7, to: Self.day("2026-09-29")) == Self.day("2026-10-14"))
        #expect(try calendars.workingDays(after: Self.day("2026-02-12"), through: Self.day("2026-02-26")) == 5)
        #expect(try calendars.workingDays(after: Self.day("2026-02-26"), through: Self.day("2026-02-12")) == 0)
        #expect(throws: WorkingCalendarError.missingYear(2027)) {
            try calendars.adding(workingDays: 15, to: Self.day("2026-12-20"))
        }
        #expect(WorkingCalendarError.missingYear(2027).description.contains("控制台「工作日历」导入 2027 年"))
        // The ledger's deadline: into 2027 by weekends only, and which year it waits for.
        // 20 Dec 2026 (Sun) + 15: 21–25, 28–31 Dec (9), then 1, 4–8 Jan 2027 by weekends → 8 Jan.
        let deadline = calendars.deadline(workingDays: 15, from: Self.day("2026-12-20"))
        #expect(deadline.due == Self.day("2027-01-08") && deadline.provisionalYears == [2027])
        #expect(WorkingCalendars.provisionalNote(deadline.provisionalYears) == "暂按周末计算，待导入 2027 年工作日历")
        let exact = calendars.deadline(workingDays: 7, from: Self.day("2026-09-29"))
        #expect(exact.due == Self.day("2026-10-14") && exact.provisionalYears.isEmpty)
    }

    @Test("a bad calendar file: every problem with its line")
    func badFile() {
        let text = """
            year: 2026
            holidays:
              - 2026-01-03..2026-01-01
              - 2025-12-31
              - soon
            workdays:
              - 2026-01-05
            """
        #expect(throws: InvalidFile.self) { try WorkingCalendar.parse(text, file: "bad.yaml") }
        do {
            _ = try WorkingCalendar.parse(text, file: "bad.yaml")
        } catch {
            #expect(error.issues.map(\.line) == [3, 4, 5, 7])
        }
    }

    @Test("typed in the console: ranges written 起..止, 起 至 止, 起～止 or 起 - 止; a second day after a day is refused, not dropped")
    func typedRanges() throws {
        let text = try WorkingCalendar.typedText(
            year: "2028",
            holidays: "2028-01-01 元旦\n2028-05-01 至 2028-05-05 劳动节\n2028-10-01～2028-10-03\n2028-10-04 - 2028-10-07 国庆",
            workdays: "2028-04-29 劳动节调休\n")
        let calendar = try WorkingCalendar.parse(text, file: "typed")
        #expect(calendar.holidays.count == 1 + 5 + 3 + 4)
        #expect(calendar.holidays.contains(Self.day("2028-05-05")) && calendar.holidays.contains(Self.day("2028-10-07")))
        #expect(calendar.workdays == [Self.day("2028-04-29")])
        for line in ["2028-05-01 2028-05-05", "2028-05-01 5 天", "五一 2028-05-01", "2028年5月1日"] {
            #expect(throws: InvalidFile.self, "\(line)") {
                try WorkingCalendar.typedText(year: "2028", holidays: "2028-01-01\n" + line, workdays: "")
            }
        }
        do {
            _ = try WorkingCalendar.typedText(year: "2028", holidays: "2028-01-01\n2028-05-01 2028-05-05", workdays: "")
            Issue.record("a day followed by a day was saved")
        } catch {
            #expect(error.issues.count == 1 && error.issues[0].line == 2 && error.issues[0].message.contains("至"))
        }
    }
}

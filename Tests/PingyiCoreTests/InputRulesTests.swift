import Testing

@testable import PingyiCore

/// The input rules that were repeated in the stores and controllers, now one value each: the
/// appraisal year's range, a note's length, the follow-up's statuses.
@Suite("Input rules: AppraisalYearNumber, Note, FollowUpFlow")
struct InputRulesTests {
    @Test("a year is 2000–2100: 1999 and 2101 are refused with the Chinese message, 2000 and 2100 accepted")
    func yearBounds() throws {
        #expect(try AppraisalYearNumber(2000).value == 2000)
        #expect(try AppraisalYearNumber(2100).value == 2100)
        #expect(throws: AppraisalError.badYear(1999)) { try AppraisalYearNumber(1999) }
        #expect(throws: AppraisalError.badYear(2101)) { try AppraisalYearNumber(2101) }
        #expect(AppraisalError.badYear(1999).description == "年度 1999 不在 2000–2100 之间")
        #expect(AppraisalYearNumber(validating: 2000)?.value == 2000)
        #expect(AppraisalYearNumber(validating: 2100)?.value == 2100)
        #expect(AppraisalYearNumber(validating: 1999) == nil)
        #expect(AppraisalYearNumber(validating: 2101) == nil)
        #expect(AppraisalYearNumber(validating: Int("二〇二六")) == nil)
        #expect(try AppraisalYearNumber(2026).description == "2026")
        #expect(try AppraisalYearNumber(2026) < AppraisalYearNumber(2027))
    }

    @Test("the year's users keep their range: ledger months, typed calendars, import fields")
    func yearUsers() {
        #expect(LedgerMonth(year: 2000, month: 1) != nil)
        #expect(LedgerMonth(year: 2100, month: 12) != nil)
        #expect(LedgerMonth(year: 1999, month: 12) == nil)
        #expect(LedgerMonth(year: 2101, month: 1) == nil)
        #expect(throws: InvalidFile.self) { try WorkingCalendar.typedText(year: "2101", holidays: "", workdays: "") }
        #expect(throws: InvalidFile.self) { try WorkingCalendar.typedText(year: "1999", holidays: "", workdays: "") }
        #expect((try? WorkingCalendar.typedText(year: "2100", holidays: "", workdays: "")) != nil)
    }

    @Test("a note is trimmed and may have 2000 characters, not 2001")
    func noteLength() throws {
        #expect(Note.maxLength == 2000)
        let longest = String(repeating: "办", count: 2000)
        #expect(Note(longest)?.text == longest)
        #expect(Note(longest + "办") == nil)
        // Trimmed first: surrounding whitespace does not count.
        #expect(Note("  \n" + longest + "\n ")?.text == longest)
        #expect(Note("  已谈话 \n")?.text == "已谈话")
        #expect(Note(" \n\t ")?.isEmpty == true)
        #expect(Note("")?.isEmpty == true)
    }

    @Test(
        "every follow-up status transition: pending, done and waived take done or waived; withdrawn takes none; pending and withdrawn are never recorded"
    )
    func followUpTransitions() throws {
        for current in FollowUpStatus.allCases {
            for recorded in FollowUpStatus.allCases {
                let allowed = current != .withdrawn && (recorded == .done || recorded == .waived)
                if allowed {
                    #expect(try FollowUpFlow.next(from: current, recording: recorded, id: 7) == recorded, "\(current) → \(recorded)")
                } else {
                    let expected: FollowUpError = (recorded == .done || recorded == .waived) ? .withdrawn(7) : .statusRequired
                    #expect(throws: expected, "\(current) → \(recorded)") { try FollowUpFlow.next(from: current, recording: recorded, id: 7) }
                }
            }
        }
        #expect(FollowUpError.withdrawn(7).description == "整改记录 7 已随年度结果撤销发布而撤销，不能再记录")
    }

    @Test("a follow-up's record needs an outcome, a note of 1–2000 characters and a day not after today")
    func followUpOutcome() throws {
        let today = CivilDate(year: 2026, month: 11, day: 20)!
        let note = String(repeating: "谈", count: 2000)
        let ok = try FollowUpFlow.outcome(.done, note: " \(note) ", doneOn: nil, today: today)
        #expect(ok.note.text == note && ok.doneOn == today)
        #expect(try FollowUpFlow.outcome(.waived, note: "免除", doneOn: CivilDate(year: 2026, month: 11, day: 1), today: today).doneOn.day == 1)
        #expect(throws: FollowUpError.statusRequired) { try FollowUpFlow.outcome(.pending, note: "", doneOn: nil, today: today) }
        #expect(throws: FollowUpError.statusRequired) { try FollowUpFlow.outcome(.withdrawn, note: "x", doneOn: nil, today: today) }
        #expect(throws: FollowUpError.noteRequired) { try FollowUpFlow.outcome(.done, note: " \n ", doneOn: nil, today: today) }
        #expect(throws: FollowUpError.noteRequired) { try FollowUpFlow.outcome(.done, note: note + "谈", doneOn: nil, today: today) }
        #expect(throws: FollowUpError.badDoneOn(today)) {
            try FollowUpFlow.outcome(.done, note: "x", doneOn: CivilDate(year: 2026, month: 11, day: 21), today: today)
        }
        #expect(throws: FollowUpError.badDoneOn(today)) {
            try FollowUpFlow.outcome(.done, note: "x", doneOn: CivilDate(year: 1999, month: 12, day: 31), today: today)
        }
        #expect(try FollowUpFlow.outcome(.done, note: "x", doneOn: CivilDate(year: 2000, month: 1, day: 1), today: today).doneOn.year == 2000)
    }
}

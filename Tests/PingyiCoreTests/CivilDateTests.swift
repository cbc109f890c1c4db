import Foundation
import PingyiCore
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test(
        "ISO, slashed and dotted dates are read",
        arguments: [
            ("2019-03-01", "2019-03-01"), ("2019/3/1", "2019-03-01"), ("2020.02.29", "2020-02-29"), (" 2024-12-31 ", "2024-12-31"),
        ])
    func parses(input: String, expected: String) throws {
        #expect(try #require(CivilDate(parsing: input)).description == expected)
    }

    @Test(
        "impossible and malformed dates are refused",
        arguments: [
            "2019-02-29", "2019-13-01", "2019-00-10", "2019-04-31", "19-03-01", "2019-3", "2019年3月1日", "", "2019-03-01x",
        ])
    func refuses(input: String) {
        #expect(CivilDate(parsing: input) == nil)
    }

    @Test("dates order chronologically")
    func ordering() throws {
        let earlier = try #require(CivilDate(year: 2019, month: 12, day: 31))
        let later = try #require(CivilDate(year: 2020, month: 1, day: 1))
        #expect(earlier < later)
    }
}

@Suite("Civil dates in JSON")
struct CivilDateJSONTests {
    @Test("a date is ISO 8601 text in JSON, and the object form of earlier versions still reads")
    func iso() throws {
        let date = try #require(CivilDate(year: 2026, month: 12, day: 8))
        #expect(String(decoding: try JSONEncoder().encode([date]), as: UTF8.self) == #"["2026-12-08"]"#)
        #expect(try JSONDecoder().decode(CivilDate.self, from: Data(#""2026-12-08""#.utf8)) == date)
        #expect(try JSONDecoder().decode(CivilDate.self, from: Data(#"{"year":2026,"month":12,"day":8}"#.utf8)) == date)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CivilDate.self, from: Data(#""2026-02-30""#.utf8)) }
    }
}

@Suite("The county's calendar")
struct CountyCalendarDayTests {
    @Test("a day is the China Standard Time day; adding days crosses months and years; stamps are county time")
    func chinaDays() {
        let lateUTC = Date(timeIntervalSince1970: 1_798_414_200)  // 2026-12-27 23:30 UTC
        #expect(CountyCalendar.today(lateUTC).description == "2026-12-28")
        #expect(CountyCalendar.today(Date(timeIntervalSince1970: 1_798_387_199)).description == "2026-12-27")  // 15:59:59 UTC
        #expect(CountyCalendar.today(Date(timeIntervalSince1970: 1_798_387_200)).description == "2026-12-28")  // 16:00 UTC
        let day = CivilDate(year: 2026, month: 12, day: 28)!
        #expect(CountyCalendar.day(60, after: day).description == "2027-02-26")
        #expect(CountyCalendar.day(-28, after: day).description == "2026-11-30")
        #expect(CountyCalendar.day(0, after: CivilDate(year: 2028, month: 2, day: 29)!).description == "2028-02-29")
        #expect(CountyCalendar.stamp(lateUTC) == "20261228-073000")
        #expect(CountyCalendar.moment(lateUTC) == "2026年12月28日 7:30")
    }
}

import Foundation
import PingyiCore
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test("ISO, slashed and dotted dates are read", arguments: [
        ("2019-03-01", "2019-03-01"), ("2019/3/1", "2019-03-01"), ("2020.02.29", "2020-02-29"), (" 2024-12-31 ", "2024-12-31"),
    ])
    func parses(input: String, expected: String) throws {
        #expect(try #require(CivilDate(parsing: input)).description == expected)
    }

    @Test("impossible and malformed dates are refused", arguments: [
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

import Foundation
import PingyiPostgres
import PingyiTestSupport
import Testing

/// Every supported type goes to the server as a parameter and comes back unchanged.
@Suite("Parameters and decoding")
struct ParameterRoundTripTests {
    private struct Payload: Codable, Equatable, Sendable {
        var name: String
        var scores: [Int]
    }

    @Test("every supported type round-trips, NULL included")
    func roundTrip() async throws {
        try await TestDatabase.withMigrated { database in
            let connection = try database.connect()
            func echo<T: PostgresEncodable & PostgresDecodable & Equatable>(_ value: T) throws -> T {
                do {
                    return try connection.query("SELECT \(value) AS v")[0].decode("v")
                } catch let error as PostgresError {
                    Issue.record("\(T.self) \(value): \(error.debugDescription)")
                    throw error
                }
            }
            #expect(try echo(42) == 42)
            #expect(try echo(Int.min) == Int.min)
            #expect(try echo(Int64.max) == Int64.max)
            #expect(try echo(Int32(-7)) == Int32(-7))
            #expect(try echo(0.1) == 0.1)
            #expect(try echo(-1.5e300) == -1.5e300)
            #expect(try echo(Double.infinity) == Double.infinity)
            for text in ["85.25", "-0.0001", "12345.6789012345678", "0"] {
                let decimal = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                #expect(try echo(decimal) == decimal)
            }
            #expect(try echo(true) == true)
            #expect(try echo(false) == false)
            for text in ["", "县市场监督管理局", "满意 😀👍🏽", "'; DROP TABLE chiefs; --", "back\\slash \"quoted\"", "line\nbreak\ttab"] {
                #expect(try echo(text) == text)
            }
            let uuid = UUID()
            #expect(try echo(uuid) == uuid)
            let date = Date(timeIntervalSince1970: 1_764_315_000.123456)
            let back: Date = try connection.query("SELECT \(date) AS v")[0].decode("v")
            #expect(abs(back.timeIntervalSince(date)) < 0.000_001)
            let bytes = Data([0, 1, 0xfe, 0xff, 0x27])
            #expect(try echo(bytes) == bytes)
            #expect(try echo(["a", "b,c", "d\"e", "县 f", "", #"back\slash"#, "{x}"]) == ["a", "b,c", "d\"e", "县 f", "", #"back\slash"#, "{x}"].self)

            let payload = Payload(name: "张三", scores: [100, 70, 30])
            let json: PostgresJSON<Payload> = try connection.query("SELECT \(PostgresJSON(payload)) AS v")[0].decode("v")
            #expect(json.value == payload)

            let none: String? = nil
            let row = try connection.query("SELECT \(none) AS s, \(Int?.none) AS i, \(Date?.none) AS d, \(UUID?.none) AS u")[0]
            #expect(try row.decode("s", as: String?.self) == nil)
            #expect(try row.decode("i", as: Int?.self) == nil)
            #expect(try row.decode("d", as: Date?.self) == nil)
            #expect(try row.decode("u", as: UUID?.self) == nil)
            #expect(try row.decode("s", as: Int?.self) == nil)  // NULL is nil whatever the type
        }
    }

    @Test("text arrays with NULL elements go through unnest")
    func nullableArrays() async throws {
        try await TestDatabase.withMigrated { database in
            let connection = try database.connect()
            let values: [String?] = ["满意", nil, "NULL", "x\"y", #"a\b"#]
            let rows = try connection.query(
                "SELECT v FROM unnest(\(PostgresNullableArray(values))::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n")
            #expect(try rows.map { try $0.decode("v", as: String?.self) } == values)
        }
    }

    @Test("a hostile string is a value, never SQL")
    func injectionIsInert() async throws {
        try await TestDatabase.withMigrated { database in
            let connection = try database.connect()
            let hostile = "x'); DROP TABLE departments; --"
            try connection.query("INSERT INTO departments (code, name) VALUES ('D1', \(hostile))")
            let name: String = try connection.query("SELECT name FROM departments WHERE code = 'D1'")[0].decode("name")
            #expect(name == hostile)
            #expect(try connection.query("SELECT count(*) AS n FROM departments")[0].decode("n", as: Int.self) == 1)
        }
    }

    @Test("a wrong type or NULL into a non-optional is an error naming the column")
    func decodingErrors() async throws {
        try await TestDatabase.withMigrated { database in
            let connection = try database.connect()
            let row = try connection.query("SELECT 'abc'::text AS label, NULL::int AS missing, 7 AS seven")[0]
            let wrongType = #expect(throws: PostgresError.self) { try row.decode("label", as: Int.self) }
            #expect(wrongType?.code == .decoding)
            #expect(wrongType?.message.contains("\"label\"") == true)
            let null = #expect(throws: PostgresError.self) { try row.decode("missing", as: Int.self) }
            #expect(null?.message.contains("\"missing\"") == true)
            #expect(null?.message.contains("NULL") == true)
            let intAsString = #expect(throws: PostgresError.self) { try row.decode("seven", as: String.self) }
            #expect(intAsString?.code == .decoding)
            let absent = #expect(throws: PostgresError.self) { try row.decode("nope", as: Int.self) }
            #expect(absent?.message.contains("\"nope\"") == true)
        }
    }

    @Test("a NUL character in a parameter is refused, not truncated")
    func nulRefused() async throws {
        try await TestDatabase.withMigrated { database in
            let connection = try database.connect()
            let error = #expect(throws: PostgresError.self) { try connection.query("SELECT \("a\u{0}b") AS v") }
            #expect(error?.code == .dataException("22021"))
        }
    }
}

import Foundation
import PingyiCore
import PingyiWorkflows
import Testing

@Suite("Links files")
struct LinksFileTests {
    static func invitation(_ key: String, _ name: String, phone: String?) -> IssuedInvitation {
        IssuedInvitation(
            respondent: .supervisor(code: key), name: name, contactPerson: nil, phone: phone, departments: ["SCJG", "SWJ"], token: .random())
    }

    @Test("the file issue writes reads back: keys, names, phones, tokens and links under today's public URL")
    func roundTrip() throws {
        let issued = [Self.invitation("JD001", "薛敏", phone: "13800000001"), Self.invitation("JD002", "周云", phone: nil)]
        let csv = InvitationSheet.csv(issued, kind: .starRating, publicURL: "http://old.example")
        let file = try LinksFile.parse(csv, file: "links.csv", kind: .starRating, publicURL: "https://pingyi.example.gov/")
        #expect(file.rows.map(\.key) == ["JD001", "JD002"] && file.rows.map(\.name) == ["薛敏", "周云"])
        #expect(file.rows.map(\.phone) == ["13800000001", nil])
        #expect(file.rows.map(\.token) == issued.map(\.token))
        #expect(file.rows.map(\.link) == issued.map { $0.link(publicURL: "https://pingyi.example.gov", kind: .starRating) })
    }

    @Test("a link pasted twice makes one row; a row without a link is refused by its line")
    func duplicatesAndRefusals() throws {
        let one = Self.invitation("JD001", "薛敏", phone: nil)
        let twice = InvitationSheet.csv([one, one], kind: .starRating, publicURL: "https://p.example")
        #expect(try LinksFile.parse(twice, file: "l.csv", kind: .starRating, publicURL: "https://p.example").rows.count == 1)
        let broken = Data("编号,姓名,联系电话,评星部门数,评星链接\nJD001,薛敏,,2,https://p.example/r/\nJD002,周云,,2,无\n".utf8)
        let error = try #require(throws: InvalidFile.self) {
            try LinksFile.parse(broken, file: "l.csv", kind: .starRating, publicURL: "https://p.example")
        }
        #expect(error.issues.map(\.line) == [2, 3])
        #expect(throws: InvalidFile.self) {
            try LinksFile.parse(Data("a,b\n1,2\n".utf8), file: "l.csv", kind: .starRating, publicURL: "https://p.example")
        }
    }
}

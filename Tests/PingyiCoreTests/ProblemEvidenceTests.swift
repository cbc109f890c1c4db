import Foundation
import Testing

@testable import PingyiCore

@Suite("Evidence files of a ledger step")
struct ProblemEvidenceTests {
    static let png = Data(
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 40) + [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 7, count: 100) + [0xFF, 0xD9])
    static let pdf = Data("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
    static let ofd = Data(
        [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26) + Array("OFD.xml".utf8) + Array(repeating: 1, count: 50)
            + [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18))

    @Test("the kind is read from the content, never the name: JPEG, PNG, PDF and OFD pass; an empty field is skipped")
    func kinds() throws {
        let files = try ProblemEvidence.check([Self.jpeg, Data(), Self.png, Self.pdf, Self.ofd])
        #expect(files.map(\.kind) == [.jpeg, .png, .pdf, .ofd])
        #expect(files.map(\.kind.contentType) == ["image/jpeg", "image/png", "application/pdf", "application/ofd"])
    }

    @Test("refused: another type (HTML, an executable, a plain ZIP), a file cut short, more than 10 MB, more than 5 files")
    func refused() {
        #expect(throws: ProblemEvidenceError.badType(2)) { try ProblemEvidence.check([Self.png, Data("<html><script>".utf8)]) }
        #expect(throws: ProblemEvidenceError.badType(1)) { try ProblemEvidence.check([Data([0x4D, 0x5A, 0x90, 0x00])]) }
        #expect(throws: ProblemEvidenceError.badType(1)) { try ProblemEvidence.check([Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])]) }
        #expect(throws: ProblemEvidenceError.truncated(1)) { try ProblemEvidence.check([Self.png.prefix(30)]) }
        #expect(throws: ProblemEvidenceError.truncated(1)) { try ProblemEvidence.check([Self.jpeg.prefix(50)]) }
        #expect(throws: ProblemEvidenceError.truncated(1)) { try ProblemEvidence.check([Self.pdf.prefix(20)]) }
        let big = Data([0xFF, 0xD8, 0xFF]) + Data(count: ProblemEvidence.maxSize) + Data([0xFF, 0xD9])
        #expect(throws: ProblemEvidenceError.tooLarge(1)) { try ProblemEvidence.check([big]) }
        #expect(throws: ProblemEvidenceError.tooMany(6)) { try ProblemEvidence.check(Array(repeating: Self.png, count: 6)) }
        #expect(ProblemEvidenceError.badType(2).description.contains("第 2 个文件"))
    }
}

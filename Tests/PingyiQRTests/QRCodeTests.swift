import PingyiQR
import Testing

@Suite("QR codes")
struct QRCodeTests {
    /// Whether the 7×7 finder pattern has its top-left module at (`row`, `column`): a dark ring,
    /// a light ring, a dark 3×3 centre.
    static func finder(_ code: QRCode, row: Int, column: Int) -> Bool {
        (0..<7).allSatisfy { r in
            (0..<7).allSatisfy { c in
                let ring = min(r, c, 6 - r, 6 - c)
                return code.modules[(row + r) * code.size + column + c] == (ring != 1)
            }
        }
    }

    @Test("a letter's link (51 bytes): version 4 at level M (33 modules a side), finders in three corners, timing patterns between")
    func link() throws {
        let link = "https://pingyi.example.gov/s/" + String(repeating: "A", count: 22)
        let code = try #require(QRCode(link))
        #expect(code.size == 33 && code.modules.count == 33 * 33)
        #expect(Self.finder(code, row: 0, column: 0) && Self.finder(code, row: 0, column: 26) && Self.finder(code, row: 26, column: 0))
        #expect(!Self.finder(code, row: 26, column: 26))
        // Row 6 and column 6 alternate dark and light between the finders.
        #expect((8...24).allSatisfy { code.modules[6 * code.size + $0] == ($0 % 2 == 0) })
        #expect((8...24).allSatisfy { code.modules[$0 * code.size + 6] == ($0 % 2 == 0) })
    }

    @Test("the version grows with the text: 5 bytes fit version 1 (21 modules), 100 bytes version 6 (41)")
    func versions() throws {
        #expect(try #require(QRCode("HELLO")).size == 21)
        #expect(try #require(QRCode(String(repeating: "x", count: 100))).size == 41)
    }

    @Test("more than version 40 holds at level M (2,331 bytes) is refused, not cut")
    func tooLong() {
        #expect(QRCode(String(repeating: "x", count: 2_331)) != nil)
        #expect(QRCode(String(repeating: "x", count: 2_332)) == nil)
    }

    @Test("the SVG: a quiet zone of 4 modules, one square per dark module, the label escaped")
    func svg() throws {
        let code = try #require(QRCode("HELLO"))
        let svg = code.svg(pixels: 220, label: "链接 <&\"")
        #expect(svg.contains("width=\"220\" height=\"220\" viewBox=\"0 0 29 29\""))
        #expect(svg.contains("aria-label=\"链接 &lt;&amp;&quot;\""))
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == code.modules.filter { $0 }.count)
        #expect(svg.contains("M4,4h1v1h-1z"))  // the top-left finder's first module, after the quiet zone
    }
}

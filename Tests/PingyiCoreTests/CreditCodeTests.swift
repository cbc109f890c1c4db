import PingyiCore
import Testing

@Suite("统一社会信用代码")
struct CreditCodeTests {
    /// Codes published on the national enterprise credit information system
    /// (华为技术有限公司, 小米科技有限责任公司, 北京百度网讯科技有限公司 and other large companies).
    @Test(
        "real published codes are valid",
        arguments: [
            "914403001922038216", "91110108551385082Q", "91110000802100433B", "9144030071526726XG",
            "91330100716105852F", "91440300708461136T", "91110000710925462X", "91330106673959654P",
        ])
    func realCodes(code: String) throws {
        #expect(try CreditCode(validating: code).value == code)
    }

    @Test("a changed last character is a check-character error naming the right one")
    func wrongCheckCharacter() {
        #expect(throws: CreditCodeError.checkCharacter(expected: "6", found: "7")) {
            try CreditCode(validating: "914403001922038217")
        }
        #expect(throws: CreditCodeError.checkCharacter(expected: "Q", found: "0")) {
            try CreditCode(validating: "911101085513850820")
        }
    }

    @Test("a swapped pair of digits is caught")
    func transposition() {
        #expect(throws: CreditCodeError.self) { try CreditCode(validating: "914403009122038216") }
    }

    @Test("length, forbidden letters and letters in the division code are refused")
    func malformed() {
        #expect(throws: CreditCodeError.length(17)) { try CreditCode(validating: "91440300192203821") }
        #expect(throws: CreditCodeError.length(0)) { try CreditCode(validating: "") }
        #expect(throws: CreditCodeError.invalidCharacter("I", position: 9)) { try CreditCode(validating: "91440300I92203821X") }
        #expect(throws: CreditCodeError.invalidCharacter("O", position: 18)) { try CreditCode(validating: "91440300192203821O") }
        #expect(throws: CreditCodeError.invalidCharacter("A", position: 3)) { try CreditCode(validating: "91A40300192203821X") }
    }

    @Test("spaces around and lower-case letters are accepted as the code they mean")
    func normalisation() throws {
        #expect(try CreditCode(validating: "  9144030071526726xg\u{3000}").value == "9144030071526726XG")
    }

    @Test("the check character of seventeen characters")
    func checkCharacter() {
        #expect(CreditCode.checkCharacter(for: "91110000802100433") == "B")
        #expect(CreditCode.checkCharacter(for: "9111000080210043") == nil)
        #expect(CreditCode.checkCharacter(for: "9111000080210043I") == nil)
    }

    @Test("messages are in Chinese and say what is wrong")
    func messages() {
        #expect(CreditCodeError.length(17).description == "应为 18 位，实际 17 位")
        #expect(CreditCodeError.checkCharacter(expected: "6", found: "7").description.contains("第 18 位应为「6」"))
    }

    @Test("the ASCII fast path agrees with the character-by-character check on every one-character change of valid codes")
    func fastPathAgrees() throws {
        let letters = Array("0123456789ABCDEFGHJKLMNPQRTUWXYabczIOSV-")
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let first17 =
                "91" + String((0..<6).map { _ in "0123456789".randomElement(using: &random)! })
                + String((0..<9).map { _ in CreditCode.alphabet.randomElement(using: &random)! })
            let code = first17 + String(try #require(CreditCode.checkCharacter(for: first17)))
            #expect(try CreditCode(validating: code).value == code)
            #expect(try CreditCode(validating: code.lowercased()).value == code)
            let position = Int.random(in: 0..<18, using: &random)
            var changed = Array(code)
            changed[position] = letters.randomElement(using: &random)!
            let text = String(changed)
            // The long way: the normalised text's characters, the division code's digits, the check.
            let upper = Array(text.uppercased())
            let values = upper.compactMap { CreditCode.alphabet.firstIndex(of: $0) }
            let valid =
                values.count == 18 && values[2..<8].allSatisfy { $0 <= 9 }
                && CreditCode.checkCharacter(for: String(upper[0..<17])) == upper[17]
            #expect(((try? CreditCode(validating: text)) != nil) == valid, "\(text)")
        }
    }
}

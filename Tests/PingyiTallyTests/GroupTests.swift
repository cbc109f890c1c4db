import Testing

@testable import PingyiTally

@Suite("P-256 through OpenSSL: points, scalars, the record's hash")
struct GroupTests {
    static let q = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"

    @Test("2·G is the curve's known point; q·G is O; SEC1 bytes read back; q − 1 is −1")
    func knownAnswers() throws {
        let two = Point.base(Scalar(2))
        #expect(two.hex == "037cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978")
        #expect(two == Point.generator + Point.generator)
        let qMinusOne = try #require(Scalar(bytes: Hex.decode(String(Self.q.dropLast()) + "0")!))
        #expect(qMinusOne == -Scalar(1))
        #expect(Point.base(qMinusOne) + Point.generator == .infinity)
        #expect(Point.infinity.bytes == [0])
        #expect(Point(bytes: two.bytes) == two)
        #expect(Point(bytes: [0]) == .infinity)
        #expect(Scalar(bytes: Hex.decode(Self.q)!) == nil, "q itself is not a scalar")
    }

    @Test("bytes that are no point are refused: a wrong prefix, x off the curve, the uncompressed form, the wrong length")
    func refusals() {
        let two = Point.base(Scalar(2)).bytes
        #expect(Point(bytes: [4] + two.dropFirst()) == nil)
        var offCurve = two
        offCurve[32] ^= 1
        // Either x + 1 is not on the curve, or it is and then it decodes to another point.
        #expect(Point(bytes: offCurve).map { $0 != Point.base(Scalar(2)) } ?? true)
        #expect(Point(bytes: [UInt8](repeating: 0xff, count: 33)) == nil)
        #expect(Point(bytes: two.dropLast()) == nil)
        #expect(Point(bytes: [0, 0]) == nil)
        #expect(Hex.decode("0g") == nil && Hex.decode("abc") == nil)
    }

    @Test("scalar arithmetic modulo q: a·a⁻¹ = 1, (a + b) − b = a, (a·b)·G = a·(b·G)")
    func scalars() throws {
        for _ in 0..<20 {
            let a = Scalar.random()
            let b = Scalar.random()
            #expect(a * a.inverse! == .one)
            #expect((a + b) - b == a)
            #expect(Point.base(a * b) == a * Point.base(b))
            #expect(Point.base(a, plus: b, times: Point.generator) == Point.base(a + b))
            #expect(Scalar(bytes: a.bytes) == a)
        }
        #expect(Scalar.zero.inverse == nil)
        #expect(Scalar(-1) + .one == .zero)
    }

    @Test("the hash matches RECORD.md's definition as Python's hashlib computes it")
    func hash() {
        var hash = TallyHash("selection")
        hash.add([1, 2])
        hash.add("abc")
        hash.add(count: 7)
        #expect(Hex.encode(hash.digest()) == "0b3303814614bbe313557dd83903b2d56858e969d90d1da86de13d9eebbb9e15")
        // Below q already, so Hq is the digest itself.
        #expect(TallyHash("x").scalar().hex == "3d3a172e55affebc89fcb5c0a06d0ab528499efe328170d894625055e98df16c")
    }

    @Test("short tracking codes: 16 base32 characters in four groups; typing is forgiving, a wrong length is not")
    func trackingCodes() {
        let code = [UInt8](repeating: 0, count: 32)
        #expect(TrackingCode.short(code) == "AAAA-AAAA-AAAA-AAAA")
        let ff = [UInt8](repeating: 0xff, count: 32)
        #expect(TrackingCode.short(ff) == "7777-7777-7777-7777")
        #expect(TrackingCode.normalized(" abcd efgh-ijkl mnop ") == "ABCD-EFGH-IJKL-MNOP")
        #expect(TrackingCode.normalized("ABCD-EFGH-IJKL-MNO") == nil)
        #expect(TrackingCode.normalized("ABCD-EFGH-IJKL-MNO1") == nil)
    }
}

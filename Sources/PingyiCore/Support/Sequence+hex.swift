extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hex, two digits a byte (hashes in files, SQL and fingerprints).
    /// Built from a table: `String(format: "%02x")` a byte was half of issuing 30,000 invitations.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

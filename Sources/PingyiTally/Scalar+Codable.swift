import CLibCrypto

extension Scalar: Codable {
    /// A scalar in the record: 32 bytes big-endian in hexadecimal, below `q`.
    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let bytes = Hex.decode(text), let scalar = Scalar(bytes: bytes) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a scalar below q: \(text.prefix(80))")
        }
        self.init(owning: BN_dup(scalar.bignum)!)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

import CLibCrypto

extension Point: Codable {
    /// A point in the record: its SEC1 bytes in hexadecimal; anything else is refused.
    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let bytes = Hex.decode(text), let point = Point(bytes: bytes) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a P-256 point: \(text.prefix(80))")
        }
        self.init(owning: EC_POINT_dup(point.point, P256.shared.group)!)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

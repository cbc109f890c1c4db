import Crypto

/// RECORD.md's hash: SHA-256 over "pingyi-tally-v1", 0, a tag, 0, then each part as a 4-byte
/// big-endian length and its bytes. `digest` is `H`, `scalar` is `Hq`.
public struct TallyHash {
    private var hasher = SHA256()

    public init(_ tag: String) {
        hasher.update(data: Array("pingyi-tally-v1".utf8) + [0] + Array(tag.utf8) + [0])
    }

    public mutating func add(_ bytes: [UInt8]) {
        let count = UInt32(bytes.count)
        hasher.update(data: [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)])
        hasher.update(data: bytes)
    }

    public mutating func add(_ point: Point) { add(point.bytes) }
    public mutating func add(_ scalar: Scalar) { add(scalar.bytes) }
    public mutating func add(_ text: String) { add(Array(text.utf8)) }
    /// `u32(n)`.
    public mutating func add(count: Int) {
        let n = UInt32(count)
        add([UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)])
    }

    public func digest() -> [UInt8] { Array(hasher.finalize()) }
    public func scalar() -> Scalar { Scalar(reducing: digest()) }

    /// `H(tag; parts…)` in one call.
    public static func digest(_ tag: String, _ parts: [[UInt8]]) -> [UInt8] {
        var hash = TallyHash(tag)
        for part in parts { hash.add(part) }
        return hash.digest()
    }
}

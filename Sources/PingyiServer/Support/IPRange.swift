import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`, or one address):
/// the proxies whose `X-Forwarded-For` entries are believed.
public struct IPRange: Sendable, Hashable {
    /// The network's bytes (4 or 16).
    let network: [UInt8]
    /// The prefix length in bits.
    let prefix: Int

    /// Parses `10.0.0.0/8`, `::1`, `fd00::/8`; `nil` for anything else. An IPv4-mapped IPv6
    /// range (`::ffff:10.0.0.0/104`) is the IPv4 range it maps (`10.0.0.0/8`).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let raw = IPRange.rawBytes(String(first)) else { return nil }
        let bits = raw.count * 8
        var length = bits
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...bits).contains(given) else { return nil }
            length = given
        }
        let bytes = IPRange.unmapped(raw)
        if bytes.count != raw.count {
            // A mapped range must stay within ::ffff:0:0/96 to be an IPv4 range.
            guard length >= 96 else { return nil }
            length -= 96
        }
        prefix = length
        network = bytes
    }

    /// Whether `address` (text) lies in the range.
    func contains(_ address: String) -> Bool {
        guard let bytes = IPRange.bytes(address), bytes.count == network.count else { return false }
        return IPRange.samePrefix(bytes, network, bits: prefix)
    }

    /// The bytes of an IPv4 or IPv6 address, through `inet_pton`; `nil` when it is neither. An
    /// IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a server listening on `::` sees an IPv4
    /// client) is the IPv4 address's 4 bytes: the same client, whichever way it is written.
    static func bytes(_ text: String) -> [UInt8]? {
        rawBytes(text).map(unmapped)
    }

    /// The 4 bytes of the IPv4 address that `bytes` maps (`::ffff:a.b.c.d`), else `bytes`.
    static func unmapped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return bytes }
        return Array(bytes[12..<16])
    }

    /// The bytes as written: 4 for IPv4, 16 for IPv6 (mapped or not).
    private static func rawBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    static func samePrefix(_ a: [UInt8], _ b: [UInt8], bits: Int) -> Bool {
        var remaining = bits
        for (x, y) in zip(a, b) where remaining > 0 {
            let take = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if x & mask != y & mask { return false }
            remaining -= take
        }
        return true
    }
}

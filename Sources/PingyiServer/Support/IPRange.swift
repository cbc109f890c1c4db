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

    /// Parses `10.0.0.0/8`, `::1`, `fd00::/8`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let bytes = IPRange.bytes(String(first)) else { return nil }
        let bits = bytes.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
            prefix = length
        } else {
            prefix = bits
        }
        network = bytes
    }

    /// Whether `address` (text) lies in the range.
    func contains(_ address: String) -> Bool {
        guard let bytes = IPRange.bytes(address), bytes.count == network.count else { return false }
        return IPRange.samePrefix(bytes, network, bits: prefix)
    }

    /// The bytes of an IPv4 or IPv6 address, through `inet_pton`; `nil` when it is neither.
    static func bytes(_ text: String) -> [UInt8]? {
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

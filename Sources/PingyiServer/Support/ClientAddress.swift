import Hummingbird

/// The client's address, for rate limits and the audit log.
///
/// Without trusted proxies it is the peer. Behind proxies (`PINGYI_TRUSTED_PROXIES`), each proxy
/// appends the address it received the request from to `X-Forwarded-For`; everything to the left
/// of a trusted proxy's entry was written by the client and may be forged. So when the peer is a
/// trusted proxy, the entries are read from the right and the first one that is not a trusted
/// proxy is the client.
///
/// Every address is normalised as it is read (`normalized`): a server listening on `::` sees an
/// IPv4 client as `::ffff:a.b.c.d`, which is that IPv4 address for the trusted proxies, the
/// limiters and the audit log alike.
enum ClientAddress {
    static func of(_ request: Request, context: PingyiRequestContext, trustedProxies: [IPRange]) -> String {
        let peer = context.remoteAddress?.ipAddress.map(Self.normalized)
        guard !trustedProxies.isEmpty, peer.map({ Self.trusted($0, trustedProxies) }) ?? true else {
            return peer ?? "unknown"
        }
        let entries = request.headers[values: .init("X-Forwarded-For")!]
            .flatMap { $0.split(separator: ",") }
            .map { Self.normalized($0.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.isEmpty }
        for entry in entries.reversed() where !Self.trusted(entry, trustedProxies) {
            return entry
        }
        return entries.first ?? peer ?? "unknown"
    }

    /// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, in any spelling) as the IPv4 address
    /// (`192.0.2.1`); anything else as it is.
    static func normalized(_ address: String) -> String {
        guard address.contains(":"), let bytes = IPRange.bytes(address), bytes.count == 4 else { return address }
        return bytes.map(String.init).joined(separator: ".")
    }

    static func trusted(_ address: String, _ ranges: [IPRange]) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// What the limiters count by: an IPv6 address by its /64 (one household or host gets a
    /// whole /64), an IPv4 address — mapped into IPv6 or not — by itself, anything else as it is.
    static func limiterKey(_ address: String) -> String {
        guard let bytes = IPRange.bytes(address) else { return address }
        guard bytes.count == 16 else { return bytes.map(String.init).joined(separator: ".") }
        return bytes.prefix(8).map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }
}

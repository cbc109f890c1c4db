import PingyiConfiguration

/// What the web application reads from its configuration beyond the plain values: the trusted
/// proxies as ranges, and the cookies' names and paths under HTTPS.
extension ServerConfiguration {
    /// The trusted proxies parsed; an entry that is not an address or range is left out (and
    /// `pingyi serve` refuses to start with one, see `invalidTrustedProxies`).
    public var trustedProxyRanges: [IPRange] { trustedProxies.compactMap(IPRange.init) }

    /// The entries of `trustedProxies` that are neither an address nor a CIDR range.
    public var invalidTrustedProxies: [String] { trustedProxies.filter { IPRange($0) == nil } }

    /// A cookie's name: under HTTPS with the `__Host-` prefix, which browsers accept only from a
    /// secure origin, for the whole host (path `/`) and no domain — no sibling host or plain-HTTP
    /// page can set or shadow it.
    func cookieName(_ name: String) -> String { usesHTTPS ? "__Host-" + name : name }

    /// A cookie's path: `/` under HTTPS (the `__Host-` prefix requires it), else `path`.
    func cookiePath(_ path: String) -> String { usesHTTPS ? "/" : path }
}

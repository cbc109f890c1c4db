import Foundation
import PingyiCore

/// How the web application runs: where it listens, which database it uses, and the limits
/// that protect the public endpoints. Read from the environment as part of `PingyiConfiguration`.
public struct ServerConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on (0: any free port).
    public var port: Int
    /// libpq conninfo or URL; empty for libpq's `PG*` environment defaults.
    public var conninfo: String
    /// A database name overriding the conninfo's.
    public var database: String?
    /// libpq conninfo of an optional read-only pool for the reports (published scores, the
    /// ranking and personnel pages, the API's reading routes), typically a standby with
    /// `target_session_attrs=prefer-standby`; `nil`: the reports use the main pool.
    public var readConninfo: String?
    /// A database name overriding the read conninfo's (as `database` does the main one's).
    public var readDatabase: String?
    /// Connections in the pool (and threads for blocking libpq calls).
    public var poolSize: Int
    /// The public base URL the links point at; `https://…` makes cookies Secure.
    public var publicURL: String
    /// The largest request body accepted (larger: 413): the forms' and the API's, one limit.
    public static let maxBodySize = 64 * 1024
    /// Time a connection may stay idle, or take to send its request head, before it is closed.
    public var idleTimeout: Duration
    /// Time a request body may take to arrive (slower: 408).
    public var bodyTimeout: Duration
    /// Failed token look-ups allowed per client address in `lookupWindow` before 429.
    public var maxFailedLookups: Int
    /// The window of `maxFailedLookups`.
    public var lookupWindow: Duration
    /// The proxies (addresses or CIDR ranges) whose `X-Forwarded-For` entries are believed; the
    /// client is the right-most entry that is not one of them. Empty: the peer is the client.
    public var trustedProxies: [String]
    /// Key of the anti-forgery tokens; random per process when not set.
    public var formSecret: Data?
    /// The key typed codes are stored under (`PINGYI_CODE_SECRET` or its file, set by `pingyi
    /// serve`); random per process when not set, so that no code issued elsewhere opens a form.
    public var codeKey: InvitationCodeKey?
    /// Where a file shipped with Pingyi is (`SurveyTemplates/policy.yaml`): the console makes new
    /// years and campaigns from them. `pingyi serve` finds them as the command-line tool does
    /// (`PINGYI_HOME`, beside the executable); by default, relative to the working directory.
    public var shippedFile: @Sendable (String) -> String = { $0 }
    /// bcrypt's cost for passwords set in the console (4–14).
    public var bcryptCost: UInt8 = 12
    /// How long `/readyz` waits for the database before answering 503.
    public var readinessTimeout: Duration = .seconds(3)

    /// Makes a configuration with the defaults for the public endpoints.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, conninfo: String = "", database: String? = nil, poolSize: Int = 8,
        publicURL: String = "http://127.0.0.1:8080", idleTimeout: Duration = .seconds(15),
        bodyTimeout: Duration = .seconds(10), maxFailedLookups: Int = 20, lookupWindow: Duration = .seconds(600),
        trustedProxies: [String] = [], formSecret: Data? = nil
    ) {
        self.host = host
        self.port = port
        self.conninfo = conninfo
        self.database = database
        self.poolSize = poolSize
        self.publicURL = publicURL
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.maxFailedLookups = maxFailedLookups
        self.lookupWindow = lookupWindow
        self.trustedProxies = trustedProxies
        self.formSecret = formSecret
    }

    /// The trusted proxies parsed; an entry that is not an address or range is left out (and
    /// `pingyi serve` refuses to start with one, see `invalidTrustedProxies`).
    public var trustedProxyRanges: [IPRange] { trustedProxies.compactMap(IPRange.init) }

    /// The entries of `trustedProxies` that are neither an address nor a CIDR range.
    public var invalidTrustedProxies: [String] { trustedProxies.filter { IPRange($0) == nil } }

    /// Whether links are served over HTTPS (so cookies are marked Secure, named `__Host-…` and
    /// the pages carry `Strict-Transport-Security`).
    public var usesHTTPS: Bool { publicURL.lowercased().hasPrefix("https://") }

    /// A cookie's name: under HTTPS with the `__Host-` prefix, which browsers accept only from a
    /// secure origin, for the whole host (path `/`) and no domain — no sibling host or plain-HTTP
    /// page can set or shadow it.
    func cookieName(_ name: String) -> String { usesHTTPS ? "__Host-" + name : name }

    /// A cookie's path: `/` under HTTPS (the `__Host-` prefix requires it), else `path`.
    func cookiePath(_ path: String) -> String { usesHTTPS ? "/" : path }
}

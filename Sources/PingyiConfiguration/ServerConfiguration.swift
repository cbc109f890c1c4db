import Foundation
import PingyiCore

/// How the web application runs: where it listens, which database it uses, and the limits
/// that protect the public endpoints. Read from the environment as part of `PingyiConfiguration`;
/// `buildApplication` (PingyiServer) builds the web application from it.
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
    /// libpq's `connect_timeout` for the pools' connections, in seconds: 10, so that a server that
    /// accepts a connection and never answers cannot hold a thread for ever; `nil` when
    /// `PGCONNECT_TIMEOUT` is set, which libpq then reads itself. A conninfo's own
    /// `connect_timeout` wins either way.
    public var connectTimeout: Int? = 10

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

    /// Whether links are served over HTTPS (so cookies are marked Secure, named `__Host-…` and
    /// the pages carry `Strict-Transport-Security`).
    public var usesHTTPS: Bool { publicURL.lowercased().hasPrefix("https://") }
}

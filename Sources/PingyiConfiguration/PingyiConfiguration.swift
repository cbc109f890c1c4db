import Foundation
import Logging

/// Everything Pingyi takes from its environment, read once when the command-line tool starts
/// (`Pingyi.main`) and passed down from there: the server's settings (`server`, from which
/// `buildApplication` builds the web application) and the command-line tool's. No other code
/// reads the environment (libpq reads its own `PG*` variables).
public struct PingyiConfiguration: Sendable {
    /// The web application's settings; `DATABASE_URL`, `PINGYI_PUBLIC_URL` and the limits.
    public var server: ServerConfiguration
    /// `PINGYI_LOG_LEVEL`, when set to a level's name.
    public var logLevel: Logger.Level?
    /// `PINGYI_LOG_FORMAT=json`: one JSON object per line instead of text.
    public var jsonLogs: Bool
    /// `PINGYI_SQL_DIR`: the migrations folder.
    public var sqlDirectory: String?
    /// `PINGYI_DEMO_DIR`: the demo county's folder.
    public var demoDirectory: String?
    /// `PINGYI_HOME`: where the shipped files are when the tool runs from another folder.
    public var home: String?
    /// `PINGYI_CODE_SECRET`: the key of typed codes (at least 32 bytes), else read from
    /// `codeSecretFile`.
    public var codeSecret: String?
    /// `PINGYI_CODE_SECRET_FILE`, else `~/.config/pingyi/code-secret`: where the key of typed codes
    /// is kept when `PINGYI_CODE_SECRET` is not set (made, mode 600, on first use).
    public var codeSecretFile: String
    /// The operating-system user (`USER`, else `LOGNAME`): the CLI's actor in the audit log.
    public var user: String?

    /// The variables, for README's table.
    public static let variables = [
        ConfigurationVariable("DATABASE_URL", "libpq connection string or `postgresql://` URL"),
        ConfigurationVariable("PINGYI_READ_URL", "libpq connection string of the reports' read-only pool"),
        ConfigurationVariable("PINGYI_SQL_DIR", "the migrations folder"),
        ConfigurationVariable("PINGYI_DEMO_DIR", "the demo county's folder"),
        ConfigurationVariable("PINGYI_HOME", "where the shipped files are"),
        ConfigurationVariable("PINGYI_LOG_LEVEL", "the log level"),
        ConfigurationVariable("PINGYI_LOG_FORMAT", "text or json"),
        ConfigurationVariable("PINGYI_PUBLIC_URL", "the base of invitation links"),
        ConfigurationVariable("PINGYI_POOL_SIZE", "the server's database connections"),
        ConfigurationVariable("PINGYI_FORM_SECRET", "the anti-forgery key"),
        ConfigurationVariable("PINGYI_CODE_SECRET", "the key typed codes are stored under"),
        ConfigurationVariable("PINGYI_CODE_SECRET_FILE", "the file that keeps it when the variable is not set"),
        ConfigurationVariable("PINGYI_MAX_FAILED_LOOKUPS", "invalid links per address before 429"),
        ConfigurationVariable("PINGYI_TRUSTED_PROXIES", "the reverse proxies"),
        ConfigurationVariable("PINGYI_BCRYPT_COST", "bcrypt's cost for passwords"),
    ]

    /// The defaults overridden by `environment`; a value that does not read (a pool size of
    /// "many") leaves the default.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        var server = ServerConfiguration()
        server.conninfo = value("DATABASE_URL") ?? ""
        server.readConninfo = value("PINGYI_READ_URL")
        if let url = value("PINGYI_PUBLIC_URL") { server.publicURL = url }
        if let size = value("PINGYI_POOL_SIZE").flatMap(Int.init), size > 0 { server.poolSize = size }
        if let limit = value("PINGYI_MAX_FAILED_LOOKUPS").flatMap(Int.init), limit > 0 { server.maxFailedLookups = limit }
        if let proxies = value("PINGYI_TRUSTED_PROXIES") {
            server.trustedProxies = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let secret = value("PINGYI_FORM_SECRET"), secret.utf8.count >= 16 { server.formSecret = Data(secret.utf8) }
        if let cost = value("PINGYI_BCRYPT_COST").flatMap(UInt8.init) { server.bcryptCost = min(max(cost, 4), 14) }
        // libpq reads PGCONNECT_TIMEOUT itself: Pingyi's 10 s only when it is not set.
        if environment["PGCONNECT_TIMEOUT"] != nil { server.connectTimeout = nil }
        self.server = server
        logLevel = value("PINGYI_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:))
        jsonLogs = value("PINGYI_LOG_FORMAT")?.lowercased() == "json"
        sqlDirectory = value("PINGYI_SQL_DIR")
        demoDirectory = value("PINGYI_DEMO_DIR")
        home = value("PINGYI_HOME")
        user = value("USER") ?? value("LOGNAME")
        codeSecret = value("PINGYI_CODE_SECRET")
        codeSecretFile = value("PINGYI_CODE_SECRET_FILE") ?? ((value("HOME") ?? "/root") + "/.config/pingyi/code-secret")
    }

}

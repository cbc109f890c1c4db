import CLibPQ

/// One setting of a libpq connection string or `postgresql://` URL, as libpq itself reads it
/// (`PQconninfoParse`: the same quoting, percent-decoding and multi-host lists as every
/// connection). For handing a connection to PostgreSQL's own tools without putting it on their
/// command line, which any local user can read in `/proc`.
public struct ConnectionSetting: Sendable, Equatable {
    /// libpq's keyword: `host`, `port`, `dbname`, `user`, `password`, `sslmode` …
    public let keyword: String
    /// The environment variable libpq reads for it (`PGHOST` …), if there is one.
    public let environmentVariable: String?
    /// The value given.
    public let value: String
    /// Whether libpq marks it as a secret (`password`, `sslpassword`).
    public let isSecret: Bool

    public init(keyword: String, environmentVariable: String?, value: String, isSecret: Bool) {
        self.keyword = keyword
        self.environmentVariable = environmentVariable
        self.value = value
        self.isSecret = isSecret
    }

    /// The settings `conninfo` gives (those it leaves out are not listed); `nil` when libpq cannot
    /// read it. libpq's error message is not passed on: it may quote the string, password and all.
    public static func parse(_ conninfo: String) -> [ConnectionSetting]? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            if let error { PQfreemem(error) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var settings: [ConnectionSetting] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                settings.append(
                    ConnectionSetting(
                        keyword: String(cString: keyword), environmentVariable: option.pointee.envvar.map { String(cString: $0) },
                        value: String(cString: value), isSecret: option.pointee.dispchar.map { String(cString: $0) } == "*"))
            }
            option += 1
        }
        return settings
    }
}

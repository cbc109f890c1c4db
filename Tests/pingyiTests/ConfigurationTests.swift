import Foundation
import Logging
import PingyiConfiguration
import PingyiServer
import Testing

@Suite("One configuration")
struct ConfigurationTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the environment is read into one value: defaults, overrides, values that do not read keep the default")
    func environment() {
        let defaults = PingyiConfiguration(environment: [:])
        #expect(defaults.server.publicURL == "http://127.0.0.1:8080" && defaults.server.poolSize == 8 && defaults.server.bcryptCost == 12)
        #expect(defaults.logLevel == nil && defaults.home == nil && defaults.server.conninfo.isEmpty)
        let set = PingyiConfiguration(environment: [
            "DATABASE_URL": "postgresql:///x", "PINGYI_PUBLIC_URL": "https://pingyi.example.gov", "PINGYI_POOL_SIZE": "3",
            "PINGYI_MAX_FAILED_LOOKUPS": "many", "PINGYI_TRUSTED_PROXIES": " 10.0.0.5, 10.1.0.0/16 ,", "PINGYI_BCRYPT_COST": "99",
            "PINGYI_FORM_SECRET": "short", "PINGYI_LOG_LEVEL": "debug", "PINGYI_HOME": "/opt/pingyi", "PINGYI_SQL_DIR": "",
            "LOGNAME": "clerk",
        ])
        #expect(set.server.conninfo == "postgresql:///x" && set.server.publicURL == "https://pingyi.example.gov")
        #expect(set.server.poolSize == 3 && set.server.maxFailedLookups == 20)  // "many" does not read
        #expect(set.server.trustedProxies == ["10.0.0.5", "10.1.0.0/16"])
        #expect(set.server.bcryptCost == 14)  // bounded 4–14
        #expect(set.server.formSecret == nil)  // fewer than 16 bytes: a random key instead
        #expect(set.logLevel == .debug && set.home == "/opt/pingyi" && set.sqlDirectory == nil && set.user == "clerk")
        #expect(!set.jsonLogs && PingyiConfiguration(environment: ["PINGYI_LOG_FORMAT": "JSON"]).jsonLogs)
        // libpq's connect_timeout: Pingyi's 10 s, unless PGCONNECT_TIMEOUT is set (libpq reads it then).
        #expect(defaults.server.connectTimeout == 10 && set.server.connectTimeout == 10)
        #expect(PingyiConfiguration(environment: ["PGCONNECT_TIMEOUT": "3"]).server.connectTimeout == nil)
    }

    @Test("README's configuration table lists exactly the variables Pingyi reads")
    func readmeTable() throws {
        let readme = try String(contentsOf: Self.checkout.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Configuration").dropFirst().first?.components(separatedBy: "\n## ").first)
        let documented = Set(
            section.split(separator: "\n").filter { $0.hasPrefix("| `") }
                .compactMap { line in line.split(separator: "`").dropFirst().first.map(String.init) }
                .filter { $0.hasPrefix("PINGYI_") || $0 == "DATABASE_URL" })
        #expect(documented == Set(PingyiConfiguration.variables.map(\.name)))
    }

    @Test("JSON logs: one object per line with the time, level, label, message and the request's id")
    func jsonLogs() throws {
        let lines = LockedLines()
        var logger = Logger(label: "pingyi.server") { label in JSONLogHandler(label: label, write: { lines.append($0) }) }
        logger[metadataKey: "hb.request.id"] = "42"
        logger.info("request", metadata: ["path": "/s/***", "status": "303"])
        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["hb.request.id"] == "42" && object["message"] == "request" && object["level"] == "info" && object["status"] == "303")
        #expect(object["label"] == "pingyi.server" && object["time"]?.hasSuffix("Z") == true && lines.all.count == 1)
    }
}

/// Lines a test handler wrote.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PingyiConfiguration
import PingyiCore
import PingyiPostgres
import PingyiServer
import PingyiStore
import PingyiTally
import PingyiTestSupport

/// Runs the real application (router test framework) on a fresh database holding the small
/// county, with the given campaigns open and their invitations issued.
struct ServerHarness: Sendable {
    let fixture: CountyFixture
    let client: any TestClientProtocol
    let merchantReview: (Campaign, [IssuedInvitation])?
    let starRating: (Campaign, [IssuedInvitation])?
    /// The trustees' shares of campaigns opened for the joint count (`joint: true`).
    var shares: [CampaignKind: [TrusteeShare]] = [:]

    static func run(
        open kinds: [CampaignKind] = [.merchantReview, .starRating],
        joint: Bool = false,
        logger: Logger = ServerHarness.quietLogger,
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        prepare: @Sendable (CountyFixture) async throws -> Void = { _ in },
        _ body: @Sendable (ServerHarness) async throws -> Void
    ) async throws {
        try await CountyFixture.withCounty { fixture in
            try await prepare(fixture)
            var shares: [CampaignKind: [TrusteeShare]] = [:]
            func open(_ kind: CampaignKind) async throws -> (Campaign, [IssuedInvitation])? {
                guard kinds.contains(kind) else { return nil }
                guard joint else { return try await fixture.openCampaign(kind) }
                let (campaign, issued, kept) = try await fixture.openJointCampaign(kind)
                shares[kind] = kept
                return (campaign, issued)
            }
            let merchant = try await open(.merchantReview)
            let star = try await open(.starRating)
            let kept = shares
            var configuration = ServerConfiguration(
                conninfo: TestDatabase.serverConninfo, database: fixture.database.name, poolSize: 4,
                maxFailedLookups: 5, trustedProxies: ["0.0.0.0/0", "::/0"], formSecret: Data("test-form-secret-0123456789".utf8))
            configuration.codeKey = CountyFixture.codeKey
            configure(&configuration)
            let application = try await buildApplication(configuration, logger: logger)
            try await application.test(.router) { client in
                try await body(ServerHarness(fixture: fixture, client: client, merchantReview: merchant, starRating: star, shares: kept))
            }
        }
    }

    /// A logger that only speaks up for warnings.
    static var quietLogger: Logger {
        var logger = Logger(label: "test.server")
        logger.logLevel = .warning
        return logger
    }

    /// The merchant invitation of a credit code.
    func merchantToken(_ creditCode: String) -> InvitationToken {
        merchantReview!.1.first { $0.respondent.key == creditCode }!.token
    }

    /// The supervisor invitation of a number.
    func supervisorToken(_ code: String) -> InvitationToken {
        starRating!.1.first { $0.respondent.key == code }!.token
    }

    /// GET with an optional ballot cookie and forwarded address (`X-Forwarded-For` as a proxy writes it).
    func get(_ uri: String, cookie: String? = nil, from address: String = "10.0.0.1") async throws -> TestResponse {
        var headers: HTTPFields = [.init("X-Forwarded-For")!: address]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// POST a form body.
    func post(
        _ uri: String, body: String, cookie: String?, contentType: String = "application/x-www-form-urlencoded",
        origin: String? = nil, fetchSite: String? = nil, from address: String? = nil
    ) async throws -> TestResponse {
        try await post(
            uri, bytes: Array(body.utf8), cookie: cookie, contentType: contentType, origin: origin, fetchSite: fetchSite, from: address)
    }

    /// POST raw bytes, with the `Origin` and `Sec-Fetch-Site` headers a browser would send, if given.
    func post(
        _ uri: String, bytes: [UInt8], cookie: String?, contentType: String = "application/x-www-form-urlencoded",
        origin: String? = nil, fetchSite: String? = nil, from address: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let address { headers[.init("X-Forwarded-For")!] = address }
        if let cookie { headers[.cookie] = cookie }
        if let origin { headers[.origin] = origin }
        if let fetchSite { headers[.init("Sec-Fetch-Site")!] = fetchSite }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// The anti-forgery token of the form page.
    func csrf(path: String, cookie: String) async throws -> String {
        let page = String(buffer: try await get(path, cookie: cookie).body)
        guard let range = page.range(of: #"name="csrf" value=""#) else { return "" }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    /// A form body from fields, percent-encoded.
    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}

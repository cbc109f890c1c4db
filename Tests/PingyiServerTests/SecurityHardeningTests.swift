import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Logging
import PingyiConfiguration
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTestSupport
import Synchronization
import Testing

@testable import PingyiServer

/// The findings of the security audit, each with the behaviour that closes it.
@Suite("Security hardening")
struct SecurityHardeningTests {
    static let proxy = "10.0.0.0/8"

    @Test("behind trusted proxies the client is the right-most untrusted X-Forwarded-For entry: forged left entries do not escape the limit")
    func trustedProxies() async throws {
        let configure: @Sendable (inout ServerConfiguration) -> Void = { $0.trustedProxies = [Self.proxy] }
        try await ServerHarness.run(configure: configure) { server in
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<8 {
                // The client writes a different first entry each time; the proxy appends what it saw.
                let forwarded = "198.18.0.\(index), 203.0.113.50"
                statuses.append(try await server.get("/s/\(InvitationToken.random().text)", from: forwarded).status)
            }
            #expect(statuses == Array(repeating: .notFound, count: 5) + Array(repeating: .tooManyRequests, count: 3))
            // Through two proxies, the client is left of the inner proxy's entry.
            let chained = try await server.get("/s/\(server.merchantToken(MerchantBallotTests.huawei).text)", from: "203.0.113.60, 10.0.0.7")
            #expect(chained.status == .seeOther)
            #expect(try await server.get("/s/\(InvitationToken.random().text)", from: "203.0.113.50, 10.0.0.7").status == .tooManyRequests)
        }
        let ranges = [try #require(IPRange("10.0.0.0/8")), try #require(IPRange("2001:db8::/32"))]
        #expect(ranges[0].contains("10.200.3.4") && !ranges[0].contains("11.0.0.1") && ranges[1].contains("2001:db8:5::1"))
        #expect(IPRange("10.0.0.0/33") == nil && IPRange("proxy.example") == nil)
        var configuration = PingyiConfiguration(environment: ["PINGYI_TRUSTED_PROXIES": "10.0.0.5, fd00::/8, nonsense"]).server
        #expect(configuration.trustedProxyRanges.count == 2)
        #expect(configuration.invalidTrustedProxies == ["nonsense"])
        configuration.trustedProxies = []
        #expect(configuration.trustedProxyRanges.isEmpty)
    }

    @Test("guessing tokens through the ballot cookie counts against the same limit as the link")
    func cookieGuessing() async throws {
        try await ServerHarness.run { server in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<8 {
                statuses.append(try await server.get("/s", cookie: "pingyi_s=\(InvitationToken.random().text)", from: "203.0.113.9").status)
            }
            #expect(statuses == Array(repeating: .notFound, count: 5) + Array(repeating: .tooManyRequests, count: 3))
            #expect(
                try await server.get("/s/\(server.merchantToken(MerchantBallotTests.huawei).text)", from: "203.0.113.9").status == .tooManyRequests)
        }
    }

    @Test("the limiter's table stays bounded, prunes in amortised time and counts an IPv6 client by its /64")
    func limiterMemory() async throws {
        let limiter = TokenLookupLimiter(limit: 2, window: .seconds(600), capacity: 1000)
        for index in 0..<5000 { await limiter.recordFailure("198.51.\(index / 256).\(index % 256)") }
        #expect(await limiter.count <= 1000)
        await limiter.recordFailure("2001:db8:1:2::1")
        await limiter.recordFailure("2001:db8:1:2:ffff::9")
        #expect(await limiter.isBlocked("2001:db8:1:2::77"))
        #expect(await !limiter.isBlocked("2001:db8:1:3::1"))
        #expect(ClientAddress.limiterKey("192.0.2.1") == "192.0.2.1")
    }

    @Test("a burst of 40 concurrent wrong sign-ins from one address: at most the limit reach bcrypt, the rest 429; another user signs in meanwhile")
    func signInBurst() async throws {
        try await ServerHarness.run(open: []) { server in
            let store = StaffStore(pool: server.fixture.pool)
            for login in ["office", "clerk"] {
                _ = try await store.create(
                    login: login, name: login, role: .admin, passwordHash: Bcrypt.hash("correct-horse-1", cost: 12), actor: "test")
            }
            try server.fixture.database.connect().query("UPDATE staff SET must_change_password = false")
            let forms = try await Array(0..<40).asyncMap { _ in try await Self.loginForm(server) }
            let started = ContinuousClock.now
            async let legitimate: (HTTPResponse.Status, Duration) = {
                try await Task.sleep(for: .milliseconds(50))
                let form = try await Self.loginForm(server)
                let begun = ContinuousClock.now
                let response = try await server.post(
                    "/console/login", body: ServerHarness.encode([("csrf", form.csrf), ("login", "clerk"), ("password", "correct-horse-1")]),
                    cookie: form.cookie, from: "198.51.100.200")
                return (response.status, ContinuousClock.now - begun)
            }()
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for form in forms {
                    group.addTask {
                        try await server.post(
                            "/console/login", body: ServerHarness.encode([("csrf", form.csrf), ("login", "office"), ("password", "wrong")]),
                            cookie: form.cookie, from: "203.0.113.66"
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let (status, latency) = try await legitimate
            print(
                "sign-in burst: \(statuses.filter { $0 == .unauthorized }.count) × 401, \(statuses.filter { $0 == .tooManyRequests }.count) × 429, "
                    + "\(statuses.filter { $0 == .serviceUnavailable }.count) × 503 in \(ContinuousClock.now - started); legitimate sign-in \(status.code) in \(latency)"
            )
            #expect(statuses.filter { $0 == .unauthorized }.count <= 10)
            #expect(statuses.allSatisfy { [.unauthorized, .tooManyRequests, .serviceUnavailable].contains($0) })
            #expect(status == .seeOther)
            // The address is spent; the victim's account is only slowed down, not locked: from
            // elsewhere, once its short delay has passed, the right password works.
            let again = try await Self.loginForm(server)
            let early = try await server.post(
                "/console/login", body: ServerHarness.encode([("csrf", again.csrf), ("login", "office"), ("password", "correct-horse-1")]),
                cookie: again.cookie, from: "198.51.100.7")
            #expect(early.status == .tooManyRequests && early.text.contains("秒后再试"))
        }
        // The delay grows 1 s, 2 s, 4 s … and stops at 30 s; then the right password works again.
        let server = LoginThrottle()
        #expect(server.delay(after: 2) == .zero && server.delay(after: 3) == .seconds(1) && server.delay(after: 5) == .seconds(4))
        #expect(server.delay(after: 40) == .seconds(30))
        let clock = ManualClock()
        let quick = LoginThrottle(step: .milliseconds(20), maxDelay: .milliseconds(150), now: clock.now)
        for _ in 0..<12 { _ = await quick.reserve("office") }
        #expect(await quick.wait(for: "office") == .milliseconds(20))
        #expect(await quick.wait(for: "clerk") == nil)
        clock.advance(by: .milliseconds(19))
        #expect(await quick.wait(for: "office") == .milliseconds(1))
        clock.advance(by: .milliseconds(1))
        #expect(await quick.wait(for: "office") == nil)
        // The fourth attempt, once allowed, doubles the next wait; a quarter of an hour without
        // failures forgets them all: three free attempts again.
        #expect(await quick.reserve("office") == nil)
        #expect(await quick.reserve("office") == .milliseconds(40))
        clock.advance(by: .seconds(10))
        #expect(await quick.reserve("office") == nil)
        #expect(await quick.wait(for: "office") == .milliseconds(80))
        clock.advance(by: LoginThrottle.memory)
        for _ in 0..<3 { #expect(await quick.reserve("office") == nil) }
        #expect(await quick.wait(for: "office") == .milliseconds(20))
        // Attempts are counted when allowed, before the password is checked: three go, the fourth
        // waits; one given back (bcrypt was busy) lets another go; a success forgets them all.
        let counted = LoginThrottle(step: .seconds(60), maxDelay: .seconds(60))
        for _ in 0..<3 { #expect(await counted.reserve("clerk") == nil) }
        #expect(await counted.reserve("clerk") != nil)
        await counted.refund("clerk")
        #expect(await counted.reserve("clerk") == nil)
        #expect(await counted.reserve("clerk") != nil)
        await counted.succeeded("clerk")
        #expect(await counted.reserve("clerk") == nil)
    }

    @Test("passwords: the current one is required, other sessions end, sign-out always ends the session, more than 72 bytes is refused")
    func sessionsAndPasswords() async throws {
        try await ServerHarness.run(open: []) { server in
            try await ConsoleTests.account(server, "office", .admin, password: "initial-pass-1", mustChange: false)
            let (laptop, _) = try await ConsoleTests.signIn(server, login: "office", password: "initial-pass-1")
            let (phone, _) = try await ConsoleTests.signIn(server, login: "office", password: "initial-pass-1")
            let mine = try #require(laptop)
            let other = try #require(phone)
            let page = try await server.get("/console/password", cookie: mine)
            #expect(page.text.contains(#"name="current""#))
            let csrf = String(page.text[page.text.range(of: #"name="csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
            func change(_ fields: [(String, String)]) async throws -> TestResponse {
                try await server.post("/console/password", body: ServerHarness.encode([("csrf", csrf)] + fields), cookie: mine)
            }
            let noCurrent = try await change([("password", "a-new-password-2"), ("again", "a-new-password-2")])
            #expect(noCurrent.status == .unprocessableContent && noCurrent.text.contains("当前密码不正确"))
            let chinese = String(repeating: "营商环境评议", count: 5)  // 30 characters, 90 bytes
            let long = try await change([("current", "initial-pass-1"), ("password", chinese), ("again", chinese)])
            #expect(long.status == .unprocessableContent && long.text.contains("最多 72 字节"))
            let changed = try await change([("current", "initial-pass-1"), ("password", "a-new-password-2"), ("again", "a-new-password-2")])
            #expect(changed.status == .seeOther)
            #expect(try await server.get("/console", cookie: mine).status == .ok)
            #expect(try await server.get("/console", cookie: other).headers[.location] == "/console/login")
            // Sign-out with a stale form still ends the session.
            let out = try await server.post("/console/logout", body: "csrf=stale", cookie: mine)
            #expect(out.status == .seeOther)
            #expect(try await server.get("/console", cookie: mine).headers[.location] == "/console/login")
            // A password of 24 Chinese characters (72 bytes) is accepted.
            let (again, _) = try await ConsoleTests.signIn(server, login: "office", password: "a-new-password-2")
            let session = try #require(again)
            let form = try await server.get("/console/password", cookie: session)
            let token = String(form.text[form.text.range(of: #"name="csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
            let fits = String(repeating: "营商环境评议", count: 4)
            let ok = try await server.post(
                "/console/password",
                body: ServerHarness.encode([("csrf", token), ("current", "a-new-password-2"), ("password", fits), ("again", fits)]), cookie: session)
            #expect(ok.status == .seeOther)
            #expect(try await ConsoleTests.signIn(server, login: "office", password: fits).0 != nil)
        }
        // The hash checked for unknown logins has the configured cost.
        #expect(try await PasswordHasher(cost: 5).dummyHash().hasPrefix("$2b$05$"))
    }

    @Test("staff accounts: list, disable (signed out at once), enable, reset the password (must be changed, sessions end)")
    func staffAccounts() async throws {
        try await ServerHarness.run(open: []) { server in
            try await ConsoleTests.account(server, "office", .admin, password: "initial-pass-1", mustChange: false)
            let store = StaffStore(pool: server.fixture.pool)
            let (first, _) = try await ConsoleTests.signIn(server, login: "office", password: "initial-pass-1")
            let session = try #require(first)
            try await store.setActive(login: "office", active: false, actor: "test")
            #expect(try await store.list().map { "\($0.member.login):\($0.active)" } == ["office:false"])
            #expect(try await server.get("/console", cookie: session).headers[.location] == "/console/login")
            #expect(try await ConsoleTests.signIn(server, login: "office", password: "initial-pass-1").1.status == .unauthorized)
            try await store.setActive(login: "office", active: true, actor: "test")
            let (second, _) = try await ConsoleTests.signIn(server, login: "office", password: "initial-pass-1")
            let again = try #require(second)
            try await store.resetPassword(login: "office", passwordHash: Bcrypt.hash("fresh-initial-9", cost: 4), actor: "test")
            #expect(try await server.get("/console", cookie: again).headers[.location] == "/console/login")
            let (third, reset) = try await ConsoleTests.signIn(server, login: "office", password: "fresh-initial-9")
            #expect(third != nil && reset.headers[.location] == "/console/password")
            await #expect(throws: StaffError.notFound("nobody")) { try await store.setActive(login: "nobody", active: false, actor: "test") }
            #expect(
                try server.fixture.count("SELECT count(*) FROM audit_log WHERE action IN ('staff.disable', 'staff.enable', 'staff.reset-password')")
                    == 3)
        }
    }

    @Test("console forms refuse another origin; under https: HSTS, __Host- cookies, Secure")
    func originAndHTTPS() async throws {
        let configure: @Sendable (inout ServerConfiguration) -> Void = { $0.publicURL = "https://pingyi.example.gov" }
        try await ServerHarness.run(configure: configure) { server in
            try await ConsoleTests.account(server, "office", .admin, password: "initial-pass-1", mustChange: false)
            let page = try await server.get("/console/login")
            #expect(page.headers[.init("Strict-Transport-Security")!] == "max-age=31536000")
            let nonce = try #require(page.headers[.setCookie])
            #expect(nonce.hasPrefix("__Host-pingyi_login=") && Self.attributes(nonce).contains("Path=/") && Self.attributes(nonce).contains("Secure"))
            let opened = try await server.get("/s/\(server.merchantToken(MerchantBallotTests.huawei).text)")
            let ballot = try #require(opened.headers[.setCookie])
            #expect(ballot.hasPrefix("__Host-pingyi_s=") && Self.attributes(ballot).contains("Path=/") && Self.attributes(ballot).contains("Secure"))
            let cookie = String(nonce.split(separator: ";")[0])
            let csrf = String(page.text[page.text.range(of: #"name="csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
            let body = ServerHarness.encode([("csrf", csrf), ("login", "office"), ("password", "initial-pass-1")])
            #expect(try await server.post("/console/login", body: body, cookie: cookie, origin: "https://evil.example").status == .forbidden)
            let signedIn = try await server.post("/console/login", body: body, cookie: cookie, origin: "https://pingyi.example.gov")
            #expect(signedIn.status == .seeOther)
            let session = try #require(signedIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            #expect(session.hasPrefix("__Host-pingyi_console="))
            let progress = try await server.get("/console", cookie: session)
            let token = String(progress.text[progress.text.range(of: #"name="csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
            #expect(
                try await server.post(
                    "/console/campaigns/1/invitations", body: "csrf=\(token)&reissue=none", cookie: session, origin: "https://evil.example"
                ).status == .forbidden)
            let foreign = try await server.post("/console/logout", body: "csrf=\(token)", cookie: session, origin: "https://evil.example")
            #expect(foreign.status == .seeOther)  // sign-out always signs out, whoever asks
        }
    }

    @Test("the per-login delay holds under concurrency: 30 simultaneous wrong sign-ins of one login from 30 addresses, at most 3 reach bcrypt")
    func perLoginDelayUnderConcurrency() async throws {
        try await ServerHarness.run(open: []) { server in
            try await Self.slowAccount(server, password: "correct-horse-1")
            let forms = try await Array(0..<30).asyncMap { _ in try await Self.loginForm(server) }
            let answers = try await Self.together(30) { index in
                try await server.post(
                    "/console/login", body: ServerHarness.encode([("csrf", forms[index].csrf), ("login", "office"), ("password", "wrong-\(index)")]),
                    cookie: forms[index].cookie, from: "198.51.100.\(index + 1)")
            }
            let hashed = answers.filter { $0.0 == .unauthorized }.count
            let delayed = answers.filter { $0.0 == .tooManyRequests && $0.1.contains("秒后再试") }.count
            #expect(hashed <= LoginThrottle.free, "\(hashed) attempts reached bcrypt")
            #expect(hashed + delayed == 30, "\(answers.map(\.0.code))")
        }
    }

    @Test("the current-password check of the password page is delayed per login too: 12 simultaneous wrong guesses, at most 3 checked")
    func currentPasswordDelayUnderConcurrency() async throws {
        try await ServerHarness.run(open: []) { server in
            try await Self.slowAccount(server, password: "initial-pass-1")
            let session = try #require(try await ConsoleTests.signIn(server, login: "office", password: "initial-pass-1").0)
            let csrf = try await server.csrf(path: "/console/password", cookie: session)
            let answers = try await Self.together(12) { index in
                let body = ServerHarness.encode([
                    ("csrf", csrf), ("current", "guess-\(index)"), ("password", "a-new-password-2"), ("again", "a-new-password-2"),
                ])
                return try await server.post("/console/password", body: body, cookie: session)
            }
            let checked = answers.filter { $0.0 == .unprocessableContent && $0.1.contains("当前密码不正确") }.count
            let delayed = answers.filter { $0.0 == .tooManyRequests && $0.1.contains("秒后再试") }.count
            #expect(checked <= LoginThrottle.free, "\(checked) guesses reached bcrypt")
            #expect(checked + delayed == 12, "\(answers.map(\.0.code))")
            #expect(try await ConsoleTests.signIn(server, login: "office", password: "a-new-password-2").1.status != .seeOther)
        }
    }

    @Test("a new password with NUL or another control character is refused in Chinese: bcrypt stops at NUL, so Q\\0123456789 would be the password Q")
    func controlCharactersInNewPasswords() async throws {
        try await ServerHarness.run(open: []) { server in
            try await ConsoleTests.account(server, "office", .admin, password: "initial-pass-1", mustChange: false)
            let session = try #require(try await ConsoleTests.signIn(server, login: "office", password: "initial-pass-1").0)
            let csrf = try await server.csrf(path: "/console/password", cookie: session)
            for password in ["Q\u{0}123456789", "bell\u{7}-password", "two\nline-password", "tab\there-password", "esc\u{1B}[31m-password"] {
                let response = try await server.post(
                    "/console/password",
                    body: ServerHarness.encode([("csrf", csrf), ("current", "initial-pass-1"), ("password", password), ("again", password)]),
                    cookie: session)
                #expect([.badRequest, .unprocessableContent].contains(response.status), "\(password.debugDescription) → \(response.status)")
                #expect(response.text.contains("控制字符"), "\(password.debugDescription)")
            }
            #expect(try await ConsoleTests.signIn(server, login: "office", password: "Q").1.status == .unauthorized)
            #expect(try await ConsoleTests.signIn(server, login: "office", password: "initial-pass-1").1.status == .seeOther)
            #expect(try server.fixture.count("SELECT count(*) FROM audit_log WHERE action = 'staff.change-password'") == 0)
        }
    }

    @Test("IPv4-mapped IPv6 addresses are their IPv4 address: for the trusted proxies, the limiter's key and the client's address")
    func mappedAddresses() async throws {
        #expect(ClientAddress.normalized("::ffff:192.0.2.1") == "192.0.2.1")
        #expect(ClientAddress.normalized("::FFFF:c000:0201") == "192.0.2.1")
        #expect(ClientAddress.normalized("2001:db8::1") == "2001:db8::1" && ClientAddress.normalized("192.0.2.1") == "192.0.2.1")
        #expect(ClientAddress.normalized("::1") == "::1" && ClientAddress.normalized("unknown") == "unknown")
        // One key per IPv4 client, however it is written; IPv6 still by its /64.
        #expect(ClientAddress.limiterKey("::ffff:192.0.2.1") == "192.0.2.1")
        #expect(ClientAddress.limiterKey("::ffff:192.0.2.1") != ClientAddress.limiterKey("::ffff:192.0.2.2"))
        #expect(ClientAddress.limiterKey("2001:db8:1:2::1") == ClientAddress.limiterKey("2001:db8:1:2:ffff::9"))
        let limiter = TokenLookupLimiter(limit: 1, window: .seconds(600))
        await limiter.recordFailure("::ffff:198.51.100.1")
        #expect(await limiter.isBlocked("198.51.100.1"))
        #expect(await !limiter.isBlocked("::ffff:198.51.100.2"))
        // An IPv4 proxy is recognised when the server sees it mapped, and a mapped range is an IPv4 range.
        let proxy = try #require(IPRange("10.0.0.0/8"))
        #expect(proxy.contains("::ffff:10.1.2.3") && !proxy.contains("::ffff:11.1.2.3"))
        let mapped = try #require(IPRange("::ffff:10.0.0.0/104"))
        #expect(mapped == proxy && IPRange("::ffff:10.0.0.0/95") == nil)
        #expect(try #require(IPRange("::ffff:10.0.0.7")).contains("10.0.0.7"))
        // Forwarded entries are normalised too: a client written mapped by one proxy and plain by
        // another is one client; the proxy written mapped is still the proxy.
        let configure: @Sendable (inout ServerConfiguration) -> Void = { $0.trustedProxies = ["10.0.0.0/8"] }
        try await ServerHarness.run(open: [], configure: configure) { server in
            var statuses: [HTTPResponse.Status] = []
            for forwarded in ["::ffff:203.0.113.9, 10.0.0.5", "203.0.113.9, ::ffff:10.0.0.6", "::FFFF:cb00:7109, 10.0.0.5"]
                + Array(repeating: "203.0.113.9", count: 3)
            {
                statuses.append(try await server.get("/s/\(InvitationToken.random().text)", from: forwarded).status)
            }
            #expect(statuses == Array(repeating: .notFound, count: 5) + [.tooManyRequests])
        }
    }

    @Test("dual stack: on ::, IPv4 clients (::ffff:a.b.c.d) count by their own address, and an IPv4 trusted proxy is recognised")
    func dualStack() async throws {
        let configure: @Sendable (inout ServerConfiguration) -> Void = { $0.trustedProxies = ["127.0.0.1"] }
        try await LiveServer.run(host: "::", configure: configure) { server in
            func lookup(from source: String, to host: String = "127.0.0.1", forwarded: String? = nil) async throws -> Int {
                try await server.request(
                    "/s/\(InvitationToken.random().text)", to: host, from: source, headers: forwarded.map { ["X-Forwarded-For": $0] } ?? [:]
                ).status
            }
            // Behind the IPv4 proxy the client is the forwarded address: one client is blocked,
            // another behind the same proxy is not.
            var statuses: [Int] = []
            for _ in 0..<6 { statuses.append(try await lookup(from: "127.0.0.1", forwarded: "203.0.113.7")) }
            #expect(statuses == [404, 404, 404, 404, 404, 429])
            #expect(try await lookup(from: "127.0.0.1", forwarded: "203.0.113.8") == 404)
            // A direct IPv4 client is not the proxy (its forwarded entry is not believed) and has its
            // own count, not the /64 of ::ffff:0:0 shared by every IPv4 client.
            #expect(try await lookup(from: "127.0.0.2", forwarded: "203.0.113.7") == 404)
            for _ in 0..<4 { _ = try await lookup(from: "127.0.0.2") }
            #expect(try await lookup(from: "127.0.0.2") == 429)
            #expect(try await lookup(from: "127.0.0.3") == 404)
            #expect(try await lookup(from: "::1", to: "::1") == 404)
        }
    }

    @Test("a client that hangs up while its request waits for a database connection leaves at once (499): its place in the pool's queue goes")
    func hangUpWhileWaiting() async throws {
        let recorder = LogRecorder()
        var logger = recorder.logger()
        logger.logLevel = .info
        let configure: @Sendable (inout ServerConfiguration) -> Void = { $0.poolSize = 1 }
        try await LiveServer.run(host: "127.0.0.1", logger: logger, configure: configure) { server in
            let lock = try server.fixture.database.connect()
            try lock.query("BEGIN")
            try lock.query("LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE")
            let key = ["Authorization": "Bearer pyk_not-a-key"]
            // This request takes the pool's only connection and waits on the lock.
            async let holder = server.request("/api/v1/audit", to: "127.0.0.1", headers: key)
            // Not a fixed pause (two busy cores make any pause too short): until the holder waits on the lock.
            let settle = ContinuousClock.now + .seconds(10)
            while try lock.query("SELECT count(*) AS n FROM pg_locks WHERE NOT granted")[0].decode("n", as: Int.self) == 0,
                ContinuousClock.now < settle
            {
                try await Task.sleep(for: .milliseconds(20))
            }
            // Six clients queue for the connection, then give up.
            for _ in 0..<6 { try await server.hangUp("/api/v1/audit", to: "127.0.0.1", headers: key) }
            // Their requests end while the connection is still held (before: they waited for it, up
            // to the pool's 10 s checkout timeout each, and then ran for nobody). Under load the
            // six log lines come one by one: read until all are there, the lock held throughout.
            var ended: [String] = []
            let deadline = ContinuousClock.now + .seconds(8)
            repeat {
                try await Task.sleep(for: .milliseconds(50))
                ended = recorder.messages.filter { $0.contains("GET /api/v1/audit") }
            } while ended.count < 6 && ContinuousClock.now < deadline
            #expect(ended.count == 6 && ended.allSatisfy { $0.hasSuffix(" 499") }, "\(ended)")
            try lock.query("ROLLBACK")
            #expect(try await holder.status == 401)
            let started = ContinuousClock.now
            #expect(try await server.request("/api/v1/audit", to: "127.0.0.1", headers: key).status == 401)
            #expect(ContinuousClock.now - started < .seconds(1))
        }
    }

    @Test("a logged value holding \\n and \\r is one line, in the text format and in JSON")
    func logInjection() throws {
        let lines = Mutex<[String]>([])
        let stream = EscapedLogStream { text in lines.withLock { $0.append(text) } }
        var logger = Logger(label: "pingyi.server") { label in StreamLogHandler(label: label, stream: stream, metadataProvider: nil) }
        logger.logLevel = .info
        let forged = "office\n2026-12-03T08:00:00+0000 notice pingyi.server: login=admin [PingyiServer] console: signed in\r\nx\u{1B}[2K\u{2028}\\n"
        logger.notice("console: failed sign-in \(forged)", metadata: ["login": "\(forged)"])
        let text = lines.withLock { $0 }
        #expect(text.count == 1)
        let line = try #require(text.first)
        #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { !$0.isNewline } && !line.contains("\u{1B}"))
        #expect(line.contains(#"office\n2026-12-03T08:00:00+0000 notice"#) && line.contains(#"\r\nx\u{1B}[2K\u{2028}\\n"#))
        #expect(EscapedLogStream.escaped("平易近人 ok") == "平易近人 ok")

        let json = Mutex<[String]>([])
        var jsonLogger = Logger(label: "pingyi.server") { label in JSONLogHandler(label: label) { line in json.withLock { $0.append(line) } } }
        jsonLogger.logLevel = .info
        jsonLogger.notice("console: failed sign-in \(forged)", metadata: ["login": "\(forged)"])
        let written = try #require(json.withLock { $0 }.first)
        #expect(!written.contains("\n") && !written.contains("\r"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        #expect(object["login"] as? String == forged)
    }

    /// The admin account `office` with a bcrypt hash of cost 10 (tens of milliseconds): long
    /// enough that every attempt of a burst is in flight before the first could be counted after
    /// hashing.
    static func slowAccount(_ server: ServerHarness, password: String) async throws {
        _ = try await StaffStore(pool: server.fixture.pool).create(
            login: "office", name: "office", role: .admin, passwordHash: Bcrypt.hash(password, cost: 10), actor: "test")
        try server.fixture.database.connect().query("UPDATE staff SET must_change_password = false")
    }

    /// `count` requests at once; their statuses and bodies.
    static func together(
        _ count: Int, _ request: @escaping @Sendable (Int) async throws -> TestResponse
    ) async throws -> [(HTTPResponse.Status, String)] {
        try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
            for index in 0..<count {
                group.addTask {
                    let response = try await request(index)
                    return (response.status, response.text)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// A Set-Cookie header's attributes.
    static func attributes(_ header: String) -> [String] {
        header.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A fresh sign-in form: its nonce cookie and anti-forgery token.
    static func loginForm(_ server: ServerHarness) async throws -> (cookie: String, csrf: String) {
        let page = try await server.get("/console/login")
        let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let csrf = String(page.text[page.text.range(of: #"name="csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
        return (cookie, csrf)
    }
}

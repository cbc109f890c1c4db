import Crypto
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import NIOPosix
import PingyiCore
import PingyiStore

/// Signing in to the console and out of it: a bcrypt password, a session in PostgreSQL behind an
/// HttpOnly SameSite=Strict cookie, sign-in attempts rate-limited and audited, the initial
/// password changed at first sign-in.
struct ConsoleSessionController: Sendable {
    let gate: ConsoleGate
    let limiter: TokenLookupLimiter

    static let loginCookie = "pingyi_login"
    static let sessionLifetime: Duration = .seconds(8 * 3600)

    var staff: StaffStore { gate.staff }
    var views: Views { gate.views }
    var antiForgery: AntiForgery { gate.antiForgery }
    var configuration: ServerConfiguration { gate.configuration }

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/console/login") { request, _ in loginPage(request, error: nil, login: "", status: .ok) }
        router.post("/console/login") { request, context in try await signIn(request, context: context) }
        router.post("/console/logout") { request, _ in try await signOut(request) }
        router.get("/console/password") { request, _ in
            try await gate.page(request) { visit in
                views.page("console-password", ConsolePasswordPage(member: visit.header, csrf: visit.csrf, error: nil))
            }
        }
        router.post("/console/password") { request, _ in
            try await gate.form(request) { visit, fields in try await changePassword(visit, fields: fields) }
        }
    }

    func loginPage(_ request: Request, error: String?, login: String, status: HTTPResponse.Status) -> Response {
        let nonce = request.cookies[Self.loginCookie]?.value ?? Base64URL.encode(SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) })
        var response = views.page(
            "console-login", ConsoleLoginPage(csrf: antiForgery.token(for: Data(("login:" + nonce).utf8)), login: login, error: error),
            status: status)
        response.setCookie(Cookie(name: Self.loginCookie, value: nonce, path: "/console", secure: configuration.usesHTTPS, httpOnly: true, sameSite: .strict))
        return response
    }

    func signIn(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        var request = request
        let address = ClientAddress.of(request, context: context, trustForwardedFor: configuration.trustForwardedFor)
        let body = try await FormBody.collect(&request, limit: 4096, timeout: configuration.bodyTimeout)
        guard let fields = FormBody.decode(body), let nonce = request.cookies[Self.loginCookie]?.value,
            antiForgery.verify(fields["csrf"], for: Data(("login:" + nonce).utf8))
        else { return views.message(MessagePage(heading: "页面已过期", message: "登录页面已过期，请刷新后重新登录。"), status: .forbidden) }
        let login = (fields["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if await limiter.isBlocked(address) {
            return loginPage(request, error: "尝试次数过多，请 10 分钟后再试。", login: login, status: .tooManyRequests)
        }
        let password = fields["password"] ?? ""
        let found = login.count <= 40 ? try await staff.credentials(login: login) : nil
        // Always run bcrypt, so that an unknown login takes as long as a wrong password.
        let hash = found?.1 ?? "$2b$12$C6UzMDM.H6dfI/f/IKxGhu5FgSLuCdlmNwoZDMj6mTKGJGzm8qQay"
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard let (member, _) = found, matches, !password.isEmpty else {
            await limiter.recordFailure(address)
            context.logger.notice("console: failed sign-in", metadata: ["login": "\(login)"])
            return loginPage(request, error: "登录名或密码错误。", login: login, status: .unauthorized)
        }
        let token = Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
        try await staff.startSession(for: member, tokenHash: ConsoleGate.hash(token), lifetime: Self.sessionLifetime, address: address)
        var response = ConsoleGate.redirect(member.mustChangePassword ? "/console/password" : ConsoleGate.home(member))
        response.setCookie(Cookie(
            name: ConsoleGate.sessionCookie, value: token, maxAge: Int(Self.sessionLifetime.components.seconds), path: "/console",
            secure: configuration.usesHTTPS, httpOnly: true, sameSite: .strict))
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        var request = request
        let body = try await FormBody.collect(&request, limit: 4096, timeout: configuration.bodyTimeout)
        if let token = request.cookies[ConsoleGate.sessionCookie]?.value, let fields = FormBody.decode(body),
            antiForgery.verify(fields["csrf"], for: ConsoleGate.hash(token))
        {
            try await staff.endSession(sessionHash: ConsoleGate.hash(token))
        }
        var response = ConsoleGate.redirect("/console/login")
        response.setCookie(Cookie(
            name: ConsoleGate.sessionCookie, value: "", maxAge: 0, path: "/console", secure: configuration.usesHTTPS, httpOnly: true,
            sameSite: .strict))
        return response
    }

    func changePassword(_ visit: ConsoleVisit, fields: [String: String]) async throws -> Response {
        let password = fields["password"] ?? ""
        func refuse(_ error: String) -> Response {
            views.page("console-password", ConsolePasswordPage(member: visit.header, csrf: visit.csrf, error: error), status: .unprocessableContent)
        }
        guard password.count >= 10, password.count <= 128 else { return refuse("新密码至少 10 个字符。") }
        guard password == fields["again"] else { return refuse("两次输入的新密码不一致。") }
        let cost = configuration.bcryptCost
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
        try await staff.changePassword(memberID: visit.member.id, passwordHash: hash, actor: visit.actor)
        return ConsoleGate.redirect(ConsoleGate.home(visit.member))
    }
}

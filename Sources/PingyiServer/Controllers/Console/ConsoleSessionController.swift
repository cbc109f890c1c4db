import Crypto
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import NIOPosix
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// Signing in to the console and out of it: a bcrypt password, a session in PostgreSQL behind an
/// HttpOnly SameSite=Strict cookie, sign-in attempts rate-limited and audited, the initial
/// password changed at first sign-in.
struct ConsoleSessionController: Sendable {
    let gate: ConsoleGate
    /// Sign-in attempts per client address.
    let limiter: TokenLookupLimiter
    /// Growing delays per login.
    let throttle: LoginThrottle
    /// bcrypt, bounded.
    let hasher: PasswordHasher

    var loginCookie: String { configuration.cookieName("pingyi_login") }
    var sessionCookie: String { gate.sessionCookie }
    var cookiePath: String { configuration.cookiePath("/console") }
    static let sessionLifetime: Duration = .seconds(8 * 3600)

    var staff: StaffStore { gate.staff }
    var views: Views { gate.views }
    var antiForgery: AntiForgery { gate.antiForgery }
    var configuration: ServerConfiguration { gate.configuration }
    var trustedProxies: [IPRange] { gate.trustedProxies }

    /// Signing in and out on `router` (no session needed); the password page in the `console`
    /// group, behind the session.
    func add(to router: Router<PingyiRequestContext>, console: RouterGroup<PingyiRequestContext>) {
        router.get("/console/login", use: self.showLogin)
        router.post("/console/login", use: self.signIn)
        router.post("/console/logout", use: self.signOut)
        console.get("password", use: self.showPassword)
        console.post("password", use: self.savePassword)
    }

    /// `GET /console/password`.
    func showPassword(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: ConsoleGate.anyone)
        return views.page(ConsolePasswordPage(member: visit.header, csrf: visit.csrf, error: nil, asksCurrent: !visit.member.mustChangePassword))
    }

    /// `POST /console/password`.
    func savePassword(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: ConsoleGate.anyone)
        return try await changePassword(visit, fields: fields)
    }

    /// `GET /console/login`.
    func showLogin(_ request: Request, context: PingyiRequestContext) -> Response {
        loginPage(request, error: nil, login: "", status: .ok)
    }

    func loginPage(_ request: Request, error: String?, login: String, status: HTTPResponse.Status) -> Response {
        let nonce = request.cookies[loginCookie]?.value ?? Base64URL.encode(SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) })
        var response = views.page(
            ConsoleLoginPage(csrf: antiForgery.token(for: Data(("login:" + nonce).utf8)), login: login, error: error),
            status: status)
        response.setCookie(
            Cookie(name: loginCookie, value: nonce, path: cookiePath, secure: configuration.usesHTTPS, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Signing in. The attempt is counted against the login's delay and the client address
    /// before bcrypt runs (a burst of concurrent attempts stays within both, and a refused attempt
    /// costs no hashing); bcrypt runs at most one per core with a short queue (503 past it, and the
    /// attempt is given back); a login with repeated failures waits a growing delay (429); a
    /// success forgets the login's failures and gives the address's attempt back. A NUL in the
    /// form (PostgreSQL's text cannot hold it, bcrypt stops at it) is 400 before anything is looked up.
    func signIn(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        var request = request
        guard gate.originCheck.allows(request) else {
            return views.message(MessagePage(heading: "页面已过期", message: "登录页面已过期，请刷新后重新登录。"), status: .forbidden)
        }
        let address = ClientAddress.of(request, context: context, trustedProxies: trustedProxies)
        let body = try await FormBody.collect(&request, limit: 4096, timeout: configuration.bodyTimeout)
        guard let fields = FormBody.decode(body), let nonce = request.cookies[loginCookie]?.value,
            antiForgery.verify(fields["csrf"], for: Data(("login:" + nonce).utf8))
        else { return views.message(MessagePage(heading: "页面已过期", message: "登录页面已过期，请刷新后重新登录。"), status: .forbidden) }
        guard !FormBody.containsNUL(fields) else {
            return loginPage(request, error: "登录名或密码含有不允许的控制字符（如 NUL），请重新输入。", login: "", status: .badRequest)
        }
        let login = (fields["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if let wait = await throttle.reserve(login) {
            return loginPage(request, error: "该账号登录失败次数较多，请 \(Self.seconds(wait)) 秒后再试。", login: login, status: .tooManyRequests)
        }
        guard let reservation = await limiter.reserve(address) else {
            await throttle.refund(login)
            return loginPage(request, error: "尝试次数过多，请 10 分钟后再试。", login: login, status: .tooManyRequests)
        }
        let password = fields["password"] ?? ""
        let found = login.count <= 40 ? try await staff.credentials(login: login) : nil
        // Always run bcrypt, so that an unknown login takes as long as a wrong password.
        let hash: String
        if let found { hash = found.1 } else { hash = try await hasher.dummyHash() }
        guard let matches = try await hasher.verify(password, hash: hash) else {
            await limiter.refund(reservation)
            await throttle.refund(login)
            return loginPage(request, error: "服务器繁忙，请稍后再试。", login: login, status: .serviceUnavailable)
        }
        guard let (member, _) = found, matches, !password.isEmpty else {
            await throttle.failed(login)
            context.logger.notice("console: failed sign-in", metadata: ["login": "\(login)"])
            return loginPage(request, error: "登录名或密码错误。", login: login, status: .unauthorized)
        }
        await limiter.refund(reservation)
        await throttle.succeeded(login)
        let token = Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
        try await staff.startSession(for: member, tokenHash: ConsoleGate.hash(token), lifetime: Self.sessionLifetime, address: address)
        var response = ConsoleGate.redirect(member.mustChangePassword ? "/console/password" : ConsoleGate.home(member))
        response.setCookie(
            Cookie(
                name: sessionCookie, value: token, maxAge: Int(Self.sessionLifetime.components.seconds), path: cookiePath,
                secure: configuration.usesHTTPS, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Signing out always ends the session of the cookie, whatever the form says: a stale or
    /// forged form can at worst sign someone out, never leave a session alive.
    func signOut(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        var request = request
        _ = try await FormBody.collect(&request, limit: 4096, timeout: configuration.bodyTimeout)
        if let token = request.cookies[sessionCookie]?.value, token.utf8.count <= 64 {
            try await staff.endSession(sessionHash: ConsoleGate.hash(token))
        }
        var response = ConsoleGate.redirect("/console/login")
        response.setCookie(
            Cookie(
                name: sessionCookie, value: "", maxAge: 0, path: cookiePath, secure: configuration.usesHTTPS, httpOnly: true,
                sameSite: .strict))
        return response
    }

    /// A new password: the current one is checked first (except at the first sign-in's forced
    /// change, which follows a password just typed), counted against the login's delay before
    /// bcrypt runs, as a sign-in is; the new one must fit bcrypt's 72 bytes and hold no control
    /// character (bcrypt stops at a NUL: `Q\0123456789` would be the password `Q`), and every
    /// other session of the account ends.
    func changePassword(_ visit: ConsoleVisit, fields: [String: String]) async throws -> Response {
        let password = fields["password"] ?? ""
        func refuse(_ error: String, status: HTTPResponse.Status = .unprocessableContent) -> Response {
            views.page(
                ConsolePasswordPage(member: visit.header, csrf: visit.csrf, error: error, asksCurrent: !visit.member.mustChangePassword),
                status: status)
        }
        if !visit.member.mustChangePassword {
            let login = visit.member.login.lowercased()
            if let wait = await throttle.reserve(login) {
                return refuse("当前密码错误次数较多，请 \(Self.seconds(wait)) 秒后再试。", status: .tooManyRequests)
            }
            guard let stored = try await staff.passwordHash(memberID: visit.member.id),
                let matches = try await hasher.verify(fields["current"] ?? "", hash: stored)
            else {
                await throttle.refund(login)
                return refuse("服务器繁忙，请稍后再试。", status: .serviceUnavailable)
            }
            guard matches else {
                await throttle.failed(login)
                return refuse("当前密码不正确。")
            }
            await throttle.succeeded(login)
        }
        guard !password.unicodeScalars.contains(where: Self.isControl) else {
            return refuse("新密码不能含有控制字符（如 NUL、换行、制表符），请只用字母、数字、符号或汉字。")
        }
        guard password.count >= 10 else { return refuse("新密码至少 10 个字符。") }
        guard password.utf8.count <= PasswordHasher.maxPasswordBytes else {
            return refuse("新密码太长：最多 72 字节（约 24 个汉字，或 72 个字母数字）。")
        }
        guard password == fields["again"] else { return refuse("两次输入的新密码不一致。") }
        guard let hash = try await hasher.hash(password) else { return refuse("服务器繁忙，请稍后再试。", status: .serviceUnavailable) }
        try await staff.changePassword(memberID: visit.member.id, passwordHash: hash, keeping: visit.sessionHash, actor: visit.actor)
        return ConsoleGate.redirect(ConsoleGate.home(visit.member))
    }

    /// A control character (Unicode's Cc: C0, DEL, C1) or a line or paragraph separator.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// A wait in whole seconds, rounded up (at least 1).
    static func seconds(_ wait: Duration) -> Int {
        max(1, Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
    }
}

import Crypto
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import NIOPosix
import PingyiCore
import PingyiStore

/// The office's web console: sign-in with a bcrypt password, a session in PostgreSQL behind an
/// HttpOnly SameSite=Strict cookie, an anti-forgery token on every form, sign-in attempts
/// rate-limited, the initial password changed at first sign-in, and role-checked pages.
struct ConsoleController: Sendable {
    let staff: StaffStore
    let invitations: InvitationStore
    let campaigns: CampaignStore
    let scoring: ScoringStore
    let views: Views
    let antiForgery: AntiForgery
    let limiter: TokenLookupLimiter
    let configuration: ServerConfiguration

    static let sessionCookie = "pingyi_console"
    static let loginCookie = "pingyi_login"
    static let sessionLifetime: Duration = .seconds(8 * 3600)

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/console/login") { request, _ in loginPage(request, error: nil, login: "", status: .ok) }
        router.post("/console/login") { request, context in try await signIn(request, context: context) }
        router.post("/console/logout") { request, _ in try await signOut(request) }
        router.get("/console/password") { request, _ in
            try await withMember(request) { member, csrf in
                views.page("console-password", ConsolePasswordPage(member: ConsoleMemberView(member, csrf: csrf), csrf: csrf, error: nil))
            }
        }
        router.post("/console/password") { request, _ in try await changePassword(request) }
        router.get("/console") { request, _ in
            try await withMember(request, roles: [.admin]) { member, csrf in try await progress(member, csrf: csrf) }
        }
        router.get("/console/ranking") { request, _ in
            try await withMember(request, roles: [.admin, .orgdept]) { member, csrf in try await ranking(member, csrf: csrf) }
        }
    }

    // MARK: signing in and out

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
        else { return views.message(.expiredForm, status: .forbidden) }
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
        try await staff.startSession(for: member, tokenHash: Self.hash(token), lifetime: Self.sessionLifetime, address: address)
        var response = Response(status: .seeOther, headers: [.location: member.mustChangePassword ? "/console/password" : Self.home(member)])
        response.setCookie(Cookie(
            name: Self.sessionCookie, value: token, maxAge: Int(Self.sessionLifetime.components.seconds), path: "/console",
            secure: configuration.usesHTTPS, httpOnly: true, sameSite: .strict))
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        var request = request
        let body = try await FormBody.collect(&request, limit: 4096, timeout: configuration.bodyTimeout)
        if let token = request.cookies[Self.sessionCookie]?.value, let fields = FormBody.decode(body),
            antiForgery.verify(fields["csrf"], for: Self.hash(token))
        {
            try await staff.endSession(sessionHash: Self.hash(token))
        }
        var response = Response(status: .seeOther, headers: [.location: "/console/login"])
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/console", secure: configuration.usesHTTPS, httpOnly: true, sameSite: .strict))
        return response
    }

    func changePassword(_ request: Request) async throws -> Response {
        var request = request
        let body = try await FormBody.collect(&request, limit: 4096, timeout: configuration.bodyTimeout)
        return try await withMember(request, allowPasswordChange: true) { member, csrf in
            guard let fields = FormBody.decode(body), antiForgery.verify(fields["csrf"], for: Self.hash(request.cookies[Self.sessionCookie]!.value)) else {
                return views.message(.expiredForm, status: .forbidden)
            }
            let password = fields["password"] ?? ""
            guard password.count >= 10, password.count <= 128 else {
                return views.page("console-password", ConsolePasswordPage(member: ConsoleMemberView(member, csrf: csrf), csrf: csrf, error: "新密码至少 10 个字符。"), status: .unprocessableContent)
            }
            guard password == fields["again"] else {
                return views.page("console-password", ConsolePasswordPage(member: ConsoleMemberView(member, csrf: csrf), csrf: csrf, error: "两次输入的新密码不一致。"), status: .unprocessableContent)
            }
            let cost = configuration.bcryptCost
            let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
            try await staff.changePassword(memberID: member.id, passwordHash: hash, actor: "staff:\(member.login)")
            return Response(status: .seeOther, headers: [.location: Self.home(member)])
        }
    }

    /// Runs `page` for the member of the request's session: no session → the sign-in page; a
    /// password still to change → the password page; a role not in `roles` → 403.
    func withMember(
        _ request: Request, roles: Set<APIRole> = Set(APIRole.allCases), allowPasswordChange: Bool = true,
        _ page: (StaffMember, String) async throws -> Response
    ) async throws -> Response {
        guard let token = request.cookies[Self.sessionCookie]?.value, token.utf8.count <= 64,
            let member = try await staff.member(sessionHash: Self.hash(token))
        else { return Response(status: .seeOther, headers: [.location: "/console/login"]) }
        let csrf = antiForgery.token(for: Self.hash(token))
        if member.mustChangePassword, request.uri.path != "/console/password" {
            return Response(status: .seeOther, headers: [.location: "/console/password"])
        }
        guard roles.contains(member.role) else {
            return views.message(MessagePage(heading: "无权访问", message: "您的账号没有查看此页面的权限。"), status: .forbidden)
        }
        return try await page(member, csrf)
    }

    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    static func home(_ member: StaffMember) -> String { member.role == .admin ? "/console" : "/console/ranking" }

    // MARK: pages

    func progress(_ member: StaffMember, csrf: String) async throws -> Response {
        var lines: [ConsoleProgressPage.CampaignLine] = []
        for campaign in try await campaigns.list() where campaign.state == .open {
            let status = try await invitations.status(campaignID: campaign.id)
            lines.append(.init(
                title: "\(campaign.year) 年度「\(campaign.kind.label)」（活动 \(campaign.id)）", issued: status.issued, used: status.used,
                rate: Figures.percent(status.responseRate),
                departments: status.departments.map {
                    .init(name: $0.name, used: $0.used, issued: $0.issued, rate: Figures.percent($0.responseRate), bar: Int(($0.responseRate * 120).rounded()))
                }))
        }
        return views.page("console-progress", ConsoleProgressPage(member: ConsoleMemberView(member, csrf: csrf), campaigns: lines))
    }

    func ranking(_ member: StaffMember, csrf: String) async throws -> Response {
        let years = try await campaigns.list().map(\.year)
        guard let year = years.max() else {
            return views.message(MessagePage(heading: "还没有评分结果", message: "请先运行 pingyi score。"), status: .ok)
        }
        // The newest year with a run; the official run where there is one.
        for candidate in Set(years).sorted(by: >) {
            var run = try? await scoring.run(year: candidate, officialOnly: true)
            if run == nil { run = try? await scoring.run(year: candidate) }
            if let run {
                return views.page("console-ranking", ConsoleRankingPage(member: ConsoleMemberView(member, csrf: csrf), run: run))
            }
        }
        return views.message(MessagePage(heading: "还没有评分结果", message: "\(year) 年度还没有评分，请先运行 pingyi score \(year)。"), status: .ok)
    }
}

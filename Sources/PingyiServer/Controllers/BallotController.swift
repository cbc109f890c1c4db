import Foundation
import Hummingbird
import Logging
import PingyiCore
import PingyiPostgres
import PingyiStore

/// The public form of one campaign kind: the merchant ballot under `/s`, the supervisor's star
/// rating under `/r`.
///
/// - `GET /s/{token}` looks the token up by its hash; a usable one is put in an HttpOnly,
///   SameSite=Lax cookie and answered 303 to `/s`, so the token leaves the address bar and no
///   later request's Referer carries it. Lax, not Strict: a link clicked on another site (an
///   official-account article, a web mail) is a cross-site navigation, and a Strict cookie set
///   on its first response is not sent with the redirect that follows. Unknown, revoked and
///   malformed tokens get the same 404 page.
/// - `GET /s` shows the form; `POST /s` checks it against the template and, in one statement,
///   claims the invitation and puts the ballot in the ballot box, then 303s to `/s/thanks`.
///   The cookie stays after a submission, so going Back to `/s` shows 「已提交」.
struct BallotController: Sendable {
    let kind: CampaignKind
    let store: BallotStore
    let views: Views
    let antiForgery: AntiForgery
    let limiter: TokenLookupLimiter
    let configuration: ServerConfiguration
    /// The Origin rule of form posts, made once.
    private let originCheck: OriginCheck
    /// The trusted proxies, parsed once.
    private let trustedProxies: [IPRange]

    init(
        kind: CampaignKind, store: BallotStore, views: Views, antiForgery: AntiForgery, limiter: TokenLookupLimiter,
        configuration: ServerConfiguration
    ) {
        self.kind = kind
        self.store = store
        self.views = views
        self.antiForgery = antiForgery
        self.limiter = limiter
        self.configuration = configuration
        originCheck = OriginCheck(publicURL: configuration.publicURL)
        trustedProxies = configuration.trustedProxyRanges
    }

    private var path: String { kind == .merchantReview ? "/s" : "/r" }
    private var cookieName: String { configuration.cookieName(kind == .merchantReview ? "pingyi_s" : "pingyi_r") }

    func add(to router: Router<PingyiRequestContext>) {
        router.get("\(path)/thanks") { _, _ in views.message(.thanks, status: .ok) }
        router.get("\(path)/:token") { request, context in try await open(request, context: context) }
        router.get(RouterPath(path)) { request, context in try await form(request, context: context) }
        router.post("\(path)/code") { request, context in try await enterCode(request, context: context) }
        router.post(RouterPath(path)) { request, context in try await submit(request, context: context) }
    }

    /// `GET /s/{token}`
    func open(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let address = ClientAddress.of(request, context: context, trustedProxies: trustedProxies)
        if await limiter.isBlocked(address) {
            context.logger.notice("token look-ups rate-limited", metadata: ["client": "\(address)"])
            return views.message(.tooManyAttempts, status: .tooManyRequests)
        }
        guard let token = context.parameters.get("token").flatMap(InvitationToken.init(text:)) else {
            await limiter.recordFailure(address)
            return views.message(.invalidLink, status: .notFound)
        }
        switch try await store.lookup(tokenHash: token.hash) {
        case .open(let invitation) where invitation.campaign.kind == kind:
            return toForm(cookie: token.text)
        case .alreadyUsed:
            return views.message(.alreadySubmitted, status: .conflict)
        case .notAccepting(let acceptance):
            return notAccepting(acceptance)
        case .notFound, .open:
            await limiter.recordFailure(address)
            return views.message(.invalidLink, status: .notFound)
        }
    }

    /// `GET /s` — a token in the cookie is looked up like one in the path, so failures count
    /// against the same limit (else the cookie would be a way around it).
    func form(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let address = ClientAddress.of(request, context: context, trustedProxies: trustedProxies)
        if request.cookies[cookieName] != nil, await limiter.isBlocked(address) {
            return views.message(.tooManyAttempts, status: .tooManyRequests)
        }
        guard request.cookies[cookieName] != nil else {
            // Opened without a link: the form for the typed code of a printed letter.
            return views.page("code", CodeEntryPage(action: "\(path)/code", failed: false))
        }
        guard let tokenHash = try await cookieTokenHash(request) else {
            await limiter.recordFailure(address)
            return views.message(.invalidLink, status: .notFound)
        }
        switch try await store.lookup(tokenHash: tokenHash) {
        case .open(let invitation) where invitation.campaign.kind == kind:
            let page = BallotPage(invitation: invitation, action: path, csrf: antiForgery.token(for: tokenHash))
            return views.page("ballot", page)
        case .alreadyUsed:
            return views.message(.alreadySubmitted, status: .conflict)
        case .notAccepting(let acceptance):
            return notAccepting(acceptance)
        case .notFound, .open:
            await limiter.recordFailure(address)
            return views.message(.invalidLink, status: .notFound)
        }
    }

    /// `POST /s`
    func submit(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        var request = request
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return views.message(.badForm, status: .unsupportedMediaType)
        }
        guard originCheck.allows(request) else {
            context.logger.notice("form posted from a foreign origin")
            return views.message(.expiredForm, status: .forbidden)
        }
        guard let tokenHash = try await cookieTokenHash(request) else { return views.message(.invalidLink, status: .notFound) }
        // Room for the longest ballot an open campaign's form allows (`BallotLength`).
        let limit = try await store.formBodyLimit(kind: kind)
        let body = try await FormBody.collect(&request, limit: limit, timeout: configuration.bodyTimeout)
        guard let fields = FormBody.decode(body) else {
            return views.message(.badForm, status: .badRequest)
        }
        guard antiForgery.verify(fields[BallotField.csrf], for: tokenHash) else {
            return views.message(.expiredForm, status: .forbidden)
        }
        let allowSigned = kind == .starRating
        let attempt: SubmitAttempt
        do {
            attempt = try await store.submit(tokenHash: tokenHash, kind: kind) { invitation in
                BallotValidator.validate(fields, template: invitation.campaign.template, targets: invitation.targets, allowSigned: allowSigned)
            }
        } catch let error where HTTPProblem.of(error)?.status == .serviceUnavailable {
            // A failover or restart under way: whether the ballot reached the database is unknown
            // here, so the answers go back to be posted again (safe: one ballot per invitation).
            if let failure = error as? PostgresError { PingyiMetrics.databaseError(failure) }
            context.logger.warning("database unavailable during a ballot", metadata: ["error": "\(String(reflecting: error))"])
            let page = RetryPage(action: path, fields: fields)
            var response = views.page("retry", page, status: .serviceUnavailable)
            response.headers[.retryAfter] = "\(page.seconds)"
            response.headers[.cacheControl] = "no-store"
            return response
        }
        PingyiMetrics.ballot(kind: kind.rawValue, outcome: Self.outcome(attempt))
        switch attempt {
        case .notSubmitted(.alreadyUsed), .submitted(.alreadyUsed):
            return views.message(.alreadySubmitted, status: .conflict)
        case .notSubmitted(.notAccepting(let acceptance)), .submitted(.notAccepting(let acceptance)):
            return notAccepting(acceptance)
        case .notSubmitted, .submitted(.notFound):
            return views.message(.invalidLink, status: .notFound)
        case .invalid(let invitation, .invalid(let problems)):
            let page = BallotPage(invitation: invitation, action: path, csrf: antiForgery.token(for: tokenHash), values: fields, problems: problems)
            var response = views.page("ballot", page, status: .unprocessableContent)
            // Kept in the browser's own cache (not `no-store`): this page is the answer to a POST,
            // and a history entry the browser may not keep is re-POSTed on Back — Chromium shows
            // 「确认重新提交表单」 (ERR_CACHE_MISS) instead, after the ballot went through.
            response.headers[.cacheControl] = "private, no-cache"
            return response
        case .invalid(_, let validation):
            context.logger.notice("malformed ballot form", metadata: ["reason": "\(Self.reason(validation))"])
            return views.message(.badForm, status: .badRequest)
        case .submitted(.accepted):
            return Response(status: .seeOther, headers: [.location: "\(path)/thanks"])
        }
    }

    /// The outcome of a submission, for the metrics: never anything about who.
    static func outcome(_ attempt: SubmitAttempt) -> String {
        switch attempt {
        case .submitted(.accepted): "accepted"
        case .notSubmitted(.alreadyUsed), .submitted(.alreadyUsed): "already_used"
        case .notSubmitted(.notAccepting), .submitted(.notAccepting): "not_accepting"
        case .notSubmitted, .submitted(.notFound): "not_found"
        case .invalid(_, .invalid): "invalid"
        case .invalid: "malformed"
        }
    }

    private static func reason(_ validation: BallotValidation) -> String {
        if case .malformed(let reason) = validation { return reason }
        return "invalid"
    }

    private func notAccepting(_ acceptance: CampaignAcceptance) -> Response {
        switch acceptance {
        case .notYetOpen(let opensAt): views.message(.notYetOpen(opensAt: opensAt), status: .forbidden)
        case .closed, .accepting: views.message(.closed, status: .gone)
        }
    }

    /// 303 to the form, with the invitation in the HttpOnly, SameSite=Lax cookie of the form's path.
    private func toForm(cookie value: String) -> Response {
        var response = Response(status: .seeOther, headers: [.location: path])
        response.setCookie(
            Cookie(
                name: cookieName, value: value, path: configuration.cookiePath(path), secure: configuration.usesHTTPS, httpOnly: true,
                sameSite: .lax))
        return response
    }

    /// The invitation of the cookie, as its token hash: the cookie holds the link's token, or
    /// `code:` and the typed code of a letter (looked up by its hash).
    private func cookieTokenHash(_ request: Request) async throws -> Data? {
        guard let value = request.cookies[cookieName]?.value else { return nil }
        if value.hasPrefix("code:") {
            guard let code = InvitationCode(typed: String(value.dropFirst(5))) else { return nil }
            return try await store.tokenHash(code: code)
        }
        return InvitationToken(text: value)?.hash
    }

    /// `POST /s/code` — the typed code of a printed letter: a known code goes into the cookie
    /// like a link's token (303 to the form); a wrong one counts against the same limit as
    /// guessed links and shows the form again.
    func enterCode(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        var request = request
        let address = ClientAddress.of(request, context: context, trustedProxies: trustedProxies)
        if await limiter.isBlocked(address) { return views.message(.tooManyAttempts, status: .tooManyRequests) }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return views.message(.badForm, status: .unsupportedMediaType)
        }
        guard originCheck.allows(request) else { return views.message(.expiredForm, status: .forbidden) }
        let body = try await FormBody.collect(&request, limit: 1024, timeout: configuration.bodyTimeout)
        guard let code = FormBody.decode(body)?["code"].flatMap(InvitationCode.init(typed:)),
            let tokenHash = try await store.tokenHash(code: code)
        else {
            await limiter.recordFailure(address)
            return views.page("code", CodeEntryPage(action: "\(path)/code", failed: true), status: .notFound)
        }
        switch try await store.lookup(tokenHash: tokenHash) {
        case .open(let invitation) where invitation.campaign.kind == kind:
            return toForm(cookie: "code:" + code.text)
        case .alreadyUsed:
            return views.message(.alreadySubmitted, status: .conflict)
        case .notAccepting(let acceptance):
            return notAccepting(acceptance)
        case .notFound, .open:
            await limiter.recordFailure(address)
            return views.page("code", CodeEntryPage(action: "\(path)/code", failed: true), status: .notFound)
        }
    }
}

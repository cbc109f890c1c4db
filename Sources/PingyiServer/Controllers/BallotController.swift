import Crypto
import Foundation
import Hummingbird
import Logging
import PingyiConfiguration
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiTally

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
    /// The key typed codes are stored under.
    let codeKey: InvitationCodeKey
    let configuration: ServerConfiguration
    /// The content-type and Origin checks of the form posts, made once.
    private let formPosts: FormPostMiddleware
    /// The trusted proxies, parsed once.
    private let trustedProxies: [IPRange]

    init(
        kind: CampaignKind, store: BallotStore, views: Views, antiForgery: AntiForgery, limiter: TokenLookupLimiter,
        codeKey: InvitationCodeKey, configuration: ServerConfiguration
    ) {
        self.kind = kind
        self.store = store
        self.views = views
        self.antiForgery = antiForgery
        self.limiter = limiter
        self.codeKey = codeKey
        self.configuration = configuration
        formPosts = FormPostMiddleware(views: views, originCheck: OriginCheck(publicURL: configuration.publicURL))
        trustedProxies = configuration.trustedProxyRanges
    }

    private var path: String { kind == .merchantReview ? "/s" : "/r" }
    private var cookieName: String { configuration.cookieName(kind == .merchantReview ? "pingyi_s" : "pingyi_r") }

    func add(to router: Router<PingyiRequestContext>) {
        router.get("\(path)/thanks", use: thanks)
        router.get("\(path)/done", use: alreadySubmitted)
        router.get("\(path)/:token", use: open)
        router.get(RouterPath(path), use: form)
        let posts = router.group().add(middleware: formPosts)
        posts.post("\(path)/code", use: enterCode)
        posts.post(RouterPath(path), use: submit)
    }

    /// `GET /s/thanks`.
    @Sendable func thanks(_ request: Request, context: PingyiRequestContext) -> Response {
        // A ballot of the joint count: the cookie says its tracking code, nothing more.
        if let value = request.cookies[cookieName]?.value, value.hasPrefix(Self.submittedMarker + ":"),
            let code = TrackingCode.normalized(String(value.dropFirst(Self.submittedMarker.count + 1)))
        {
            var response = views.message(.thanks(trackingCode: code, trackURL: configuration.publicURL + "/track"), status: .ok)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        return views.message(.thanks, status: .ok)
    }

    /// `GET /s/done` — 「已提交」 (`?code`: said of a typed code).
    @Sendable func alreadySubmitted(_ request: Request, context: PingyiRequestContext) -> Response {
        views.message(request.uri.query == "code" ? .codeAlreadySubmitted : .alreadySubmitted, status: .ok)
    }

    /// The answer to a look-up that did not lead to this kind's open form, and `ifOpen`'s when
    /// it did: the same for a link, the cookie and a typed code (`code`), except that an unknown
    /// typed code gets `unknown` (its entry page again) rather than the invalid-link page.
    private func answer(
        _ lookup: InvitationLookup, code: Bool, unknown: (() -> Response)? = nil, ifOpen: (BallotInvitation) -> Response
    ) -> Response {
        switch lookup {
        case .open(let invitation) where invitation.campaign.kind == kind:
            ifOpen(invitation)
        case .alreadyUsed:
            done(code: code)
        case .notAccepting(let acceptance):
            notAccepting(acceptance)
        case .notFound, .open:
            unknown?() ?? views.message(.invalidLink, status: .notFound)
        }
    }

    /// `GET /s/{token}` — every look-up of a token or code is counted against the client's
    /// limit before it is made (a burst cannot overshoot), and given back when the invitation
    /// exists: only guesses use the limit up.
    @Sendable func open(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let address = ClientAddress.of(request, context: context, trustedProxies: trustedProxies)
        guard let reservation = await limiter.reserve(address) else {
            context.logger.notice("token look-ups rate-limited", metadata: ["client": "\(address)"])
            return views.message(.tooManyAttempts, status: .tooManyRequests)
        }
        guard let token = context.parameters.get("token").flatMap(InvitationToken.init(text:)) else {
            return views.message(.invalidLink, status: .notFound)
        }
        let lookup = try await store.lookup(tokenHash: token.hash)
        if isKnown(lookup) { await limiter.refund(reservation) }
        return answer(lookup, code: false) { _ in toForm(cookie: token.text) }
    }

    /// `GET /s` — a token or code in the cookie is looked up like one in the path, counted
    /// against the same limit (else the cookie would be a way around it).
    @Sendable func form(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        // The ballot was submitted from this browser (the cookie says so, nothing more).
        if isSubmitted(request) { return done() }
        guard let credential = cookieCredential(request) else {
            if request.cookies[cookieName] == nil {
                // Opened without a link: the form for the typed code of a printed letter.
                return views.page("code", CodeEntryPage(action: "\(path)/code", failed: false, typed: ""))
            }
            return views.message(.invalidLink, status: .notFound)
        }
        let address = ClientAddress.of(request, context: context, trustedProxies: trustedProxies)
        guard let reservation = await limiter.reserve(address) else { return views.message(.tooManyAttempts, status: .tooManyRequests) }
        guard let tokenHash = try await resolve(credential) else { return views.message(.invalidLink, status: .notFound) }
        let lookup = try await store.lookup(tokenHash: tokenHash)
        if isKnown(lookup) { await limiter.refund(reservation) }
        return answer(lookup, code: credential.code != nil) { invitation in
            views.page(
                "ballot", BallotPage(invitation: invitation, action: path, csrf: antiForgery.token(for: credential.binding, grant: invitation.grant)))
        }
    }

    /// `POST /s` — the anti-forgery token is bound to the cookie itself and checked before any
    /// look-up, so a guessed code with a forged form gets the same answer whether the code
    /// exists or not, and counts as a failure. A valid token comes only from a form page whose
    /// look-up was counted already, so the submission itself reserves nothing: simultaneous
    /// submissions from one address (a double click, an office behind one NAT) are not refused.
    /// For the same reason a form with a valid token goes through even when its address has used
    /// up its failures: others' wrong codes behind the same NAT must not cost a merchant the
    /// ballot already filled in. Without a valid token, a blocked address gets 429.
    @Sendable func submit(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        var request = request
        let address = ClientAddress.of(request, context: context, trustedProxies: trustedProxies)
        let blocked = await limiter.isBlocked(address)
        // Posted again from Chromium's 「确认重新提交表单」 after the ballot went through.
        if isSubmitted(request) { return done() }
        guard let credential = cookieCredential(request) else {
            if blocked { return views.message(.tooManyAttempts, status: .tooManyRequests) }
            await limiter.recordFailure(address)
            return views.message(.invalidLink, status: .notFound)
        }
        // Room for the longest ballot an open campaign's form allows (`BallotLength`).
        let limit = await store.formBodyLimit(kind: kind)
        let body = try await FormBody.collect(&request, limit: limit, timeout: configuration.bodyTimeout)
        guard let fields = FormBody.decode(body) else {
            return views.message(.badForm, status: .badRequest)
        }
        guard case .valid(let grant) = antiForgery.check(fields[BallotField.csrf], for: credential.binding) else {
            if blocked { return views.message(.tooManyAttempts, status: .tooManyRequests) }
            await limiter.recordFailure(address)
            return views.message(.expiredForm, status: .forbidden)
        }
        let allowSigned = kind == .starRating
        let validate: @Sendable (BallotInvitation) -> BallotValidation = { invitation in
            BallotValidator.validate(fields, template: invitation.campaign.template, targets: invitation.targets, allowSigned: allowSigned)
        }
        let attempt: SubmitAttempt
        do {
            if let grant, let match = match(credential) {
                // The form vouches for its campaign and departments: one round trip, the claim.
                attempt = try await store.submit(match: match, grant: grant, kind: kind, validate: validate)
            } else {
                guard let tokenHash = try await resolve(credential) else { return views.message(.invalidLink, status: .notFound) }
                attempt = try await store.submit(tokenHash: tokenHash, kind: kind, validate: validate)
            }
        } catch let error where HTTPProblem.of(error)?.status == .serviceUnavailable {
            // A failover or restart under way (a typed code's look-up included): whether the
            // ballot reached the database is unknown here, so the answers go back to be posted
            // again (safe: one ballot per invitation). Logged without anything of the invitation.
            if let failure = error as? PostgresError { PingyiMetrics.databaseError(failure) }
            context.logger.warning("database unavailable during a ballot")
            let page = RetryPage(action: path, fields: fields)
            var response = views.page("retry", page, status: .serviceUnavailable)
            response.headers[.retryAfter] = "\(page.seconds)"
            response.headers[.cacheControl] = "no-store"
            return response
        }
        let guessed =
            switch attempt {
            case .notSubmitted(let lookup): !isKnown(lookup)
            case .submitted(.notFound): true
            default: false
            }
        if guessed { await limiter.recordFailure(address) }
        PingyiMetrics.ballot(kind: kind.rawValue, outcome: Self.outcome(attempt))
        switch attempt {
        case .notSubmitted(.alreadyUsed), .submitted(.alreadyUsed):
            return done(code: credential.code != nil)
        case .notSubmitted(.notAccepting(let acceptance)), .submitted(.notAccepting(let acceptance)):
            return notAccepting(acceptance)
        case .notSubmitted, .submitted(.notFound):
            return views.message(.invalidLink, status: .notFound)
        case .invalid(let invitation, .invalid(let problems)):
            let page = BallotPage(
                invitation: invitation, action: path, csrf: antiForgery.token(for: credential.binding, grant: invitation.grant), values: fields,
                problems: problems)
            // `no-store` like every form page: once the ballot went through, Back to this entry
            // must not show the filled form again from a cache. Chromium asks to post it again
            // (「确认重新提交表单」), and a second post is answered with 「已提交」.
            return views.page("ballot", page, status: .unprocessableContent)
        case .invalid(_, let validation):
            // Which rule the form broke, never anything of the invitation.
            context.logger.notice("malformed ballot form", metadata: ["reason": "\(Self.reason(validation))"])
            return views.message(.badForm, status: .badRequest)
        case .submitted(.accepted):
            // The cookie becomes a plain marker: the form is never served from it again, and a
            // changed cookie keeps Chromium from restoring the filled form from its
            // back/forward cache (it does so for `no-store` pages whose cookies did not change).
            var response = Response(status: .seeOther, headers: [.location: "\(path)/thanks"])
            response.setCookie(cookie(Self.submittedMarker))
            return response
        case .submitted(.counted(let trackingCode)):
            // The same, with the tracking code for the thanks page to show (never in the URL).
            var response = Response(status: .seeOther, headers: [.location: "\(path)/thanks"])
            response.setCookie(cookie(Self.submittedMarker + ":" + trackingCode))
            return response
        }
    }

    /// Whether a look-up found an invitation of this form (a guess finds none).
    private func isKnown(_ lookup: InvitationLookup) -> Bool {
        switch lookup {
        case .open(let invitation): invitation.campaign.kind == kind
        case .alreadyUsed, .notAccepting: true
        case .notFound: false
        }
    }

    /// The outcome of a submission, for the metrics: never anything about who.
    static func outcome(_ attempt: SubmitAttempt) -> String {
        switch attempt {
        case .submitted(.accepted), .submitted(.counted): "accepted"
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
        response.setCookie(cookie(value))
        return response
    }

    /// The form's cookie holding `value`.
    private func cookie(_ value: String) -> Cookie {
        Cookie(
            name: cookieName, value: value, path: configuration.cookiePath(path), secure: configuration.usesHTTPS, httpOnly: true, sameSite: .lax)
    }

    /// What the cookie holds once this browser submitted its ballot (with `:` and the tracking
    /// code for a ballot of the joint count).
    static let submittedMarker = "submitted"

    /// Whether the cookie says this browser submitted its ballot.
    private func isSubmitted(_ request: Request) -> Bool {
        guard let value = request.cookies[cookieName]?.value else { return false }
        return value == Self.submittedMarker || value.hasPrefix(Self.submittedMarker + ":")
    }

    /// 303 to 「已提交」: every way to a used invitation (the link, the cookie, the typed code, a
    /// second post) ends on the same page, which holds no form.
    private func done(code: Bool = false) -> Response {
        Response(status: .seeOther, headers: [.location: "\(path)/done" + (code ? "?code" : "")])
    }

    /// What the ballot cookie holds: a link's token, or `code:` and a letter's typed code.
    struct Credential {
        /// The token's hash (a link), known without the database.
        let tokenHash: Data?
        /// The typed code, looked up by its keyed hash.
        let code: InvitationCode?
        /// What the form's anti-forgery token is bound to: the token's hash, or a hash of the code.
        let binding: Data

        /// What a typed code's form is bound to.
        static func binding(code: InvitationCode) -> Data {
            Data(SHA256.hash(data: Data(("code:" + code.text).utf8)))
        }
    }

    /// The cookie's credential, or `nil` when there is none or it does not read.
    private func cookieCredential(_ request: Request) -> Credential? {
        guard let value = request.cookies[cookieName]?.value else { return nil }
        if value.hasPrefix("code:") {
            guard let code = InvitationCode(typed: String(value.dropFirst(5))) else { return nil }
            return Credential(tokenHash: nil, code: code, binding: Credential.binding(code: code))
        }
        guard let hash = InvitationToken(text: value)?.hash else { return nil }
        return Credential(tokenHash: hash, code: nil, binding: hash)
    }

    /// How the claim finds the invitation: the link's token hash, or the typed code's keyed hash.
    private func match(_ credential: Credential) -> InvitationMatch? {
        if let hash = credential.tokenHash { return .tokenHash(hash) }
        return credential.code.map { .codeHash(codeKey.mac($0)) }
    }

    /// The invitation's token hash: the link's own, or the one stored with the typed code.
    private func resolve(_ credential: Credential) async throws -> Data? {
        if let hash = credential.tokenHash { return hash }
        guard let code = credential.code else { return nil }
        return try await store.tokenHash(code: code, key: codeKey)
    }

    /// `POST /s/code` — the typed code of a printed letter: a known code goes into the cookie
    /// like a link's token (303 to the form); a wrong one counts against the same limit as
    /// guessed links and shows the form again.
    @Sendable func enterCode(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        var request = request
        let address = ClientAddress.of(request, context: context, trustedProxies: trustedProxies)
        guard let reservation = await limiter.reserve(address) else { return views.message(.tooManyAttempts, status: .tooManyRequests) }
        let body = try await FormBody.collect(&request, limit: 1024, timeout: configuration.bodyTimeout)
        // Shown again for correction: visible characters only.
        let typed = String(
            String.UnicodeScalarView((FormBody.decode(body)?["code"] ?? "").unicodeScalars.filter { !CountyIdentity.isRefused($0) }).prefix(20))
        let wrongCode = { views.page("code", CodeEntryPage(action: "\(path)/code", failed: true, typed: typed), status: .notFound) }
        guard let code = InvitationCode(typed: typed), let tokenHash = try await store.tokenHash(code: code, key: codeKey) else {
            return wrongCode()
        }
        let lookup = try await store.lookup(tokenHash: tokenHash)
        if isKnown(lookup) { await limiter.refund(reservation) }
        return answer(lookup, code: true, unknown: wrongCode) { _ in toForm(cookie: "code:" + code.text) }
    }
}

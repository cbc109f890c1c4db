import HTTPTypes
import Hummingbird

/// Adds the security headers to every response: a Content-Security-Policy that allows no script
/// and no framing, no MIME sniffing, a Referer only to our own origin, and no caching of pages
/// that may hold a respondent's answers.
///
/// `Referrer-Policy: same-origin`, not `no-referrer`: under `no-referrer` browsers send
/// `Origin: null` on a form POST (Fetch standard, "serialize a request origin"), which the
/// ballot's origin check has to treat as unknown. A same-origin referrer leaks nothing: after
/// `GET /s/TOKEN` the browser is on `/s`, so no request carries the token, and nothing is sent
/// to other sites.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether the site is served over HTTPS: then browsers are told to use nothing else
    /// (`Strict-Transport-Security`, a year).
    let https: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // The console may run its own script; the respondents' forms run none.
        response.headers[.contentSecurityPolicy] =
            request.uri.path.hasPrefix("/console") ? SecurityHeaders.consoleContentSecurityPolicy : SecurityHeaders.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[SecurityHeaders.referrerPolicy] = "same-origin"
        response.headers[SecurityHeaders.frameOptions] = "DENY"
        if https { response.headers[SecurityHeaders.strictTransportSecurity] = "max-age=31536000" }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// The header values, made once.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    /// The console's: the same, and scripts from our own origin (`/static/console.js`) only.
    static let consoleContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
}

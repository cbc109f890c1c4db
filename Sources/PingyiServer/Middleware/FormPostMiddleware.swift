import Hummingbird
import Logging

/// The checks every public form post passes before its route reads anything: the body must be
/// a URL-encoded form (else 415 with 「表单无法识别」) and the `Origin` ours (`OriginCheck`; else
/// 403 with the expired-form page). On the ballot's `POST /s` and `/r` and the typed code's
/// `POST /s/code` and `/r/code`.
struct FormPostMiddleware: RouterMiddleware {
    typealias Context = PingyiRequestContext
    let views: Views
    let originCheck: OriginCheck

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return views.message(.badForm, status: .unsupportedMediaType)
        }
        guard originCheck.allows(request) else {
            context.logger.notice("form posted from a foreign origin")
            return views.message(.expiredForm, status: .forbidden)
        }
        return try await next(request, context)
    }
}

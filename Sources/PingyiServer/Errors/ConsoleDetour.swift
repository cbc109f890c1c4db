import Hummingbird

/// Where a console request goes instead of its page, before any member is admitted to it:
/// thrown by `ConsoleGate`, answered by `ConsoleSessionMiddleware`.
enum ConsoleDetour: Error, Sendable {
    /// 303 to another page: the sign-in page (no session), the password page (still to change).
    case redirect(String)
    /// A plain message page: a form from another origin, an upload that is not one.
    case message(MessagePage, HTTPResponse.Status)

    /// The response.
    func response(_ views: Views) -> Response {
        switch self {
        case .redirect(let location): ConsoleGate.redirect(location)
        case .message(let page, let status): views.message(page, status: status)
        }
    }
}

import Hummingbird
import Logging
import PingyiPostgres

/// Turns every error of the pages into a page in Chinese with the status `HTTPProblem.of` gives
/// it: the client's own mistakes are 4xx, a database that cannot be reached is 503, anything
/// else is 500 and logged. Database detail goes to the log, never to the page. (The API's
/// errors are JSON, by `APIErrorMiddleware` on its route group; a request under the group's
/// path that matches no route is answered as JSON here.)
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = PingyiRequestContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let failure = error as? PostgresError { PingyiMetrics.databaseError(failure) }
            // The API's routes answer their errors themselves (APIErrorMiddleware); what reaches
            // here from the API's path matched no route (a wrong path or method): JSON as well.
            if APIError.covers(request.uri.path) {
                return (HTTPProblem.of(error).map { $0.status == .notFound ? APIError.notFound("接口不存在").problem : $0 } ?? .internal).json
            }
            guard let problem = HTTPProblem.of(error) else {
                context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
                return views.message(
                    MessagePage(heading: "系统错误", message: "处理您的请求时出现错误，未作任何记录。请稍后再试。"), status: .internalServerError)
            }
            if problem.status == .serviceUnavailable {
                context.logger.warning("database unavailable", metadata: ["error": "\(String(reflecting: error))"])
                return views.message(
                    MessagePage(heading: "系统繁忙", message: "系统暂时无法处理您的请求，请稍后再试。如果刚才提交了内容，请稍后查看是否已经保存。"),
                    status: .serviceUnavailable)
            }
            if problem.code == ControlCharacterError.problem.code {
                return views.message(MessagePage(heading: "无法处理的请求", message: problem.message), status: problem.status)
            }
            if [.notFound, .methodNotAllowed].contains(problem.status), request.uri.path.hasPrefix("/console") {
                return views.message(.consoleNotFound, status: problem.status)
            }
            return views.message(Self.page(for: problem.status), status: problem.status)
        }
    }

    static func page(for status: HTTPResponse.Status) -> MessagePage {
        switch status {
        case .notFound: MessagePage(heading: "页面不存在", message: "您访问的页面不存在。请通过邀请链接打开评议页面。")
        case .methodNotAllowed: MessagePage(heading: "无法处理的请求", message: "不支持这种请求方式。")
        case .contentTooLarge: MessagePage(heading: "提交的内容过大", message: "提交的内容超过了允许的大小，未作任何记录。请精简意见后重新提交。")
        case .requestTimeout: MessagePage(heading: "请求超时", message: "网络较慢，提交未完成，未作任何记录。请重新提交。")
        case .unsupportedMediaType: .badForm
        case .tooManyRequests: .tooManyAttempts
        case .serviceUnavailable: MessagePage(heading: "系统繁忙", message: "系统暂时无法处理您的请求，请稍后再试。")
        default:
            status.code < 500
                ? MessagePage(heading: "无法处理的请求", message: "请求的格式不正确，未作任何记录。")
                : MessagePage(heading: "系统错误", message: "处理您的请求时出现错误，未作任何记录。请稍后再试。")
        }
    }
}

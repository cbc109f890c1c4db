import Hummingbird
import Logging
import PingyiPostgres

/// Turns every error into a page in Chinese with the right status: the client's own mistakes
/// are 4xx, a database that cannot be reached is 503, anything else is 500 and logged. Database
/// detail goes to the log, never to the page.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = PingyiRequestContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/api/") else { return try await apiErrors(request, context: context, next: next) }
        do {
            return try await next(request, context)
        } catch let error as PostgresError where error.isUnavailable {
            context.logger.warning("database unavailable", metadata: ["error": "\(error.debugDescription)"])
            return views.message(
                MessagePage(heading: "系统繁忙", message: "系统暂时无法处理您的请求，请稍后再试。您尚未提交的内容没有被记录。"),
                status: .serviceUnavailable)
        } catch let error as HTTPResponseError {
            return views.message(Self.page(for: error.status), status: error.status)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return views.message(
                MessagePage(heading: "系统错误", message: "处理您的请求时出现错误，未作任何记录。请稍后再试。"),
                status: .internalServerError)
        }
    }

    /// The API's errors are JSON: `{"error":{"code":…,"message":…}}`.
    private func apiErrors(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        func json(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
            Response(
                status: status, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: APIError.json(code: code, message: message))))
        }
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return json(error.status, error.code, error.message)
        } catch let error as PostgresError where error.isUnavailable {
            context.logger.warning("database unavailable", metadata: ["error": "\(error.debugDescription)"])
            return json(.serviceUnavailable, "unavailable", "数据库暂时不可用，请稍后再试")
        } catch let error as HTTPResponseError {
            return json(error.status, error.status == .notFound ? "not_found" : "bad_request", error.status == .notFound ? "接口不存在" : "请求无效")
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return json(.internalServerError, "internal", "服务器内部错误")
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

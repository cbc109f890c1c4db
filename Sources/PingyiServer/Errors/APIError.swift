import Hummingbird

/// An error of the JSON API with its own wording (a hint for the API's reader, such as
/// `?run=latest`); everything else the API meets is mapped by `HTTPProblem.of`.
struct APIError: HTTPProblemConvertible, Sendable {
    let problem: HTTPProblem

    init(status: HTTPResponse.Status, code: String, message: String) {
        problem = HTTPProblem(status: status, code: code, message: message)
    }

    /// The API's route group. A request under it that matches no route is answered as JSON too.
    static let prefix = "api/v1"

    /// Whether `path` is under the API's group.
    static func covers(_ path: String) -> Bool { path == "/" + prefix || path.hasPrefix("/" + prefix + "/") }

    static let unauthorized = APIError(status: .unauthorized, code: "unauthorized", message: "缺少或无效的 API 密钥（Authorization: Bearer …）")
    static let forbidden = APIError(status: .forbidden, code: "forbidden", message: "此密钥的角色无权访问该接口")
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, code: "not_found", message: message) }
    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, code: "bad_request", message: message) }
}

import Foundation
import Hummingbird
import NIOCore

/// An error of the JSON API: `{"error":{"code":"…","message":"…"}}` with its status.
struct APIError: Error, HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    /// The JSON response of the error.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: APIError.json(code: code, message: message))))
    }

    static func json(code: String, message: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(["error": ["code": code, "message": message]])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static let unauthorized = APIError(status: .unauthorized, code: "unauthorized", message: "缺少或无效的 API 密钥（Authorization: Bearer …）")
    static let forbidden = APIError(status: .forbidden, code: "forbidden", message: "此密钥的角色无权访问该接口")
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, code: "not_found", message: message) }
    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, code: "bad_request", message: message) }
}

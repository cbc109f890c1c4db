import Foundation
import Hummingbird
import NIOCore
import PingyiPostgres

/// What went wrong, as HTTP says it: the status, a stable code for programs and a message in
/// Chinese for people. Every error the web side can meet becomes one, in one place
/// (`HTTPProblem.of`); the API writes it as JSON, the pages as a message page.
struct HTTPProblem: Sendable, Equatable {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// A problem with the status's usual code.
    init(_ status: HTTPResponse.Status, _ message: String) {
        self.init(status: status, code: HTTPProblem.code(for: status), message: message)
    }

    /// The problem of `error`; `nil` for an error nobody expected (a 500, logged).
    static func of(_ error: any Error) -> HTTPProblem? {
        switch error {
        case let convertible as HTTPProblemConvertible: return convertible.problem
        case let error as PostgresError where error.isUnavailable:
            return HTTPProblem(status: .serviceUnavailable, code: "unavailable", message: "数据库暂时不可用，请稍后再试")
        // Text PostgreSQL cannot store (a NUL, or a \u0000 in JSON): the input's fault. The inputs
        // are checked before they get here; this keeps one that was missed a 400, not a 500.
        case let error as PostgresError where [.dataException("22021"), .dataException("22P05")].contains(error.code):
            return ControlCharacterError.problem
        // The client hung up and its request was cancelled (`ClientDisconnectMiddleware`): nobody
        // reads the answer, and it is nothing to log as an error.
        case is CancellationError:
            return HTTPProblem(status: .init(code: 499, reasonPhrase: "Client Closed Request"), code: "client_closed", message: "客户端已断开连接")
        case let error as HTTPResponseError:
            return HTTPProblem(status: error.status, code: code(for: error.status), message: message(for: error.status))
        default: return nil
        }
    }

    /// The JSON of the API: `{"error":{"code":"…","message":"…"}}`.
    var json: Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(["error": ["code": code, "message": message]])) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .contentTooLarge: "too_large"
        case .unprocessableContent: "invalid"
        case .tooManyRequests: "too_many_requests"
        case .serviceUnavailable: "unavailable"
        default: status.code < 500 ? "bad_request" : "internal"
        }
    }

    static func message(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "接口或页面不存在"
        case .contentTooLarge: "请求体过大"
        case .requestTimeout: "请求超时"
        case .tooManyRequests: "请求过于频繁，请稍后再试"
        default: status.code < 500 ? "请求无效" : "服务器内部错误"
        }
    }

    static let `internal` = HTTPProblem(status: .internalServerError, code: "internal", message: "服务器内部错误")
}

/// An error that knows its HTTP problem: the web side's own (`APIError`, `ConsoleRefusal`) and,
/// by the extensions in `DomainErrors+HTTP.swift`, the domain's and the stores'.
protocol HTTPProblemConvertible: Error {
    var problem: HTTPProblem { get }
}

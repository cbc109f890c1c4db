import Hummingbird
import Logging
import PingyiCore
import PingyiStore

/// Checks the `Authorization: Bearer KEY` of every `/api` request: no valid key is 401. The key's
/// name (never the key) goes to the log. Ballot cookies open nothing here.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = PingyiRequestContext
    /// The key of a secret, or nil (the store's `authenticate`; a fixed table in the fast tests).
    let authenticate: @Sendable (String) async throws -> APIKey?

    init(authenticate: @escaping @Sendable (String) async throws -> APIKey?) {
        self.authenticate = authenticate
    }

    init(store: APIKeyStore) {
        authenticate = { try await store.authenticate(secret: $0) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            let key = try await authenticate(String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
        else {
            context.logger.notice("api: request without a valid key", metadata: ["path": "\(request.uri.path)"])
            throw APIError.unauthorized
        }
        context.apiKey = key
        context.logger[metadataKey: "api.key"] = "\(key.name) (\(key.role.rawValue))"
        return try await next(request, context)
    }
}

extension PingyiRequestContext {
    /// Throws 403 unless the request's key has one of `roles`.
    func require(_ roles: Set<APIRole>) throws {
        guard let key = apiKey else { throw APIError.unauthorized }
        guard roles.contains(key.role) else {
            logger.notice("api: role not allowed", metadata: ["role": "\(key.role.rawValue)"])
            throw APIError.forbidden
        }
    }
}

import Hummingbird
import Logging
import PingyiPostgres

/// The `/api/v1` group's errors as JSON (`HTTPProblem.json`): attached to that group, so the
/// pages never see it and it never looks at paths. A database that cannot be reached is 503;
/// anything unexpected is 500 and logged, with nothing of it in the answer.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = PingyiRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let failure = error as? PostgresError { PingyiMetrics.databaseError(failure) }
            guard let problem = HTTPProblem.of(error) else {
                context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
                return HTTPProblem.internal.json
            }
            if problem.status == .serviceUnavailable {
                context.logger.warning("database unavailable", metadata: ["error": "\(String(reflecting: error))"])
            }
            return problem.json
        }
    }
}

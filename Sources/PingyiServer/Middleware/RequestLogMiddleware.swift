import Hummingbird
import Logging

/// Logs each request's method, path and status — with the token of a ballot link redacted, so
/// that no log line ever holds a token. Ballot submissions (`POST /s`, `POST /r`) are not logged
/// one by one at info level: a line's timestamp next to a submission could be lined up with the
/// invitation's day of use; they appear only at debug level, which production does not run.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.logger.logLevel <= .info else { return try await next(request, context) }
        if request.method == .post, ["/s", "/r", "/s/", "/r/"].contains(request.uri.path), context.logger.logLevel > .debug {
            return try await next(request, context)
        }
        let started = ContinuousClock.now
        let path = RedactedPath.of(request.uri.path)
        do {
            let response = try await next(request, context)
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info("\(request.method) \(path) \(response.status.code)", metadata: ["ms": "\(Int(milliseconds))"])
            return response
        } catch {
            context.logger.info("\(request.method) \(path) failed")
            throw error
        }
    }
}

import Hummingbird

/// Refuses a request whose query string holds a NUL character (`%00`) with 400, before any route
/// reads a parameter: no query parameter of Pingyi's may hold one (PostgreSQL's text cannot), so
/// it is a probe or a broken client, never a 500 (`/api/v1/problems?department=%00` was one).
/// Path parameters are not percent-decoded by the router, so `%00` there is three characters
/// like any other; a raw NUL cannot reach a URL at all (the HTTP parser refuses it). Form bodies
/// are checked where they are read (`FormBody.containsNUL`), the API's JSON body by its controller.
struct NULRefusalMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let query = request.uri.query, Self.holdsNUL(query) { throw ControlCharacterError() }
        return try await next(request, context)
    }

    /// Whether a raw (percent-encoded) query string decodes to something holding a NUL.
    static func holdsNUL(_ query: String) -> Bool {
        query.utf8.contains(0) || query.contains("%00")
    }
}

import Hummingbird
import PingyiStore

/// Keeps the server's copy of the county's identity fresh (`CountyIdentityStore.refreshIfStale`):
/// a background read every 15 seconds at most; a request never waits for it.
struct CountyIdentityMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: CountyIdentityStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        store.refreshIfStale()
        return try await next(request, context)
    }
}

import Hummingbird
import PingyiCore

/// The console's session, as `APIKeyMiddleware` is the API's key: on every route of the
/// `/console` group it reads the HttpOnly session cookie and puts the signed-in member into the
/// request context (`consoleVisit`), where a handler is admitted by `ConsoleGate.admit`. It
/// also answers what a handler throws on the way: a `ConsoleDetour` (the sign-in or password
/// page, a form from another origin) as itself, and a refusal of a signed-in member — a
/// `ConsoleRefusal`, the console's one way of refusing, or a domain error (`HTTPProblem`) — as
/// the console's message page. The sign-in and sign-out routes are not in the group.
struct ConsoleSessionMiddleware: RouterMiddleware {
    typealias Context = PingyiRequestContext
    let gate: ConsoleGate

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[gate.sessionCookie]?.value, token.utf8.count <= 64 {
            let sessionHash = ConsoleGate.hash(token)
            if let member = try await gate.staff.member(sessionHash: sessionHash) {
                context.consoleVisit = ConsoleVisit(member: member, sessionHash: sessionHash, csrf: gate.antiForgery.token(for: sessionHash))
            }
        }
        do {
            return try await next(request, context)
        } catch let detour as ConsoleDetour {
            return detour.response(gate.views)
        } catch let refusal as ConsoleRefusal {
            guard let visit = context.consoleVisit else { throw refusal }
            return gate.message(visit, heading: refusal.heading, text: refusal.text, status: refusal.status, back: refusal.back, tone: .refusal)
        } catch let error as HTTPProblemConvertible {
            // A domain error nobody caught: its problem, with the console's heading for the status.
            guard let visit = context.consoleVisit else { throw error }
            let refusal = ConsoleRefusal(error.problem, back: "/console")
            return gate.message(visit, heading: refusal.heading, text: refusal.text, status: refusal.status, back: refusal.back, tone: .refusal)
        }
    }
}

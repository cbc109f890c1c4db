import Hummingbird
import PingyiCore
import PingyiStore
import PingyiWorkflows

/// 本县信息 (admin): the county's name, the office's full and short names, the 咨询电话 and
/// 监督电话 and the 落款, set once and used on the letters, SMS, respondents' pages, 通报
/// documents and the console (`CountyIdentityStore`, the same rules as `pingyi county identity`).
struct ConsoleCountyController: Sendable {
    let gate: ConsoleGate
    let identity: CountyIdentityStore

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("county", use: self.showIdentity)
        console.post("county", use: self.saveIdentity)
    }

    /// `GET /console/county`.
    func showIdentity(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        return gate.views.page(
            ConsoleCountyPage(
                member: visit.header, csrf: visit.csrf, identity: try await identity.load(), saved: request.uri.query == "saved"))
    }

    /// `POST /console/county`.
    func saveIdentity(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        let typed = CountyIdentity(
            countyName: fields["countyName"] ?? "", officeName: fields["officeName"] ?? "",
            officeShortName: fields["officeShortName"] ?? "", consultPhone: fields["consultPhone"] ?? "",
            supervisePhone: fields["supervisePhone"] ?? "", seal: fields["seal"] ?? "")
        // The fields' own rules first, then the SMS the short name signs.
        do throws(CountyIdentityError) {
            _ = try typed.validated()
        } catch {
            return gate.views.page(
                ConsoleCountyPage(member: visit.header, csrf: visit.csrf, identity: typed, problem: error.description),
                status: .unprocessableContent)
        }
        // The short name signs every SMS: with this server's public address it must still fit 70 characters.
        let address =
            gate.configuration.publicURL.hasSuffix("/") ? String(gate.configuration.publicURL.dropLast()) : gate.configuration.publicURL
        let longest = LetterWorkflow.longestPublicURL(signature: typed.officeShortName.trimmingCharacters(in: .whitespaces))
        if address.utf16.count > longest {
            return gate.views.page(
                ConsoleCountyPage(
                    member: visit.header, csrf: visit.csrf, identity: typed,
                    problem: "「办公室简称」太长：它是每条短信的署名，加上本系统的链接（公开地址 \(address.utf16.count) 个字符）会超过 70 字。请用更短的简称，如「县营商办」。"),
                status: .unprocessableContent)
        }
        do {
            try await identity.save(typed, actor: visit.actor)
        } catch let error as CountyIdentityError {
            return gate.views.page(
                ConsoleCountyPage(member: visit.header, csrf: visit.csrf, identity: typed, problem: error.description),
                status: .unprocessableContent)
        }
        return ConsoleGate.redirect("/console/county?saved")
    }
}

import Hummingbird
import PingyiCore
import PingyiStore

/// 本县信息 (admin): the county's name, the office's full and short names, the 咨询电话 and
/// 监督电话 and the 落款, set once and used on the letters, SMS, respondents' pages, 通报
/// documents and the console (`CountyIdentityStore`, the same rules as `pingyi county identity`).
struct ConsoleCountyController: Sendable {
    let gate: ConsoleGate
    let identity: CountyIdentityStore

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/console/county") { request, _ in
            try await gate.page(request, roles: [.admin]) { visit in
                gate.views.page(
                    "console-county",
                    ConsoleCountyPage(
                        member: visit.header, csrf: visit.csrf, identity: try await identity.load(), saved: request.uri.query == "saved"))
            }
        }
        router.post("/console/county") { request, _ in
            try await gate.form(request, roles: [.admin]) { visit, fields in
                let typed = CountyIdentity(
                    countyName: fields["countyName"] ?? "", officeName: fields["officeName"] ?? "",
                    officeShortName: fields["officeShortName"] ?? "", consultPhone: fields["consultPhone"] ?? "",
                    supervisePhone: fields["supervisePhone"] ?? "", seal: fields["seal"] ?? "")
                do {
                    try await identity.save(typed, actor: visit.actor)
                } catch let error as CountyIdentityError {
                    return gate.views.page(
                        "console-county", ConsoleCountyPage(member: visit.header, csrf: visit.csrf, identity: typed, problem: error.description),
                        status: .unprocessableContent)
                }
                return ConsoleGate.redirect("/console/county?saved")
            }
        }
    }
}

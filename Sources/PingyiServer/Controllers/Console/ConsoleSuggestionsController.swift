import Hummingbird
import PingyiCore
import PingyiStore

/// 其他意见建议 (admin, orgdept): a year's general answers of both forms, shuffled, undated and
/// unattributed (`BallotStore.suggestions`), on a page and as a table to download.
struct ConsoleSuggestionsController: Sendable {
    let gate: ConsoleGate
    let ballots: BallotStore
    let appraisals: AppraisalStore

    static let roles: Set<APIRole> = [.admin, .orgdept]

    func add(to router: Router<PingyiRequestContext>) {
        router.get("/console/suggestions") { request, _ in
            try await gate.page(request, roles: Self.roles) { visit in
                let (year, years) = try await chosenYear(request.uri.queryParameters)
                return gate.views.page(
                    ConsoleSuggestionsPage(member: visit.header, year: year, years: years, suggestions: try await ballots.suggestions(year: year)))
            }
        }
        for download in [SpreadsheetDownload.csv, .xlsx] {
            router.get("/console/suggestions.\(download.rawValue)") { request, _ in
                try await gate.page(request, roles: Self.roles) { _ in
                    let (year, _) = try await chosenYear(request.uri.queryParameters)
                    return try await download.response(
                        ConsoleSuggestionsPage.sheet(year: year, suggestions: try await ballots.suggestions(year: year)),
                        name: "suggestions-\(year)", chinese: "\(year)年度其他意见建议", cacheControl: "no-store")
                }
            }
        }
    }

    /// `?year=` among the years set up (default the newest), and those years.
    func chosenYear(_ query: Hummingbird.Parameters) async throws -> (Int, [Int]) {
        let years = try await appraisals.list().map(\.year).sorted(by: >)
        guard let newest = years.first else {
            throw ConsoleRefusal(heading: "还没有年度", text: "建立年度并开展评议后，这里列出评议人填写的其他意见建议。", status: .ok)
        }
        guard let text = query.get("year"), !text.isEmpty else { return (newest, years) }
        guard let year = Int(text), years.contains(year) else { throw ConsoleRefusal.notFound("没有该年度", "请从年度列表中选择。") }
        return (year, years)
    }
}

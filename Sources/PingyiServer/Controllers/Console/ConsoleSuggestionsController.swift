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

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("suggestions", use: self.showSuggestions)
        for download in [SpreadsheetDownload.csv, .xlsx] {
            console.get("suggestions.\(download.rawValue)", use: self.downloadSuggestions)
        }
    }

    /// `GET /console/suggestions`.
    func showSuggestions(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.roles)
        let (year, years) = try await chosenYear(request.uri.queryParameters)
        return gate.views.page(
            ConsoleSuggestionsPage(member: visit.header, year: year, years: years, suggestions: try await ballots.suggestions(year: year)))
    }

    /// `GET /console/suggestions.csv` and `.xlsx`.
    func downloadSuggestions(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: Self.roles)
        let download = SpreadsheetDownload(path: request.uri.path)
        let (year, _) = try await chosenYear(request.uri.queryParameters)
        return try await download.response(
            ConsoleSuggestionsPage.sheet(year: year, suggestions: try await ballots.suggestions(year: year)),
            name: "suggestions-\(year)", chinese: "\(year)年度其他意见建议", cacheControl: "no-store")
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

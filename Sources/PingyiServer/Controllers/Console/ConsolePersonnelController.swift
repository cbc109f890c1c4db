import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// 人员名单 (hr, orgdept, admin): the personnel lists of a published year on screen and as the
/// CSV and .xlsx that Excel and WPS open.
struct ConsolePersonnelController: Sendable {
    let gate: ConsoleGate
    let scoring: ScoringResultsStore

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("personnel", use: self.showPersonnel)
        for download in [SpreadsheetDownload.csv, .xlsx] {
            console.get("personnel.\(download.rawValue)", use: self.downloadPersonnel)
        }
    }

    /// `GET /console/personnel`.
    func showPersonnel(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context)
        let (year, years) = try await chosenYear(request.uri.queryParameters)
        let (run, rows) = try await scoring.personnel(year: year)
        return gate.views.page(ConsolePersonnelPage(member: visit.header, year: year, run: run, years: years, rows: rows))
    }

    /// `GET /console/personnel.csv` and `.xlsx`.
    func downloadPersonnel(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context)
        let download = SpreadsheetDownload(path: request.uri.path)
        let (year, _) = try await chosenYear(request.uri.queryParameters)
        let (run, rows) = try await scoring.personnel(year: year)
        try await scoring.recordPersonnelExport(year: year, run: run, format: download.rawValue, actor: visit.actor)
        return try await download.response(
            PersonnelList.sheet(year: year, run: run, rows), name: "personnel-\(year)", chinese: "\(year)年度人员名单",
            cacheControl: "no-store",
            workbook: PersonnelList.workbook(year: year, rows))
    }

    /// `?year=` among the published years (default the newest), and those years.
    func chosenYear(_ query: Hummingbird.Parameters) async throws -> (Int, [Int]) {
        let published = try await scoring.scoredYears().filter(\.published).map(\.year)
        guard let newest = published.first else {
            throw ConsoleRefusal(heading: "还没有已发布的年度", text: "在年度工作台发布年度结果后，人员名单即在此列出。", status: .ok)
        }
        guard let text = query.get("year"), !text.isEmpty else { return (newest, published) }
        guard let year = Int(text), published.contains(year) else {
            throw ConsoleRefusal.notFound("该年度尚未发布", "请从已发布的年度中选择。")
        }
        return (year, published)
    }
}

import Foundation
import Hummingbird
import PingyiCore
import PingyiPostgres
import PingyiStore
import PingyiWorkflows

/// 导入名单 in the console: the lists `pingyi import` takes — roster, merchants, dealings,
/// supervisors, a year's 目标考核, the problems intake file — uploaded as `.xlsx` or CSV (UTF-8 or
/// GB18030), previewed with every problem by row and column or the counts 新增 / 更新 / 未变, then
/// imported on 确认导入, all or nothing, audited under the staff member's name. The checks are the
/// command line's own (`ImportWorkflow`).
struct ConsoleImportsController: Sendable {
    let gate: ConsoleGate
    let pool: ConnectionPool
    let pending: PendingImportStore

    /// The upload form's fields.
    struct Upload: Decodable, Sendable {
        let csrf: String
        let kind: String
        let file: Data
    }

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("years/:year/imports", use: self.showImports)
        console.post("years/:year/imports", use: self.previewUpload)
        console.post("imports/:id/confirm", use: self.confirmImport)
        console.get("imports/templates/:kind", use: self.downloadTemplate)
    }

    /// `GET /console/years/:year/imports`.
    func showImports(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        let year = try ConsoleYearsController.year(context.parameters.get("year"))
        return gate.views.page(ConsoleImportsPage(member: visit.header, csrf: visit.csrf, year: year))
    }

    /// `POST /console/years/:year/imports`.
    func previewUpload(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, upload) = try await gate.upload(
            request, context, as: Upload.self, roles: [.admin], limit: UploadedTable.limit + 64 * 1024, csrf: \.csrf)
        return try await preview(visit, year: context.parameters.get("year"), upload: upload)
    }

    /// `POST /console/imports/:id/confirm`.
    func confirmImport(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, _) = try await gate.form(request, context, roles: [.admin])
        return try await confirm(visit, id: context.parameters.get("id"))
    }

    /// `GET /console/imports/templates/:kind`.
    func downloadTemplate(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: [.admin])
        return try await template(context.parameters.get("kind"))
    }

    static func kind(_ text: String?, back: String) throws -> ImportWorkflow.Kind {
        guard let kind = text.flatMap({ ImportWorkflow.Kind(rawValue: $0.replacingOccurrences(of: ".xlsx", with: "")) }) else {
            throw ConsoleRefusal.badRequest("无法识别的名单", "名单只能是名册、企业名单、企业办事记录、特约监督员名单、目标责任考核或问题受理登记。", back: back)
        }
        return kind
    }

    func preview(_ visit: ConsoleVisit, year text: String?, upload: Upload) async throws -> Response {
        let year = try ConsoleYearsController.year(text)
        let back = "/console/years/\(year)/imports"
        let kind = try Self.kind(upload.kind, back: back)
        let fileName = "上传的\(kind.label)"
        func page(_ model: ConsoleImportPreviewPage, status: HTTPResponse.Status) -> Response {
            gate.views.page(model, status: status)
        }
        let document: CSVDocument
        let note: String?
        do {
            (document, note) = try UploadedTable.document(upload.file, file: fileName, columns: kind.columns)
        } catch {
            return page(
                ConsoleImportPreviewPage(
                    member: visit.header, csrf: visit.csrf, year: year, label: kind.label, fileName: fileName, issues: error.issues),
                status: .unprocessableContent)
        }
        let summary: ImportSummary
        do {
            summary = try await ImportWorkflow.run(kind, document: document, year: year, pool: pool, actor: visit.actor, dryRun: true)
        } catch let refused as ImportRefused {
            return page(
                ConsoleImportPreviewPage(
                    member: visit.header, csrf: visit.csrf, year: year, label: kind.label, fileName: fileName, note: note,
                    issues: refused.file.issues),
                status: .unprocessableContent)
        }
        let rows = summary.counts.reduce(0) { $0 + $1.inserted + $1.updated + $1.unchanged }
        guard rows > 0 else {
            return page(
                ConsoleImportPreviewPage(
                    member: visit.header, csrf: visit.csrf, year: year, label: kind.label, fileName: fileName,
                    issues: [FileIssue(file: fileName, line: 1, message: "文件中只有表头，没有数据行：请在表头下面逐行填写后再上传")]),
                status: .unprocessableContent)
        }
        var notes = [note].compactMap { $0 }
        if kind == .dealings, let other = DealingFormat.otherYears(document, year: year) { notes.append(other) }
        let id = try await pending.keep(kind: kind.rawValue, year: year, fileName: fileName, content: upload.file, uploadedBy: visit.actor)
        return page(
            ConsoleImportPreviewPage(
                member: visit.header, csrf: visit.csrf, year: year, label: kind.label, fileName: fileName,
                note: notes.isEmpty ? nil : notes.joined(separator: "　"), summary: summary,
                confirm: "/console/imports/\(id.uuidString.lowercased())/confirm"),
            status: .ok)
    }

    func confirm(_ visit: ConsoleVisit, id text: String?) async throws -> Response {
        guard let id = text.flatMap(UUID.init(uuidString:)), let upload = try await pending.find(id: id, uploadedBy: visit.actor),
            let kind = ImportWorkflow.Kind(rawValue: upload.kind)
        else {
            throw ConsoleRefusal.notFound("找不到这次上传", "上传的名单只保留一天，且只能由上传的人确认导入。请重新上传。")
        }
        let year = upload.year ?? CountyCalendar.today().year
        func done(_ summary: ImportSummary) -> Response {
            gate.views.page(
                ConsoleImportPreviewPage(
                    member: visit.header, csrf: visit.csrf, year: year, label: kind.label, fileName: upload.fileName, summary: summary, imported: true
                ))
        }
        if let summary = upload.summary { return done(summary) }  // confirmed already (a double click, another tab)
        guard try await pending.claim(id: id) else {
            throw ConsoleRefusal(heading: "正在导入", text: "这份名单正在另一个页面中导入，请稍后刷新年度工作台查看结果。", status: .conflict, back: "/console/years/\(year)")
        }
        do {
            let (document, _) = try UploadedTable.document(upload.content, file: upload.fileName, columns: kind.columns)
            let summary = try await ImportWorkflow.run(kind, document: document, year: year, pool: pool, actor: visit.actor)
            try await pending.imported(id: id, summary: summary)
            return done(summary)
        } catch {
            try? await pending.release(id: id)
            if let refused = error as? ImportRefused {
                // Changed in between (another import): refused whole, as the preview would now be.
                return gate.views.page(
                    ConsoleImportPreviewPage(
                        member: visit.header, csrf: visit.csrf, year: year, label: kind.label, fileName: upload.fileName, issues: refused.file.issues),
                    status: .unprocessableContent)
            }
            throw error
        }
    }

    func template(_ text: String?) async throws -> Response {
        let kind = try Self.kind(text, back: "/console/years")
        let data = try await SpreadsheetExport.xlsx(kind.template)
        return ConsoleCampaignsController.attachment(
            data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "template-\(kind.rawValue).xlsx",
            chinese: "导入模板-\(kind.label).xlsx")
    }
}

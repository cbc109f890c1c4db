import Foundation
import Hummingbird
import PingyiCore
import PingyiStore

/// The ledger's work in the console: the office registers (by hand or from a clue), assigns,
/// sends back, verifies, answers, calls back and closes; a department's liaison sees its own
/// items by deadline and reports them done. Every step is a POST checked by `ProblemFlow`,
/// audited under the person's name, and answered by a redirect to the item (reloading repeats
/// nothing).
struct ConsoleProblemStepsController: Sendable {
    let gate: ConsoleGate
    let problems: ProblemStore
    let roster: RosterStore

    /// A step's form sent with files (办结's evidence).
    struct StepUpload: Decodable, Sendable {
        let csrf: String
        let step: String?
        let note: String?
        let on: String?
        let department: String?
        let result: String?
        let evidence: [Data]?
    }

    /// Five files of 10 MB and the form's fields.
    static let uploadLimit = ProblemEvidence.maxFiles * ProblemEvidence.maxSize + 256 * 1024

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.post("problems/:id/steps", use: self.takeStep)
        console.get("problems/:id/evidence/:file", use: self.downloadEvidence)
        console.get("problems/:id/order", use: self.showAssignmentOrder)
        console.post("problems/assign", use: self.assignSelected)
        console.get("department", use: self.showDepartment)
        console.get("problems/new", use: self.showNewProblem)
        console.post("problems/new", use: self.registerProblem)
        console.post("clues/merge", use: self.mergeClues)
        console.post("clues/:id/problem", use: self.problemFromClue)
    }

    /// `POST /console/problems/:id/steps`: a form, or with evidence files a multipart upload
    /// (read only once the member may see the problem).
    func takeStep(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let id = context.parameters.get("id")
        if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
            let (visit, upload) = try await gate.upload(
                request, context, as: StepUpload.self, roles: [.admin, .department], limit: Self.uploadLimit, csrf: \.csrf,
                before: { visit in _ = try await ConsoleProblemsController.visible(id, to: visit.member, in: problems) })
            let fields = [
                "step": upload.step, "note": upload.note, "on": upload.on, "department": upload.department, "result": upload.result,
            ]
            .compactMapValues { $0 }
            return try await step(visit, id: id, fields: fields, evidence: upload.evidence ?? [])
        }
        let (visit, fields) = try await gate.form(request, context, roles: [.admin, .department])
        return try await step(visit, id: id, fields: fields)
    }

    /// `GET /console/problems/:id/evidence/:file`.
    func downloadEvidence(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        // The office and the item's own department; 组织部 reads the ledger, not the files.
        let visit = try gate.admit(request, context, roles: [.admin, .department])
        let (problem, _) = try await ConsoleProblemsController.visible(context.parameters.get("id"), to: visit.member, in: problems)
        guard let file = context.parameters.get("file", as: Int.self), let evidence = try await problems.evidenceFile(file, of: problem.id)
        else {
            throw ConsoleRefusal.notFound("没有该证明材料", "请从问题页面打开。")
        }
        let ending = evidence.kind.fileExtension
        return Response(
            status: .ok,
            headers: [
                .contentType: evidence.kind.contentType, .cacheControl: "no-store",
                .contentDisposition: AttachmentName.header(
                    ascii: "evidence-\(problem.id)-\(file).\(ending)", chinese: "证明材料-问题\(problem.id)-\(file).\(ending)"),
            ],
            body: .init(byteBuffer: ByteBuffer(data: evidence.data)))
    }

    /// `GET /console/problems/:id/order`.
    func showAssignmentOrder(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin, .department])
        let (problem, _) = try await ConsoleProblemsController.visible(context.parameters.get("id"), to: visit.member, in: problems)
        guard problem.departmentCode != nil, problem.assignedOn != nil else {
            throw ConsoleRefusal(
                heading: "尚未交办", text: "问题交办后才有交办单。", status: .conflict, back: "/console/problems/\(problem.id)")
        }
        return gate.views.page(
            ConsoleAssignmentOrderPage(
                problem: problem, calendars: try await problems.calendars(),
                rules: try await problems.rules(year: (problem.assignedOn ?? problem.receivedOn).year),
                back: "/console/problems/\(problem.id)"))
    }

    /// `POST /console/problems/assign`.
    func assignSelected(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await assignMany(visit, fields: fields)
    }

    /// `GET /console/department`.
    func showDepartment(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.department])
        return try await department(visit)
    }

    /// `GET /console/problems/new`.
    func showNewProblem(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        return gate.views.page(ConsoleProblemNewPage(member: visit.header, csrf: visit.csrf, fields: [:], error: nil))
    }

    /// `POST /console/problems/new`.
    func registerProblem(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await register(visit, fields: fields)
    }

    /// `POST /console/clues/merge`.
    func mergeClues(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        let ids = fields.keys.filter { $0.hasPrefix("pick-") }.map { String($0.dropFirst(5)) }.sorted()
        guard !ids.isEmpty, ids.count <= 200 else {
            throw ConsoleRefusal(
                heading: "没有选择线索", text: "请先勾选要合并的线索（最多 200 条）。未作任何改动。", status: .unprocessableContent, back: "/console/clues")
        }
        guard let environment = fields["environment"].flatMap(BusinessEnvironment.init(rawValue:)) else {
            throw ConsoleRefusal.badRequest("请选择领域", "合并为问题时须选择所属的营商环境领域。", back: "/console/clues")
        }
        do {
            let problem = try await problems.fromClues(ids, environment: environment, actor: visit.actor)
            return ConsoleGate.redirect("/console/problems/\(problem.id)?done=receive")
        } catch let error as ProblemError {
            throw ConsoleRefusal(error.problem, heading: "未能合并（没有改动任何线索）", back: "/console/clues")
        }
    }

    /// `POST /console/clues/:id/problem`.
    func problemFromClue(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        guard let environment = fields["environment"].flatMap(BusinessEnvironment.init(rawValue:)) else {
            throw ConsoleRefusal.badRequest("请选择领域", "转为问题时须选择所属的营商环境领域。", back: "/console/clues")
        }
        do {
            let problem = try await problems.fromClue(context.parameters.get("id") ?? "", environment: environment, actor: visit.actor)
            return ConsoleGate.redirect("/console/problems/\(problem.id)?done=receive")
        } catch ProblemError.clueNotFound {
            throw ConsoleRefusal.notFound("问题线索不存在", "请从问题线索页面进入。")
        }
    }

    /// One step on one item, as the form gives it: `step`, `note`, `on` (a date), `department`
    /// (交办) or `result` (回访). A liaison may only report its own items done.
    func step(_ visit: ConsoleVisit, id text: String?, fields: [String: String], evidence: [Data] = []) async throws -> Response {
        let (problem, _) = try await ConsoleProblemsController.visible(text, to: visit.member, in: problems)
        let back = "/console/problems/\(problem.id)"
        guard let step = fields["step"].flatMap(ProblemStep.init(rawValue:)), step != .receive, step != .recount else {
            throw ConsoleRefusal.badRequest("无法识别的办理步骤", "请从问题页面的按钮办理。", back: back)
        }
        guard visit.member.role == .admin || step == .reportDone else {
            throw ConsoleRefusal(heading: "无权办理", text: "部门联络员只能报告本部门问题的办结情况。未作任何改动。", status: .forbidden, back: back)
        }
        guard let text = fields["on"], let day = CivilDate(parsing: text.trimmingCharacters(in: .whitespaces)) else {
            throw ConsoleRefusal(heading: "日期无效", text: "请选择办理日期（如 2026-11-20）。未作任何改动。", status: .unprocessableContent, back: back)
        }
        let note = fields["note"] ?? ""
        let actor = visit.actor
        let files: [ProblemEvidence]
        do {
            files = try ProblemEvidence.check(evidence)
        } catch {
            throw ConsoleRefusal(error.problem, heading: "证明材料未能接收", back: back)
        }
        guard files.isEmpty || step == .reportDone else {
            throw ConsoleRefusal(heading: "无法附加文件", text: "只有报告办结时可以附证明材料。未作任何改动。", status: .unprocessableContent, back: back)
        }
        do {
            switch step {
            case .assign:
                _ = try await problems.assign(problem.id, department: fields["department"] ?? "", on: day, actor: actor)
            case .reportDone: _ = try await problems.reportDone(problem.id, note: note, evidence: files, on: day, actor: actor)
            case .sendBack: _ = try await problems.sendBack(problem.id, note: note, on: day, actor: actor)
            case .verify: _ = try await problems.verify(problem.id, note: note, on: day, actor: actor)
            case .reply: _ = try await problems.reply(problem.id, note: note, on: day, actor: actor)
            case .callback:
                guard let result = fields["result"].flatMap(CallbackSatisfaction.init(rawValue:)) else { throw ProblemError.callbackRequired }
                _ = try await problems.callback(problem.id, result, note: note, on: day, actor: actor)
            case .close: _ = try await problems.close(problem.id, note: note, on: day, actor: actor)
            case .receive, .recount: break
            }
        } catch let error as ProblemError {
            throw ConsoleRefusal(error.problem, heading: "未能办理", back: back)
        } catch let error as WorkingCalendarError {
            throw ConsoleRefusal(error.problem, heading: "未能办理", back: back)
        }
        return ConsoleGate.redirect("\(back)?done=\(step.rawValue)")
    }

    /// 批量交办: the ticked items (`pick-ID`) to one department, all or none.
    func assignMany(_ visit: ConsoleVisit, fields: [String: String]) async throws -> Response {
        let ids = fields.keys.compactMap { $0.hasPrefix("pick-") ? Int($0.dropFirst(5)) : nil }.sorted()
        guard !ids.isEmpty else {
            throw ConsoleRefusal(heading: "没有选择问题", text: "请先勾选要交办的问题。未作任何改动。", status: .unprocessableContent, back: "/console/problems")
        }
        guard ids.count <= 200 else { throw ConsoleRefusal.badRequest("选择过多", "一次最多交办 200 件。", back: "/console/problems") }
        guard let day = fields["on"].flatMap({ CivilDate(parsing: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw ConsoleRefusal(heading: "日期无效", text: "请选择交办日期。未作任何改动。", status: .unprocessableContent, back: "/console/problems")
        }
        let department = fields["department"] ?? ""
        do {
            let done = try await problems.assign(ids, department: department, on: day, actor: visit.actor)
            return ConsoleGate.redirect("/console/problems?department=\(department)&assigned=\(done.count)")
        } catch let error as ProblemError {
            throw ConsoleRefusal(error.problem, heading: "未能批量交办（一件也没有交办）", back: "/console/problems")
        }
    }

    /// A liaison's home: the department's items, what to do first at the top.
    func department(_ visit: ConsoleVisit) async throws -> Response {
        guard let code = visit.member.departmentCode else { throw ConsoleRefusal.notFound("没有所属部门", "请联系营商办设置账号的部门。") }
        let name = try await roster.departments().first { $0.code == code }?.name ?? code
        return gate.views.page(
            ConsoleDepartmentPage(
                member: visit.header, department: name, problems: try await problems.list(ProblemStore.Filter(department: code)),
                today: CountyCalendar.today(), calendars: try await problems.calendars()))
    }

    /// 登记 by hand: a problem as the office took it down; refused whole (the form kept) when a
    /// field is wrong.
    func register(_ visit: ConsoleVisit, fields: [String: String]) async throws -> Response {
        func refuse(_ message: String) -> Response {
            gate.views.page(
                ConsoleProblemNewPage(member: visit.header, csrf: visit.csrf, fields: fields, error: message),
                status: .unprocessableContent)
        }
        guard let channel = fields["channel"].flatMap(ProblemChannel.init(rawValue:)) else { return refuse("请选择渠道。") }
        guard let environment = fields["environment"].flatMap(BusinessEnvironment.init(rawValue:)) else { return refuse("请选择领域。") }
        guard let day = fields["on"].flatMap({ CivilDate(parsing: $0.trimmingCharacters(in: .whitespaces)) }) else {
            return refuse("请填写受理日期（如 2026-11-20）。")
        }
        let reporter = (fields["reporter"] ?? "").trimmingCharacters(in: .whitespaces)
        let phone = (fields["phone"] ?? "").trimmingCharacters(in: .whitespaces)
        guard reporter.count <= 50 else { return refuse("反映人姓名不超过 50 字。") }
        guard phone.isEmpty || (3...30).contains(phone.count) else { return refuse("联系电话应为 3–30 个字符。") }
        do {
            let problem = try await problems.add(
                channel: channel, environment: environment, description: fields["description"] ?? "", receivedOn: day,
                reporter: reporter.isEmpty ? nil : reporter, reporterPhone: phone.isEmpty ? nil : phone, actor: visit.actor)
            return ConsoleGate.redirect("/console/problems/\(problem.id)?done=receive")
        } catch let error as ProblemError {
            return refuse(error.description)
        }
    }
}

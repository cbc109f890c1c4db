import Foundation
import Hummingbird
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// 年度工作台: the office's year in the console, step by step — a new year and its campaigns
/// (from the shipped policy and templates), 试算, 正式计分, 发布 and 撤回发布 — with the same rules
/// and refusals as the command-line tool (`YearSteps`, and the stores that enforce them).
/// Every change is a POST with the console's anti-forgery checks, audited under the staff
/// member's name.
struct ConsoleYearsController: Sendable {
    let gate: ConsoleGate
    let appraisals: AppraisalStore
    let campaigns: CampaignStore
    let scoring: ScoringStore

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("years", use: self.showYears)
        console.post("years", use: self.createYear)
        console.get("years/:year", use: self.showWorkbench)
        console.post("years/:year/campaigns", use: self.createCampaignOfYear)
        console.post("campaigns/:id/schedule", use: self.saveSchedule)
        console.post("years/:year/trial", use: self.runTrial)
        console.get("years/:year/confirm", use: self.showConfirmation)
        console.post("years/:year/score", use: self.scoreYear)
        console.post("years/:year/publish", use: self.publishYear)
        console.post("years/:year/unpublish", use: self.unpublishYear)
    }

    /// `GET /console/years`.
    func showYears(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        return try await years(visit)
    }

    /// `POST /console/years`.
    func createYear(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await create(visit, year: fields["year"], title: fields["title"])
    }

    /// `GET /console/years/:year`.
    func showWorkbench(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        return try await workbench(visit, year: context.parameters.get("year"), done: request.uri.queryParameters.get("done"))
    }

    /// `POST /console/years/:year/campaigns`.
    func createCampaignOfYear(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await createCampaign(
            visit, year: context.parameters.get("year"), kind: fields["kind"], opens: fields["opensAt"], closes: fields["closesAt"])
    }

    /// `POST /console/campaigns/:id/schedule`.
    func saveSchedule(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await reschedule(visit, id: context.parameters.get("id"), opens: fields["opensAt"], closes: fields["closesAt"])
    }

    /// `POST /console/years/:year/trial`.
    func runTrial(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, _) = try await gate.form(request, context, roles: [.admin])
        return try await trial(visit, year: context.parameters.get("year"))
    }

    /// `GET /console/years/:year/confirm`.
    func showConfirmation(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        return try await confirm(visit, year: context.parameters.get("year"), action: request.uri.queryParameters.get("action"))
    }

    /// `POST /console/years/:year/score`.
    func scoreYear(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, _) = try await gate.form(request, context, roles: [.admin])
        return try await score(visit, year: context.parameters.get("year"))
    }

    /// `POST /console/years/:year/publish`.
    func publishYear(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, _) = try await gate.form(request, context, roles: [.admin])
        return try await publish(visit, year: context.parameters.get("year"))
    }

    /// `POST /console/years/:year/unpublish`.
    func unpublishYear(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await unpublish(visit, year: context.parameters.get("year"), reason: fields["reason"])
    }

    static let notFound = ConsoleRefusal.notFound("年度不存在", "没有这个年度，请从年度工作台进入。")

    /// A path's `:year`, or the 404 page.
    static func year(_ text: String?) throws -> Int {
        guard let text, let year = AppraisalYearNumber(validating: Int(text))?.value else { throw notFound }
        return year
    }

    func years(_ visit: ConsoleVisit) async throws -> Response {
        let standing = try await appraisals.standing()
        let lines = try await appraisals.overview().map { year in
            ConsoleYearsPage.Line(year: year.year, title: year.title, standing: Self.standing(year, standing[year.year]))
        }
        let suggested = (lines.map(\.year).max() ?? (CountyCalendar.today().year - 1)) + 1
        return gate.views.page(ConsoleYearsPage(member: visit.header, csrf: visit.csrf, years: lines, suggested: suggested))
    }

    /// Where a year stands, in a word or two.
    static func standing(_ year: AppraisalOverview, _ stand: (latestRun: Int?, officialRun: Int?, publishedOn: String?)?) -> String {
        if let published = stand?.publishedOn { return "已发布（\(published)）" }
        if stand?.latestRun != nil { return "已计分，未发布" }
        if year.campaigns.contains(where: { $0.state == .open }) { return "活动进行中" }
        return "准备中"
    }

    func create(_ visit: ConsoleVisit, year text: String?, title: String?) async throws -> Response {
        guard let text, let year = AppraisalYearNumber(validating: Int(text.trimmingCharacters(in: .whitespaces)))?.value else {
            throw ConsoleRefusal(
                heading: "年度无法识别", text: "年度须是 2000 到 2100 之间的四位数字，如 2027。未作任何改动。", status: .unprocessableContent, back: "/console/years")
        }
        let trimmed = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard trimmed.count <= 100 else {
            throw ConsoleRefusal(heading: "名称过长", text: "年度名称不能超过 100 字。未作任何改动。", status: .unprocessableContent, back: "/console/years")
        }
        let policy = try Self.shipped("SurveyTemplates/policy.yaml", configuration: gate.configuration)
        do {
            _ = try await appraisals.create(
                year: year, title: trimmed.isEmpty ? "\(year) 年度营商环境股室长考评" : trimmed, policyText: policy.text, policyFile: policy.path,
                actor: visit.actor)
        } catch let error as AppraisalError {
            throw ConsoleRefusal(error.problem, heading: "未能新建年度", back: "/console/years")
        }
        return ConsoleGate.redirect("/console/years/\(year)?done=year")
    }

    func workbench(_ visit: ConsoleVisit, year text: String?, done: String?) async throws -> Response {
        let year = try Self.year(text)
        guard let facts = try await appraisals.facts(year: year), let appraisal = try await appraisals.find(year: year) else { throw Self.notFound }
        var fingerprints: [Int: String] = [:]
        var joint: Set<Int> = []
        for campaign in try await campaigns.list(year: year) {
            fingerprints[campaign.id] = campaign.sealingKey?.fingerprint
            if campaign.isJoint { joint.insert(campaign.id) }
        }
        var page = ConsoleYearPage(
            member: visit.header, csrf: visit.csrf, title: appraisal.title, facts: facts, fingerprints: fingerprints, joint: joint)
        page.notice = ConsoleYearPage.notice(done, year: year)
        return gate.views.page(page)
    }

    func createCampaign(_ visit: ConsoleVisit, year text: String?, kind: String?, opens: String?, closes: String?) async throws -> Response {
        let year = try Self.year(text)
        let back = "/console/years/\(year)"
        guard let kind = kind.flatMap(CampaignKind.init(rawValue:)) else {
            throw ConsoleRefusal.badRequest("无法识别的活动", "活动只能是客商评议股室长或评星定级。", back: back)
        }
        let opensAt = try Self.time(opens, field: "计划开始时间", back: back)
        let closesAt = try Self.time(closes, field: "计划结束时间", back: back)
        let template = try Self.shipped("SurveyTemplates/\(kind.defaultTemplateFile)", configuration: gate.configuration)
        do {
            _ = try await campaigns.create(
                year: year, kind: kind, templateText: template.text, templateFile: template.path, opensAt: opensAt, closesAt: closesAt,
                actor: visit.actor)
        } catch let error as CampaignError {
            throw ConsoleRefusal(error.problem, heading: "未能建立活动", back: back)
        }
        return ConsoleGate.redirect(back + "?done=campaign#campaigns")
    }

    /// Changes a campaign's planned times (the same refusals as `pingyi campaign schedule`).
    func reschedule(_ visit: ConsoleVisit, id text: String?, opens: String?, closes: String?) async throws -> Response {
        let id = try ConsoleCampaignsController.campaignID(text)
        guard let campaign = try await campaigns.find(id: id) else { throw ConsoleCampaignsController.notFound }
        let back = "/console/years/\(campaign.year)"
        let opensAt = try Self.time(opens, field: "计划开始时间", back: back)
        let closesAt = try Self.time(closes, field: "计划结束时间", back: back)
        do {
            _ = try await campaigns.reschedule(id: id, opensAt: opensAt, closesAt: closesAt, actor: visit.actor)
        } catch let error as CampaignError {
            throw ConsoleRefusal(error.problem, heading: "未能修改计划时间", back: back)
        }
        return ConsoleGate.redirect(back + "?done=schedule#campaigns")
    }

    /// A `datetime-local` field (China Standard Time, as the office reads a clock), or `nil` when empty.
    static func time(_ text: String?, field: String, back: String) throws -> Date? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw ConsoleRefusal(heading: "时间无法识别", text: "\(field)「\(text)」应写作 2027-01-05 09:00。未作任何改动。", status: .unprocessableContent, back: back)
    }

    /// A file shipped with Pingyi (the policy, the templates), found as `pingyi serve` finds it.
    static func shipped(_ relative: String, configuration: ServerConfiguration) throws -> (path: String, text: String) {
        let path = configuration.shippedFile(relative)
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw ConsoleRefusal(
                heading: "缺少随系统安装的文件", text: "服务器上找不到 \(relative)，请联系安装系统的人员（PINGYI_HOME）。未作任何改动。", status: .internalServerError)
        }
        return (path, text)
    }

    func trial(_ visit: ConsoleVisit, year text: String?) async throws -> Response {
        let year = try Self.year(text)
        let run: ScoringRun
        do {
            run = try await scoring.score(year: year, actor: visit.actor, dryRun: true)
        } catch let error as AppraisalError {
            throw ConsoleRefusal(error.problem, heading: "不能试算", back: "/console/years/\(year)")
        }
        let minBallots = try await appraisals.find(year: year)?.policy.minBallots ?? 5
        return gate.views.page(ConsoleTrialPage(member: visit.header, csrf: visit.csrf, run: run, minBallots: minBallots))
    }

    func confirm(_ visit: ConsoleVisit, year text: String?, action: String?) async throws -> Response {
        let year = try Self.year(text)
        let page: ConsoleYearConfirmPage
        let back = "/console/years/\(year)"
        switch action {
        case "score":
            // What scoring would give, before the office saves it: refused now if it would be
            // refused then, warned when it would rank nobody.
            let trial: ScoringRun
            do {
                trial = try await scoring.score(year: year, actor: visit.actor, dryRun: true)
            } catch let error as AppraisalError {
                throw ConsoleRefusal(error.problem, heading: "不能计分", back: back)
            }
            let minBallots = try await appraisals.find(year: year)?.policy.minBallots ?? 5
            let ranked = trial.scores.count { $0.rank != nil }
            page = ConsoleYearConfirmPage(
                member: visit.header, csrf: visit.csrf, heading: "正式计分：\(year) 年度",
                consequence: "按本年度的计分规则计算每位股室长的得分、排名、不满意股室长及整改措施，并保存为本年度的正式结果（之前的试算不保存）。"
                    + "计分后仍可在发布前重新计分；发布后须先撤回发布。",
                action: "/console/years/\(year)/score", button: "确认正式计分", needsReason: false, back: back,
                warning: ranked == 0 ? "按现有数据试算：" + YearSteps.nobodyRanked(run: nil, minBallots: minBallots) + "。" : nil)
        case "publish":
            page = ConsoleYearConfirmPage(
                member: visit.header, csrf: visit.csrf, heading: "发布 \(year) 年度结果",
                consequence: "发布后，排名、人员名单和组织部的数据接口立即显示本年度结果，不满意股室长的整改措施开始计时。",
                action: "/console/years/\(year)/publish", button: "确认发布", needsReason: false, back: back)
        case "unpublish":
            page = ConsoleYearConfirmPage(
                member: visit.header, csrf: visit.csrf, heading: "撤回 \(year) 年度的发布",
                consequence: "撤回后，排名、人员名单和数据接口不再显示本年度结果，已生成的整改措施撤销；计分结果保留。须填写理由，记入审计日志。",
                action: "/console/years/\(year)/unpublish", button: "确认撤回发布", needsReason: true, back: back)
        default:
            throw ConsoleRefusal.badRequest("无法识别的操作", "操作只能是正式计分、发布或撤回发布。", back: back)
        }
        return gate.views.page(page)
    }

    func score(_ visit: ConsoleVisit, year text: String?) async throws -> Response {
        let year = try Self.year(text)
        let run: ScoringRun
        do {
            run = try await scoring.score(year: year, actor: visit.actor)
        } catch let error as AppraisalError {
            throw ConsoleRefusal(error.problem, heading: "未能计分", back: "/console/years/\(year)")
        }
        let ranked = run.scores.count { $0.rank != nil }
        let minBallots = try await appraisals.find(year: year)?.policy.minBallots ?? 5
        let outcome =
            ranked == 0
            ? YearSteps.nobodyRanked(run: run.number, minBallots: minBallots) + "。"
            : "排名 \(ranked) 名，不满意股室长 \(run.scores.count(where: \.flagged)) 名。请在排名页核对后发布。"
        let text =
            run.isNew
            ? "已正式计分（\(run.label)）：" + outcome
            : "与上次计分（\(run.label)）所用的数据完全相同，未重复保存。" + (ranked == 0 ? outcome : "")
        return gate.message(
            visit, heading: ranked == 0 ? "已计分，但排名为空" : "正式计分完成", text: text, status: .ok, back: "/console/years/\(year)",
            tone: ranked == 0 ? .warning : .success)
    }

    func publish(_ visit: ConsoleVisit, year text: String?) async throws -> Response {
        let year = try Self.year(text)
        let published: (run: Int, followUps: Int)
        do {
            published = try await scoring.publish(year: year, actor: visit.actor)
        } catch AppraisalError.published {
            // Published already — by this same form a moment ago (a double click, a second tab).
            return gate.message(visit, heading: "已发布", text: "\(year) 年度结果已发布。", status: .ok, back: "/console/years/\(year)")
        } catch let error as AppraisalError {
            throw ConsoleRefusal(error.problem, heading: "未能发布", back: "/console/years/\(year)")
        }
        return gate.message(
            visit, heading: "已发布",
            text: "\(year) 年度结果已发布：排名、人员名单和数据接口即时可见；整改措施 \(published.followUps) 条已开始计时。", status: .ok,
            back: "/console/years/\(year)")
    }

    func unpublish(_ visit: ConsoleVisit, year text: String?, reason: String?) async throws -> Response {
        let year = try Self.year(text)
        do {
            _ = try await scoring.unpublish(year: year, reason: reason ?? "", actor: visit.actor)
        } catch AppraisalError.reasonRequired {
            throw ConsoleRefusal(
                heading: "请填写理由", text: "撤回发布须填写理由（500 字以内），将记入审计日志。未作任何改动。", status: .unprocessableContent,
                back: "/console/years/\(year)/confirm?action=unpublish")
        } catch let error as AppraisalError {
            throw ConsoleRefusal(error.problem, heading: "未能撤回发布", back: "/console/years/\(year)")
        }
        return gate.message(visit, heading: "已撤回发布", text: "\(year) 年度结果已撤回，计分结果保留，可重新计分后再发布。", status: .ok, back: "/console/years/\(year)")
    }
}

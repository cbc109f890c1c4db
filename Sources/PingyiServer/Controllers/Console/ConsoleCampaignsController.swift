import Foundation
import Hummingbird
import PingyiCore
import PingyiStore
import PingyiWorkflows

/// 活动进度 (admin): the campaigns in play with their response rates, open / close / publish
/// behind a confirmation page, and the invitations issued with their CSV as the download.
struct ConsoleCampaignsController: Sendable {
    let gate: ConsoleGate
    let campaigns: CampaignStore
    let invitations: InvitationStore
    let appraisals: AppraisalStore
    /// The key typed codes are stored under.
    let codeKey: InvitationCodeKey
    /// The joint count's box, for its fingerprint at the close.
    let tally: JointTallyStore

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get(use: self.showHome)
        console.get("campaigns/:id/confirm", use: self.showConfirmation)
        console.post("campaigns/:id/state", use: self.changeState)
        console.post("campaigns/:id/remind", use: self.sendReminders)
        console.post("campaigns/:id/invitations", use: self.issueInvitations)
    }

    /// `GET /console`.
    func showHome(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        // The console's address is everyone's way in: the office gets 活动进度, every other
        // account its own home page, not a refusal.
        let visit = try gate.admit(request, context, roles: ConsoleGate.anyone)
        guard visit.member.role == .admin else { return ConsoleGate.redirect(ConsoleGate.home(visit.member)) }
        return try await progress(visit)
    }

    /// `GET /console/campaigns/:id/confirm`.
    func showConfirmation(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        return try await confirm(visit, id: context.parameters.get("id"), action: request.uri.queryParameters.get("action"))
    }

    /// `POST /console/campaigns/:id/state`.
    func changeState(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await transition(
            visit, id: context.parameters.get("id"), to: fields["to"], key: fields["key"], publicKey: fields["publicKey"],
            startNow: fields["start"] == "now")
    }

    /// `POST /console/campaigns/:id/remind`.
    func sendReminders(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        // A county's links file: 1 MiB holds about 7,000 rows (deploy/nginx-pingyi.conf agrees).
        let (visit, upload) = try await gate.upload(request, context, as: ReminderUpload.self, roles: [.admin], limit: 1 << 20, csrf: \.csrf)
        return try await remind(visit, id: context.parameters.get("id"), upload: upload)
    }

    /// `POST /console/campaigns/:id/invitations`.
    func issueInvitations(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, fields) = try await gate.form(request, context, roles: [.admin])
        return try await issue(
            visit, id: context.parameters.get("id"), reissue: fields["reissue"], reason: fields["reason"],
            letters: fields["format"] == "letters")
    }

    /// The reminder form's fields: the links file and the form of the reminders.
    struct ReminderUpload: Decodable, Sendable {
        let csrf: String
        let links: String
        let format: String?
    }

    /// `POST /console/campaigns/{id}/remind` — from the uploaded links file, the rows whose links
    /// are still unused, as reminder letters (HTML) or an SMS file (CSV); audited by count only.
    func remind(_ visit: ConsoleVisit, id: String?, upload: ReminderUpload) async throws -> Response {
        let campaign = try await self.campaign(id: id)
        if let refusal = LetterWorkflow.remindRefusal(campaign) {
            throw ConsoleRefusal(heading: "不能发送提醒", text: refusal + "未作任何改动。", status: .conflict, back: "/console")
        }
        let file: LinksFile
        do {
            file = try LinksFile.parse(Data(upload.links.utf8), file: "链接文件", kind: campaign.kind, publicURL: gate.configuration.publicURL)
        } catch let invalid as InvalidFile {
            throw ConsoleRefusal(
                heading: "链接文件无法识别", text: invalid.issues.prefix(5).map(\.description).joined(separator: "；"), status: .unprocessableContent,
                back: "/console")
        }
        let rows = try await LetterWorkflow.unanswered(file, campaignID: campaign.id, invitations: invitations)
        guard !rows.isEmpty else {
            return gate.message(visit, heading: "无需提醒", text: "链接文件中的评议对象都已提交（或链接已作废）。", status: .ok, back: "/console")
        }
        let day = CountyCalendar.today()
        // The file is made first: an SMS too long for one message is refused before anything is recorded.
        let response: Response
        if upload.format == "sms" {
            let csv: Data
            do {
                csv = try LetterWorkflow.sms(rows, campaign: campaign, identity: gate.views.identity.current, reminder: true).csv
            } catch let error as WorkflowError {
                throw ConsoleRefusal(heading: "短信过长", text: error.operatorMessage, status: .unprocessableContent, back: "/console")
            }
            response = Self.attachment(
                csv, type: "text/csv; charset=utf-8", name: "reminders-campaign\(campaign.id)-\(day).csv",
                chinese: "提醒链接-活动\(campaign.id)-\(day).csv")
        } else {
            let codes = try await LetterWorkflow.knownCodes(rows, codeKey: codeKey, invitations: invitations)
            let html = try LetterWorkflow.letters(rows, campaign: campaign, codes: codes, identity: gate.views.identity.current, reminder: true)
            response = Self.attachment(
                Data(html.utf8), type: "text/html; charset=utf-8", name: "reminders-campaign\(campaign.id)-\(day).html",
                chinese: "提醒函-活动\(campaign.id)-\(day).html")
        }
        try await invitations.recordOutreach(campaignID: campaign.id, kind: "remind", count: rows.count, actor: visit.actor)
        return response
    }

    /// A file to download, never cached: the links, letters, reminders and keys are the office's only copies.
    static func attachment(_ data: Data, type: String, name: String, chinese: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "no-store", .contentDisposition: AttachmentName.header(ascii: name, chinese: chinese)],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    func progress(_ visit: ConsoleVisit) async throws -> Response {
        var cards: [ConsoleProgressPage.Card] = []
        var settled: [ConsoleProgressPage.Card] = []
        var published: [String] = []
        // Campaigns of years whose results are published are done with: folded away.
        let publishedYears = Set(try await appraisals.standing().filter { $0.value.officialRun != nil }.keys)
        // The policy's minBallots of each year, looked up once a year rather than once a campaign.
        var minimums: [Int: Int] = [:]
        func minimum(_ year: Int) async throws -> Int {
            if let known = minimums[year] { return known }
            let value = try await appraisals.find(year: year)?.policy.minBallots ?? 5
            minimums[year] = value
            return value
        }
        for campaign in try await campaigns.list() {
            if campaign.state == .published {
                published.append("\(campaign.year) 年度「\(campaign.kind.label)」（活动 \(campaign.id)）")
            } else {
                let card = ConsoleProgressPage.card(
                    campaign, status: try await invitations.status(campaignID: campaign.id),
                    reissues: try await invitations.reissues(campaignID: campaign.id),
                    daily: campaign.state == .open ? try await invitations.dailyUses(campaignID: campaign.id) : [],
                    minimum: try await minimum(campaign.year))
                if publishedYears.contains(campaign.year), campaign.state == .closed { settled.append(card) } else { cards.append(card) }
            }
        }
        return gate.views.page(ConsoleProgressPage(member: visit.header, campaigns: cards, settled: settled, published: published))
    }

    static let notFound = ConsoleRefusal.notFound("活动不存在", "没有这个活动，请从活动进度页面进入。")

    /// A path's `:id` as a campaign id, or the 404 page.
    static func campaignID(_ text: String?) throws -> Int {
        guard let text, let id = Int(text), id > 0, id < Int(Int32.max) else { throw notFound }
        return id
    }

    /// The campaign of a path's `:id`, or the 404 page.
    func campaign(id text: String?) async throws -> Campaign {
        guard let campaign = try await campaigns.find(id: try Self.campaignID(text)) else { throw Self.notFound }
        return campaign
    }

    func confirm(_ visit: ConsoleVisit, id: String?, action: String?) async throws -> Response {
        let campaign = try await self.campaign(id: id)
        guard let action = action.flatMap(ConsoleCampaignAction.init(rawValue:)) else {
            throw ConsoleRefusal.badRequest("无法识别的操作", "操作只能是开始、结束、发布或重新发放。", back: "/console")
        }
        let post = action.post
        var page = ConsoleConfirmPage(
            member: visit.header, csrf: visit.csrf,
            heading: "\(action.verb) \(campaign.year) 年度「\(campaign.kind.label)」（活动 \(campaign.id)）", consequence: action.consequence,
            action: "/console/campaigns/\(campaign.id)\(post.path)", field: post.field, value: post.value, button: action.button,
            needsKey: action.needsKey, needsReason: action.needsReason)
        page.campaignID = campaign.id
        page.generatesKey = action == .open
        if action == .close, campaign.isJoint {
            // The joint count: nothing to choose here; the trustees give their shares after the close.
            page.needsKey = false
            page.consequence =
                "结束后不能再提交。答卷保持加密，文字意见打乱顺序；之后由各保管单位在「联合计票」页提交密钥份额，达到所需数量时解出各项合计。"
        } else if action == .close {
            let status = try await invitations.status(campaignID: campaign.id)
            page.unused = status.issued - status.used
            page.sealed = try await campaigns.sealedBallots(id: campaign.id)
            page.fingerprint = campaign.sealingKey?.fingerprint ?? ""
            page.minBallots = try await appraisals.find(year: campaign.year)?.policy.minBallots ?? 5
        }
        if action == .open {
            if let opensAt = campaign.opensAt, opensAt > Date() { page.plannedStart = CountyCalendar.moment(opensAt) }
            page.noInvitations = try await invitations.status(campaignID: campaign.id).issued == 0
        }
        return gate.views.page(page)
    }

    /// Opening takes the public half of a key pair made in the office's browser (WebCrypto
    /// X25519, `console.js`): the private half is saved by the browser as a file and never
    /// reaches the server. Closing takes the private half (the chosen key file's text, or the
    /// pasted line) to count the sealed box, and says how many ballots were counted; a second
    /// close of a closed campaign (a double click, another tab) answers the same, not an error.
    func transition(
        _ visit: ConsoleVisit, id: String?, to target: String?, key keyText: String?, publicKey: String?, startNow: Bool = false
    ) async throws -> Response {
        let campaignID = try Self.campaignID(id)
        guard let target = target.flatMap(CampaignState.init(rawValue:)), target != .draft else {
            throw ConsoleRefusal.badRequest("无法识别的操作", "活动只能开始、结束或发布。", back: "/console")
        }
        var key: BallotOpeningKey?
        var sealingKey: BallotSealingKey?
        switch target {
        case .open:
            guard let raw = publicKey.flatMap({ Data(base64Encoded: $0) }), let made = BallotSealingKey(rawRepresentation: raw) else {
                throw ConsoleRefusal(
                    heading: "未能生成计票密钥",
                    text: "计票密钥须在本机浏览器中生成：请使用新版 Chromium、Edge 或 WPS 浏览器打开本页，并允许页面脚本运行。活动未开始，未作任何改动。",
                    status: .unprocessableContent, back: "/console/campaigns/\(campaignID)/confirm?action=open")
            }
            sealingKey = made
        case .closed where try await campaigns.find(id: campaignID)?.isJoint == true:
            key = nil
        case .closed:
            do {
                key = try BallotOpeningKey(fileText: keyText ?? "")
            } catch {
                throw ConsoleRefusal(
                    heading: "计票私钥无法识别", text: "请选择开始活动时保存的私钥文件（或将文件的全部内容粘贴到表单中）。未作任何改动。",
                    status: .unprocessableContent, back: "/console/campaigns/\(campaignID)/confirm?action=close")
            }
        default: key = nil
        }
        let campaign: Campaign
        do {
            campaign = try await campaigns.transition(id: campaignID, to: target, actor: visit.actor, key: key, sealingKey: sealingKey)
        } catch CampaignError.notFound {
            throw Self.notFound
        } catch CampaignError.illegalTransition(_, let from, .closed) where from == .closed || from == .published {
            // Closed already — by this same form a moment ago (a double click, a second tab).
            return try await counted(visit, campaignID: campaignID)
        } catch CampaignError.openingKeyMismatch(let id) {
            throw ConsoleRefusal(
                CampaignError.openingKeyMismatch(id).problem, heading: "私钥与活动不符",
                back: "/console/campaigns/\(campaignID)/confirm?action=close")
        } catch let error as CampaignError {
            throw ConsoleRefusal(error.problem, heading: "未能更改活动状态", back: "/console")
        }
        switch target {
        case .open:
            var campaign = campaign
            if startNow, let opensAt = campaign.opensAt, opensAt > Date() {
                // Opened ahead of its planned start, to take answers at once: the start becomes now.
                campaign = try await campaigns.reschedule(id: campaign.id, opensAt: Date(), closesAt: campaign.closesAt, actor: visit.actor)
            }
            let when =
                campaign.opensAt.map { $0 > Date() ? "将于 \(CountyCalendar.moment($0)) 开始接受提交" : "已开始接受提交" } ?? "已开始接受提交"
            return gate.message(
                visit, heading: "活动已开始",
                text: "\(campaign.year) 年度「\(campaign.kind.label)」（活动 \(campaign.id)）\(when)。计票公钥指纹 \(sealingKey?.fingerprint ?? "")："
                    + "请核对保存的私钥文件中写有同一指纹，并将文件离线保存（U 盘或打印件）；结束活动时须选择该文件。",
                status: .ok, back: "/console/years/\(campaign.year)")
        case .closed:
            return try await counted(visit, campaignID: campaignID)
        default:
            return ConsoleGate.redirect("/console")
        }
    }

    /// The page after a close: how many ballots the count took from the box.
    private func counted(_ visit: ConsoleVisit, campaignID: Int) async throws -> Response {
        let status = try await invitations.status(campaignID: campaignID)
        if try await campaigns.find(id: campaignID)?.isJoint == true {
            let fingerprint = try await tally.fingerprint(campaignID: campaignID)
            return gate.message(
                visit, heading: "活动已结束",
                text: "已收到 \(status.used) 份加密答卷，文字意见已打乱顺序。答卷指纹：\(fingerprint)——请记下或打印，并告知各保管单位："
                    + "「联合计票」页会显示同一指纹，不一致说明答卷在数据库中被改动。下一步：请各保管单位在「联合计票」页提交密钥份额。", status: .ok,
                back: "/console/campaigns/\(campaignID)/count")
        }
        return gate.message(
            visit, heading: "活动已结束",
            text: "已开箱计票 \(status.used) 份：选票已在服务器内存中打开，以随机顺序计入统计，票箱已清空。计票私钥未被保存。", status: .ok,
            back: "/console")
    }

    /// Issues and answers with the new links as the CSV (the default) or, with `letters`, as the
    /// printable letters (`LetterWorkflow`): either way the only copies, downloaded once.
    func issue(_ visit: ConsoleVisit, id: String?, reissue: String?, reason: String?, letters: Bool = false) async throws -> Response {
        let campaign = try await self.campaign(id: id)
        let mode: InvitationStore.Reissue
        switch reissue ?? "none" {
        case "none": mode = .none
        case "all": mode = .all
        default: throw ConsoleRefusal.badRequest("无法识别的操作", "reissue 只能是 none 或 all。", back: "/console")
        }
        let result: InvitationStore.IssueResult
        do {
            result = try await invitations.issue(campaignID: campaign.id, codeKey: codeKey, reissue: mode, reason: reason, actor: visit.actor)
        } catch CampaignError.reissueNeedsReason {
            throw ConsoleRefusal(
                CampaignError.reissueNeedsReason.problem, heading: "请填写理由", back: "/console/campaigns/\(campaign.id)/confirm?action=reissue")
        } catch let error as CampaignError {
            throw ConsoleRefusal(error.problem, heading: "未能发放邀请", back: "/console")
        }
        guard !result.issued.isEmpty else {
            // Why nobody got a link: nobody to invite at all, or everyone has one or has answered.
            let eligible = try await invitations.eligibleRespondents(campaignID: campaign.id)
            let text = InvitationWorkflow.whyNoneIssued(campaign: campaign, eligible: eligible, reissue: mode)
            return gate.message(visit, heading: "没有需要发放的邀请", text: text, status: .ok, back: "/console")
        }
        let day = CountyCalendar.today()
        if letters {
            let rows = result.issued.map { LinksFile.Row($0, kind: campaign.kind, publicURL: gate.configuration.publicURL) }
            let html = try LetterWorkflow.letters(
                rows, campaign: campaign, codes: Set(rows.map { InvitationCode(token: $0.token).text }), identity: gate.views.identity.current)
            return Self.attachment(
                Data(html.utf8), type: "text/html; charset=utf-8", name: "letters-campaign\(campaign.id)-\(day).html",
                chinese: "邀请函-活动\(campaign.id)-\(day).html")
        }
        let csv = InvitationSheet.csv(result.issued, kind: campaign.kind, publicURL: gate.configuration.publicURL)
        return Self.attachment(
            csv, type: "text/csv; charset=utf-8", name: "invitations-campaign\(campaign.id)-\(day).csv",
            chinese: "邀请链接-活动\(campaign.id)-\(day).csv")
    }
}

import Foundation
import Hummingbird
import PingyiCore
import PingyiStore
import PingyiTally
import PingyiWorkflows

/// The joint count (多方联合计票) in the console: the key ceremony of a draft campaign — the
/// trustees and quorum chosen, each trustee's share file downloaded, then the opening — and the
/// count of a closed one, each trustee's share file uploaded in turn. The office (admin) runs the
/// ceremony; the count takes uploads from the office and from the 组织部 under its own login.
struct ConsoleJointCountController {
    let gate: ConsoleGate
    let campaigns: CampaignStore
    let tally: JointTallyStore
    let desk: JointCeremonyDesk
    let counting: JointCountDesk

    static let suggested = ["县营商办", "县纪委监委", "县委组织部", "", ""]
    static let countRoles: Set<APIRole> = [.admin, .orgdept]

    func add(to console: RouterGroup<PingyiRequestContext>) {
        console.get("campaigns/:id/joint", use: showCeremony)
        console.post("campaigns/:id/joint", use: makeCeremony)
        console.get("campaigns/:id/joint/shares/:index", use: downloadShare)
        console.post("campaigns/:id/joint/open", use: open)
        console.get("campaigns/:id/count", use: showCount)
        console.post("campaigns/:id/count", use: giveShare)
    }

    struct ShareUpload: Decodable, Sendable {
        let csrf: String
        let share: String
    }

    /// `GET /console/campaigns/{id}/joint` — the form, or the ceremony's share files.
    @Sendable func showCeremony(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: [.admin])
        let campaign = try await draft(context.parameters.get("id"))
        return gate.views.page(try await ceremonyPage(visit, campaign))
    }

    /// `POST /console/campaigns/{id}/joint` — makes the ceremony (nothing stored yet).
    @Sendable func makeCeremony(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (_, fields) = try await gate.form(request, context, roles: [.admin])
        let campaign = try await draft(context.parameters.get("id"))
        let back = "/console/campaigns/\(campaign.id)/joint"
        let names = (1...5).compactMap { fields["trustee\($0)"]?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard (2...5).contains(names.count), names.allSatisfy({ $0.count <= 40 }) else {
            throw ConsoleRefusal(heading: "保管单位不符合要求", text: "请填写 2 至 5 个单位，每个名称不超过 40 字。未作任何改动。", status: .unprocessableContent, back: back)
        }
        // One unit alone able to count would undo the point: at least two, at most all.
        guard let quorum = fields["quorum"].flatMap(Int.init), (2...names.count).contains(quorum) else {
            throw ConsoleRefusal(
                heading: "所需单位数不符合要求", text: "计票所需单位数须在 2 至 \(names.count) 之间（填写了 \(names.count) 个单位）。未作任何改动。",
                status: .unprocessableContent, back: back)
        }
        let prepared: PreparedCeremony
        do {
            prepared = try await campaigns.prepareJointCount(id: campaign.id, trustees: names, quorum: quorum)
        } catch let error as TallyError {
            throw ConsoleRefusal(error.problem, heading: "未能生成密钥份额", back: back)
        } catch let error as CampaignError {
            throw ConsoleRefusal(error.problem, heading: "未能生成密钥份额", back: "/console/years/\(campaign.year)")
        }
        await desk.keep(prepared)
        return ConsoleGate.redirect(back)
    }

    /// `GET /console/campaigns/{id}/joint/shares/{index}` — one trustee's share file.
    @Sendable func downloadShare(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        _ = try gate.admit(request, context, roles: [.admin])
        let campaign = try await draft(context.parameters.get("id"))
        guard let index = context.parameters.get("index", as: Int.self), let share = await desk.download(campaign.id, index: index) else {
            throw ConsoleRefusal(
                heading: "没有这个份额文件", text: "密钥份额已过期或尚未生成，请重新生成。", status: .notFound, back: "/console/campaigns/\(campaign.id)/joint")
        }
        return ConsoleCampaignsController.attachment(
            Data(try share.fileText().utf8), type: "text/plain; charset=utf-8", name: "pingyi-share-\(campaign.id)-\(index).txt",
            chinese: TrusteeShareFileName.of(share, campaignID: campaign.id))
    }

    /// `POST /console/campaigns/{id}/joint/open` — opens the campaign with the ceremony whose
    /// share files were all downloaded.
    @Sendable func open(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, _) = try await gate.form(request, context, roles: [.admin])
        let campaign = try await draft(context.parameters.get("id"))
        let back = "/console/campaigns/\(campaign.id)/joint"
        guard let prepared = await desk.take(campaign.id) else {
            throw ConsoleRefusal(
                heading: "还不能开始", text: "请先下载全部密钥份额文件（或份额已过期，请重新生成）。活动未开始，未作任何改动。", status: .conflict, back: back)
        }
        let opened: Campaign
        do {
            opened = try await campaigns.openJointly(id: campaign.id, ceremony: prepared, actor: visit.actor)
        } catch let error as CampaignError {
            throw ConsoleRefusal(error.problem, heading: "活动未开始", back: "/console/years/\(campaign.year)")
        }
        let names = prepared.ceremony.trustees.map(\.name).joined(separator: "、")
        return gate.message(
            visit, heading: "活动已开始（多方联合计票）",
            text: "\(opened.year) 年度「\(opened.kind.label)」（活动 \(opened.id)）已开始。密钥份额由\(names)分别保管，计票时需要其中任意 \(prepared.ceremony.quorum) 个；"
                + "服务器不保存任何份额。请确认各单位已把自己的文件存入本单位的 U 盘，并从本机删除下载的份额文件。",
            status: .ok, back: "/console/years/\(opened.year)")
    }

    /// `GET /console/campaigns/{id}/count`.
    @Sendable func showCount(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let visit = try gate.admit(request, context, roles: Self.countRoles)
        let campaign = try await joint(context.parameters.get("id"))
        return gate.views.page(try await countPage(visit, campaign, notice: nil))
    }

    /// `POST /console/campaigns/{id}/count` — one trustee's share file: checked, used, forgotten.
    @Sendable func giveShare(_ request: Request, context: PingyiRequestContext) async throws -> Response {
        let (visit, upload) = try await gate.upload(request, context, as: ShareUpload.self, roles: Self.countRoles, limit: 64 << 10, csrf: \.csrf)
        let campaign = try await joint(context.parameters.get("id"))
        let back = "/console/campaigns/\(campaign.id)/count"
        let share: TrusteeShare
        var counted = false
        do {
            share = try TrusteeShare(fileText: upload.share)
            let contribution = try await tally.contribute(campaignID: campaign.id, share: share, actor: visit.actor)
            guard await counting.add(contribution) else { throw CampaignError.shareGiven(id: campaign.id, trustee: share.name) }
            let contributions = await counting.contributions(campaign.id)
            if contributions.count >= (try await tally.progress(campaignID: campaign.id)).quorum {
                do {
                    counted = try await tally.complete(campaignID: campaign.id, contributions: contributions, actor: visit.actor).counted
                    await counting.forget(campaign.id)
                } catch {
                    // Whatever went wrong, the units give their files again to a fresh count.
                    await counting.forget(campaign.id)
                    throw error
                }
            }
        } catch let error as TallyError {
            throw ConsoleRefusal(error.problem, heading: "密钥份额未被采用", back: back)
        } catch let error as CampaignError {
            throw ConsoleRefusal(error.problem, heading: "密钥份额未被采用", back: back)
        }
        let given = await counting.contributions(campaign.id).count
        let notice =
            counted
            ? "「\(share.name)」的密钥份额已核验并采用，联合计票已完成。"
            : "「\(share.name)」的密钥份额已核验并采用（已有 \(given) 个）。"
        return gate.views.page(try await countPage(visit, campaign, notice: notice))
    }

    // MARK: -

    private func draft(_ id: String?) async throws -> Campaign {
        let campaign = try await find(id)
        guard campaign.state == .draft else {
            throw ConsoleRefusal(
                heading: "活动已开始", text: "只有草稿状态的活动才能生成密钥份额。", status: .conflict, back: "/console/years/\(campaign.year)")
        }
        return campaign
    }

    private func joint(_ id: String?) async throws -> Campaign {
        let campaign = try await find(id)
        guard campaign.isJoint else {
            throw ConsoleRefusal(CampaignError.notJoint(campaign.id).problem, heading: "不是多方联合计票", back: "/console/years/\(campaign.year)")
        }
        return campaign
    }

    private func find(_ id: String?) async throws -> Campaign {
        guard let campaign = try await campaigns.find(id: try ConsoleCampaignsController.campaignID(id)) else {
            throw ConsoleRefusal(heading: "活动不存在", text: "没有这个活动。", status: .notFound, back: "/console")
        }
        return campaign
    }

    private func heading(_ campaign: Campaign) -> String { "\(campaign.year) 年度「\(campaign.kind.label)」（活动 \(campaign.id)）" }

    private func ceremonyPage(_ visit: ConsoleVisit, _ campaign: Campaign) async throws -> ConsoleJointPage {
        let heading = "多方联合计票：\(heading(campaign))"
        guard let pending = await desk.find(campaign.id) else {
            let setup = ConsoleJointPage.Setup(
                names: Self.suggested.enumerated().map { ConsoleJointPage.Name(number: $0.offset + 1, value: $0.element) },
                quorums: (2...5).map { ConsoleJointPage.Quorum(value: $0, selected: $0 == 2) })
            return ConsoleJointPage(member: visit.header, csrf: visit.csrf, campaignID: campaign.id, heading: heading, setup: setup, shares: nil)
        }
        let files = pending.ceremony.shares.map {
            ConsoleJointPage.File(index: $0.index, name: $0.name, downloaded: pending.downloaded.contains($0.index))
        }
        let shares = ConsoleJointPage.Shares(
            quorum: pending.ceremony.ceremony.quorum, count: files.count, files: files, allDownloaded: files.allSatisfy(\.downloaded),
            expires: CountyCalendar.moment(pending.expires))
        return ConsoleJointPage(member: visit.header, csrf: visit.csrf, campaignID: campaign.id, heading: heading, setup: nil, shares: shares)
    }

    private func countPage(_ visit: ConsoleVisit, _ campaign: Campaign, notice: String?) async throws -> ConsoleCountPage {
        let progress = try await tally.progress(campaignID: campaign.id)
        let waiting = Set(await counting.contributions(campaign.id).map(\.name))
        var fingerprint: String?
        var tampered: String?
        if !progress.counted {
            do {
                fingerprint = try await tally.fingerprint(campaignID: campaign.id)
            } catch let error as CampaignError {
                tampered = error.description
            }
        }
        return ConsoleCountPage(
            member: visit.header, csrf: visit.csrf, campaignID: campaign.id, year: campaign.year, heading: "联合计票：\(heading(campaign))",
            ballots: progress.ballots, fingerprint: fingerprint, tampered: tampered, quorum: progress.quorum,
            trustees: progress.trustees.map { ConsoleCountPage.Trustee(name: $0, given: progress.given.contains($0) || waiting.contains($0)) },
            counted: progress.counted,
            notice: notice)
    }
}

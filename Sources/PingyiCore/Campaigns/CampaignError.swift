/// Why a campaign action was refused.
public enum CampaignError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No campaign with this id.
    case notFound(Int)
    /// No appraisal year with this number.
    case yearNotFound(Int)
    /// The year already has a campaign of this kind.
    case duplicate(year: Int, kind: CampaignKind)
    /// The step is not allowed from the campaign's current state.
    case illegalTransition(id: Int, from: CampaignState, to: CampaignState)
    /// The template is about the wrong kind of target for this campaign.
    case wrongTarget(kind: CampaignKind, template: TargetKind)
    /// Invitations can no longer be issued.
    case notAcceptingInvitations(id: Int, state: CampaignState)
    /// A department named for a star-rating list does not exist or is inactive.
    case unknownDepartments([String])
    /// The closing time is not after the opening time.
    case badPeriod
    /// Opening needs the public half of a ballot key (made by `pingyi campaign open`).
    case sealingKeyMissing(Int)
    /// Counting the sealed ballots at close needs the campaign's private key file.
    case openingKeyMissing(Int)
    /// The key given does not open this campaign's ballots.
    case openingKeyMismatch(Int)
    /// Revoking unused links and issuing new ones needs a reason (it is audited).
    case reissueNeedsReason
    /// At close, the box does not hold one sealed ballot per used invitation: nothing is counted.
    case boxMismatch(id: Int, sealed: Int, used: Int)
    /// Planned times change only before the count: a draft's both, an open campaign's opening
    /// while it does not yet take answers, and its closing to a time still to come.
    case notDraft(id: Int, state: CampaignState)
    /// An open campaign takes answers already: its opening time stays.
    case alreadyTakingAnswers(Int)
    /// An open campaign's new closing time has passed already.
    case closingInPast(Int)
    /// The step is the joint count's, and this campaign's ballots are sealed for one key.
    case notJoint(Int)
    /// The joint count has nothing to encrypt: no active chief or department when it opens.
    case nothingToCount(Int)
    /// The joint count's trustee gave its share already.
    case shareGiven(id: Int, trustee: String)
    /// A joint campaign is counted once.
    case counted(Int)
    /// The campaign's joint count has not reached its quorum yet.
    case notCounted(Int)
    /// The joint count starts once the campaign is closed.
    case notClosed(Int)
    /// The roster changed between the joint count's ceremony and the campaign's opening.
    case rosterChanged(Int)
    /// The joint count's box is not what the claims made (a ballot taken out, added or altered).
    case boxTampered(Int)
    /// The joint count's box changed between the trustees' contributions.
    case boxChanged(Int)

    /// Says what is wrong, in Chinese.
    public var description: String {
        switch self {
        case .notFound(let id): "活动 \(id) 不存在"
        case .yearNotFound(let year): "\(year) 年度考评还没有建立，请先建立年度"
        case .duplicate(let year, let kind): "\(year) 年度已有「\(kind.label)」活动"
        case .illegalTransition(let id, let from, let to):
            "活动 \(id) 当前状态为「\(from.label)」（\(from.rawValue)），不能变为「\(to.label)」（\(to.rawValue)）"
                + (from.next.map { "；下一步只能是「\($0.label)」" } ?? "；已归档的活动不能再修改")
        case .wrongTarget(let kind, let template):
            "「\(kind.label)」活动需要评价对象为 \(kind.target.rawValue) 的模板，此模板的对象是 \(template.rawValue)"
        case .notAcceptingInvitations(let id, let state): "活动 \(id) 状态为「\(state.label)」，不能再发放邀请"
        case .unknownDepartments(let codes): "部门不存在或未启用：\(codes.joined(separator: "、"))"
        case .badPeriod: "结束时间须晚于开始时间"
        case .sealingKeyMissing(let id): "活动 \(id) 开始前须生成计票密钥（在控制台「开始活动」页生成并保存私钥文件）"
        case .openingKeyMissing(let id):
            "活动 \(id) 的选票已加密封存，结束活动须提供开始活动时保存的计票私钥文件；未作任何改动"
        case .openingKeyMismatch(let id): "所给私钥不是活动 \(id) 的计票私钥，无法开启选票；未作任何改动，选票完好"
        case .boxMismatch(let id, let sealed, let used):
            "活动 \(id) 的票箱中有 \(sealed) 份密封选票，而已使用的邀请为 \(used) 个，二者不符：未计票，未作任何改动。请联系系统管理员核查数据库"
        case .notDraft(let id, let state): "活动 \(id) 状态为「\(state.label)」，计划时间只能在结束前修改"
        case .alreadyTakingAnswers(let id): "活动 \(id) 已在接受提交，开始时间不能再改；结束时间仍可修改（如延长）"
        case .closingInPast(let id): "活动 \(id) 正在进行，新的结束时间须晚于现在"
        case .reissueNeedsReason: "作废未用链接并重发须填写理由（将记入审计日志），未作任何改动"
        case .notJoint(let id): "活动 \(id) 的选票用单一计票私钥封存，不是多方联合计票"
        case .nothingToCount(let id): "活动 \(id) 没有在职的评议对象，无法生成联合计票清单；未作任何改动"
        case .shareGiven(let id, let trustee): "「\(trustee)」已为活动 \(id) 提交过密钥份额；未作任何改动"
        case .counted(let id): "活动 \(id) 已完成联合计票，结果已公开；未作任何改动"
        case .notCounted(let id): "活动 \(id) 尚未完成联合计票：须有足够的保管单位提交密钥份额；未作任何改动"
        case .boxTampered(let id):
            "活动 \(id) 的加密答卷与提交时的记录（追踪码链、答卷数、已使用的邀请数）不符：有答卷在数据库中被删除、添加或改动。未计票，未作任何改动；请联系系统管理员和纪委监委核查"
        case .boxChanged(let id): "活动 \(id) 的答卷在各单位提交份额之间有变化：未计票，未作任何改动；请各单位重新提交密钥份额"
        case .rosterChanged(let id): "活动 \(id) 的评议对象（名册）在生成密钥后有变化：请重新生成密钥份额（已下载的份额文件作废）；活动未开始，未作任何改动"
        case .notClosed(let id): "活动 \(id) 尚未结束：结束活动后才能提交密钥份额联合计票；未作任何改动"
        }
    }
}

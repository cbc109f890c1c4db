import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore

/// Issuing a campaign's one-time links. Shared by `pingyi invitations issue`, the console and
/// the demo county.
public enum InvitationWorkflow {
    /// Issues invitations and writes them to a new private CSV file (0600, never over an existing
    /// file) inside the transaction: if the file cannot be written nothing is stored, and if the
    /// transaction fails the file is removed.
    public static func issue(
        campaignID: Int, out: String, reissue: InvitationStore.Reissue, reason: String? = nil, departments: [String]? = nil,
        publicURL: String, codeKey: InvitationCodeKey, pool: ConnectionPool, actor: String
    ) async throws -> InvitationStore.IssueResult {
        // A clear refusal before anything is issued; the file itself is made with O_EXCL below,
        // so a file appearing in between is refused too and never overwritten.
        guard !FileManager.default.fileExists(atPath: out) else { throw PrivateFileExists(path: out) }
        do {
            let campaign = try await CampaignStore(pool: pool).find(id: campaignID)
            guard let kind = campaign?.kind else { throw CampaignError.notFound(campaignID) }
            return try await InvitationStore(pool: pool).issue(
                campaignID: campaignID, codeKey: codeKey, reissue: reissue, reason: reason, departments: departments, actor: actor
            ) { invitations in
                guard !invitations.isEmpty else { return }
                // Only the office may read the file, from the first byte: it holds the only copies of the tokens.
                try PrivateFile.create(out, contents: InvitationSheet.csv(invitations, kind: kind, publicURL: publicURL))
            }
        } catch let exists as PrivateFileExists {
            throw exists  // someone else's file: left as it is
        } catch {
            try? FileManager.default.removeItem(atPath: out)
            throw error
        }
    }

    /// Why an issue gave nobody a link, for the office: nobody to invite at all (no dealings that
    /// year, no supervisor in office), or everyone has a valid link or has answered.
    public static func whyNoneIssued(campaign: Campaign, eligible: Int, reissue: InvitationStore.Reissue) -> String {
        guard eligible > 0 else {
            return campaign.kind == .merchantReview
                ? "该活动年度没有企业往来记录，没有可邀请的企业。请先导入 \(campaign.year) 年度的企业往来部门（pingyi import dealings）。"
                : "没有在职的特约监督员。请先导入特约监督员名单（pingyi import supervisors）。"
        }
        if case .none = reissue {
            return "\(eligible) 位评议对象都已有有效链接或已提交。如需作废未使用的链接并重发，请用“重新发放”（pingyi invitations issue --reissue --reason）。"
        }
        return "\(eligible) 位评议对象都已提交，没有未使用的链接可以重新发放。"
    }
}

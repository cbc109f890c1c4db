import Foundation

/// The office's list of new invitations: one row per respondent with their one-time link, as
/// a spreadsheet CSV (UTF-8 with BOM). It holds the only copies of the tokens.
public enum InvitationSheet {
    /// The CSV of `invitations` of a campaign of `kind`, links under `publicURL`.
    public static func csv(_ invitations: [IssuedInvitation], kind: CampaignKind, publicURL: String) -> Data {
        let header =
            kind == .merchantReview
            ? ["统一社会信用代码", "企业名称", "联系人", "联系电话", "评议部门", "评议链接"]
            : ["编号", "姓名", "联系电话", "评星部门数", "评星链接"]
        let rows = invitations.map { invitation in
            kind == .merchantReview
                ? [
                    invitation.respondent.key, invitation.name, invitation.contactPerson ?? "", invitation.phone ?? "",
                    (invitation.departmentNames.isEmpty ? invitation.departments : invitation.departmentNames).joined(separator: "、"),
                    invitation.link(publicURL: publicURL, kind: kind),
                ]
                : [
                    invitation.respondent.key, invitation.name, invitation.phone ?? "", "\(invitation.departments.count)",
                    invitation.link(publicURL: publicURL, kind: kind),
                ]
        }
        return SpreadsheetCSV.make(header: header, rows: rows)
    }
}

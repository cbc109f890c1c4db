import Foundation
import PingyiCore

/// The office's links file, as `invitations issue` wrote it (`InvitationSheet`): one row per
/// respondent with their one-time link. Letters, SMS files and reminders are made from it, so a
/// link exists only in the files the office is given.
public struct LinksFile: Sendable {
    /// One respondent's row.
    public struct Row: Sendable, Hashable {
        public var key: String
        public var name: String
        public var phone: String?
        public var link: String
        public var token: InvitationToken

        public init(key: String, name: String, phone: String?, link: String, token: InvitationToken) {
            self.key = key
            self.name = name
            self.phone = phone
            self.link = link
            self.token = token
        }

        /// The row of an invitation just issued (the console's letters, made at once).
        public init(_ invitation: IssuedInvitation, kind: CampaignKind, publicURL: String) {
            self.init(
                key: invitation.respondent.key, name: invitation.name, phone: invitation.phone,
                link: invitation.link(publicURL: publicURL, kind: kind), token: invitation.token)
        }
    }

    public let rows: [Row]

    /// Reads the file; every row must carry a link with a token (else `InvalidFile` by line).
    public static func read(_ path: String, kind: CampaignKind, publicURL: String) throws -> LinksFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw WorkflowError("无法读取文件 \(path)") }
        return try parse(data, file: path, kind: kind, publicURL: publicURL)
    }

    /// Reads a links file's bytes (an upload in the console). Only the token is taken from a
    /// row's link: the link a letter, a QR code or an SMS carries is made anew from `publicURL`
    /// and the campaign's `kind`, so an edited file cannot send a respondent to another host.
    /// A row with fewer cells than the header is read as far as it goes, never out of bounds.
    public static func parse(_ data: Data, file path: String, kind: CampaignKind, publicURL: String) throws -> LinksFile {
        let document = try CSVDocument.parse(data, file: path)
        let header = document.header
        guard let linkColumn = header.firstIndex(where: { $0.hasSuffix("链接") }),
            let nameColumn = header.firstIndex(where: { $0.hasSuffix("名称") || $0 == "姓名" })
        else {
            throw InvalidFile(issues: [FileIssue(file: path, line: 1, message: "不是 pingyi invitations issue 写出的链接文件（缺少链接或名称列）")])
        }
        let phoneColumn = header.firstIndex(of: "联系电话")
        var rows: [Row] = []
        var issues: [FileIssue] = []
        // One row per link: a file that repeats a link (pasted twice, or on purpose) makes one letter.
        var seen = Set<InvitationToken>()
        for record in document.records {
            let link = record.fields.indices.contains(linkColumn) ? record.fields[linkColumn].trimmingCharacters(in: .whitespaces) : ""
            guard let token = link.split(separator: "/").last.flatMap({ InvitationToken(text: String($0)) }) else {
                issues.append(FileIssue(file: path, line: record.line, column: header[linkColumn], message: "「\(link)」不是评议链接"))
                continue
            }
            func cell(_ column: Int?) -> String {
                guard let column, record.fields.indices.contains(column) else { return "" }
                return record.fields[column].trimmingCharacters(in: .whitespaces)
            }
            let phone = cell(phoneColumn)
            let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
            guard seen.insert(token).inserted else { continue }
            rows.append(
                Row(
                    key: cell(0), name: cell(nameColumn), phone: phone.isEmpty ? nil : phone, link: base + kind.linkPrefix + token.text,
                    token: token))
        }
        guard issues.isEmpty else { throw InvalidFile(issues: issues) }
        return LinksFile(rows: rows)
    }
}

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
    public static func read(_ path: String) throws -> LinksFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw WorkflowError("无法读取文件 \(path)") }
        return try parse(data, file: path)
    }

    /// Reads a links file's bytes (an upload in the console).
    public static func parse(_ data: Data, file path: String) throws -> LinksFile {
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
        for record in document.records {
            let link = record.fields.indices.contains(linkColumn) ? record.fields[linkColumn].trimmingCharacters(in: .whitespaces) : ""
            guard let token = link.split(separator: "/").last.flatMap({ InvitationToken(text: String($0)) }) else {
                issues.append(FileIssue(file: path, line: record.line, column: header[linkColumn], message: "「\(link)」不是评议链接"))
                continue
            }
            let phone = phoneColumn.flatMap { record.fields.indices.contains($0) ? record.fields[$0].trimmingCharacters(in: .whitespaces) : nil }
            rows.append(
                Row(
                    key: record.fields.first?.trimmingCharacters(in: .whitespaces) ?? "",
                    name: record.fields[nameColumn].trimmingCharacters(in: .whitespaces),
                    phone: phone?.isEmpty == false ? phone : nil, link: link, token: token))
        }
        guard issues.isEmpty else { throw InvalidFile(issues: issues) }
        return LinksFile(rows: rows)
    }
}

import Foundation

/// 问题线索: a problem a supervisor reported about a department, for the office to follow up.
public struct ProblemClue: Hashable, Sendable {
    /// The follow-up state of a clue.
    public enum Status: String, Sendable, CaseIterable {
        /// Not yet looked at.
        case new
        /// Handed to someone.
        case assigned
        /// Dealt with.
        case resolved

        /// The Chinese name.
        public var label: String {
            switch self {
            case .new: "新线索"
            case .assigned: "已交办"
            case .resolved: "已办结"
            }
        }
    }

    /// The clue's id.
    public var id: UUID
    /// The campaign it came in through.
    public var campaignID: Int
    /// The department's code.
    public var departmentCode: String
    /// The department's name.
    public var departmentName: String
    /// What the supervisor wrote.
    public var body: String
    /// The supervisor's name, only if they chose to sign.
    public var signedBy: String?
    /// The day it was reported.
    public var reportedOn: CivilDate
    /// Its follow-up state.
    public var status: Status
    /// The office's note on how it was handled.
    public var note: String?

    /// Makes a clue.
    public init(
        id: UUID, campaignID: Int, departmentCode: String, departmentName: String, body: String, signedBy: String?, reportedOn: CivilDate,
        status: Status, note: String? = nil
    ) {
        self.id = id
        self.campaignID = campaignID
        self.departmentCode = departmentCode
        self.departmentName = departmentName
        self.body = body
        self.signedBy = signedBy
        self.reportedOn = reportedOn
        self.status = status
        self.note = note
    }
}

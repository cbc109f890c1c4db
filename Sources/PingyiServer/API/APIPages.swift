import PingyiCore

/// `departments`: per department of a run.
struct DepartmentsPage: Encodable {
    let year: Int
    let run: Int
    let official: Bool
    let departments: [DepartmentResult]
}

/// A flagged chief with the follow-up of the published year, if any.
struct FlaggedChief: Encodable {
    let score: ChiefScore
    let followUp: FollowUp?
}

/// `flags`: the 不满意 chiefs with evidence and follow-up status.
struct FlagsPage: Encodable {
    let year: Int
    let run: Int
    let official: Bool
    let chiefs: [FlaggedChief]
}

/// `comments`: a chief's comments, or `suppressed` below the minimum of ballots.
struct CommentsPage: Encodable {
    let year: Int
    let chief: String
    let suppressed: Bool
    let minimumBallots: Int
    let comments: [String]
}

/// `personnel.json`: HR's candidates.
struct PersonnelPage: Encodable {
    let year: Int
    let run: Int
    let candidates: [PersonnelRow]
}

/// One published year of a chief.
struct ChiefYear: Encodable {
    let year: Int
    let run: Int
    let result: ChiefScore
}

/// `chiefs/{employeeNumber}`: every published year.
struct ChiefPage: Encodable {
    let employeeNumber: String
    let name: String
    let departmentName: String
    let section: String
    let years: [ChiefYear]
}

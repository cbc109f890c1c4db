import PingyiCore
import PingyiTally

extension BallotInvitation {
    /// A joint campaign's form holds only what its manifest (fixed when it opened) can count: a
    /// chief or department added later is left off, rather than graded and lost.
    func restricted(to context: ElectionContext?) -> BallotInvitation {
        guard let context else { return self }
        var copy = self
        switch campaign.kind {
        case .merchantReview:
            copy.departments = departments.compactMap { department in
                var kept = department
                kept.chiefs = department.chiefs.filter { context.targets.contains($0.employeeNumber) }
                return kept.chiefs.isEmpty ? nil : kept
            }
        case .starRating:
            copy.departments = departments.filter { context.targets.contains($0.code) }
        }
        return copy
    }
}

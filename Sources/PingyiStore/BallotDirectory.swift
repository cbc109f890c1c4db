import Foundation
import PingyiCore
import PingyiPostgres
import Synchronization

/// Every active department with its chiefs in post, as a ballot shows them, read in one query
/// and kept for a few seconds: each ballot request then needs no join of its own. A roster
/// import shows on ballots within `lifetime`.
final class BallotDirectory: Sendable {
    private struct Snapshot {
        let departments: [String: BallotDepartment]
        let loaded: ContinuousClock.Instant
    }

    private let snapshot = Mutex<Snapshot?>(nil)
    private let lifetime: Duration
    /// Time, from the continuous clock (a test passes a clock it moves by hand).
    private let now: @Sendable () -> ContinuousClock.Instant

    init(lifetime: Duration = .seconds(10), now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.lifetime = lifetime
        self.now = now
    }

    /// The departments of `codes`, in that order, with their chiefs (merchant review) or without (star rating).
    func departments(_ codes: [String], kind: CampaignKind, on connection: Connection) throws -> [BallotDepartment] {
        Self.select(codes, kind: kind, from: try current(on: connection))
    }

    /// The same from the copy in memory, without the database; `nil` when it is older than its
    /// lifetime (the caller then takes the path that reads it again).
    func cachedDepartments(_ codes: [String], kind: CampaignKind) -> [BallotDepartment]? {
        fresh().map { Self.select(codes, kind: kind, from: $0) }
    }

    /// The copy in memory while it is younger than its lifetime.
    private func fresh() -> [String: BallotDepartment]? {
        let now = self.now()
        guard let cached = snapshot.withLock({ $0 }), now - cached.loaded < lifetime else { return nil }
        return cached.departments
    }

    private static func select(_ codes: [String], kind: CampaignKind, from all: [String: BallotDepartment]) -> [BallotDepartment] {
        let found = codes.compactMap { all[$0] }
        switch kind {
        case .merchantReview: return found.filter { !$0.chiefs.isEmpty }
        case .starRating: return found.map { BallotDepartment(code: $0.code, name: $0.name, chiefs: []) }
        }
    }

    private func current(on connection: Connection) throws -> [String: BallotDepartment] {
        if let departments = fresh() { return departments }
        let now = self.now()
        let rows = try connection.query(
            """
            SELECT d.code, d.name, c.employee_number, c.name AS chief_name, s.name AS section, c.position
            FROM departments d
            LEFT JOIN sections s ON s.department_code = d.code AND s.active
            LEFT JOIN chiefs c ON c.section_id = s.id AND c.active
            WHERE d.active
            ORDER BY d.code, c.employee_number
            """)
        var departments: [String: BallotDepartment] = [:]
        for row in rows.rows {
            let code: String = try row.decode("code")
            if departments[code] == nil {
                departments[code] = BallotDepartment(code: code, name: try row.decode("name"), chiefs: [])
            }
            if let number: String = try row.decode("employee_number") {
                departments[code]!.chiefs.append(
                    BallotChief(
                        employeeNumber: number, name: try row.decode("chief_name"), section: try row.decode("section"),
                        position: try row.decode("position")))
            }
        }
        snapshot.withLock { $0 = Snapshot(departments: departments, loaded: now) }
        return departments
    }
}

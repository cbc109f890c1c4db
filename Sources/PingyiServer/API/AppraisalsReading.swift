import PingyiCore
import PingyiStore

/// What the organization department's API reads: the seam between `AppraisalsController` and
/// the database. `StoreAppraisalsReading` reads PostgreSQL; the fast router tests give the
/// controller an in-memory one, so its paging, filters and errors are tested in milliseconds.
protocol AppraisalsReading: Sendable {
    func overview() async throws -> [AppraisalOverview]
    func appraisal(year: Int) async throws -> AppraisalYear?
    /// The year's latest run, or run `runID`.
    func run(year: Int, runID: Int?) async throws -> ScoringRun
    /// The year's official run; `AppraisalError.notPublished` when there is none.
    func officialRun(year: Int) async throws -> ScoringRun
    func departments(year: Int, run: ScoringRun) async throws -> [DepartmentResult]
    func followUps(year: Int) async throws -> [FollowUp]
    func comments(year: Int, employeeNumber: String, minValidVotes: Int) async throws -> [String]?
    func personnel(year: Int) async throws -> (run: Int, rows: [PersonnelRow])
    func chiefYears(employeeNumber: String) async throws -> [(year: Int, run: Int, score: ChiefScore)]
}

/// The API's reading from PostgreSQL, through the stores.
struct StoreAppraisalsReading: AppraisalsReading {
    let appraisals: AppraisalStore
    let scoring: ScoringResultsStore
    let ballots: BallotStore
    let followUpStore: FollowUpStore

    func overview() async throws -> [AppraisalOverview] { try await appraisals.overview() }
    func appraisal(year: Int) async throws -> AppraisalYear? { try await appraisals.find(year: year) }
    func run(year: Int, runID: Int?) async throws -> ScoringRun { try await scoring.run(year: year, runID: runID) }
    func officialRun(year: Int) async throws -> ScoringRun { try await scoring.run(year: year, officialOnly: true) }
    func departments(year: Int, run: ScoringRun) async throws -> [DepartmentResult] { try await scoring.departments(year: year, run: run) }
    func followUps(year: Int) async throws -> [FollowUp] { try await followUpStore.list(year: year) }
    func comments(year: Int, employeeNumber: String, minValidVotes: Int) async throws -> [String]? {
        try await ballots.comments(year: year, employeeNumber: employeeNumber, minValidVotes: minValidVotes)
    }
    func personnel(year: Int) async throws -> (run: Int, rows: [PersonnelRow]) { try await scoring.personnel(year: year) }
    func chiefYears(employeeNumber: String) async throws -> [(year: Int, run: Int, score: ChiefScore)] {
        try await scoring.chiefYears(employeeNumber: employeeNumber)
    }
}

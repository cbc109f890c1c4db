import Foundation
import PingyiCore
import PingyiPostgres
import PingyiStore

/// Importing a file the office was given (roster, merchants, dealings, supervisors, a year's
/// assessment): read it, parse it, store it in one transaction or refuse it whole. Shared by
/// `pingyi import` and the demo county.
public enum ImportWorkflow {
    /// The kinds of import file.
    public enum Kind: String, CaseIterable, Sendable {
        case roster, merchants, dealings, supervisors, assessment, problems
    }

    /// Reads and imports the file at `path`; `year` is needed for an assessment. A refused file
    /// is an `ImportRefused` with every problem; nothing of it is written.
    public static func run(
        _ kind: Kind, path: String, year: Int? = nil, pool: ConnectionPool, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        guard let data = FileManager.default.contents(atPath: path) else { throw WorkflowError("无法读取文件 \(path)") }
        let document: CSVDocument
        do {
            document = try CSVDocument.parse(data, file: path)
        } catch {
            throw ImportRefused(file: error)
        }
        return try await run(kind, document: document, year: year, pool: pool, actor: actor, dryRun: dryRun)
    }

    /// Imports a document already read (a CSV file, or an `.xlsx` uploaded in the console through
    /// `UploadedTable`): the same checks and the same all-or-nothing store as the command line.
    public static func run(
        _ kind: Kind, document: CSVDocument, year: Int? = nil, pool: ConnectionPool, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        let roster = RosterStore(pool: pool)
        do {
            switch kind {
            case .roster: return try await roster.importRoster(RosterFormat.parse(document), actor: actor, dryRun: dryRun)
            case .merchants: return try await roster.importMerchants(MerchantFormat.parse(document), actor: actor, dryRun: dryRun)
            case .dealings: return try await roster.importDealings(DealingFormat.parse(document), actor: actor, dryRun: dryRun)
            case .supervisors: return try await roster.importSupervisors(SupervisorFormat.parse(document), actor: actor, dryRun: dryRun)
            case .problems:
                return try await ProblemStore(pool: pool).importProblems(ProblemFormat.parse(document), actor: actor, dryRun: dryRun)
            case .assessment:
                guard let year else { throw WorkflowError("导入目标考核须指定 --year") }
                return try await AssessmentStore(pool: pool).importAssessment(
                    AssessmentFormat.parse(document), year: year, actor: actor, dryRun: dryRun)
            }
        } catch let refused as InvalidFile {
            throw ImportRefused(file: refused)
        }
    }

    /// The summary as the office reads it: the file, then a line per kind of row.
    public static func report(_ summary: ImportSummary) -> [String] {
        ["\(summary.file)："] + summary.counts.map { "  \($0.line)" }
    }
}

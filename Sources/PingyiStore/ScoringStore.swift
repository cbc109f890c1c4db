import Foundation
import PingyiCore
import PingyiPostgres

/// Scoring runs: the inputs gathered by SQL (`ScoringInputReader`), scored by
/// `PingyiCore.Scoring`, stored with one row per chief; publication makes a run official,
/// freezes the year and opens the follow-ups; unpublishing takes that back. What is stored is
/// read through `ScoringResultsStore`.
public struct ScoringStore: Sendable {
    let pool: ConnectionPool

    /// Uses the given pool.
    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    /// Scores `year`. When the inputs are exactly those of the year's latest run, that run is
    /// returned (`isNew` false) — the same data always gives the same rows; otherwise a new run
    /// is stored and the old ones are kept. A published year is refused. The result carries every
    /// figure, small cells too (for the office's own check); what others read goes through
    /// `ScoringResultsStore`, which withholds small cells (`ChiefScore.disclosed`).
    ///
    /// A year with a campaign still open is refused (its ballots are sealed and not counted yet:
    /// scoring now would rank on a part of the answers). `dryRun` computes and returns the run
    /// without storing anything (its `id` is 0).
    public func score(
        year: Int, actor: String, dryRun: Bool = false, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> ScoringRun {
        try await pool.transaction(.repeatableRead) { connection in
            let appraisal = try AppraisalStore.readYear(year, on: connection)
            try appraisal.refuseIfPublished()
            try ScoringStore.refuseOpenCampaigns(year: year, on: connection)
            let policy = try appraisal.policy()
            progress("读取 \(year) 年度的活动、选票、评星和目标考核…")
            let gathered = try ScoringInputReader.gather(year: year, policy: policy, on: connection)
            progress("计算 \(gathered.input.tallies.count) 名股室长的得分…")
            let scores = Scoring.score(gathered.input)
            let fingerprint = try InputFingerprint.of(gathered.input)
            if let latest = try connection.query(
                "SELECT id, number, fingerprint FROM scoring_runs WHERE year = \(year) ORDER BY id DESC LIMIT 1"
            ).first, try latest.decode("fingerprint", as: String.self) == fingerprint {
                let id: Int = try latest.decode("id")
                return ScoringRun(
                    id: id, year: year, number: try latest.decode("number"), isNew: false, official: false, inputs: gathered.counts, scores: scores,
                    notes: gathered.notes)
            }
            if dryRun {
                return ScoringRun(id: 0, year: year, isNew: false, official: false, inputs: gathered.counts, scores: scores, notes: gathered.notes)
            }
            progress("保存评分结果…")
            // One JSON array for all chiefs (one encoder call, no array literal to escape); keys
            // unsorted: jsonb keeps its own order, and sorting was a tenth of a province's run.
            // Split as json (only scanned) and each chief's result made jsonb once: as one jsonb
            // document the 20 MB of a province's run were converted twice.
            let results = String(decoding: try JSONEncoder().encode(scores), as: UTF8.self)
            // seconds: now() is the transaction's start, so the run's time from its first read to
            // its results ready to store (runs never change afterwards: no later UPDATE).
            let stored = try connection.query(
                """
                INSERT INTO scoring_runs (year, fingerprint, policy_sha256, merchant_template_sha256, star_template_sha256, inputs, created_by, seconds)
                VALUES (\(year), \(fingerprint), \(try appraisal.policySHA256), \(gathered.merchantTemplateSHA),
                        \(gathered.starTemplateSHA), \(AuditLog.json(gathered.counts))::jsonb, \(actor),
                        extract(epoch FROM clock_timestamp() - now()))
                RETURNING id, number
                """)[0]
            let id: Int = try stored.decode("id")
            try connection.query(
                """
                INSERT INTO chief_results (run_id, employee_number, department_code, rank, composite, flagged, bottom, action, result)
                SELECT \(id), r.result ->> 'employeeNumber', r.result ->> 'departmentCode', (r.result ->> 'rank')::int,
                       (r.result ->> 'composite')::numeric, jsonb_array_length(r.result -> 'flags') > 0, (r.result ->> 'bottom')::bool,
                       r.result ->> 'action', r.result
                FROM (SELECT value::jsonb AS result FROM json_array_elements(\(results)::json) OFFSET 0) AS r
                """)
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "score", subject: "appraisal \(year)",
                    afterJSON: AuditLog.json(["run": id, "chiefs": scores.count, "flagged": scores.filter(\.flagged).count])),
                on: connection)
            return ScoringRun(
                id: id, year: year, number: try stored.decode("number"), isNew: true, official: false, inputs: gathered.counts, scores: scores,
                notes: gathered.notes)
        }
    }

    /// Publishes `year`: the run (the latest when nil) becomes official, the year is frozen, and
    /// each flagged chief gets a follow-up due `dueDays` after today. Returns the follow-ups made.
    public func publish(year: Int, runID: Int? = nil, actor: String, now: Date = Date()) async throws -> (run: Int, followUps: Int) {
        try await pool.transaction { connection in
            let appraisal = try AppraisalStore.lockYear(year, on: connection)
            try appraisal.refuseIfPublished()
            let policy = try appraisal.policy()
            try ScoringStore.refuseOpenCampaigns(year: year, on: connection)
            guard let latest: Int = try connection.query("SELECT max(id) AS id FROM scoring_runs WHERE year = \(year)").first?.decode("id")
            else { throw AppraisalError.noRun(year) }
            let run = runID ?? latest
            guard try connection.query("SELECT 1 FROM scoring_runs WHERE id = \(run) AND year = \(year)").count == 1 else {
                throw AppraisalError.noRun(year)
            }
            guard run == latest else { throw AppraisalError.notLatestRun(year: year, run: run, latest: latest) }
            let ranked: Int = try connection.query("SELECT count(*) AS n FROM chief_results WHERE run_id = \(run) AND rank IS NOT NULL")[0].decode(
                "n")
            guard ranked > 0 else { throw AppraisalError.nobodyRanked(year: year, run: run) }
            try connection.query("UPDATE appraisal_years SET official_run_id = \(run), published_at = now() WHERE year = \(year)")
            let flagged = try connection.query("SELECT result::text AS result FROM chief_results WHERE run_id = \(run) AND flagged")
                .map(ScoringResultsStore.chiefScore)
            let plan = FollowUpPlan.make(scores: flagged, policy: policy, publishedOn: CountyCalendar.today(now))
            try connection.query(
                """
                INSERT INTO follow_ups (year, run_id, employee_number, action, reason, due_on)
                SELECT \(year), \(run), p.employee_number, p.action, p.reason, p.due_on::date
                FROM unnest(\(plan.map(\.employeeNumber))::text[], \(plan.map(\.action.rawValue))::text[],
                            \(plan.map(\.reason))::text[], \(plan.map(\.dueOn.description))::text[]) AS p(employee_number, action, reason, due_on)
                """)
            let made = plan.count
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "appraisal.publish", subject: "appraisal \(year)",
                    afterJSON: AuditLog.json(["officialRun": run, "followUps": made])),
                on: connection)
            return (run, made)
        }
    }

    /// Takes a published year back to scored: it is no longer frozen and has no official run; its
    /// runs stay stored as history; its follow-ups are kept, marked withdrawn with the reason.
    /// Returns the follow-ups withdrawn.
    public func unpublish(year: Int, reason: String, actor: String) async throws -> Int {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else { throw AppraisalError.reasonRequired }
        return try await pool.transaction { connection in
            guard let run = try AppraisalStore.lockYear(year, on: connection).officialRunID else { throw AppraisalError.notPublished(year) }
            let withdrawn = try connection.query(
                """
                UPDATE follow_ups SET status = 'withdrawn', recorded_by = \(actor), recorded_at = now(),
                       outcome = left(coalesce(outcome || '；', '') || '撤销发布：' || \(reason), 2000)
                WHERE year = \(year) AND status <> 'withdrawn'
                """
            ).affectedRows
            try connection.query(
                """
                INSERT INTO follow_up_records (follow_up_id, status, note, recorded_by)
                SELECT id, 'withdrawn', left('撤销发布：' || \(reason), 2000), \(actor) FROM follow_ups
                WHERE year = \(year) AND status = 'withdrawn' AND recorded_at = now()
                """)
            try connection.query("UPDATE appraisal_years SET official_run_id = NULL, published_at = NULL WHERE year = \(year)")
            try AuditLog.record(
                AuditEntry(
                    actor: actor, action: "appraisal.unpublish", subject: "appraisal \(year)",
                    beforeJSON: AuditLog.json(["officialRun": run]),
                    afterJSON: AuditLog.json(["reason": reason, "followUpsWithdrawn": "\(withdrawn)"])),
                on: connection)
            return withdrawn
        }
    }

    /// Throws `AppraisalError.campaignsOpen` naming the year's open campaigns, if any.
    static func refuseOpenCampaigns(year: Int, on connection: Connection) throws {
        // A campaign of the joint count is counted when its trustees have given their shares,
        // after its close: until then its grades are not in the response tables either.
        let open = try connection.query(
            """
            SELECT id, kind, state = 'closed' AS uncounted FROM campaigns c
            WHERE year = \(year) AND (state = 'open'
                  OR (state = 'closed' AND tally IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tally_records r WHERE r.campaign_id = c.id)))
            ORDER BY id
            """
        ).map { row in
            let kind = CampaignKind(rawValue: try row.decode("kind", as: String.self))?.label ?? ""
            let uncounted = try row.decode("uncounted", as: Bool.self) ? "（已结束，尚未联合计票）" : ""
            return "活动 \(try row.decode("id", as: Int.self))「\(kind)」\(uncounted)"
        }
        guard open.isEmpty else { throw AppraisalError.campaignsOpen(year: year, campaigns: open) }
    }
}

/// The rules for recording a follow-up's outcome, beside `ProblemFlow`: which status may be
/// recorded on which, and what a record needs. A pending, done or waived follow-up may be
/// recorded done or waived (a second record adds to the history, it does not erase it); a
/// withdrawn one (its year's publication was taken back) takes no record; pending and withdrawn
/// are never recorded by hand.
public enum FollowUpFlow {
    /// The statuses the office may record.
    public static let outcomes: Set<FollowUpStatus> = [.done, .waived]

    /// Checks what was typed, before anything is read: the status (`statusRequired`), the note
    /// (1–2,000 characters once trimmed, `noteRequired`) and the day it was carried out (today
    /// when not given; never after today, `badDoneOn`). Returns the trimmed note and the day.
    public static func outcome(
        _ status: FollowUpStatus, note: String, doneOn: CivilDate?, today: CivilDate
    ) throws(FollowUpError) -> (note: Note, doneOn: CivilDate) {
        guard outcomes.contains(status) else { throw .statusRequired }
        guard let note = Note(note), !note.isEmpty else { throw .noteRequired }
        let doneOn = doneOn ?? today
        guard doneOn <= today, doneOn.year >= AppraisalYearNumber.range.lowerBound else { throw .badDoneOn(today) }
        return (note, doneOn)
    }

    /// The status of follow-up `id` after `status` is recorded on it while it stands at
    /// `current`: `statusRequired` for a status that is not an outcome, `withdrawn` when the
    /// follow-up was withdrawn.
    public static func next(from current: FollowUpStatus, recording status: FollowUpStatus, id: Int) throws(FollowUpError) -> FollowUpStatus {
        guard outcomes.contains(status) else { throw .statusRequired }
        guard current != .withdrawn else { throw .withdrawn(id) }
        return status
    }
}

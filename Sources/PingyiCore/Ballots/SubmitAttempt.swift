/// What became of a form posted to the server.
public enum SubmitAttempt: Hashable, Sendable {
    /// The invitation could not take a ballot (unknown, used, campaign not open, other kind).
    case notSubmitted(InvitationLookup)
    /// The form was not valid: shown again (`.invalid`) or refused (`.malformed`).
    case invalid(BallotInvitation, BallotValidation)
    /// The form was valid and the claim was attempted.
    case submitted(SubmitOutcome)
}

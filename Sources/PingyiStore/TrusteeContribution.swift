import Foundation
import PingyiTally

/// What one trustee's share gives the count of a closed campaign: its proven decryption shares of
/// every aggregate and its partial decryptions of every sealed text, made over the box whose
/// digest it names. Kept in the counting process's memory only — never in the database — until
/// the quorum has given (`JointTallyStore.complete`).
public struct TrusteeContribution: Sendable {
    public let campaignID: Int
    public let trustee: Int
    public let name: String
    /// The box it was made over: `JointBox.digest` of the ballots and texts.
    let box: [UInt8]
    let shares: [[DecryptionShare]]
    let partials: [Point]
}

import Foundation

/// How a posted form names its invitation: the hash of a link's token, or the keyed hash of a
/// printed letter's typed code (`InvitationCodeKey.mac`). Either is unique among invitations.
public enum InvitationMatch: Hashable, Sendable {
    /// `invitations.token_hash`.
    case tokenHash(Data)
    /// `invitations.code_hash`.
    case codeHash(Data)
}

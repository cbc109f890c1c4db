import PingyiTally

/// A joint count's key ceremony made for a draft campaign and not yet used: the manifest it was
/// made for, the public ceremony, and every trustee's share (to be handed out, then forgotten).
public struct PreparedCeremony: Sendable {
    public let campaignID: Int
    public let manifest: Manifest
    public let ceremony: Ceremony
    public let shares: [TrusteeShare]
}

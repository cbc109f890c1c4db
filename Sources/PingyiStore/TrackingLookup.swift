/// What a tracking code finds: nothing, a ballot received by a campaign still to be counted, or a
/// ballot in a campaign's published record.
public enum TrackingLookup: Sendable, Equatable {
    case notFound
    case received(campaign: String)
    case inRecord(campaign: String, campaignID: Int)
}

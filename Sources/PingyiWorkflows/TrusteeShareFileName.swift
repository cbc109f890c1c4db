import PingyiTally

/// The name of a trustee's share file: the campaign, the trustee's number and name (characters a
/// file system refuses made `_`), so a stick holding several is read at a glance.
public enum TrusteeShareFileName {
    public static func of(_ share: TrusteeShare, campaignID: Int) -> String {
        let name = String(share.name.map { "/\\\0:*?\"<>|".contains($0) || $0.isNewline ? "_" : $0 })
        return "活动\(campaignID)-\(share.index)-\(name)-密钥份额.txt"
    }
}

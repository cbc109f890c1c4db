import Foundation

/// A trustee's secret share of the joint key, `s_i`: what its share file holds, offline, with what
/// ties it to one ceremony. `s_i·G` equals the ceremony's public share `K_i`.
public struct TrusteeShare: Codable, Sendable, Equatable {
    public let campaign: String
    public let ceremonyHash: [UInt8]
    public let index: Int
    public let name: String
    public let secret: Scalar

    public init(campaign: String, ceremonyHash: [UInt8], index: Int, name: String, secret: Scalar) {
        self.campaign = campaign
        self.ceremonyHash = ceremonyHash
        self.index = index
        self.name = name
        self.secret = secret
    }

    /// Refuses, naming the trustee, a share that is not this ceremony's trustee `index`'s.
    public func check(against context: ElectionContext) throws {
        guard ceremonyHash == context.ceremonyHash, campaign == context.manifest.campaign else {
            throw TallyError.shareOfAnotherCampaign(trustee: name)
        }
        guard let trustee = context.ceremony.trustee(index), trustee.name == name else {
            throw TallyError.unknownTrustee(trustee: name)
        }
        guard Point.base(secret) == context.publicShares[index] else { throw TallyError.shareDoesNotMatch(trustee: name) }
    }

    /// This trustee's decryption share of an aggregate `(A, B)`: `M_i = s_i·A`, proven.
    public func decrypt(alpha: Point, beta: Point, context: ElectionContext) -> DecryptionShare {
        let share = secret * alpha
        let publicShare = context.publicShares[index]!
        let proof = ChaumPedersenProof.prove(secret: secret, base: alpha) { a, b in
            DecryptionShare.challenge(
                electionHash: context.electionHash, trustee: index, publicShare: publicShare, alpha: alpha, beta: beta, share: share,
                a: a, b: b!)
        }
        return DecryptionShare(trustee: index, share: share, proof: proof)
    }

    enum CodingKeys: String, CodingKey {
        case campaign, index, name, secret
        case ceremonyHash = "ceremony_hash"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        campaign = try container.decode(String.self, forKey: .campaign)
        let hex = try container.decode(String.self, forKey: .ceremonyHash)
        guard let hash = Hex.decode(hex), hash.count == 32 else {
            throw DecodingError.dataCorruptedError(forKey: .ceremonyHash, in: container, debugDescription: "not a hash")
        }
        ceremonyHash = hash
        index = try container.decode(Int.self, forKey: .index)
        name = try container.decode(String.self, forKey: .name)
        secret = try container.decode(Scalar.self, forKey: .secret)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(campaign, forKey: .campaign)
        try container.encode(Hex.encode(ceremonyHash), forKey: .ceremonyHash)
        try container.encode(index, forKey: .index)
        try container.encode(name, forKey: .name)
        try container.encode(secret, forKey: .secret)
    }
}

extension TrusteeShare {
    /// This trustee's partial decryption of a sealed text's `R`: `s_i·R`.
    public func partial(_ ephemeral: Point) -> Point { secret * ephemeral }
}

extension TrusteeShare {
    /// The first field of a share file.
    public static let fileFormat = "pingyi-trustee-share-v1"

    private struct File: Codable {
        let format: String
        let share: TrusteeShare
    }

    /// The share file's text: a few lines in Chinese on what it is and how to keep it (each
    /// beginning with `#`), then JSON naming its format, campaign, ceremony, trustee and secret.
    public func fileText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let header = [
            "# 评议系统 Pingyi · 多方联合计票的密钥份额",
            "# 活动：\(campaign)；保管单位：\(name)（第 \(index) 份）",
            "# 这是本单位保管的一份计票密钥。请离线保存在本单位的 U 盘上，不要交给其他单位，也不要留在别人的电脑里。",
            "# 活动结束后计票时，在评议系统控制台「联合计票」页选择并提交本文件（可由营商办代为提交，U 盘带去即可）。",
            "# 单独一份解不开任何答卷；本文件遗失时，只要其余单位的份额够数，计票仍可进行。",
        ]
        return header.joined(separator: "\n") + "\n"
            + String(decoding: try encoder.encode(File(format: Self.fileFormat, share: self)), as: UTF8.self) + "\n"
    }

    /// Reads a share file (its `#` lines are words for people); anything else is
    /// `TallyError.notAShareFile`.
    public init(fileText: String) throws {
        let json = fileText.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        guard let file = try? JSONDecoder().decode(File.self, from: Data(json.utf8)), file.format == Self.fileFormat else {
            throw TallyError.notAShareFile
        }
        self = file.share
    }
}

/// A ballot as the record holds it: its contests in manifest order, the SHA-256 of each text it
/// sealed (bound into the chain, so no sealed text can be swapped), and its tracking code.
public struct EncryptedBallot: Codable, Sendable, Equatable {
    /// `code_i` of the chain (32 bytes).
    public let code: [UInt8]
    public let contests: [EncryptedContest]
    /// The SHA-256 of each of its sealed texts (`SealedText`), in the form's order.
    public let texts: [[UInt8]]

    public init(code: [UInt8], contests: [EncryptedContest], texts: [[UInt8]] = []) {
        self.code = code
        self.contests = contests
        self.texts = texts
    }

    /// `H("ballot"; election_hash, u32(contests), for each: id, u32(selections), α, β …,
    /// u32(texts), each text's SHA-256)`.
    public static func hash(contests: [EncryptedContest], texts: [[UInt8]] = [], electionHash: [UInt8]) -> [UInt8] {
        var hash = TallyHash("ballot")
        hash.add(electionHash)
        hash.add(count: contests.count)
        for contest in contests {
            hash.add(contest.id)
            hash.add(count: contest.selections.count)
            for selection in contest.selections {
                hash.add(selection.alpha)
                hash.add(selection.beta)
            }
        }
        hash.add(count: texts.count)
        for text in texts { hash.add(text) }
        return hash.digest()
    }

    /// Encrypts a respondent's choices — the option chosen in each contest it was offered — in
    /// manifest order, with every proof. The code is set when the ballot joins the chain.
    public static func encrypt(choices: [String: Int], context: ElectionContext) throws -> [EncryptedContest] {
        var ordered: [(Int, String, Int)] = []
        for (id, option) in choices {
            guard let position = context.positions[id] else { throw TallyError.unknownContest(id) }
            guard option >= 0, option < context.manifest.contests[position].options.count else {
                throw TallyError.optionOutOfRange(contest: id, option: option)
            }
            ordered.append((position, id, option))
        }
        ordered.sort { $0.0 < $1.0 }
        return ordered.map { position, id, option in
            EncryptedContest.encrypt(id: id, option: option, count: context.manifest.contests[position].options.count, context: context)
        }
    }

    enum CodingKeys: String, CodingKey { case code, contests, texts }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let code = Hex.decode(try container.decode(String.self, forKey: .code)), code.count == 32 else {
            throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "not a tracking code")
        }
        self.code = code
        contests = try container.decode([EncryptedContest].self, forKey: .contests)
        texts = try container.decode([String].self, forKey: .texts).map { text in
            guard let digest = Hex.decode(text), digest.count == 32 else {
                throw DecodingError.dataCorruptedError(forKey: .texts, in: container, debugDescription: "not a SHA-256")
            }
            return digest
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Hex.encode(code), forKey: .code)
        try container.encode(contests, forKey: .contests)
        try container.encode(texts.map { Hex.encode($0) }, forKey: .texts)
    }
}

extension EncryptedBallot {
    /// Whether every ballot's every selection and contest proof holds (on every core): a ballot
    /// made behind the application's back without the proofs is refused before it is counted.
    public static func allHold(_ ballots: [EncryptedBallot], context: ElectionContext) -> Bool {
        concurrentMap(ballots) { ballot in ballot.contests.allSatisfy { $0.holds(context: context) } }.allSatisfy { $0 }
    }
}

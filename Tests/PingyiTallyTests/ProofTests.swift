import Testing

@testable import PingyiTally

@Suite("Ballots and their proofs")
struct ProofTests {
    static func context(
        chiefs: Int = 3, trustees: [String] = ["甲", "乙", "丙"], quorum: Int = 2
    ) throws -> (
        ElectionContext, [TrusteeShare]
    ) {
        let manifest = try Manifest(
            campaign: "测试",
            contests: (1...chiefs).map { ManifestContest(target: "E\($0)", question: "grade", options: TallyRehearsal.grades) })
        let (ceremony, shares) = try KeyCeremony.run(manifest: manifest, trustees: trustees, quorum: quorum)
        return (try ElectionContext(manifest: manifest, ceremony: ceremony), shares)
    }

    @Test("an honest ballot's selection and contest proofs hold, for every option chosen")
    func honest() throws {
        let (context, _) = try Self.context()
        for option in 0..<4 {
            let contests = try EncryptedBallot.encrypt(choices: ["E1|grade": option, "E3|grade": 3 - option], context: context)
            #expect(contests.map(\.id) == ["E1|grade", "E3|grade"], "in manifest order")
            #expect(contests.allSatisfy { $0.holds(context: context) })
        }
    }

    @Test("an encryption of 2 cannot carry a selection proof; a vector of two 1s cannot carry a contest proof")
    func dishonest() throws {
        let (context, _) = try Self.context()
        let key = context.jointKey
        let r = Scalar.random()
        let alpha = Point.base(r)
        let beta = Point.base(Scalar(2), plus: r, times: key)
        // The prover's algorithm run on m = 1 for what encrypts 2 gives a proof that does not hold.
        let forged = SelectionProof.prove(
            m: 1, r: r, alpha: alpha, beta: beta, key: key, electionHash: context.electionHash, contestID: "E1|grade", option: 0)
        #expect(!forged.holds(alpha: alpha, beta: beta, key: key, electionHash: context.electionHash, contestID: "E1|grade", option: 0))

        // Two contests, each honest: graft one's 1 onto the other's 0 and both proofs of the contest break.
        let a = try EncryptedBallot.encrypt(choices: ["E1|grade": 0], context: context)[0]
        let b = try EncryptedBallot.encrypt(choices: ["E1|grade": 1], context: context)[0]
        var selections = a.selections
        selections[1] = b.selections[1]
        #expect(!EncryptedContest(id: a.id, selections: selections, proof: a.proof).holds(context: context))
        // A selection proof moved to another option or contest does not hold there.
        #expect(!EncryptedContest(id: "E2|grade", selections: a.selections, proof: a.proof).holds(context: context))
        var swapped = a.selections
        swapped.swapAt(0, 1)
        #expect(!EncryptedContest(id: a.id, selections: swapped, proof: a.proof).holds(context: context))
    }

    @Test("a choice outside the manifest is refused before anything is encrypted")
    func refused() throws {
        let (context, _) = try Self.context()
        #expect(throws: TallyError.unknownContest("E9|grade")) { try EncryptedBallot.encrypt(choices: ["E9|grade": 0], context: context) }
        #expect(throws: TallyError.optionOutOfRange(contest: "E1|grade", option: 4)) {
            try EncryptedBallot.encrypt(choices: ["E1|grade": 4], context: context)
        }
    }
}

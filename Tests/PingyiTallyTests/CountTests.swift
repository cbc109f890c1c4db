import Foundation
import Testing

@testable import PingyiTally

@Suite("The key ceremony and the joint count")
struct CountTests {
    @Test("any two of three trustees decrypt the same totals; the rehearsal's totals are the choices it made")
    func anyTwo() throws {
        var totals: [[Int]] = []
        for present in [[1, 2], [1, 3], [2, 3], [1, 2, 3]] {
            let rehearsal = try TallyRehearsal.run(chiefs: 3, ballots: 12, perBallot: 2, present: present)
            #expect(rehearsal.record.tally.allSatisfy { $0.totals == rehearsal.expected[$0.id] })
            #expect(rehearsal.record.tally.allSatisfy { $0.totals.reduce(0, +) == $0.ballots })
            totals.append(rehearsal.record.tally.flatMap(\.totals))
        }
        #expect(totals.count == 4)
    }

    @Test("one trustee alone decrypts nothing: below the quorum the count is refused")
    func oneAlone() throws {
        let (context, shares) = try ProofTests.context()
        let ballots = [EncryptedBallot(code: [], contests: try EncryptedBallot.encrypt(choices: ["E1|grade": 2], context: context))]
        let aggregates = Aggregate.of(ballots, context: context)
        let one = try TallyDecryptor.shares(of: aggregates, by: shares[0], context: context)
        #expect(throws: TallyError.quorumNotMet(present: 1, quorum: 2)) {
            try TallyDecryptor.combine(aggregates: aggregates, shares: [1: one], context: context)
        }
        // What one share can do with a single ballot's ciphertext: s_1·α is not s·α.
        let selection = ballots[0].contests[0].selections[2]
        let guess = selection.beta - shares[0].secret * selection.alpha
        #expect(guess != Point.generator && guess != .infinity)
    }

    @Test("a changed, forged or another campaign's share is refused naming its trustee, and the count goes on with the rest")
    func wrongShares() throws {
        let (context, shares) = try ProofTests.context()
        let (otherContext, otherShares) = try ProofTests.context()
        _ = otherContext
        let changed = TrusteeShare(
            campaign: shares[1].campaign, ceremonyHash: shares[1].ceremonyHash, index: 2, name: "乙", secret: shares[1].secret + .one)
        #expect(throws: TallyError.shareDoesNotMatch(trustee: "乙")) { try changed.check(against: context) }
        // Another ceremony of the same manifest has the same hash but other keys: it does not match.
        #expect(throws: TallyError.shareDoesNotMatch(trustee: "甲")) { try otherShares[0].check(against: context) }
        let foreign = TrusteeShare(campaign: "另一次", ceremonyHash: [UInt8](repeating: 7, count: 32), index: 1, name: "甲", secret: .one)
        #expect(throws: TallyError.shareOfAnotherCampaign(trustee: "甲")) { try foreign.check(against: context) }
        let renamed = TrusteeShare(
            campaign: shares[0].campaign, ceremonyHash: shares[0].ceremonyHash, index: 1, name: "丁", secret: shares[0].secret)
        #expect(throws: TallyError.unknownTrustee(trustee: "丁")) { try renamed.check(against: context) }

        let ballots = try (0..<4).map { _ in
            EncryptedBallot(code: [], contests: try EncryptedBallot.encrypt(choices: ["E1|grade": 0, "E2|grade": 1], context: context))
        }
        let aggregates = Aggregate.of(ballots, context: context)
        let good1 = try TallyDecryptor.shares(of: aggregates, by: shares[0], context: context)
        let good3 = try TallyDecryptor.shares(of: aggregates, by: shares[2], context: context)
        // A share of trustee 2 forged from trustee 3's work (right point, wrong trustee) is refused.
        let forged = good3.map { $0.map { DecryptionShare(trustee: 2, share: $0.share, proof: $0.proof) } }
        #expect(throws: TallyError.shareProofFailed(trustee: "乙")) {
            try TallyDecryptor.combine(aggregates: aggregates, shares: [1: good1, 2: forged], context: context)
        }
        let tally = try TallyDecryptor.combine(aggregates: aggregates, shares: [1: good1, 3: good3], context: context)
        #expect(tally.map(\.totals) == [[4, 0, 0, 0], [0, 4, 0, 0], [0, 0, 0, 0]])
        #expect(tally.map(\.ballots) == [4, 4, 0])
    }

    @Test("a ceremony with a changed commitment is refused; 0 of 3, 4 of 3, 1 of 2, one unit and repeated names are refused")
    func ceremonyRefusals() throws {
        let manifest = try Manifest(campaign: "测试", contests: [ManifestContest(target: "E1", question: "grade", options: ["是", "否"])])
        let (ceremony, _) = try KeyCeremony.run(manifest: manifest, trustees: ["甲", "乙", "丙"], quorum: 2)
        #expect(ceremony.holds(manifestHash: manifest.hash))
        var trustees = ceremony.trustees
        let first = trustees[0]
        trustees[0] = TrusteeCommitments(
            index: 1, name: first.name, commitments: [first.commitments[0] + .generator, first.commitments[1]], proofs: first.proofs)
        #expect(throws: TallyError.ceremonyInvalid) {
            try ElectionContext(manifest: manifest, ceremony: Ceremony(quorum: 2, trustees: trustees))
        }
        #expect(throws: TallyError.quorum(0, trustees: 3)) { try KeyCeremony.run(manifest: manifest, trustees: ["甲", "乙", "丙"], quorum: 0) }
        #expect(throws: TallyError.quorum(4, trustees: 3)) { try KeyCeremony.run(manifest: manifest, trustees: ["甲", "乙", "丙"], quorum: 4) }
        #expect(throws: TallyError.trusteeNames) { try KeyCeremony.run(manifest: manifest, trustees: ["甲", "甲"], quorum: 2) }
        // No single unit may count: one trustee, or a quorum of one, is refused.
        #expect(throws: TallyError.trusteeCount(1)) { try KeyCeremony.run(manifest: manifest, trustees: ["县营商办"], quorum: 1) }
        #expect(throws: TallyError.quorum(1, trustees: 2)) { try KeyCeremony.run(manifest: manifest, trustees: ["甲", "乙"], quorum: 1) }
    }

    @Test("baby-step giant-step finds every total up to its bound, and nothing beyond it")
    func discreteLog() {
        let log = DiscreteLog(bound: 5000)
        for t in [0, 1, 2, 63, 64, 65, 71, 1000, 4999, 5000] {
            #expect(log.solve(Point.base(Scalar(t)), bound: 5000) == t)
        }
        #expect(log.solve(Point.base(Scalar(5001)), bound: 5000) == nil)
        #expect(log.solve(Point.base(Scalar(-1)), bound: 5000) == nil)
    }

    @Test("the record's JSON reads back to the same record; hashes and codes are hexadecimal of 32 bytes")
    func recordJSON() throws {
        let rehearsal = try TallyRehearsal.run(chiefs: 2, ballots: 3, perBallot: 2)
        let data = try rehearsal.record.json()
        let back = try JSONDecoder().decode(TallyRecord.self, from: data)
        #expect(try back.json() == data)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "pingyi-record-v1")
        #expect((object["chain_end"] as? String)?.count == 64)
        #expect(back.ballots.last?.code == Hex.decode(back.chainEnd))
    }
}

@Suite("Share files")
struct ShareFileTests {
    @Test("a share file says in Chinese what it is, and reads back; an edited or foreign file is refused")
    func roundTrip() throws {
        let (_, shares) = try ProofTests.context()
        let text = try shares[1].fileText()
        #expect(text.hasPrefix("# 评议系统 Pingyi · 多方联合计票的密钥份额\n") && text.contains("保管单位：乙（第 2 份）"))
        #expect(try TrusteeShare(fileText: text) == shares[1])
        #expect(try TrusteeShare(fileText: text.replacingOccurrences(of: "\r\n", with: "\n")) == shares[1])
        #expect(throws: TallyError.notAShareFile) { try TrusteeShare(fileText: "pingyi-ballot-key-v1:abc") }
        #expect(throws: TallyError.notAShareFile) {
            try TrusteeShare(fileText: text.replacingOccurrences(of: "pingyi-trustee-share-v1", with: "pingyi-trustee-share-v2"))
        }
    }
}

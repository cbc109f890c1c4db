import Foundation
import PingyiCore
import Testing

@Suite("Sealed ballots")
struct BallotSealTests {
    static let ballot = Data(#"{"grades":[{"option":"satisfied","question":"overall","target":"G0101"}],"signed":false,"stars":[],"texts":[]}"#.utf8)

    @Test("a sealed ballot opens with its campaign's key and context only")
    func roundTrip() throws {
        let key = BallotOpeningKey.generate()
        let sealed = try key.sealingKey.seal(Self.ballot, context: SealedBallot.context(campaignID: 5), length: 1024)
        #expect(try key.open(sealed, context: SealedBallot.context(campaignID: 5)) == Self.ballot)
        #expect(throws: SealedBallotError.wrongKey) { try key.open(sealed, context: SealedBallot.context(campaignID: 6)) }
        #expect(throws: SealedBallotError.wrongKey) { try BallotOpeningKey.generate().open(sealed, context: SealedBallot.context(campaignID: 5)) }
        var altered = sealed
        altered[altered.count - 1] ^= 1
        #expect(throws: SealedBallotError.wrongKey) { try key.open(altered, context: SealedBallot.context(campaignID: 5)) }
        #expect(throws: SealedBallotError.malformed) { try key.open(Data(count: 10), context: SealedBallot.context(campaignID: 5)) }
        // Two seals of the same ballot differ (a fresh ephemeral key each time).
        #expect(try key.sealingKey.seal(Self.ballot, context: SealedBallot.context(campaignID: 5), length: 1024) != sealed)
    }

    @Test("padding: every ballot of a campaign is sealed to its one length; one longer takes a whole multiple of it")
    func padding() throws {
        let key = BallotOpeningKey.generate().sealingKey
        let context = SealedBallot.context(campaignID: 1)
        let short = try key.seal(Data("{}".utf8), context: context, length: 8192)
        let long = try key.seal(Data(repeating: 0x61, count: 8188), context: context, length: 8192)
        #expect(short.count == long.count)
        #expect(short.count == 32 + 8192 + 16)  // encapsulated key, padded plaintext, tag
        #expect(SealedBallot.paddedLength(8189, length: 8192) == 16384)
        // Campaigns opened before lengths were fixed keep the size classes.
        #expect(SealedBallot.paddedLength(4093) == 16384)
        #expect(SealedBallot.paddedLength(70000) == 131_072)
    }

    @Test("the key file is text a person can keep, print and type back; comments are ignored")
    func keyFile() throws {
        let key = BallotOpeningKey.generate()
        let text = key.fileText(campaignID: 7)
        #expect(text.contains("活动 7") && text.contains("pingyi-ballot-key-v1:"))
        let read = try BallotOpeningKey(fileText: "\n\n" + text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(read.sealingKey == key.sealingKey)
        #expect(throws: SealedBallotError.unreadableKey) { try BallotOpeningKey(fileText: "pingyi-ballot-key-v1:bm90IGEga2V5") }
        #expect(throws: SealedBallotError.unreadableKey) { try BallotOpeningKey(fileText: "hello") }
        #expect(key.sealingKey.fingerprint.count == 16)
    }

    @Test("the pool of a count keeps every answer and separates unsigned clues from comments")
    func pool() {
        let ballots = (0..<20).map { index in
            BallotAnswers(
                grades: [GradeAnswer(target: "G\(index)", question: "overall", option: "satisfied")],
                texts: [
                    TextAnswer(target: "D1", question: "clue", text: "线索\(index)"), TextAnswer(target: nil, question: "general", text: "意见\(index)"),
                ],
                signed: index % 5 == 0)
        }
        let pool = BallotPool(ballots, clueQuestions: ["clue"])
        #expect(Set(pool.grades.map(\.target)) == Set((0..<20).map { "G\($0)" }))
        #expect(pool.texts.count == 20 && pool.texts.allSatisfy { $0.question == "general" })
        #expect(pool.unsignedClues.count == 16)  // the four signed ballots' clues went to the office at submission
    }
}

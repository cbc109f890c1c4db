import Foundation

/// A whole count rehearsed in memory, with made-up respondents: a manifest of `chiefs` chiefs ×
/// the four grades, a ceremony of three trustees with a quorum of two, `ballots` ballots each
/// grading `perBallot` chiefs, the chain, the aggregates, and the joint decryption by two
/// trustees (the third stays away). It checks the totals against the choices it made and times
/// each step: `pingyi tally rehearse`, the tests and `bench/tally` use it.
public struct TallyRehearsal: Sendable {
    public static let grades = ["满意", "基本满意", "不满意", "不了解"]
    public static let trustees = ["县营商办", "县纪委监委", "县委组织部"]

    public let record: TallyRecord
    /// Seconds spent in each step, in order.
    public let timings: [(step: String, seconds: Double)]
    /// The totals the rehearsal chose, by contest id.
    public let expected: [String: [Int]]

    public static func run(
        chiefs: Int, ballots: Int, perBallot: Int, present: [Int] = [1, 3], progress: @Sendable (String) -> Void = { _ in }
    ) throws -> TallyRehearsal {
        var timings: [(String, Double)] = []
        func timed<T>(_ step: String, _ body: () throws -> T) rethrows -> T {
            let start = Date()
            let value = try body()
            timings.append((step, Date().timeIntervalSince(start)))
            progress(String(format: "%@：%.2f 秒", step, timings.last!.1))
            return value
        }
        let manifest = try Manifest(
            campaign: "演练 \(chiefs) 名股室长",
            contests: (1...chiefs).map { ManifestContest(target: String(format: "E%05d", $0), question: "grade", options: grades) })
        let (ceremony, shares) = try timed("密钥生成（3 个单位，任意 2 个可解密）") {
            try KeyCeremony.run(manifest: manifest, trustees: trustees, quorum: 2)
        }
        let context = try ElectionContext(manifest: manifest, ceremony: ceremony)
        var expected = Dictionary(uniqueKeysWithValues: manifest.contests.map { ($0.id, [Int](repeating: 0, count: grades.count)) })
        var choices: [[String: Int]] = []
        for _ in 0..<ballots {
            var ballot: [String: Int] = [:]
            let first = Int.random(in: 0..<chiefs)
            for offset in 0..<min(perBallot, chiefs) {
                let id = manifest.contests[(first + offset) % chiefs].id
                let option = Int.random(in: 0..<grades.count)
                ballot[id] = option
                expected[id]![option] += 1
            }
            choices.append(ballot)
        }
        let encrypted = try timed("加密并证明 \(ballots) 张答卷") {
            try concurrentMap(choices) { choice in Result { try EncryptedBallot.encrypt(choices: choice, context: context) } }
                .map { try $0.get() }
        }
        let chained = timed("追踪码链") {
            var previous = TrackingCode.start(electionHash: context.electionHash)
            return encrypted.map { contests in
                previous = TrackingCode.next(
                    after: previous, ballotHash: EncryptedBallot.hash(contests: contests, electionHash: context.electionHash))
                return EncryptedBallot(code: previous, contests: contests)
            }
        }
        let aggregates = timed("密文累加（\(chiefs) × \(grades.count)）") { Aggregate.of(chained, context: context) }
        var given: [Int: [[DecryptionShare]]] = [:]
        for index in present {
            given[index] = try timed("「\(trustees[index - 1])」的解密份额") {
                try TallyDecryptor.shares(of: aggregates, by: shares[index - 1], context: context)
            }
        }
        let tally = try timed("核验份额并联合解密") { try TallyDecryptor.combine(aggregates: aggregates, shares: given, context: context) }
        for contest in tally where contest.totals != expected[contest.id] {
            throw TallyError.totalNotFound(contest: contest.id)
        }
        let record = TallyRecord(context: context, ballots: chained, tally: tally, texts: 0)
        return TallyRehearsal(record: record, timings: timings, expected: expected)
    }
}

extension TallyRehearsal {
    /// Milliseconds of this process's CPU to encrypt and prove one ballot grading `chiefs` chiefs
    /// (the four grades each), on one thread: the mean over `ballots` ballots.
    public static func encryptionCost(chiefs: Int, ballots: Int) throws -> Double {
        let manifest = try Manifest(
            campaign: "加密开销",
            contests: (1...chiefs).map { ManifestContest(target: "E\($0)", question: "grade", options: grades) })
        let (ceremony, _) = try KeyCeremony.run(manifest: manifest, trustees: trustees, quorum: 2)
        let context = try ElectionContext(manifest: manifest, ceremony: ceremony)
        let choices = Dictionary(uniqueKeysWithValues: manifest.contests.map { ($0.id, Int.random(in: 0..<4)) })
        _ = try EncryptedBallot.encrypt(choices: choices, context: context)
        let start = processCPUSeconds()
        for _ in 0..<ballots { _ = try EncryptedBallot.encrypt(choices: choices, context: context) }
        return (processCPUSeconds() - start) * 1000 / Double(ballots)
    }

    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

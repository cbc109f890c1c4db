import ArgumentParser
import Foundation
import PingyiTally

/// `pingyi tally rehearse`: the count no single office can read, rehearsed in memory with
/// made-up ballots — the ceremony, encryption with proofs, the chain, the aggregates, the joint
/// decryption by two of three trustees — timed step by step, the record written for `verify/`.
struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally", abstract: "多方联合计票（同态加密）：演练与测量。", subcommands: [Rehearse.self])

    struct Rehearse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rehearse",
            abstract: "在内存中演练一次联合计票（不连数据库），逐步计时；--out 写出公开记录，供 verify/ 核验。")
        @Option(help: "股室长人数") var chiefs = 20
        @Option(help: "答卷张数") var ballots = 50
        @Option(name: .customLong("per-ballot"), help: "每张答卷评议的股室长人数") var perBallot = 5
        @Option(help: "公开记录的文件（JSON）") var out: String?
        @Flag(name: .customLong("encryption-cost"), help: "另测单线程加密并证明一张答卷（--chiefs 名股室长）所需的 CPU 毫秒数") var encryptionCost = false

        func validate() throws {
            guard chiefs >= 1, chiefs <= 100_000 else { throw ValidationError("股室长人数须在 1 至 100000 之间") }
            guard ballots >= 0, ballots <= 1_000_000 else { throw ValidationError("答卷张数须在 0 至 1000000 之间") }
            guard perBallot >= 1 else { throw ValidationError("每张答卷至少评议 1 名股室长") }
        }

        func run() throws {
            if encryptionCost {
                let ms = try TallyRehearsal.encryptionCost(chiefs: chiefs, ballots: max(ballots, 1))
                print(String(format: "加密并证明一张答卷（%d 名股室长 × 4 个选项）：%.2f 毫秒 CPU（单线程，%d 张的平均）", chiefs, ms, max(ballots, 1)))
                return
            }
            let rehearsal = try TallyRehearsal.run(chiefs: chiefs, ballots: ballots, perBallot: perBallot) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            let data = try rehearsal.record.json()
            if let out {
                try data.write(to: URL(fileURLWithPath: out))
                print("公开记录已写入 \(out)（\(data.count) 字节，\(rehearsal.record.ballots.count) 张答卷）。")
            }
            let total = rehearsal.timings.map(\.seconds).reduce(0, +)
            print(String(format: "合计 %.2f 秒；各股室长的合计与演练所投一致。", total))
        }
    }
}

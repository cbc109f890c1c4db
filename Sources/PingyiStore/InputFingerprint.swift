import Crypto
import Foundation
import PingyiCore

/// The fingerprint of a scoring input, by which scoring the same data again gives back the
/// stored run: the SHA-256 of every figure and name the scoring reads, written in a fixed order
/// (keys sorted) as fields each ended by a NUL byte (which no text from PostgreSQL holds), every
/// list led by its length, every number exact (a double by its bits). The policy and the options,
/// a few hundred bytes, go in as sorted-key JSON (the policy's due days by key); the tallies, stars, assessments and history —
/// which grow with the chiefs — are written straight into one buffer: through `JSONEncoder` they
/// were a sixth of the scoring of 30,000 chiefs.
enum InputFingerprint {
    /// Changes when the layout below does, so that no input written one way matches another.
    static let version = "pingyi-scoring-input-2"

    /// The input's fingerprint, as lowercase hex.
    static func of(_ input: ScoringInput) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var writer = Writer()
        writer.text(version)
        writer.number(input.year)
        // The policy as sorted-key JSON, but for its one dictionary whose keys are not strings
        // (`ledger.dueDays`): JSONEncoder writes such a dictionary as an array in hash order,
        // which differs from process to process, so it is written here by key.
        var policy = input.policy
        let dueDays = policy.ledger.dueDays
        policy.ledger.dueDays = [:]
        writer.bytes(try encoder.encode(policy))
        writer.counts(Dictionary(uniqueKeysWithValues: dueDays.map { ($0.key.rawValue, $0.value) }))
        writer.bytes(try encoder.encode(input.options))
        writer.number(input.tallies.count)
        for tally in input.tallies {
            for text in [tally.employeeNumber, tally.name, tally.departmentCode, tally.departmentName, tally.section, tally.position] {
                writer.text(text)
            }
            writer.counts(tally.counts)
        }
        writer.number(input.stars.count)
        for (code, stars) in input.stars.sorted(by: { $0.key < $1.key }) {
            writer.text(code)
            writer.number(stars.meanByPoint.count)
            for (point, mean) in stars.meanByPoint.sorted(by: { $0.key < $1.key }) {
                writer.text(point)
                writer.number(mean)
            }
            writer.counts(stars.countByPoint)
        }
        for assessments in [input.departmentAssessments, input.chiefAssessments] {
            writer.number(assessments.count)
            for (key, scores) in assessments.sorted(by: { $0.key < $1.key }) {
                writer.text(key)
                for figure in [scores.leadership, scores.publicity, scores.implementation, scores.highlights] { writer.number(figure) }
            }
        }
        writer.number(input.history.count)
        for (number, history) in input.history.sorted(by: { $0.key < $1.key }) {
            writer.text(number)
            for years in [history.flagged, history.bottom] {
                writer.number(years.count)
                for (year, value) in years.sorted(by: { $0.key < $1.key }) {
                    writer.number(year)
                    writer.number(value ? 1 : 0)
                }
            }
        }
        return SHA256.hash(data: writer.buffer).hex
    }

    /// The bytes being fingerprinted.
    struct Writer {
        var buffer: [UInt8] = []

        /// A text and its end.
        mutating func text(_ text: String) {
            buffer.append(contentsOf: text.utf8)
            buffer.append(0)
        }

        /// An integer in decimal.
        mutating func number(_ value: Int) {
            text(String(value))
        }

        /// A double by its bits (the same double, the same text).
        mutating func number(_ value: Double) {
            text(String(value.bitPattern, radix: 16))
        }

        /// Bytes led by their length.
        mutating func bytes(_ data: Data) {
            number(data.count)
            buffer.append(contentsOf: data)
        }

        /// Option or point → count, by key.
        mutating func counts(_ counts: [String: Int]) {
            number(counts.count)
            for (key, count) in counts.sorted(by: { $0.key < $1.key }) {
                text(key)
                number(count)
            }
        }
    }
}

import Crypto
import Foundation

/// The private half of a campaign's ballot key. It never enters the database: `pingyi campaign
/// open` writes it to a file (mode 600) that the office keeps offline, and closing the campaign
/// needs it to open the sealed ballots. Lost, the campaign's ballots cannot be counted.
public struct BallotOpeningKey: Sendable {
    /// The 32 private bytes (kept as bytes: the Crypto key type is not `Sendable`).
    let rawPrivateKey: Data

    var privateKey: Curve25519.KeyAgreement.PrivateKey {
        // Checked when the value was made.
        try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: rawPrivateKey)
    }

    /// A new random key pair.
    public static func generate() -> BallotOpeningKey {
        BallotOpeningKey(rawPrivateKey: Curve25519.KeyAgreement.PrivateKey().rawRepresentation)
    }

    init(rawPrivateKey: Data) {
        self.rawPrivateKey = rawPrivateKey
    }

    /// The public half, stored with the campaign.
    public var sealingKey: BallotSealingKey {
        BallotSealingKey(rawRepresentation: privateKey.publicKey.rawRepresentation)!
    }

    /// Opens a ballot sealed with `sealingKey` for `context`; throws `SealedBallotError` when
    /// the ciphertext was not made for this key and context, or has been altered.
    public func open(_ sealed: Data, context: Data) throws -> Data {
        let encapsulatedLength = 32
        guard sealed.count > encapsulatedLength else { throw SealedBallotError.malformed }
        let encapsulated = sealed.prefix(encapsulatedLength)
        let ciphertext = sealed.dropFirst(encapsulatedLength)
        do {
            var recipient = try HPKE.Recipient(
                privateKey: privateKey, ciphersuite: SealedBallot.ciphersuite, info: context, encapsulatedKey: Data(encapsulated))
            return try SealedBallot.unpad(try recipient.open(Data(ciphertext)))
        } catch let error as SealedBallotError {
            throw error
        } catch {
            throw SealedBallotError.wrongKey
        }
    }

    /// The key file's text: a comment saying what it is, then one line `pingyi-ballot-key-v1:`
    /// and the 32 private bytes in base64. Short enough to print and type back, or to keep as
    /// a QR code.
    public func fileText(campaignID: Int) -> String {
        """
        # 营商环境评议 · 活动 \(campaignID) 的计票私钥（结束活动、统计选票时必需）
        # 请离线保存（U 盘或打印件），不要放在服务器或数据库中；丢失后本活动的选票无法统计。
        # 公钥指纹 \(sealingKey.fingerprint)（控制台的年度工作台和活动进度页显示同一指纹）
        \(Self.prefix)\(privateKey.rawRepresentation.base64EncodedString())

        """
    }

    /// Reads a key file's text (comments and blank lines ignored).
    public init(fileText: String) throws {
        let lines = fileText.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let line = lines.first(where: { $0.hasPrefix(Self.prefix) }),
            let raw = Data(base64Encoded: String(line.dropFirst(Self.prefix.count))),
            (try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)) != nil
        else { throw SealedBallotError.unreadableKey }
        rawPrivateKey = raw
    }

    static let prefix = "pingyi-ballot-key-v1:"
}

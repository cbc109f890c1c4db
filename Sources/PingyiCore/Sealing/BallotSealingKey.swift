import Crypto
import Foundation

/// The public half of a campaign's ballot key (X25519): the server seals every ballot with it
/// at submission, so the database, its WAL, backups and replicas hold only ciphertext while the
/// campaign is open. Stored with the campaign (32 bytes); useless for reading ballots.
public struct BallotSealingKey: Hashable, Sendable {
    /// The 32-byte X25519 public key.
    public let rawRepresentation: Data

    /// Reads a stored key; `nil` unless it is a valid X25519 public key.
    public init?(rawRepresentation: Data) {
        guard (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: rawRepresentation)) != nil else { return nil }
        self.rawRepresentation = rawRepresentation
    }

    /// A short fingerprint to compare by eye (the first 16 characters of SHA-256, hex): what
    /// `campaign open` prints and `campaign list` shows, so the office can tell the key it holds
    /// is the one ballots are sealed with.
    public var fingerprint: String {
        SHA256.hash(data: rawRepresentation).prefix(8).hex
    }

    var publicKey: Curve25519.KeyAgreement.PublicKey {
        // Checked in the initialiser.
        try! Curve25519.KeyAgreement.PublicKey(rawRepresentation: rawRepresentation)
    }

    /// Seals `plaintext` for the holder of the private key: HPKE (RFC 9180, base mode,
    /// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305), bound to `context` (the
    /// campaign), after padding it to the campaign's one `length` (`BallotLength`) so that the
    /// ciphertext's length does not tell how many chiefs a ballot graded or how long its
    /// comments are. `nil` pads to the legacy size classes (campaigns opened before).
    public func seal(_ plaintext: Data, context: Data, length: Int?) throws -> Data {
        var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: SealedBallot.ciphersuite, info: context)
        let sealed = try sender.seal(SealedBallot.pad(plaintext, length: length))
        return sender.encapsulatedKey + sealed
    }
}

/// One entry of an encrypted vector: `(α, β) = (r·G, m·G + r·K)` with `m` 0 or 1, proven so.
public struct EncryptedSelection: Codable, Sendable, Equatable {
    public let alpha: Point
    public let beta: Point
    public let proof: SelectionProof
}

/// The part of the business environment a problem concerns.
public enum BusinessEnvironment: String, CaseIterable, Codable, Hashable, Sendable {
    case government = "政务环境"
    case policy = "政策环境"
    case factors = "要素环境"
    case legal = "法治环境"
    case politicalBusiness = "政商环境"
}

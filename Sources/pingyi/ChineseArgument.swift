import ArgumentParser
import PingyiCore

/// The command line takes a state, status or kind by its Chinese name, as every page and every
/// printed line shows it (`--state 办理中`, `--status 已完成`); the stored English value is still
/// accepted, for scripts written before.
enum ChineseArgument {
    static func value<Value: CaseIterable & RawRepresentable>(_ argument: String, label: (Value) -> String) -> Value?
    where Value.RawValue == String {
        let typed = argument.trimmingCharacters(in: .whitespaces)
        return Value.allCases.first { label($0) == typed } ?? Value.allCases.first { $0.rawValue == typed }
    }
}

extension ProblemState: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = ChineseArgument.value(argument, label: { (state: ProblemState) in state.label }) else { return nil }
        self = value
    }
    public static var allValueStrings: [String] { allCases.map(\.label) }
    public var defaultValueDescription: String { label }
}

extension ProblemClue.Status: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = ChineseArgument.value(argument, label: { (status: ProblemClue.Status) in status.label }) else { return nil }
        self = value
    }
    public static var allValueStrings: [String] { allCases.map(\.label) }
    public var defaultValueDescription: String { label }
}

extension FollowUpStatus: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = ChineseArgument.value(argument, label: { (status: FollowUpStatus) in status.label }) else { return nil }
        self = value
    }
    public static var allValueStrings: [String] { allCases.map(\.label) }
    public var defaultValueDescription: String { label }
}

extension CampaignKind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = ChineseArgument.value(argument, label: { (kind: CampaignKind) in kind.label }) else { return nil }
        self = value
    }
    public static var allValueStrings: [String] { allCases.map(\.label) }
    public var defaultValueDescription: String { label }
}

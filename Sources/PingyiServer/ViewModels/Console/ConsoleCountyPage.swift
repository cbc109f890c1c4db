import PingyiCore

/// 本县信息 (admin): the county's identity, shown and edited in one form; a refused entry is
/// shown again with its message and what was typed.
struct ConsoleCountyPage: Page {
    /// `Templates/console-county.mustache`.
    static let template = "console-county"

    let member: ConsoleMemberView
    let csrf: String
    /// What the form holds (the stored identity, or what was typed and refused).
    let countyName: String
    let officeName: String
    let officeShortName: String
    let consultPhone: String
    let supervisePhone: String
    let seal: String
    /// Why the entry was refused, if it was.
    let problem: String?
    /// Whether the identity was just saved.
    let saved: Bool

    init(member: ConsoleMemberView, csrf: String, identity: CountyIdentity, problem: String? = nil, saved: Bool = false) {
        self.member = member
        self.csrf = csrf
        let shown =
            identity == .unset
            ? CountyIdentity(countyName: "", officeName: "", officeShortName: "县营商办", consultPhone: "", supervisePhone: "", seal: "") : identity
        countyName = shown.countyName
        officeName = shown.officeName
        officeShortName = shown.officeShortName
        consultPhone = shown.consultPhone
        supervisePhone = shown.supervisePhone
        seal = shown.seal
        self.problem = problem
        self.saved = saved
    }
}

import PingyiCore

/// The county's identity as every template sees it, under `county`: `{{county.officeName}}`.
struct CountyView: Sendable {
    let countyName: String
    let officeName: String
    let officeShortName: String
    let consultPhone: String
    let supervisePhone: String
    let seal: String
    /// Whether a 咨询电话 is set (the sentences that give it are left out until then).
    let hasPhone: Bool
    /// Whether the office has yet to set the identity (the console asks it to).
    let unset: Bool

    init(_ identity: CountyIdentity) {
        countyName = identity.countyName
        officeName = identity.officeName
        officeShortName = identity.officeShortName
        consultPhone = identity.consultPhone
        supervisePhone = identity.supervisePhone
        seal = identity.seal
        hasPhone = !identity.consultPhone.isEmpty
        unset = !identity.isSet
    }
}

import ArgumentParser
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// `pingyi identity`: the county's identity (本县信息), shown, or set field by field — the same
/// rules as the console's 本县信息 page.
struct IdentityCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity", abstract: "显示或设置本县信息：县名、办公室全称与简称、咨询电话、监督电话、落款（与控制台「本县信息」相同）。")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("county"), help: "县名，如 清河县") var countyName: String?
    @Option(name: .customLong("office"), help: "办公室全称") var officeName: String?
    @Option(name: .customLong("short"), help: "办公室简称（短信署名，最多 6 字）") var officeShortName: String?
    @Option(name: .customLong("consult-phone"), help: "咨询电话") var consultPhone: String?
    @Option(name: .customLong("supervise-phone"), help: "监督电话") var supervisePhone: String?
    @Option(help: "落款（通报末尾的单位名称）") var seal: String?

    func run(_ configuration: PingyiConfiguration) async throws {
        let identity = try await database.withPool(configuration) { pool in
            let store = CountyIdentityStore(pool: pool)
            var identity = try await store.load()
            let changes = [countyName, officeName, officeShortName, consultPhone, supervisePhone, seal]
            guard changes.contains(where: { $0 != nil }) else { return identity }
            if let countyName { identity.countyName = countyName }
            if let officeName { identity.officeName = officeName }
            if let officeShortName { identity.officeShortName = officeShortName }
            if let consultPhone { identity.consultPhone = consultPhone }
            if let supervisePhone { identity.supervisePhone = supervisePhone }
            if let seal { identity.seal = seal }
            do {
                return try await store.save(identity, actor: configuration.actor)
            } catch let error as CountyIdentityError {
                throw ValidationError(error.description + "未保存。")
            }
        }
        print("县名：\(identity.countyName)")
        print("办公室全称：\(identity.officeName)")
        print("办公室简称：\(identity.officeShortName)")
        print("咨询电话：\(identity.consultPhone.isEmpty ? "（未填写）" : identity.consultPhone)")
        print("监督电话：\(identity.supervisePhone.isEmpty ? "（未填写）" : identity.supervisePhone)")
        print("落款：\(identity.seal)")
    }
}

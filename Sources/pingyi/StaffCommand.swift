import ArgumentParser
import Foundation
import HummingbirdBcrypt
import PingyiCore
import PingyiStore

/// `pingyi staff create --role … --name … --login …`
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "staff", abstract: "网页控制台的工作人员账号。", subcommands: [Create.self])

    /// Makes an account with an initial password, shown once.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "创建账号并生成初始密码（只显示这一次，首次登录须修改）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "admin（营商办）、orgdept（组织部）或 hr（人事）") var role: APIRole
        @Option(help: "姓名") var name: String
        @Option(help: "登录名（小写字母、数字、. _ -）") var login: String

        func run() async throws {
            let password = StaffCommand.initialPassword()
            let hash = Bcrypt.hash(password, cost: StaffCommand.cost)
            let member = try await database.withPool { pool in
                try await StaffStore(pool: pool).create(login: login, name: name, role: role, passwordHash: hash, actor: DatabaseOptions.actor)
            }
            print("已创建账号 \(member.login)（\(member.name)，\(member.role.rawValue)），初始密码：\(password)")
            print("首次登录 /console 后须修改密码。")
        }
    }

    /// bcrypt's cost: `PINGYI_BCRYPT_COST` (4–14), else 12.
    static var cost: UInt8 {
        ProcessInfo.processInfo.environment["PINGYI_BCRYPT_COST"].flatMap(UInt8.init).map { min(max($0, 4), 14) } ?? 12
    }

    /// 12 characters without look-alikes.
    static func initialPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

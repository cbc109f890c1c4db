import ArgumentParser
import Foundation
import HummingbirdBcrypt
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// `pingyi staff create|list|disable|enable|reset-password`
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "网页控制台的工作人员账号。", subcommands: [Create.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    /// Makes an account with an initial password, shown once.
    struct Create: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "创建账号并生成初始密码（只显示这一次，首次登录须修改）。")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "admin（营商办）、orgdept（组织部）、hr（人事）或 department（部门联络员）") var role: APIRole
        @Option(help: "部门代码（部门联络员账号必填）") var department: String?
        @Option(help: "姓名") var name: String
        @Option(help: "登录名（小写字母、数字、. _ -）") var login: String

        func run(_ configuration: PingyiConfiguration) async throws {
            let password = StaffCommand.initialPassword()
            let hash = Bcrypt.hash(password, cost: configuration.server.bcryptCost)
            let member = try await database.withPool(configuration) { pool in
                try await StaffStore(pool: pool).create(
                    login: login, name: name, role: role, department: department, passwordHash: hash, actor: configuration.actor)
            }
            print("已创建账号 \(member.login)（\(member.name)，\(member.role.rawValue)），初始密码：\(password)")
            print("首次登录 /console 后须修改密码。")
        }
    }

    /// Lists the accounts.
    struct List: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出账号（登录名、姓名、角色、状态）。")
        @OptionGroup var database: DatabaseOptions

        func run(_ configuration: PingyiConfiguration) async throws {
            let accounts = try await database.withPool(configuration) { try await StaffStore(pool: $0).list() }
            if accounts.isEmpty { print("还没有账号（pingyi staff create 创建）。") }
            for (member, active) in accounts {
                let state = !active ? "已停用" : member.mustChangePassword ? "待修改初始密码" : "正常"
                print("\(member.login)\t\(member.name)\t\(member.role.rawValue)\(member.departmentCode.map { " \($0)" } ?? "")\t\(state)")
            }
        }
    }

    /// Disables an account: it can no longer sign in, its sessions end.
    struct Disable: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "停用账号（立即退出所有登录）。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "登录名") var login: String
        func run(_ configuration: PingyiConfiguration) async throws {
            try await StaffCommand.setActive(login, false, database: database, configuration: configuration)
        }
    }

    /// Enables a disabled account.
    struct Enable: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "重新启用账号。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "登录名") var login: String
        func run(_ configuration: PingyiConfiguration) async throws {
            try await StaffCommand.setActive(login, true, database: database, configuration: configuration)
        }
    }

    static func setActive(_ login: String, _ active: Bool, database: DatabaseOptions, configuration: PingyiConfiguration) async throws {
        try await database.withPool(configuration) {
            try await StaffStore(pool: $0).setActive(login: login, active: active, actor: configuration.actor)
        }
        print("账号 \(login) 已\(active ? "启用" : "停用")。")
    }

    /// A new initial password, shown once; the account must change it at the next sign-in.
    struct ResetPassword: ConfiguredCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "重置密码：生成新的初始密码（只显示这一次），下次登录须修改，现有登录全部退出。")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "登录名") var login: String

        func run(_ configuration: PingyiConfiguration) async throws {
            let password = StaffCommand.initialPassword()
            let hash = Bcrypt.hash(password, cost: configuration.server.bcryptCost)
            try await database.withPool(configuration) {
                try await StaffStore(pool: $0).resetPassword(login: login, passwordHash: hash, actor: configuration.actor)
            }
            print("账号 \(login) 的新初始密码：\(password)（下次登录须修改）")
        }
    }

    /// 12 characters without look-alikes.
    static func initialPassword() -> String { InitialPassword.make() }
}

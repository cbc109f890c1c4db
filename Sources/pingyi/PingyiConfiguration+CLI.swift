import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiWorkflows

/// What the command-line tool takes from the configuration.
extension PingyiConfiguration {
    /// The acting user for the audit log: `cli:` and the operating-system user.
    var actor: String {
        "cli:" + (user ?? ProcessInfo.processInfo.userName)
    }

    /// The key of typed codes: `PINGYI_CODE_SECRET`, else the file's (made on first use).
    func codeKey() throws -> InvitationCodeKey {
        try CodeSecret.key(secret: codeSecret, file: codeSecretFile)
    }
}

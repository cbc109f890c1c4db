import Foundation
import PingyiCore

/// Where the key of typed codes comes from (`InvitationCodeKey`): `PINGYI_CODE_SECRET` when set,
/// else a file of the user the tool and the server run as, made on first use (mode 600, in a
/// folder of mode 700). The command-line tool that issues codes and the server that looks them
/// up must use the same key: on one machine under one user the file does it; under two users,
/// set the variable for both.
public enum CodeSecret {
    /// The key of `secret`, else the file's; the file and its folder are made when missing.
    public static func key(secret: String?, file: String) throws -> InvitationCodeKey {
        if let secret {
            guard let key = InvitationCodeKey(secret: Data(secret.utf8)) else {
                throw WorkflowError("PINGYI_CODE_SECRET 太短：至少 32 个字符（可用 openssl rand -base64 32 生成）")
            }
            return key
        }
        if !FileManager.default.fileExists(atPath: file) {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            do {
                try PrivateFile.create(file, contents: Data((InvitationCodeKey.randomSecret() + "\n").utf8))
            } catch is PrivateFileExists {
                // Made by another process meanwhile: read below.
            }
        }
        guard let text = FileManager.default.contents(atPath: file).flatMap({ String(data: $0, encoding: .utf8) }),
            let key = InvitationCodeKey(secret: Data(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        else { throw WorkflowError("无法读取录入码密钥文件 \(file)（应为至少 32 个字符的一行）") }
        return key
    }
}

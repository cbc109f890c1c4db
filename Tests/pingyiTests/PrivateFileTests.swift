import Foundation
import PingyiWorkflows
import Testing

@testable import pingyi

#if canImport(Glibc)
import Glibc
#endif

/// Files holding links, keys or personal data: only the owner can read them, from the first
/// byte, and nothing already at the path is replaced or followed.
@Suite("Private files")
struct PrivateFileTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "pingyi-private-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        #expect(lstat(path, &info) == 0)
        return info.st_mode & 0o777
    }

    @Test("made with mode 600 whatever the umask, written in full")
    func mode600() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let previous = umask(0)  // the most permissive umask: the mode must still be 600
        defer { umask(previous) }
        let path = folder + "/links.csv"
        let contents = Data(String(repeating: "链接,", count: 10_000).utf8)
        try PrivateFile.create(path, contents: contents)
        #expect(Self.mode(path) == 0o600)
        #expect(FileManager.default.contents(atPath: path) == contents)
    }

    @Test("an existing file is refused and left as it was; a symbolic link is not followed")
    func refusesExisting() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/personnel.csv"
        try Data("HR's own file".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: PrivateFileExists.self) { try PrivateFile.create(path, contents: Data("new".utf8)) }
        #expect(FileManager.default.contents(atPath: path) == Data("HR's own file".utf8))

        let target = folder + "/elsewhere.txt"
        let link = folder + "/key.txt"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: PrivateFileExists.self) { try PrivateFile.create(link, contents: Data("secret".utf8)) }
        #expect(!FileManager.default.fileExists(atPath: target))
        let message = PrivateFileExists(path: path).operatorMessage
        #expect(message.contains("已存在") && message.contains(path))
    }

    @Test("a folder that cannot be written: a clear error, no file")
    func unwritable() throws {
        #expect(throws: WorkflowError.self) { try PrivateFile.create("/nonexistent-folder/keys.txt", contents: Data("x".utf8)) }
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file only its owner may read, made in one step: `O_CREAT|O_EXCL|O_NOFOLLOW` with mode 0600
/// from the start (never readable by anyone else, not even for a moment), never replacing
/// anything already at the path (no check-then-write race), written in full and fsync'ed.
public enum PrivateFile {
    /// Writes `contents` to a new file at `path`; throws `PrivateFileExists` when something is
    /// at the path already (a link included: it is not followed), `WorkflowError` when it cannot be
    /// written, leaving no partial file.
    public static func create(_ path: String, contents: Data) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST || code == ELOOP { throw PrivateFileExists(path: path) }
            throw WorkflowError("无法创建 \(path)：\(String(cString: strerror(code)))")
        }
        var failure: Int32 = 0
        contents.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure != 0 {
            unlink(path)
            throw WorkflowError("无法写入 \(path)：\(String(cString: strerror(failure)))")
        }
    }
}

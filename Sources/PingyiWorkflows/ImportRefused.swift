import PingyiCore

/// An import file that was refused: nothing of it was written.
public struct ImportRefused: Error {
    public let file: InvalidFile

    public init(file: InvalidFile) {
        self.file = file
    }
}
